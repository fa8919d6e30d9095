/**
 * The connections audit inside the network-audit worksheet: import LinkedIn's
 * Connections.csv (read here, never uploaded), mark each connection, find
 * them again, and write to the people you don't really know.
 */

import { button, debounce, downloadFile, field, h, readFileText, replace, uid } from "./dom.js";
import { copyMessage, messageNodes } from "./message.js";
import { savedWork } from "./saved.js";
import {
  auditRows,
  countMarks,
  filterConnections,
  fortifyList,
  MARKS,
  packConnections,
  pageOf,
  personValues,
  searchText,
  sharedPlaceholders,
  unpackConnections,
} from "../lib/audit.js";
import { importConnections } from "../lib/linkedin.js";
import { toCSV } from "../lib/csv.js";
import { composeMessage, placeholderNames } from "../lib/template.js";
import { connectionsSchema } from "../lib/schemas.js";

const PAGE_SIZE = 50;
const FORTIFY_PAGE_SIZE = 10;
const MAX_FILE_BYTES = 50 * 1024 * 1024;
const SUMMARY_DETAILS = 20;

/**
 * Build the audit.
 * @param {{site: object, worksheet: object, template: object | null, t: Function,
 *   announce: (text: string) => void, state: () => {marks: object, shared: object},
 *   changed: () => void}} options
 *   state() gives the worksheet's saved state, whose marks and shared values
 *   the audit edits in place; changed() asks the worksheet to save it.
 */
