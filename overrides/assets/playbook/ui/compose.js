/**
 * A message template composed in place: its blanks (the person's already
 * filled), the message as it takes shape, and the message checker's
 * findings beside it, run with the template's situation; then copy it, and
 * say when it was sent so the follow-up plan can start.
 */

import { button, debounce, field, h, replace, uid } from "./dom.js";
import { copyMessage, messageNodes } from "./message.js";
import { composeMessage } from "../lib/template.js";
import { checkMessage } from "../lib/checker.js";
import { isISODate } from "../lib/workdays.js";

/**
 * @param {{template: object, values: Record<string, string>, rules: object[], t: Function,
 *   announce: (text: string) => void, personal: string[], onValues: (name: string, value: string) => void,
 *   onSent: (iso: string) => void, today: string}} options
 *   personal: the placeholders the person's data fills (not kept for the next message).
 */
export function createComposer({ template, values, rules, t, announce, personal, onValues, onSent, today }) {
  const state = { ...values };
  const headingId = uid("compose");
  const preview = h("div", { class: "pb-message", attrs: { role: "group", "aria-label": t("compose_message_label") } });
  const subject = h("p", { class: "pb-subject" });
  const status = h("p", { class: "pb-status" });
  const findings = h("ol", { class: "pb-checker-findings", attrs: { "aria-label": t("compose_findings_label") } });
  const checkSummary = h("p", { class: "pb-checker-summary" });
  const copyStatus = h("p", { class: "pb-status" });

  const blanks = template.placeholders.map((p) => {
    const f = field({
      label: p.label,
      hint: t("compose_example", { example: p.example }),
      control: h("input", { type: "text", autocomplete: "off", value: state[p.name] || "" }),
    });
    f.control.addEventListener("input", () => {
      state[p.name] = f.control.value;
      if (!personal.includes(p.name)) onValues(p.name, f.control.value);
      update();
    });
    return f;
  });

  const sentInput = h("input", { type: "date", value: today, max: "9999-12-31" });
  const sentField = field({ label: t("compose_sent_on"), control: sentInput });
  const sentButton = button(t("compose_sent"), () => {
    if (!isISODate(sentInput.value)) {
      sentField.setError(t("compose_sent_bad_date"));
      sentInput.focus();
      return;
    }
    sentField.setError("");
    onSent(sentInput.value);
  });

  const el = h("section", { class: "pb-compose", attrs: { "aria-labelledby": headingId } }, [
    h("h5", { id: headingId, class: "pb-compose__title", text: t("compose_heading", { title: template.title }) }),
    h("p", {}, [h("a", { href: template.url, text: t("compose_template_link", { title: template.title }) })]),
    h("div", { class: "pb-compose__grid" }, [
      h("fieldset", { class: "pb-fieldset pb-compose__blanks" }, [h("legend", { text: t("compose_blanks") }), ...blanks.map((f) => f.wrap)]),
      h("div", { class: "pb-compose__preview" }, [
        h("p", { class: "pb-label", text: t("compose_preview") }),
        status, subject, preview,
        h("div", { class: "pb-actions" }, [button(t("copy_message"), copy)]),
        copyStatus,
      ]),
      h("div", { class: "pb-compose__check" }, [
        h("p", { class: "pb-label", text: t("compose_check_heading") }),
        checkSummary,
        findings,
      ]),
    ]),
    h("div", { class: "pb-compose__sent" }, [sentField.wrap, sentButton]),
  ]);

  let message = composeMessage(template, state);
  const announceCheck = debounce(() => announce(checkSummary.textContent), 800);

  function update() {
    message = composeMessage(template, state);
    status.textContent = message.unfilled.length
      ? t.plural("compose_unfilled", message.unfilled.length, { labels: message.unfilled.map((n) => message.labels[n] || n).join(", ") })
      : t("compose_all_filled");
    status.classList.toggle("pb-status--warning", message.unfilled.length > 0);
    subject.hidden = !message.subject;
    replace(subject, message.subject ? [h("strong", { text: t("subject_label") }), " ", ...messageNodes(message.subject, message.labels, t("unfilled_note"))] : []);
    replace(preview, messageNodes(message.body, message.labels, t("unfilled_note")));
    const found = checkMessage(rules, message.bodyText, template.situation, message.subject ? message.subjectText : null);
    checkSummary.textContent = found.length ? t.plural("compose_findings", found.length) : t("compose_no_findings");
    replace(findings, found.map((f) => h("li", { class: `pb-checker-finding pb-checker-finding--${f.severity}` }, [
      h("p", {}, [h("strong", { text: `${t(`compose_severity_${f.severity}`)}: ` }), f.message]),
      h("p", { class: "pb-checker-fix" }, [h("strong", { text: t("compose_fix") }), ` ${f.fix}`]),
    ])));
    announceCheck();
  }

  async function copy() {
    const text = message.subject ? `${message.subjectText}\n\n${message.bodyText}` : message.bodyText;
    copyStatus.textContent = await copyMessage(text, message.unfilled.length, t);
    announce(copyStatus.textContent);
  }

  update();
  return {
    el,
    focus() {
      const empty = blanks.find((f) => !f.control.value) || blanks[0];
      if (empty) empty.control.focus();
    },
  };
}
