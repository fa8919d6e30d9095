/**
 * From the marks and the two questions (could you recommend them; could
 * they recommend you) to next steps: whom to ask for a referral or an
 * introduction, whom to reconnect with first, which recruiters to help, and
 * whom to leave alone for now; and the target employers in the manner of
 * the LAMP method (motivation, then posting, then advocacy: a contact there).
 */

import { fold } from "./triage.js";
import { decisionOf, fullName } from "./network.js";

// Words that name a company's legal form rather than the company.
const LEGAL_FORMS = new Set([
  "inc", "incorporated", "llc", "llp", "ltd", "limited", "plc", "gmbh", "ag", "sa", "sas", "sl", "srl", "bv", "nv",
  "co", "corp", "corporation", "company", "pty", "oy", "ab", "as", "spa",
]);

/**
 * A company name reduced to what tells employers apart: folded, "&" as
 * "and", punctuation dropped, a leading "the" and trailing legal forms
 * ("Inc.", "S.A.", "GmbH") removed. "Globex, Inc." and "globex" are one employer.
 * @param {string} name
 * @returns {string}
 */
export function employerKey(name) {
  let key = KEYS.get(name);
  if (key === undefined) {
    key = computeKey(name);
    if (KEYS.size > 50000) KEYS.clear();
    KEYS.set(name, key);
  }
  return key;
}

// Company names repeat across thousands of connections: each is reduced once.
const KEYS = new Map();

function computeKey(name) {
  const words = fold(name)
    .replace(/&/g, " and ")
    .replace(/\b([a-z])\.(?=[a-z]\.)/g, "$1")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean);
  if (words[0] === "the" && words.length > 1) words.shift();
  while (words.length > 1 && LEGAL_FORMS.has(words[words.length - 1])) words.pop();
  return words.join(" ");
}

/**
 * The LAMP order of target employers: motivation (5 first), then posting
 * (3 first), then advocacy (a contact there first), then name. Unrated
 * scores (0) count as lowest.
 * @param {{employer: string, motivation: number, posting: number}[]} targets
 * @param {Map<string, object[]>} contacts  employerKey → connections there
 * @returns {{target: object, contacts: object[], rank: number}[]}
 */
export function lampOrder(targets, contacts) {
  return targets
    .map((target) => ({ target, contacts: contacts.get(employerKey(target.employer)) || [] }))
    .sort((a, b) =>
      b.target.motivation - a.target.motivation ||
      b.target.posting - a.target.posting ||
      Number(b.contacts.length > 0) - Number(a.contacts.length > 0) ||
      a.target.employer.localeCompare(b.target.employer))
    .map((row, index) => ({ ...row, rank: index + 1 }));
}

/**
 * Connections grouped by employer.
 * @param {object[]} connections
 * @returns {Map<string, object[]>}
 */
export function byEmployer(connections) {
  const map = new Map();
  for (const c of connections) {
    const key = employerKey(c.company);
    if (!key) continue;
    if (!map.has(key)) map.set(key, []);
    map.get(key).push(c);
  }
  return map;
}

/**
 * @typedef {object} Proposal
 * @property {object} person
 * @property {"referral" | "introduction" | "reconnect" | "recruiter" | "leave"} step
 * @property {string[]} why   reason codes, most telling first
 * @property {{employer: string, role: string, rank: number} | null} target  the target employer they work at
 */

/**
 * Next steps for everyone marked. Asks go to people who know you and could
 * recommend you; those at a target employer are asked for a referral there,
 * the others for an introduction. People who know you but could not yet
 * recommend you, and people you don't really know at a target employer, are
 * to reconnect with first. Recruiters are to help (the recruiter path).
 * People you don't really know elsewhere are left alone for now.
 * @param {{connections: object[], network: object}} input
 * @returns {{ask: Proposal[], reconnect: Proposal[], recruiters: Proposal[], leave: Proposal[], unmarkedAtTargets: number}}
 */
export function nextSteps({ connections, network }) {
  const contacts = byEmployer(connections);
  const ranked = lampOrder(network.targets, contacts);
  const targetOf = new Map(ranked.map((row) => [employerKey(row.target.employer), { ...row.target, rank: row.rank }]));
  const groups = { ask: [], reconnect: [], recruiters: [], leave: [], unmarkedAtTargets: 0 };
  for (const person of connections) {
    const d = decisionOf(network, person.id);
    const target = targetOf.get(employerKey(person.company)) || null;
    const at = target ? ["at-target"] : [];
    if (!d.mark) {
      if (target) groups.unmarkedAtTargets++;
      continue;
    }
    if (d.mark === "recruiter") {
      groups.recruiters.push({ person, step: "recruiter", why: [...at, "recruiter"], target });
    } else if (d.mark === "unknown") {
      if (target) groups.reconnect.push({ person, step: "reconnect", why: ["at-target", "unknown"], target });
      else groups.leave.push({ person, step: "leave", why: ["unknown", "not-at-target"], target });
    } else if (d.me === "yes") {
      const why = [...at, d.mark, "recommends-you", ...(d.them === "yes" ? ["you-recommend"] : [])];
      groups.ask.push({ person, step: target ? "referral" : "introduction", why, target });
    } else {
      const why = [...at, d.mark, d.me === "no" ? "not-yet" : "unanswered"];
      groups.reconnect.push({ person, step: "reconnect", why, target });
    }
  }
  const order = (a, b) => {
    const ra = a.target ? a.target.rank : Infinity;
    const rb = b.target ? b.target.rank : Infinity;
    const da = decisionOf(network, a.person.id);
    const db = decisionOf(network, b.person.id);
    return (
      (ra === rb ? 0 : ra < rb ? -1 : 1) ||
      Number(db.mark === "well") - Number(da.mark === "well") ||
      Number(db.them === "yes") - Number(da.them === "yes") ||
      fullName(a.person).localeCompare(fullName(b.person))
    );
  };
  for (const key of ["ask", "reconnect", "recruiters", "leave"]) groups[key].sort(order);
  return groups;
}
