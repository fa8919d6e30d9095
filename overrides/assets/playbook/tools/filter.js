/**
 * A filter over an index page's list: time needed, way of working and
 * level. Without JavaScript the list is there in full, each entry with its
 * method in words; this tool adds the controls, hides what does not match
 * and says (in a live region) how many entries are shown.
 */

import { button, h, liveRegion, replace, uid } from "../ui/dom.js";
import { translator } from "../lib/strings.js";
import { shown, timeChoices } from "../lib/filter.js";

/**
 * Mount the filter.
 * @param {HTMLElement} el
 * @param {{site: object, strings: object, list: string, items: Array<{id: string, method: object | null}>,
 *   groups: Array<[string, string]>, levels: Array<[string, string]>}} data
 * @returns {() => void} cleanup
 */
export function mount(el, data) {
  const t = translator(data.strings, data.site.language);
  const list = document.getElementById(data.list);
  if (!list) throw new Error(`the list #${data.list} is missing`);
  const rows = data.items.map((item) => list.querySelector(`[data-pb-item="${CSS.escape(item.id)}"]`));
  const methods = data.items.map((item) => item.method);
  const live = liveRegion();

  const select = (label, options) => {
    const control = h("select", { id: uid("filter") }, [
      h("option", { value: "", text: options.any }),
      ...options.values.map(([value, text]) => h("option", { value: String(value), text })),
    ]);
    const wrap = h("div", { class: "pb-filter-field" }, [h("label", { htmlFor: control.id, text: label }), control]);
    return { control, wrap };
  };
  const time = select(t("filter_time"), {
    any: t("filter_any_time"),
    values: timeChoices(methods).map((limit) => [limit, t("filter_up_to", { minutes: limit })]),
  });
  const group = select(t("filter_group"), { any: t("filter_any_group"), values: data.groups });
  const level = select(t("filter_level"), { any: t("filter_any_level"), values: data.levels });
  const count = h("p", { class: "pb-filter-count", attrs: { "aria-hidden": "true" } });
  const reset = button(t("filter_reset"), () => {
    for (const field of [time, group, level]) field.control.value = "";
    apply(true);
  });

  function apply(announce) {
    const criteria = {
      minutes: time.control.value ? Number(time.control.value) : null,
      group: group.control.value,
      level: level.control.value,
    };
    const visible = shown(methods, criteria);
    visible.forEach((on, index) => {
      if (rows[index]) rows[index].hidden = !on;
    });
    const number = visible.filter(Boolean).length;
    const text = number
      ? t("filter_count", { shown: number, total: visible.length })
      : t("filter_none", { total: visible.length });
    count.textContent = text;
    if (announce) live.announce(text);
  }

  for (const field of [time, group, level]) field.control.addEventListener("change", () => apply(true));
  const legend = h("legend", { text: t("filter_legend") });
  replace(el, [
    h("fieldset", { class: "pb-filter" }, [legend, time.wrap, group.wrap, level.wrap, reset]),
    count,
    live.el,
  ]);
  apply(false);
  return () => {
    for (const row of rows) if (row) row.hidden = false;
  };
}
