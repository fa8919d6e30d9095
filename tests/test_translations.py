"""The Spanish edition: translation files beside the English, merged, checked for staleness and built."""

from __future__ import annotations

import pytest

from playbook.content.link import Ref
from playbook.pipeline import Project, check
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


def spanish(project: Project) -> Project:
    """The sample in Spanish, with its principle give-first translated."""
    path = project.content_dir / "site.yml"
    path.write_text(path.read_text(encoding="utf-8") + "language: es\n", encoding="utf-8")
    write(project, "principles/give-first.es.yml", GIVE_FIRST_ES)
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
