import { test } from "node:test";
import assert from "node:assert/strict";

import { evaluate, principlesFor, readScore, readScores } from "../../overrides/assets/playbook/lib/formula.js";
import { nameProblem, rankPeople, removePerson, savePerson } from "../../overrides/assets/playbook/lib/people.js";
import { FORMULA, PRINCIPLES } from "./helpers/formula.js";

const [FOR_ME, , TRUST] = FORMULA.components;

test("scores must be whole numbers in the component's range", () => {
  const cases = {
    "": "empty",
    "   ": "empty",
    abc: "not-number",
    "-1": "negative",
    "2.5": "not-whole",
    "2,5": "not-whole",
    "99": "out-of-range",
    "6": "out-of-range",
    "1e1": "not-number",
    "0x3": "not-number",
    NaN: "not-number",
    Infinity: "not-number",
  };
  for (const [raw, code] of Object.entries(cases)) {
    const read = readScore(raw, FOR_ME);
    assert.equal(read.ok, false, JSON.stringify(raw));
    assert.equal(read.code, code, JSON.stringify(raw));
    assert.deepEqual(read.params, { min: 0, max: 5 });
  }
  assert.equal(readScore(null, FOR_ME).code, "empty");
  assert.equal(readScore(undefined, FOR_ME).code, "empty");
});

test("valid scores, spaces around allowed", () => {
  assert.deepEqual(readScore(" 3 ", FOR_ME), { ok: true, value: 3 });
  assert.deepEqual(readScore("0", FOR_ME), { ok: true, value: 0 });
  assert.deepEqual(readScore("-0", FOR_ME), { ok: true, value: 0 });
  assert.deepEqual(readScore("5", FOR_ME), { ok: true, value: 5 });
  assert.deepEqual(readScore("3.0", FOR_ME), { ok: true, value: 3 });
  assert.deepEqual(readScore(4, FOR_ME), { ok: true, value: 4 });
});

test("a scale that starts above zero rejects zero as out of range", () => {
  const oneToTen = { ...FOR_ME, min: 1, max: 10 };
  assert.equal(readScore("0", oneToTen).code, "out-of-range");
  assert.deepEqual(readScore("10", oneToTen), { ok: true, value: 10 });
  assert.equal(readScore("-3", { ...FOR_ME, min: -5, max: 5 }).ok, true, "negative is fine when the scale allows it");
});

test("readScores collects every error and no result values for them", () => {
  const read = readScores(FORMULA, { for_me: "3", for_you: "abc", trust: "" });
  assert.equal(read.complete, false);
  assert.deepEqual(read.values, { for_me: 3 });
  assert.deepEqual(Object.keys(read.errors), ["for_you", "trust"]);
});

test("the result is the sum of the exchange times the trust", () => {
  const e = evaluate(FORMULA, { for_me: 3, for_you: 4, trust: 2 });
  assert.equal(e.exchange, 7);
  assert.equal(e.trust, 2);
  assert.equal(e.result, 14);
  assert.deepEqual(e.max, { exchange: 10, trust: 5, result: 50 });
  assert.deepEqual(
    e.shares.map((s) => [s.id, s.value, s.max, s.share]),
    [["for_me", 3, 5, 0.6], ["for_you", 4, 5, 0.8], ["trust", 2, 5, 0.4]],
  );
  assert.ok(!Number.isNaN(e.result));
});

test("the first band whose bounds all hold is the reading", () => {
  const band = (values) => evaluate(FORMULA, values).band.id;
  assert.equal(band({ for_me: 0, for_you: 0, trust: 5 }), "no-exchange", "no exchange, whatever the trust");
  assert.equal(band({ for_me: 5, for_you: 5, trust: 1 }), "contact", "exchange without trust is a contact");
  assert.equal(band({ for_me: 2, for_you: 2, trust: 3 }), "growing", "12 of 50");
  assert.equal(band({ for_me: 3, for_you: 2, trust: 5 }), "relationship", "25: the bound is inclusive");
  assert.equal(band({ for_me: 3, for_you: 2, trust: 4 }), "growing", "20");
});

