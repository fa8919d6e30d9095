"""The message checker page in Chromium: findings marked in the draft, reachable by keyboard, private, fast.

Runs on the repository's own playbook, whose rules are the ones users get.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import serve
from test_accessibility import axe_violations

from playbook.pipeline import Project

pytestmark = pytest.mark.browser

BAD_DRAFT = "Thanks for accepting my request!\nAre you hiring? My CV is attached.\n\nLet's sync up sometime."
GOOD_DRAFT = (
    "Hi Ruth,\n\nI attended your session on apprenticeship funding at the Skills Summit on Tuesday. "
    "Could I ask which two questions you would put to a training provider, in a 15-minute call next week?\n\n"
    "Many thanks,\nSam Cole"
)


def open_checker(page: Any, project: Project) -> None:
    page.goto(serve(project.site_dir) + "tools/checker/")
    page.wait_for_selector('[data-pb-mounted="checker"]')


def check_draft(page: Any, text: str) -> None:
    """Type a draft and wait until the findings of exactly this text are shown."""
    page.evaluate("document.querySelector('[data-pb-tool=checker]').removeAttribute('data-pb-findings')")
    page.fill(".pb-checker-draft", text)
    page.wait_for_selector("[data-pb-findings]")


def test_findings_are_marked_explained_and_reached_by_keyboard(page: Any, default_site: Project) -> None:
    open_checker(page, default_site)
    assert page.inner_text(".pb-checker-summary").startswith("Write or paste a draft")
    assert axe_violations(page) == []

    page.fill(".pb-checker-subject", "Coffee?")
    check_draft(page, BAD_DRAFT)
    # Nothing in the draft names the kind of message: rules that depend on it give tips, not warnings.
    assert page.inner_text(".pb-checker-summary").startswith("6 findings: 2 warnings, 4 hints")
    page.select_option("select >> nth=0", "first-contact")
    page.wait_for_function("document.querySelector('.pb-checker-summary').innerText.startsWith('6 findings: 1 error')")
    summary = page.inner_text(".pb-checker-summary")
    assert summary.startswith("6 findings: 1 error, 5 warnings")
    findings = page.locator(".pb-checker-finding")
    rules = [findings.nth(i).get_attribute("data-rule") for i in range(findings.count())]
    assert rules == [
        "no-connection",
        "job-request",
        "unsolicited-attachment",
        "unsolicited-attachment",
        "no-point",
        "no-time-box",
    ]
    error = page.locator('.pb-checker-finding[data-rule="job-request"]')
    assert error.inner_text().startswith("✖ Error [2] “Are you hiring” asks for a job")
    marks = page.locator("mark.pb-checker-mark")
    assert [marks.nth(i).inner_text() for i in range(marks.count())][:3] == [
        "Thanks for accepting my request!\n",
        "Are you hiring",
        "?",
    ]
    assert page.locator("mark.pb-checker-mark--error").inner_text() == "Are you hiring"
    page.wait_for_function(
        "document.querySelector('[role=status][aria-live=polite]').textContent.startsWith('6 findings')"
    )
    assert axe_violations(page) == []

    # Keyboard only: from the draft, Tab reaches the job-request finding's button; Enter selects its text.
    page.focus(".pb-checker-draft")
    reached = []
    for _ in range(20):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.textContent"))
        if reached[-1] == "Show in the draft, line 2, column 1":
            break
    assert reached[-1] == "Show in the draft, line 2, column 1", reached
    page.keyboard.press("Enter")
    selected = page.evaluate(
        "(() => { const t = document.activeElement; return [t.classList.contains('pb-checker-draft'), t.value.slice(t.selectionStart, t.selectionEnd)]; })()"
    )
    assert selected == [True, "Are you hiring"]

    # What the message is changes the rules: a candidate may send a recruiter a résumé.
    page.select_option("select >> nth=0", "candidate-to-recruiter")
    page.wait_for_function(
        "!document.querySelector('.pb-checker-finding[data-rule=unsolicited-attachment]')"
        " && !document.querySelector('.pb-checker-finding[data-rule=job-request]')"
    )

    page.select_option("select >> nth=0", "first-contact")
    check_draft(page, GOOD_DRAFT)
    assert page.inner_text(".pb-checker-summary").startswith("No findings")
    assert axe_violations(page) == []
    assert not [u for u in page.requests if not u.startswith(("http://127.0.0.1", "data:", "blob:"))]


def test_the_draft_is_kept_only_when_asked(page: Any, default_site: Project) -> None:
    open_checker(page, default_site)
    key = page.evaluate(
        "`playbook:${JSON.parse(document.getElementById('pb-config-checker').content.textContent).site.id}:checker:draft`"
    )
    check_draft(page, BAD_DRAFT)
    page.wait_for_timeout(600)
    assert page.evaluate(f"localStorage.getItem({key!r})") is None
    assert not page.is_checked(".pb-checker-keep input")

    page.check(".pb-checker-keep input")
    kept = json.loads(page.evaluate(f"localStorage.getItem({key!r})"))
    assert kept["schema"] == 1
    assert kept["data"] == {"situation": "first-contact", "channel": "email", "subject": "", "body": BAD_DRAFT}
    page.reload()
    page.wait_for_selector('[data-pb-mounted="checker"]')
    assert page.input_value(".pb-checker-draft") == BAD_DRAFT
    assert page.is_checked(".pb-checker-keep input")

    page.uncheck(".pb-checker-keep input")
    assert page.evaluate(f"localStorage.getItem({key!r})") is None
    assert page.inner_text(".pb-checker-keep [role=status]") == "The kept draft was deleted from this browser."


def test_a_100_kb_paste_is_checked_and_the_page_stays_usable(page: Any, default_site: Project) -> None:
    """How long the page blocks on such a paste is measured by bench/checker_paste.py, not asserted here."""
    open_checker(page, default_site)
    paragraph = (
        "Thanks for accepting my request! Are you hiring? My CV is attached. Let's sync up sometime, "
        "I'd love to pick your brain. Any help would be greatly appreciated. [Name]\n\n"
    )
    text = (paragraph * (100 * 1024 // len(paragraph) + 1))[: 100 * 1024]
    # A paste as the page sees it: the value changes and an input event fires.
    page.evaluate(
        """(text) => { const draft = document.querySelector('.pb-checker-draft');
          document.querySelector('[data-pb-tool=checker]').removeAttribute('data-pb-findings');
          draft.value = text;
          draft.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste'})); }""",
        text,
    )
    page.wait_for_selector("[data-pb-findings]", timeout=60000)
    findings = int(page.get_attribute("[data-pb-tool=checker]", "data-pb-findings") or 0)
    # Each paragraph repeats the same faults, so a draft this long has many findings, not one.
    assert findings > 100, findings
    page.focus(".pb-checker-draft")
    page.keyboard.press("End")
    page.keyboard.type("x")
    assert page.input_value(".pb-checker-draft").endswith("x")


