/**
 * The follow-up plan: for each message sent without a reply, the 3B7
 * routine (no reply after a few working days → write to a second contact at
 * the same employer; after a few more → follow up once with the first), and
 * a keep-in-touch cadence for the people who matter, whose clock restarts
 * at each contact. The numbers of days come from the page's data.
 */

import { addDays, addWorkingDays, compareDates, weekOf } from "./workdays.js";

/**
 * @typedef {object} Reminder
 * @property {string} id      stable: the same reminder keeps its id from one plan to the next
 * @property {"second-contact" | "follow-up" | "keep-in-touch"} kind
 * @property {string} date    ISO date it is due
 * @property {string} person  person id
 * @property {string} employer
 * @property {string} [sent]  id of the sent message it follows
 */

/**
 * Every reminder still open.
 * @param {{sent: object[], people: Record<string, object>}} network
 * @param {{second_contact_days: number|null, follow_up_days: number|null}} timing  working days after sending;
 *   null when the playbook states no such timing (no content/limits.yml), and then no such reminder
 * @returns {Reminder[]} by date, then kind
 */
export function reminders(network, timing) {
  const list = [];
  for (const s of network.sent) {
    if (s.replied) continue;
    if (!s.second && Number.isInteger(timing.second_contact_days)) {
      list.push({ id: `${s.id}-second`, kind: "second-contact", date: addWorkingDays(s.on, timing.second_contact_days), person: s.person, employer: s.employer, sent: s.id });
    }
    if (!s.followed && Number.isInteger(timing.follow_up_days)) {
      list.push({ id: `${s.id}-follow`, kind: "follow-up", date: addWorkingDays(s.on, timing.follow_up_days), person: s.person, employer: s.employer, sent: s.id });
    }
  }
  for (const [person, d] of Object.entries(network.people)) {
    if (!d.cadence || !d.last) continue;
    list.push({ id: `touch-${hash(person)}`, kind: "keep-in-touch", date: addDays(d.last, d.cadence * 7), person, employer: "" });
  }
  const rank = { "follow-up": 0, "second-contact": 1, "keep-in-touch": 2 };
  return list.sort((a, b) => compareDates(a.date, b.date) || rank[a.kind] - rank[b.kind] || a.id.localeCompare(b.id));
}

/**
 * The reminders due by the end of this week (Sunday), overdue ones included.
 * @param {Reminder[]} list
 * @param {string} today  ISO date
 * @returns {{overdue: Reminder[], thisWeek: Reminder[], later: Reminder[]}}
 */
export function dueThisWeek(list, today) {
  const { end } = weekOf(today);
  return {
    overdue: list.filter((r) => r.date < today),
    thisWeek: list.filter((r) => r.date >= today && r.date <= end),
    later: list.filter((r) => r.date > end),
  };
}

/**
 * A short, stable, opaque name for a text (FNV-1a, 32 bits, in hex), so
 * that a calendar's event ids do not carry a profile address.
 * @param {string} text
 * @returns {string}
 */
export function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/**
 * A new sent message's id, unique in the list.
 * @param {{id: string}[]} sent
 * @param {string} person
 * @param {string} on  ISO date
 * @returns {string}
 */
export function sentId(sent, person, on) {
  const base = `m${on.replace(/-/g, "")}-${hash(person)}`;
  let id = base;
  for (let n = 2; sent.some((s) => s.id === id); n++) id = `${base}-${n}`;
  return id;
}
