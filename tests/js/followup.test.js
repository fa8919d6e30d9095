import { test } from "node:test";
import assert from "node:assert/strict";

import { dueThisWeek, hash, reminders, sentId } from "../../overrides/assets/playbook/lib/followup.js";
import { emptyNetwork } from "../../overrides/assets/playbook/lib/network.js";

const TIMING = { second_contact_days: 3, follow_up_days: 7 };
const sent = (id, on, extra = {}) => ({ id, person: `in/${id}`, employer: "Acme", step: "referral", template: "t", on, replied: "", second: "", followed: "", ...extra });

test("3B7 in working days: a second contact after 3, one follow-up after 7", () => {
  const network = emptyNetwork();
  network.sent = [sent("fri", "2026-03-06"), sent("mon", "2026-03-02")];
  const list = reminders(network, TIMING);
  assert.deepEqual(list.map((r) => [r.sent, r.kind, r.date]), [
    ["mon", "second-contact", "2026-03-05"],
    ["mon", "follow-up", "2026-03-11"],
    ["fri", "second-contact", "2026-03-11"],
    ["fri", "follow-up", "2026-03-17"],
  ]);
});

test("a reply ends the routine; each step done drops its reminder", () => {
  const network = emptyNetwork();
  network.sent = [sent("a", "2026-03-02", { replied: "2026-03-03" }), sent("b", "2026-03-02", { second: "2026-03-05" })];
  assert.deepEqual(reminders(network, TIMING).map((r) => r.id), ["b-follow"]);
});

test("keep in touch: the clock restarts at the last contact", () => {
  const network = emptyNetwork();
  network.people["in/ana"] = { mark: "well", cadence: 4, last: "2026-02-01" };
  network.people["in/ben"] = { mark: "well", cadence: 4 };
  const [touch] = reminders(network, TIMING);
  assert.equal(touch.kind, "keep-in-touch");
  assert.equal(touch.date, "2026-03-01");
  assert.equal(touch.id, `touch-${hash("in/ana")}`);
  assert.equal(reminders(network, TIMING).length, 1, "no date of last contact, no reminder");
});

test("due this week: overdue, then up to Sunday, then later", () => {
  const list = [{ date: "2026-03-01" }, { date: "2026-03-04" }, { date: "2026-03-08" }, { date: "2026-03-09" }];
  const due = dueThisWeek(list, "2026-03-04");
  assert.deepEqual([due.overdue, due.thisWeek, due.later].map((l) => l.map((r) => r.date)), [
    ["2026-03-01"], ["2026-03-04", "2026-03-08"], ["2026-03-09"],
  ]);
});

test("sent ids are unique and carry no profile address", () => {
  const first = sentId([], "in/ana", "2026-03-02");
  assert.doesNotMatch(first, /ana/);
  assert.notEqual(sentId([{ id: first }], "in/ana", "2026-03-02"), first);
});

test("a playbook without 3B7 timings gets keep-in-touch reminders only, never a reminder on day NaN", () => {
  const network = { sent: [{ id: "m1", on: "2026-03-02", person: "p1", employer: "Acme" }], people: {} };
  assert.deepEqual(reminders(network, { second_contact_days: null, follow_up_days: null }), []);
});
