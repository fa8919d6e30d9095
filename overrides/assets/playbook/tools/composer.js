/**
 * The template composer: pick a message template, fill in its blanks, watch
 * the message take shape, and copy it. Blanks left empty stay visible.
 */

import { button, debounce, field, h, liveRegion, replace, uid } from "../ui/dom.js";
import { copyMessage, messageNodes } from "../ui/message.js";
import { savedBar, savedWork } from "../ui/saved.js";
import { translator } from "../lib/strings.js";
import { composeMessage } from "../lib/template.js";
import { composerSchema } from "../lib/schemas.js";

const HASH = /^#template=([a-z0-9-]+)$/;

/**
 * Mount the composer.
 * @param {HTMLElement} el
 * @param {{site: object, templates: object[], strings: object}} data
 * @returns {() => void} cleanup
 */
export function mount(el, data) {
  const t = translator(data.strings, data.site.language);
  const { templates } = data;
  const live = liveRegion();
  let state;
  const saved = savedWork({
    site: data.site, tool: "composer", instance: "composer", schema: composerSchema, t,
    announce: live.announce, getData: () => state,
  });
  state = saved.data;
  const saveSoon = debounce(() => saved.save(state), 400);

  if (!templates.length) {
    replace(el, [h("p", { text: t("no_templates") })]);
    return () => {};
  }

  const select = h("select", {}, templates.map((tpl) => h("option", { value: tpl.id, text: tpl.title })));
  const selectField = field({ label: t("template_label"), control: select });
  const about = h("div", { class: "pb-template-about" });
  const blanks = h("div", { class: "pb-blanks" });
  const status = h("p", { class: "pb-status" });
  const subject = h("p", { class: "pb-subject" });
  const body = h("div", { class: "pb-message", attrs: { role: "group", "aria-label": t("message_label") } });
  const copyStatus = h("p", { class: "pb-status" });
  const copyActions = h("div", { class: "pb-actions" });
  const previewHeading = h("h2", { id: uid("preview"), text: t("preview_heading") });
  let inputs = {};

  const bar = savedBar({
    t, announce: live.announce, site: data.site, tool: "composer", instance: "composer",
    schema: composerSchema, title: t("file_title"),
    getData: () => state,
    setData(next) {
      state = next;
      choose(state.template);
      saved.save(state);
    },
    clear() {
      saved.remove();
      state = composerSchema.empty();
      choose(templates[0].id);
    },
  });

  replace(el, [
    saved.notice,
    h("form", { class: "pb-form", attrs: { novalidate: true }, on: { submit: (e) => e.preventDefault() } }, [
      selectField.wrap,
      about,
      blanks,
    ]),
    h("section", { class: "pb-preview", attrs: { "aria-labelledby": previewHeading.id } }, [
      previewHeading,
      status,
      subject,
      body,
      copyActions,
      copyStatus,
    ]),
    bar,
    live.el,
  ]);

  select.addEventListener("change", () => {
    choose(select.value);
    saved.save(state);
    live.announce(t("template_chosen", { title: current().title }));
  });

  function current() {
    return templates.find((tpl) => tpl.id === state.template) || templates[0];
  }

  function choose(id) {
    state.template = templates.some((tpl) => tpl.id === id) ? id : templates[0].id;
    select.value = state.template;
    const tpl = current();
    replace(about, [
      h("p", { text: tpl.summary }),
      h("p", {}, [h("a", { href: tpl.url, text: t("template_page_link", { title: tpl.title }) })]),
    ]);
    renderBlanks(tpl);
    renderPreview();
  }

  function renderBlanks(tpl) {
    inputs = {};
    if (!tpl.placeholders.length) {
      replace(blanks, [h("p", { text: t("no_blanks") })]);
      return;
    }
    const fields = tpl.placeholders.map((p) => {
      const f = field({
        label: p.label,
        hint: t("example", { example: p.example }),
        control: h("input", { type: "text", autocomplete: "off", value: state.values[p.name] || "" }),
      });
      f.control.addEventListener("input", () => {
        state.values[p.name] = f.control.value;
        renderPreview();
        saveSoon();
      });
      inputs[p.name] = f.control;
      return f.wrap;
    });
    replace(blanks, [
      h("fieldset", { class: "pb-fieldset" }, [h("legend", { text: t("blanks_legend") }), ...fields]),
      h("div", { class: "pb-actions" }, [
        button(t("fill_examples"), () => setAll((p) => p.example, t("examples_filled"))),
        button(t("clear_blanks"), () => setAll(() => "", t("blanks_cleared"))),
      ]),
    ]);
  }

  function setAll(valueOf, done) {
    for (const p of current().placeholders) {
      state.values[p.name] = valueOf(p);
      inputs[p.name].value = state.values[p.name];
    }
    renderPreview();
    saved.save(state);
    live.announce(done);
  }

  function renderPreview() {
    const tpl = current();
    const message = composeMessage(tpl, state.values);
    const unfilledLabels = message.unfilled.map((name) => message.labels[name] || name);
    status.textContent = message.unfilled.length
      ? t.plural("unfilled_count", message.unfilled.length, { labels: unfilledLabels.join(", ") })
      : t("all_filled");
    status.classList.toggle("pb-status--warning", message.unfilled.length > 0);
    subject.hidden = !message.subject;
    replace(subject, message.subject
      ? [h("strong", { text: t("subject_label") }), " ", ...messageNodes(message.subject, message.labels, t("unfilled_note"))]
      : []);
    replace(body, messageNodes(message.body, message.labels, t("unfilled_note")));
    replace(copyActions, [
      button(t("copy_message"), () => copy(message.bodyText, message.unfilled.length)),
      message.subject ? button(t("copy_subject"), () => copy(message.subjectText, 0)) : null,
    ]);
    copyStatus.textContent = "";
  }

  async function copy(text, unfilled) {
    const message = await copyMessage(text, unfilled, t);
    copyStatus.textContent = message;
    live.announce(message);
  }

  // Template pages link here with ?template=<id> (MkDocs' strict mode checks #anchors,
  // so a query carries the choice); #template=<id> is accepted too.
  function fromHash() {
    const match = HASH.exec(window.location.hash);
    const wanted = match ? match[1] : new URLSearchParams(window.location.search).get("template");
    if (wanted && templates.some((tpl) => tpl.id === wanted) && wanted !== state.template) {
      choose(wanted);
      saved.save(state);
    }
  }

  choose(state.template);
  fromHash();

  const flush = () => saveSoon.flush();
  window.addEventListener("hashchange", fromHash);
  window.addEventListener("pagehide", flush);
  return () => {
    flush();
    window.removeEventListener("hashchange", fromHash);
    window.removeEventListener("pagehide", flush);
  };
}
