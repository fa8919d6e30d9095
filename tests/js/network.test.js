import { test } from "node:test";
import assert from "node:assert/strict";

import {
  cleanDate, decide, decisionOf, emptyNetwork, markAll, needsExport, networkFromLegacy, networkSchema, peopleInSteps, peopleOf,
  personNamed, takeImport,
} from "../../overrides/assets/playbook/lib/network.js";
import { importConnections } from "../../overrides/assets/playbook/lib/linkedin.js";
import { moveLegacyKeys, storageKey } from "../../overrides/assets/playbook/lib/storage.js";
import { NETWORK, prepareStorage } from "../../overrides/assets/playbook/lib/sitestore.js";
import { makeConnectionsCSV } from "./helpers/connections.js";
import { MemoryStorage } from "./helpers/storage.js";

const NOW = new Date("2026-03-04T10:00:00Z");
const envelope = (schema, data) => JSON.stringify({ schema, saved: "2025-01-01T00:00:00Z", data });

test("the empty network passes its own check; damaged parts are named", () => {
  assert.equal(networkSchema.check(emptyNetwork()), null);
  const bad = (change) => networkSchema.check({ ...emptyNetwork(), ...change });
  assert.match(bad({ people: { "in/a": { mark: "friend" } } }), /people.in\/a.mark/);
  assert.match(bad({ people: { "in/a": { me: "maybe" } } }), /people.in\/a.me/);
  assert.match(bad({ people: { "in/a": { scores: { trust: "3" } } } }), /scores/);
  assert.match(bad({ targets: [{ id: "t", employer: "Acme", role: "", motivation: 9, posting: 1 }] }), /motivation/);
  assert.match(bad({ sent: [{ id: "m", person: "p", employer: "", step: "", template: "", on: "12 Mar 2024", replied: "", second: "", followed: "" }] }), /sent\[0\].on/);
  assert.match(bad({ list: { file: "", imported: "", fields: ["x"], rows: [] } }), /fields/);
});

test("decisions are kept by person id across a new import, and typed people join the imported ones", () => {
  const network = emptyNetwork();
  const first = importConnections(makeConnectionsCSV(20)).connections;
  takeImport(network, first, "Connections.csv", NOW);
  const [a, b] = peopleOf(network);
  markAll(network, [a.id, b.id], "well");
  decide(network, b.id, { me: "yes" });
  const typed = personNamed(network, "Zoe Newcomer");
  decide(network, typed, { scores: { trust: 4 } });
  assert.equal(personNamed(network, `  ${a.first_name.toUpperCase()}   ${a.last_name} `), a.id, "same name, same person");
  assert.equal(peopleOf(network).length, 21);
  takeImport(network, importConnections(makeConnectionsCSV(30)).connections, "Connections (2).csv", NOW);
  assert.equal(decisionOf(network, b.id).mark, "well");
  assert.equal(decisionOf(network, b.id).me, "yes");
  assert.equal(peopleOf(network).length, 31);
  decide(network, b.id, { mark: undefined, me: undefined });
  assert.equal(b.id in network.people, false, "a person without decisions is dropped");
});

test("people read back in steps: each step a few more, the last everyone, as peopleOf() gives them", () => {
  const network = emptyNetwork();
  takeImport(network, importConnections(makeConnectionsCSV(23)).connections, "Connections.csv", NOW);
  personNamed(network, "Zoe Newcomer");
  personNamed(network, `${peopleOf(network)[0].first_name} ${peopleOf(network)[0].last_name}`);
  const sizes = [];
  let last = null;
  for (const step of peopleInSteps(network, 10)) {
    sizes.push(step.length);
    last = step;
  }
  assert.deepEqual(sizes, [10, 20, 24]);
  assert.deepEqual(last, peopleOf(network));
  assert.deepEqual(last.map((c) => c.index), last.map((_, i) => i), "each knows its place, for the search index");
  assert.deepEqual([...peopleInSteps(emptyNetwork(), 10)].map((step) => step.length), [0]);
});

test("a stored date the parser does not expect is read again or dropped, never trusted", () => {
  assert.equal(cleanDate("2024-03-12"), "2024-03-12");
  assert.equal(cleanDate("12 Mar 2024"), "2024-03-12");
  assert.equal(cleanDate("sometime in spring"), "");
  const network = emptyNetwork();
  network.list.rows = [["Ana", "Okafor", "https://www.linkedin.com/in/ana", "", "Acme", "Engineer", "the 12th of never"]];
  assert.equal(peopleOf(network)[0].connected_on, "");
});

