/**
 * An iCalendar file (RFC 5545) of all-day reminders, written in the browser,
 * that Google Calendar, Outlook and Apple Calendar import: CRLF line ends,
 * lines folded at 75 octets without splitting a character, TEXT values
 * escaped, a stable UID per reminder (importing again updates rather than
 * duplicates), DTSTAMP in UTC, and DATE values for all-day events.
 */

import { addDays, isISODate } from "./workdays.js";

const CRLF = "\r\n";
const LINE_OCTETS = 75;

/**
 * A TEXT value escaped (RFC 5545, 3.3.11): backslash, semicolon, comma and
 * line breaks; other control characters, which the format does not allow, dropped.
 * @param {string} text
 * @returns {string}
 */
export function escapeText(text) {
  return String(text)
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n")
    .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, "");
}

function octets(codePoint) {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/**
 * One content line folded (RFC 5545, 3.1): no line longer than 75 octets of
 * UTF-8, each continuation starting with a space, never inside a character.
 * @param {string} line
 * @returns {string}  the line, CRLF-separated where folded, without a final CRLF.
 */
export function foldLine(line) {
  const parts = [];
  let current = "";
  let size = 0;
  for (const ch of line) {
    const n = octets(ch.codePointAt(0));
    if (size + n > LINE_OCTETS) {
      parts.push(current);
      current = " ";
      size = 1;
    }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts.join(CRLF);
}

/**
 * "YYYYMMDD" from an ISO date.
 * @param {string} iso
 * @returns {string}
 */
export function icsDate(iso) {
  if (!isISODate(iso)) throw new RangeError(`not a date: ${iso}`);
  return iso.replace(/-/g, "");
}

/**
 * "YYYYMMDDTHHMMSSZ" from a moment.
 * @param {Date} date
 * @returns {string}
 */
export function icsStamp(date) {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
}

/**
 * @typedef {object} CalendarEvent
 * @property {string} uid          Unique and stable for the same reminder.
 * @property {string} date         ISO date of the all-day event.
 * @property {string} summary
 * @property {string} [description]
 */

/**
 * The whole file.
 * @param {{name: string, product: string, events: CalendarEvent[], now: Date}} calendar
 * @returns {string}
 */
export function calendarFile({ name, product, events, now }) {
  const stamp = icsStamp(now);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${escapeText(product)}`,
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(name)}`,
  ];
  for (const event of events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${escapeText(event.uid)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${icsDate(event.date)}`,
      `DTEND;VALUE=DATE:${icsDate(addDays(event.date, 1))}`,
      `SUMMARY:${escapeText(event.summary)}`,
      ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
      "TRANSP:TRANSPARENT",
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join(CRLF) + CRLF;
}
