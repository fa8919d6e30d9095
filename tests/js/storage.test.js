import { test } from "node:test";
import assert from "node:assert/strict";

import {
  createStore,
  exportFile,
  importFile,
  isQuotaError,
  storageKey,
  upgrade,
} from "../../overrides/assets/playbook/lib/storage.js";
import { MemoryStorage } from "./helpers/storage.js";

// A tool at schema 3 that renamed "names" to "people" in 2 and added "notes" in 3.
const SCHEMA = {
  version: 3,
  migrations: {
    1: (data) => ({ people: data.names }),
    2: (data) => ({ ...data, notes: "" }),
  },
  check: (data) =>
    data && Array.isArray(data.people) && typeof data.notes === "string" ? null : "expected {people, notes}",
  empty: () => ({ people: [], notes: "" }),
};
const KEY = storageKey("career-center", "calculator", "calculator");
const NOW = () => new Date("2026-11-22T10:00:00Z");

test("keys are namespaced by site, tool and instance", () => {
  assert.equal(KEY, "playbook:career-center:calculator:calculator");
  assert.equal(storageKey("s", "worksheet", "network-audit"), "playbook:s:worksheet:network-audit");
});

test("nothing saved yet: empty status and the empty state", () => {
  const result = createStore(new MemoryStorage(), KEY, SCHEMA).load();
  assert.deepEqual(result, { status: "empty", data: { people: [], notes: "" } });
});

test("saved data comes back in a versioned envelope", () => {
  const storage = new MemoryStorage();
  const store = createStore(storage, KEY, SCHEMA, NOW);
  assert.deepEqual(store.save({ people: ["Ann"], notes: "hi" }).ok, true);
  assert.deepEqual(JSON.parse(storage.getItem(KEY)), {
    schema: 3,
    saved: "2026-11-22T10:00:00.000Z",
    data: { people: ["Ann"], notes: "hi" },
  });
  assert.deepEqual(store.load(), { status: "ok", data: { people: ["Ann"], notes: "hi" }, migrated: false });
});

test("data of an older schema is migrated step by step", () => {
  const storage = new MemoryStorage();
  storage.setItem(KEY, JSON.stringify({ schema: 1, saved: "2025-01-01T00:00:00Z", data: { names: ["Ann", "Bo"] } }));
  const result = createStore(storage, KEY, SCHEMA).load();
  assert.deepEqual(result, { status: "ok", data: { people: ["Ann", "Bo"], notes: "" }, migrated: true });
});

test("unparseable or wrongly shaped data is corrupt, and its text is kept to download", () => {
  const cases = {
    "{not json": "not-json",
    "[]": "no-envelope",
    '{"data": {}}': "no-version",
    '{"schema": "1", "data": {}}': "no-version",
    '{"schema": 0, "data": {}}': "no-version",
    '{"schema": 3, "data": {"people": "Ann", "notes": ""}}': "expected {people, notes}",
    '{"schema": 1, "data": null}': "migration-from-1-failed: Cannot read properties of null (reading 'names')",
  };
  for (const [raw, reason] of Object.entries(cases)) {
    const storage = new MemoryStorage();
    storage.setItem(KEY, raw);
    const result = createStore(storage, KEY, SCHEMA).load();
    assert.equal(result.status, "corrupt", raw);
    assert.equal(result.reason, reason, raw);
    assert.equal(result.raw, raw, "the stored text, byte for byte");
    assert.deepEqual(result.data, SCHEMA.empty());
    assert.equal(storage.getItem(KEY), raw, "loading never rewrites");
  }
});

test("a migration that is missing makes the data corrupt, not lost", () => {
  const schema = { ...SCHEMA, migrations: { 2: SCHEMA.migrations[2] } };
  const storage = new MemoryStorage();
  storage.setItem(KEY, '{"schema": 1, "data": {"names": []}}');
  assert.equal(createStore(storage, KEY, schema).load().reason, "no-migration-from-1");
});

test("data from a newer version is reported as too new, and left alone", () => {
  const storage = new MemoryStorage();
  const raw = JSON.stringify({ schema: 4, saved: "2027-01-01T00:00:00Z", data: { whatever: true } });
  storage.setItem(KEY, raw);
  const result = createStore(storage, KEY, SCHEMA).load();
  assert.equal(result.status, "too-new");
  assert.equal(result.version, 4);
  assert.equal(result.raw, raw);
  assert.equal(storage.getItem(KEY), raw);
});

