/**
 * The index pages' filter: which entries match a chosen time, way of
 * working and level. Pure functions over the values the page's data
 * gives for each entry ({minutes, group: [...], level}).
 */

/** The time limits offered, in minutes: an entry matches "up to N" when it takes N minutes or less. */
export const TIME_LIMITS = [10, 15, 20, 30, 45, 60];

/**
 * Whether an entry's method fits the chosen criteria; an empty criterion matches everything.
 * @param {{minutes: number, group: string[], level: string} | null} method
 * @param {{minutes?: number | null, group?: string, level?: string}} criteria
 * @returns {boolean}
 */
export function matches(method, criteria) {
  const wants = criteria || {};
  const any = !wants.minutes && !wants.group && !wants.level;
  if (any) return true;
  if (!method) return false;
  if (wants.minutes && method.minutes > wants.minutes) return false;
  if (wants.group && !method.group.includes(wants.group)) return false;
  if (wants.level && method.level !== wants.level) return false;
  return true;
}

/**
 * The time limits worth offering for these entries: those that separate some of them, and the
 * shortest that takes them all in.
 * @param {Array<{minutes: number} | null>} methods
 * @returns {number[]}
 */
export function timeChoices(methods) {
  const minutes = methods.filter(Boolean).map((m) => m.minutes);
  if (!minutes.length) return [];
  const shortest = Math.min(...minutes);
  const longest = Math.max(...minutes);
  const top = TIME_LIMITS.find((limit) => limit >= longest) ?? longest;
  return TIME_LIMITS.filter((limit) => limit >= shortest && limit <= top);
}

/**
 * Which entries the criteria leave shown.
 * @param {Array<{minutes: number, group: string[], level: string} | null>} methods
 * @param {object} criteria
 * @returns {boolean[]} for each entry, whether it is shown
 */
export function shown(methods, criteria) {
  return methods.map((method) => matches(method, criteria));
}
