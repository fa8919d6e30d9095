import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import {
  MAX_PER_RULE,
  checkMessage,
  countBySeverity,
  draftSchema,
  fold,
  inferSituation,
  phraseWords,
} from "../../overrides/assets/playbook/lib/checker.js";

// Written by tests/test_checker.py from content/rules/ and tests/checker/*.yml, with the Python
// checker's findings for every message; a pytest fails when they are stale.
const read = (name) => JSON.parse(readFileSync(new URL(`../checker/${name}`, import.meta.url), "utf8"));
const shared = read("rules.json");
const { rules, situations: guide, situation_ids: SITUATIONS } = shared;
// Each language's rules and cues, as a site in that language gets them.
const byLanguage = { en: { rules, guide }, es: { rules: shared.es.rules, guide: shared.es.situations } };
const { messages } = read("messages.json");

/** A JS finding in the Python engine's shape: offsets in code points, snake_case positions. */
function asPython(finding, text) {
  const toCodePoints = (offset) => (offset === null ? null : [...text.slice(0, offset)].length);
  return {
    rule: finding.rule,
    severity: finding.severity,
    message: finding.message,
    fix: finding.fix,
    part: finding.part,
    start: toCodePoints(finding.start),
    end: toCodePoints(finding.end),
    line: finding.line,
    column: finding.column,
    end_line: finding.endLine,
    end_column: finding.endColumn,
  };
}

function run(message) {
  return checkMessage(byLanguage[message.language].rules, message.body, message.situation, message.subject ?? null);
}

test("the shared files hold every set of messages and every rule", () => {
  const sets = new Set(messages.map((m) => m.set));
  assert.deepEqual([...sets].sort(), [
    "dev-es",
    "edge",
    "holdout",
    "holdout-v3",
    "holdout-v3-es",
    "holdout-v4",
    "holdout-v4-es",
    "holdout-v5",
    "messages",
  ]);
  assert.ok(messages.filter((m) => m.language === "es").length >= 40);
  assert.ok(shared.es.rules.length >= 15);
  assert.ok(messages.filter((m) => m.set === "messages").length >= 60);
  assert.equal(rules.length, new Set(rules.map((r) => r.id)).size);
  assert.ok(rules.length >= 15);
});

test("every rule's pattern compiles in JavaScript's u mode", () => {
  const tests = [...rules, ...shared.es.rules].flatMap((r) => [r.match, r.match.only_if, r.match.unless]).filter(Boolean);
  const patterns = tests.flatMap((t) => [t.pattern, ...(t.patterns || [])]).filter(Boolean);
  assert.ok(patterns.length > 10);
  for (const pattern of patterns) assert.doesNotThrow(() => new RegExp(pattern, "gmu"), pattern);
});

for (const message of messages.filter((m) => m.answer !== null)) {
  test(`labelled message ${message.id}: exactly the expected rules`, () => {
    const found = [...new Set(run(message).map((f) => f.rule))].sort();
    assert.deepEqual(found, message.answer);
  });
}

for (const message of messages) {
  test(`${message.set} ${message.id}: the same findings as the Python checker`, () => {
    const found = run(message).map((f) => asPython(f, f.part === "subject" ? message.subject : message.body));
    assert.deepEqual(found, message.findings);
  });
}

for (const message of messages) {
  test(`${message.set} ${message.id}: the same findings as the Python checker in the inferred situation`, () => {
    const { rules: languageRules, guide: cues } = byLanguage[message.language];
    const inferred = inferSituation(cues, message.body, message.subject ?? null);
    const found = checkMessage(languageRules, message.body, inferred.situation, message.subject ?? null, inferred.cue !== null);
    const shown = found.map((f) => asPython(f, f.part === "subject" ? message.subject : message.body));
    assert.deepEqual(shown, message.findings_as_inferred);
  });
}

for (const message of messages) {
  test(`${message.set} ${message.id}: the same situation inferred as by the Python checker`, () => {
    const { guide: cues } = byLanguage[message.language];
    assert.deepEqual(inferSituation(cues, message.body, message.subject ?? null), message.inferred);
  });
}

