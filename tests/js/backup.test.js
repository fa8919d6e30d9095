import { test } from "node:test";
import assert from "node:assert/strict";

import { backupFile, exportDue, noteChange, noteExport, readBackup, restoreBackup, storesOf } from "../../overrides/assets/playbook/lib/backup.js";
import { schemaFor } from "../../overrides/assets/playbook/lib/sitestore.js";
import { emptyNetwork } from "../../overrides/assets/playbook/lib/network.js";
import { storageKey } from "../../overrides/assets/playbook/lib/storage.js";
import { MemoryStorage } from "./helpers/storage.js";

const NOW = new Date("2026-12-02T10:00:00Z");
const SITE = "riverside";

function filled() {
  const storage = new MemoryStorage();
  const network = emptyNetwork();
  network.targets.push({ id: "t1", employer: "Globex", role: "", motivation: 5, posting: 2 });
  storage.setItem(storageKey(SITE, "network", "people"), JSON.stringify({ schema: 1, saved: NOW.toISOString(), data: network }));
  storage.setItem(storageKey(SITE, "worksheet", "referral-request-planner"), JSON.stringify({ schema: 2, saved: "", data: { answers: { chosen_connection: "Ana" } } }));
  storage.setItem(storageKey("other-site", "worksheet", "event-plan"), JSON.stringify({ schema: 2, saved: "", data: { answers: {} } }));
  storage.setItem(storageKey(SITE, "composer", "composer"), "{damaged");
  return storage;
}

test("every store of the site goes into one file; other sites and damaged stores do not", () => {
  const file = backupFile(filled(), SITE, NOW);
  const parsed = JSON.parse(file.text);
  assert.equal(parsed.tool, "everything");
  assert.deepEqual(Object.keys(parsed.stores), ["network:people", "worksheet:referral-request-planner"]);
  assert.deepEqual(file.skipped, ["composer:composer"]);
  assert.equal(file.count, 2);
});

test("a file brings every store back into an empty browser, and the reminder is reset", () => {
  const text = backupFile(filled(), SITE, NOW).text;
  const read = readBackup(text, schemaFor);
  assert.equal(read.ok, true);
  const fresh = new MemoryStorage();
  noteChange(fresh, SITE, new Date("2026-11-01T00:00:00Z"));
  assert.equal(exportDue(fresh, SITE, NOW).due, true);
  assert.deepEqual(restoreBackup(fresh, SITE, read.stores, NOW), { ok: true });
  assert.deepEqual([...storesOf(fresh, SITE).keys()].sort(), ["network:people", "worksheet:referral-request-planner"]);
  assert.equal(JSON.parse(fresh.getItem(storageKey(SITE, "network", "people"))).data.targets[0].employer, "Globex");
  assert.equal(exportDue(fresh, SITE, NOW).due, false);
});

test("a damaged, foreign or one-tool file is refused with what is wrong", () => {
  const good = JSON.parse(backupFile(filled(), SITE, NOW).text);
  assert.deepEqual(readBackup("not json", schemaFor), { ok: false, error: "not-json" });
  assert.deepEqual(readBackup('{"hello": 1}', schemaFor), { ok: false, error: "not-export" });
  assert.deepEqual(readBackup(JSON.stringify({ ...good, tool: "network", instance: "people" }), schemaFor),
    { ok: false, error: "one-tool", found: "network/people" });
  const unknown = { ...good, stores: { ...good.stores, "spreadsheet:x": { schema: 1, data: {} } } };
  assert.deepEqual(readBackup(JSON.stringify(unknown), schemaFor), { ok: false, error: "unknown-store", found: "spreadsheet:x" });
  const bad = { ...good, stores: { ...good.stores, "network:people": { schema: 1, data: { people: "no" } } } };
  assert.deepEqual(readBackup(JSON.stringify(bad), schemaFor), { ok: false, error: "bad-shape", found: "network:people" });
  const newer = { ...good, stores: { ...good.stores, "network:people": { schema: 99, data: {} } } };
  assert.deepEqual(readBackup(JSON.stringify(newer), schemaFor), { ok: false, error: "too-new", found: "network:people" });
  assert.deepEqual(readBackup(JSON.stringify({ ...good, stores: {} }), schemaFor), { ok: false, error: "empty" });
});

test("a storage that fills up half way gets its earlier work back: nothing half-written", () => {
  const read = readBackup(backupFile(filled(), SITE, NOW).text, schemaFor);
  const before = JSON.stringify({ schema: 2, saved: "", data: { answers: { x: "kept" } } });
  const sheet = read.stores.find((s) => s.tool === "worksheet");
  const sheetText = JSON.stringify({ schema: sheet.version, saved: NOW.toISOString(), data: sheet.data });
  // Room for the worksheet, not for the network after it.
  const storage = new MemoryStorage({ quota: storageKey(SITE, "worksheet", "referral-request-planner").length + sheetText.length + 50 });
  storage.setItem(storageKey(SITE, "worksheet", "referral-request-planner"), before);
  const network = storage.getItem(storageKey(SITE, "network", "people"));
  assert.deepEqual(restoreBackup(storage, SITE, [sheet, ...read.stores.filter((s) => s !== sheet)], NOW), { ok: false });
  assert.equal(storage.getItem(storageKey(SITE, "worksheet", "referral-request-planner")), before);
  assert.equal(storage.getItem(storageKey(SITE, "network", "people")), network);
});

test("the reminder comes when the first unexported change is three days old, and goes on export", () => {
  const storage = new MemoryStorage();
  assert.equal(exportDue(storage, SITE, NOW).due, false, "no work, no reminder");
  noteChange(storage, SITE, new Date("2026-11-30T10:00:00Z"));
  noteChange(storage, SITE, new Date("2026-12-01T10:00:00Z"));
  assert.equal(exportDue(storage, SITE, NOW).due, false, "two days: not yet");
  assert.equal(exportDue(storage, SITE, new Date("2026-12-03T10:00:00Z")).due, true, "three days after the first change");
  noteExport(storage, SITE, NOW);
  assert.deepEqual(exportDue(storage, SITE, new Date("2026-12-09T10:00:00Z")), { due: false, exported: NOW.toISOString(), pending: "" });
  assert.equal(exportDue(null, SITE, NOW).due, false);
});
