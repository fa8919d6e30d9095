/**
 * A worksheet as a form: sections of questions (text, long text, scale,
 * choice, table) filled in on screen, saved in this browser, and printed
 * with the answers, or with blank lines where there are none.
 */

import { browserStorage, button, debounce, field, h, liveRegion, replace, uid } from "../ui/dom.js";
import { createNetwork } from "../ui/network.js";
import { savedBar, savedWork } from "../ui/saved.js";
import { translator } from "../lib/strings.js";
import { worksheetSchema } from "../lib/schemas.js";
import { createStore, storageKey } from "../lib/storage.js";
import { decisionOf, fullName, networkSchema, peopleOf } from "../lib/network.js";
import { NETWORK } from "../lib/sitestore.js";

const MAX_TABLE_ROWS = 100;
const MAX_PEOPLE_OFFERED = 2000;

/**
 * The names of the people the tools keep, those the user knows first, for a
 * field that asks for a person (read only: the audit and the calculator own them).
 * @param {{id: string}} site
 * @returns {string[]}
 */
function knownNames(site) {
  const loaded = createStore(browserStorage(), storageKey(site.id, NETWORK.tool, NETWORK.instance), networkSchema).load();
  if (loaded.status !== "ok") return [];
  const rank = { well: 0, little: 1 };
  const people = peopleOf(loaded.data).map((c) => [fullName(c), rank[decisionOf(loaded.data, c.id).mark] ?? 2]).filter(([name]) => name);
  people.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
  return [...new Set(people.map(([name]) => name))].slice(0, MAX_PEOPLE_OFFERED);
}

/**
 * Mount a worksheet.
 * @param {HTMLElement} el
 * @param {{site: object, worksheet: object, strings: object}} data  the connections audit's data too
 *   (next_steps, rules, situations, follow_up) when the worksheet has that tool.
 * @returns {() => void} cleanup
 */
