import { test } from "node:test";
import assert from "node:assert/strict";

import {
  addDays, addWorkingDays, isISODate, localISODate, weekday, weekOf, workingDaysBetween,
} from "../../overrides/assets/playbook/lib/workdays.js";

test("weekdays follow ISO 8601: Monday is 1, Sunday 7", () => {
  assert.equal(weekday("2026-03-02"), 1);
  assert.equal(weekday("2026-03-08"), 7);
  assert.equal(weekday("1969-12-31"), 3);
});

test("working days skip Saturdays and Sundays", () => {
  assert.equal(addWorkingDays("2026-03-02", 3), "2026-03-05", "Monday + 3 → Thursday");
  assert.equal(addWorkingDays("2026-03-02", 7), "2026-03-11", "Monday + 7 → next Wednesday");
  assert.equal(addWorkingDays("2026-03-06", 3), "2026-03-11", "Friday + 3 → Wednesday");
  assert.equal(addWorkingDays("2026-03-07", 3), "2026-03-11", "Saturday + 3 → Wednesday");
  assert.equal(addWorkingDays("2026-03-04", 7), "2026-03-13", "Wednesday + 7 → next Friday");
  assert.equal(addWorkingDays("2026-03-04", 0), "2026-03-04");
  assert.equal(addWorkingDays("2025-12-31", 3), "2026-01-05", "across a year end");
  for (const from of ["2026-03-02", "2026-03-06", "2026-03-07", "2026-03-08"]) {
    assert.equal(workingDaysBetween(from, addWorkingDays(from, 7)), 7);
  }
});

test("calendar days cross months, leap days and years", () => {
  assert.equal(addDays("2028-02-28", 1), "2028-02-29");
  assert.equal(addDays("2027-02-28", 1), "2027-03-01");
  assert.equal(addDays("2026-12-31", 1), "2027-01-01");
  assert.equal(addDays("2026-01-01", -1), "2025-12-31");
});

test("a week runs Monday to Sunday", () => {
  assert.deepEqual(weekOf("2026-03-04"), { start: "2026-03-02", end: "2026-03-08" });
  assert.deepEqual(weekOf("2026-03-08"), { start: "2026-03-02", end: "2026-03-08" });
  assert.deepEqual(weekOf("2026-03-09"), { start: "2026-03-09", end: "2026-03-15" });
});

test("only real dates count as dates", () => {
  assert.ok(isISODate("2024-02-29"));
  for (const bad of ["2023-02-29", "12 Mar 2024", "2024-3-1", "", null, 20240301]) assert.equal(isISODate(bad), false, String(bad));
  assert.throws(() => addDays("12 Mar 2024", 1), RangeError);
});

test("today is the reader's local calendar day", () => {
  assert.equal(localISODate(new Date(2026, 2, 4, 23, 59)), "2026-03-04");
});
