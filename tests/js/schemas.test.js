import { test } from "node:test";
import assert from "node:assert/strict";

import {
  calculatorSchema,
  composerSchema,
  connectionsSchema,
  worksheetFileSchema,
  worksheetSchema,
} from "../../overrides/assets/playbook/lib/schemas.js";
import { createStore, importFile } from "../../overrides/assets/playbook/lib/storage.js";
import { MemoryStorage } from "./helpers/storage.js";

test("every tool's empty state passes its own check", () => {
  for (const schema of [calculatorSchema, composerSchema, worksheetSchema, connectionsSchema]) {
    assert.equal(schema.check(schema.empty()), null);
    assert.equal(schema.version, 1);
  }
});

test("calculator: people with numeric scores; a hand-edited text score is caught", () => {
  const good = { draft: { name: "", scores: { trust: "3" } }, people: [{ name: "A", scores: { trust: 3 }, saved: "x" }] };
  assert.equal(calculatorSchema.check(good), null);
  assert.match(calculatorSchema.check({ ...good, people: [{ name: "A", scores: { trust: "3" }, saved: "x" }] }), /non-number/);
  assert.match(calculatorSchema.check({ ...good, draft: { name: 1, scores: {} } }), /draft.name/);
  assert.ok(calculatorSchema.check({ people: [] }));
  assert.ok(calculatorSchema.check(null));
});

test("composer: a template id and text values", () => {
  assert.equal(composerSchema.check({ template: "cold-email", values: { first_name: "Sam" } }), null);
  assert.match(composerSchema.check({ template: "x", values: { first_name: 3 } }), /values.first_name/);
});

test("worksheet: text or table answers, known marks only", () => {
  const good = { answers: { goal: "x", people: [["a", "b"], ["", ""]] }, marks: { "in/a": "well" }, shared: {} };
  assert.equal(worksheetSchema.check(good), null);
  assert.match(worksheetSchema.check({ ...good, answers: { people: [["a", 1]] } }), /answers.people/);
  assert.match(worksheetSchema.check({ ...good, marks: { "in/a": "friend" } }), /marks.in\/a/);
  assert.ok(worksheetSchema.check({ answers: {} }), "marks and shared are required");
});

test("connections: rows of seven texts", () => {
  const good = { ...connectionsSchema.empty(), file: "Connections.csv", imported: "2026-01-01T00:00:00Z", rows: [["a", "b", "", "", "", "", ""]] };
  assert.equal(connectionsSchema.check(good), null);
  assert.match(connectionsSchema.check({ ...good, rows: [["a"]] }), /rows\[0\]/);
  assert.match(connectionsSchema.check({ ...good, fields: ["x"] }), /fields/);
});

test("a store with a real schema: a damaged saved list is reported, not replaced by an empty one", () => {
  const storage = new MemoryStorage();
  const raw = JSON.stringify({ schema: 1, saved: "", data: { draft: { name: "", scores: {} }, people: "oops" } });
  storage.setItem("k", raw);
  const result = createStore(storage, "k", calculatorSchema).load();
  assert.equal(result.status, "corrupt");
  assert.deepEqual(result.data, calculatorSchema.empty());
  assert.equal(storage.getItem("k"), raw);
});

test("an export of one worksheet does not import into another", () => {
  const text = JSON.stringify({ format: "networking-playbook", tool: "worksheet", instance: "event-plan", schema: 1, data: worksheetSchema.empty() });
  assert.equal(importFile(text, { tool: "worksheet", instance: "event-plan", schema: worksheetSchema }).ok, true);
  assert.equal(importFile(text, { tool: "worksheet", instance: "network-audit", schema: worksheetSchema }).error, "wrong-tool");
});

test("a worksheet file may carry the imported connections, checked too", () => {
  const base = worksheetSchema.empty();
  const list = { ...connectionsSchema.empty(), file: "Connections.csv", imported: "x", rows: [["a", "b", "", "", "", "", ""]] };
  assert.equal(worksheetFileSchema.check({ ...base, connections: list }), null);
  assert.equal(worksheetFileSchema.check(base), null);
  assert.match(worksheetFileSchema.check({ ...base, connections: { ...list, rows: [[1]] } }), /^connections: rows\[0\]/);
});
