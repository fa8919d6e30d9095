/**
 * The network audit of LinkedIn connections, after the article on fortifying
 * a network: mark each connection (know well, recruiter, don't really know),
 * find them again, and reach out to the ones you don't really know.
 */

import { connectionId, FIELDS } from "./linkedin.js";

/** The marks a connection can get; no mark means not decided yet. */
export const MARKS = ["well", "recruiter", "unknown"];

/** The mark of the people to fortify the relationship with. */
export const FORTIFY_MARK = "unknown";

/**
 * Text to search a connection by: names, company, position and e-mail,
 * lowercased and without accents.
 * @param {{first_name: string, last_name: string, company: string, position: string, email: string}} c
 * @returns {string}
 */
export function searchText(c) {
  return fold(`${c.first_name} ${c.last_name} ${c.company} ${c.position} ${c.email}`);
}

function fold(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

/**
 * Connections that match a search and a mark filter. Every word of the query
 * must appear; the filter is "all", "none" (not marked yet) or a mark.
 * @param {object[]} connections
 * @param {string[]} texts  searchText() of each connection, same order.
 * @param {Record<string, string>} marks  connection id → mark
 * @param {{query?: string, mark?: string}} filter
 * @returns {object[]}
 */
export function filterConnections(connections, texts, marks, { query = "", mark = "all" } = {}) {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const found = [];
  for (let i = 0; i < connections.length; i++) {
    const c = connections[i];
    const m = marks[c.id];
    if (mark === "none" ? m !== undefined : mark !== "all" && m !== mark) continue;
    if (words.length && !words.every((w) => texts[i].includes(w))) continue;
    found.push(c);
  }
  return found;
}

/**
 * How many connections have each mark, and how many none.
 * @param {{id: string}[]} connections
 * @param {Record<string, string>} marks
 * @returns {{total: number, none: number, well: number, recruiter: number, unknown: number}}
 */
export function countMarks(connections, marks) {
  const counts = { total: connections.length, none: 0, well: 0, recruiter: 0, unknown: 0 };
  for (const c of connections) {
    const m = marks[c.id];
    if (MARKS.includes(m)) counts[m]++;
    else counts.none++;
  }
  return counts;
}

/**
 * One page of a list.
 * @template T
 * @param {T[]} items
 * @param {number} page  1-based; clamped to the pages there are.
 * @param {number} size
 * @returns {{items: T[], page: number, pages: number, from: number, to: number, total: number}}
 */
export function pageOf(items, page, size) {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const start = (current - 1) * size;
  const slice = items.slice(start, start + size);
  return {
    items: slice,
    page: current,
    pages,
    from: slice.length ? start + 1 : 0,
    to: start + slice.length,
    total: items.length,
  };
}

/**
 * The people to fortify the relationship with: those marked "don't really know".
 * @param {{id: string}[]} connections
 * @param {Record<string, string>} marks
 */
export function fortifyList(connections, marks) {
  return connections.filter((c) => marks[c.id] === FORTIFY_MARK);
}

// Placeholders a connection fills in for itself, from its row of the export.
const PERSON_PLACEHOLDERS = ["first_name", "last_name", "company", "position"];
const DATE_PLACEHOLDERS = ["connected_on", "when_connected"];

/**
 * The values of a reconnection message to one person: the writer's own
 * values (their name, say) with the person's first name, last name, company,
 * position and date of connection from the export where the person has them.
 * @param {Record<string, string>} connection
 * @param {Record<string, string>} shared
 * @param {(iso: string) => string} [formatDate]  how a date reads in the message.
 * @returns {Record<string, string>}
 */
export function personValues(connection, shared, formatDate = (iso) => iso) {
  const values = { ...shared };
  for (const name of PERSON_PLACEHOLDERS) {
    if (connection[name]) values[name] = connection[name];
  }
  if (connection.connected_on) {
    for (const name of DATE_PLACEHOLDERS) values[name] = formatDate(connection.connected_on);
  }
  return values;
}

/**
 * Which of a template's placeholders the writer fills once for everybody.
 * @param {string[]} names
 * @returns {string[]}
 */
export function sharedPlaceholders(names) {
  return names.filter((name) => !PERSON_PLACEHOLDERS.includes(name) && !DATE_PLACEHOLDERS.includes(name));
}

/**
 * Rows of the audit for a CSV file: a heading row, then every connection
 * with its mark written out.
 * @param {object[]} connections
 * @param {Record<string, string>} marks
 * @param {string[]} headings  one per FIELDS entry, then the mark's heading.
 * @param {Record<string, string>} markLabels  mark → label; "" for no mark.
 * @returns {string[][]}
 */
export function auditRows(connections, marks, headings, markLabels) {
  const rows = [headings];
  for (const c of connections) {
    rows.push([...FIELDS.map((field) => c[field]), markLabels[marks[c.id]] || ""]);
  }
  return rows;
}

/**
 * Connections as stored: one array of field values per connection.
 * @param {object[]} connections
 * @returns {string[][]}
 */
export function packConnections(connections) {
  return connections.map((c) => FIELDS.map((field) => c[field]));
}

/**
 * Connections back from their stored form, with their ids.
 * @param {string[][]} rows
 * @returns {object[]}
 */
export function unpackConnections(rows) {
  return rows.map((row, index) => {
    const c = { line: index + 1 };
    FIELDS.forEach((field, k) => {
      c[field] = row[k] || "";
    });
    c.id = connectionId(c);
    return c;
  });
}
