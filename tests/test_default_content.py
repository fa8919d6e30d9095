"""The default playbook: it builds, it is linked, it cites its sources, and it is in our own words."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import unavailable

from playbook.content.link import Playbook, Ref
from playbook.content.load import load_document
from playbook.content.model import AUDIENCES, PLACEHOLDER_IN_TEXT, MessageTemplate
from playbook.pipeline import Project, check
from playbook.report import Reporter

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"


def seed_folder() -> Path:
    """Where the five seed articles are, which are not part of the repository.

    ``$PLAYBOOK_SEEDS`` if set; else ``shared/seeds`` in a folder above this
    checkout or above the repository on this machine it was cloned from (CI
    runs on a fresh clone of the working repository, which sits beside them).
    """
    if os.environ.get("PLAYBOOK_SEEDS"):
        return Path(os.environ["PLAYBOOK_SEEDS"])
    origin = subprocess.run(
        ["git", "-C", str(REPO), "config", "--get", "remote.origin.url"], capture_output=True, text=True, check=False
    ).stdout.strip()
    places = [REPO]
    if origin.removeprefix("file://").startswith("/"):
        places.append(Path(origin.removeprefix("file://")))
    for place in places:
        for folder in place.parents:
            if (folder / "shared" / "seeds").is_dir():
                return folder / "shared" / "seeds"
    return REPO.parent / "shared" / "seeds"


SEEDS = seed_folder()

# Which source entry stands for which seed article.
SEED_SOURCES = {
    "000": "recruiters-head-networking",
    "001": "fortifying-linkedin-network",
    "002": "networking-new-n-word",
    "003": "bad-networkers-relationship-formula",
    "004": "hashtags-into-real-people",
}
# The one quotation the playbook allows itself: the formula, in the article's exact words.
FORMULA_QUOTE = "(what's in it for me + what's in it for you) X (trust through knowing you) = relationship"
SHARED_RUN = 7
LINKEDIN_NOTE_LIMIT = 300
FIRST_MESSAGE_WORD_LIMIT = 150

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
URL = re.compile(r"https?://|www\.|\b[\w-]+\.(?:com|org|net|io)(?:/|\b)", re.IGNORECASE)
PHONE = re.compile(r"\+?\d[\d ().-]{8,}\d")


@pytest.fixture(scope="module")
def playbook() -> Playbook:
    return check(Project(REPO), Reporter(quiet=True)).playbook


def words(text: str) -> list[str]:
    """Lowercase words, with typographic apostrophes and quotes made plain."""
    text = text.lower().translate(str.maketrans("‘’“”", "''\"\""))
    return re.findall(r"[a-z0-9]+", text)


def strings(data: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every text value in loaded YAML, with its key path."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from strings(value, (*path, key))
    elif isinstance(data, tuple | list):
        for index, value in enumerate(data):
            yield from strings(value, (*path, index))
    elif isinstance(data, str):
        yield path, data


@cache
def content_texts() -> tuple[tuple[str, tuple[str | int, ...], str], ...]:
    """(file, key path, text) for every text value in the content folder."""
    found = []
    for file in sorted(CONTENT.rglob("*.yml")):
        document, problems = load_document(str(file), file.read_bytes())
        assert document is not None, [p.format() for p in problems]
        relative = str(file.relative_to(REPO))
        found += [(relative, path, text) for path, text in strings(document.data)]
    return tuple(found)


def seeds() -> dict[str, str]:
    found = {file.name[:3]: file.read_text(encoding="utf-8") for file in sorted(SEEDS.glob("*.txt"))}
    if sorted(found) != sorted(SEED_SOURCES):
        unavailable(f"the five seed articles are not at {SEEDS} (found {len(found)}); set PLAYBOOK_SEEDS")
    return found


def filled(template: MessageTemplate) -> tuple[str, str]:
    """Subject and body with every placeholder replaced by its example."""
    subject, body = template.subject or "", template.body
    for placeholder in template.placeholders:
        subject = subject.replace("{" + placeholder.name + "}", placeholder.example)
        body = body.replace("{" + placeholder.name + "}", placeholder.example)
    return subject, body


def test_default_content_builds_strict(default_site: Project) -> None:
    # build_site runs MkDocs in strict mode and raises on any warning.
    assert (default_site.site_dir / "index.html").is_file()
    pages = {p.stem for p in (default_site.stage_dir / "docs").rglob("*.md")}
    assert {"network-audit", "job-seeker", "relationships-over-connections"} <= pages


def test_content_has_every_kind_in_quantity(playbook: Playbook) -> None:
    counts = {kind: len(table) for kind, table in playbook.entries.items()}
    assert counts["principle"] >= 10
    assert counts["anti-pattern"] >= 8
    assert counts["template"] >= 8
    assert counts["worksheet"] >= 5
    assert counts["debate"] >= 3
    # The five articles, and the published works the playbook's numbers and research come from.
    assert set(SEED_SOURCES.values()) <= set(playbook.entries["source"])
    assert counts["source"] >= len(SEED_SOURCES) + 5
    assert playbook.formula is not None


def test_every_entry_cites_a_known_source(playbook: Playbook) -> None:
    sources = set(playbook.entries["source"])
    for kind, table in playbook.entries.items():
        for entry in table.values():
            if hasattr(entry, "sources"):
                # A checker rule no source backs says so, as the playbook's own rule of thumb.
                assert entry.sources or getattr(entry, "basis", None), f"{kind} {entry.id} cites no source"
                assert set(entry.sources) <= sources, f"{kind} {entry.id} cites an unknown source"


def test_each_seed_article_is_cited_by_at_least_three_entries(playbook: Playbook) -> None:
    for seed, source in SEED_SOURCES.items():
        citing = {ref for ref in playbook.cited_by.get(source, frozenset()) if ref.kind != "formula"}
        assert len(citing) >= 3, f"article {seed} ({source}) is cited by {len(citing)} entries"


def test_every_anti_pattern_links_to_a_principle(playbook: Playbook) -> None:
    for anti_pattern in playbook.entries["anti-pattern"].values():
        assert anti_pattern.instead, f"{anti_pattern.id} names no principle to follow instead"
        assert playbook.linked(Ref("anti-pattern", anti_pattern.id), "principle")


def test_every_principle_counters_or_applies_something(playbook: Playbook) -> None:
    for principle in playbook.entries["principle"].values():
        ref = Ref("principle", principle.id)
        linked = playbook.linked(ref, "anti-pattern") + playbook.linked(ref, "template")
        assert linked, f"{principle.id} counters no anti-pattern and has no template"
        assert 3 <= len(principle.how) <= 6, f"{principle.id} has {len(principle.how)} steps"


def test_template_placeholders_are_declared_and_filled_by_examples(playbook: Playbook) -> None:
    for template in playbook.entries["template"].values():
        used = set(PLACEHOLDER_IN_TEXT.findall(template.body + (template.subject or "")))
        assert used == {p.name for p in template.placeholders}, template.id
        subject, body = filled(template)
        assert "{" not in subject + body and "}" not in subject + body, template.id
        if template.channel == "email":
            assert subject, f"{template.id} is an e-mail without a subject"
        if template.channel == "linkedin-note":
            assert len(body.strip()) <= LINKEDIN_NOTE_LIMIT, f"{template.id}: {len(body.strip())} characters"
        if template.situation != "candidate-to-recruiter":
            assert len(body.split()) <= FIRST_MESSAGE_WORD_LIMIT, f"{template.id}: {len(body.split())} words"
            assert not re.search(r"\battach", body, re.IGNORECASE), f"{template.id} attaches something"


def test_every_audience_has_a_reading_path(playbook: Playbook) -> None:
    paths = playbook.entries["path"].values()
    # Every audience has a path; job seekers have two, the full one and the five steps for students.
    assert {path.audience for path in paths} == set(AUDIENCES)
    for path in paths:
        entries = [step.entry for step in path.steps]
        assert len(entries) == len(set(entries)), f"{path.id} lists an entry twice"


def test_formula_bands_read_every_score(playbook: Playbook) -> None:
    formula = playbook.formula
    assert formula is not None
    assert formula.quote.text == FORMULA_QUOTE

    def inside(bounds: Any, value: float) -> bool:
        return (bounds.min is None or value >= bounds.min) and (bounds.max is None or value <= bounds.max)

    exchange = [c for c in formula.components if c.role == "exchange"]
    trust = [c for c in formula.components if c.role == "trust"]
    assert {c.id for c in exchange} == {"for_me", "for_you"} and [c.id for c in trust] == ["trust"]
    assert sum(c.max for c in exchange) * trust[0].max == 50
    for for_me in range(6):
        for for_you in range(6):
            for trusted in range(6):
                total = for_me + for_you
                band = next(
                    (
                        b
                        for b in formula.bands
                        if inside(b.result, total * trusted) and inside(b.exchange, total) and inside(b.trust, trusted)
                    ),
                    None,
                )
                assert band is not None, (for_me, for_you, trusted)
                if total > 0 and trusted <= 1:
                    # The exchange alone makes you a contact; trust makes it a relationship.
                    assert band.label == "A contact"


def test_stories_and_exceptions_are_all_retold() -> None:
    text = " ".join(t for _, _, t in content_texts()).lower()
    for must in (
        "landscap",
        "it director",
        "voicemail",
        "blogging",
        "rules of thumb",
        "second-degree",
        "boolean",
        "coffee",
        "between sessions",
        "bio or résumé",
        "connect with as many recruiters",
    ):
        assert must in text, f"nothing in the content mentions {must!r}"


def test_no_contact_details_or_links_in_content() -> None:
    handles = set()
    for article in seeds().values():
        for address in EMAIL.findall(article):
            handles |= {address.split("@")[0].lower(), address.split("@")[1].split(".")[0].lower()}
        handles |= {m.lower() for m in re.findall(r"linkedin\.com/in/([\w-]+)", article)}
    for file, path, text in content_texts():
        where = f"{file}: {'.'.join(map(str, path))}"
        assert not EMAIL.search(text), f"{where} holds an e-mail address"
        # A published work's own address is how a reader finds it; nothing else is linked.
        if not (file.startswith("content/sources/") and path[-1] == "url"):
            assert not URL.search(text), f"{where} holds a link"
        assert "linkedin.com/in/" not in text, f"{where} links a personal profile"
        # A translation's reviewed fingerprint is twelve hex digits, often all decimal ones.
        if path != ("reviewed",):
            assert not PHONE.search(text), f"{where} holds a phone number"
        assert not handles & set(words(text)), f"{where} names a seed author's contact handle"


def test_no_run_of_seven_words_copied_from_the_articles() -> None:
    runs: dict[tuple[str, ...], str] = {}
    for seed, article in seeds().items():
        tokens = words(article)
        for i in range(len(tokens) - SHARED_RUN + 1):
            runs.setdefault(tuple(tokens[i : i + SHARED_RUN]), seed)
    assert FORMULA_QUOTE in seeds()["003"], "the formula quotation is no longer word for word"
    copied = []
    for file, path, text in content_texts():
        if path[-2:] == ("quote", "text") and text.strip() == FORMULA_QUOTE:
            continue
        if file.startswith("content/sources/") and path == ("title",):
            continue  # an article's own title may name it
        tokens = words(text)
        for i in range(len(tokens) - SHARED_RUN + 1):
            run = tuple(tokens[i : i + SHARED_RUN])
            if run in runs:
                copied.append(f"{file}: {'.'.join(map(str, path))}: {' '.join(run)} (article {runs[run]})")
    assert not copied, "\n".join(copied)
