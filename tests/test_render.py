"""Rendering helpers: page tidying, and compiled templates kept between builds for us and for the theme."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import jinja2
import pytest

from playbook import jinja_cache, mkdocs_worker
from playbook.pipeline import Project
from playbook.render import _tidy, environment


def _tidy_by_definition(text: str) -> str:
    text = "\n".join(line.rstrip(" \t") for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def test_tidy_strips_line_ends_and_collapses_blank_runs_as_defined() -> None:
    pieces = ["\n", "\n", "\n\n\n\n", " ", "\t", "  \n", "word", "two words", "- item", "\r", "\n \t \n"]
    generator = random.Random(20261122)
    for _ in range(5000):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 40)))
        assert _tidy(text) == _tidy_by_definition(text), repr(text)
    assert _tidy("a  \n\n\n\n\n\nb\t\n") == "a\n\nb\n"


def _env(tmp_path: Path, **settings: object) -> jinja2.Environment:
    (tmp_path / "page.jinja").write_text("{{ name | shout }}\n", encoding="utf-8")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path)), **settings)  # type: ignore[arg-type]
    env.filters["shout"] = str.upper
    return env


def test_the_cache_folder_changes_with_what_shapes_compiled_code(tmp_path: Path) -> None:
    key = jinja_cache.settings_key(_env(tmp_path))
    assert jinja_cache.settings_key(_env(tmp_path)) == key, "the same settings should share a folder"
    assert jinja_cache.settings_key(_env(tmp_path, trim_blocks=True)) != key
    assert jinja_cache.settings_key(_env(tmp_path, extensions=["jinja2.ext.i18n"])) != key
    with_filter = _env(tmp_path)
    with_filter.filters["whisper"] = str.lower
    assert jinja_cache.settings_key(with_filter) != key
    replaced = _env(tmp_path)
    replaced.filters["shout"] = lambda value: f"{value}!"
    assert jinja_cache.settings_key(replaced) != key, "a filter of the same name with other code is another setting"


def test_a_warm_cache_never_hides_a_filter_that_is_gone(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = _env(tmp_path)
    jinja_cache.attach(env, cache)
    assert env.get_template("page.jinja").render(name="ana") == "ANA"
    assert any(cache.rglob("*.cache")), "the compiled template should be kept"
    without = _env(tmp_path)
    del without.filters["shout"]
    jinja_cache.attach(without, cache)
    with pytest.raises(jinja2.TemplateAssertionError, match="No filter named 'shout'"):
        without.get_template("page.jinja")


def test_the_generators_environment_keeps_compiled_templates(tmp_path: Path) -> None:
    (tmp_path / "page.md.jinja").write_text("# {{ title }}\n", encoding="utf-8")
    first = environment(tmp_path, cache_dir=tmp_path / "cache")
    assert first.get_template("page.md.jinja").render(title="One") == "# One\n"
    (tmp_path / "page.md.jinja").write_text("## {{ title }}\n", encoding="utf-8")
    again = environment(tmp_path, cache_dir=tmp_path / "cache")
    assert again.get_template("page.md.jinja").render(title="One") == "## One\n", "an edited template compiles afresh"


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_theme_cache_builds_the_same_site_and_sees_an_edited_override(sample_site: Project, tmp_path: Path) -> None:
    staged = sample_site.stage_dir / "mkdocs.yml"
    cache = tmp_path / "cache"
    plain = mkdocs_worker.InProcess().build(staged, tmp_path / "plain")
    cold = mkdocs_worker.InProcess().build(staged, tmp_path / "cold", cache)
    kept = {path.parent.name for path in cache.rglob("*.cache")}
    assert kept, "the theme's compiled templates should be kept"
    warm = mkdocs_worker.InProcess().build(staged, tmp_path / "warm", cache)
    assert plain == cold == warm > 10
    assert _files(tmp_path / "plain") == _files(tmp_path / "cold") == _files(tmp_path / "warm")

    copy = tmp_path / "stage"
    shutil.copytree(sample_site.stage_dir, copy)
    main = copy / "overrides" / "main.html"
    edited = main.read_text(encoding="utf-8").replace("{% block announce -%}", "{% block announce -%}<!-- edited -->")
    main.write_text(edited, encoding="utf-8")
    mkdocs_worker.InProcess().build(copy / "mkdocs.yml", tmp_path / "edited", cache)
    assert "<!-- edited -->" in (tmp_path / "edited" / "index.html").read_text(encoding="utf-8")
