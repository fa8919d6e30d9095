"""Room *engines*: what turns the staged folder into HTML. Only this room imports MkDocs, Material or Zensical.

Owns the boundary (``engine``: the engines by name, build, serve, what an
engine cannot do), the MkDocs adapter (build in strict mode, serve with live
reload), the worker that warms MkDocs up in a second process, the plugin that
keeps the theme's compiled templates between builds, and the Zensical adapter.

May import: ``render`` (the compiled-template cache), and the top-level
``problems`` and ``logcapture``.
"""
