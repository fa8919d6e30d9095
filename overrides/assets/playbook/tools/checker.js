/**
 * The message checker: the user pastes a draft, the checker guesses what
 * kind of message it is (the select shows the guess and a status line says
 * why, until the user picks one), and each finding is listed with its
 * explanation and marked in a copy of the draft. A finding's button selects its text in the draft, so the list
 * works by keyboard and with a screen reader; the summary is announced.
 *
 * The draft never leaves the browser. It is kept in localStorage only when
 * the user ticks "keep my last draft", and deleted when they untick it.
 */

import { debounce, field, h, liveRegion, replace, uid, browserStorage } from "../ui/dom.js";
import { prepareSite } from "../ui/saved.js";
import { translator } from "../lib/strings.js";
import { createStore, storageKey } from "../lib/storage.js";
import { checkMessage, countBySeverity, draftSchema, inferSituation } from "../lib/checker.js";

const SEVERITIES = ["error", "warning", "hint"];
const SYMBOLS = { error: "✖", warning: "▲", hint: "●" };
const CHECK_DELAY = 250;
const SAVE_DELAY = 400;

/**
 * Mount the checker.
 * @param {HTMLElement} el
 * @param {{site: {id: string, language: string}, rules: object[], situations: {id: string, label: string}[], guide: object | null, strings: object}} data
 * @returns {() => void} cleanup
 */
