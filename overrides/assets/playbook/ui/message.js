/**
 * A filled-in message on the page: text as text, each unfilled placeholder
 * as its label in brackets, marked, and named as unfilled for screen readers,
 * so the gap does not rely on color.
 */

import { bracketed } from "../lib/template.js";
import { copyText, h } from "./dom.js";

/**
 * @param {{type: string, text?: string, name?: string}[]} segments
 * @param {Record<string, string>} labels  placeholder name → label
 * @param {string} unfilledNote  read after an unfilled placeholder, e.g. "(not filled in)"
 * @returns {(Node | string)[]}
 */
export function messageNodes(segments, labels, unfilledNote) {
  return segments.map((s) =>
    s.type === "unfilled"
      ? h("mark", { class: "pb-unfilled" }, [bracketed(s.name, labels), h("span", { class: "pb-sr", text: ` ${unfilledNote}` })])
      : s.text,
  );
}

/**
 * Copy a message and say how it went, mentioning blanks still unfilled.
 * @param {string} text
 * @param {number} unfilled  how many placeholders are left unfilled
 * @param {Function} t  the tool's strings
 * @returns {Promise<string>} the sentence to show and announce
 */
export async function copyMessage(text, unfilled, t) {
  if (!(await copyText(text))) return t("copy_failed");
  return unfilled ? `${t("copied")} ${t.plural("copied_unfilled", unfilled)}` : t("copied");
}
