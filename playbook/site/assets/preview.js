// The live preview's client, added to every page by `playbook serve` alone (see playbook/site/preview.py).
// It asks the preview server for news, reloads the page when a newer good version is built, and shows
// the problems of an edit that broke the content over the last good page. Text from the server is
// written with textContent only.
(function () {
  "use strict";
  var script = document.currentScript;
  var pageVersion = Number(script && script.getAttribute("data-preview-version")) || 0;
  var seen = pageVersion - 1;
  var overlay = null;

  function close() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function show(problems) {
    close();
    overlay = element("section", "pb-preview");
    overlay.setAttribute("role", "alert");
    overlay.setAttribute("aria-labelledby", "pb-preview-title");
    var count = problems.length === 1 ? "a problem" : problems.length + " problems";
    var title = element("h2", "pb-preview__title", "The last edit has " + count + ": this page is the last good version");
    title.id = "pb-preview-title";
    var list = element("ul", "pb-preview__list");
    problems.forEach(function (text) {
      var item = element("li", "pb-preview__problem");
      item.appendChild(element("code", "", text));
      list.appendChild(item);
    });
    var hint = element("p", "pb-preview__hint", "Fix the file and save it: the page reloads by itself.");
    var button = element("button", "pb-preview__close", "Close");
    button.type = "button";
    button.addEventListener("click", close);
    overlay.addEventListener("keydown", function (event) {
      if (event.key === "Escape") close();
    });
    overlay.append(title, list, hint, button);
    // First in the page, so it is also first when moving through the page with Tab.
    document.body.prepend(overlay);
  }

  function handle(state) {
    if (state.problems.length > 0) {
      if (state.version !== seen) show(state.problems);
    } else if (state.version > pageVersion) {
      location.reload();
      return false;
    } else {
      close();
    }
    seen = state.version;
    return true;
  }

  function poll() {
    fetch("/__preview__/state?after=" + seen, { cache: "no-store" })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (state) {
        if (handle(state)) poll();
      })
      .catch(function () {
        // The server is restarting or gone: ask again in a moment.
        setTimeout(poll, 1000);
      });
  }

  poll();
})();