test("a full storage is reported as a quota error, and the old data stays", () => {
  const storage = new MemoryStorage({ quota: 200 });
  const store = createStore(storage, KEY, SCHEMA, NOW);
  assert.equal(store.save({ people: ["a"], notes: "" }).ok, true);
  const before = storage.getItem(KEY);
  assert.deepEqual(store.save({ people: ["a".repeat(500)], notes: "" }), { ok: false, error: "quota" });
  assert.equal(storage.getItem(KEY), before);
});

test("quota errors are recognized across browsers", () => {
  assert.equal(isQuotaError(new DOMException("full", "QuotaExceededError")), true);
  assert.equal(isQuotaError({ name: "NS_ERROR_DOM_QUOTA_REACHED" }), true);
  assert.equal(isQuotaError({ code: 22 }), true);
  assert.equal(isQuotaError(new TypeError("x")), false);
  assert.equal(isQuotaError(null), false);
});

test("a browser that refuses storage: unavailable, never a crash", () => {
  const storage = new MemoryStorage();
  storage.refuse = true;
  const store = createStore(storage, KEY, SCHEMA);
  assert.deepEqual(store.load(), { status: "unavailable", data: SCHEMA.empty() });
  assert.deepEqual(store.save({ people: [], notes: "" }), { ok: false, error: "unavailable" });
  assert.equal(store.remove(), false);
  assert.equal(createStore(null, KEY, SCHEMA).load().status, "unavailable");
});

test("remove clears the saved data", () => {
  const storage = new MemoryStorage();
  const store = createStore(storage, KEY, SCHEMA);
  store.save({ people: [], notes: "" });
  assert.equal(store.remove(), true);
  assert.equal(store.load().status, "empty");
});

const WHO = { tool: "calculator", instance: "calculator", schema: SCHEMA };

test("an export file imports back", () => {
  const text = exportFile({ site: "s", ...WHO, data: { people: ["Ann"], notes: "x" }, now: NOW() });
  const file = JSON.parse(text);
  assert.equal(file.format, "networking-playbook");
  assert.equal(file.schema, 3);
  assert.equal(file.saved, "2026-11-22T10:00:00.000Z");
  assert.deepEqual(importFile(text, WHO), { ok: true, data: { people: ["Ann"], notes: "x" } });
});

test("an older export is migrated on import", () => {
  const text = JSON.stringify({ format: "networking-playbook", tool: "calculator", instance: "calculator", schema: 1, data: { names: ["Z"] } });
  assert.deepEqual(importFile(text, WHO), { ok: true, data: { people: ["Z"], notes: "" } });
});

test("bad import files say what is wrong", () => {
  const file = (extra) => JSON.stringify({ format: "networking-playbook", tool: "calculator", instance: "calculator", schema: 3, data: { people: [], notes: "" }, ...extra });
  assert.deepEqual(importFile("not json at all", WHO), { ok: false, error: "not-json" });
  assert.deepEqual(importFile('{"schema": 3, "data": {}}', WHO), { ok: false, error: "not-export" });
  assert.deepEqual(importFile("[1, 2]", WHO), { ok: false, error: "not-export" });
  assert.deepEqual(importFile(file({ tool: "worksheet", instance: "event-plan" }), WHO), {
    ok: false, error: "wrong-tool", found: "worksheet/event-plan",
  });
  assert.deepEqual(importFile(file({ schema: 9 }), WHO), { ok: false, error: "too-new" });
  assert.deepEqual(importFile(file({ data: { people: 3 } }), WHO), {
    ok: false, error: "bad-shape", found: "expected {people, notes}",
  });
  assert.equal(importFile(`\ufeff${file({})}`, WHO).ok, true, "a byte-order mark added by an editor is fine");
});

test("upgrade refuses what is not an envelope", () => {
  assert.equal(upgrade(null, SCHEMA).status, "corrupt");
  assert.equal(upgrade("text", SCHEMA).status, "corrupt");
});
