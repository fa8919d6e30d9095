"""The playbook checks itself: every message template, filled with its examples, passes the message checker.

A template that the checker would flag with an error teaches the very mistake
the playbook warns about, so the build stops and names the template, the rule
and the offending text.
"""

from __future__ import annotations

from playbook.checker.rules import Finding, check_message
from playbook.content.link import Playbook, Ref
from playbook.content.load import Document, Position
from playbook.content.model import MessageTemplate
from playbook.problems import Problem


def template_problems(playbook: Playbook) -> list[Problem]:
    """An error-level finding of any template filled with its example values, as a problem at the template.

    The problem stands in the file that wrote the offending part: a fork's
    override of the body or subject, or else the template's own file.
    """
    rules = playbook.of_kind("rule")
    if not rules:
        return []
    problems = []
    for template in playbook.of_kind("template"):
        subject, body = template.filled()
        origin = playbook.origins[Ref("template", template.id)]
        for finding in check_message(rules, body, template.situation, subject):
            if finding.severity != "error":
                continue
            matched = body[finding.span.start : finding.span.end] if finding.span and finding.part == "body" else ""
            document = origin.document_for((finding.part,))
            position = _position(document, template, finding, matched)
            rule = playbook.origins.get(Ref("rule", finding.rule))
            rule_file = rule.path if rule is not None else f"content/rules/{finding.rule}.yml"
            problems.append(
                Problem(
                    document.path,
                    position.line,
                    position.column,
                    finding.part,
                    f"the template '{template.id}', filled with its examples, breaks the checker rule "
                    f"'{finding.rule}': {finding.message}",
                    f"{finding.fix.rstrip('.')}; if the rule is wrong for this template, change {rule_file}",
                )
            )
    return problems


def _position(document: Document, template: MessageTemplate, finding: Finding, matched: str) -> Position:
    """Where in the template's file the finding is: its line, and its column when the text is written out there.

    Placeholder examples are single lines, so line n of the filled text is
    line n of the template's own text.
    """
    if finding.span is None:
        return document.position_of((finding.part,))
    raw = template.subject if finding.part == "subject" else template.body
    lines = (raw or "").split("\n")
    needle = lines[finding.line - 1].strip() if finding.line <= len(lines) else ""
    if not needle:
        return document.position_of((finding.part,))
    start = document.position_in_value((finding.part,), needle)
    offset = needle.find(matched) if matched and "\n" not in matched else -1
    return Position(start.line, start.column + offset) if offset >= 0 else start
