/**
 * Zensical's search dialog, brought to WCAG 2.1 AA. Zensical (the second engine) draws
 * its search in an open shadow root on a child of <body>, out of reach of the site's
 * stylesheets (its own styles reach it through assets/theme/javascripts/shadow-styles.js).
 * axe-core finds two things there: the grey page path under each result has a contrast of
 * 3.3:1, and the scrolling list of results cannot be reached by keyboard (its container
 * has tabindex="-1"). A stylesheet of ours darkens the path, and the container becomes a
 * tab stop, whenever the dialog is drawn or redrawn.
 *
 * Material's search (the MkDocs engine) has no shadow root; its dialog (role="dialog") has
 * no accessible name, which axe's aria-dialog-name rule and Lighthouse report: it is given
 * the name of the search's own options ("Search", in the page's language), as Zensical's is.
 */

// rgb(0 0 0 / 0.7) on the dialog's white is 8.4:1; the other text of the dialog passes already.
const RULES = '[role="option"] menu { color: rgb(0 0 0 / 0.7); }';

let sheet = null;
const watched = new WeakSet();

function ownSheet() {
  if (sheet === null) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(RULES);
  }
  return sheet;
}

function patch(root) {
  if (!root.querySelector("dialog")) return;
  // After the engine's own sheets (see assets/theme/javascripts/shadow-styles.js), so ours win.
  if (!root.adoptedStyleSheets.includes(ownSheet())) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, ownSheet()];
  }
  // The results scroll inside the container of the live count, which is the one to reach by keyboard.
  const count = root.querySelector('[role="status"][aria-live]');
  const results = count ? count.parentElement : null;
  if (results && results.getAttribute("tabindex") !== "0") results.setAttribute("tabindex", "0");
}

function watch(host) {
  const root = host.shadowRoot;
  if (!root || watched.has(root)) return;
  watched.add(root);
  new MutationObserver(() => patch(root)).observe(root, { childList: true, subtree: true });
  patch(root);
}

/** Name Material's search dialog after its options' label, which the theme writes in the page's language. */
function nameMaterialDialog(doc) {
  const dialog = doc.querySelector('.md-search[role="dialog"]:not([aria-label]):not([aria-labelledby])');
  const named = dialog ? dialog.querySelector(".md-search__options[aria-label], [aria-label]") : null;
  if (dialog && named) dialog.setAttribute("aria-label", named.getAttribute("aria-label"));
}

/** Patch the search dialog: Material's now, Zensical's now and whenever it appears on the page. */
export function fixSearchDialog(doc = document) {
  nameMaterialDialog(doc);
  const scan = () => {
    for (const el of doc.body.children) watch(el);
  };
  new MutationObserver(scan).observe(doc.body, { childList: true });
  scan();
}
