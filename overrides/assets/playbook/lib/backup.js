/**
 * Everything the tools keep for one site, as one file: every tool's store
 * (the network of people, the calculator, the composer, each worksheet)
 * exported together and imported together, each store checked against its
 * schema before anything is written. And the reminder to export: when work
 * changed since the last such file and that change is some days old.
 */

import { FILE_FORMAT, isPlainObject, keysOf, storageKey, upgrade } from "./storage.js";

/** The `tool` of a file that holds every store. */
export const EVERYTHING = "everything";

/** Days after an unexported change when the tools remind you to export (Safari clears a site's storage after 7 days without a visit). */
export const REMIND_AFTER_DAYS = 3;

// When work was last exported and since when it has changed; kept apart, never exported.
const META = ["backup", "meta"];
const STORE_NAME = /^([a-z][a-z-]*):([a-z0-9][a-z0-9-]*)$/;
const DAY = 24 * 60 * 60 * 1000;

function metaOf(storage, site) {
  try {
    const meta = JSON.parse(storage.getItem(storageKey(site, ...META)));
    return isPlainObject(meta) ? meta : {};
  } catch {
    return {};
  }
}

function writeMeta(storage, site, meta) {
  try {
    storage.setItem(storageKey(site, ...META), JSON.stringify(meta));
  } catch {
    // The reminder is a courtesy: a full storage keeps the work, not the reminder.
  }
}

/**
 * The stores of a site in a Storage, by `tool:instance`.
 * @param {Storage} storage
 * @param {string} site
 * @returns {Map<string, string>} name → stored text
 */
export function storesOf(storage, site) {
  const prefix = storageKey(site, "", "").slice(0, -1);
  const stores = new Map();
  for (const key of keysOf(storage)) {
    if (!key.startsWith(prefix)) continue;
    const name = key.slice(prefix.length);
    if (name === META.join(":") || !STORE_NAME.test(name)) continue;
    stores.set(name, storage.getItem(key));
  }
  return stores;
}

/**
 * The text of a file with every store of the site. A store this browser
 * cannot read (damaged) is left out and named in `skipped`.
 * @param {Storage} storage
 * @param {string} site
 * @param {Date} now
 * @returns {{text: string, count: number, skipped: string[]}}
 */
export function backupFile(storage, site, now) {
  const stores = {};
  const skipped = [];
  for (const [name, raw] of [...storesOf(storage, site)].sort(([a], [b]) => (a < b ? -1 : 1))) {
    let envelope;
    try {
      envelope = JSON.parse(raw);
    } catch {
      envelope = null;
    }
    if (isPlainObject(envelope) && Number.isInteger(envelope.schema) && "data" in envelope) {
      stores[name] = { schema: envelope.schema, saved: envelope.saved || "", data: envelope.data };
    } else {
      skipped.push(name);
    }
  }
  const file = { format: FILE_FORMAT, tool: EVERYTHING, site, saved: now.toISOString(), stores };
  return { text: `${JSON.stringify(file, null, 2)}\n`, count: Object.keys(stores).length, skipped };
}

/**
 * Read a file of every store. Nothing is accepted unless every store in it
 * is one these tools know, with data its schema accepts (older versions are
 * migrated).
 * @param {string} text
 * @param {(tool: string, instance: string) => object | null} schemaFor
 * @returns {{ok: true, stores: {name: string, tool: string, instance: string, version: number, data: any}[]}
 *   | {ok: false, error: "not-json" | "not-export" | "one-tool" | "too-new" | "bad-shape" | "unknown-store" | "empty", found?: string}}
 */
export function readBackup(text, schemaFor) {
  let file;
  try {
    file = JSON.parse(String(text).replace(/^\ufeff/, ""));
  } catch {
    return { ok: false, error: "not-json" };
  }
  if (!isPlainObject(file) || file.format !== FILE_FORMAT) return { ok: false, error: "not-export" };
  if (file.tool !== EVERYTHING) return { ok: false, error: "one-tool", found: `${file.tool}/${file.instance}` };
  if (!isPlainObject(file.stores)) return { ok: false, error: "bad-shape", found: "stores" };
  const stores = [];
  for (const [name, envelope] of Object.entries(file.stores)) {
    const m = STORE_NAME.exec(name);
    const schema = m ? schemaFor(m[1], m[2]) : null;
    if (!schema) return { ok: false, error: "unknown-store", found: name };
    const result = upgrade(envelope, schema);
    if (result.status === "too-new") return { ok: false, error: "too-new", found: name };
    if (result.status !== "ok") return { ok: false, error: "bad-shape", found: name };
    stores.push({ name, tool: m[1], instance: m[2], version: schema.version, data: result.data });
  }
  if (!stores.length) return { ok: false, error: "empty" };
  return { ok: true, stores };
}

/**
 * Write the stores read from a file, replacing the same stores here (other
 * stores stay). All or nothing: when the storage refuses one, the ones
 * already written get their earlier text back.
 * @param {Storage} storage
 * @param {string} site
 * @param {{tool: string, instance: string, version: number, data: any}[]} stores
 * @param {Date} now
 * @returns {{ok: true} | {ok: false}}
 */
export function restoreBackup(storage, site, stores, now) {
  const before = [];
  try {
    for (const s of stores) {
      const key = storageKey(site, s.tool, s.instance);
      before.push([key, storage.getItem(key)]);
      storage.setItem(key, JSON.stringify({ schema: s.version, saved: now.toISOString(), data: s.data }));
    }
  } catch {
    for (const [key, text] of before) {
      try {
        if (text === null) storage.removeItem(key);
        else storage.setItem(key, text);
      } catch {
        // Putting back what was there can only fail where writing did not start.
      }
    }
    return { ok: false };
  }
  noteExport(storage, site, now);
  return { ok: true };
}

/**
 * Remember that work changed (once, until the next export).
 * @param {Storage} storage
 * @param {string} site
 * @param {Date} now
 */
export function noteChange(storage, site, now) {
  const meta = metaOf(storage, site);
  if (meta.pending) return;
  writeMeta(storage, site, { ...meta, pending: now.toISOString() });
}

/**
 * Remember that everything was just exported (or imported: the file holds it).
 * @param {Storage} storage
 * @param {string} site
 * @param {Date} now
 */
export function noteExport(storage, site, now) {
  writeMeta(storage, site, { exported: now.toISOString(), pending: "" });
}

/**
 * Whether to remind the user to export: work changed since the last export,
 * and the first such change is at least `days` days old.
 * @param {Storage | null} storage
 * @param {string} site
 * @param {Date} now
 * @param {number} [days]
 * @returns {{due: boolean, exported: string, pending: string}}
 */
export function exportDue(storage, site, now, days = REMIND_AFTER_DAYS) {
  if (!storage) return { due: false, exported: "", pending: "" };
  const meta = metaOf(storage, site);
  const pending = typeof meta.pending === "string" ? meta.pending : "";
  const exported = typeof meta.exported === "string" ? meta.exported : "";
  const since = Date.parse(pending);
  return { due: Number.isFinite(since) && now.getTime() - since >= days * DAY, exported, pending };
}