test("the situations are the eight the labels use, and the guide only names them", () => {
  assert.equal(SITUATIONS.length, 8);
  assert.ok(SITUATIONS.includes(guide.default));
  for (const cue of guide.cues) assert.ok(SITUATIONS.includes(cue.situation), cue.situation);
});

test("precision and recall on the labelled messages match the Python benchmark's bar", () => {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const message of messages.filter((m) => m.set === "messages")) {
    const found = new Set(run(message).map((f) => f.rule));
    const expected = new Set(message.expected);
    for (const rule of found) (expected.has(rule) ? tp++ : fp++);
    for (const rule of expected) if (!found.has(rule)) fn++;
  }
  assert.ok(tp / (tp + fp) >= 0.9, `precision ${tp / (tp + fp)}`);
  assert.ok(tp / (tp + fn) >= 0.8, `recall ${tp / (tp + fn)}`);
});

const rule = (match, extra = {}) => ({
  id: "r",
  title: "A rule",
  severity: "warning",
  situations: [],
  severity_by_situation: {},
  message: "found “{match}” {count}/{max}",
  fix: "Fix it.",
  match: { where: "body", phrases: [], pattern: null, min: 1, only_if: null, unless: null, ...match },
  ...extra,
});

test("offsets are UTF-16 indexes for the textarea; columns count characters", () => {
  const body = "🙂 é\nhi 🙂 sync up";
  const [finding] = checkMessage([rule({ kind: "contains", phrases: ["sync up"] })], body, "first-contact");
  assert.equal(body.slice(finding.start, finding.end), "sync up");
  assert.deepEqual([finding.line, finding.column, finding.endLine, finding.endColumn], [2, 6, 2, 13]);
});

test("folding keeps the length of any text, in UTF-16 units", () => {
  const text = "İstanbul ΣΟΦΟΣ “quote” ‘it’s’ a\u00a0b\u2003c – — 🙂 𐐀 ﬁ ß";
  assert.equal(fold(text).length, text.length);
  assert.equal(fold("“Let’s” – GO"), "\"let's\" - go");
  assert.deepEqual(phraseWords("  Pick\u00a0your   BRAIN "), ["pick", "your", "brain"]);
});

test("a letter outside the basic plane counts as part of a word", () => {
  const r = rule({ kind: "contains", phrases: ["sync up"] });
  assert.equal(checkMessage([r], "𝐀sync up", "first-contact").length, 0);
  assert.equal(checkMessage([r], "🙂sync up", "first-contact").length, 1);
});

test("situations, severity overrides and the per-rule cap", () => {
  const r = rule({ kind: "contains", phrases: ["x"] }, { situations: ["follow-up", "referral-request"], severity_by_situation: { "referral-request": "hint" } });
  assert.equal(checkMessage([r], "x", "first-contact").length, 0);
  assert.equal(checkMessage([r], "x", "follow-up")[0].severity, "warning");
  assert.equal(checkMessage([r], "x", "referral-request")[0].severity, "hint");
  assert.equal(checkMessage([r], "x ".repeat(100), "follow-up").length, MAX_PER_RULE);
});

test("counts by severity", () => {
  assert.deepEqual(countBySeverity([{ severity: "error" }, { severity: "hint" }, { severity: "hint" }]), { error: 1, warning: 0, hint: 2 });
});

test("the kept draft's schema refuses damaged data", () => {
  assert.equal(draftSchema.check(draftSchema.empty()), null);
  assert.equal(draftSchema.check({ situation: "follow-up", channel: "email", subject: 1, body: "" }), "subject is not text");
  assert.equal(draftSchema.check([]), "expected an object");
});

test("a 100 KB draft is checked whole", () => {
  const base = messages.filter((m) => m.set === "messages").map((m) => m.body).join("\n");
  let body = base;
  while (body.length < 100 * 1024) body += `\n${base}`;
  body = body.slice(0, 100 * 1024);
  const findings = checkMessage(rules, body, "first-contact", "A subject");
  assert.ok(findings.length > 0);
});

test("folding drops the accents of vowels and keeps the ñ, as in Python", () => {
  assert.equal(fold("Días, ÁRBOL, pingüino, café"), "dias, arbol, pinguino, cafe");
  assert.equal(fold("Año, NIÑO"), "año, niño");
});
