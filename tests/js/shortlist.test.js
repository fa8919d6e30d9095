import { test } from "node:test";
import assert from "node:assert/strict";

import { byEmployer, employerKey, lampOrder, nextSteps } from "../../overrides/assets/playbook/lib/shortlist.js";
import { decide, emptyNetwork } from "../../overrides/assets/playbook/lib/network.js";
import { filterPeople, indexConnections, looksLikeRecruiter, progress, recount, yearsOf } from "../../overrides/assets/playbook/lib/triage.js";

const person = (id, first, company, position = "Engineer", connected_on = "2024-01-01") =>
  ({ id, first_name: first, last_name: "X", company, position, connected_on, url: "", email: "" });

test("employers match without legal forms, punctuation, case or accents", () => {
  assert.equal(employerKey("Globex, Inc."), "globex");
  assert.equal(employerKey("GLOBEX"), "globex");
  assert.equal(employerKey("The Stark & Wayne Co."), "stark and wayne");
  assert.equal(employerKey("Telefónica S.A."), "telefonica");
  assert.equal(employerKey("Inc"), "inc", "a name that is only a legal form stays");
  assert.notEqual(employerKey("Northwind Traders"), employerKey("Northwind Health"));
});

test("LAMP: motivation first, then posting, then a contact there", () => {
  const contacts = byEmployer([person("a", "Ana", "Initech")]);
  const rows = lampOrder([
    { id: "1", employer: "Globex", role: "", motivation: 4, posting: 3 },
    { id: "2", employer: "Initech", role: "", motivation: 4, posting: 2 },
    { id: "3", employer: "Acme", role: "", motivation: 5, posting: 1 },
    { id: "4", employer: "Umbrella", role: "", motivation: 4, posting: 2 },
    { id: "5", employer: "Unrated", role: "", motivation: 0, posting: 0 },
  ], contacts);
  assert.deepEqual(rows.map((r) => r.target.employer), ["Acme", "Globex", "Initech", "Umbrella", "Unrated"]);
  assert.deepEqual(rows.map((r) => r.rank), [1, 2, 3, 4, 5]);
  assert.equal(rows[2].contacts.length, 1);
});

test("next steps: asks ranked by target, then how well, then both ways; with why", () => {
  const connections = [
    person("ana", "Ana", "Globex, Inc."), person("ben", "Ben", "Initech"), person("cy", "Cy", "Elsewhere"),
    person("dee", "Dee", "Acme"), person("eve", "Eve", "Acme"), person("fay", "Fay", "Nowhere"),
    person("gus", "Gus", "Globex", "Technical Recruiter"), person("hal", "Hal", "Globex"), person("ivy", "Ivy", "Elsewhere"),
  ];
  const network = emptyNetwork();
  network.targets = [
    { id: "t1", employer: "Acme", role: "Analyst", motivation: 5, posting: 2 },
    { id: "t2", employer: "Globex", role: "", motivation: 3, posting: 3 },
  ];
  decide(network, "ana", { mark: "little", me: "yes" });
  decide(network, "ben", { mark: "well", me: "yes", them: "yes" });
  decide(network, "cy", { mark: "well", me: "no" });
  decide(network, "dee", { mark: "little", me: "yes" });
  decide(network, "eve", { mark: "well", me: "yes" });
  decide(network, "fay", { mark: "unknown" });
  decide(network, "gus", { mark: "recruiter" });
  decide(network, "ivy", { mark: "well" });
  const steps = nextSteps({ connections, network });
  assert.deepEqual(steps.ask.map((p) => [p.person.id, p.step]), [
    ["eve", "referral"], ["dee", "referral"], ["ana", "referral"], ["ben", "introduction"],
  ]);
  assert.deepEqual(steps.ask[0].why, ["at-target", "well", "recommends-you"]);
  assert.equal(steps.ask[0].target.employer, "Acme");
  assert.deepEqual(steps.ask[3].why, ["well", "recommends-you", "you-recommend"]);
  assert.deepEqual(steps.reconnect.map((p) => [p.person.id, p.why]), [["cy", ["well", "not-yet"]], ["ivy", ["well", "unanswered"]]]);
  assert.deepEqual(steps.recruiters.map((p) => [p.person.id, p.why]), [["gus", ["at-target", "recruiter"]]]);
  assert.deepEqual(steps.leave.map((p) => p.person.id), ["fay"]);
  assert.equal(steps.unmarkedAtTargets, 1, "Hal, at Globex, is not marked yet");
  decide(network, "fay", { mark: "unknown" });
  network.targets.push({ id: "t3", employer: "Nowhere", role: "", motivation: 1, posting: 1 });
  assert.deepEqual(nextSteps({ connections, network }).reconnect[0].why, ["at-target", "unknown"], "someone you don't know at a target: reconnect first");
});

