/**
 * Saved work in a Storage (window.localStorage, or any object with getItem,
 * setItem and removeItem): a versioned envelope per tool, migrated forward on
 * load, never overwritten when it cannot be read, and files to export and
 * import it.
 */

/** Marks files exported by these tools. */
export const FILE_FORMAT = "networking-playbook";

/**
 * @typedef {object} Schema  What one tool saves.
 * @property {number} version  The current schema version (1, 2, …).
 * @property {Record<number, (data: any) => any>} migrations  version n → data of version n + 1.
 * @property {(data: any) => string | null} check  Why the data has a wrong shape, or null.
 * @property {() => any} empty  The state of a tool nobody has used.
 */

/**
 * The storage key of one tool instance: `playbook:<site>:<tool>:<instance>`,
 * where the site is its `site_key` setting, which does not change with the
 * title, colours, language or address.
 * @param {string} site
 * @param {string} tool
 * @param {string} instance
 * @returns {string}
 */
export function storageKey(site, tool, instance) {
  return `playbook:${site}:${tool}:${instance}`;
}

// The first version's keys: `pb:<slug of the site title>:<tool>:<instance>`.
const LEGACY_KEY = /^pb:([a-z0-9-]+):([a-z-]+):([a-z0-9-]+)$/;

/**
 * The keys a Storage holds.
 * @param {Storage} storage
 * @returns {string[]}
 */
export function keysOf(storage) {
  const keys = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key !== null) keys.push(key);
  }
  return keys;
}

/**
 * Move saved work from the first version's keys, built from the site's title,
 * to the stable keys. The keys of the given old site ids move; so do those of
 * another old id when it is the only one in this browser (the title changed
 * before this version came). Data already under a stable key is never
 * replaced, and nothing is read or changed on the way: damaged data moves
 * as it is, to be shown as damaged.
 * @param {Storage} storage
 * @param {string} site  the stable site key
 * @param {string[]} legacyIds  the old ids this site had (the slug of its title)
 * @returns {string[]} the stable keys that received data
 */
export function moveLegacyKeys(storage, site, legacyIds) {
  const legacy = keysOf(storage).map((key) => [key, LEGACY_KEY.exec(key)]).filter(([, m]) => m);
  const ids = new Set(legacy.map(([, m]) => m[1]));
  const ours = (id) => legacyIds.includes(id) || ids.size === 1;
  const moved = [];
  for (const [key, m] of legacy) {
    if (!ours(m[1])) continue;
    const target = storageKey(site, m[2], m[3]);
    if (storage.getItem(target) !== null) continue;
    const raw = storage.getItem(key);
    // Removed first so that a full storage has room for the copy; put back if the copy fails.
    storage.removeItem(key);
    try {
      storage.setItem(target, raw);
      moved.push(target);
    } catch {
      storage.setItem(key, raw);
    }
  }
  return moved;
}

/**
 * Bring parsed saved data up to the current schema.
 * @param {unknown} envelope  `{schema, data}` as parsed from JSON.
 * @param {Schema} schema
 * @returns {{status: "ok", data: any, from: number} | {status: "corrupt", reason: string} | {status: "too-new", version: number}}
 */
export function upgrade(envelope, schema) {
  if (!isPlainObject(envelope) || !("data" in envelope)) return { status: "corrupt", reason: "no-envelope" };
  const version = envelope.schema;
  if (!Number.isInteger(version) || version < 1) return { status: "corrupt", reason: "no-version" };
  if (version > schema.version) return { status: "too-new", version };
  let data = envelope.data;
  for (let v = version; v < schema.version; v++) {
    const step = schema.migrations[v];
    if (!step) return { status: "corrupt", reason: `no-migration-from-${v}` };
    try {
      data = step(data);
    } catch (error) {
      return { status: "corrupt", reason: `migration-from-${v}-failed: ${error.message}` };
    }
  }
  const problem = schema.check(data);
  if (problem) return { status: "corrupt", reason: problem };
  return { status: "ok", data, from: version };
}

