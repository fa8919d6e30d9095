"""Room *engines*: what turns the staged folder into HTML. Only this room imports MkDocs or Material.

Owns the MkDocs adapter (build in strict mode, serve with live reload), the
worker that warms MkDocs up in a second process, and the plugin that keeps
the theme's compiled templates between builds.

May import: ``render`` (the compiled-template cache), and the top-level
``problems`` and ``logcapture``.
"""
