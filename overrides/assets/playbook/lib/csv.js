/**
 * CSV in both directions, by RFC 4180: a parser tolerant of what spreadsheet
 * programs and LinkedIn write, and a writer whose cells a spreadsheet cannot
 * run as formulas.
 */

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;
const BOM = 0xfeff;

/**
 * @typedef {object} ParsedCSV
 * @property {string[][]} rows    Every record, blank lines included as `[""]`.
 * @property {number[]} lines     The 1-based line on which each record starts.
 * @property {{line: number, code: string}[]} errors  Problems found, by line.
 */

/**
 * Parse CSV text: quoted fields may hold commas, doubled quotes and line
 * breaks; records end with CRLF, LF or CR; a leading byte-order mark is
 * dropped. A quote that is never closed is reported with the line where it
 * opened, and the rest of the text becomes that field.
 * @param {string} text
 * @returns {ParsedCSV}
 */
export function parseCSV(text) {
  const rows = [];
  const lines = [];
  const errors = [];
  const n = text.length;
  let i = n > 0 && text.charCodeAt(0) === BOM ? 1 : 0;
  let line = 1;
  let row = [];
  let rowLine = 1;

  while (i < n) {
    let value;
    if (text.charCodeAt(i) === QUOTE) {
      const openedOn = line;
      let start = i + 1;
      value = "";
      for (;;) {
        const close = text.indexOf('"', start);
        if (close === -1) {
          const rest = text.slice(start);
          value += rest;
          line += countLineBreaks(rest);
          errors.push({ line: openedOn, code: "unterminated-quote" });
          i = n;
          break;
        }
        const part = text.slice(start, close);
        value += part;
        line += countLineBreaks(part);
        if (text.charCodeAt(close + 1) === QUOTE) {
          value += '"';
          start = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      // Text between a closing quote and the next comma is kept rather than
      // lost: spreadsheet programs write it, and the reader should see it.
      const junkStart = i;
      while (i < n && !isFieldEnd(text.charCodeAt(i))) i++;
      if (i > junkStart) value += text.slice(junkStart, i);
    } else {
      const start = i;
      while (i < n && !isFieldEnd(text.charCodeAt(i))) i++;
      value = text.slice(start, i);
    }
    row.push(value);

    if (i >= n) break;
    const c = text.charCodeAt(i);
    if (c === COMMA) {
      i++;
      if (i === n) row.push("");
      continue;
    }
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    rows.push(row);
    lines.push(rowLine);
    line++;
    row = [];
    rowLine = line;
  }
  if (row.length > 0) {
    rows.push(row);
    lines.push(rowLine);
  }
  return { rows, lines, errors };
}

function isFieldEnd(code) {
  return code === COMMA || code === LF || code === CR;
}

function countLineBreaks(text) {
  let count = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === LF) count++;
    else if (c === CR && text.charCodeAt(k + 1) !== LF) count++;
  }
  return count;
}

const FORMULA_START = new Set(["=", "+", "-", "@", "\t", "\r", "\n"]);

/**
 * One cell for a CSV file that spreadsheet programs open safely: a cell that
 * starts like a formula gets a leading `'` so it shows as text, and a cell
 * with a comma, quote or line break is quoted.
 * @param {unknown} value  null and undefined become empty cells.
 * @returns {string}
 */
export function escapeCell(value) {
  let text = value === null || value === undefined ? "" : String(value);
  if (text.length > 0 && FORMULA_START.has(text[0])) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A whole CSV file from rows of cells, lines ending in CRLF.
 * @param {unknown[][]} rows
 * @returns {string}
 */
export function toCSV(rows) {
  return rows.map((row) => row.map(escapeCell).join(",") + "\r\n").join("");
}
