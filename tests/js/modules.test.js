import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";

const ROOT = new URL("../../overrides/assets/playbook/", import.meta.url);
const FILES = ["main.js", ...["lib", "ui", "tools"].flatMap((dir) =>
  readdirSync(new URL(`${dir}/`, ROOT)).filter((f) => f.endsWith(".js")).map((f) => `${dir}/${f}`))];
const source = (file) => readFileSync(new URL(file, ROOT), "utf8");
const code = (file) => source(file).replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");

test("modules follow the import and export forms the offline build expects", () => {
  for (const file of FILES) {
    const text = code(file);
    const statements = (text.match(/^import\b[^;]*;?/gm) || []).concat(text.match(/^[ \t]+import\b.*/gm) || []);
    for (const statement of statements) {
      assert.match(statement, /^import \{[\s\w,]+\} from "\.{1,2}\/[\w./-]+\.js";$/, `${file}: ${statement}`);
    }
    assert.doesNotMatch(text, /export default|import \*|export \*/, file);
    if (file !== "main.js") assert.doesNotMatch(text, /\bimport\(/, `${file}: dynamic import outside main.js`);
    for (const line of text.split("\n").filter((l) => /^export /.test(l))) {
      assert.match(line, /^export (async )?(function\*?|const) \w+/, `${file}: ${line}`);
    }
  }
});

test("every exported function has a JSDoc comment", () => {
  for (const file of FILES) {
    const lines = source(file).split("\n");
    lines.forEach((line, i) => {
      if (/^export (async )?function\*? /.test(line)) assert.match(lines[i - 1], /\*\/\s*$/, `${file}:${i + 1}`);
    });
  }
});

test("no HTML is ever written from strings", () => {
  for (const file of FILES) {
    assert.doesNotMatch(code(file), /innerHTML|outerHTML|insertAdjacentHTML|document\.write|srcdoc/, file);
  }
});

test("nothing leaves the browser: no network calls, no external addresses", () => {
  for (const file of FILES) {
    const text = code(file);
    assert.doesNotMatch(text, /\bfetch\(|XMLHttpRequest|sendBeacon|WebSocket|EventSource|new Image\(/, file);
    assert.doesNotMatch(text, /["'`]https?:\/\//, `${file}: an external address`);
  }
});

test("pure modules use no browser globals", () => {
  for (const file of FILES.filter((f) => f.startsWith("lib/"))) {
    assert.doesNotMatch(code(file), /\b(document|window|navigator|localStorage|sessionStorage)\b/, file);
  }
});

test("main.js loads exactly the tools there are", () => {
  const tools = readdirSync(new URL("tools/", ROOT)).map((f) => f.replace(/\.js$/, "")).sort();
  const loaded = [...source("main.js").matchAll(/import\("\.\/tools\/([\w-]+)\.js"\)/g)].map((m) => m[1]).sort();
  assert.deepEqual(loaded, tools);
  for (const tool of tools) assert.match(source(`tools/${tool}.js`), /^export function mount\(el, data\)/m, tool);
});
