"""Rendering helpers: page tidying, and compiled templates kept between builds for us and for the theme."""

from __future__ import annotations

import functools
import hashlib
import marshal
import pickle
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jinja2
import jinja2.bccache
import pytest
from jinja2.sandbox import SandboxedEnvironment

from playbook.engines import engine as engines
from playbook.pipeline import Project
from playbook.render import jinja_cache
from playbook.render.templates import _tidy, environment


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
    sandboxed = SandboxedEnvironment(loader=jinja2.FileSystemLoader(str(tmp_path)))
    sandboxed.filters["shout"] = str.upper
    assert jinja_cache.settings_key(sandboxed) != key, "sandboxed code must never be shared with plain code"
    policy = _env(tmp_path)
    policy.policies["truncate.leeway"] = 0
    assert jinja_cache.settings_key(policy) != key


def _keys_with_shout(tmp_path: Path, *functions: object) -> list[str]:
    keys = []
    for function in functions:
        env = _env(tmp_path)
        env.filters["shout"] = function
        keys.append(jinja_cache.settings_key(env))
    return keys


def test_a_filter_counts_with_its_code_constants_and_state(tmp_path: Path) -> None:
    # Jinja runs a pure filter on a constant while compiling, so what it would return is part of the code.
    bang, query = _keys_with_shout(tmp_path, lambda v: f"{v}!", lambda v: f"{v}?")
    assert bang != query
    low, high = _keys_with_shout(tmp_path, functools.partial(_pad, width=2), functools.partial(_pad, width=9))
    assert low != high
    again = _keys_with_shout(tmp_path, functools.partial(_pad, width=2))[0]
    assert again == low, "the same filter should find the same folder in the next build"
    assert len(set(_keys_with_shout(tmp_path, _closure("a"), _closure("b"), _closure("a")))) == 2


def _pad(value: str, width: int) -> str:
    return value.ljust(width)


def _closure(suffix: str) -> object:
    return lambda value: value + suffix


def test_the_same_filter_finds_the_same_folder_in_another_process(tmp_path: Path) -> None:
    script = (
        "import sys, jinja2\n"
        "from playbook.render import jinja_cache\n"
        "env = jinja2.Environment(extensions=['jinja2.ext.i18n'])\n"
        "env.filters['thing'] = object()\n"
        "print(jinja_cache.settings_key(env))\n"
    )
    keys = {
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout for _ in "ab"
    }
    assert len(keys) == 1, "a key with a memory address in it would make a new folder every build"


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


def _refuse_to_compile(env: jinja2.Environment, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the template should have come from the cache")

    monkeypatch.setattr(env, "compile", refuse)


def test_the_generators_environment_keeps_compiled_templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "page.md.jinja").write_text("# {{ title }}\n", encoding="utf-8")
    first = environment(tmp_path, cache_dir=tmp_path / "cache")
    assert first.get_template("page.md.jinja").render(title="One") == "# One\n"
    assert len(list((tmp_path / "cache").rglob("*.cache"))) == 1
    cached = environment(tmp_path, cache_dir=tmp_path / "cache")
    _refuse_to_compile(cached, monkeypatch)
    assert cached.get_template("page.md.jinja").render(title="Two") == "# Two\n"
    monkeypatch.undo()
    (tmp_path / "page.md.jinja").write_text("## {{ title }}\n", encoding="utf-8")
    again = environment(tmp_path, cache_dir=tmp_path / "cache")
    assert again.get_template("page.md.jinja").render(title="One") == "## One\n", "an edited template compiles afresh"


@pytest.mark.parametrize("damage", ["cut", "not code"])
def test_a_damaged_cache_file_is_compiled_afresh(tmp_path: Path, damage: str) -> None:
    (tmp_path / "page.md.jinja").write_text("# {{ title }}\n", encoding="utf-8")
    environment(tmp_path, cache_dir=tmp_path / "cache").get_template("page.md.jinja")
    [kept] = (tmp_path / "cache").rglob("*.cache")
    data = kept.read_bytes()
    if damage == "cut":
        kept.write_bytes(data[: len(jinja2.bccache.bc_magic) + 3])
    else:
        checksum = hashlib.sha1(b"# {{ title }}\n").hexdigest()
        kept.write_bytes(jinja2.bccache.bc_magic + pickle.dumps(checksum, 2) + marshal.dumps(42))
    env = environment(tmp_path, cache_dir=tmp_path / "cache")
    assert env.get_template("page.md.jinja").render(title="Still") == "# Still\n"


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _kept(cache: Path) -> dict[str, int]:
    return {path.relative_to(cache).as_posix(): path.stat().st_mtime_ns for path in cache.rglob("*") if path.is_file()}


def test_the_theme_cache_builds_the_same_site_and_is_reused(sample_site: Project, tmp_path: Path) -> None:
    staged = sample_site.stage_dir / "mkdocs.yml"
    cache = tmp_path / "cache"
    plain = engines.InProcess("mkdocs").build(staged, tmp_path / "plain")
    cold = engines.InProcess("mkdocs").build(staged, tmp_path / "cold", cache)
    kept = _kept(cache)
    assert len(kept) > 20, "Material's compiled templates should be kept"
    warm = engines.InProcess("mkdocs").build(staged, tmp_path / "warm", cache)
    assert _kept(cache) == kept, "a second build should load every template from the cache, not compile it anew"
    assert plain == cold == warm > 10
    assert _files(tmp_path / "plain") == _files(tmp_path / "cold") == _files(tmp_path / "warm")


def test_an_override_edited_in_place_shows_despite_the_theme_cache(sample_site: Project, tmp_path: Path) -> None:
    copy = tmp_path / "stage"
    shutil.copytree(sample_site.stage_dir, copy)
    cache = tmp_path / "cache"
    engines.InProcess("mkdocs").build(copy / "mkdocs.yml", tmp_path / "first", cache)
    main = copy / "overrides" / "main.html"
    edited = main.read_text(encoding="utf-8").replace("{% block announce -%}", "{% block announce -%}<!-- edited -->")
    main.write_text(edited, encoding="utf-8")
    engines.InProcess("mkdocs").build(copy / "mkdocs.yml", tmp_path / "edited", cache)
    assert "<!-- edited -->" not in (tmp_path / "first" / "index.html").read_text(encoding="utf-8")
    assert "<!-- edited -->" in (tmp_path / "edited" / "index.html").read_text(encoding="utf-8")
