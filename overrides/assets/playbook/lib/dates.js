/**
 * Dates as LinkedIn and spreadsheet programs write them, read into ISO form
 * (YYYY-MM-DD): "12 Mar 2024", "03/15/2024", "15.03.2024", "2024-03-15",
 * "15 de marzo de 2024", "Mar 12, 2024".
 */

// Full month names in the languages LinkedIn exports in. Any unambiguous
// beginning of three letters or more is accepted too ("Mar", "Okt", "févr.").
const MONTH_NAMES = [
  "january february march april may june july august september october november december",
  "januar februar marz april mai juni juli august september oktober november dezember",
  "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre",
  "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
  "janeiro fevereiro marco abril maio junho julho agosto setembro outubro novembro dezembro",
  "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
  "januari februari maart april mei juni juli augustus september oktober november december",
];
const EXTRA_ABBREVIATIONS = { mrz: 3, mrt: 3, setiembre: 9, jaenner: 1, janner: 1 };

const MONTHS = buildMonthTable();

function buildMonthTable() {
  const found = new Map();
  const ambiguous = new Set();
  for (const list of MONTH_NAMES) {
    list.split(" ").forEach((name, index) => {
      for (let length = 3; length <= name.length; length++) {
        const prefix = name.slice(0, length);
        if (found.has(prefix) && found.get(prefix) !== index + 1) ambiguous.add(prefix);
        else found.set(prefix, index + 1);
      }
    });
  }
  for (const prefix of ambiguous) found.delete(prefix);
  for (const [name, month] of Object.entries(EXTRA_ABBREVIATIONS)) found.set(name, month);
  return found;
}

const FILLER = new Set(["de", "del", "di", "du", "of", "le", "el", "em", "am", "den", "der"]);
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?$/;
const YEAR_FIRST = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/;
const NUMERIC = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$/;

/**
 * Read a date.
 * @param {string} text
 * @param {"mdy" | "dmy"} [order]  How to read an all-numeric date with slashes
 *   or hyphens: US month first (LinkedIn's) or day first. Dots are always day first.
 * @returns {string} "YYYY-MM-DD", or "" when the text is not a valid date.
 */
export function parseDate(text, order = "mdy") {
  const value = text.trim();
  let match = ISO.exec(value) || YEAR_FIRST.exec(value);
  if (match) return isoDate(+match[1], +match[2], +match[3]);
  match = NUMERIC.exec(value);
  if (match) {
    const [first, separator, second, year] = [+match[1], match[2], +match[3], fullYear(match[4])];
    const dayFirst = separator === "." || order === "dmy";
    return dayFirst ? isoDate(year, second, first) : isoDate(year, first, second);
  }
  return namedMonthDate(value);
}

function namedMonthDate(value) {
  // Accents are dropped only where there are any: most exports are plain ASCII.
  const plain = /[^\x00-\x7f]/.test(value) ? value.normalize("NFD").replace(/[\u0300-\u036f]/g, "") : value;
  const tokens = plain
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((token) => token && !FILLER.has(token));
  if (tokens.length !== 3) return "";
  const months = tokens.filter((token) => /^[a-z]+$/.test(token));
  const numbers = tokens.map((token) => /^(\d{1,4})(?:st|nd|rd|th|er|e|o)?$/.exec(token)).filter(Boolean);
  if (months.length !== 1 || numbers.length !== 2) return "";
  const month = MONTHS.get(months[0]);
  if (!month) return "";
  const [a, b] = numbers.map((m) => m[1]);
  const [day, year] = a.length === 4 ? [b, a] : [a, b];
  if (day.length > 2 || (year.length !== 4 && year.length !== 2)) return "";
  return isoDate(fullYear(year), month, +day);
}

function fullYear(text) {
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}

/**
 * "YYYY-MM-DD" for a real calendar day between 1900 and 2100, else "".
 * @param {number} year
 * @param {number} month  1–12
 * @param {number} day
 * @returns {string}
 */
export function isoDate(year, month, day) {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return "";
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return "";
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * How the all-numeric dates of one file are written: "dmy" when some date
 * can only be day first (15/03/2024) and none can only be month first,
 * otherwise LinkedIn's "mdy".
 * @param {string[]} values
 * @returns {"mdy" | "dmy"}
 */
export function slashOrder(values) {
  let dayFirst = false;
  let monthFirst = false;
  for (const value of values) {
    const match = NUMERIC.exec(value.trim());
    if (!match || match[2] === ".") continue;
    if (+match[1] > 12) dayFirst = true;
    if (+match[3] > 12) monthFirst = true;
  }
  return dayFirst && !monthFirst ? "dmy" : "mdy";
}
