"""Room *checker*: the outreach-message checker and what it guards.

Owns the rules engine (a draft and rules in, findings out; the browser's
``lib/checker.js`` follows it step by step), the ``playbook lint-message``
command's input and output, and the self-check that every message template,
filled with its examples, passes the checker.

May import: ``content``, and the top-level ``problems``.
"""
