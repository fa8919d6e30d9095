/**
 * The calculator's list of scored people, to compare relationships side by side.
 */

import { evaluate, readScores } from "./formula.js";

/** The longest name kept for a scored person. */
export const NAME_MAX = 100;

/**
 * A person's name as kept: spaces collapsed and trimmed.
 * @param {string} name
 * @returns {string}
 */
export function cleanName(name) {
  return String(name).replace(/\s+/g, " ").trim();
}

/**
 * Why a name cannot be saved, or null when it can.
 * @param {string} name
 * @returns {"name-empty" | "name-too-long" | null}
 */
export function nameProblem(name) {
  const clean = cleanName(name);
  if (clean === "") return "name-empty";
  if (clean.length > NAME_MAX) return "name-too-long";
  return null;
}

function sameName(a, b) {
  return a.localeCompare(b, undefined, { sensitivity: "accent" }) === 0;
}

/**
 * Add a person, or replace the scores of the person of the same name
 * (names compare without regard to case).
 * @param {{name: string, scores: Record<string, number>, saved: string}[]} people
 * @param {string} name
 * @param {Record<string, number>} scores
 * @param {Date} now
 * @returns {{people: object[], updated: boolean}}
 */
export function savePerson(people, name, scores, now) {
  const person = { name: cleanName(name), scores: { ...scores }, saved: now.toISOString() };
  const index = people.findIndex((p) => sameName(p.name, person.name));
  if (index === -1) return { people: [...people, person], updated: false };
  const next = people.slice();
  next[index] = person;
  return { people: next, updated: true };
}

/**
 * The list without the named person.
 * @param {{name: string}[]} people
 * @param {string} name
 */
export function removePerson(people, name) {
  return people.filter((p) => !sameName(p.name, name));
}

/**
 * People with their evaluation, strongest relationship first, then by name.
 * A person whose saved scores no longer fit the formula (its scales changed
 * since) gets `evaluation: null` and comes last, to be scored again.
 * @param {{components: object[], bands: object[]}} formula
 * @param {{name: string, scores: Record<string, number>}[]} people
 * @returns {{person: object, evaluation: object | null}[]} evaluation as from evaluate()
 */
export function rankPeople(formula, people) {
  const rows = people.map((person) => {
    const read = readScores(formula, person.scores);
    return { person, evaluation: read.complete ? evaluate(formula, read.values) : null };
  });
  return rows.sort((a, b) => {
    const ra = a.evaluation ? a.evaluation.result : -Infinity;
    const rb = b.evaluation ? b.evaluation.result : -Infinity;
    return rb - ra || a.person.name.localeCompare(b.person.name);
  });
}