THANK_YOU = "Hi Ruth,\n\nThank you for your time on Tuesday. Your tip about site diaries is already in mine.\n\nJonah"


def test_the_checker_guesses_the_situation_says_so_and_the_writer_corrects_it(page: Any, default_site: Project) -> None:
    open_checker(page, default_site)
    page.fill(".pb-checker-subject", "Thank you")
    check_draft(page, THANK_YOU)
    select = page.get_by_label("What is this message?")
    assert select.input_value() == "thank-you"
    notice = page.locator(".pb-checker-guess")
    assert notice.get_attribute("role") == "status"
    assert notice.inner_text() == (
        "Guessed from your text (“Thank you for your time”): Thank-you note. Change it if that is wrong."
    )
    assert page.inner_text(".pb-checker-summary").startswith("No findings")
    assert not page.get_by_role("button", name="Guess from my text again").is_visible()
    assert axe_violations(page) == []

    select.select_option("first-contact")
    page.wait_for_selector('.pb-checker-finding[data-rule="no-question"]')
    assert notice.inner_text() == "You chose: First contact (someone new). The checker no longer guesses."
    check_draft(page, THANK_YOU + "\n")
    assert select.input_value() == "first-contact"

    page.get_by_role("button", name="Guess from my text again").click()
    page.wait_for_function("!document.querySelector('.pb-checker-finding[data-rule=no-question]')")
    assert select.input_value() == "thank-you"
    assert page.evaluate("document.activeElement.tagName") == "SELECT"
    assert axe_violations(page) == []
