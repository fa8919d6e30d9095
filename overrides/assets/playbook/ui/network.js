/**
 * The student's path, inside the network-audit worksheet: import LinkedIn's
 * Connections.csv (read here, never uploaded), mark each person with one tap
 * or key, answer the two questions, get next steps with the message to send
 * (composed and checked in place), a LAMP list of target employers, and a
 * follow-up plan with a calendar file. Everything is kept in the one network
 * store that the other tools read too.
 */

import { button, debounce, downloadFile, field, h, replace, uid } from "./dom.js";
import { exportReminder, savedBar, savedWork } from "./saved.js";
import { createComposer } from "./compose.js";
import { importConnections } from "../lib/linkedin.js";
import { decodeBytes } from "../lib/encoding.js";
import {
  decide, decisionOf, fullName, markAll, MARKS, networkSchema, peopleInSteps, peopleOf, takeImport,
} from "../lib/network.js";
import { filterPeople, indexConnections, progress, recount, yearsOf } from "../lib/triage.js";
import { byEmployer, employerKey, lampOrder, nextSteps } from "../lib/shortlist.js";
import { dueThisWeek, reminders, sentId } from "../lib/followup.js";
import { calendarFile } from "../lib/ics.js";
import { isISODate, localISODate } from "../lib/workdays.js";
import { NETWORK } from "../lib/sitestore.js";

const PAGE = 25;
const SHORTLIST_SHOWN = 10;
// The people to leave alone can be thousands: a page of them, not all (every extra node slows each tap).
const LEAVE_SHOWN = 50;
// Writing 5,000 people to storage takes a slow phone a moment: after a pause in the marking, when idle.
const SAVE_PAUSE = 1000;
// Reading saved people back costs a slow phone about 50 ms per thousand: five hundred per task.
const READ_STEP = 500;
const MAX_FILE_BYTES = 50 * 1024 * 1024;
const SUMMARY_DETAILS = 20;
const KEY_MARKS = { 1: "well", 2: "little", 3: "unknown", 4: "recruiter" };
const ENCODING_NOTES = { "windows-1252": "encoding_latin", "utf-16le": "encoding_utf_sixteen", "utf-16be": "encoding_utf_sixteen" };

/**
 * Build the student's path.
 * @param {{site: object, data: object, t: Function, announce: (text: string) => void}} options
 */
