"""Turn the browser tools' ES modules into one classic script, for the copy opened from disk.

Chromium refuses ES module scripts on ``file://`` pages (their origin is
``null``, and module scripts are fetched with CORS), so the offline copy
cannot load ``main.js`` as the site does. The tools are written in a
restricted module style that makes a small, exact transform possible:

- imports are only ``import { a, b as c } from "./relative.js";`` at the top level;
- exports are only ``export function``/``export async function``/``export const``/``export let``/``export class``;
- the entry loads tools only with ``import("./literal/path.js")``.

Each module becomes a function run once, in dependency order, whose exports
land in a registry; its imports become constants read from that registry,
and ``import("./x.js")`` becomes a promise of the registry entry. Anything
outside that style is refused with the file and line, never guessed at.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass

_IMPORT = re.compile(r'^import\s*\{([^}]*)\}\s*from\s*"(\.{1,2}/[^"]+\.js)"\s*;?[ \t]*$', re.MULTILINE)
_ANY_IMPORT = re.compile(r"^\s*import\b(?!\s*\()", re.MULTILINE)
_DYNAMIC_IMPORT = re.compile(r'\bimport\(\s*"(\.{1,2}/[^"]+\.js)"\s*\)')
_ANY_DYNAMIC_IMPORT = re.compile(r"\bimport\s*\(")
_EXPORT = re.compile(
    r"^export\s+(?P<head>(?:async\s+)?function\s*\*?\s*|const\s+|let\s+|class\s+)(?P<name>[A-Za-z_$][\w$]*)",
    re.MULTILINE,
)
_ANY_EXPORT = re.compile(r"^\s*export\b", re.MULTILINE)
_IMPORT_META = re.compile(r"\bimport\.meta\b")
_BINDING = re.compile(r"^([A-Za-z_$][\w$]*)(?:\s+as\s+([A-Za-z_$][\w$]*))?$")


class BundleError(Exception):
    """A module is outside the style the transform understands, at a file and line."""

    def __init__(self, path: str, line: int, message: str) -> None:
        self.path, self.line, self.message = path, line, message
        super().__init__(f"{path}:{line}: {message}")


@dataclass(frozen=True)
class Module:
    """One module after parsing: its imports, exports and body with both removed."""

    path: str
    imports: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]
    exports: tuple[str, ...]
    body: str
    loads: tuple[str, ...]


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _resolve(importer: str, specifier: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(importer), specifier))


def parse(path: str, text: str) -> Module:
    """Split a module into imports, exports and a body that is plain script."""
    if match := _IMPORT_META.search(text):
        raise BundleError(path, _line(text, match.start()), "import.meta has no equivalent in a classic script")
    imports = []
    for match in _IMPORT.finditer(text):
        bindings = []
        for item in (part.strip() for part in match.group(1).split(",")):
            if not item:
                continue
            binding = _BINDING.match(item)
            if binding is None:
                raise BundleError(path, _line(text, match.start()), f"cannot read the import of '{item}'")
            bindings.append((binding.group(1), binding.group(2) or binding.group(1)))
        imports.append((_resolve(path, match.group(2)), tuple(bindings)))
    body = _IMPORT.sub("", text)
    if match := _ANY_IMPORT.search(body):
        raise BundleError(
            path, _line(body, match.start()), 'only `import { name } from "./file.js";` is supported here'
        )
    exports = tuple(match.group("name") for match in _EXPORT.finditer(body))
    body = _EXPORT.sub(lambda m: m.group("head") + m.group("name"), body)
    if match := _ANY_EXPORT.search(body):
        raise BundleError(
            path,
            _line(body, match.start()),
            "only `export function`, `export const`, `export let` and `export class` are supported here",
        )
    loads = tuple(_resolve(path, m.group(1)) for m in _DYNAMIC_IMPORT.finditer(body))
    body = _DYNAMIC_IMPORT.sub(
        lambda m: f"Promise.resolve(__pbModules[{json.dumps(_resolve(path, m.group(1)))}])", body
    )
    if match := _ANY_DYNAMIC_IMPORT.search(body):
        raise BundleError(path, _line(body, match.start()), "import() needs a literal relative path")
    return Module(path, tuple(imports), exports, body, loads)


def order(modules: dict[str, Module], entry: str) -> list[str]:
    """Modules reachable from ``entry``, each after everything it imports or loads."""
    done: list[str] = []
    visiting: list[str] = []

    def visit(path: str, importer: str) -> None:
        if path in done:
            return
        if path in visiting:
            cycle = " → ".join([*visiting[visiting.index(path) :], path])
            raise BundleError(importer, 1, f"circular import ({cycle}); a classic script cannot run it")
        if path not in modules:
            raise BundleError(importer, 1, f"imports {path}, which does not exist")
        visiting.append(path)
        for dependency, _bindings in modules[path].imports:
            visit(dependency, path)
        for dependency in modules[path].loads:
            visit(dependency, path)
        visiting.pop()
        done.append(path)

    visit(entry, entry)
    return done


def bundle(sources: dict[str, str], entry: str) -> str:
    """One classic script that runs ``entry`` and every module it needs, in order."""
    modules = {path: parse(path, text) for path, text in sorted(sources.items())}
    for module in modules.values():
        for dependency, bindings in module.imports:
            if dependency not in modules:
                raise BundleError(module.path, 1, f"imports {dependency}, which does not exist")
            missing = [name for name, _local in bindings if name not in modules[dependency].exports]
            if missing:
                raise BundleError(module.path, 1, f"{dependency} does not export {', '.join(missing)}")
    parts = [
        "// Generated by playbook.site.jsbundle for the offline copy: the browser tools as one classic script,",
        "// because Chromium refuses ES module scripts on file:// pages. Edit the modules, not this file.",
        "(function () {",
        '"use strict";',
        "const __pbModules = {};",
    ]
    for path in order(modules, entry):
        module = modules[path]
        header = [
            f"const {{ {', '.join(name if name == local else f'{name}: {local}' for name, local in bindings)} }} = "
            f"__pbModules[{json.dumps(dependency)}];"
            for dependency, bindings in module.imports
        ]
        parts.append(f"// {path}")
        parts.append(f"__pbModules[{json.dumps(path)}] = (function () {{")
        parts.extend(header)
        parts.append(module.body.strip("\n"))
        parts.append(f"return Object.freeze({{ {', '.join(module.exports)} }});")
        parts.append("})();")
    parts.append("})();")
    return "\n".join(parts) + "\n"
