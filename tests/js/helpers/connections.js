/**
 * A made-up LinkedIn Connections.csv of any size, shaped like the real one:
 * the "Notes:" preamble, mostly empty e-mail addresses, quoted companies and
 * positions with commas, both date formats, a few rows without a name.
 * Used by the node tests and by the browser benchmark.
 */

export const PREAMBLE =
  'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing. ' +
  "You will only see email addresses for connections who have allowed their connections to see or download their " +
  'email address using this setting https://www.linkedin.com/psettings/privacy/email."\n\n';

export const HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On";

const FIRST = ["Ana", "Ben", "Chloé", "Dmitri", "Emeka", "Fatima", "Gustav", "Hana", "Iker", "Jun", "Kofi", "Léa"];
const LAST = ["Okafor", "Schmidt", "García", "Nguyen", "Rossi", "Dubois", "Kowalski", "Silva", "Tanaka", "Olsen"];
const COMPANY = ["Acme", "Northwind Traders", "Globex, Inc.", "Initech", "Umbrella Health", "Stark & Wayne, LLC"];
const POSITION = ["Engineer", "Recruiter", "Talent Acquisition Partner", "Director, Sales", "Nurse", "Analyst"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function quoted(text) {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The text of an export with `count` connections.
 * @param {number} count
 * @returns {string}
 */
export function makeConnectionsCSV(count) {
  const lines = [HEADER];
  for (let i = 0; i < count; i++) {
    const nameless = i % 997 === 0;
    const first = nameless ? "" : FIRST[i % FIRST.length];
    const last = nameless ? "" : LAST[(i * 7) % LAST.length];
    const url = `https://www.linkedin.com/in/${first.toLowerCase() || "member"}-${last.toLowerCase()}-${i}`;
    const email = i % 10 === 0 ? `person${i}@example.com` : "";
    const day = (i % 28) + 1;
    const month = (i % 12) + 1;
    const year = 2010 + (i % 15);
    const date = i % 2 ? `${String(day).padStart(2, "0")} ${MONTHS[month - 1]} ${year}`
      : `${String(month).padStart(2, "0")}/${String(day).padStart(2, "0")}/${year}`;
    const company = COMPANY[i % COMPANY.length];
    const position = POSITION[(i * 5) % POSITION.length];
    lines.push([first, last, url, email, company, position, date].map(quoted).join(","));
  }
  return `${PREAMBLE}${lines.join("\n")}\n`;
}