export function createNetwork({ site, data, t, announce }) {
  const steps = Object.fromEntries((data.next_steps || []).map((s) => [s.step, s]));
  const timing = data.follow_up;
  const months = safeFormat(site.language, { year: "numeric", month: "long", timeZone: "UTC" });
  const days = safeFormat(site.language, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
  const today = () => localISODate(new Date());

  let network;
  const saved = savedWork({
    site, tool: NETWORK.tool, instance: NETWORK.instance, schema: networkSchema, t, announce, getData: () => network,
  });
  network = saved.data;
  let people = [];
  let index = [];
  let filtered = people;
  let shownCount = PAGE;
  // progress() of everyone, kept up to date mark by mark (null while the people are still being read back).
  let tally = null;
  // While saved people are read back a step per task: how to stop (a new import, a clear, leaving the page).
  let reading = null;
  const markOf = (id) => decisionOf(network, id).mark;

  const saveSoon = debounce(() => {
    saved.save(network);
    renderReminder();
  }, SAVE_PAUSE, { idle: true });
  // Leaving the page or hiding it (a phone's app switcher) writes what is pending.
  const flushSaves = () => saveSoon.flush();
  const flushHidden = () => {
    if (document.visibilityState === "hidden") saveSoon.flush();
  };
  window.addEventListener("pagehide", flushSaves);
  document.addEventListener("visibilitychange", flushHidden);
  // The reminder to export reads what the save noted, so it is refreshed after the save, not on every tap.
  function changed() {
    network.changed = new Date().toISOString();
    saveSoon();
  }

  // Import ---------------------------------------------------------------------------
  const fileInput = h("input", { type: "file", accept: ".csv,text/csv", class: "pb-file" });
  const fileField = field({ label: t("audit_file_label"), hint: t("audit_file_hint"), control: fileInput });
  const encodingNote = h("p", { class: "pb-status pb-status--warning", id: uid("encoding"), hidden: true });
  fileField.wrap.append(encodingNote);
  fileInput.addEventListener("change", () => {
    const file = fileInput.files && fileInput.files[0];
    if (file) importFile(file);
  });
  const summary = h("div", { class: "pb-import-summary" });

  // Triage ---------------------------------------------------------------------------
  const counts = h("p", { class: "pb-progress", attrs: { "aria-live": "off" } });
  const meter = h("progress", { class: "pb-meter", max: 1, value: 0, attrs: { "aria-hidden": "true" } });
  const nameFilter = h("input", { type: "search", autocomplete: "off" });
  const companyFilter = h("input", { type: "search", autocomplete: "off" });
  const positionFilter = h("input", { type: "search", autocomplete: "off" });
  const yearFilter = h("select");
  const markFilter = h("select", {}, [
    h("option", { value: "all", text: t("audit_filter_all") }),
    h("option", { value: "none", text: t("audit_filter_none") }),
    h("option", { value: "suggested", text: t("audit_filter_suggested") }),
    ...MARKS.map((m) => h("option", { value: m, text: t(`mark_${m}`) })),
  ]);
  const filters = h("div", { class: "pb-filters" }, [
    field({ label: t("filter_name"), control: nameFilter }).wrap,
    field({ label: t("filter_company"), control: companyFilter }).wrap,
    field({ label: t("filter_position"), control: positionFilter, hint: t("filter_position_hint") }).wrap,
    field({ label: t("filter_year"), control: yearFilter }).wrap,
    field({ label: t("audit_filter_label"), control: markFilter }).wrap,
  ]);
  const suggestion = h("div", { class: "pb-suggestion" });
  const bulkMark = h("select", {}, MARKS.map((m) => h("option", { value: m, text: t(`mark_${m}`) })));
  const bulkField = field({ label: t("bulk_label"), control: bulkMark });
  const bulkButton = button("", () => bulk(bulkMark.value));
  const bulkPart = h("div", { class: "pb-bulk" }, [bulkField.wrap, bulkButton]);
  const shown = h("p", { class: "pb-status" });
  const list = h("ul", { class: "pb-triage", attrs: { "aria-label": t("audit_table_caption") } });
  const more = button(t("show_more"), () => {
    shownCount += PAGE;
    renderList(true);
  });
  const keysHint = h("p", { class: "pb-hint", text: t("triage_keys") });

  // Shortlist, targets, plan ---------------------------------------------------------------
  const shortlistBody = h("div");
  const targetsBody = h("div");
  const planBody = h("div");
  const reminder = exportReminder({
    site, t, days: (iso) => days(iso.slice(0, 10)), onExport: () => bar.querySelector(".pb-everything-export").click(),
  });

  const section = (key, body, intro) => {
    const heading = h("h3", { id: uid(key), text: t(`${key}_heading`) });
    return h("section", { class: `pb-step pb-step--${key}`, attrs: { "aria-labelledby": heading.id } }, [
      heading,
      intro ? h("p", { class: "pb-hint", text: t(`${key}_intro`) }) : null,
      ...body,
    ]);
  };

  // On a phone the five filters would fill the screen before the first person: closed there, a tap opens them.
  const roomy = typeof window.matchMedia !== "function" || window.matchMedia("(min-width: 45em)").matches;
  const triagePart = section("triage", [counts, meter, keysHint, h("details", { class: "pb-filter-box", open: roomy }, [
    h("summary", { text: t("filters_heading") }), filters]), suggestion, shown, bulkPart, list, more], true);
  const shortlistPart = section("shortlist", [shortlistBody], true);
  const targetsPart = section("targets", [targetsBody], true);
  const planPart = section("plan", [planBody], true);

  const bar = savedBar({
    t, announce, site, tool: NETWORK.tool, instance: NETWORK.instance, schema: networkSchema, title: t("network_file_title"),
    remind: false,
    getData: () => network,
    onExport() {
      network.exported = new Date().toISOString();
      saved.save(network);
      renderReminder();
    },
    setData(next) {
      network = next;
      saved.save(network);
      reload();
    },
    clear() {
      saved.remove();
      network = networkSchema.empty();
      replace(summary, []);
      reload();
    },
  });

  const headingId = uid("audit");
  const el = h("section", { class: "pb-audit", attrs: { "aria-labelledby": headingId } }, [
    h("h2", { id: headingId, text: t("audit_heading") }),
    h("p", { text: t("audit_intro") }),
    h("p", { class: "pb-hint", text: t("audit_private") }),
    saved.notice,
    reminder.el,
    fileField.wrap,
    summary,
    triagePart,
    shortlistPart,
    targetsPart,
    planPart,
    bar,
  ]);

  const refilter = debounce(() => {
    applyFilter();
    announce(shown.textContent);
  }, 200);
  function filterNow() {
    applyFilter();
    announce(shown.textContent);
  }
  for (const input of [nameFilter, companyFilter, positionFilter]) input.addEventListener("input", refilter);
  for (const select of [yearFilter, markFilter]) {
    select.addEventListener("change", filterNow);
  }

  async function importFile(file) {
    if (file.size > MAX_FILE_BYTES) return fail(t("audit_too_big"));
    let bytes;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch {
      return fail(t("audit_unreadable"));
    }
    fileInput.value = "";
    const read = await readConnections(bytes);
    if (!read) return fail(t("audit_unreadable"));
    const { encoding, result } = read;
    if (read.people) result.connections = read.people;
    if (!result.ok) return fail(result.error === "empty" ? t("audit_empty_file") : t("audit_not_connections"));
    fileField.setError("");
    const note = encoding === "utf-8" ? "" : t(ENCODING_NOTES[encoding]);
    encodingNote.textContent = note;
    encodingNote.hidden = !note;
    fileInput.setAttribute("aria-describedby", `${fileInput.getAttribute("aria-describedby").replace(` ${encodingNote.id}`, "")}${note ? ` ${encodingNote.id}` : ""}`);
    await nextTask();
    takeImport(network, result.connections, file.name, new Date(), read.rows);
    // The worker's people and index are the store's when nobody was typed in besides.
    reload(true, read.people && !network.added.length ? { people: read.people, index: read.index } : null);
    renderSummary(result, file.name);
    announce([summaryText(result, file.name), note].filter(Boolean).join(" "));
    network.changed = new Date().toISOString();
    // Writing a large list to storage takes a moment: let the list show first.
    requestAnimationFrame(() => setTimeout(() => saved.save(network), 0));
    renderReminder();
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
      missing.length ? h("p", { text: t("audit_missing_columns", { columns: missing.map((f) => t(`column_${f}`)).join(", ") }) }) : null,
      details.length
        ? h("details", {}, [
            h("summary", { text: t("audit_details") }),
            h("ul", {}, details.slice(0, SUMMARY_DETAILS).map((line) => h("li", { text: line }))),
            details.length > SUMMARY_DETAILS ? h("p", { text: t.plural("audit_more", details.length - SUMMARY_DETAILS) }) : null,
          ])
        : null,
    ]);
  }

  // After an import or a bulk mark, the list shows first; the shortlist, targets and plan follow in
  // later tasks, after the frame that shows the list (a task queued at once could run before that frame).
  let later = 0;
  let laterFrame = 0;
  function cancelLater() {
    clearTimeout(later);
    cancelAnimationFrame(laterFrame);
    laterFrame = 0;
  }
  function renderAllAfterPaint() {
    cancelLater();
    laterFrame = requestAnimationFrame(() => {
      laterFrame = 0;
      later = setTimeout(renderAll, 0);
    });
  }
  function reload(listFirst = false, made = null) {
    stopReading();
    for (const input of [nameFilter, companyFilter, positionFilter]) input.value = "";
    markFilter.value = "all";
    const size = network.list.rows.length + network.added.length;
    triagePart.hidden = shortlistPart.hidden = size === 0;
    if (made) {
      people = made.people;
      index = made.index;
    } else if (size <= READ_STEP) {
      people = peopleOf(network);
      index = indexConnections(people);
    } else {
      readInSteps();
      return;
    }
    ready();
    if (listFirst) renderAllAfterPaint();
    else renderAll();
  }

  // Thousands of saved people: the first page shows after the first step, the rest is read a step per task,
  // so that the page answers a tap meanwhile; counts, "show more" and bulk marking wait for the whole list.
  function readInSteps() {
    const steps = peopleInSteps(network, READ_STEP);
    const token = { stopped: false };
    reading = token;
    tally = null;
    index = [];
    let first = true;
    const step = () => {
      if (token.stopped) return;
      const { done, value } = steps.next();
      if (!done) {
        people = value;
        index.push(...indexConnections(people.slice(index.length)));
        if (first) {
          first = false;
          applyFilter();
        }
        yieldToPage().then(step);
        return;
      }
      reading = null;
      const filtering = nameFilter.value || companyFilter.value || positionFilter.value || yearFilter.value || markFilter.value !== "all";
      ready(!filtering);
      renderAll();
    };
    step();
  }

  function stopReading() {
    if (reading) reading.stopped = true;
    reading = null;
  }

  // The list is whole: the years to filter by, the counts, and the list (kept when it already shows the right people).
  function ready(keepList = false) {
    const year = yearFilter.value;
    replace(yearFilter, [h("option", { value: "", text: t("filter_any_year") }), ...yearsOf(index).map((y) => h("option", { value: y, text: y }))]);
    yearFilter.value = year;
    if (people.length && !summary.childNodes.length && network.list.file) {
      replace(summary, [h("p", { text: t.plural("audit_loaded", people.length, { file: network.list.file }) })]);
    }
    tally = progress(people, index, markOf);
    if (keepList) {
      filtered = people;
      renderCounts();
    } else {
      applyFilter();
    }
  }

  function applyFilter() {
    // A pause in typing may still be pending: this reads every filter, so it answers that pause too.
    refilter.cancel();
    filtered = filterPeople(people, index, markOf, {
      name: nameFilter.value, company: companyFilter.value, position: positionFilter.value,
      year: yearFilter.value, mark: markFilter.value,
    });
    shownCount = PAGE;
    renderList(false);
  }

  let suggestedShown = -1;
  const suggestionText = document.createTextNode("");
  const suggestionLine = h("p", {}, [suggestionText, " ", button(t("suggested_show"), () => {
    markFilter.value = "suggested";
    bulkMark.value = "recruiter";
    filterNow();
  }, { class: "pb-button pb-button--small" })]);

  // Only what a mark changes: the counts, the meter, the suggestion line (never a pass over everyone).
  function renderProgress() {
    const c = tally;
    counts.textContent = c ? t("progress", { marked: t.number(c.marked), total: t.number(c.total) }) : "";
    meter.hidden = !c;
    if (!c) return;
    meter.max = Math.max(1, c.total);
    meter.value = c.marked;
    if (c.suggested === suggestedShown) return;
    suggestedShown = c.suggested;
    suggestionText.data = c.suggested ? t.plural("suggested_count", c.suggested) : "";
    replace(suggestion, c.suggested ? [suggestionLine] : []);
  }

  // "Showing 25 of 5,000", the bulk button and "show more", once the whole list is known.
  function renderCounts() {
    const whole = !reading;
    shown.textContent = !whole
      ? ""
      : filtered.length
        ? t("shown_count", { shown: t.number(Math.min(shownCount, filtered.length)), total: t.number(filtered.length) })
        : t("audit_none_shown");
    bulkButton.textContent = t.plural("bulk_apply", filtered.length);
    bulkPart.hidden = !whole || filtered.length === 0 || filtered.length === people.length;
    more.hidden = !whole || shownCount >= filtered.length;
    renderProgress();
  }

  function renderList(keepFocus) {
    const start = keepFocus ? list.children.length : 0;
    const rows = filtered.slice(start, shownCount).map(row);
    if (keepFocus) {
      rows.forEach((r) => list.append(r));
      if (rows[0]) rows[0].focus();
    } else {
      replace(list, rows);
    }
    renderCounts();
  }

  function personName(c) {
    return fullName(c) || t("no_name");
  }

  function profileLink(c) {
    // Only a LinkedIn profile address becomes a link: an imported file must
    // not be able to put a javascript: or other address on the page.
    return /^https:\/\/([a-z]{2,3}\.|www\.)?linkedin\.com\/in\//i.test(c.url)
      ? h("a", { href: c.url, text: personName(c), rel: "noopener noreferrer" })
      : personName(c);
  }

  function row(c) {
    const i = c.index;
    const name = personName(c);
    const details = [c.position, c.company].filter(Boolean).join(" · ");
    const year = c.connected_on ? c.connected_on.slice(0, 4) : "";
    const marks = h("div", { class: "pb-marks", attrs: { role: "group", "aria-label": t("audit_mark_label", { name }) } });
    const questions = h("div", { class: "pb-questions" });
    const item = h("li", { class: "pb-person", tabIndex: 0, dataset: { person: c.id }, attrs: { "aria-label": name } }, [
      h("p", { class: "pb-person__name" }, [h("strong", {}, [profileLink(c)])]),
      details || year ? h("p", { class: "pb-person__details", text: [details, year].filter(Boolean).join(" · ") }) : null,
      index[i] && index[i].recruiter && !markOf(c.id) ? h("p", { class: "pb-badge", text: t("suggested_recruiter") }) : null,
      marks,
      questions,
    ]);
    const buttons = MARKS.map((m) => button(t(`mark_short_${m}`), () => setMark(c, m, item), {
      class: "pb-button pb-mark-button", attrs: { "aria-pressed": "false" },
    }));
    marks.append(...buttons);
    // A mark changes the pressed button in place: the button tapped keeps its focus, nothing is built again.
    const paint = () => {
      const mark = markOf(c.id);
      buttons.forEach((b, k) => {
        b.classList.toggle("is-on", MARKS[k] === mark);
        b.setAttribute("aria-pressed", MARKS[k] === mark ? "true" : "false");
      });
      const badge = item.querySelector(".pb-badge");
      if (badge && mark) badge.remove();
      if (mark === "well" || mark === "little") replace(questions, [question(c, "them", name), question(c, "me", name)]);
      else if (questions.firstChild) replace(questions, []);
    };
    item.addEventListener("keydown", (event) => {
      if (event.target !== item && !event.target.classList.contains("pb-mark-button")) return;
      const mark = KEY_MARKS[event.key];
      if (mark) {
        event.preventDefault();
        setMark(c, mark, item, true);
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const next = event.key === "ArrowDown" ? item.nextElementSibling : item.previousElementSibling;
        if (next) next.focus();
      }
    });
    item.paint = paint;
    paint();
    return item;
  }

  function question(c, key, name) {
    const d = decisionOf(network, c.id);
    const label = t(`question_${key}`, { name: c.first_name || name });
    return h("div", { class: "pb-question", attrs: { role: "group", "aria-label": label } }, [
      h("span", { class: "pb-question__label", text: label }),
      ...["yes", "no"].map((answer) => button(t(`answer_${answer}`), () => {
        decide(network, c.id, { [key]: d[key] === answer ? undefined : answer });
        changed();
        const item = list.querySelector(`[data-person="${CSS.escape(c.id)}"]`);
        if (item) item.paint();
        const focusAgain = item && item.querySelector(`.pb-question:nth-of-type(${key === "them" ? 1 : 2}) button:nth-of-type(${answer === "yes" ? 1 : 2})`);
        if (focusAgain) focusAgain.focus();
        renderShortlistSoon();
      }, { class: `pb-button pb-button--small${d[key] === answer ? " is-on" : ""}`, attrs: { "aria-pressed": d[key] === answer ? "true" : "false" } })),
    ]);
  }

  function setMark(c, mark, item, advance = false) {
    const before = markOf(c.id);
    const next = before === mark && !advance ? undefined : mark;
    decide(network, c.id, { mark: next });
    changed();
    if (tally) recount(tally, before, next, Boolean(index[c.index] && index[c.index].recruiter));
    item.paint();
    renderProgress();
    announce(`${next ? t("marked_as", { name: personName(c), mark: t(`mark_${next}`) }) : t("unmarked", { name: personName(c) })} ${counts.textContent}`);
    if (advance && item.nextElementSibling) item.nextElementSibling.focus();
    renderShortlistSoon();
  }

  // The rows on screen change in place; the shortlist, targets and plan follow in later tasks.
  function bulk(mark) {
    const ids = filtered.map((c) => c.id);
    const before = ids.map(markOf);
    markAll(network, ids, mark);
    changed();
    // The counts change by the people marked, not by a pass over everyone.
    if (tally) filtered.forEach((c, i) => recount(tally, before[i], mark, Boolean(index[c.index] && index[c.index].recruiter)));
    else tally = progress(people, index, markOf);
    for (const item of list.children) item.paint();
    renderProgress();
    announce(`${t.plural("bulk_done", ids.length, { mark: t(`mark_${mark}`) })} ${counts.textContent}`);
    renderAllAfterPaint();
  }

  // Shortlist --------------------------------------------------------------------------
  let openComposer = null;
  const renderShortlistSoon = debounce(() => renderShortlist(), 250);

  function personValue(c, what, target) {
    if (what === "full_name") return fullName(c);
    if (what === "connected_on") return c.connected_on ? months(c.connected_on) : "";
    if (what === "target_role") return target ? target.role : "";
    return c[what] || "";
  }

  function whyText(p) {
    return p.why.map((code) => t(`why_${code.replace(/-/g, "_")}`, {
      employer: p.target ? p.target.employer : "", rank: p.target ? p.target.rank : "",
    })).join(" · ");
  }

  function renderShortlist() {
    if (reading) return;
    const groups = nextSteps({ connections: people, network });
    const group = (key, proposals, open = true) => {
      const headingId = uid(key);
      const cap = key === "leave" ? LEAVE_SHOWN : SHORTLIST_SHOWN;
      const items = proposals.slice(0, cap).map(proposal);
      const more = proposals.length - cap;
      const body = proposals.length
        ? [h("ol", { class: "pb-proposals" }, items),
          more > 0 ? h("p", { class: "pb-hint", text: key === "leave" ? t.plural("audit_more", more) : t.plural("shortlist_more", more) }) : null]
        : [h("p", { class: "pb-hint", text: t(`group_${key}_empty`) })];
      const heading = h("h4", { id: headingId, text: t.plural(`group_${key}`, proposals.length) });
      return key === "leave"
        ? h("details", { class: "pb-group" }, [h("summary", {}, [heading]), h("p", { class: "pb-hint", text: t("group_leave_intro") }), ...body])
        : h("section", { class: `pb-group pb-group--${key}`, attrs: { "aria-labelledby": headingId } }, [heading, ...body]);
    };
    replace(shortlistBody, [
      groups.unmarkedAtTargets ? h("p", { class: "pb-status--warning", text: t.plural("unmarked_at_targets", groups.unmarkedAtTargets) }) : null,
      group("ask", groups.ask),
      group("reconnect", groups.reconnect),
      group("recruiters", groups.recruiters),
      group("leave", groups.leave),
    ]);
  }

  function proposal(p) {
    const c = p.person;
    const name = personName(c);
    const spec = steps[p.step === "recruiter" ? "recruiter" : p.step];
    const holder = h("div", { class: "pb-compose-holder" });
    const item = h("li", { class: "pb-proposal" }, [
      h("p", { class: "pb-person__name" }, [h("strong", { text: name }), c.company ? ` (${[c.position, c.company].filter(Boolean).join(", ")})` : ""]),
      h("p", { class: "pb-why" }, [h("span", { class: "pb-step-label", text: t(`step_${p.step}`) }), " ", whyText(p)]),
      spec && p.step !== "leave"
        ? button(t("write_message"), () => compose(p, spec, holder), { attrs: { "aria-label": t("write_message_to", { name }), "aria-expanded": "false" } })
        : null,
      holder,
    ]);
    return item;
  }

  function compose(p, spec, holder) {
    if (openComposer) openComposer.close();
    const c = p.person;
    const values = { ...network.shared };
    for (const [placeholder, what] of Object.entries(spec.fill)) {
      const value = personValue(c, what, p.target);
      if (value) values[placeholder] = value;
    }
    const opener = holder.previousElementSibling;
    const composer = createComposer({
      template: spec.template, values, rules: data.rules, t, announce,
      personal: Object.keys(spec.fill),
      onValues(name, value) {
        network.shared[name] = value;
        changed();
      },
      onSent(on) {
        network.sent.push({
          id: sentId(network.sent, c.id, on), person: c.id, employer: c.company, step: p.step,
          template: spec.template.id, on, replied: "", second: "", followed: "",
        });
        changed();
        renderPlan();
        announce(t("sent_recorded", { name: personName(c), date: days(on) }));
      },
      today: today(),
    });
    replace(holder, [composer.el]);
    opener.setAttribute("aria-expanded", "true");
    composer.focus();
    openComposer = {
      close() {
        replace(holder, []);
        opener.setAttribute("aria-expanded", "false");
        openComposer = null;
      },
    };
  }

  // Targets ------------------------------------------------------------------------------
  const companies = h("datalist", { id: uid("companies") });
  const employerInput = h("input", { type: "text", autocomplete: "off", attrs: { list: companies.id } });
  const roleInput = h("input", { type: "text", autocomplete: "off" });
  const scoreSelect = (max, none) => h("select", {}, [h("option", { value: "0", text: none }),
    ...Array.from({ length: max }, (_, i) => h("option", { value: String(max - i), text: String(max - i) }))]);
  const motivationInput = scoreSelect(5, t("not_rated"));
  const postingInput = scoreSelect(3, t("not_rated"));
  const employerField = field({ label: t("target_employer"), control: employerInput });
  const targetForm = h("form", { class: "pb-target-form", attrs: { novalidate: true }, on: { submit: (e) => {
    e.preventDefault();
    addTarget();
  } } }, [
    employerField.wrap,
    field({ label: t("target_role"), control: roleInput, hint: t("target_role_hint") }).wrap,
    field({ label: t("target_motivation"), control: motivationInput, hint: t("target_motivation_hint") }).wrap,
    field({ label: t("target_posting"), control: postingInput, hint: t("target_posting_hint") }).wrap,
    h("button", { type: "submit", class: "pb-button", text: t("target_add") }),
    companies,
  ]);

  function addTarget() {
    const employer = employerInput.value.replace(/\s+/g, " ").trim();
    if (!employer) {
      employerField.setError(t("target_employer_empty"));
      employerInput.focus();
      return;
    }
    if (network.targets.some((x) => employerKey(x.employer) === employerKey(employer))) {
      employerField.setError(t("target_employer_twice", { employer }));
      employerInput.focus();
      return;
    }
    employerField.setError("");
    network.targets.push({
      id: `t${Date.now().toString(36)}${network.targets.length}`, employer: employer.slice(0, 200), role: roleInput.value.trim().slice(0, 200),
      motivation: Number(motivationInput.value), posting: Number(postingInput.value),
    });
    employerInput.value = roleInput.value = "";
    motivationInput.value = postingInput.value = "0";
    changed();
    renderAll();
    announce(t("target_added", { employer }));
    employerInput.focus();
  }

  function renderTargets() {
    const contacts = byEmployer(people);
    replace(companies, [...new Set(people.map((c) => c.company).filter(Boolean))].slice(0, 2000).map((name) => h("option", { value: name })));
    const rows = lampOrder(network.targets, contacts);
    const captionId = uid("lamp");
    replace(targetsBody, [
      targetForm,
      rows.length
        ? h("ol", { class: "pb-lamp", attrs: { "aria-labelledby": captionId } }, rows.map(({ target, contacts: there, rank }) => {
            const known = there.filter((c) => markOf(c.id) === "well" || markOf(c.id) === "little");
            const names = there.slice(0, 3).map(personName).join(", ");
            const edit = (key, max) => {
              const select = scoreSelect(max, t("not_rated"));
              select.value = String(target[key]);
              select.addEventListener("change", () => {
                target[key] = Number(select.value);
                changed();
                renderAll();
                announce(t("target_changed", { employer: target.employer }));
              });
              return field({ label: t(`target_${key}_short`, { employer: target.employer }), control: select }).wrap;
            };
            return h("li", { class: "pb-lamp__row" }, [
              h("p", { class: "pb-person__name" }, [h("strong", { text: `${rank}. ${target.employer}` }), target.role ? ` — ${target.role}` : ""]),
              h("p", { class: "pb-why", text: there.length
                ? t.plural("advocacy_yes", there.length, { names, known: t.number(known.length) })
                : t("advocacy_no") }),
              h("div", { class: "pb-lamp__scores" }, [edit("motivation", 5), edit("posting", 3)]),
              button(t("target_remove"), () => {
                network.targets = network.targets.filter((x) => x !== target);
                changed();
                renderAll();
                announce(t("target_removed", { employer: target.employer }));
                employerInput.focus();
              }, { class: "pb-button pb-button--small", attrs: { "aria-label": t("target_remove_named", { employer: target.employer }) } }),
            ]);
          }))
        : h("p", { class: "pb-hint", text: t("targets_empty") }),
      h("p", { class: "pb-sr", id: captionId, text: t("targets_heading") }),
    ]);
  }

  // Plan -------------------------------------------------------------------------------
  function personById(id) {
    return people.find((c) => c.id === id) || { first_name: "", last_name: "", company: "", id };
  }

  function reminderText(r) {
    const c = personById(r.person);
    // "Globex, Inc." ends a sentence of its own: no second full stop.
    const employer = (r.employer || c.company || "").replace(/\.$/, "");
    return t(`reminder_${r.kind.replace(/-/g, "_")}`, { name: personName(c), employer });
  }

  function renderPlan() {
    const list = reminders(network, timing);
    const due = dueThisWeek(list, today());
    const item = (r) => {
      const s = network.sent.find((x) => x.id === r.sent);
      const actions = [];
      if (r.kind === "second-contact") {
        const others = people.filter((c) => c.id !== r.person && employerKey(c.company) && employerKey(c.company) === employerKey(r.employer)).slice(0, 3);
        if (others.length) actions.push(h("span", { class: "pb-hint", text: t("second_contact_who", { names: others.map(personName).join(", ") }) }));
      }
      if (s) {
        actions.push(button(t("step_done"), () => {
          s[r.kind === "second-contact" ? "second" : "followed"] = today();
          changed();
          renderPlan();
          announce(t("step_done_said", { what: reminderText(r) }));
        }, { class: "pb-button pb-button--small", attrs: { "aria-label": `${t("step_done")}: ${reminderText(r)}` } }));
        actions.push(button(t("they_replied"), () => {
          s.replied = today();
          changed();
          renderPlan();
          announce(t("replied_said", { name: personName(personById(s.person)) }));
        }, { class: "pb-button pb-button--small", attrs: { "aria-label": `${t("they_replied")}: ${personName(personById(s.person))}` } }));
      } else {
        actions.push(button(t("talked_today"), () => {
          decide(network, r.person, { last: today() });
          changed();
          renderPlan();
        }, { class: "pb-button pb-button--small", attrs: { "aria-label": `${t("talked_today")}: ${personName(personById(r.person))}` } }));
      }
      return h("li", { class: "pb-reminder", dataset: { kind: r.kind, date: r.date } }, [
        h("p", {}, [h("strong", { text: days(r.date) }), " ", reminderText(r)]),
        h("div", { class: "pb-actions" }, actions),
      ]);
    };
    const block = (key, items) => items.length
      ? h("div", { class: `pb-due pb-due--${key}` }, [h("h4", { text: t.plural(`due_${key}`, items.length) }), h("ul", { class: "pb-reminders" }, items.map(item))])
      : null;
    const keep = people.filter((c) => markOf(c.id) === "well" || decisionOf(network, c.id).cadence).slice(0, 50);
    replace(planBody, [
      Number.isInteger(timing.second_contact_days) && Number.isInteger(timing.follow_up_days)
        ? h("p", { class: "pb-hint", text: t("plan_rule", { second: timing.second_contact_days, follow: timing.follow_up_days }) })
        : null,
      list.length ? null : h("p", { text: t("plan_empty") }),
      block("overdue", due.overdue),
      block("week", due.thisWeek),
      block("later", due.later),
      list.length ? h("div", { class: "pb-actions" }, [button(t("calendar_download"), downloadCalendar)]) : null,
      list.length ? h("p", { class: "pb-hint", text: t("calendar_hint") }) : null,
      keep.length ? h("h4", { text: t("keep_heading") }) : null,
      keep.length ? h("p", { class: "pb-hint", text: t("keep_intro") }) : null,
      keep.length ? h("ul", { class: "pb-keep" }, keep.map(keepItem)) : null,
    ]);
  }

  function keepItem(c) {
    const d = decisionOf(network, c.id);
    const select = h("select", {}, [h("option", { value: "", text: t("cadence_none") }),
      ...timing.cadence_weeks.map((w) => h("option", { value: String(w), text: t.plural("cadence_weeks", w) }))]);
    select.value = d.cadence ? String(d.cadence) : "";
    select.addEventListener("change", () => {
      const weeks = Number(select.value) || undefined;
      decide(network, c.id, { cadence: weeks, last: weeks ? d.last || today() : undefined });
      changed();
      renderPlan();
      announce(t("cadence_set", { name: personName(c) }));
    });
    return h("li", {}, [field({ label: t("cadence_label", { name: personName(c) }), control: select }).wrap]);
  }

  function downloadCalendar() {
    const events = reminders(network, timing).map((r) => ({
      uid: `${r.id}@${site.id}.networking-playbook`,
      date: r.date,
      summary: reminderText(r),
      description: t(`reminder_${r.kind.replace(/-/g, "_")}_about`),
    }));
    const name = `follow-up-plan-${today()}.ics`;
    downloadFile(name, calendarFile({ name: t("calendar_name", { site: site.title }), product: "-//Networking Playbook//Follow-up plan//EN", events, now: new Date() }), "text/calendar;charset=utf-8");
    announce(t("calendar_done", { file: name }));
  }

  function renderReminder() {
    reminder.refresh();
  }

  // One part per task: on a slow phone no task holds the page for long.
  function renderAll() {
    renderShortlist();
    cancelLater();
    const parts = [renderTargets, renderPlan, renderReminder];
    const next = () => {
      parts.shift()();
      if (parts.length) later = setTimeout(next, 0);
    };
    later = setTimeout(next, 0);
  }

  reload();

  return {
    el,
    cleanup() {
      stopReading();
      cancelLater();
      saveSoon.flush();
      window.removeEventListener("pagehide", flushSaves);
      document.removeEventListener("visibilitychange", flushHidden);
      refilter.cancel();
      renderShortlistSoon.cancel();
    },
  };
}

