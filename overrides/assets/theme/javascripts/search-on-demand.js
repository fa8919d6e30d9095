// The search index is fetched when a reader opens the search, not on every page. Material's
// bundle (the MkDocs engine) requests search/search_index.json as the page loads (about 290 KB for
// the default playbook), with XMLHttpRequest, and its search worker waits for it. Loaded in the
// head, before the bundle, this holds back the sending of that one request until the search is
// opened — the search field focused or clicked, its label pressed, or a search shortcut typed
// (/, s, f) — and then sends it as it was. Zensical's index (search.json) is left alone: its search
// is drawn only once its index has come, so a shortcut typed before would find no search to open.
// The offline copy (file://) loads its index as a script and is not affected.
(function () {
  const INDEX = /\/search\/search_index\.json$/;
  const TRIGGERS = '.md-search, [for="__search"], .md-search__button, [data-md-toggle="search"]';
  const SHORTCUTS = new Set(["/", "s", "f", "S", "F"]);
  const held = [];
  let opened = false;

  function open() {
    if (opened) return;
    opened = true;
    for (const send of held.splice(0)) send();
  }

  const proto = XMLHttpRequest.prototype;
  const openRequest = proto.open;
  const sendRequest = proto.send;
  proto.open = function (method, url, ...rest) {
    try {
      this.pbSearchIndex = INDEX.test(new URL(String(url), location.href).pathname);
    } catch {
      this.pbSearchIndex = false;
    }
    return openRequest.call(this, method, url, ...rest);
  };
  proto.send = function (...args) {
    if (this.pbSearchIndex && !opened) {
      held.push(() => sendRequest.apply(this, args));
      return undefined;
    }
    return sendRequest.apply(this, args);
  };

  const onTrigger = (event) => {
    const target = event.target;
    if (target instanceof Element && target.closest(TRIGGERS)) open();
  };
  document.addEventListener("focusin", onTrigger, true);
  document.addEventListener("pointerdown", onTrigger, true);
  document.addEventListener("click", onTrigger, true);
  document.addEventListener(
    "change",
    (event) => {
      if (event.target instanceof Element && event.target.id === "__search") open();
    },
    true,
  );
  document.addEventListener(
    "keydown",
    (event) => {
      const target = event.target;
      const editing = target instanceof Element && target.closest("input, textarea, select, [contenteditable]");
      if (SHORTCUTS.has(event.key) && !editing) open();
    },
    true,
  );
})();
