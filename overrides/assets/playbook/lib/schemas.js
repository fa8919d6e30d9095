/**
 * What each tool saves: its schema version, its empty state, and a check of
 * the shape, so that damaged or hand-edited data is recognized, not trusted.
 * A new version adds a migration from the previous one here. People, marks
 * and plans live in the shared network store (lib/network.js).
 */

import { isPlainObject } from "./storage.js";

function isText(value) {
  return typeof value === "string";
}

function textMap(value, path) {
  if (!isPlainObject(value)) return `${path} is not an object`;
  for (const [key, item] of Object.entries(value)) {
    if (!isText(item)) return `${path}.${key} is not text`;
  }
  return null;
}

/**
 * The relationship calculator: the form being filled in. Version 1 kept the
 * scored people too; they moved to the network store.
 */
export const calculatorSchema = {
  version: 2,
  migrations: {
    1: (data) => ({ draft: isPlainObject(data) ? data.draft : undefined }),
  },
  empty: () => ({ draft: { name: "", scores: {} } }),
  check(data) {
    if (!isPlainObject(data) || !isPlainObject(data.draft)) return "expected {draft}";
    if (!isText(data.draft.name)) return "draft.name is not text";
    return textMap(data.draft.scores, "draft.scores");
  },
};

/** The template composer: the chosen template and the values typed, by placeholder name. */
export const composerSchema = {
  version: 1,
  migrations: {},
  empty: () => ({ template: "", values: {} }),
  check(data) {
    if (!isPlainObject(data) || !isText(data.template)) return "expected {template, values}";
    return textMap(data.values, "values");
  },
};

function answerProblem(id, value) {
  if (isText(value)) return null;
  if (Array.isArray(value) && value.every((row) => Array.isArray(row) && row.every(isText))) return null;
  return `answers.${id} is neither text nor table rows`;
}

/**
 * A worksheet: its answers by field id. Version 1 kept the network audit's
 * marks and message values too; they moved to the network store.
 */
export const worksheetSchema = {
  version: 2,
  migrations: {
    1: (data) => ({ answers: isPlainObject(data) ? data.answers : undefined }),
  },
  empty: () => ({ answers: {} }),
  check(data) {
    if (!isPlainObject(data) || !isPlainObject(data.answers)) return "expected {answers}";
    for (const [id, value] of Object.entries(data.answers)) {
      const problem = answerProblem(id, value);
      if (problem) return problem;
    }
    return null;
  },
};
