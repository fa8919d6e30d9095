/**
 * Interface strings: every visible word of the tools comes from the page's
 * data (generators/strings/<language>/tools.yml), never from the code.
 */

const PLACEHOLDER = /\{([a-z_][a-z0-9_]*)\}/g;

/**
 * Replace `{name}` in a string with values; unknown names stay as written.
 * @param {string} text
 * @param {Record<string, unknown>} [params]
 * @returns {string}
 */
export function format(text, params = {}) {
  return text.replace(PLACEHOLDER, (whole, name) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/**
 * A lookup function over one tool's strings.
 *
 * `t(key, params)` formats a string; `t.plural(key, count, params)` picks
 * `key_one`, `key_other` (or another CLDR category) by the language's plural
 * rules and passes the count, formatted for the language, as `{count}`.
 * A missing key shows as the key itself, so a gap is visible but harmless.
 * @param {Record<string, string>} strings
 * @param {string} [language]
 */
export function translator(strings, language = "en") {
  const table = strings && typeof strings === "object" ? strings : {};
  const rules = new Intl.PluralRules(language);
  const numbers = new Intl.NumberFormat(language);
  const lookup = (key) => (typeof table[key] === "string" ? table[key] : key);
  const t = (key, params) => format(lookup(key), params);
  t.has = (key) => typeof table[key] === "string";
  t.number = (value) => numbers.format(value);
  t.plural = (key, count, params = {}) => {
    const category = rules.select(count);
    const chosen = t.has(`${key}_${category}`) ? `${key}_${category}` : `${key}_other`;
    return format(lookup(chosen), { ...params, count: numbers.format(count) });
  };
  t.language = language;
  return t;
}
