/**
 * Calendar days as ISO dates ("YYYY-MM-DD"), counted in whole days with no
 * time zone in play: working days (Monday to Friday), weeks, and the
 * reader's today. Public holidays are not known here, so they count as
 * working days; the plan says so.
 */

const DAY_MS = 86400000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Whether the text is a real calendar date in ISO form.
 * @param {unknown} iso
 * @returns {boolean}
 */
export function isISODate(iso) {
  if (typeof iso !== "string") return false;
  const match = ISO_DATE.exec(iso);
  if (!match) return false;
  const date = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
  return date.getUTCFullYear() === +match[1] && date.getUTCMonth() === +match[2] - 1 && date.getUTCDate() === +match[3];
}

function toDays(iso) {
  if (!isISODate(iso)) throw new RangeError(`not a date: ${iso}`);
  const [y, m, d] = iso.split("-").map(Number);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

function fromDays(days) {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The date `n` calendar days after (or before, for negative n) a date.
 * @param {string} iso
 * @param {number} n
 * @returns {string}
 */
export function addDays(iso, n) {
  return fromDays(toDays(iso) + n);
}

/**
 * Day of the week, 1 = Monday … 7 = Sunday (ISO 8601).
 * @param {string} iso
 * @returns {number}
 */
export function weekday(iso) {
  // 1970-01-01 was a Thursday (4).
  return ((((toDays(iso) + 3) % 7) + 7) % 7) + 1;
}

/**
 * Monday to Friday.
 * @param {string} iso
 * @returns {boolean}
 */
export function isWorkingDay(iso) {
  return weekday(iso) <= 5;
}

/**
 * The day on which `n` working days have passed since a date: the n-th
 * working day after it. Sent on a Monday, 3 working days → Thursday; sent on
 * a Friday or a Saturday → the next Wednesday.
 * @param {string} iso
 * @param {number} n  a whole number ≥ 0
 * @returns {string}
 */
export function addWorkingDays(iso, n) {
  let days = toDays(iso);
  let left = n;
  while (left > 0) {
    days += 1;
    if (isWorkingDay(fromDays(days))) left -= 1;
  }
  return fromDays(days);
}

/**
 * Working days from one date to a later one (the first excluded, the last
 * included); 0 when `to` is not later.
 * @param {string} from
 * @param {string} to
 * @returns {number}
 */
export function workingDaysBetween(from, to) {
  let count = 0;
  for (let days = toDays(from) + 1; days <= toDays(to); days++) if (isWorkingDay(fromDays(days))) count++;
  return count;
}

/**
 * Monday and Sunday of the week a date falls in.
 * @param {string} iso
 * @returns {{start: string, end: string}}
 */
export function weekOf(iso) {
  const start = addDays(iso, 1 - weekday(iso));
  return { start, end: addDays(start, 6) };
}

/**
 * A Date's calendar day where the reader is (local time), in ISO form.
 * @param {Date} date
 * @returns {string}
 */
export function localISODate(date) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * Compare two ISO dates as text sorts them, which is also their order.
 * @param {string} a
 * @param {string} b
 * @returns {number}
 */
export function compareDates(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
