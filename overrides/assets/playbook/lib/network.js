/**
 * The student's one store of people, shared by every tool of the site: the
 * connections imported from LinkedIn, the people typed in elsewhere, and
 * what the student decided about each (mark, the two questions, scores,
 * keep-in-touch cadence), keyed by the LinkedIn profile address where there
 * is one; the target employers; the messages sent. Versioned, checked on
 * load, and built from the separate stores of earlier versions.
 */

import { isPlainObject } from "./storage.js";
import { connectionId, FIELDS } from "./linkedin.js";
import { parseDate } from "./dates.js";
import { isISODate } from "./workdays.js";

/** How well the student knows a person; no mark means not decided yet. */
export const MARKS = ["well", "little", "unknown", "recruiter"];
/** Answers to "could you recommend them?" and "could they recommend you?". */
export const ANSWERS = ["yes", "no"];
/** The longest text kept in one field, so a damaged file cannot fill the storage. */
export const TEXT_MAX = 500;

const DECISION_KEYS = new Set(["mark", "them", "me", "scores", "cadence", "last"]);

/**
 * @typedef {object} Network
 * @property {{file: string, imported: string, fields: string[], rows: string[][]}} list  imported connections, packed
 * @property {string[][]} added  people typed in (not in the export), packed like the list
 * @property {Record<string, object>} people  person id → decisions
 * @property {{id: string, employer: string, role: string, motivation: number, posting: number}[]} targets
 * @property {{id: string, person: string, employer: string, step: string, template: string, on: string,
 *   replied: string, second: string, followed: string}[]} sent
 * @property {Record<string, string>} shared  the writer's own values for messages (their name, …)
 * @property {string} changed   when the student last changed anything (ISO time)
 * @property {string} exported  when they last exported everything ("" for never)
 */

/** @returns {Network} */
export function emptyNetwork() {
  return {
    list: { file: "", imported: "", fields: FIELDS.slice(), rows: [] },
    added: [],
    people: {},
    targets: [],
    sent: [],
    shared: {},
    changed: "",
    exported: "",
  };
}

const isText = (value) => typeof value === "string";
const isRow = (row) => Array.isArray(row) && row.length === FIELDS.length && row.every(isText);

function decisionProblem(id, d) {
  if (!isPlainObject(d)) return `people.${id} is not an object`;
  for (const key of Object.keys(d)) if (!DECISION_KEYS.has(key)) return `people.${id}.${key} is not known`;
  if (d.mark !== undefined && !MARKS.includes(d.mark)) return `people.${id}.mark is not one of ${MARKS.join(", ")}`;
  for (const key of ["them", "me"]) {
    if (d[key] !== undefined && !ANSWERS.includes(d[key])) return `people.${id}.${key} is not yes or no`;
  }
  if (d.scores !== undefined) {
    if (!isPlainObject(d.scores) || !Object.values(d.scores).every(Number.isFinite)) return `people.${id}.scores holds a non-number`;
  }
  if (d.cadence !== undefined && !(Number.isInteger(d.cadence) && d.cadence > 0 && d.cadence <= 104)) {
    return `people.${id}.cadence is not a number of weeks`;
  }
  if (d.last !== undefined && !isISODate(d.last)) return `people.${id}.last is not a date`;
  return null;
}

function targetProblem(t, i) {
  if (!isPlainObject(t) || !isText(t.id) || !isText(t.employer) || !isText(t.role)) return `targets[${i}] is not {id, employer, role}`;
  if (!(Number.isInteger(t.motivation) && t.motivation >= 0 && t.motivation <= 5)) return `targets[${i}].motivation is not 0–5`;
  if (!(Number.isInteger(t.posting) && t.posting >= 0 && t.posting <= 3)) return `targets[${i}].posting is not 0–3`;
  return null;
}

function sentProblem(s, i) {
  const texts = ["id", "person", "employer", "step", "template", "on", "replied", "second", "followed"];
  if (!isPlainObject(s) || !texts.every((k) => isText(s[k]))) return `sent[${i}] is not a sent message`;
  if (!isISODate(s.on)) return `sent[${i}].on is not a date`;
  for (const k of ["replied", "second", "followed"]) if (s[k] && !isISODate(s[k])) return `sent[${i}].${k} is not a date`;
  return null;
}

