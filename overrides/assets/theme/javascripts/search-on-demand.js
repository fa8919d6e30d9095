// The search index is fetched when a reader opens the search, not on every page. Both themes'
// bundles request it as the page loads (Material: search/search_index.json, about 290 KB for
// the default playbook; Zensical: search.json), with XMLHttpRequest, and hand it to the search
// when it arrives. Loaded in the head, before the bundle, this holds back the sending of that
// one request until the search is opened — the search field focused or clicked, its button or
// label pressed, or a search shortcut typed (/, s, f) — and then sends it as it was. The rest of
// the theme is untouched; the offline copy (file://) loads its index as a script and is not affected.
(function () {
  const INDEX = /\/(?:search\/search_index|search)\.json$/;
  const TRIGGERS = '.md-search, [for="__search"], .md-search__button, [data-md-toggle="search"]';
  const SHORTCUTS = new Set(["/", "s", "f", "S", "F"]);
  const held = [];
  let opened = false;

  // Zensical's search answers what is typed with the index it has: words typed before the index came
  // would stay unanswered, so once it has come the query is given again (Material's waits by itself).
  function askAgain() {
    setTimeout(() => {
      for (const host of document.body.children) {
        const field = host.shadowRoot ? host.shadowRoot.querySelector("input") : null;
        if (field && field.value) field.dispatchEvent(new Event("input", { bubbles: true, composed: true }));
      }
    }, 0);
  }

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
      this.addEventListener("loadend", askAgain);
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
