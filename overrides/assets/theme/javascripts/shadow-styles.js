// Zensical (the second engine) draws its search dialog in a shadow root and styles it by
// appending a <style> element there, which the site's Content-Security-Policy (style-src
// 'self', no inline style; playbook/site/policy.py) refuses: the dialog would show unstyled
// and the browser would report a violation on every page. Loaded in the head, before the
// theme's bundle, this hands such a <style> to its shadow root as a constructed stylesheet
// instead, which the policy allows (it governs style elements and attributes, not the CSS
// object model). The text comes from the theme's own bundle, a file of this site; nothing
// else is affected: only <style> elements appended straight to a shadow root. Material (the
// MkDocs engine) appends none.
(function () {
  const append = ShadowRoot.prototype.appendChild;
  ShadowRoot.prototype.appendChild = function (node) {
    if (node instanceof HTMLStyleElement) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(node.textContent);
      this.adoptedStyleSheets = [...this.adoptedStyleSheets, sheet];
      return node;
    }
    return append.call(this, node);
  };
})();
