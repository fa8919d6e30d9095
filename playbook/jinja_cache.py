"""Compiled Jinja templates kept on disk between builds: the generators' and the MkDocs theme's.

Jinja compiles a template to Python on first use. A build compiles the same
unchanged templates every time: our generators, and the forty-odd Material
templates MkDocs renders each page with, which cost MkDocs about a tenth of a
second a build. Jinja's bytecode cache keeps the compiled code under a
checksum of each template's text, so an edited template compiles afresh.

What else goes into the compiled code is the environment: its syntax and
whitespace settings, its extensions, and which filters and tests it has (a
missing filter fails the compile; a pure one applied to a constant is folded
into the code). Each environment therefore gets a folder of its own, named by
a digest of all that and the Jinja version, so a changed setting, an added
plugin filter or a new version of one never meets code compiled without it.
A cache that cannot be read or written only costs time.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache

# Below the project root, shared by every environment (each has its own folder inside).
FOLDER = ".cache/jinja"


class _QuietCache(jinja2.FileSystemBytecodeCache):
    """A bytecode cache that only ever saves time: a file it cannot read or write is compiled afresh."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError):
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def attach(env: jinja2.Environment, cache_root: Path) -> None:
    """Keep ``env``'s compiled templates in a folder of ``cache_root`` for its settings; skip if none can be made."""
    folder = cache_root / settings_key(env)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    env.bytecode_cache = _QuietCache(str(folder))


def settings_key(env: jinja2.Environment) -> str:
    """A digest of everything besides a template's text that shapes its compiled code."""
    compiled_with = (
        jinja2.__version__,
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
        env.optimized,
        env.is_async,
        env.autoescape if isinstance(env.autoescape, bool) else _identity(env.autoescape),
        _identity(env.finalize),
        sorted(env.extensions),
        getattr(env, "newstyle_gettext", None),
        sorted((k, repr(v)) for k, v in env.policies.items() if k.startswith("ext.")),
        _functions(env.filters),
        _functions(env.tests),
    )
    return hashlib.sha256(repr(compiled_with).encode("utf-8")).hexdigest()[:16]


def _functions(table: Mapping[str, Any]) -> list[tuple[str, tuple[str, ...] | None]]:
    return sorted((name, _identity(function)) for name, function in table.items())


def _identity(function: Callable[..., Any] | None) -> tuple[str, ...] | None:
    """Where a function comes from, how Jinja passes it context, and a digest of its code."""
    if function is None:
        return None
    code = getattr(function, "__code__", None)
    return (
        str(getattr(function, "__module__", "")),
        str(getattr(function, "__qualname__", type(function).__qualname__)),
        repr(getattr(function, "jinja_pass_arg", None)),
        hashlib.sha1(code.co_code, usedforsecurity=False).hexdigest() if code is not None else "",
    )
