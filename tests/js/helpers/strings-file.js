/**
 * Read generators/strings/<lang>/tools.yml in node without a YAML library.
 * The file keeps to a strict subset of YAML, which this reader enforces:
 * comments, `group:` lines, and `  key: "double-quoted text"` lines.
 */

import { readFileSync } from "node:fs";

/**
 * @param {URL | string} path
 * @returns {Record<string, Record<string, string>>}
 */
export function readToolStrings(path) {
  const groups = {};
  let group = null;
  readFileSync(path, "utf8").split("\n").forEach((line, index) => {
    const where = `tools.yml:${index + 1}`;
    if (/^\s*(#.*)?$/.test(line)) return;
    const head = /^([a-z_]+):\s*$/.exec(line);
    if (head) {
      if (groups[head[1]]) throw new Error(`${where}: group ${head[1]} appears twice`);
      group = groups[head[1]] = {};
      return;
    }
    const entry = /^ {2}([a-z_]+): (".*")\s*$/.exec(line);
    if (!entry || !group) throw new Error(`${where}: expected '  key: "text"', got ${JSON.stringify(line)}`);
    if (entry[1] in group) throw new Error(`${where}: key ${entry[1]} appears twice`);
    group[entry[1]] = JSON.parse(entry[2]);
  });
  return groups;
}
