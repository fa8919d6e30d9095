/**
 * What each tool saves: its schema version, its empty state, and a check of
 * the shape, so that damaged or hand-edited data is recognized, not trusted.
 * A new version adds a migration from the previous one here.
 */

import { isPlainObject } from "./storage.js";
import { FIELDS } from "./linkedin.js";
import { MARKS } from "./audit.js";

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

function firstProblem(...problems) {
  return problems.find((p) => p) || null;
}

/** The relationship calculator: the form being filled in and the people scored. */
export const calculatorSchema = {
  version: 1,
  migrations: {},
  empty: () => ({ draft: { name: "", scores: {} }, people: [] }),
  check(data) {
    if (!isPlainObject(data) || !isPlainObject(data.draft) || !Array.isArray(data.people)) {
      return "expected {draft, people}";
    }
    const draft = firstProblem(
      isText(data.draft.name) ? null : "draft.name is not text",
      textMap(data.draft.scores, "draft.scores"),
    );
    if (draft) return draft;
    for (const [i, p] of data.people.entries()) {
      if (!isPlainObject(p) || !isText(p.name) || !isText(p.saved) || !isPlainObject(p.scores)) {
        return `people[${i}] is not {name, scores, saved}`;
      }
      if (!Object.values(p.scores).every((v) => Number.isFinite(v))) return `people[${i}].scores holds a non-number`;
    }
    return null;
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

/** A worksheet: its answers by field id, and for the connections audit the marks and the writer's message values. */
export const worksheetSchema = {
  version: 1,
  migrations: {},
  empty: () => ({ answers: {}, marks: {}, shared: {} }),
  check(data) {
    if (!isPlainObject(data) || !isPlainObject(data.answers)) return "expected {answers, marks, shared}";
    for (const [id, value] of Object.entries(data.answers)) {
      const problem = answerProblem(id, value);
      if (problem) return problem;
    }
    const marks = textMap(data.marks, "marks");
    if (marks) return marks;
    const unknown = Object.entries(data.marks).find(([, mark]) => !MARKS.includes(mark));
    if (unknown) return `marks.${unknown[0]} is not one of ${MARKS.join(", ")}`;
    return textMap(data.shared, "shared");
  },
};

/** The connections imported into an audit: the file's name and the rows, packed. */
export const connectionsSchema = {
  version: 1,
  migrations: {},
  empty: () => ({ file: "", imported: "", fields: FIELDS.slice(), rows: [] }),
  check(data) {
    if (!isPlainObject(data) || !isText(data.file) || !isText(data.imported) || !Array.isArray(data.rows)) {
      return "expected {file, imported, fields, rows}";
    }
    if (!Array.isArray(data.fields) || data.fields.join() !== FIELDS.join()) return "fields are not the known columns";
    const bad = data.rows.findIndex((row) => !Array.isArray(row) || row.length !== FIELDS.length || !row.every(isText));
    return bad === -1 ? null : `rows[${bad}] is not ${FIELDS.length} texts`;
  },
};

/**
 * A worksheet's export file: its saved state and, for the connections audit,
 * the imported list too, so one file restores everything. Its version is
 * the worksheet's; a change to the list's shape bumps both.
 */
export const worksheetFileSchema = {
  version: worksheetSchema.version,
  migrations: worksheetSchema.migrations,
  empty: worksheetSchema.empty,
  check(data) {
    const problem = worksheetSchema.check(data);
    if (problem || data.connections === undefined) return problem;
    const list = connectionsSchema.check(data.connections);
    return list ? `connections: ${list}` : null;
  },
};