/** Where the worker that reads Connections.csv lives: beside main.js, which loads the tools. */
function workerAddress() {
  const main = document.querySelector('script[src$="assets/playbook/main.js"]');
  return main ? new URL("workers/connections.js", main.src).href : null;
}

/**
 * Decode and parse an export in a worker, so that the page keeps answering;
 * on the main thread, in separate tasks, where no worker can start (a page
 * opened from disk, or a browser that refuses module workers).
 * @param {Uint8Array} bytes
 * @returns {Promise<{encoding: string, result: object, rows?: string[][], people?: object[], index?: object[]} | null>}
 *   null when the bytes cannot be read; rows, people and index when a worker made them.
 */
function readConnections(bytes) {
  const address = location.protocol === "file:" ? null : workerAddress();
  const onMainThread = async () => {
    let decoded;
    try {
      decoded = decodeBytes(bytes);
    } catch {
      return null;
    }
    await nextTask();
    return { encoding: decoded.encoding, result: importConnections(decoded.text) };
  };
  if (!address || typeof Worker !== "function") return onMainThread();
  let worker;
  try {
    worker = new Worker(address, { type: "module" });
  } catch {
    return onMainThread();
  }
  return new Promise((resolve) => {
    const done = (value) => {
      worker.terminate();
      resolve(value);
    };
    worker.onmessage = (event) => done(event.data.ok ? event.data : null);
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      resolve(onMainThread());
    };
    worker.onmessageerror = worker.onerror;
    worker.postMessage(bytes.buffer);
  });
}

/**
 * A promise settled once the browser has had a chance to handle input and
 * paint: scheduler.yield() where there is one (it keeps this work ahead of
 * other tasks), else a new task.
 */
function yieldToPage() {
  const scheduler = globalThis.scheduler;
  return scheduler && typeof scheduler.yield === "function" ? scheduler.yield() : nextTask();
}

/** A promise settled in a later task. */
function nextTask() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A date formatter that never throws: a value it cannot read shows as it is. */
function safeFormat(language, options) {
  let format;
  try {
    format = new Intl.DateTimeFormat(language, options);
  } catch {
    format = new Intl.DateTimeFormat("en", options);
  }
  return (iso) => {
    if (!isISODate(iso)) return String(iso || "");
    try {
      return format.format(new Date(`${iso}T00:00:00Z`));
    } catch {
      return iso;
    }
  };
}
