"""Compiled Jinja templates kept on disk between builds: the generators' and the MkDocs theme's.

Jinja compiles a template to Python on first use. A build compiles the same
unchanged templates every time: our generators, and the thirty-odd Material
templates MkDocs renders each page with, which cost MkDocs about a tenth of a
second a build. Jinja's bytecode cache files each template's compiled code
under its name and path and checks it against a checksum of the template's
text, so an edited template compiles afresh.

What else goes into the compiled code is the environment: its class, syntax
and whitespace settings, extensions and policies, and its filters and tests (a
missing filter fails the compile; a pure one applied to a constant is run then
and its result folded into the code). Each environment therefore gets a folder
of its own, named by a digest of all that, where a function counts with its
compiled code, constants, defaults and closure, or, for one written in C, with
the file it comes from and that file's time. A changed setting, an added
plugin filter or a new version of one never meets code compiled without it.
A cache file that cannot be read, written or trusted only costs time.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import marshal
import re
import sys
import types
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
        except Exception:
            # A cut-off or garbled file (pickle and marshal raise many kinds of error): compile afresh.
            bucket.reset()
        if bucket.code is not None and not isinstance(bucket.code, types.CodeType):
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def attach(env: jinja2.Environment, cache_root: Path) -> None:
    """Keep ``env``'s compiled templates in a folder of ``cache_root`` for its settings; skip if none can be made."""
    try:
        folder = cache_root / settings_key(env)
        folder.mkdir(parents=True, exist_ok=True)
    except Exception:
        # No folder, or settings this module cannot describe: the templates compile as they would without a cache.
        return
    env.bytecode_cache = _QuietCache(str(folder))


def settings_key(env: jinja2.Environment) -> str:
    """A digest of everything besides a template's text that shapes its compiled code."""
    compiled_with = (
        getattr(jinja2, "__version__", None) or _file_stamp(jinja2.__name__),
        _name(type(env)),
        _name(env.code_generator_class),
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
        sorted((key, _stable_repr(value)) for key, value in env.policies.items()),
        _functions(env.filters),
        _functions(env.tests),
    )
    return hashlib.sha256(repr(compiled_with).encode("utf-8")).hexdigest()[:16]


def _functions(table: Mapping[str, Any]) -> list[tuple[str, tuple[str, ...] | None]]:
    return sorted((name, _identity(function)) for name, function in table.items())


def _name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def _identity(function: Callable[..., Any] | None) -> tuple[str, ...] | None:
    """What a function is, as far as its results go: origin, how Jinja passes it context, and its code and state."""
    if function is None:
        return None
    bound = ""
    while isinstance(function, functools.partial):
        bound += _stable_repr((function.args, sorted(function.keywords.items())))
        function = function.func
    code = getattr(function, "__code__", None)
    if isinstance(code, types.CodeType):
        closure = [cell.cell_contents for cell in getattr(function, "__closure__", None) or ()]
        state = (getattr(function, "__defaults__", None), getattr(function, "__kwdefaults__", None), closure)
        body = hashlib.sha256(marshal.dumps(code) + _stable_repr(state).encode("utf-8")).hexdigest()
    else:
        body = _file_stamp(str(getattr(function, "__module__", "") or type(function).__module__))
    return (
        str(getattr(function, "__module__", "")),
        str(getattr(function, "__qualname__", type(function).__qualname__)),
        repr(getattr(function, "jinja_pass_arg", None)),
        bound,
        body,
    )


def _file_stamp(module_name: str) -> str:
    """The file a module was loaded from and its modification time: it changes when the package is upgraded."""
    module = sys.modules.get(module_name)
    filename = str(getattr(module, "__file__", None) or "")
    if not filename:
        return module_name
    try:
        return f"{filename}@{Path(filename).stat().st_mtime_ns}"
    except OSError:
        return filename


def _stable_repr(value: Any) -> str:
    """``repr`` without memory addresses, which would name a new folder in every run."""
    return re.sub(r" at 0x[0-9a-fA-F]+", "", repr(value))
