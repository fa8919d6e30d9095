/**
 * Message templates: subject and body with `{name}` placeholders, filled in
 * by the writer. Unfilled placeholders stay visible so they are not sent.
 */

const PLACEHOLDER = /\{([a-z][a-z0-9_]*)\}/g;

/**
 * @typedef {{type: "text", text: string} | {type: "filled", name: string, text: string} | {type: "unfilled", name: string}} Segment
 */

/**
 * Split a text into plain text and placeholders, filling those with a value.
 * A value that is empty or only spaces leaves its placeholder unfilled.
 * @param {string} text
 * @param {Record<string, string>} [values]
 * @returns {Segment[]}
 */
export function fillTemplate(text, values = {}) {
  const segments = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (match.index > last) segments.push({ type: "text", text: text.slice(last, match.index) });
    const name = match[1];
    const value = typeof values[name] === "string" ? values[name].trim() : "";
    segments.push(value ? { type: "filled", name, text: value } : { type: "unfilled", name });
    last = match.index + match[0].length;
  }
  if (last < text.length) segments.push({ type: "text", text: text.slice(last) });
  return segments;
}

/**
 * The placeholder names a template uses, each once, in order of first use
 * (subject first, then body).
 * @param {{subject?: string | null, body: string}} template
 * @returns {string[]}
 */
export function placeholderNames(template) {
  const text = `${template.subject || ""}\n${template.body}`;
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/**
 * The names left unfilled in some segments, each once, in order.
 * @param {Segment[]} segments
 * @returns {string[]}
 */
export function unfilledNames(segments) {
  return [...new Set(segments.filter((s) => s.type === "unfilled").map((s) => s.name))];
}

/**
 * Segments as the text to send: an unfilled placeholder shows as its label in
 * square brackets, so a reader of the copied text still sees the gap.
 * @param {Segment[]} segments
 * @param {Record<string, string>} labels  placeholder name → label
 * @returns {string}
 */
export function segmentsText(segments, labels = {}) {
  return segments.map((s) => (s.type === "unfilled" ? bracketed(s.name, labels) : s.text)).join("");
}

/**
 * How an unfilled placeholder reads: "[Their first name]".
 * @param {string} name
 * @param {Record<string, string>} labels
 * @returns {string}
 */
export function bracketed(name, labels = {}) {
  return `[${labels[name] || name}]`;
}

/**
 * A template filled with values: subject and body segments, the names still
 * unfilled, and the whole message as text to copy.
 * @param {{subject?: string | null, body: string, placeholders: {name: string, label: string}[]}} template
 * @param {Record<string, string>} values
 */
export function composeMessage(template, values) {
  const labels = Object.fromEntries(template.placeholders.map((p) => [p.name, p.label]));
  const subject = template.subject ? fillTemplate(template.subject, values) : null;
  const body = fillTemplate(template.body, values);
  return {
    subject,
    body,
    unfilled: unfilledNames([...(subject || []), ...body]),
    subjectText: subject ? segmentsText(subject, labels) : "",
    bodyText: segmentsText(body, labels),
    labels,
  };
}
