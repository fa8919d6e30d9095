"""Room *render*: what the site and the handouts share on the way from playbook to template output.

Owns the Jinja environment every generator template renders in, the
rendering of page contexts to bytes, and the compiled-template cache.

May import: ``content``, and the top-level ``problems``.
"""
