"""The Spanish edition: translation files beside the English, merged, checked for staleness and built."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pyphen
import pytest
import yaml
from conftest import FIXTURES, REPO, make_project, run_cli, serve
from english import blocks, english_paragraphs, is_english, is_english_label
from playwright.sync_api import expect
from pypdf import PdfReader

from playbook.content.kinds import KINDS
from playbook.content.link import Ref
from playbook.pipeline import Project, build_site, check
from playbook.problems import ContentError
from playbook.report import Reporter

QUIET = Reporter(quiet=True)


def report(project: Project) -> list[str]:
    with pytest.raises(ContentError) as caught:
        check(project, QUIET)
    return [p.format() for p in caught.value.problems]


def write(project: Project, relative: str, text: str) -> None:
    path = project.content_dir / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_translation_files_are_not_read_as_entries(project: Project) -> None:
    write(project, "principles/give-first.es.yml", "translation_of: give-first\nreviewed: ''\ntitle: Da primero\n")
    write(project, "formula.es.yml", "translation_of: formula\nreviewed: ''\n")
    write(project, "local/overrides/give-first.es.yml", "translation_of: give-first\ntitle: Da primero\n")
    write(project, "local/principles/our-fair.es.yml", "translation_of: our-fair\ntitle: Nuestra feria\n")
    checked = check(project, QUIET)
    assert len(checked.playbook.entries["principle"]) == 2


def test_a_translation_into_an_unsupported_language_is_reported_with_every_other(project: Project) -> None:
    write(project, "principles/give-first.fr.yml", "title: Donner d'abord\n")
    write(project, "principles/give-first.en.yml", "title: Give first\n")
    write(project, "local/notes/give-first.de.yml", "text: Zuerst geben\n")
    assert sorted(report(project)) == [
        "content/local/notes/give-first.de.yml:1:1: (file): 'give-first.de.yml' is a translation into 'de', a"
        " language the playbook has no strings for — name it give-first.es.yml, or add the interface strings in"
        " generators/strings/de/ first",
        "content/principles/give-first.en.yml:1:1: (file): 'give-first.en.yml' names English, the language of"
        " give-first.yml itself — write English in give-first.yml; a translation is named give-first.es.yml",
        "content/principles/give-first.fr.yml:1:1: (file): 'give-first.fr.yml' is a translation into 'fr', a"
        " language the playbook has no strings for — name it give-first.es.yml, or add the interface strings in"
        " generators/strings/fr/ first",
    ]


GIVE_FIRST_ES = """\
translation_of: give-first
reviewed: ""
# The Spanish of every text a reader sees; ids, tags and references stay in the English file.
title: Da antes de pedir
summary: Ofrece algo útil antes de pedir cualquier cosa.
why: |
  La gente recuerda a quien la ayudó.

  Un segundo párrafo con *estrellas* y <b>etiquetas</b> que deben quedar literales.
how:
  - Busca algo que le importe.
  - Compártelo con una línea sobre por qué pensaste en esa persona.
example:
  weak: |
    Hola, ¿me consigues un trabajo?
  better: |
    Hola, Sam:

    Vi tu charla sobre sourcing y pensé que este artículo te interesaría.
  why: Ofrece algo de valor y no pide nada.
