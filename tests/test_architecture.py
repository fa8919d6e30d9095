"""The package's rooms import downward only, and only the engines room touches MkDocs, Material or Zensical.

Each room's ``__init__.py`` says what it may import; this test reads every
module's imports with ``ast`` (those inside functions too) and holds the rooms
to it, so the tree stays the architecture diagram ARCHITECTURE.md draws.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "playbook"

# Top-level modules every room may use; they import no room.
GROUND = {"problems", "project", "report", "gc_pause", "logcapture", "speedups"}
# Top-level modules that wire the rooms together; nothing imports them but each other.
SHELL = {"cli", "pipeline", "__main__"}
# Room -> the rooms it may import.
ROOMS: dict[str, set[str]] = {
    "content": set(),
    "fork": {"content"},
    "checker": {"content"},
    "render": {"content"},
    "site": {"content", "checker", "render"},
    "handouts": {"content", "render", "site"},
    "engines": {"render"},
}
ENGINE_LIBRARIES = {"mkdocs", "material", "zensical"}


def imports_of(path: Path) -> list[tuple[int, str]]:
    """Every module an import statement in ``path`` names, with its line."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}:{node.lineno}: use absolute imports"
            module = node.module or ""
            found.append((node.lineno, module))
            # ``from playbook import pipeline`` names a module of its own.
            if module == "playbook":
                found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def place(module: str) -> str | None:
    """The room or top-level module a ``playbook.…`` name belongs to."""
    parts = module.split(".")
    if parts[0] != "playbook" or len(parts) < 2:
        return None
    return parts[1]


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_every_module_sits_in_a_room_or_is_a_known_top_level_one() -> None:
    for path in modules():
        relative = path.relative_to(PACKAGE)
        if len(relative.parts) == 1:
            assert path.stem in GROUND | SHELL | {"__init__"}, f"{relative}: put it in a room"
        else:
            assert relative.parts[0] in ROOMS, f"{relative}: {relative.parts[0]} is not a room"
            assert len(relative.parts) == 2, f"{relative}: rooms are one level deep"


@pytest.mark.parametrize("room", sorted(ROOMS))
def test_each_room_says_what_it_owns_and_may_import(room: str) -> None:
    doc = ast.get_docstring(ast.parse((PACKAGE / room / "__init__.py").read_text(encoding="utf-8"))) or ""
    assert doc.startswith(f"Room *{room}*"), doc
    assert "May import:" in doc
    for other in ROOMS:
        if other != room:
            assert (f"``{other}``" in doc) == (other in ROOMS[room]), f"{room}/__init__.py about {other}"


def test_imports_run_downward_only() -> None:
    wrong = []
    for path in modules():
        relative = path.relative_to(PACKAGE)
        here = relative.parts[0] if len(relative.parts) > 1 else path.stem
        for line, module in imports_of(path):
            there = place(module)
            if there is None or there == here or here in SHELL:
                continue
            if here in GROUND:
                allowed = GROUND
            elif here == "__init__":
                allowed = set()
            else:
                allowed = ROOMS[here] | GROUND
            if there not in allowed and there in ROOMS | {name: set() for name in GROUND | SHELL}:
                wrong.append(f"playbook/{relative.as_posix()}:{line}: {here} imports {module}")
    assert not wrong, "\n".join(wrong)


def test_subpackage_inits_hold_only_their_docstring() -> None:
    for path in PACKAGE.rglob("__init__.py"):
        if path.parent == PACKAGE:
            continue
        body = ast.parse(path.read_text(encoding="utf-8")).body
        assert len(body) == 1 and isinstance(body[0], ast.Expr), f"{path}: keep it a docstring, imports stay lazy"


def test_only_the_engines_room_imports_an_engine() -> None:
    wrong = []
    for path in modules():
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] == "engines":
            continue
        for line, module in imports_of(path):
            if module.split(".")[0] in ENGINE_LIBRARIES:
                wrong.append(f"playbook/{relative.as_posix()}:{line}: imports {module}")
    assert not wrong, "\n".join(wrong)
