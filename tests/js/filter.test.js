import { test } from "node:test";
import assert from "node:assert/strict";

import { matches, shown, timeChoices } from "../../overrides/assets/playbook/lib/filter.js";

const AUDIT = { minutes: 45, group: ["solo"], level: "intermediate" };
const GIVE = { minutes: 15, group: ["solo", "pairs"], level: "beginner" };
const DEBATE = { minutes: 15, group: ["small-groups", "whole-group"], level: "beginner" };

test("no criterion shows every entry, those without a method too", () => {
  assert.deepEqual(shown([AUDIT, GIVE, null], {}), [true, true, true]);
  assert.deepEqual(shown([AUDIT, null], { minutes: null, group: "", level: "" }), [true, true]);
});

test("a time limit keeps what takes that long or less", () => {
  assert.equal(matches(GIVE, { minutes: 15 }), true);
  assert.equal(matches(AUDIT, { minutes: 30 }), false);
  assert.equal(matches(AUDIT, { minutes: 45 }), true);
});

test("a way of working keeps the entries that can be done that way; criteria combine", () => {
  assert.deepEqual(shown([AUDIT, GIVE, DEBATE], { group: "pairs" }), [false, true, false]);
  assert.deepEqual(shown([AUDIT, GIVE, DEBATE], { group: "solo", level: "beginner" }), [false, true, false]);
  assert.deepEqual(shown([AUDIT, GIVE, DEBATE], { minutes: 20, level: "beginner" }), [false, true, true]);
});

test("an entry without a method is hidden once any criterion is set", () => {
  assert.equal(matches(null, { level: "beginner" }), false);
});

test("the time limits offered run from the shortest entry to the first limit that takes in the longest", () => {
  assert.deepEqual(timeChoices([AUDIT, GIVE, null]), [15, 20, 30, 45]);
  assert.deepEqual(timeChoices([GIVE, DEBATE]), [15]);
  assert.deepEqual(timeChoices([null]), []);
});
