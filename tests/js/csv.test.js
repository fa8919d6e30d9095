import { test } from "node:test";
import assert from "node:assert/strict";

import { escapeCell, parseCSV, toCSV } from "../../overrides/assets/playbook/lib/csv.js";

test("plain fields and records", () => {
  const { rows, errors } = parseCSV("a,b,c\n1,2,3\n");
  assert.deepEqual(rows, [["a", "b", "c"], ["1", "2", "3"]]);
  assert.deepEqual(errors, []);
});

test("quoted fields keep commas, doubled quotes and line breaks", () => {
  const { rows, lines } = parseCSV('name,company\n"Doe, Jane","The ""Best"" Co"\n"two\nlines",x\nlast,y');
  assert.deepEqual(rows, [
    ["name", "company"],
    ["Doe, Jane", 'The "Best" Co'],
    ["two\nlines", "x"],
    ["last", "y"],
  ]);
  assert.deepEqual(lines, [1, 2, 3, 5], "a record after a two-line field starts two lines later");
});

test("CRLF, lone CR and a missing final line break", () => {
  assert.deepEqual(parseCSV("a,b\r\nc,d\re,f").rows, [["a", "b"], ["c", "d"], ["e", "f"]]);
  assert.deepEqual(parseCSV('"x\r\ny",z\r\n').rows, [["x\r\ny", "z"]]);
});

test("a byte-order mark is dropped from the first field", () => {
  const { rows } = parseCSV("\ufeffFirst Name,Last Name\nA,B\n");
  assert.equal(rows[0][0], "First Name");
});

test("empty fields, trailing commas and blank lines", () => {
  const { rows } = parseCSV("a,,c\n\n,\nx,");
  assert.deepEqual(rows, [["a", "", "c"], [""], ["", ""], ["x", ""]]);
});

test("empty text has no records", () => {
  assert.deepEqual(parseCSV("").rows, []);
  assert.deepEqual(parseCSV("\ufeff").rows, []);
});

test("an unterminated quote is reported with the line where it opened", () => {
  const { rows, errors } = parseCSV('a,b\nc,d\n"open,e\nf,g\n');
  assert.deepEqual(errors, [{ line: 3, code: "unterminated-quote" }]);
  assert.deepEqual(rows.slice(0, 2), [["a", "b"], ["c", "d"]]);
  assert.equal(rows.length, 3, "the rest of the text becomes one field of the last record");
});

test("text after a closing quote is kept, not lost", () => {
  assert.deepEqual(parseCSV('"a"b,c').rows, [["ab", "c"]]);
});

test("a quote inside an unquoted field is literal", () => {
  assert.deepEqual(parseCSV('5" screen,x').rows, [['5" screen', "x"]]);
});

test("cells that start like a formula are neutralized", () => {
  for (const start of ["=", "+", "-", "@"]) {
    assert.equal(escapeCell(`${start}SUM(A1:A9)`), `'${start}SUM(A1:A9)`, start);
  }
  assert.equal(escapeCell("\tcmd"), "'\tcmd");
  assert.equal(escapeCell("\rcmd"), "\"'\rcmd\"");
  assert.equal(escapeCell("\ncmd"), "\"'\ncmd\"");
  assert.equal(escapeCell("a=b"), "a=b", "only a leading character counts");
  assert.equal(escapeCell("-5"), "'-5");
});

test("cells are quoted by RFC 4180", () => {
  assert.equal(escapeCell("plain"), "plain");
  assert.equal(escapeCell("Doe, Jane"), '"Doe, Jane"');
  assert.equal(escapeCell('say "hi"'), '"say ""hi"""');
  assert.equal(escapeCell("two\nlines"), '"two\nlines"');
  assert.equal(escapeCell(null), "");
  assert.equal(escapeCell(undefined), "");
  assert.equal(escapeCell(42), "42");
});

test("a formula with a comma is both neutralized and quoted", () => {
  assert.equal(escapeCell('=HYPERLINK("http://x.example","y")'), `"'=HYPERLINK(""http://x.example"",""y"")"`);
});

test("toCSV writes CRLF records that parse back to the same cells", () => {
  const rows = [["Name", "Note"], ["Doe, Jane", 'He said "hi"\nthen left'], ["=1+1", ""]];
  const text = toCSV(rows);
  assert.ok(text.endsWith("\r\n"));
  assert.equal(text.split("\r\n")[0], "Name,Note");
  const back = parseCSV(text).rows;
  assert.deepEqual(back, [["Name", "Note"], ["Doe, Jane", 'He said "hi"\nthen left'], ["'=1+1", ""]]);
});
