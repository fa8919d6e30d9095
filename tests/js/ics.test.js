import { test } from "node:test";
import assert from "node:assert/strict";

import { calendarFile, escapeText, foldLine } from "../../overrides/assets/playbook/lib/ics.js";

const octets = (text) => Buffer.byteLength(text, "utf8");

/** Unfold and split the way a calendar program reads the file (RFC 5545, 3.1). */
function parse(text) {
  assert.ok(text.endsWith("\r\n"));
  assert.doesNotMatch(text.replace(/\r\n/g, ""), /[\r\n]/, "every line ends in CRLF");
  return text.replace(/\r\n /g, "").split("\r\n").filter(Boolean);
}

test("TEXT values escape backslash, semicolon, comma and line breaks", () => {
  assert.equal(escapeText("a\\b;c,d\r\ne\nf"), "a\\\\b\\;c\\,d\\ne\\nf");
  assert.equal(escapeText("tab\tok\u0007"), "tab\tok");
});

test("long lines fold at 75 octets, never inside a character", () => {
  const line = `SUMMARY:${"é".repeat(50)}${"😀".repeat(20)}abc`;
  const folded = foldLine(line);
  const parts = folded.split("\r\n");
  assert.ok(parts.length > 2);
  for (const part of parts) assert.ok(octets(part) <= 75, `${octets(part)} octets`);
  for (const part of parts.slice(1)) assert.ok(part.startsWith(" "));
  assert.equal(parts.map((p, i) => (i ? p.slice(1) : p)).join(""), line);
  assert.doesNotMatch(folded, /\ufffd/);
  assert.equal(foldLine("SHORT:x"), "SHORT:x");
});

test("a calendar of all-day reminders that calendar programs import", () => {
  const text = calendarFile({
    name: "Follow-ups, Riverside",
    product: "-//Networking Playbook//Follow-up plan//EN",
    now: new Date(Date.UTC(2026, 2, 4, 9, 30, 5)),
    events: [
      { uid: "m20260302-abc-second@networking-playbook", date: "2026-03-05", summary: "Write to a second contact at Acme, Inc.", description: "No reply from Ana yet;\nfind someone else there." },
      { uid: "touch-1@networking-playbook", date: "2026-12-31", summary: "Keep in touch: Ben" },
    ],
  });
  const lines = parse(text);
  assert.deepEqual(lines.slice(0, 6), [
    "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Networking Playbook//Follow-up plan//EN", "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH", "X-WR-CALNAME:Follow-ups\\, Riverside",
  ]);
  assert.equal(lines.at(-1), "END:VCALENDAR");
  const events = text.split("BEGIN:VEVENT").slice(1).map(parse);
  assert.equal(events.length, 2);
  assert.ok(events[0].includes("DTSTART;VALUE=DATE:20260305"));
  assert.ok(events[0].includes("DTEND;VALUE=DATE:20260306"), "an all-day event ends the next day");
  assert.ok(events[0].includes("DTSTAMP:20260304T093005Z"));
  assert.ok(events[0].includes("UID:m20260302-abc-second@networking-playbook"));
  assert.ok(events[0].includes("SUMMARY:Write to a second contact at Acme\\, Inc."));
  assert.ok(events[0].includes("DESCRIPTION:No reply from Ana yet\\;\\nfind someone else there."));
  assert.ok(events[1].includes("DTEND;VALUE=DATE:20270101"), "across the year end");
  for (const line of text.split("\r\n")) assert.ok(octets(line) <= 75);
});
