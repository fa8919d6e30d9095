"""Room *handouts*: the printable PDFs, from the linked playbook to PDF bytes.

Owns the shaping of the three print documents (full handout, short handout,
card deck), the card grid and its fit check, QR codes, the WeasyPrint shell,
and the pdf stage that renders, checks and stages them.

May import: ``content``, ``render``, ``site`` (escaping and atomic writes),
and the top-level ``problems`` and ``logcapture``.
"""
