/**
 * The outreach-message checker in the browser: rules, a draft and its
 * situation in; findings out. It reads the same rule data as the command
 * line's playbook/checker.py and follows the same steps, so both find the
 * same things; the shared test messages in tests/checker/ hold them to it.
 *
 * - Text is folded before matching (lowercase, straight quotes, plain hyphens
 *   and spaces, vowels without accents but ñ kept) one character for one, so offsets in the folded text are
 *   offsets in the draft.
 * - A phrase matches as whole words: its words in order, separated by runs of
 *   spaces or line breaks, with no letter, digit, mark or underscore just
 *   before or after. Each phrase is searched on its own; overlapping hits keep
 *   the earliest, then the longest.
 * - A pattern (the `pattern` and each of `patterns`; multiline, `u` flag) is searched again from the end of each
 *   hit; empty hits are skipped one character on.
 * - Sentences end after . ! ? (with closing quotes or brackets) before a space
 *   or line break, at a blank line, and before a list item (not after a title
 *   such as Dr. or Sra.); the opening is the
 *   first two sentences after a greeting.
 * - Words are runs of characters between spaces and line breaks.
 *
 * Offsets (`start`, `end`) are UTF-16 indexes, as the textarea's selection
 * uses them; lines and columns are 1-based and count characters (code
 * points), as the command line prints them.
 */

import { isPlainObject } from "./storage.js";

const SEVERITY_RANK = { error: 0, warning: 1, hint: 2 };
const PART_RANK = { subject: 0, body: 1 };
/** A pasted document can hold thousands of hits of one rule; the first ones say enough. */
export const MAX_PER_RULE = 20;
const MATCH_SHOWN = 60;
/** The start of a draft says what kind of message it is; a pasted document is not searched whole. */
export const INFER_CHARACTERS = 1500;