test("no band applies: the reading is null, not an error", () => {
  const formula = { ...FORMULA, bands: [FORMULA.bands[3]] };
  assert.equal(evaluate(formula, { for_me: 1, for_you: 1, trust: 1 }).band, null);
});

test("several trust components multiply", () => {
  const formula = {
    ...FORMULA,
    components: [...FORMULA.components, { ...TRUST, id: "reliability", max: 3, principles: [] }],
  };
  const e = evaluate(formula, { for_me: 1, for_you: 1, trust: 2, reliability: 3 });
  assert.equal(e.trust, 6);
  assert.equal(e.result, 12);
  assert.deepEqual(e.max, { exchange: 10, trust: 15, result: 150 });
});

test("the weakest component is the lowest share of its maximum; ties are all weakest", () => {
  assert.deepEqual(evaluate(FORMULA, { for_me: 4, for_you: 3, trust: 1 }).weakest, ["trust"]);
  assert.deepEqual(evaluate(FORMULA, { for_me: 2, for_you: 2, trust: 5 }).weakest, ["for_me", "for_you"]);
  const uneven = { ...FORMULA, components: [FORMULA.components[0], FORMULA.components[1], { ...TRUST, max: 10 }] };
  assert.deepEqual(evaluate(uneven, { for_me: 3, for_you: 4, trust: 5 }).weakest, ["trust"], "5 of 10 is below 3 of 5");
});

test("principles of the weakest components, each once, unknown ids left out", () => {
  assert.deepEqual(
    principlesFor(FORMULA, ["for_me", "for_you"], PRINCIPLES).map((p) => p.id),
    ["have-a-point", "give-first"],
  );
  assert.deepEqual(principlesFor(FORMULA, ["trust"], PRINCIPLES), [
    { id: "fortify", title: "Fortify your network", url: "../../principles/fortify/" },
  ]);
});

test("people are saved by name, updated by name regardless of case, and removed", () => {
  const now = new Date("2026-01-02T03:04:05Z");
  let { people, updated } = savePerson([], "  Jane   Doe ", { for_me: 1, for_you: 1, trust: 1 }, now);
  assert.equal(updated, false);
  assert.deepEqual(people, [{ name: "Jane Doe", scores: { for_me: 1, for_you: 1, trust: 1 }, saved: now.toISOString() }]);
  ({ people, updated } = savePerson(people, "jane doe", { for_me: 5, for_you: 5, trust: 5 }, now));
  assert.equal(updated, true);
  assert.equal(people.length, 1);
  assert.equal(people[0].scores.trust, 5);
  assert.deepEqual(removePerson(people, "JANE DOE"), []);
});

test("names must not be empty or too long", () => {
  assert.equal(nameProblem("   "), "name-empty");
  assert.equal(nameProblem("x".repeat(101)), "name-too-long");
  assert.equal(nameProblem("Bob"), null);
});

test("people rank by result, ties by name; those that no longer fit the formula come last", () => {
  const people = [
    { name: "Low", scores: { for_me: 1, for_you: 1, trust: 1 }, saved: "" },
    { name: "Stale", scores: { for_me: 9, for_you: 1, trust: 1 }, saved: "" },
    { name: "High", scores: { for_me: 5, for_you: 5, trust: 5 }, saved: "" },
    { name: "Also low", scores: { for_me: 2, for_you: 0, trust: 1 }, saved: "" },
  ];
  const ranked = rankPeople(FORMULA, people);
  assert.deepEqual(ranked.map((r) => r.person.name), ["High", "Also low", "Low", "Stale"]);
  assert.equal(ranked[0].evaluation.result, 50);
  assert.equal(ranked[3].evaluation, null);
});