/** What the network store saves, for lib/storage.js. */
export const networkSchema = {
  version: 1,
  migrations: {},
  empty: emptyNetwork,
  check(data) {
    if (!isPlainObject(data)) return "expected an object";
    const { list } = data;
    if (!isPlainObject(list) || !isText(list.file) || !isText(list.imported) || !Array.isArray(list.rows)) {
      return "list is not {file, imported, fields, rows}";
    }
    if (!Array.isArray(list.fields) || list.fields.join() !== FIELDS.join()) return "list.fields are not the known columns";
    const bad = list.rows.findIndex((row) => !isRow(row));
    if (bad !== -1) return `list.rows[${bad}] is not ${FIELDS.length} texts`;
    if (!Array.isArray(data.added) || !data.added.every(isRow)) return "added is not rows of texts";
    if (!isPlainObject(data.people)) return "people is not an object";
    for (const [id, d] of Object.entries(data.people)) {
      const problem = decisionProblem(id, d);
      if (problem) return problem;
    }
    if (!Array.isArray(data.targets)) return "targets is not a list";
    for (const [i, t] of data.targets.entries()) {
      const problem = targetProblem(t, i);
      if (problem) return problem;
    }
    if (!Array.isArray(data.sent)) return "sent is not a list";
    for (const [i, s] of data.sent.entries()) {
      const problem = sentProblem(s, i);
      if (problem) return problem;
    }
    if (!isPlainObject(data.shared) || !Object.values(data.shared).every(isText)) return "shared is not texts";
    if (!isText(data.changed) || !isText(data.exported)) return "changed and exported are not texts";
    return null;
  },
};

/**
 * A connected-on value as kept: an ISO date, or "" when it cannot be read.
 * Older stores and edited exports may hold dates in other forms ("12 Mar
 * 2024"); they are read again rather than trusted.
 * @param {string} value
 * @returns {string}
 */
export function cleanDate(value) {
  if (!value) return "";
  if (isISODate(value)) return value;
  return parseDate(String(value)) || "";
}

function unpack(row, line, source) {
  const c = { line, source };
  FIELDS.forEach((field, k) => {
    c[field] = typeof row[k] === "string" ? row[k] : "";
  });
  c.connected_on = cleanDate(c.connected_on);
  c.id = connectionId(c);
  return c;
}

/**
 * Every person of the store, imported ones first in the file's order, then
 * the ones typed in; each once (a typed person also in the export is the
 * imported one).
 * @param {Network} network
 * @returns {object[]} connections as lib/linkedin.js makes them, with `source`.
 */
export function peopleOf(network) {
  let all = [];
  for (const step of peopleInSteps(network, Infinity)) all = step;
  return all;
}

/**
 * peopleOf() a few rows at a time, for a page that must keep answering while
 * it reads back thousands of people: each step unpacks up to `size` more rows
 * and yields the same growing array; the last value holds everyone.
 * @param {Network} network
 * @param {number} size  rows per step
 * @returns {Generator<object[], void, void>}
 */
export function* peopleInSteps(network, size) {
  const seen = new Set();
  const all = [];
  const add = (c) => {
    if (seen.has(c.id)) return;
    seen.add(c.id);
    c.index = all.length;
    all.push(c);
  };
  const parts = [[network.list.rows, "import"], [network.added, "added"]];
  let done = 0;
  for (const [rows, source] of parts) {
    for (let i = 0; i < rows.length; i++) {
      add(unpack(rows[i], i + 1, source));
      if (++done % size === 0) yield all;
    }
  }
  yield all;
}

/**
 * Pack connections as the store keeps them.
 * @param {object[]} connections
 * @returns {string[][]}
 */
export function packPeople(connections) {
  return connections.map((c) => FIELDS.map((field) => String(c[field] || "").slice(0, TEXT_MAX)));
}

/**
 * A person's decisions (an empty object when none).
 * @param {Network} network
 * @param {string} id
 * @returns {object}
 */
export function decisionOf(network, id) {
  return Object.prototype.hasOwnProperty.call(network.people, id) ? network.people[id] : {};
}

/**
 * Change some of a person's decisions; a value of undefined removes it, and a
 * person left with none is dropped.
 * @param {Network} network
 * @param {string} id
 * @param {object} changes
 */
export function decide(network, id, changes) {
  const next = { ...decisionOf(network, id) };
  for (const [key, value] of Object.entries(changes)) {
    if (!DECISION_KEYS.has(key)) continue;
    if (value === undefined || value === "") delete next[key];
    else next[key] = value;
  }
  if (Object.keys(next).length) network.people[id] = next;
  else delete network.people[id];
}

