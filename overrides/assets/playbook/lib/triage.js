/**
 * Going through the connections: filters (company, words of the position,
 * year connected, mark), progress, and the recruiters suggested from the
 * position, which the student confirms.
 */

import { MARKS } from "./network.js";

// Words of recruiting titles in the languages LinkedIn exports in, matched at
// the start of a word of the folded position: "Recruiter", "Talent Acquisition",
// "Technical Sourcer", "Reclutadora", "Selección de personal", "Headhunter".
const RECRUITER_STEMS = ["recruit", "talent", "sourcer", "sourcing", "headhunt", "reclut", "recrut", "rekrut", "seleccion de personal", "personalvermittl"];

/**
 * Text lowercased without accents, for matching.
 * @param {string} text
 * @returns {string}
 */
export function fold(text) {
  return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

/**
 * Whether a position reads like a recruiter's, talent partner's or sourcer's.
 * @param {string} position
 * @returns {boolean}
 */
export function looksLikeRecruiter(position) {
  const words = ` ${fold(position).replace(/[^a-z0-9]+/g, " ")}`;
  return RECRUITER_STEMS.some((stem) => words.includes(` ${stem}`));
}

/**
 * What each connection is searched by, computed once per import.
 * @param {object[]} connections
 * @returns {{company: string, position: string, year: string, recruiter: boolean}[]}
 */
export function indexConnections(connections) {
  return connections.map((c) => ({
    company: fold(c.company),
    position: fold(c.position),
    name: fold(`${c.first_name} ${c.last_name}`),
    year: c.connected_on ? c.connected_on.slice(0, 4) : "",
    recruiter: looksLikeRecruiter(c.position),
  }));
}

/**
 * @typedef {object} Filter
 * @property {string} [name]      words of the name
 * @property {string} [company]   text the company contains
 * @property {string} [position]  words the position contains, all of them
 * @property {string} [year]      the year connected, "" for any
 * @property {string} [mark]      "all", "none" (not marked yet), "suggested" (looks like a recruiter, not marked yet) or a mark
 */

/**
 * The connections a filter keeps, in their order.
 * @param {object[]} connections
 * @param {ReturnType<typeof indexConnections>} index  same order
 * @param {(id: string) => string | undefined} markOf
 * @param {Filter} filter
 * @returns {object[]}
 */
export function filterPeople(connections, index, markOf, { name = "", company = "", position = "", year = "", mark = "all" } = {}) {
  const nameWords = fold(name).split(/\s+/).filter(Boolean);
  const companyText = fold(company).trim();
  const positionWords = fold(position).split(/\s+/).filter(Boolean);
  const found = [];
  for (let i = 0; i < connections.length; i++) {
    const c = connections[i];
    const x = index[i];
    const m = markOf(c.id);
    if (mark === "none" && m !== undefined) continue;
    if (mark === "suggested" && (m !== undefined || !x.recruiter)) continue;
    if (MARKS.includes(mark) && m !== mark) continue;
    if (year && x.year !== year) continue;
    if (companyText && !x.company.includes(companyText)) continue;
    if (positionWords.length && !positionWords.every((w) => x.position.includes(w))) continue;
    if (nameWords.length && !nameWords.every((w) => x.name.includes(w))) continue;
    found.push(c);
  }
  return found;
}

/**
 * How many are marked, by mark, and how many recruiters are suggested but not confirmed.
 * @param {object[]} connections
 * @param {ReturnType<typeof indexConnections>} index
 * @param {(id: string) => string | undefined} markOf
 * @returns {{total: number, marked: number, none: number, suggested: number, well: number, little: number, unknown: number, recruiter: number}}
 */
export function progress(connections, index, markOf) {
  const counts = { total: connections.length, marked: 0, none: 0, suggested: 0, well: 0, little: 0, unknown: 0, recruiter: 0 };
  connections.forEach((c, i) => {
    const m = markOf(c.id);
    if (MARKS.includes(m)) {
      counts[m]++;
      counts.marked++;
    } else {
      counts.none++;
      if (index[i].recruiter) counts.suggested++;
    }
  });
  return counts;
}

/**
 * The counts of progress() after one person's mark changed, without going
 * over everyone again: a tap on a phone must not cost a pass over 5,000 people.
 * @param {ReturnType<typeof progress>} counts  changed in place, and returned
 * @param {string | undefined} before  the person's mark before
 * @param {string | undefined} after   and after
 * @param {boolean} recruiter  whether the person's position reads like a recruiter's
 * @returns {ReturnType<typeof progress>}
 */
export function recount(counts, before, after, recruiter) {
  const was = MARKS.includes(before) ? before : undefined;
  const now = MARKS.includes(after) ? after : undefined;
  if (was === now) return counts;
  if (was) {
    counts[was]--;
    counts.marked--;
  } else {
    counts.none--;
    if (recruiter) counts.suggested--;
  }
  if (now) {
    counts[now]++;
    counts.marked++;
  } else {
    counts.none++;
    if (recruiter) counts.suggested++;
  }
  return counts;
}

/**
 * The years people were connected in, newest first, for the year filter.
 * @param {ReturnType<typeof indexConnections>} index
 * @returns {string[]}
 */
export function yearsOf(index) {
  return [...new Set(index.map((x) => x.year).filter(Boolean))].sort().reverse();
}
