"""The Content-Security-Policy every page carries, in one place for every engine.

Static hosting sends no headers of ours, so the policy travels in the page as
``<meta http-equiv="Content-Security-Policy">``, written by the theme override
(``overrides/main.html``) from ``extra.content_security_policy`` of the staged
``mkdocs.yml``. Any engine that renders the overrides writes the same policy.

Only the site's own files may run or style the page: no inline script, no
script or style from another host, no request to another host (the tools keep
what a user types in the browser). The theme's own inline scripts are served
as files from ``overrides/assets/theme/javascripts/`` instead. Directives a
``<meta>`` policy cannot carry (``frame-ancestors``, ``report-uri``,
``sandbox``) are left out: the browser would only warn about them.
"""

from __future__ import annotations

# Directive -> its sources, in the order the policy states them.
DIRECTIVES: dict[str, tuple[str, ...]] = {
    "default-src": ("'none'",),
    "script-src": ("'self'",),
    "style-src": ("'self'",),
    # Material draws its icons from data: SVGs in its stylesheet; the brand logo is a file of the site.
    "img-src": ("'self'", "data:"),
    "font-src": ("'self'",),
    # Instant navigation fetches the next page and the sitemap; search fetches its index.
    "connect-src": ("'self'",),
    "worker-src": ("'self'",),
    "manifest-src": ("'self'",),
    "form-action": ("'self'",),
    "base-uri": ("'self'",),
}


def content_security_policy() -> str:
    """The policy as the value of a ``Content-Security-Policy`` header or meta element."""
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in DIRECTIVES.items())