export function createAudit({ site, worksheet, template, t, announce, state, changed }) {
  const dates = new Intl.DateTimeFormat(site.language, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
  const months = new Intl.DateTimeFormat(site.language, { year: "numeric", month: "long", timeZone: "UTC" });
  const asDate = (iso, format) => format.format(new Date(`${iso}T00:00:00Z`));

  let list = connectionsSchema.empty();
  const saved = savedWork({
    site, tool: "connections", instance: worksheet.id, schema: connectionsSchema, t, announce,
    getData: () => list,
  });
  list = saved.data;
  let connections = unpackConnections(list.rows);
  let texts = connections.map(searchText);
  let filtered = connections;
  let page = 1;
  let fortifyPage = 1;

  const fileInput = h("input", { type: "file", accept: ".csv,text/csv", class: "pb-file" });
  const fileField = field({ label: t("audit_file_label"), hint: t("audit_file_hint"), control: fileInput });
  fileInput.addEventListener("change", () => {
    const file = fileInput.files && fileInput.files[0];
    if (file) importFile(file);
  });
  const summary = h("div", { class: "pb-import-summary" });

  const counts = h("p", { class: "pb-counts" });
  const search = h("input", { type: "search", autocomplete: "off" });
  const searchField = field({ label: t("audit_search_label"), control: search });
  const markFilter = h("select", {}, [
    h("option", { value: "all", text: t("audit_filter_all") }),
    h("option", { value: "none", text: t("audit_filter_none") }),
    ...MARKS.map((m) => h("option", { value: m, text: t(`mark_${m}`) })),
  ]);
  const filterField = field({ label: t("audit_filter_label"), control: markFilter });
  const shown = h("p", { class: "pb-status", id: uid("shown") });
  const tableBody = h("tbody");
  const captionId = uid("caption");
  const table = h("table", { class: "pb-table pb-connections" }, [
    h("caption", { id: captionId, text: t("audit_table_caption") }),
    h("thead", {}, [h("tr", {}, [
      h("th", { scope: "col", text: t("col_person") }),
      h("th", { scope: "col", text: t("col_company") }),
      h("th", { scope: "col", text: t("col_position") }),
      h("th", { scope: "col", text: t("col_connected") }),
      h("th", { scope: "col", text: t("col_mark") }),
    ])]),
    tableBody,
  ]);
  const pager = h("div", { class: "pb-pager" });
  const listPart = h("div", { class: "pb-audit__list" }, [
    counts,
    h("div", { class: "pb-filters" }, [searchField.wrap, filterField.wrap]),
    shown,
    h("div", { class: "pb-table-wrap", tabIndex: 0, attrs: { role: "region", "aria-labelledby": captionId } }, [table]),
    pager,
    h("div", { class: "pb-actions" }, [button(t("audit_export_csv"), exportCSV)]),
  ]);

  const fortifyHeading = h("h3", { id: uid("fortify"), text: t("fortify_heading") });
  const fortifyBody = h("div");
  const sharedNames = template ? sharedPlaceholders(placeholderNames(template)) : [];
  const labels = template ? Object.fromEntries(template.placeholders.map((p) => [p.name, p.label])) : {};
  const sharedFields = sharedNames.map((name) => {
    const f = field({
      label: labels[name] || name,
      control: h("input", { type: "text", autocomplete: "off", value: state().shared[name] || "" }),
    });
    f.control.addEventListener("input", () => {
      state().shared[name] = f.control.value;
      renderFortifySoon();
      changed();
    });
    return f;
  });
  const fortify = h("section", { class: "pb-fortify", attrs: { "aria-labelledby": fortifyHeading.id } }, [
    fortifyHeading,
    h("p", { text: t("fortify_intro") }),
    template
      ? h("p", {}, [t("fortify_template"), " ", h("a", { href: template.url, text: template.title })])
      : null,
    sharedFields.length
      ? h("fieldset", { class: "pb-fieldset" }, [h("legend", { text: t("fortify_shared_legend") }), ...sharedFields.map((f) => f.wrap)])
      : null,
    fortifyBody,
  ]);

  const headingId = uid("audit");
  const el = h("section", { class: "pb-audit", attrs: { "aria-labelledby": headingId } }, [
    h("h2", { id: headingId, text: t("audit_heading") }),
    h("p", { text: t("audit_intro") }),
    h("p", { class: "pb-hint", text: t("audit_private") }),
    saved.notice,
    fileField.wrap,
    summary,
    listPart,
    fortify,
  ]);

  const applySearch = debounce(() => {
    applyFilter();
    announce(shown.textContent);
  }, 250);
  search.addEventListener("input", applySearch);
  markFilter.addEventListener("change", () => {
    applyFilter();
    announce(shown.textContent);
  });

  async function importFile(file) {
    if (file.size > MAX_FILE_BYTES) {
      fail(t("audit_too_big"));
      return;
    }
    let text;
    try {
      text = await readFileText(file);
    } catch {
      fail(t("audit_unreadable"));
      return;
    }
    const result = importConnections(text);
    fileInput.value = "";
    if (!result.ok) {
      fail(result.error === "empty" ? t("audit_empty_file") : t("audit_not_connections"));
      return;
    }
    fileField.setError("");
    connections = result.connections;
    texts = connections.map(searchText);
    list = { file: file.name, imported: new Date().toISOString(), fields: list.fields, rows: packConnections(connections) };
    search.value = "";
    markFilter.value = "all";
    page = 1;
    fortifyPage = 1;
    renderSummary(result, file.name);
    render();
    announce(summaryText(result, file.name));
    // Writing a large list to storage takes a moment: let the list show first.
    requestAnimationFrame(() => setTimeout(() => saved.save(list), 0));
  }

  function fail(message) {
    fileInput.value = "";
    fileField.setError(message);
    announce(message);
  }

  function summaryText(result, name) {
    const parts = [t.plural("audit_imported", result.connections.length, { file: name })];
    if (result.skipped.length) parts.push(t.plural("audit_skipped", result.skipped.length));
    if (result.warnings.length) parts.push(t.plural("audit_bad_dates", result.warnings.length));
    return parts.join(" ");
  }

  function renderSummary(result, name) {
    const details = [
      ...result.skipped.map((s) => t(`skip_${s.reason.replace(/-/g, "_")}`, { line: s.line, detail: s.detail || "" })),
      ...result.warnings.map((w) => t("warn_bad_date", { line: w.line, value: w.value })),
    ];
    const missing = result.missing.filter((f) => f !== "email");
    replace(summary, [
      h("p", { text: summaryText(result, name) }),
      missing.length
        ? h("p", { text: t("audit_missing_columns", { columns: missing.map((f) => t(`column_${f}`)).join(", ") }) })
        : null,
      details.length
        ? h("details", {}, [
            h("summary", { text: t("audit_details") }),
            h("ul", {}, details.slice(0, SUMMARY_DETAILS).map((line) => h("li", { text: line }))),
            details.length > SUMMARY_DETAILS ? h("p", { text: t.plural("audit_more", details.length - SUMMARY_DETAILS) }) : null,
          ])
        : null,
    ]);
  }

  function applyFilter() {
    filtered = filterConnections(connections, texts, state().marks, { query: search.value, mark: markFilter.value });
    page = 1;
    renderList();
  }

  function renderCounts() {
    const c = countMarks(connections, state().marks);
    counts.textContent = t.plural("audit_counts", c.total, {
      well: t.number(c.well), recruiter: t.number(c.recruiter), unknown: t.number(c.unknown), none: t.number(c.none),
    });
  }

  function renderList() {
    const view = pageOf(filtered, page, PAGE_SIZE);
    page = view.page;
    shown.textContent = view.total
      ? t("audit_shown", { from: t.number(view.from), to: t.number(view.to), total: t.number(view.total) })
      : t("audit_none_shown");
    replace(tableBody, view.items.map(row));
    replace(pager, pagerControls(view, turn));
  }

  function pagerControls(view, onTurn) {
    if (view.pages < 2) return [];
    return [
      button(t("page_previous"), () => onTurn(-1), { disabled: view.page === 1 }),
      h("span", { text: t("page_of", { page: t.number(view.page), pages: t.number(view.pages) }) }),
      button(t("page_next"), () => onTurn(1), { disabled: view.page === view.pages }),
    ];
  }

  function turn(step) {
    page += step;
    renderList();
    announce(`${pager.querySelector("span").textContent}. ${shown.textContent}`);
    table.querySelector("caption").scrollIntoView({ block: "nearest" });
  }

  function personName(c) {
    const name = `${c.first_name} ${c.last_name}`.trim();
    return name || t("no_name");
  }

  function profileLink(c) {
    // Only a LinkedIn profile address becomes a link: an imported file must
    // not be able to put a javascript: or other address on the page.
    return /^https:\/\/([a-z]{2,3}\.|www\.)?linkedin\.com\/in\//i.test(c.url)
      ? h("a", { href: c.url, text: personName(c), rel: "noopener noreferrer" })
      : personName(c);
  }

  function row(c) {
    const select = h("select", { class: "pb-mark" }, [
      h("option", { value: "", text: t("mark_none") }),
      ...MARKS.map((m) => h("option", { value: m, text: t(`mark_${m}`) })),
    ]);
    select.value = state().marks[c.id] || "";
    select.id = uid("mark");
    select.addEventListener("change", () => {
      if (select.value) state().marks[c.id] = select.value;
      else delete state().marks[c.id];
      changed();
      renderCounts();
      renderFortify();
    });
    return h("tr", {}, [
      h("th", { scope: "row" }, [profileLink(c)]),
      h("td", { text: c.company }),
      h("td", { text: c.position }),
      h("td", { text: c.connected_on ? asDate(c.connected_on, dates) : "" }),
      h("td", {}, [
        h("label", { class: "pb-sr", htmlFor: select.id, text: t("audit_mark_label", { name: personName(c) }) }),
        select,
      ]),
    ]);
  }

  function renderFortify() {
    const people = fortifyList(connections, state().marks);
    if (!people.length) {
      replace(fortifyBody, [h("p", { text: t("fortify_empty") })]);
      return;
    }
    const view = pageOf(people, fortifyPage, FORTIFY_PAGE_SIZE);
    fortifyPage = view.page;
    replace(fortifyBody, [
      h("p", { class: "pb-status", text: t.plural("fortify_count", view.total) }),
      h("ol", { class: "pb-fortify__list", start: view.from }, view.items.map(fortifyItem)),
      h("div", { class: "pb-pager" }, pagerControls(view, turnFortify)),
    ]);
  }
  const renderFortifySoon = debounce(renderFortify, 200);

  function turnFortify(step) {
    fortifyPage += step;
    renderFortify();
    fortifyHeading.setAttribute("tabindex", "-1");
    fortifyHeading.focus();
  }

  function fortifyItem(c) {
    const name = personName(c);
    const details = [c.position, c.company].filter(Boolean).join(", ");
    const parts = [h("h4", { text: details ? `${name} (${details})` : name })];
    if (template) {
      const message = composeMessage(template, personValues(c, state().shared, (iso) => asDate(iso, months)));
      const status = h("p", { class: "pb-status" });
      parts.push(
        message.subject
          ? h("p", { class: "pb-subject" }, [h("strong", { text: t("subject_label") }), " ", ...messageNodes(message.subject, message.labels, t("unfilled_note"))])
          : null,
        h("div", { class: "pb-message", attrs: { role: "group", "aria-label": t("message_to", { name }) } },
          messageNodes(message.body, message.labels, t("unfilled_note"))),
        button(t("copy_message"), async () => {
          status.textContent = await copyMessage(message.bodyText, message.unfilled.length, t);
          announce(status.textContent);
        }, { attrs: { "aria-label": t("copy_message_to", { name }) } }),
        status,
      );
    }
    return h("li", { class: "pb-fortify__item" }, parts);
  }

  function exportCSV() {
    const headings = ["first_name", "last_name", "url", "email", "company", "position", "connected_on"].map((f) => t(`column_${f}`));
    const markLabels = Object.fromEntries(MARKS.map((m) => [m, t(`mark_${m}`)]));
    const rows = auditRows(connections, state().marks, [...headings, t("col_mark")], markLabels);
    const name = `${worksheet.id}-${new Date().toISOString().slice(0, 10)}.csv`;
    // A byte-order mark makes spreadsheet programs read the file as UTF-8.
    downloadFile(name, `\ufeff${toCSV(rows)}`, "text/csv;charset=utf-8");
    announce(t("audit_csv_done", { file: name }));
  }

  function render() {
    listPart.hidden = connections.length === 0;
    fortify.hidden = connections.length === 0;
    const marked = Object.keys(state().marks).length;
    if (connections.length && !summary.childNodes.length && list.file) {
      replace(summary, [h("p", { text: t.plural("audit_loaded", connections.length, { file: list.file }) })]);
    } else if (!connections.length && marked) {
      // The list was too large to keep (or was removed) while the marks were kept.
      replace(summary, [h("p", { class: "pb-status--warning", text: t.plural("audit_reimport", marked) })]);
    }
    renderCounts();
    applyFilter();
    renderFortify();
  }

  render();

  return {
    el,
    /** The imported list, for the worksheet's export file (undefined when none). */
    exportData: () => (connections.length ? list : undefined),
    /** Take the list from an imported file, or none. */
    importData(next) {
      list = next || connectionsSchema.empty();
      connections = unpackConnections(list.rows);
      texts = connections.map(searchText);
      if (next) saved.save(list);
      else saved.remove();
      replace(summary, []);
      render();
    },
    /** Forget the imported list. */
    clear() {
      saved.remove();
      list = connectionsSchema.empty();
      connections = [];
      texts = [];
      replace(summary, []);
      fileField.setError("");
      render();
    },
    /** The writer's values changed elsewhere (import, clear): show them. */
    refreshShared() {
      sharedNames.forEach((name, i) => {
        sharedFields[i].control.value = state().shared[name] || "";
      });
      render();
    },
    cleanup() {
      applySearch.cancel();
      renderFortifySoon.cancel();
    },
  };
}