export function mount(el, data) {
  const { worksheet } = data;
  const t = translator(data.strings, data.site.language);
  const live = liveRegion();
  let state;
  const saved = savedWork({
    site: data.site, tool: "worksheet", instance: worksheet.id, schema: worksheetSchema, t,
    announce: live.announce, getData: () => state,
  });
  state = saved.data;
  const saveSoon = debounce(() => saved.save(state), 400);

  const audit = worksheet.tool === "connections-audit" ? createNetwork({ site: data.site, data, t, announce: live.announce }) : null;

  // Fields that ask for a person offer the people already kept: nobody is typed twice.
  const wantsPeople = worksheet.sections.some((s) => s.fields.some((f) => f.people));
  const peopleList = wantsPeople ? h("datalist", { id: uid("people") }, knownNames(data.site).map((name) => h("option", { value: name }))) : null;

  // Each field knows how to show a value again after an import or a clear.
  const fillers = [];
  const form = h("form", { class: "pb-form pb-worksheet", attrs: { novalidate: true }, on: { submit: (e) => e.preventDefault() } },
    worksheet.sections.map(section));

  const bar = savedBar({
    t, announce: live.announce, site: data.site, tool: "worksheet", instance: worksheet.id,
    schema: worksheetSchema, title: worksheet.title,
    // With the connections audit on the page, its reminder at the top is the one.
    remind: !audit,
    getData: () => state,
    setData(next) {
      state = next;
      saved.save(state);
      refill();
    },
    clear() {
      saved.remove();
      state = worksheetSchema.empty();
      refill();
    },
  });

  const paper = [
    form,
    h("div", { class: "pb-actions pb-print-action" }, [button(t("print_button"), () => window.print())]),
    bar,
  ];
  // With the connections audit on the page, the worksheet's own questions are the paper version, folded away.
  replace(el, [
    saved.notice,
    peopleList,
    audit ? audit.el : null,
    ...(audit ? [h("details", { class: "pb-paper" }, [h("summary", { text: t("paper_questions") }), ...paper])] : paper),
    live.el,
  ]);

  function answer(id) {
    return state.answers[id];
  }

  function setAnswer(id, value) {
    state.answers[id] = value;
    saveSoon();
  }

  function refill() {
    for (const fill of fillers) fill();
  }

  function section(s) {
    const headingId = uid("section");
    return h("fieldset", { class: "pb-fieldset pb-ws-section" }, [
      h("legend", {}, [h("h2", { id: headingId, class: "pb-ws-section__title", text: s.title })]),
      ...(s.intro ? s.intro.split(/\n\s*\n/).map((p) => h("p", { class: "pb-hint", text: p })) : []),
      ...s.fields.map(fieldFor),
    ]);
  }

  function fieldFor(f) {
    if (f.kind === "text" || f.kind === "long-text") return textField(f);
    if (f.kind === "scale" || f.kind === "choice") return choiceField(f);
    if (f.kind === "table") return tableField(f);
    return h("p", { class: "pb-error", text: t("unknown_field", { kind: f.kind }) });
  }

  function textField(f) {
    const long = f.kind === "long-text";
    const control = long ? h("textarea", { rows: 4 })
      : h("input", { type: "text", autocomplete: "off", attrs: { list: f.people && peopleList ? peopleList.id : null } });
    const print = h("div", { class: `pb-print-answer${long ? " pb-print-answer--long" : ""}`, attrs: { "aria-hidden": "true" } });
    const fill = () => {
      const value = typeof answer(f.id) === "string" ? answer(f.id) : "";
      control.value = value;
      print.textContent = value;
    };
    control.addEventListener("input", () => {
      setAnswer(f.id, control.value);
      print.textContent = control.value;
    });
    fillers.push(fill);
    fill();
    const built = field({ label: f.label, hint: f.help, control });
    built.wrap.append(print);
    return built.wrap;
  }

  function choiceField(f) {
    const values = f.kind === "scale"
      ? Array.from({ length: f.scale[1] - f.scale[0] + 1 }, (_, i) => String(f.scale[0] + i))
      : f.options;
    const name = uid(`choice-${f.id}`);
    const hint = f.help ? h("p", { class: "pb-hint", id: uid("hint"), text: f.help }) : null;
    const radios = values.map((value) => h("input", { type: "radio", name, value, id: uid("option") }));
    const fill = () => {
      for (const radio of radios) radio.checked = radio.value === answer(f.id);
    };
    for (const radio of radios) {
      radio.addEventListener("change", () => {
        if (radio.checked) setAnswer(f.id, radio.value);
      });
    }
    fillers.push(fill);
    fill();
    return h("fieldset", {
      class: `pb-fieldset pb-choice${f.kind === "scale" ? " pb-choice--scale" : ""}`,
      attrs: { "aria-describedby": hint ? hint.id : null },
    }, [
      h("legend", { class: "pb-label", text: f.label }),
      hint,
      h("div", { class: "pb-choice__options" }, radios.map((radio) =>
        h("div", { class: "pb-choice__option" }, [radio, h("label", { htmlFor: radio.id, text: radio.value })]))),
      button(t("clear_answer"), () => {
        delete state.answers[f.id];
        fill();
        saveSoon();
        live.announce(t("answer_cleared", { label: f.label }));
      }, { class: "pb-button pb-button--small", attrs: { "aria-label": t("clear_answer_named", { label: f.label }) } }),
    ]);
  }

  function tableField(f) {
    const captionId = uid("caption");
    const body = h("tbody");
    const rowsOf = () => {
      const value = answer(f.id);
      const rows = Array.isArray(value) ? value.map((r) => f.columns.map((_, k) => r[k] || "")) : [];
      while (rows.length < f.rows) rows.push(f.columns.map(() => ""));
      return rows;
    };
    let rows = rowsOf();
    const store = () => setAnswer(f.id, rows.map((r) => r.slice()));

    const fill = () => {
      rows = rowsOf();
      replace(body, rows.map((cells, r) => h("tr", {}, cells.map((value, k) => {
        const id = uid("cell");
        const input = h("input", { type: "text", id, value, autocomplete: "off", attrs: { list: f.people && k === 0 && peopleList ? peopleList.id : null } });
        const print = h("span", { class: "pb-print-answer pb-print-answer--cell", text: value, attrs: { "aria-hidden": "true" } });
        input.addEventListener("input", () => {
          rows[r][k] = input.value;
          print.textContent = input.value;
          store();
        });
        return h("td", {}, [
          h("label", { class: "pb-sr", htmlFor: id, text: t("table_cell_label", { column: f.columns[k], row: r + 1 }) }),
          input,
          print,
        ]);
      }))));
      removeButton.disabled = rows.length <= f.rows;
      addButton.disabled = rows.length >= MAX_TABLE_ROWS;
    };
    const addButton = button(t("add_row"), () => {
      rows.push(f.columns.map(() => ""));
      store();
      fill();
      const first = body.lastElementChild.querySelector("input");
      first.focus();
      live.announce(t("row_added", { label: f.label, count: rows.length }));
    });
    const removeButton = button(t("remove_row"), () => {
      rows.pop();
      store();
      fill();
      live.announce(t("row_removed", { label: f.label, count: rows.length }));
    });
    fillers.push(fill);
    fill();
    return h("div", { class: "pb-field pb-table-field" }, [
      h("div", { class: "pb-table-wrap", tabIndex: 0, attrs: { role: "region", "aria-labelledby": captionId } }, [
        h("table", { class: "pb-table pb-ws-table" }, [
          h("caption", { id: captionId, text: f.label }),
          h("thead", {}, [h("tr", {}, f.columns.map((c) => h("th", { scope: "col", text: c })))]),
          body,
        ]),
      ]),
      f.help ? h("p", { class: "pb-hint", text: f.help }) : null,
      h("div", { class: "pb-actions" }, [addButton, removeButton]),
    ]);
  }

  el.dataset.pbPrint = "worksheet";
  const flush = () => saveSoon.flush();
  window.addEventListener("pagehide", flush);
  return () => {
    flush();
    if (audit) audit.cleanup();
    window.removeEventListener("pagehide", flush);
  };
}
