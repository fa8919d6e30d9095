import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import {
  auditRows,
  countMarks,
  filterConnections,
  fortifyList,
  packConnections,
  pageOf,
  personValues,
  searchText,
  sharedPlaceholders,
  unpackConnections,
} from "../../overrides/assets/playbook/lib/audit.js";
import { importConnections } from "../../overrides/assets/playbook/lib/linkedin.js";
import { parseCSV, toCSV } from "../../overrides/assets/playbook/lib/csv.js";
import { makeConnectionsCSV } from "./helpers/connections.js";

const { connections } = importConnections(
  readFileSync(new URL("./fixtures/Connections.csv", import.meta.url), "utf8"),
);
const texts = connections.map(searchText);
const id = (name) => connections.find((c) => c.first_name === name).id;

test("search matches every word in names, company and position, ignoring case and accents", () => {
  const names = (query) => filterConnections(connections, texts, {}, { query }).map((c) => c.first_name);
  assert.deepEqual(names("grace"), ["Grace"]);
  assert.deepEqual(names("MUNOZ"), ["José"]);
  assert.deepEqual(names("jose muñoz"), ["José"]);
  assert.deepEqual(names("recruiter talent"), ["Rita"]);
  assert.deepEqual(names("analytical, ltd"), [], "punctuation in a word must match too");
  assert.deepEqual(names("engines ltd."), ["Ada"]);
  assert.equal(names("").length, connections.length);
  assert.deepEqual(names("nobody-here"), []);
});

test("filter by mark, or by no mark yet", () => {
  const marks = { [id("Ada")]: "well", [id("Rita")]: "recruiter", [id("Grace")]: "unknown" };
  const names = (mark) => filterConnections(connections, texts, marks, { mark }).map((c) => c.first_name);
  assert.deepEqual(names("well"), ["Ada"]);
  assert.deepEqual(names("recruiter"), ["Rita"]);
  assert.deepEqual(names("unknown"), ["Grace"]);
  assert.equal(names("none").length, connections.length - 3);
  assert.ok(!names("none").includes("Ada"));
  assert.deepEqual(
    filterConnections(connections, texts, marks, { mark: "unknown", query: "ada" }),
    [],
    "search and filter combine",
  );
});

test("counts of each mark", () => {
  const marks = { [id("Ada")]: "well", [id("Rita")]: "recruiter", [id("Grace")]: "unknown", "in/gone": "well" };
  assert.deepEqual(countMarks(connections, marks), { total: 8, none: 5, well: 1, recruiter: 1, unknown: 1 });
});

test("pages of a list, clamped to the pages there are", () => {
  const items = Array.from({ length: 120 }, (_, i) => i);
  assert.deepEqual(pageOf(items, 1, 50), { items: items.slice(0, 50), page: 1, pages: 3, from: 1, to: 50, total: 120 });
  assert.deepEqual(pageOf(items, 3, 50).items, items.slice(100));
  assert.equal(pageOf(items, 99, 50).page, 3);
  assert.equal(pageOf(items, 0, 50).page, 1);
  assert.deepEqual(pageOf([], 1, 50), { items: [], page: 1, pages: 1, from: 0, to: 0, total: 0 });
});

test("the fortify list holds the people you don't really know", () => {
  const marks = { [id("Ada")]: "well", [id("Grace")]: "unknown", [id("Linus")]: "unknown" };
  assert.deepEqual(fortifyList(connections, marks).map((c) => c.first_name), ["Grace", "Linus"]);
});

test("a reconnection message is prefilled per person; the writer's own values are shared", () => {
  const grace = connections.find((c) => c.first_name === "Grace");
  assert.deepEqual(personValues(grace, { your_name: "Alex", first_name: "ignored" }, (iso) => `month of ${iso}`), {
    your_name: "Alex", first_name: "Grace", last_name: "Hopper", company: "US Navy", position: "Rear Admiral, retired",
    connected_on: "month of 2024-03-15", when_connected: "month of 2024-03-15",
  });
  const nameless = connections.find((c) => c.first_name === "" && c.last_name === "");
  assert.equal(personValues(nameless, {}).first_name, undefined, "no name: the placeholder stays to fill");
  assert.deepEqual(
    sharedPlaceholders(["first_name", "your_name", "company", "when_connected", "shared_interest"]),
    ["your_name", "shared_interest"],
  );
});

test("the audit as CSV: marks written out, formulas neutralized, markup kept as text", () => {
  const marks = { [id("Ada")]: "well" };
  const headings = ["First", "Last", "URL", "Email", "Company", "Position", "Connected", "Mark"];
  const rows = auditRows(connections, marks, headings, { well: "Know well", recruiter: "Recruiter", unknown: "Don't really know" });
  assert.deepEqual(rows[0], headings);
  assert.equal(rows.length, connections.length + 1);
  const back = parseCSV(toCSV(rows)).rows;
  const ada = back.find((r) => r[0] === "Ada");
  assert.deepEqual(ada, ["Ada", "Lovelace", "https://www.linkedin.com/in/ada-lovelace-1815", "", "Analytical Engines, Ltd.", "Engineer", "2024-03-12", "Know well"]);
  const xss = back.find((r) => r[1] === "Tester");
  assert.equal(xss[0], "<img src=x onerror=alert(1)>");
  assert.equal(xss[5], `'=HYPERLINK("http://evil.example","click")`);
});

test("connections pack for storage and unpack with the same ids", () => {
  const again = unpackConnections(packConnections(connections));
  assert.deepEqual(again.map((c) => c.id), connections.map((c) => c.id));
  assert.deepEqual(again[0].company, connections[0].company);
});

test("30,000 connections filter to the right people and pack small enough for localStorage", (t) => {
  const big = importConnections(makeConnectionsCSV(30000)).connections;
  const bigTexts = big.map(searchText);
  const found = filterConnections(big, bigTexts, {}, { query: "okafor globex" });
  const size = JSON.stringify(packConnections(big)).length;
  t.diagnostic(`${found.length} found; stored size ${(size / 1e6).toFixed(2)} M characters`);
  assert.ok(found.length > 0 && found.every((c) => c.last_name === "Okafor" && c.company === "Globex, Inc."));
  // Browsers give a site about 5 M characters of localStorage.
  assert.ok(size < 5e6, `${size} characters`);
});