/**
 * True for the errors browsers throw when storage is full.
 * @param {unknown} error
 * @returns {boolean}
 */
export function isQuotaError(error) {
  if (!error || typeof error !== "object") return false;
  return (
    error.name === "QuotaExceededError" ||
    error.name === "NS_ERROR_DOM_QUOTA_REACHED" ||
    error.code === 22 ||
    error.code === 1014
  );
}

/**
 * @typedef {object} LoadResult
 * @property {"empty" | "ok" | "corrupt" | "too-new" | "unavailable"} status
 * @property {any} data     The saved data (migrated), or the empty state unless status is "ok".
 * @property {string} [raw] The stored text, for "corrupt" and "too-new", to download.
 * @property {string} [reason]  What is wrong, for "corrupt".
 * @property {boolean} [migrated]  True when the data was saved by an older schema.
 */

/**
 * One tool instance's saved work.
 * @param {Storage | null} storage  null when the browser refuses storage.
 * @param {string} key
 * @param {Schema} schema
 * @param {() => Date} [now]
 */
export function createStore(storage, key, schema, now = () => new Date()) {
  return {
    key,
    /** @returns {LoadResult} */
    load() {
      if (!storage) return { status: "unavailable", data: schema.empty() };
      let raw;
      try {
        raw = storage.getItem(key);
      } catch {
        return { status: "unavailable", data: schema.empty() };
      }
      if (raw === null) return { status: "empty", data: schema.empty() };
      let parsed;
      try {
        parsed = JSON.parse(raw);
      } catch {
        return { status: "corrupt", reason: "not-json", raw, data: schema.empty() };
      }
      const result = upgrade(parsed, schema);
      if (result.status !== "ok") return { ...result, raw, data: schema.empty() };
      return { status: "ok", data: result.data, migrated: result.from < schema.version };
    },
    /**
     * @param {any} data
     * @returns {{ok: true, size: number} | {ok: false, error: "quota" | "unavailable"}}
     */
    save(data) {
      if (!storage) return { ok: false, error: "unavailable" };
      const text = JSON.stringify({ schema: schema.version, saved: now().toISOString(), data });
      try {
        storage.setItem(key, text);
        return { ok: true, size: text.length };
      } catch (error) {
        return { ok: false, error: isQuotaError(error) ? "quota" : "unavailable" };
      }
    },
    /** @returns {boolean} false when the storage refused. */
    remove() {
      if (!storage) return false;
      try {
        storage.removeItem(key);
        return true;
      } catch {
        return false;
      }
    },
  };
}

/**
 * The text of an export file: the tool's data with what it belongs to.
 * @param {{site: string, tool: string, instance: string, schema: Schema, data: any, now?: Date}} what
 * @returns {string}
 */
export function exportFile({ site, tool, instance, schema, data, now = new Date() }) {
  const file = { format: FILE_FORMAT, site, tool, instance, schema: schema.version, saved: now.toISOString(), data };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * Read an export file for one tool instance.
 * @param {string} text
 * @param {{tool: string, instance: string, schema: Schema}} expected
 * @returns {{ok: true, data: any} | {ok: false, error: "not-json" | "not-export" | "wrong-tool" | "too-new" | "bad-shape", found?: string}}
 */
export function importFile(text, { tool, instance, schema }) {
  let file;
  try {
    file = JSON.parse(text.replace(/^\ufeff/, ""));
  } catch {
    return { ok: false, error: "not-json" };
  }
  if (!isPlainObject(file) || file.format !== FILE_FORMAT) return { ok: false, error: "not-export" };
  if (file.tool !== tool || file.instance !== instance) {
    return { ok: false, error: "wrong-tool", found: `${file.tool}/${file.instance}` };
  }
  const result = upgrade(file, schema);
  if (result.status === "too-new") return { ok: false, error: "too-new" };
  if (result.status !== "ok") return { ok: false, error: "bad-shape", found: result.reason };
  return { ok: true, data: result.data };
}

/**
 * A plain object, not null, an array or a class instance.
 * @param {unknown} value
 * @returns {boolean}
 */
export function isPlainObject(value) {
  return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