test("recruiters, talent partners and sourcers are suggested, in English and Spanish", () => {
  for (const title of ["Technical Recruiter", "Talent Acquisition Partner", "Senior Sourcer", "Reclutadora de TI", "Responsable de Selección de Personal", "Headhunter"]) {
    assert.ok(looksLikeRecruiter(title), title);
  }
  for (const title of ["Engineer", "Nurse", "Director, Sales", "Resourceful analyst", "Untalented? no"]) assert.equal(looksLikeRecruiter(title), false, title);
});

test("filters: company, position words, year, marks and suggestions; progress counts them", () => {
  const connections = [
    person("a", "Ana", "Globex, Inc.", "Senior Data Analyst", "2021-05-01"),
    person("b", "Ben", "Initech", "Talent Partner", "2023-01-01"),
    person("c", "Cy", "Globex", "Data Engineer", "2023-02-01"),
    person("d", "Dee", "Acme", "Recruiter", ""),
  ];
  const index = indexConnections(connections);
  const marks = { c: "well", d: "recruiter" };
  const markOf = (id) => marks[id];
  const ids = (filter) => filterPeople(connections, index, markOf, filter).map((c) => c.id);
  assert.deepEqual(ids({ company: "globex" }), ["a", "c"]);
  assert.deepEqual(ids({ position: "data analyst" }), ["a"]);
  assert.deepEqual(ids({ position: "DATA" }), ["a", "c"]);
  assert.deepEqual(ids({ year: "2023" }), ["b", "c"]);
  assert.deepEqual(ids({ mark: "none" }), ["a", "b"]);
  assert.deepEqual(ids({ mark: "suggested" }), ["b"], "only people not yet marked are suggested");
  assert.deepEqual(ids({ mark: "well", company: "glob" }), ["c"]);
  assert.deepEqual(ids({ name: "dee" }), ["d"]);
  assert.deepEqual(progress(connections, index, markOf), { total: 4, marked: 2, none: 2, suggested: 1, well: 1, little: 0, unknown: 0, recruiter: 1 });
  assert.deepEqual(yearsOf(index), ["2023", "2021"]);
});

test("counts kept mark by mark agree with counting everyone again", () => {
  const connections = ["Engineer", "Recruiter", "Talent Partner", "Nurse", "Sourcer", "Analyst"].map((position, i) =>
    person(`p${i}`, `P${i}`, "Acme", position, ""));
  const index = indexConnections(connections);
  const marks = {};
  const markOf = (id) => marks[id];
  const counts = progress(connections, index, markOf);
  // Every change a tap can make: mark, change the mark, unmark; on people suggested as recruiters and not.
  const changes = [[1, "recruiter"], [0, "well"], [1, "little"], [2, "unknown"], [0, undefined], [1, undefined], [3, "well"], [3, "well"], [4, "bogus"]];
  for (const [i, mark] of changes) {
    const before = marks[`p${i}`];
    if (mark === undefined) delete marks[`p${i}`];
    else marks[`p${i}`] = mark;
    recount(counts, before, mark, index[i].recruiter);
    assert.deepEqual(counts, progress(connections, index, markOf), `after p${i} → ${mark}`);
  }
});
