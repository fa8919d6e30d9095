"""The Spanish edition: translation files beside the English, merged, checked for staleness and built."""

from __future__ import annotations

import pytest

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
