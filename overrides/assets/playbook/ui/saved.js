/**
 * Saved work, as the user sees it: a notice when saved data cannot be used
 * or saving fails, and a bar to export, import and clear it.
 */

import { browserStorage, button, confirmButton, downloadFile, field, h, readFileText, replace } from "./dom.js";
import { createStore, exportFile, importFile, storageKey } from "../lib/storage.js";
import { prepareStorage, schemaFor } from "../lib/sitestore.js";
import { backupFile, exportDue, noteChange, noteExport, readBackup, REMIND_AFTER_DAYS, restoreBackup } from "../lib/backup.js";

const prepared = new Set();
// Set once everything was imported from a file: the page reloads, and no tool may write its old state meanwhile.
let frozen = false;
const IMPORTED_NOTE = "playbook:imported";
// The reminders on the page, shown again when everything was exported (held weakly: pages come and go).
const reminders = new Set();

/**
 * Move this browser's saved work to this version's keys and stores, once per
 * page and site, before any tool reads it.
 * @param {{id: string, legacy?: string[]}} site
 */
export function prepareSite(site) {
  if (prepared.has(site.id)) return;
  prepared.add(site.id);
  prepareStorage(browserStorage(), site, new Date());
}

/**
 * Load one tool instance's saved work and keep saving it.
 *
 * Saved data that is damaged or from a newer version is never overwritten
 * behind the user's back: the notice offers to download it and to start
 * over, and nothing is saved until they choose to.
 * @param {{site: {id: string}, tool: string, instance: string, schema: object, t: Function,
 *   announce: (text: string) => void, getData: () => any}} options
 */
export function savedWork({ site, tool, instance, schema, t, announce, getData }) {
  prepareSite(site);
  const key = storageKey(site.id, tool, instance);
  const store = createStore(browserStorage(), key, schema);
  const loaded = store.load();
  const notice = h("div", { class: "pb-notice", hidden: true });
  let locked = loaded.status === "corrupt" || loaded.status === "too-new";
  let failure = "";

  function show(children) {
    replace(notice, children);
    notice.hidden = children.length === 0;
  }

  function showLocked() {
    const message = loaded.status === "too-new" ? t("saved_too_new") : t("saved_corrupt");
    show([
      h("p", { text: message }),
      h("p", { text: t("saved_not_saving") }),
      button(t("saved_download"), () => {
        downloadFile(`${key.replace(/:/g, "-")}.json`, loaded.raw, "application/json");
      }),
      button(t("saved_start_over"), () => {
        locked = false;
        show([]);
        save(getData());
        announce(t("saved_started_over"));
      }),
    ]);
  }

  function save(data) {
    if (locked || frozen) return false;
    const result = store.save(data);
    if (result.ok) {
      noteChange(browserStorage(), site.id, new Date());
      if (failure) show([]);
      failure = "";
      return true;
    }
    const message = result.error === "quota" ? t("saved_quota") : t("saved_failed");
    if (failure !== message) {
      show([h("p", { text: message })]);
      announce(message);
    }
    failure = message;
    return false;
  }

  if (locked) showLocked();
  else if (loaded.status === "unavailable") show([h("p", { text: t("saved_unavailable") })]);

  return {
    key,
    data: loaded.data,
    status: loaded.status,
    notice,
    save,
    /** Forget the saved data (after the user confirmed). */
    remove() {
      locked = false;
      failure = "";
      show([]);
      store.remove();
    },
  };
}

const IMPORT_ERRORS = {
  "not-json": "import_not_json",
  "not-export": "import_not_export",
  "wrong-tool": "import_wrong_tool",
  "too-new": "import_too_new",
  "bad-shape": "import_bad_shape",
};

const EVERYTHING_ERRORS = {
  "not-json": "import_not_json",
  "not-export": "import_not_export",
  "one-tool": "everything_one_tool",
  "too-new": "everything_too_new",
  "bad-shape": "everything_bad",
  "unknown-store": "everything_unknown",
  empty: "everything_empty",
};

/**
 * The reminder to export everything, shown when work changed since the last
 * export and that change is some days old.
 * @param {{site: {id: string}, t: Function, days: (iso: string) => string, onExport: () => void}} options
 * @returns {{el: HTMLElement, refresh: () => void}}
 */
export function exportReminder({ site, t, days, onExport }) {
  const el = h("div", { class: "pb-notice pb-export-reminder", hidden: true });
  function refresh() {
    const due = exportDue(browserStorage(), site.id, new Date());
    el.hidden = !due.due;
    replace(el, due.due
      ? [h("p", { text: due.exported ? t("export_reminder_since", { date: days(due.exported) }) : t("export_reminder") }),
        button(t("export_now"), onExport)]
      : []);
  }
  refresh();
  // The element keeps its refresh alive for as long as the page shows it.
  el.refresh = refresh;
  reminders.add(new WeakRef(refresh));
  return { el, refresh };
}

/**
 * Export every store of the site as one file, and import one back.
 * @param {{site: {id: string, title?: string}, t: Function, announce: (text: string) => void, remind: boolean}} options
 */