export function mount(el, data) {
  const t = translator(data.strings, data.site.language);
  const live = liveRegion();
  if (!data.rules.length) {
    replace(el, [h("p", { text: t("no_rules") })]);
    return () => {};
  }
  const rulesById = new Map(data.rules.map((rule) => [rule.id, rule]));
  // The situations and their labels come with the page data, from content/situations.py.
  const { situations } = data;

  const situation = h("select", {}, situations.map((s) => h("option", { value: s.id, text: s.label })));
  const situationField = field({ label: t("situation_label"), control: situation, hint: t("situation_hint") });
  // Said politely in its own live region, so a changed guess is heard without moving focus.
  const guessNotice = h("p", { class: "pb-status pb-checker-guess", attrs: { role: "status" } });
  const guessAgain = h("button", { type: "button", class: "pb-button pb-button--small", text: t("situation_guess_again"), hidden: true });
  situationField.wrap.append(guessNotice, guessAgain);
  const labelOf = (id) => (situations.find((s) => s.id === id) || { label: id }).label;
  // The checker guesses until the user picks a situation themselves.
  let chosen = false;
  const channel = h("select", {}, [
    h("option", { value: "email", text: t("channel_email") }),
    h("option", { value: "message", text: t("channel_message") }),
  ]);
  const channelField = field({ label: t("channel_label"), control: channel });
  const subject = h("input", { type: "text", autocomplete: "off", spellcheck: true, class: "pb-checker-subject" });
  const subjectField = field({ label: t("subject_field"), control: subject });
  const draft = h("textarea", { rows: 12, spellcheck: true, class: "pb-checker-draft" });
  const draftField = field({ label: t("draft_label"), control: draft, hint: t("draft_hint") });
  const keep = h("input", { type: "checkbox" });
  keep.id = uid("keep");
  const keepHint = h("p", { class: "pb-hint", id: uid("hint"), text: t("keep_hint") });
  keep.setAttribute("aria-describedby", keepHint.id);
  const keepNotice = h("p", { class: "pb-status", attrs: { role: "status" } });
  const keepField = h("div", { class: "pb-field pb-checker-keep" }, [
    keep,
    h("label", { htmlFor: keep.id, text: ` ${t("keep_label")}` }),
    keepHint,
    keepNotice,
  ]);

  const resultsHeading = h("h2", { id: uid("results"), text: t("results_heading") });
  const summary = h("p", { class: "pb-checker-summary" });
  const list = h("ol", { class: "pb-checker-findings", attrs: { "aria-label": t("findings_label") } });
  const copy = h("div", { class: "pb-checker-copy", attrs: { "aria-hidden": "true" }, hidden: true });

  replace(el, [
    h("form", { class: "pb-form pb-checker", attrs: { novalidate: true }, on: { submit: (e) => e.preventDefault() } }, [
      situationField.wrap,
      channelField.wrap,
      subjectField.wrap,
      draftField.wrap,
      keepField,
    ]),
    h("section", { class: "pb-checker-results", attrs: { "aria-labelledby": resultsHeading.id } }, [
      resultsHeading,
      summary,
      copy,
      list,
    ]),
    live.el,
  ]);

  // Keeping the draft is opt-in: the box starts ticked only when a kept draft was loaded.
  prepareSite(data.site);
  const store = createStore(browserStorage(), storageKey(data.site.id, "checker", "draft"), draftSchema);
  const loaded = store.load();
  if (loaded.status === "ok") {
    const kept = loaded.data;
    if (situations.some((s) => s.id === kept.situation)) situation.value = kept.situation;
    channel.value = kept.channel === "message" ? "message" : "email";
    subject.value = kept.subject;
    draft.value = kept.body;
    keep.checked = true;
  } else if (loaded.status === "corrupt" || loaded.status === "too-new") {
    keepNotice.textContent = t("keep_unreadable");
  }

  function state() {
    return { situation: situation.value, channel: channel.value, subject: subject.value, body: draft.value };
  }

  function save() {
    if (!keep.checked) return;
    const result = store.save(state());
    if (!result.ok) keepNotice.textContent = t("keep_failed");
  }
  const saveSoon = debounce(save, SAVE_DELAY);

  function hasSubject() {
    return situation.value !== "linkedin-invitation" && channel.value === "email";
  }

  function showFields() {
    channelField.wrap.hidden = situation.value === "linkedin-invitation";
    subjectField.wrap.hidden = !hasSubject();
  }

  // False while the situation is only the guide's default (no cue in the text): rules whose verdict
  // depends on the situation then give tips, not warnings (their when_unsure severity).
  let sure = true;
  function guess(body, subjectText) {
    if (chosen || !data.guide || !body.trim()) return;
    const inferred = inferSituation(data.guide, body, subjectText);
    sure = inferred.cue !== null;
    const before = situation.value;
    if (situations.some((s) => s.id === inferred.situation)) situation.value = inferred.situation;
    const text = inferred.cue
      ? t("situation_guessed", { cue: inferred.cue, situation: labelOf(situation.value) })
      : t("situation_default", { situation: labelOf(situation.value) });
    if (guessNotice.textContent !== text) guessNotice.textContent = text;
    if (before !== situation.value) showFields();
  }

  let last = "";
  function check() {
    const body = draft.value.replace(/\r\n?/g, "\n");
    guess(body, hasSubject() ? subject.value : null);
    const subjectText = hasSubject() ? subject.value : null;
    if (!body.trim()) {
      summary.textContent = t("empty_draft");
      replace(list, []);
      copy.hidden = true;
      el.removeAttribute("data-pb-findings");
      announce(t("empty_draft"));
      return;
    }
    const started = performance.now();
    const findings = checkMessage(data.rules, body, situation.value, subjectText, chosen || sure);
    render(findings, body, subjectText);
    // Measured for the browser test of large pastes; shown to nobody.
    el.setAttribute("data-pb-check-ms", String(Math.round(performance.now() - started)));
    el.setAttribute("data-pb-findings", String(findings.length));
    announce(summary.textContent);
  }
  const checkSoon = debounce(check, CHECK_DELAY);

  function announce(text) {
    // The same summary twice in a row is not read again while the user types.
    if (text !== last) live.announce(text);
    last = text;
  }

  function summaryText(findings) {
    if (!findings.length) return t("no_findings");
    const counts = countBySeverity(findings);
    const details = SEVERITIES.filter((s) => counts[s]).map((s) => t.plural(`count_${s}`, counts[s]));
    return t.plural("summary", findings.length, { details: details.join(", ") });
  }

  function render(findings, body, subjectText) {
    summary.textContent = summaryText(findings);
    replace(list, findings.map((finding, index) => findingItem(finding, index + 1)));
    const bodyFindings = findings.map((f, i) => ({ ...f, number: i + 1 })).filter((f) => f.start !== null);
    const inSubject = bodyFindings.filter((f) => f.part === "subject");
    const inBody = bodyFindings.filter((f) => f.part === "body");
    replace(copy, [
      h("p", { class: "pb-checker-copy-heading", text: t("copy_heading") }),
      subjectText !== null
        ? h("p", { class: "pb-checker-copy-subject" }, [h("strong", { text: t("copy_subject") }), " ", ...marked(subjectText, inSubject)])
        : null,
      h("div", { class: "pb-checker-copy-body" }, marked(body, inBody)),
    ]);
    copy.hidden = false;
  }

  function findingItem(finding, number) {
    const rule = rulesById.get(finding.rule) || {};
    const where =
      finding.start === null
        ? finding.part === "subject"
          ? t("show_subject")
          : t("show_draft")
        : finding.part === "subject"
          ? t("show_subject")
          : t("show_span", { line: finding.line, column: finding.column });
    const links = [
      rule.anti_pattern ? h("li", {}, [h("a", { href: rule.anti_pattern.url, text: t("anti_pattern_link", { title: rule.anti_pattern.title }) })]) : null,
      rule.principle ? h("li", {}, [h("a", { href: rule.principle.url, text: t("principle_link", { title: rule.principle.title }) })]) : null,
    ].filter(Boolean);
    return h("li", { class: `pb-checker-finding pb-checker-finding--${finding.severity}`, dataset: { rule: finding.rule } }, [
      h("p", { class: "pb-checker-finding-head" }, [
        h("span", { class: "pb-checker-severity", text: `${SYMBOLS[finding.severity]} ${t(`severity_${finding.severity}`)}` }),
        " ",
        h("span", { class: "pb-checker-number", text: `[${number}]` }),
        " ",
        h("span", { text: finding.message }),
        finding.start === null ? h("span", { class: "pb-checker-where", text: ` (${t("whole_message")})` }) : null,
      ]),
      h("p", { class: "pb-checker-fix" }, [h("strong", { text: t("fix_label") }), ` ${finding.fix}`]),
      h("button", {
        type: "button",
        class: "pb-button pb-button--small pb-checker-show",
        text: where,
        on: { click: () => showFinding(finding) },
      }),
      h("details", { class: "pb-checker-details" }, [
        h("summary", { text: t("details") }),
        h("p", { text: rule.explanation || "" }),
        links.length ? h("ul", {}, links) : null,
      ]),
    ]);
  }

  function showFinding(finding) {
    const target = finding.part === "subject" ? subject : draft;
    target.focus();
    if (finding.start === null) return;
    // The draft was checked with \n line breaks, which is what a textarea's value holds.
    target.setSelectionRange(finding.start, finding.end);
    if (target === draft) scrollToSelection(finding.start);
  }

  function scrollToSelection(start) {
    // Browsers scroll a focused textarea to its caret only sometimes; place the line in view.
    const lines = draft.value.slice(0, start).split("\n").length - 1;
    const lineHeight = parseFloat(getComputedStyle(draft).lineHeight) || 20;
    draft.scrollTop = Math.max(0, lines * lineHeight - draft.clientHeight / 3);
  }

  situation.addEventListener("change", () => {
    chosen = true;
    guessNotice.textContent = t("situation_chosen", { situation: labelOf(situation.value) });
    guessAgain.hidden = false;
    showFields();
    check();
    save();
  });
  guessAgain.addEventListener("click", () => {
    chosen = false;
    guessAgain.hidden = true;
    check();
    situation.focus();
  });
  channel.addEventListener("change", () => {
    showFields();
    check();
    save();
  });
  subject.addEventListener("input", () => {
    checkSoon();
    saveSoon();
  });
  draft.addEventListener("input", () => {
    checkSoon();
    saveSoon();
  });
  keep.addEventListener("change", () => {
    if (keep.checked) {
      keepNotice.textContent = t("keep_on");
      save();
    } else {
      saveSoon.cancel();
      store.remove();
      keepNotice.textContent = t("keep_off");
    }
  });

  showFields();
  check();

  const flush = () => {
    checkSoon.flush();
    saveSoon.flush();
  };
  window.addEventListener("pagehide", flush);
  return () => {
    flush();
    window.removeEventListener("pagehide", flush);
  };
}

/**
 * Text with the findings' spans marked: each stretch covered by findings is
 * a <mark> classed by the most serious of them, and each finding's number
 * follows its end, so the marks do not rely on color.
 * @param {string} text
 * @param {{start: number, end: number, severity: string, number: number}[]} findings
 * @returns {(Node | string)[]}
 */
function marked(text, findings) {
  const cuts = new Set([0, text.length]);
  for (const f of findings) {
    cuts.add(f.start);
    cuts.add(f.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const endsAt = new Map();
  for (const f of findings) endsAt.set(f.end, [...(endsAt.get(f.end) || []), f.number]);
  const nodes = [];
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i];
    const end = points[i + 1];
    const covering = findings.filter((f) => f.start <= start && end <= f.end);
    const piece = text.slice(start, end);
    if (covering.length) {
      const worst = SEVERITIES.find((s) => covering.some((f) => f.severity === s));
      nodes.push(h("mark", { class: `pb-checker-mark pb-checker-mark--${worst}`, text: piece }));
    } else {
      nodes.push(piece);
    }
    const numbers = endsAt.get(end);
    if (numbers) nodes.push(h("sup", { class: "pb-checker-ref", text: numbers.map((n) => `[${n}]`).join("") }));
  }
  return nodes;
}