// A title before a name (Dr. Osei, Sra. Ruiz, Ing. Torres) does not end a sentence.
const SENTENCE_END =
  /(?<!\b(?:mr|ms|dr|sr|st))(?<!\b(?:mrs|dra|sra|lic|ing))(?<!\b(?:prof|srta|mtro|mtra))[.!?]+["')\]]*(?=[ \n]|$)|\n *\n|\n(?= *(?:[-*•]|\d+[.)]) )/gu;
const WORD = /[^ \n]+/gu;
const GREETING =
  /^(?:hi|hello|hey|hiya|dear|greetings|good (?:morning|afternoon|evening)|hola|buen(?:os|as) (?:dias|tardes|noches)|buen dia|estimad[oa]s?|querid[oa]s?|apreciad[oa]s?|saludos)\b/u;
const SPACES = /[ \n]+/u;
const VALUE = /\{(match|count|max|versus)\}/g;
const WORD_CHAR = /^[\p{L}\p{N}\p{M}_]$/u;
const GREETING_WORDS = 4;
const OPENING_SENTENCES = 2;

const SPECIAL = new Map([
  ..."\u2018\u2019\u201a\u201b\u2032\u02bc".split("").map((c) => [c, "'"]),
  ..."\u201c\u201d\u201e\u201f\u2033".split("").map((c) => [c, '"']),
  ..."\u2010\u2011\u2012\u2013\u2014\u2015\u2212".split("").map((c) => [c, "-"]),
  ...("\t\r\f\v\x85\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" +
    "\u2028\u2029\u202f\u205f\u3000\ufeff").split("").map((c) => [c, " "]),
  // Spanish is often typed without accents: an accented vowel folds to the plain one; ñ stays (año, ano).
  ..."áàâäã".split("").map((c) => [c, "a"]),
  ..."éèêë".split("").map((c) => [c, "e"]),
  ..."íìîï".split("").map((c) => [c, "i"]),
  ..."óòôöõ".split("").map((c) => [c, "o"]),
  ..."úùûü".split("").map((c) => [c, "u"]),
]);
const folded = new Map();

/**
 * One character as the matchers see it. A character whose lowercase form is
 * longer (like İ) stays as it is, so folding never changes the text's length.
 * @param {string} ch  one code point
 * @returns {string}
 */
export function foldChar(ch) {
  const special = SPECIAL.get(ch);
  if (special !== undefined) return special;
  let result = folded.get(ch);
  if (result === undefined) {
    const lower = ch.toLowerCase();
    result = lower.length === ch.length && [...lower].length === 1 ? (SPECIAL.get(lower) ?? lower) : ch;
    folded.set(ch, result);
  }
  return result;
}

/**
 * Text as the matchers see it; same length as the text.
 * @param {string} text
 * @returns {string}
 */
export function fold(text) {
  let out = "";
  for (const ch of text) out += foldChar(ch);
  return out;
}

function isWordChar(ch) {
  return ch !== "" && WORD_CHAR.test(ch);
}

/** The code point that ends at UTF-16 index i. */
function charBefore(text, i) {
  if (i <= 0) return "";
  const unit = text.charCodeAt(i - 1);
  if (unit >= 0xdc00 && unit <= 0xdfff && i >= 2) {
    const high = text.charCodeAt(i - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(i - 2, i);
  }
  return text[i - 1];
}

/** The code point that starts at UTF-16 index i. */
function charAt(text, i) {
  if (i >= text.length) return "";
  return String.fromCodePoint(text.codePointAt(i));
}

function codePointCount(text, start = 0, end = text.length) {
  let count = 0;
  for (let i = start; i < end; i++) {
    const unit = text.charCodeAt(i);
    if (!(unit >= 0xdc00 && unit <= 0xdfff && i > start && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff)) count++;
  }
  return count;
}

/** The UTF-16 index `n` code points after `start`. */
function advance(text, start, n) {
  let i = start;
  for (let k = 0; k < n && i < text.length; k++) i += text.codePointAt(i) > 0xffff ? 2 : 1;
  return i;
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A phrase's words, folded: split at spaces and line breaks.
 * @param {string} phrase
 * @returns {string[]}
 */
export function phraseWords(phrase) {
  return fold(phrase).replace(/^[ \n]+|[ \n]+$/g, "").split(SPACES);
}

const regexCache = new Map();

function cachedRegExp(key, make) {
  let re = regexCache.get(key);
  if (!re) {
    re = make();
    regexCache.set(key, re);
  }
  return re;
}

/** One part of a draft, prepared for matching. */
class Text {
  constructor(text) {
    this.text = text;
    this.folded = fold(text);
    this._lineStarts = null;
    this._sentences = null;
    this._words = null;
    this._opening = undefined;
  }

  get lineStarts() {
    if (!this._lineStarts) {
      this._lineStarts = [0];
      for (let i = this.text.indexOf("\n"); i !== -1; i = this.text.indexOf("\n", i + 1)) this._lineStarts.push(i + 1);
    }
    return this._lineStarts;
  }

  /** 1-based line and column (in code points) of a UTF-16 offset. */
  position(offset) {
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return [low + 1, codePointCount(this.text, starts[low], offset) + 1];
  }

  get trimmed() {
    return this.trim(0, this.folded.length);
  }

  trim(start, end) {
    while (start < end && (this.folded[start] === " " || this.folded[start] === "\n")) start++;
    while (end > start && (this.folded[end - 1] === " " || this.folded[end - 1] === "\n")) end--;
    return { start, end };
  }

  get words() {
    if (!this._words) this._words = [...this.folded.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
    return this._words;
  }

  get sentences() {
    if (!this._sentences) {
      const spans = [];
      let position = 0;
      for (const boundary of this.folded.matchAll(SENTENCE_END)) {
        const newline = boundary[0].startsWith("\n");
        spans.push(this.trim(position, newline ? boundary.index : boundary.index + boundary[0].length));
        position = boundary.index + boundary[0].length;
      }
      spans.push(this.trim(position, this.folded.length));
      this._sentences = spans.filter((s) => s.end > s.start);
    }
    return this._sentences;
  }

  get opening() {
    if (this._opening === undefined) {
      let sentences = this.sentences;
      if (sentences.length && this.isGreeting(sentences[0])) sentences = sentences.slice(1);
      if (!sentences.length) this._opening = null;
      else {
        const chosen = sentences.slice(0, OPENING_SENTENCES);
        this._opening = { start: chosen[0].start, end: chosen[chosen.length - 1].end };
      }
    }
    return this._opening;
  }

  isGreeting(sentence) {
    const text = this.folded.slice(sentence.start, sentence.end);
    return GREETING.test(text) && (text.match(WORD) || []).length <= GREETING_WORDS;
  }

  /** A span's text as a finding quotes it: spaces collapsed, long text cut short. */
  shown(span) {
    const original = [...this.text.slice(span.start, span.end)];
    const simple = [...this.folded.slice(span.start, span.end)];
    const pieces = [];
    let space = false;
    for (let i = 0; i < original.length; i++) {
      if (simple[i] === " " || simple[i] === "\n") {
        space = true;
        continue;
      }
      if (space && pieces.length) pieces.push(" ");
      space = false;
      pieces.push(original[i]);
    }
    return pieces.length <= MATCH_SHOWN ? pieces.join("") : pieces.slice(0, MATCH_SHOWN - 1).join("") + "…";
  }
}

function phraseSpans(text, phrase) {
  const words = phraseWords(phrase);
  const re = cachedRegExp(`p:${phrase}`, () => new RegExp(words.map(escapeRegExp).join("[ \\n]+"), "gu"));
  const first = [...words[0]][0];
  const lastWord = [...words[words.length - 1]];
  const firstIsWord = isWordChar(first);
  const lastIsWord = isWordChar(lastWord[lastWord.length - 1]);
  const folded = text.folded;
  const spans = [];
  let position = 0;
  for (;;) {
    re.lastIndex = position;
    const hit = re.exec(folded);
    if (!hit) break;
    const start = hit.index;
    const end = start + hit[0].length;
    const clearBefore = !(firstIsWord && start > 0 && isWordChar(charBefore(folded, start)));
    const clearAfter = !(lastIsWord && end < folded.length && isWordChar(charAt(folded, end)));
    if (clearBefore && clearAfter) {
      spans.push({ start, end });
      position = end;
    } else {
      position = advance(folded, start, 1);
    }
  }
  return spans;
}

function patternSpans(text, pattern) {
  const re = cachedRegExp(`r:${pattern}`, () => new RegExp(pattern, "gmu"));
  const folded = text.folded;
  const spans = [];
  let position = 0;
  while (position <= folded.length) {
    re.lastIndex = position;
    const hit = re.exec(folded);
    if (!hit) break;
    const start = hit.index;
    const end = start + hit[0].length;
    if (end === start) {
      position = advance(folded, start, 1) + (start >= folded.length ? 1 : 0);
      continue;
    }
    spans.push({ start, end });
    position = end;
  }
  return spans;
}

function occurrences(text, phrases, patterns, area) {
  let spans = [];
  for (const phrase of phrases || []) spans = spans.concat(phraseSpans(text, phrase));
  for (const pattern of patterns) spans = spans.concat(patternSpans(text, pattern));
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept = [];
  for (const span of spans) {
    if (area && !(area.start <= span.start && span.end <= area.end)) continue;
    if (kept.length && span.start < kept[kept.length - 1].end) continue;
    kept.push(span);
  }
  return kept;
}

/** The parts of a draft a rule can look at. */
class Draft {
  constructor(body, subject) {
    this.body = new Text(body);
    this.subject = subject == null ? null : new Text(subject);
  }

  places(where) {
    const found = [];
    if ((where === "subject" || where === "message") && this.subject) found.push({ part: "subject", text: this.subject, area: null });
    if (where === "body" || where === "message") found.push({ part: "body", text: this.body, area: null });
    if (where === "opening" && this.body.opening) found.push({ part: "body", text: this.body, area: this.body.opening });
    return found;
  }

  hits(test) {
    const found = [];
    for (const { part, text, area } of this.places(test.where || "body")) {
      // The pattern and each of the patterns, as Python's TextTest.all_patterns gives them.
      const patterns = (test.pattern != null ? [test.pattern] : []).concat(test.patterns || []);
      for (const span of occurrences(text, test.phrases, patterns, area)) found.push({ part, text, span });
    }
    return found;
  }
}

function wordsIn(text, start, end) {
  const re = new RegExp(WORD.source, "gu");
  return (text.folded.slice(start, end).match(re) || []).length;
}

function ruleHits(match, draft) {
  const places = draft.places(match.where || "body");
  if (!places.length) return [];
  const kind = match.kind;
  if (kind === "contains") {
    return draft.hits(match).map(({ part, text, span }) => ({ part, text, span, values: { match: text.shown(span) } }));
  }
  if (kind === "lacks") {
    if (draft.hits(match).length) return [];
    const { part, text, area } = places[0];
    return [{ part, text, span: area, values: {} }];
  }
  if (kind === "count") {
    const found = draft.hits(match);
    if (found.length <= match.max) return [];
    const { part, text, span } = found[match.max];
    return [{ part, text, span, values: { count: found.length, max: match.max, match: text.shown(span) } }];
  }
  if (kind === "ratio") {
    const count = draft.hits(match).length;
    const versus = draft.hits({ phrases: match.versus, pattern: null, patterns: [], where: match.where }).length;
    const min = match.min == null ? 1 : match.min;
    if (count >= min && count > match.factor * versus) {
      const { part, text } = places[0];
      return [{ part, text, span: null, values: { count, versus } }];
    }
    return [];
  }
  if (kind === "empty") {
    const { part, text } = places[0];
    const trimmed = text.trimmed;
    return trimmed.end === trimmed.start ? [{ part, text, span: null, values: {} }] : [];
  }
  const limit = match.max;
  const hits = [];
  for (const { part, text, area } of places) {
    if (kind === "characters") {
      const { start, end } = area || text.trimmed;
      const count = codePointCount(text.folded, start, end);
      if (count > limit) hits.push({ part, text, span: { start: advance(text.folded, start, limit), end }, values: { count, max: limit } });
    } else if (kind === "words") {
      const inside = text.words.filter((w) => !area || (area.start <= w.start && w.start < area.end));
      if (inside.length > limit) {
        const span = { start: inside[limit].start, end: inside[inside.length - 1].end };
        hits.push({ part, text, span, values: { count: inside.length, max: limit } });
      }
    } else if (kind === "sentence-words") {
      for (const sentence of text.sentences) {
        if (area && !(area.start <= sentence.start && sentence.start < area.end)) continue;
        const count = wordsIn(text, sentence.start, sentence.end);
        if (count > limit) hits.push({ part, text, span: sentence, values: { count, max: limit } });
      }
    }
  }
  return hits;
}

function fill(template, values) {
  return template.replace(VALUE, (whole, name) => (name in values ? String(values[name]) : whole));
}

/**
 * @typedef {object} Finding
 * @property {string} rule       the rule's id
 * @property {"error" | "warning" | "hint"} severity
 * @property {string} message    what was found
 * @property {string} fix        how to fix it
 * @property {"subject" | "body"} part
 * @property {number | null} start  UTF-16 offset in the part, or null for the whole part
 * @property {number | null} end
 * @property {number} line       1-based
 * @property {number} column     1-based, in characters
 * @property {number} endLine
 * @property {number} endColumn
 */

/**
 * Every finding of the rules in a draft, sorted by part and position.
 * @param {object[]} rules      rule data, as the page's JSON or tests/checker/rules.json holds it
 * @param {string} body         the message, with \n line breaks
 * @param {string} situation    one of the situations in content/situations.py (the page data lists them)
 * @param {string | null} [subject]  the subject line, or null for a message without one
 * @param {boolean} [sure]  false when nothing in the draft said what kind of message it is and
 *   `situation` is only the guide's default: a rule then reports at its `when_unsure` severity
 * @returns {Finding[]}
 */
export function checkMessage(rules, body, situation, subject = null, sure = true) {
  const draft = new Draft(body, subject);
  const findings = [];
  for (const rule of rules) {
    if (rule.situations && rule.situations.length && !rule.situations.includes(situation)) continue;
    const match = rule.match;
    let hits = ruleHits(match, draft);
    if (!hits.length) continue;
    if (match.only_if) {
      const condition = draft.hits(match.only_if);
      if (!condition.length) continue;
      if (match.kind === "lacks") {
        const { part, text, span } = condition[0];
        hits = [{ part, text, span, values: { match: text.shown(span) } }];
      }
    }
    if (match.unless && draft.hits(match.unless).length) continue;
    const overrides = rule.severity_by_situation || {};
    const severity = (!sure && rule.when_unsure) || overrides[situation] || rule.severity;
    for (const hit of hits.slice(0, MAX_PER_RULE)) findings.push(toFinding(rule, severity, hit));
  }
  return findings.sort(
    (a, b) =>
      PART_RANK[a.part] - PART_RANK[b.part] ||
      (a.start ?? -1) - (b.start ?? -1) ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
      (a.end ?? -1) - (b.end ?? -1),
  );
}

/**
 * What kind of message a draft is, guessed as playbook/inference.py guesses it:
 * the guide's cues in order, the first that fits wins; else the default. A cue
 * fits when the draft has (or lacks) a subject as it asks, is no longer than
 * its character limit, holds none of its `unless` phrases in the body, and has
 * one of its phrases where it looks (a cue without phrases needs none).
 * @param {{default: string, cues: object[]}} guide  the situation guide, as the page's JSON holds it
 * @param {string} body
 * @param {string | null} [subject]
 * @returns {{situation: string, cue: string | null}}  cue: the words that gave it away ("" for none needed, null for the default)
 */
export function inferSituation(guide, body, subject = null) {
  // Only the start is read, as in playbook/inference.py: the first INFER_CHARACTERS code points.
  const bodyText = new Text(body.slice(0, advance(body, 0, INFER_CHARACTERS)));
  const subjectText = subject === null ? null : new Text(subject);
  for (const cue of guide.cues) {
    const found = cueFits(cue, bodyText, subjectText);
    if (found !== null) return { situation: cue.situation, cue: found };
  }
  return { situation: guide.default, cue: null };
}

function cueFits(cue, body, subject) {
  if (cue.without_subject && subject !== null) return null;
  if (cue.max_characters !== null && cue.max_characters !== undefined) {
    const { start, end } = body.trimmed;
    if (codePointCount(body.folded, start, end) > cue.max_characters) return null;
  }
  if (cue.unless.some((phrase) => phraseSpans(body, phrase).length)) return null;
  if (!cue.phrases.length) return "";
  const text = cue.where === "subject" ? subject : body;
  if (text === null) return null;
  const area = cue.where === "opening" ? body.opening : null;
  if (cue.where === "opening" && area === null) return null;
  for (const phrase of cue.phrases) {
    for (const span of phraseSpans(text, phrase)) {
      if (area === null || (area.start <= span.start && span.end <= area.end)) return text.shown(span);
    }
  }
  return null;
}

function toFinding(rule, severity, hit) {
  let line = 1;
  let column = 1;
  let endLine = 1;
  let endColumn = 1;
  if (hit.span) {
    [line, column] = hit.text.position(hit.span.start);
    [endLine, endColumn] = hit.text.position(hit.span.end);
  }
  return {
    rule: rule.id,
    severity,
    message: fill(rule.message, hit.values),
    fix: rule.fix,
    part: hit.part,
    start: hit.span ? hit.span.start : null,
    end: hit.span ? hit.span.end : null,
    line,
    column,
    endLine,
    endColumn,
  };
}

/**
 * Findings by severity.
 * @param {Finding[]} findings
 * @returns {{error: number, warning: number, hint: number}}
 */
export function countBySeverity(findings) {
  const counts = { error: 0, warning: 0, hint: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

/** What the checker keeps when the user asks it to: the last draft and what kind of message it is. */
export const draftSchema = {
  version: 1,
  migrations: {},
  empty: () => ({ situation: "first-contact", channel: "email", subject: "", body: "" }),
  check(data) {
    if (!isPlainObject(data)) return "expected an object";
    for (const key of ["situation", "channel", "subject", "body"]) {
      if (typeof data[key] !== "string") return `${key} is not text`;
    }
    return null;
  },
};
