import { test } from "node:test";
import assert from "node:assert/strict";

import { isoDate, parseDate, slashOrder } from "../../overrides/assets/playbook/lib/dates.js";

test("LinkedIn's two formats", () => {
  assert.equal(parseDate("12 Mar 2024"), "2024-03-12");
  assert.equal(parseDate("03/15/2024"), "2024-03-15");
  assert.equal(parseDate(" 1 Apr 2019 "), "2019-04-01");
});

test("other ways dates are written", () => {
  assert.equal(parseDate("2024-03-15"), "2024-03-15");
  assert.equal(parseDate("2024-03-15T10:20:00Z"), "2024-03-15");
  assert.equal(parseDate("15.03.2024"), "2024-03-15", "dots are day first");
  assert.equal(parseDate("Mar 12, 2024"), "2024-03-12");
  assert.equal(parseDate("12-Mar-24"), "2024-03-12");
  assert.equal(parseDate("March 12th, 2024"), "2024-03-12");
  assert.equal(parseDate("2024/3/5"), "2024-03-05");
});

test("translated month names", () => {
  assert.equal(parseDate("12 Mär 2024"), "2024-03-12");
  assert.equal(parseDate("12. März 2024"), "2024-03-12");
  assert.equal(parseDate("3 Okt 2022"), "2022-10-03");
  assert.equal(parseDate("5 févr. 2021"), "2021-02-05");
  assert.equal(parseDate("5 juil. 2021"), "2021-07-05");
  assert.equal(parseDate("5 juin 2021"), "2021-06-05");
  assert.equal(parseDate("15 de marzo de 2024"), "2024-03-15");
  assert.equal(parseDate("1 dic 2020"), "2020-12-01");
  assert.equal(parseDate("7 set 2020"), "2020-09-07");
  assert.equal(parseDate("7 out 2020"), "2020-10-07");
  assert.equal(parseDate("7 mrt 2020"), "2020-03-07");
  assert.equal(parseDate("7 mei 2020"), "2020-05-07");
  assert.equal(parseDate("7 gen 2020"), "2020-01-07");
});

test("day-first slashes when asked", () => {
  assert.equal(parseDate("04/05/2024", "dmy"), "2024-05-04");
  assert.equal(parseDate("04/05/2024", "mdy"), "2024-04-05");
});

test("bad dates give an empty string", () => {
  for (const bad of ["", "yesterday", "31 Feb 2024", "13/13/2024", "00/10/2024", "32 Jan 2024", "12 Foo 2024",
    "12 Mar", "2024", "1 Jan 1066", "12 Jui 2024", "12 Mar 2024 10 11", "1e3"]) {
    assert.equal(parseDate(bad), "", JSON.stringify(bad));
  }
});

test("leap days", () => {
  assert.equal(isoDate(2024, 2, 29), "2024-02-29");
  assert.equal(isoDate(2023, 2, 29), "");
});

test("the slash order of a file", () => {
  assert.equal(slashOrder(["01/02/2024", "15/03/2024"]), "dmy");
  assert.equal(slashOrder(["01/02/2024", "03/15/2024"]), "mdy");
  assert.equal(slashOrder(["01/02/2024", "12 Mar 2024"]), "mdy", "nothing decides: LinkedIn's month first");
  assert.equal(slashOrder(["15/03/2024", "03/15/2024"]), "mdy", "contradictions fall back to month first");
});
