/**
 * The relationship calculator: score one person on each component of the
 * formula, read what the result means, and compare the people you scored.
 */

import { button, debounce, field, h, liveRegion, replace, uid } from "../ui/dom.js";
import { savedBar, savedWork } from "../ui/saved.js";
import { translator } from "../lib/strings.js";
import { evaluate, principlesFor, readScores } from "../lib/formula.js";
import { cleanName, NAME_MAX, nameProblem, rankPeople } from "../lib/people.js";
import { calculatorSchema } from "../lib/schemas.js";
import { decide, decisionOf, fullName, networkSchema, peopleOf, personNamed } from "../lib/network.js";
import { NETWORK } from "../lib/sitestore.js";

const ROLES = ["exchange", "trust"];

/**
 * Mount the calculator.
 * @param {HTMLElement} el
 * @param {{site: object, formula: object, principles: object, strings: object}} data
 * @returns {() => void} cleanup
 */
export function mount(el, data) {
  const { formula, principles } = data;
  const t = translator(data.strings, data.site.language);
  const live = liveRegion();
  let state;
  const saved = savedWork({
    site: data.site, tool: "calculator", instance: "calculator", schema: calculatorSchema, t,
    announce: live.announce, getData: () => state,
  });
  state = saved.data;
  const saveSoon = debounce(() => saved.save(state), 400);
  // The people scored live in the network store that the connections audit shares: nobody is typed twice.
  let network;
  const networkSaved = savedWork({
    site: data.site, tool: NETWORK.tool, instance: NETWORK.instance, schema: networkSchema, t,
    announce: live.announce, getData: () => network,
  });
  network = networkSaved.data;
  const scored = () => peopleOf(network)
    .filter((c) => decisionOf(network, c.id).scores)
    .map((c) => ({ id: c.id, name: fullName(c), scores: decisionOf(network, c.id).scores }));
  const names = h("datalist", { id: uid("names") });
  // Errors show once a field has been typed in, not on a form nobody touched yet.
  const touched = new Set();

  const nameField = field({
    label: t("name_label"),
    hint: t("name_hint"),
    control: h("input", { type: "text", autocomplete: "off", maxLength: NAME_MAX, value: state.draft.name, attrs: { list: names.id } }),
  });
  nameField.wrap.append(names);
  replace(names, peopleOf(network).filter((c) => decisionOf(network, c.id).mark === "well" || decisionOf(network, c.id).mark === "little")
    .slice(0, 1000).map((c) => h("option", { value: fullName(c) })));
  nameField.control.addEventListener("input", () => {
    state.draft.name = nameField.control.value;
    nameField.setError("");
    saveSoon();
  });

  const scoreFields = {};
  const groups = ROLES.map((role) => {
    const components = formula.components.filter((c) => c.role === role);
    if (!components.length) return null;
    return h("fieldset", { class: "pb-fieldset" }, [
      h("legend", { text: t(`legend_${role}`) }),
      h("p", { class: "pb-hint", text: t(`legend_${role}_hint`) }),
      ...components.map((c) => {
        const f = field({
          label: c.label,
          hint: `${c.question} ${t("scale_hint", { min: c.min, max: c.max, low: c.low, high: c.high })}`,
          control: h("input", {
            type: "text", inputMode: "numeric", autocomplete: "off", class: "pb-score",
            value: state.draft.scores[c.id] || "", size: 4,
          }),
        });
        f.control.addEventListener("input", () => {
          touched.add(c.id);
          state.draft.scores[c.id] = f.control.value;
          update();
          announceSoon(c.id);
          saveSoon();
        });
        scoreFields[c.id] = f;
        return f.wrap;
      }),
    ]);
  });

  const resultHeading = h("h2", { id: uid("result"), text: t("result_heading") });
  const resultBody = h("div", { class: "pb-result__body" });
  const result = h("section", { class: "pb-result", attrs: { "aria-labelledby": resultHeading.id } }, [
    resultHeading,
    resultBody,
  ]);

  const saveStatus = h("p", { class: "pb-status" });
  const actions = h("div", { class: "pb-actions" }, [
    button(t("save_person"), savePersonNow),
    button(t("clear_form"), clearForm),
  ]);

  const peopleHeading = h("h2", { id: uid("people"), text: t("people_heading") });
  const peopleBody = h("div");
  // A problem with the shared store of people shows where the people are.
  networkSaved.notice.classList.replace("pb-notice", "pb-people-notice");
  const people = h("section", { class: "pb-people", attrs: { "aria-labelledby": peopleHeading.id } }, [
    peopleHeading,
    networkSaved.notice,
    peopleBody,
  ]);

  const bar = savedBar({
    t, announce: live.announce, site: data.site, tool: "calculator", instance: "calculator",
    schema: calculatorSchema, title: formula.title,
    getData: () => state,
    setData(next) {
      state = next;
      touched.clear();
      fillForm();
      saved.save(state);
    },
    clear() {
      saved.remove();
      state = calculatorSchema.empty();
      touched.clear();
      fillForm();
    },
  });

  replace(el, [
    saved.notice,
    h("p", { class: "pb-formula", text: formulaText() }),
    h("form", { class: "pb-form", attrs: { novalidate: true }, on: { submit: (e) => e.preventDefault() } }, [
      nameField.wrap,
      ...groups,
    ]),
    result,
    actions,
    saveStatus,
    people,
    bar,
    live.el,
  ]);

  function formulaText() {
    const labels = (role) => formula.components.filter((c) => c.role === role).map((c) => c.label);
    return t("formula_line", {
      exchange: labels("exchange").join(" + "),
      trust: labels("trust").join(" × "),
    });
  }

  function read() {
    return readScores(formula, state.draft.scores);
  }

  function showErrors(scores, all) {
    for (const c of formula.components) {
      const error = scores.errors[c.id];
      const visible = error && (all || touched.has(c.id));
      scoreFields[c.id].setError(visible ? t(`score_${error.code.replace(/-/g, "_")}`, { ...error.params, label: c.label }) : "");
    }
  }

  function update() {
    const scores = read();
    showErrors(scores, false);
    if (!scores.complete) {
      replace(resultBody, [h("p", { text: t("result_incomplete") })]);
      return null;
    }
    const e = evaluate(formula, scores.values);
    replace(resultBody, resultView(e));
    return e;
  }

  function resultView(e) {
    const part = (role) => formula.components.filter((c) => c.role === role).map((c) => e.shares.find((s) => s.id === c.id).value);
    const weakLabels = e.weakest.map((id) => formula.components.find((c) => c.id === id).label);
    const links = principlesFor(formula, e.weakest, principles);
    return [
      h("p", { class: "pb-result__total", text: t("result_total", { result: e.result, max: e.max.result }) }),
      h("p", { class: "pb-hint", text: t("result_sum", { exchange: part("exchange").join(" + "), trust: part("trust").join(" × "), result: e.result }) }),
      e.band
        ? h("div", { class: "pb-band" }, [
            h("h3", { text: e.band.label }),
            ...e.band.meaning.split(/\n\s*\n/).map((paragraph) => h("p", { text: paragraph })),
          ])
        : h("p", { text: t("result_no_band") }),
      h("h3", { text: t("shares_heading") }),
      h("ul", { class: "pb-shares" }, e.shares.map((s) =>
        h("li", {}, [
          h("span", { class: "pb-shares__label", text: t("share_line", { label: s.label, value: s.value, max: s.max }) }),
          h("span", { class: "pb-bar", attrs: { "aria-hidden": "true" } }, [
            h("span", { class: "pb-bar__fill", style: { width: `${Math.round(s.share * 100)}%` } }),
          ]),
        ]),
      )),
      h("p", { class: "pb-weakest", text: t.plural("weakest", weakLabels.length, { labels: weakLabels.join(", ") }) }),
      links.length
        ? h("div", {}, [
            h("p", { text: t("raise_it") }),
            h("ul", {}, links.map((p) => h("li", {}, [h("a", { href: p.url, text: p.title })]))),
          ])
        : null,
    ];
  }

  const announceSoon = debounce((id) => {
    const scores = read();
    const error = scores.errors[id];
    if (error) {
      live.announce(scoreFields[id].error.textContent);
      return;
    }
    if (!scores.complete) return;
    const e = evaluate(formula, scores.values);
    live.announce(t("result_announce", { result: e.result, max: e.max.result, band: e.band ? e.band.label : "" }));
  }, 800);

  function savePersonNow() {
    const problem = nameProblem(state.draft.name);
    const scores = read();
    showErrors(scores, true);
    nameField.setError(problem ? t(problem.replace(/-/g, "_"), { max: NAME_MAX }) : "");
    if (problem || !scores.complete) {
      const first = problem ? nameField.control : scoreFields[Object.keys(scores.errors)[0]].control;
      first.focus();
      live.announce(t("save_needs_fixes"));
      return;
    }
    const id = personNamed(network, cleanName(state.draft.name));
    const updated = Boolean(decisionOf(network, id).scores);
    decide(network, id, { scores: { ...scores.values } });
    network.changed = new Date().toISOString();
    networkSaved.save(network);
    saved.save(state);
    renderPeople();
    const name = state.draft.name.trim();
    const message = updated ? t("person_updated", { name }) : t("person_saved", { name });
    saveStatus.textContent = message;
    live.announce(message);
  }

  function clearForm() {
    state.draft = { name: "", scores: {} };
    touched.clear();
    fillForm();
    saved.save(state);
    nameField.control.focus();
  }

  function fillForm() {
    nameField.control.value = state.draft.name;
    nameField.setError("");
    for (const c of formula.components) scoreFields[c.id].control.value = state.draft.scores[c.id] || "";
    saveStatus.textContent = "";
    update();
    renderPeople();
  }

  function editPerson(person) {
    state.draft = { name: person.name, scores: Object.fromEntries(Object.entries(person.scores).map(([k, v]) => [k, String(v)])) };
    for (const c of formula.components) touched.add(c.id);
    fillForm();
    saved.save(state);
    nameField.control.focus();
    live.announce(t("person_editing", { name: person.name }));
  }

  function deletePerson(person) {
    decide(network, person.id, { scores: undefined });
    network.changed = new Date().toISOString();
    networkSaved.save(network);
    renderPeople();
    live.announce(t("person_removed", { name: person.name }));
    peopleHeading.setAttribute("tabindex", "-1");
    peopleHeading.focus();
  }

  function renderPeople() {
    const people = scored();
    if (!people.length) {
      replace(peopleBody, [h("p", { text: t("people_empty") })]);
      return;
    }
    const captionId = uid("caption");
    const rows = rankPeople(formula, people);
    const table = h("table", { class: "pb-table" }, [
      h("caption", { id: captionId, text: t("people_caption") }),
      h("thead", {}, [h("tr", {}, [
        h("th", { scope: "col", text: t("col_name") }),
        ...formula.components.map((c) => h("th", { scope: "col", text: c.label })),
        h("th", { scope: "col", text: t("col_result") }),
        h("th", { scope: "col", text: t("col_band") }),
        h("th", { scope: "col", text: t("col_actions") }),
      ])]),
      h("tbody", {}, rows.map(({ person, evaluation }) => h("tr", {}, [
        h("th", { scope: "row", text: person.name }),
        ...formula.components.map((c) => h("td", { text: t("share_cell", { value: person.scores[c.id] ?? "", max: c.max }) })),
        h("td", { text: evaluation ? t("share_cell", { value: evaluation.result, max: evaluation.max.result }) : t("needs_rescoring") }),
        h("td", { text: evaluation && evaluation.band ? evaluation.band.label : "" }),
        h("td", { class: "pb-row-actions" }, [
          button(t("edit_person"), () => editPerson(person), { attrs: { "aria-label": t("edit_person_named", { name: person.name }) } }),
          button(t("remove_person"), () => deletePerson(person), { attrs: { "aria-label": t("remove_person_named", { name: person.name }) } }),
        ]),
      ]))),
    ]);
    replace(peopleBody, [
      h("p", { class: "pb-hint", text: t.plural("people_count", rows.length) }),
      h("div", { class: "pb-table-wrap", tabIndex: 0, attrs: { role: "region", "aria-labelledby": captionId } }, [table]),
    ]);
  }

  for (const c of formula.components) if (state.draft.scores[c.id]) touched.add(c.id);
  update();
  renderPeople();

  const flush = () => saveSoon.flush();
  window.addEventListener("pagehide", flush);
  return () => {
    flush();
    announceSoon.cancel();
    window.removeEventListener("pagehide", flush);
  };
}
