import { test } from "node:test";
import assert from "node:assert/strict";

import { calculatorSchema, composerSchema, worksheetSchema } from "../../overrides/assets/playbook/lib/schemas.js";
import { createStore, importFile, upgrade } from "../../overrides/assets/playbook/lib/storage.js";
import { MemoryStorage } from "./helpers/storage.js";

test("every tool's empty state passes its own check", () => {
  for (const schema of [calculatorSchema, composerSchema, worksheetSchema]) assert.equal(schema.check(schema.empty()), null);
});

test("calculator: version 2 keeps the form; the scored people of version 1 left for the network store", () => {
  assert.equal(calculatorSchema.check({ draft: { name: "", scores: { trust: "3" } } }), null);
  assert.match(calculatorSchema.check({ draft: { name: 1, scores: {} } }), /draft.name/);
  assert.ok(calculatorSchema.check(null));
  const v1 = { schema: 1, data: { draft: { name: "Ann", scores: { trust: "3" } }, people: [{ name: "A", scores: { trust: 3 }, saved: "x" }] } };
  assert.deepEqual(upgrade(v1, calculatorSchema), { status: "ok", data: { draft: { name: "Ann", scores: { trust: "3" } } }, from: 1 });
});

test("composer: a template id and text values", () => {
  assert.equal(composerSchema.check({ template: "cold-email", values: { first_name: "Sam" } }), null);
  assert.match(composerSchema.check({ template: "x", values: { first_name: 3 } }), /values.first_name/);
});

test("worksheet: text or table answers; version 1's marks move out on upgrade", () => {
  const good = { answers: { goal: "x", people: [["a", "b"], ["", ""]] } };
  assert.equal(worksheetSchema.check(good), null);
  assert.match(worksheetSchema.check({ answers: { people: [["a", 1]] } }), /answers.people/);
  const v1 = { schema: 1, data: { ...good, marks: { "in/a": "well" }, shared: {} } };
  assert.deepEqual(upgrade(v1, worksheetSchema).data, good);
});

test("a store with a real schema: a damaged saved form is reported, not replaced by an empty one", () => {
  const storage = new MemoryStorage();
  const raw = JSON.stringify({ schema: 2, saved: "", data: { draft: "oops" } });
  storage.setItem("k", raw);
  const result = createStore(storage, "k", calculatorSchema).load();
  assert.equal(result.status, "corrupt");
  assert.deepEqual(result.data, calculatorSchema.empty());
  assert.equal(storage.getItem("k"), raw);
});

test("an export of one worksheet does not import into another", () => {
  const text = JSON.stringify({ format: "networking-playbook", tool: "worksheet", instance: "event-plan", schema: 2, data: worksheetSchema.empty() });
  assert.equal(importFile(text, { tool: "worksheet", instance: "event-plan", schema: worksheetSchema }).ok, true);
  assert.equal(importFile(text, { tool: "worksheet", instance: "network-audit", schema: worksheetSchema }).error, "wrong-tool");
});