/**
 * Mark many people at once.
 * @param {Network} network
 * @param {string[]} ids
 * @param {string | undefined} mark  undefined clears the mark.
 */
export function markAll(network, ids, mark) {
  for (const id of ids) decide(network, id, { mark });
}

/**
 * A person's name as shown.
 * @param {{first_name: string, last_name: string}} c
 * @returns {string}
 */
export function fullName(c) {
  return `${c.first_name} ${c.last_name}`.trim();
}

/**
 * A person typed in by name (the calculator, the referral planner): the
 * existing person of that name when there is one, else a new one in `added`.
 * @param {Network} network
 * @param {string} name
 * @param {{company?: string, position?: string}} [details]
 * @returns {string} the person's id
 */
export function personNamed(network, name, details = {}) {
  const clean = String(name).replace(/\s+/g, " ").trim();
  const wanted = fold(clean);
  const found = peopleOf(network).find((c) => fold(fullName(c)) === wanted);
  if (found) return found.id;
  const [first, ...rest] = clean.split(" ");
  const person = {
    first_name: first, last_name: rest.join(" "), url: "", email: "",
    company: details.company || "", position: details.position || "", connected_on: "",
  };
  network.added.push(packPeople([person])[0]);
  return connectionId(person);
}

function fold(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

/**
 * Take a new import: the list is replaced, and the decisions, kept by
 * person id, carry over to the same people in the new file.
 * @param {Network} network
 * @param {object[]} connections  from importConnections()
 * @param {string} file
 * @param {Date} now
 * @param {string[][]} [rows]  packPeople(connections), when already made
 */
export function takeImport(network, connections, file, now, rows = packPeople(connections)) {
  network.list = { file, imported: now.toISOString(), fields: FIELDS.slice(), rows };
  const imported = new Set(connections.map((c) => c.id));
  network.added = network.added.filter((row) => !imported.has(connectionId(unpack(row, 0, "added"))));
}

// The old marks: "know well", "recruiter", "don't really know".
const LEGACY_MARKS = { well: "well", recruiter: "recruiter", unknown: "unknown" };

/**
 * The store built from the separate stores of the first version of the
 * tools: the network audit's marks and message values, its imported list,
 * and the calculator's scored people. Each part may be missing (null).
 * @param {{worksheet?: any, connections?: any, calculator?: any}} legacy  the `data` of each old store
 * @param {Date} now
 * @returns {Network}
 */
export function networkFromLegacy({ worksheet = null, connections = null, calculator = null }, now) {
  const network = emptyNetwork();
  if (isPlainObject(connections) && Array.isArray(connections.rows)) {
    network.list = {
      file: isText(connections.file) ? connections.file : "",
      imported: isText(connections.imported) ? connections.imported : "",
      fields: FIELDS.slice(),
      rows: connections.rows.filter(isRow),
    };
  }
  if (isPlainObject(worksheet)) {
    if (isPlainObject(worksheet.marks)) {
      for (const [id, mark] of Object.entries(worksheet.marks)) {
        if (LEGACY_MARKS[mark]) decide(network, id, { mark: LEGACY_MARKS[mark] });
      }
    }
    if (isPlainObject(worksheet.shared)) {
      for (const [name, value] of Object.entries(worksheet.shared)) if (isText(value)) network.shared[name] = value;
    }
  }
  if (isPlainObject(calculator) && Array.isArray(calculator.people)) {
    for (const p of calculator.people) {
      if (!isPlainObject(p) || !isText(p.name) || !isPlainObject(p.scores)) continue;
      const scores = Object.fromEntries(Object.entries(p.scores).filter(([, v]) => Number.isFinite(v)));
      decide(network, personNamed(network, p.name), { scores });
    }
  }
  network.changed = now.toISOString();
  return network;
}

/**
 * Whether there is anything worth exporting.
 * @param {Network} network
 * @returns {boolean}
 */
export function hasWork(network) {
  return Boolean(
    network.list.rows.length || network.added.length || Object.keys(network.people).length ||
      network.targets.length || network.sent.length,
  );
}

/**
 * Whether the student should be reminded to export: there is work, and it
 * changed since the last export (or was never exported).
 * @param {Network} network
 * @returns {boolean}
 */
export function needsExport(network) {
  return hasWork(network) && (!network.exported || network.changed > network.exported);
}
