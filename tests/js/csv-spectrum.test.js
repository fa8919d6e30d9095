// The CSV parser (lib/csv.js) against csv-spectrum 2.0.0 (npm, BSD-2-Clause, by Max Ogden and
// contributors), vendored in tests/corpora/csv-spectrum/: each CSV with the records its authors expect.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";

import { parseCSV } from "../../overrides/assets/playbook/lib/csv.js";

const corpus = new URL("../corpora/csv-spectrum/", import.meta.url);
const names = readdirSync(new URL("csvs/", corpus)).map((file) => file.replace(/\.csv$/, ""));

/** The records as csv-spectrum writes them: objects keyed by the header row, blank lines left out. */
function records(text) {
  const { rows, errors } = parseCSV(text);
  assert.deepEqual(errors, []);
  const [header, ...body] = rows.filter((row) => !(row.length === 1 && row[0] === ""));
  return body.map((row) => Object.fromEntries(header.map((key, index) => [key, row[index]])));
}

test("the corpus is all there", () => {
  assert.equal(names.length, 12);
});

// Where the corpus contradicts itself: its expected data is one object, not a list, and names a phone
// number (1234567890) its CSV does not hold (2095257564). We hold the parser to the CSV.
const CONTRADICTED = { location_coordinates: (expected) => [{ ...expected, "Contact Phone Number": "2095257564" }] };

for (const name of names) {
  test(`csv-spectrum ${name}`, () => {
    const text = readFileSync(new URL(`csvs/${name}.csv`, corpus), "utf8");
    let expected = JSON.parse(readFileSync(new URL(`json/${name}.json`, corpus), "utf8"));
    if (name in CONTRADICTED) {
      assert.ok(!Array.isArray(expected) && text.includes("2095257564") && !text.includes("1234567890"));
      expected = CONTRADICTED[name](expected);
    }
    assert.deepEqual(records(text), expected);
  });
}
