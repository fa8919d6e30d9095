"""Room *fork*: a career center's own folder, ``content/local/``, over upstream content.

Owns the overlay (branding, new entries, field overrides, hidden entries,
notes, strings), ``playbook drift`` (upstream entries changed since an
override was reviewed) and ``playbook init-local`` (the starting files).

May import: ``content``, and the top-level ``problems``.
"""