test("the first version's stores combine into the network store", () => {
  const list = { file: "Connections.csv", imported: "2025-01-01T00:00:00Z", fields: ["first_name", "last_name", "url", "email", "company", "position", "connected_on"], rows: [["Ana", "Okafor", "https://www.linkedin.com/in/ana", "", "Acme", "Engineer", "2024-03-12"]] };
  const network = networkFromLegacy({
    worksheet: { answers: {}, marks: { "in/ana": "well", "in/gone": "unknown", "in/odd": "friend" }, shared: { your_name: "Lena" } },
    connections: list,
    calculator: { draft: { name: "", scores: {} }, people: [{ name: "Ana Okafor", scores: { trust: 4, for_me: 2 }, saved: "x" }, { name: "Sam", scores: { trust: 1 }, saved: "x" }] },
  }, NOW);
  assert.equal(networkSchema.check(network), null);
  assert.deepEqual(decisionOf(network, "in/ana"), { mark: "well", scores: { trust: 4, for_me: 2 } });
  assert.equal(decisionOf(network, "in/gone").mark, "unknown");
  assert.equal("in/odd" in network.people, false);
  assert.deepEqual(network.shared, { your_name: "Lena" });
  assert.deepEqual(peopleOf(network).map((c) => c.first_name), ["Ana", "Sam"]);
});

test("saved work moves from title-based keys to the stable key, never over newer data", () => {
  const storage = new MemoryStorage();
  storage.setItem("pb:the-networking-playbook:composer:composer", envelope(1, { template: "x", values: {} }));
  storage.setItem("pb:the-networking-playbook:checker:draft", "{damaged");
  storage.setItem("playbook:networking-playbook:checker:draft", "newer");
  storage.setItem("unrelated", "1");
  const moved = moveLegacyKeys(storage, "networking-playbook", ["the-networking-playbook"]);
  assert.deepEqual(moved, [storageKey("networking-playbook", "composer", "composer")]);
  assert.equal(storage.getItem("pb:the-networking-playbook:composer:composer"), null);
  assert.equal(storage.getItem("playbook:networking-playbook:checker:draft"), "newer");
  assert.equal(storage.getItem("pb:the-networking-playbook:checker:draft"), "{damaged", "left where it was");
});

test("a title changed before this version: the only old site in the browser is this one", () => {
  const storage = new MemoryStorage();
  storage.setItem("pb:old-title:composer:composer", "a");
  moveLegacyKeys(storage, "site", ["new-title"]);
  assert.equal(storage.getItem("playbook:site:composer:composer"), "a");
  const shared = new MemoryStorage();
  shared.setItem("pb:one:composer:composer", "a");
  shared.setItem("pb:two:composer:composer", "b");
  assert.deepEqual(moveLegacyKeys(shared, "site", ["three"]), [], "two old sites on one origin: neither is taken");
});

test("a full storage keeps the old copy", () => {
  const storage = new MemoryStorage({ quota: 60 });
  storage.setItem("pb:s:composer:composer", "x".repeat(30));
  assert.deepEqual(moveLegacyKeys(storage, "a-much-longer-site-key-than-fits", ["s"]), []);
  assert.equal(storage.getItem("pb:s:composer:composer"), "x".repeat(30));
});

test("preparing a browser's storage moves the keys and builds the network store once", () => {
  const storage = new MemoryStorage();
  const fields = ["first_name", "last_name", "url", "email", "company", "position", "connected_on"];
  storage.setItem("pb:the-networking-playbook:worksheet:network-audit", envelope(1, { answers: { a: "b" }, marks: { "in/ana": "unknown" }, shared: {} }));
  storage.setItem("pb:the-networking-playbook:connections:network-audit", envelope(1, { file: "C.csv", imported: "", fields, rows: [["Ana", "", "https://www.linkedin.com/in/ana", "", "", "", "12 Mar 2024"]] }));
  const site = { id: "networking-playbook", legacy: ["the-networking-playbook"] };
  const result = prepareStorage(storage, site, NOW);
  assert.equal(result.combined, true);
  const key = storageKey(site.id, NETWORK.tool, NETWORK.instance);
  const network = JSON.parse(storage.getItem(key)).data;
  assert.equal(decisionOf(network, "in/ana").mark, "unknown");
  assert.equal(peopleOf(network)[0].connected_on, "2024-03-12");
  assert.equal(storage.getItem(storageKey(site.id, "connections", "network-audit")), null);
  assert.ok(storage.getItem(storageKey(site.id, "worksheet", "network-audit")), "the worksheet keeps its answers");
  assert.equal(prepareStorage(storage, site, NOW).combined, false, "only once");
  storage.setItem(key, "{damaged");
  prepareStorage(storage, site, NOW);
  assert.equal(storage.getItem(key), "{damaged", "a damaged network store is never replaced");
});

test("an export is due when there is work changed since the last one", () => {
  const network = emptyNetwork();
  assert.equal(needsExport(network), false);
  decide(network, "in/a", { mark: "well" });
  network.changed = "2026-03-04T10:00:00.000Z";
  assert.equal(needsExport(network), true);
  network.exported = "2026-03-04T11:00:00.000Z";
  assert.equal(needsExport(network), false);
});
