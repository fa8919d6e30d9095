/**
 * Getting a browser's saved work ready for this version, once per page:
 * the first version's keys moved to the stable ones, and its separate stores
 * of marks, imported connections and scored people combined into the one
 * network store every tool reads.
 */

import { moveLegacyKeys, storageKey } from "./storage.js";
import { networkFromLegacy, networkSchema } from "./network.js";
import { calculatorSchema, composerSchema, worksheetSchema } from "./schemas.js";

/** Where the network store lives: `playbook:<site>:network:people`. */
export const NETWORK = { tool: "network", instance: "people" };

// The first version kept these apart; their instance names are history, not settings.
const OLD_STORES = {
  worksheet: ["worksheet", "network-audit"],
  connections: ["connections", "network-audit"],
  calculator: ["calculator", "calculator"],
};

function oldData(storage, site, [tool, instance]) {
  try {
    const envelope = JSON.parse(storage.getItem(storageKey(site, tool, instance)));
    return envelope && envelope.schema === 1 ? envelope.data : null;
  } catch {
    return null;
  }
}

/**
 * @param {Storage | null} storage
 * @param {{id: string, legacy?: string[]}} site
 * @param {Date} now
 * @returns {{moved: string[], combined: boolean}}
 */
export function prepareStorage(storage, site, now) {
  if (!storage) return { moved: [], combined: false };
  let moved = [];
  try {
    moved = moveLegacyKeys(storage, site.id, site.legacy || []);
    const networkKey = storageKey(site.id, NETWORK.tool, NETWORK.instance);
    if (storage.getItem(networkKey) !== null) return { moved, combined: false };
    const parts = Object.fromEntries(Object.entries(OLD_STORES).map(([name, where]) => [name, oldData(storage, site.id, where)]));
    if (!parts.worksheet && !parts.connections && !parts.calculator) return { moved, combined: false };
    const network = networkFromLegacy(parts, now);
    if (networkSchema.check(network)) return { moved, combined: false };
    storage.setItem(networkKey, JSON.stringify({ schema: networkSchema.version, saved: now.toISOString(), data: network }));
    // The list now lives in the network store; the worksheet and the calculator drop their old parts on their own upgrade.
    storage.removeItem(storageKey(site.id, ...OLD_STORES.connections));
    return { moved, combined: true };
  } catch {
    return { moved, combined: false };
  }
}


/**
 * The schema of a store these tools keep, or null for a store they do not know.
 * @param {string} tool
 * @param {string} instance
 * @returns {object | null}
 */
export function schemaFor(tool, instance) {
  if (tool === NETWORK.tool) return instance === NETWORK.instance ? networkSchema : null;
  if (tool === "calculator" || tool === "composer") return instance === tool ? STORE_SCHEMAS[tool] : null;
  if (tool === "worksheet") return worksheetSchema;
  return null;
}

const STORE_SCHEMAS = { calculator: calculatorSchema, composer: composerSchema };