function everythingPart({ site, t, announce, remind }) {
  const dayFormat = safeDays(site.language);
  const input = h("input", { type: "file", accept: ".json,application/json", class: "pb-file" });
  const importField = field({ label: t("everything_import_label"), hint: t("everything_import_hint"), control: input });
  const status = h("p", { class: "pb-status", hidden: true });

  function exportAll() {
    const storage = browserStorage();
    const now = new Date();
    const file = storage ? backupFile(storage, site.id, now) : { count: 0, text: "", skipped: [] };
    if (!file.count) {
      status.textContent = t("everything_nothing");
      status.hidden = false;
      announce(status.textContent);
      return;
    }
    const name = `${slug(site.title || "")}-everything-${now.toISOString().slice(0, 10)}.json`;
    downloadFile(name, file.text, "application/json");
    noteExport(storage, site.id, now);
    status.textContent = t.plural("everything_exported", file.count, { file: name });
    status.hidden = false;
    for (const ref of reminders) {
      const refresh = ref.deref();
      if (refresh) refresh();
      else reminders.delete(ref);
    }
    announce(status.textContent);
  }

  const reminder = remind ? exportReminder({ site, t, days: dayFormat, onExport: exportAll }) : null;

  onFileText(input, (file, text) => {
    const result = text === null ? { ok: false, error: "unreadable" } : readBackup(text, schemaFor);
    const storage = browserStorage();
    let message = "";
    if (!result.ok) {
      message = result.error === "unreadable" ? t("import_unreadable") : t(EVERYTHING_ERRORS[result.error], { found: result.found || "" });
    } else if (!storage || !restoreBackup(storage, site.id, result.stores, new Date()).ok) {
      message = t("everything_failed");
    }
    if (message) {
      importField.setError(message);
      announce(message);
      return;
    }
    importField.setError("");
    // Every tool on the page holds its work in memory: reload, so that each reads what the file brought.
    frozen = true;
    try {
      window.sessionStorage.setItem(IMPORTED_NOTE, t.plural("everything_done", result.stores.length, { file: file.name }));
    } catch {
      // Without session storage the page still reloads; only the note is lost.
    }
    window.location.reload();
  });

  let note = "";
  try {
    note = window.sessionStorage.getItem(IMPORTED_NOTE) || "";
    window.sessionStorage.removeItem(IMPORTED_NOTE);
  } catch {
    note = "";
  }
  if (note) {
    status.textContent = note;
    status.hidden = false;
    setTimeout(() => announce(note), 500);
  }

  const headingId = `${input.id}-everything`;
  return {
    el: h("section", { class: "pb-everything", attrs: { "aria-labelledby": headingId } }, [
      h("h3", { id: headingId, text: t("everything_heading") }),
      reminder ? reminder.el : null,
      h("p", { class: "pb-hint", text: t("everything_hint", { days: REMIND_AFTER_DAYS }) }),
      h("div", { class: "pb-actions" }, [button(t("everything_export"), exportAll, { class: "pb-button pb-everything-export" })]),
      importField.wrap,
      status,
    ]),
  };
}

/**
 * Call `use(file, text)` with each file chosen in a file input (text null when
 * it cannot be read), the input emptied so that the same file can be chosen again.
 */
function onFileText(input, use) {
  input.addEventListener("change", async () => {
    const file = input.files && input.files[0];
    if (!file) return;
    let text;
    try {
      text = await readFileText(file);
    } catch {
      text = null;
    }
    input.value = "";
    use(file, text);
  });
}

function safeDays(language) {
  let format;
  try {
    format = new Intl.DateTimeFormat(language, { year: "numeric", month: "short", day: "numeric" });
  } catch {
    format = new Intl.DateTimeFormat("en", { year: "numeric", month: "short", day: "numeric" });
  }
  return (iso) => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? String(iso) : format.format(date);
  };
}

/**
 * The bar under a tool: export to a file, import from a file, clear all.
 * @param {{t: Function, announce: (text: string) => void, site: {id: string}, tool: string,
 *   instance: string, schema: object, getData: () => any, setData: (data: any) => void,
 *   clear: () => void, title: string, onExport?: () => void, remind?: boolean}} options
 *   remind: show the reminder to export everything here (false where the page shows it elsewhere).
 *   getData/setData give and take the data of the file (which may hold more
 *   than one store); clear() forgets everything of the tool.
 */
export function savedBar({ t, announce, site, tool, instance, schema, getData, setData, clear, title, onExport = () => {}, remind = true }) {
  const input = h("input", { type: "file", accept: ".json,application/json", class: "pb-file" });
  const importField = field({ label: t("import_label"), hint: t("import_hint"), control: input });
  onFileText(input, (file, text) => {
    if (text === null) {
      importField.setError(t("import_unreadable"));
      announce(t("import_unreadable"));
      return;
    }
    const result = importFile(text, { tool, instance, schema });
    if (!result.ok) {
      const message = t(IMPORT_ERRORS[result.error], { found: result.found || "" });
      importField.setError(message);
      announce(message);
      return;
    }
    importField.setError("");
    setData(result.data);
    announce(t("import_done", { file: file.name }));
  });

  const exportButton = button(t("export_button"), () => {
    const name = `${slug(title)}-${new Date().toISOString().slice(0, 10)}.json`;
    onExport();
    downloadFile(name, exportFile({ site: site.id, tool, instance, schema, data: getData() }), "application/json");
    announce(t("export_done", { file: name }));
  }, { class: "pb-button pb-export-button" });

  const clearButton = confirmButton({
    label: t("clear_button"),
    question: t("clear_question"),
    confirm: t("clear_confirm"),
    cancel: t("clear_cancel"),
    onConfirm() {
      clear();
      importField.setError("");
      announce(t("clear_done"));
    },
  });

  const everything = everythingPart({ site, t, announce, remind });
  const headingId = `${input.id}-heading`;
  return h("section", { class: "pb-saved", attrs: { "aria-labelledby": headingId } }, [
    h("h2", { id: headingId, class: "pb-saved__title", text: t("saved_heading") }),
    h("p", { class: "pb-hint", text: t("saved_where") }),
    h("div", { class: "pb-actions" }, [exportButton]),
    importField.wrap,
    clearButton,
    everything.el,
  ]);
}

function slug(text) {
  return (
    text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "saved-work"
  );
}
