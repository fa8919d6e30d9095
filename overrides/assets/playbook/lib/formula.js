/**
 * The relationship formula: (what's in it for me + what's in it for you) ×
 * (trust through knowing you) = relationship. Components, scales and bands
 * come from the content (a Formula dumped from playbook/model.py).
 */

const NUMBER_LIKE = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)$/;

/**
 * @typedef {object} Component
 * @property {string} id
 * @property {"exchange" | "trust"} role
 * @property {string} label
 * @property {number} min
 * @property {number} max
 * @property {string[]} principles
 */

/**
 * Read what a user typed as a score for one component: a whole number in the
 * component's range, spaces around it allowed.
 * @param {unknown} raw
 * @param {Component} component
 * @returns {{ok: true, value: number} | {ok: false, code: "empty" | "not-number" | "negative" | "not-whole" | "out-of-range", params: {min: number, max: number}}}
 */
export function readScore(raw, component) {
  const params = { min: component.min, max: component.max };
  const text = raw === null || raw === undefined ? "" : String(raw).trim();
  if (text === "") return { ok: false, code: "empty", params };
  if (!NUMBER_LIKE.test(text)) return { ok: false, code: "not-number", params };
  const number = Number(text.replace(",", "."));
  if (number < 0 && component.min >= 0) return { ok: false, code: "negative", params };
  if (!Number.isInteger(number)) return { ok: false, code: "not-whole", params };
  if (number < component.min || number > component.max) return { ok: false, code: "out-of-range", params };
  return { ok: true, value: number === 0 ? 0 : number };
}

/**
 * Read every component's score.
 * @param {{components: Component[]}} formula
 * @param {Record<string, unknown>} raws  component id → what the user typed
 * @returns {{complete: boolean, values: Record<string, number>, errors: Record<string, {code: string, params: object}>}}
 */
export function readScores(formula, raws) {
  const values = {};
  const errors = {};
  for (const component of formula.components) {
    const read = readScore(raws[component.id], component);
    if (read.ok) values[component.id] = read.value;
    else errors[component.id] = { code: read.code, params: read.params };
  }
  return { complete: Object.keys(errors).length === 0, values, errors };
}

function inRange(value, range) {
  if (!range) return true;
  if (range.min !== null && range.min !== undefined && value < range.min) return false;
  if (range.max !== null && range.max !== undefined && value > range.max) return false;
  return true;
}

function combine(components, values, role) {
  const parts = components.filter((c) => c.role === role);
  if (role === "exchange") return parts.reduce((sum, c) => sum + values[c.id], 0);
  return parts.reduce((product, c) => product * values[c.id], 1);
}

/**
 * @typedef {object} Evaluation
 * @property {number} exchange  Sum of the exchange components.
 * @property {number} trust     Product of the trust components.
 * @property {number} result    exchange × trust.
 * @property {{exchange: number, trust: number, result: number}} max  The highest each can be.
 * @property {{id: string, label: string, value: number, max: number, share: number}[]} shares
 *   Each component's score as a fraction of its maximum (0–1).
 * @property {object | null} band  The first band whose bounds all hold, or null.
 * @property {string[]} weakest    Ids of the components with the lowest share.
 */

/**
 * Evaluate the formula for valid scores (see readScores).
 * @param {{components: Component[], bands: object[]}} formula
 * @param {Record<string, number>} values
 * @returns {Evaluation}
 */
export function evaluate(formula, values) {
  const { components } = formula;
  const maxima = Object.fromEntries(components.map((c) => [c.id, c.max]));
  const exchange = combine(components, values, "exchange");
  const trust = combine(components, values, "trust");
  const result = exchange * trust;
  const maxExchange = combine(components, maxima, "exchange");
  const maxTrust = combine(components, maxima, "trust");
  const shares = components.map((c) => ({
    id: c.id,
    label: c.label,
    value: values[c.id],
    max: c.max,
    share: c.max > 0 ? Math.max(0, values[c.id] / c.max) : 0,
  }));
  const band =
    formula.bands.find((b) => inRange(result, b.result) && inRange(exchange, b.exchange) && inRange(trust, b.trust)) ||
    null;
  const lowest = Math.min(...shares.map((s) => s.share));
  const weakest = shares.filter((s) => s.share === lowest).map((s) => s.id);
  return {
    exchange,
    trust,
    result,
    max: { exchange: maxExchange, trust: maxTrust, result: maxExchange * maxTrust },
    shares,
    band,
    weakest,
  };
}

/**
 * The principles that raise the given components, each once, in the order
 * the components list them; ids the page has no data for are left out.
 * @param {{components: Component[]}} formula
 * @param {string[]} componentIds
 * @param {Record<string, {title: string, url: string}>} principles
 * @returns {{id: string, title: string, url: string}[]}
 */
export function principlesFor(formula, componentIds, principles) {
  const seen = new Set();
  const found = [];
  for (const component of formula.components) {
    if (!componentIds.includes(component.id)) continue;
    for (const id of component.principles) {
      if (seen.has(id) || !principles[id]) continue;
      seen.add(id);
      found.push({ id, ...principles[id] });
    }
  }
  return found;
}