"""


def in_spanish(project: Project, setting: str = "language: es") -> Project:
    path = project.content_dir / "site.yml"
    text = re.sub(r"(?m)^language: .*\n", "", path.read_text(encoding="utf-8"))
    path.write_text(text + setting + "\n", encoding="utf-8")
    return project


def spanish(project: Project) -> Project:
    """The sample in Spanish, with its principle give-first translated."""
    write(in_spanish(project), "principles/give-first.es.yml", GIVE_FIRST_ES)
    return project


def test_the_translation_replaces_the_text_and_keeps_the_rest(project: Project) -> None:
    checked = check(spanish(project), QUIET)
    principle = checked.playbook.entries["principle"]["give-first"]
    assert principle.title == "Da antes de pedir"
    assert principle.how[1].startswith("Compártelo")
    assert principle.example.why == "Ofrece algo de valor y no pide nada."
    assert principle.tags == ("giving", "first contact") and principle.counters == ("collector",)
    assert principle.quote is not None and principle.quote.text.startswith("(what's in it for me")
    [status] = [s for s in checked.translations if s.entry == "give-first"]
    assert (status.state, status.missing) == ("unreviewed", ())
    assert Ref("principle", "have-a-point") in checked.playbook.untranslated
    assert Ref("principle", "give-first") not in checked.playbook.untranslated


def test_every_mistake_of_a_translation_is_reported_at_its_place(project: Project) -> None:
    spanish(project)
    text = GIVE_FIRST_ES.replace("translation_of: give-first", "translation_of: give-frist")
    text = text.replace("  - Busca algo que le importe.\n", "")
    text = text.replace("title: Da antes de pedir", "title: Da antes de pedir\ntags: [dar]\ntitel: x")
    write(project, "principles/give-first.es.yml", text)
    write(
        project,
        "templates/give-first-note.es.yml",
        "translation_of: give-first-note\nreviewed: ''\nsubject: Un artículo sobre {tema}\n"
        "placeholders:\n  - {name: first_name, label: Su nombre}\n  - {name: your_name, label: Tema}\n"
        "  - {name: topic, label: Tu nombre}\n",
    )
    assert report(project) == [
        "content/principles/give-first.es.yml:1:17: translation_of: translation_of must name the entry this file"
        " translates, 'give-first', not 'give-frist' — write 'translation_of: give-first' on the first line",
        "content/principles/give-first.es.yml:5:7: tags: 'tags' is not text a reader sees, so it is not translated"
        " — leave it out: the translation keeps the English file's value",
        "content/principles/give-first.es.yml:6:8: titel: 'titel' is not a field here — did you mean 'title'?",
        "content/principles/give-first.es.yml:13:3: how: the English list has 2 items and this one 1"
        " — translate every item, in the English order, one for one",
        "content/templates/give-first-note.es.yml:3:10: subject: the placeholders differ from the English:"
        " missing {topic}; not in the English {tema} — keep exactly the English placeholders, spelled as in"
        " English; translate the words around them",
        "content/templates/give-first-note.es.yml:6:12: placeholders[1].name: this item is 'your_name' but the"
        " English item at this place is 'topic' — keep the items in the English order, with their ids and names"
        " unchanged",
        "content/templates/give-first-note.es.yml:7:12: placeholders[2].name: this item is 'topic' but the"
        " English item at this place is 'your_name' — keep the items in the English order, with their ids and names"
        " unchanged",
    ]


def test_the_translated_entry_is_validated_by_the_english_model_in_the_spanish_file(project: Project) -> None:
    spanish(project)
    write(
        project,
        "principles/give-first.es.yml",
        GIVE_FIRST_ES.replace("title: Da antes de pedir", "title: |\n  Da antes\n  de pedir"),
    )
    [message] = report(project)
    assert message.startswith("content/principles/give-first.es.yml:4:8: title: ")
    assert "one line" in message


def test_a_translation_without_its_english_file(project: Project) -> None:
    spanish(project)
    write(project, "principles/give-frist.es.yml", "translation_of: give-frist\n")
    assert report(project) == [
        "content/principles/give-frist.es.yml:1:1: (file): there is no give-frist.yml beside this translation to"
        " translate — put the translation beside the English file it translates, named <id>.es.yml"
    ]


def test_a_reformatted_english_file_keeps_its_translation_reviewed_and_a_new_sentence_stales_it(
    project: Project,
) -> None:
    spanish(project)
    assert run_cli(project, "translations", "--language", "es", "--mark-reviewed", "give-first").returncode == 0
    marked = (project.content_dir / "principles/give-first.es.yml").read_text(encoding="utf-8")
    fingerprint = re.search(r'(?m)^reviewed: "([0-9a-f]{12})"$', marked)
    assert fingerprint is not None
    assert marked == GIVE_FIRST_ES.replace('reviewed: ""', f'reviewed: "{fingerprint[1]}"')  # comments kept
    english = project.content_dir / "principles/give-first.yml"
    text = english.read_text(encoding="utf-8")
    # Tags in another form, the list as a block, the text rewrapped: the words a reader sees are the same.
    reformatted = text.replace("tags: [giving, first contact]", "tags:\n  - giving\n  - first contact\n  - gifts")
    reformatted = reformatted.replace("People remember who helped them.", "People remember\n  who helped them.")
    english.write_text(reformatted, encoding="utf-8")
    unchanged = run_cli(project, "check", "--language", "es", "--strict")
    assert "give-first.es.yml" not in unchanged.stdout + unchanged.stderr
    assert "es: 1 of 13 files translated and reviewed" in unchanged.stdout
    english.write_text(reformatted.replace("who helped them.", "who helped them first."), encoding="utf-8")
    result = run_cli(project, "check", "--language", "es", "--strict")
    assert result.returncode == 1
    assert (
        "warning: content/principles/give-first.es.yml:2:11: reviewed: the English text in"
        " content/principles/give-first.yml changed since this translation was reviewed" in result.stderr
    )
    assert "content/principles/give-first.es.yml: the English changed since the review" in result.stdout
    assert "content/principles/have-a-point.yml: not translated — write content/principles/have-a-point.es.yml" in (
        result.stdout
    )


def test_a_forks_overrides_notes_and_entries_take_their_translation(project: Project) -> None:
    spanish(project)
    write(project, "local/overrides/give-first.yml", "id: give-first\ntitle: Give first, ask later\n")
    write(project, "local/overrides/give-first.es.yml", "translation_of: give-first\ntitle: Da primero, pide después\n")
    write(project, "local/notes/give-first.yml", "id: give-first\nnote: Come to the Tuesday drop-in hours.\n")
    write(
        project,
        "local/notes/give-first.es.yml",
        "translation_of: give-first\nnote: Ven a las horas de consulta del martes.\n",
    )
    write(project, "local/notes/have-a-point.yml", "id: have-a-point\nnote: Ask an advisor.\n")
    fair = (FIXTURES / "fork/principles/visit-the-career-fair.yml").read_text(encoding="utf-8")
    write(project, "local/principles/visit-the-career-fair.yml", fair)
    write(
        project,
        "local/principles/visit-the-career-fair.es.yml",
        "translation_of: visit-the-career-fair\ntitle: Ve a la feria de empleo de Riverside con un plan\n",
    )
    checked = check(project, QUIET)
    fair_entry = checked.playbook.entries["principle"]["visit-the-career-fair"]
    assert fair_entry.title == "Ve a la feria de empleo de Riverside con un plan"
    principle = checked.playbook.entries["principle"]["give-first"]
    assert principle.title == "Da primero, pide después"
    assert principle.summary == "Ofrece algo útil antes de pedir cualquier cosa."  # upstream's Spanish
    assert checked.playbook.notes["give-first"].note == "Ven a las horas de consulta del martes."
    assert checked.playbook.notes["have-a-point"].note == "Ask an advisor."
    missing = {s.english for s in checked.translations if s.state == "missing"}
    assert "content/local/notes/have-a-point.yml" in missing
    write(project, "local/overrides/give-first.es.yml", "translation_of: give-first\nsummary: Resumen\n")
    assert report(project) == [
        "content/local/overrides/give-first.es.yml:2:10: summary: the English file has no 'summary' here"
        " — translate only what the English shows; add it to the English file first"
    ]


def test_a_forks_own_tags_take_their_translation_and_a_spanish_name_clash_is_reported(project: Project) -> None:
    spanish(project)
    write(project, "tags.yml", "tags:\n  - id: giving\n    label: giving\n")
    write(project, "tags.es.yml", "translation_of: tags\nreviewed: ''\ntags:\n  - id: giving\n    label: dar\n")
    write(project, "local/tags.yml", "tags:\n  - id: career fair\n    label: career fairs\n")
    write(project, "local/tags.es.yml", "translation_of: tags\ntags:\n  - id: career fair\n    label: ferias\n")
    checked = check(project, QUIET)
    assert checked.playbook.tag_name("career fair") == "ferias" and checked.playbook.tag_name("giving") == "dar"
    unreviewed = {s.translation for s in checked.translations if s.state == "unreviewed"}
    assert "content/local/tags.es.yml" in unreviewed
    (project.content_dir / "local/tags.es.yml").unlink()
    missing = {s.english for s in check(project, QUIET).translations if s.state == "missing"}
    assert "content/local/tags.yml" in missing
    write(project, "local/tags.es.yml", "translation_of: tags\ntags:\n  - id: career fair\n    label: Dar\n")
    assert report(project) == [
        "content/local/tags.es.yml:4:12: tags[0].label: 'Dar' is already the name of the upstream tag 'giving'"
        " (content/tags.es.yml:5) — give the tag 'career fair' another name, or tag your entries 'giving' instead"
    ]
    write(project, "local/tags.es.yml", "translation_of: tags\ntags:\n  - id: job fair\n    label: ferias\n")
    assert report(project) == [
        "content/local/tags.es.yml:3:9: tags[0].id: this item is 'job fair' but the English item at this place"
        " is 'career fair' — keep the items in the English order, with their ids and names unchanged"
    ]
    (project.content_dir / "local/tags.yml").unlink()
    assert report(project) == [
        "content/local/tags.es.yml:1:1: (file): there is no tags.yml beside this translation to translate"
        " — put the translation beside the English file it translates, named <id>.es.yml"
    ]


def test_a_source_title_is_translated_only_when_the_playbook_wrote_it(project: Project) -> None:
    """A published title stays as published; a title that describes an untitled work reads in Spanish."""
    write(
        in_spanish(project),
        "sources/article-one.es.yml",
        "translation_of: article-one\nreviewed: ''\ntitle: Un artículo sobre relaciones\n"
        "author: una persona que recluta para una empresa\ncontributes: El networking son relaciones.\n",
    )
    assert report(project) == [
        "content/sources/article-one.es.yml:3:8: title: a source's title stays as the work published it — leave it"
        " out; only a title the playbook wrote for an untitled work (title_is_descriptive: true in the English"
        " file) is translated"
    ]
    english = project.content_dir / "sources/article-one.yml"
    english.write_text(english.read_text(encoding="utf-8") + "title_is_descriptive: true\n", encoding="utf-8")
    checked = check(project, QUIET)
    assert checked.playbook.source("article-one").title == "Un artículo sobre relaciones"
    write(
        project,
        "sources/article-one.es.yml",
        "translation_of: article-one\nreviewed: ''\nauthor: una persona que recluta\ncontributes: Relaciones.\n",
    )
    waiting = [s for s in check(project, QUIET).translations if s.translation == "content/sources/article-one.es.yml"]
    assert waiting[0].missing == ("title",)


# The default playbook in Spanish, built once for this module.
@pytest.fixture(scope="module")
def spanish_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    built = make_project(tmp_path_factory.mktemp("spanish") / "project", REPO / "content")
    build_site(in_spanish(built), QUIET)
    return built


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_entry_has_a_reviewed_spanish_version(spanish_site: Project) -> None:
    checked = check(spanish_site, QUIET)
    waiting = [status.describe("es") for status in checked.translations if not status.done]
    assert not waiting, f"{len(waiting)} of {len(checked.translations)} files:\n" + "\n".join(waiting)


def test_the_spanish_site_builds_in_spanish_with_spanish_search(spanish_site: Project) -> None:
    pages = html_pages(spanish_site.site_dir)
    assert len(pages) >= 70
    for page in pages:
        assert '<html lang="es"' in page.read_text(encoding="utf-8"), page
    index = (spanish_site.site_dir / "search/search_index.json").read_text(encoding="utf-8")
    assert '"lang":["es"]' in index.replace(" ", "")
    principle = (spanish_site.site_dir / "principles/take-it-offline/index.html").read_text(encoding="utf-8")
    assert "Lleva el contacto de lo virtual a lo real" in principle and "pb-untranslated" not in principle


def test_tags_are_named_in_spanish_on_pages_the_tags_page_and_in_search(spanish_site: Project) -> None:
    playbook = check(spanish_site, QUIET).playbook
    used = {
        tag for table in playbook.entries.values() for entry in table.values() for tag in getattr(entry, "tags", ())
    }
    assert playbook.tags is not None and used <= {item.id for item in playbook.tags.tags}, "a tag with no name"
    tags_page = (spanish_site.site_dir / "tags/index.html").read_text(encoding="utf-8")
    for english, spanish_name in (("job search", "búsqueda de empleo"), ("recruiters", "reclutamiento")):
        assert playbook.tag_name(english) == spanish_name
        assert f">{spanish_name}<" in tags_page and f">{english}<" not in tags_page
    listed = re.findall(r'<h2 id="tag:([^"]+)"', tags_page)
    assert len(listed) == len(used) and "búsqueda-de-empleo" in listed
    principle = (spanish_site.site_dir / "principles/alumni-and-weak-ties/index.html").read_text(encoding="utf-8")
    assert ">personas egresadas<" in principle and ">alumni<" not in principle
    index = json.loads((spanish_site.site_dir / "search/search_index.json").read_text(encoding="utf-8"))
    indexed = {tag for doc in index["docs"] for tag in doc.get("tags", ())}
    assert indexed == {playbook.tag_name(tag) for tag in used}


def _leaves(group: dict[str, Any], prefix: str = "") -> dict[str, str]:
    found: dict[str, str] = {}
    for key, value in group.items():
        found.update(_leaves(value, f"{prefix}{key}.") if isinstance(value, dict) else {f"{prefix}{key}": value})
    return found


# Interface strings that read the same in both languages: placeholders and numbers, or words Spanish shares.
SAME_IN_BOTH = {"Debate", "Debates", "Error", "error", "No", "min"}


def test_every_interface_string_is_written_in_spanish() -> None:
    """No label of the tools, pages or print falls back to English: each key is in Spanish, in Spanish words."""
    left = []
    for english_file in sorted((REPO / "generators/strings/en").glob("*.yml")):
        english = _leaves(yaml.safe_load(english_file.read_text(encoding="utf-8")))
        spanish_file = REPO / "generators/strings/es" / english_file.name
        translated = _leaves(yaml.safe_load(spanish_file.read_text(encoding="utf-8")))
        for key, text in english.items():
            words = re.sub(r"\{[a-z_]+\}", "", text)
            if key not in translated:
                left.append(f"{spanish_file.name}: {key}: missing (English: {text!r})")
            elif translated[key] == text and re.search(r"[A-Za-z]{2}", words) and words.strip() not in SAME_IN_BOTH:
                left.append(f"{spanish_file.name}: {key}: still English ({text!r})")
    assert not left, f"{len(left)} strings:\n" + "\n".join(left)


def source_titles(project: Project) -> list[str]:
    """The titles of the sources, as published and as they stand escaped in a page."""
    titles = [source.title for source in check(project, QUIET).playbook.of_kind("source")]
    return titles + [html.escape(title) for title in titles]


def _judged(page: str, kept: list[str]) -> str:
    """A page with what stays English on purpose taken out: source titles and {placeholders}."""
    for title in sorted(kept, key=len, reverse=True):
        page = page.replace(title, " ")
    return re.sub(r"\{[a-z_]+\}", " ", page)


# Pages the check must reach, beside every entry's: they are written by other code than the entries'.
MUST_JUDGE = (
    "404.html",
    "index.html",
    "handouts/index.html",
    "sources/index.html",
    "tags/index.html",
    "workshops/index.html",
    "workshops/networking-for-students/index.html",
    "worksheets/network-audit/index.html",
    "tools/calculator/index.html",
    "tools/composer/index.html",
    "tools/checker/index.html",
)


def test_no_english_sentence_is_left_in_the_spanish_site(spanish_site: Project) -> None:
    titles = source_titles(spanish_site)
    judged = {
        page.relative_to(spanish_site.site_dir).as_posix(): blocks(_judged(page.read_text(encoding="utf-8"), titles))
        for page in html_pages(spanish_site.site_dir)
    }
    # Every page is judged: a page whose main content the reader cannot find would pass unread.
    assert [page for page, found in judged.items() if not found] == []
    assert set(MUST_JUDGE) <= set(judged)
    playbook = check(spanish_site, QUIET).playbook
    for kind in ("principle", "anti-pattern", "template", "worksheet", "debate", "path", "workshop"):
        folder = KINDS[kind].page_folder
        assert all(f"{folder}/{entry.id}/index.html" in judged for entry in playbook.of_kind(kind)), kind
    left = [
        f"{page}: {paragraph[:120]}"
        for page, found in judged.items()
        for paragraph in found
        if is_english(paragraph) or is_english_label(paragraph)
    ]
    assert not left, f"{len(left)} English paragraphs:\n" + "\n".join(left)


def test_the_english_detector_finds_an_english_paragraph_and_passes_spanish_ones(spanish_site: Project) -> None:
    english = "Know why you are writing, and say it in one sentence; a meeting with no topic wastes their time."
    assert is_english(english)
    assert not is_english("Ten claro por qué escribes y dilo en una sola oración; “ponernos al día” no es un motivo.")
    assert not is_english("The Strength of Weak Ties")  # a title alone is too short to judge
    page = (spanish_site.site_dir / "principles/have-a-point/index.html").read_text(encoding="utf-8")
    page = _judged(page, source_titles(spanish_site))
    assert english_paragraphs(page) == []
    planted = page.replace("</h1>", f"</h1>\n<p>{english}</p>", 1)
    assert english_paragraphs(planted) == [english]
    quoted = page.replace("</h1>", f"</h1>\n<blockquote><p>{english}</p></blockquote>", 1)
    assert english_paragraphs(quoted) == []


# Masculine generics for groups of people whose gender is open, and the shortcuts the glossary rules out
# (o/a, @, x): the Spanish says "quienes reclutan", "personas candidatas", "personas egresadas".
MASCULINE_GENERIC = re.compile(
    r"\b(reclutadores|candidatos|egresados|exalumnos|orientadores|asesores|interesados)\b"
    r"|\b\w+[oe]s?/as?\b|\b\w+@s?\b|\b\w+xs\b",
    re.IGNORECASE,
)
# What a quotation says stays as it was said (the checker quotes “Estimado/a” as a fault).
QUOTED = re.compile(r"“[^”]*”|«[^»]*»")


def test_no_masculine_generic_is_left_in_the_spanish_site_or_its_interface(spanish_site: Project) -> None:
    found = [
        f"{page.relative_to(spanish_site.site_dir)}: {match.group(0)} in “{text[:100]}”"
        for page in html_pages(spanish_site.site_dir)
        for text in blocks(page.read_text(encoding="utf-8"))
        for match in MASCULINE_GENERIC.finditer(QUOTED.sub(" ", text))
    ]
    for strings_file in sorted((REPO / "generators/strings/es").glob("*.yml")):
        for key, text in _leaves(yaml.safe_load(strings_file.read_text(encoding="utf-8"))).items():
            found += [
                f"{strings_file.name}: {key}: {m.group(0)}" for m in MASCULINE_GENERIC.finditer(QUOTED.sub(" ", text))
            ]
    assert not found, f"{len(found)} masculine generics:\n" + "\n".join(found)


CONNECTIONS = REPO / "tests" / "js" / "fixtures" / "Connections.csv"


def test_the_tools_speak_spanish_once_they_mount(spanish_site: Project, page: object) -> None:
    """What the browser tools write into a page (labels, questions, the audit's steps) is Spanish too."""
    tab: Any = page
    base = serve(spanish_site.site_dir)
    titles = source_titles(spanish_site)
    with_tools = sorted(
        path.relative_to(spanish_site.site_dir).parent.as_posix()
        for path in html_pages(spanish_site.site_dir)
        if "data-pb-tool=" in path.read_text(encoding="utf-8")
    )
    assert {"tools/calculator", "tools/composer", "tools/checker", "worksheets/network-audit"} <= set(with_tools)
    left = []
    for folder in with_tools:
        tab.goto(f"{base}{folder}/")
        done = tab.locator('[data-pb-mounted]:not([data-pb-mounted="loading"])')
        expect(done).to_have_count(tab.locator("[data-pb-tool]").count())
        assert tab.locator('[data-pb-mounted="error"]').count() == 0, folder
        if folder == "worksheets/network-audit":
            # The audit's steps appear once connections are imported.
            tab.locator('input[type="file"]').first.set_input_files(str(CONNECTIONS))
            tab.wait_for_selector(".pb-triage .pb-person")
        shown = _judged(tab.content(), titles)
        left += [f"{folder}: {text[:120]}" for text in english_paragraphs(shown)]
    assert not left, f"{len(left)} English paragraphs:\n" + "\n".join(left)


@pytest.fixture(scope="module")
def spanish_pdfs(spanish_site: Project) -> dict[str, str]:
    """The text of every PDF of the Spanish site, by its path under handouts/, extracted once (the slow part)."""
    handouts = spanish_site.site_dir / "handouts"
    return {
        path.relative_to(handouts).as_posix(): "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
        for path in sorted(handouts.rglob("*.pdf"))
    }


def pdf_sentences(text: str, kept: list[str]) -> list[str]:
    """The sentences of a PDF's text, words broken at line ends joined again, kept titles and quotations out."""
    text = " ".join(re.sub(r"[-\u2010]\n(?=[a-záéíóúñü])", "", text).split())
    for title in sorted(kept, key=len, reverse=True):
        text = text.replace(title, " ")
    # Quotations (the house's “…”), file names and {placeholders} stay as they are.
    text = re.sub(r"“[^”]{0,600}”|\S+\.pdf\b|\{[a-z_]+\}", " ", text)
    return re.split(r"(?<=[.!?;:])\s+|\s•\s", text)


def test_no_english_sentence_is_left_in_the_spanish_handouts_cards_and_slides(
    spanish_site: Project, spanish_pdfs: dict[str, str]
) -> None:
    titles = source_titles(spanish_site)
    pdfs = spanish_pdfs
    for name in ("playbook.pdf", "playbook-short.pdf", "cards.pdf", "debates.pdf"):
        assert name in pdfs
    for folder in ("sheets/", "exercises/", "workshops/"):
        assert any(name.startswith(folder) for name in pdfs), folder
    assert any(name.endswith("-slides.pdf") for name in pdfs) and any(name.endswith("-guide.pdf") for name in pdfs)
    left = [
        f"{name}: {sentence[:120]}"
        for name, text in pdfs.items()
        for sentence in pdf_sentences(text, titles)
        if is_english(sentence)
    ]
    assert not left, f"{len(left)} English sentences:\n" + "\n".join(left)


def test_spanish_handouts_are_tagged_spanish_and_hyphenate_by_spanish_rules(
    spanish_site: Project, spanish_pdfs: dict[str, str]
) -> None:
    reader = PdfReader(spanish_site.site_dir / "handouts/playbook.pdf")
    assert reader.trailer["/Root"]["/Lang"] == "es"
    text = spanish_pdfs["playbook.pdf"]
    assert "¿" in text and "“" in text
    # WeasyPrint breaks a word with U+2010 HYPHEN.
    breaks = re.findall(r"([a-záéíóúñü]{2,})[-\u2010]\n([a-záéíóúñü]{2,})", text)
    assert breaks, "no word is hyphenated at a line end"
    dictionary = pyphen.Pyphen(lang="es")
    for left, right in breaks:
        assert len(left) in dictionary.positions(left + right), f"{left}-{right} is not a Spanish syllable break"


# The sample as a site in two languages at a public address, built once for this module.
@pytest.fixture(scope="module")
def two_languages(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = spanish(make_project(tmp_path_factory.mktemp("two") / "project"))
    in_spanish(project, "languages: [en, es]\nurl: https://careers.example.edu/playbook/")
    write(project, "site.es.yml", "translation_of: site\nreviewed: ''\ntitle: Manual de ejemplo\n")
    build_site(project, QUIET, handouts=False)
    return project


def _html(project: Project, path: str) -> str:
    return (project.site_dir / path / "index.html").read_text(encoding="utf-8")


def test_two_languages_are_one_site_with_the_second_under_its_folder(two_languages: Project) -> None:
    english, spanish_page = (
        _html(two_languages, "principles/give-first"),
        _html(two_languages, "es/principles/give-first"),
    )
    assert '<html lang="en"' in english and "Give before you ask" in english
    assert '<html lang="es"' in spanish_page and "Da antes de pedir" in spanish_page
    for page in (english, spanish_page):
        for code, address in (("en", ""), ("es", "es/"), ("x-default", "")):
            link = f'<link rel=" alternate" hreflang="{code}" href="https://careers.example.edu/playbook/{address}principles/give-first/">'
            assert link in page
        # Material's own head links would name each language's home.
        assert 'href="https://careers.example.edu/playbook/es/" hreflang' not in page
    assert '<a href="../../es/principles/give-first/" hreflang="es" lang="es" class="md-select__link">' in english
    assert '<a href="../../../principles/give-first/" hreflang="en" lang="en" class="md-select__link">' in spanish_page
    for folder, code in (("", "en"), ("es/", "es")):
        index = (two_languages.site_dir / folder / "search/search_index.json").read_text(encoding="utf-8")
        assert f'"lang":["{code}"]' in index.replace(" ", "")
    untranslated = _html(two_languages, "es/principles/have-a-point")
    assert (
        '<p class="pb-untranslated" role="note">Esta página aún no está traducida; se muestra en inglés.</p>'
        in untranslated
    )
    assert '<div lang="en">' in untranslated and "Have a point" in untranslated
    assert "pb-untranslated" not in _html(two_languages, "principles/have-a-point")


def _site_data(page: str) -> tuple[str, ...]:
    """The browser store's name (site_key), legacy names and language a tool page gives its script."""
    found = re.search(r'"site":\{"id":"([^"]+)","language":"([a-z]+)","legacy":\[([^\]]*)\]', page)
    assert found is not None
    return found.groups()


def test_saved_work_is_shared_between_the_languages(two_languages: Project) -> None:
    english = _site_data(_html(two_languages, "tools/calculator"))
    spanish_data = _site_data(_html(two_languages, "es/tools/calculator"))
    assert english == ("networking-playbook", "en", '"sample-playbook"')
    assert spanish_data == ("networking-playbook", "es", '"sample-playbook"')


def test_the_language_switch_keeps_the_reader_on_the_same_page(two_languages: Project, page: object) -> None:
    base = serve(two_languages.site_dir)
    tab: Any = page
    tab.goto(base + "principles/give-first/")
    tab.evaluate("document.querySelector('a.md-select__link[hreflang=es]').click()")
    tab.wait_for_url(base + "es/principles/give-first/")
    assert tab.locator("h1").inner_text().startswith("Da antes de pedir")
    tab.evaluate("document.querySelector('a.md-select__link[hreflang=en]').click()")
    tab.wait_for_url(base + "principles/give-first/")
    # The page names its three versions, as a token list; Material's script, which fetches from each, sees none.
    assert tab.evaluate("document.querySelectorAll('link[rel~=alternate][hreflang]').length") == 3
    assert tab.evaluate("document.querySelectorAll('link[rel=alternate]').length") == 0
    assert [request for request in tab.requests if not request.startswith(base)] == []


def test_an_untranslated_entry_prints_marked_english_in_the_spanish_handout(project: Project) -> None:
    from playbook.handouts.documents import Print, PrintShaper
    from playbook.render.templates import Page, render_pages

    checked = check(spanish(project), QUIET)
    shaper = PrintShaper(checked.playbook, Print(checked.strings, 0))
    page = Page("playbook.pdf", "handout.html.jinja", shaper.full())
    printed = render_pages(project.root, project.generators_dir, [page], autoescape=True)["playbook.pdf"].decode()
    assert '<html lang="es"' in printed
    articles = dict(re.findall(r'<article class="pb-entry" id="([^"]+)"( lang="en")?>', printed))
    # Only give-first is translated in the sample.
    assert articles and all(bool(marked) == (anchor != "principle-give-first") for anchor, marked in articles.items())
