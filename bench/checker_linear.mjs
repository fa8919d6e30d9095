// The browser checker (lib/checker.js) on the drafts bench/checker_linear.py writes, in V8 (Chromium's engine).
// Reads {"rules": [...], "situation": "...", "drafts": {"name size": "text"}} on stdin; prints, as JSON,
// the milliseconds of checkMessage and of the yardstick (one pass of /[a-z]+/g) for each draft.
import { readFileSync } from "node:fs";

import { checkMessage } from "../overrides/assets/playbook/lib/checker.js";

const { rules, situation, drafts } = JSON.parse(readFileSync(0, "utf8"));
const best = (fn) => {
  let fastest = Infinity;
  for (let run = 0; run < 3; run += 1) {
    const started = performance.now();
    fn();
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest;
};
const out = {};
for (const [name, text] of Object.entries(drafts)) {
  out[name] = {
    checker: best(() => checkMessage(rules, text, situation, null)),
    yardstick: best(() => text.match(/[a-z]+/g)),
  };
}
process.stdout.write(JSON.stringify(out));
