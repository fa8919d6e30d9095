"""Room *site*: the playbook as a staged MkDocs project, and the finished site.

Owns the shaping of every site page (``pages``), escaping for Markdown,
HTML and inline JSON, the pages' Content-Security-Policy, the staged ``mkdocs.yml``, staging (only changed bytes
written), swapping a finished build in for ``site/``, the offline copy and
its bundle of the browser tools, and regenerating on edits while serving.

May import: ``content``, ``checker``, ``render``, and the top-level
``problems``, ``project`` and ``report``.
"""
