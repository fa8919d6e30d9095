"""The ES-module-to-classic-script transform behind the offline copy's browser tools."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO

from playbook.site.jsbundle import BundleError, bundle, order, parse

NODE = shutil.which("node")


def run_in_node(script: str) -> object:
    """Run a classic script in Node with a ``window`` and return what it left in ``window.result``."""
    if NODE is None:
        pytest.fail("node is missing; the README's test command installs it")
    program = f"globalThis.window = globalThis;\n{script}\nPromise.resolve(window.result).then((r) => console.log(JSON.stringify(r)));"
    output = subprocess.run([NODE, "-e", program], capture_output=True, text=True, check=True, timeout=60).stdout
    return json.loads(output)


MODULES = {
    "main.js": (
        'import { greet } from "./lib/greet.js";\n'
        'import { VERSION as V, twice } from "./lib/util.js";\n'
        "const TOOLS = {\n"
        '  hello: () => import("./tools/hello.js"),\n'
        "};\n"
        "window.result = TOOLS.hello().then((tool) => [greet('Kim'), V, twice(4), tool.mount()]);\n"
    ),
    "lib/greet.js": (
        'import { twice } from "./util.js";\nexport function greet(name) {\n  return `hi ${name} ${twice(1)}`;\n}\n'
    ),
    "lib/util.js": (
        "export const VERSION = 3;\n"
        "let calls = 0;\n"
        "export function twice(n) {\n  calls += 1;\n  return 2 * n;\n}\n"
        "export async function later() {\n  return calls;\n}\n"
    ),
    "tools/hello.js": (
        'import {\n  twice,\n  VERSION,\n} from "../lib/util.js";\nexport function mount() {\n  return twice(VERSION);\n}\n'
    ),
    "lib/unused.js": "export const NOBODY = 1;\n",
}


def test_bundle_runs_modules_in_dependency_order_with_their_bindings() -> None:
    script = bundle(MODULES, "main.js")
    assert not re.search(r"^\s*(import|export)\b", script, re.MULTILINE)
    assert "import(" not in script
    assert "lib/unused.js" not in script
    assert run_in_node(script) == ["hi Kim 2", 3, 8, 6]


def test_order_puts_each_module_after_what_it_imports_or_loads() -> None:
    modules = {path: parse(path, text) for path, text in MODULES.items()}
    assert order(modules, "main.js") == ["lib/util.js", "lib/greet.js", "tools/hello.js", "main.js"]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("export default function x() {}\n", "only `export function`"),
        ("export { a };\n", "only `export function`"),
        ('import thing from "./x.js";\n', "only `import { name } from"),
        ('import "./side-effect.js";\n', "only `import { name } from"),
        ('import { a } from "lib";\n', "only `import { name } from"),
        ("const m = import(name);\n", "import() needs a literal relative path"),
        ("const u = import.meta.url;\n", "import.meta has no equivalent"),
    ],
)
def test_modules_outside_the_style_are_refused_with_file_and_line(source: str, message: str) -> None:
    with pytest.raises(BundleError) as caught:
        bundle({"main.js": "// first line\n" + source}, "main.js")
    assert (caught.value.path, caught.value.line) == ("main.js", 2)
    assert message in caught.value.message


def test_missing_module_missing_export_and_cycles_are_refused() -> None:
    with pytest.raises(BundleError, match=r"imports lib/nowhere\.js, which does not exist"):
        bundle({"main.js": 'import { a } from "./lib/nowhere.js";\n'}, "main.js")
    with pytest.raises(BundleError, match=r"lib/a\.js does not export b"):
        bundle({"main.js": 'import { b } from "./lib/a.js";\n', "lib/a.js": "export const a = 1;\n"}, "main.js")
    cycle = {
        "main.js": 'import { a } from "./a.js";\n',
        "a.js": 'import { b } from "./b.js";\nexport const a = 1;\n',
        "b.js": 'import { a } from "./a.js";\nexport const b = 2;\n',
    }
    with pytest.raises(BundleError, match=r"circular import \(a\.js → b\.js → a\.js\)"):
        bundle(cycle, "main.js")


def test_the_real_tools_bundle_into_valid_script(tmp_path: Path) -> None:
    root = REPO / "overrides" / "assets" / "playbook"
    sources = {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in root.rglob("*.js")}
    script = bundle(sources, "main.js")
    for tool in ("calculator", "composer", "worksheet"):
        assert f'__pbModules["tools/{tool}.js"] = ' in script
    target = tmp_path / "tools.js"
    target.write_text(script, encoding="utf-8")
    if NODE is None:
        pytest.fail("node is missing; the README's test command installs it")
    subprocess.run([NODE, "--check", str(target)], check=True, timeout=60)
