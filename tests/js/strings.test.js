import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { format, translator } from "../../overrides/assets/playbook/lib/strings.js";
import { readToolStrings } from "./helpers/strings-file.js";

const ROOT = new URL("../../overrides/assets/playbook/", import.meta.url);
const STRINGS = readToolStrings(new URL("../../generators/strings/en/tools.yml", import.meta.url));

test("format fills {name} and leaves unknown names", () => {
  assert.equal(format("Hi {name}, {count} new", { name: "Ann", count: 3 }), "Hi Ann, 3 new");
  assert.equal(format("Keep {this}", {}), "Keep {this}");
  assert.equal(format("{a}{a}", { a: "<b>" }), "<b><b>");
});

test("translator: lookup, missing keys shown as the key, plurals by language", () => {
  const t = translator({ n_one: "{count} file", n_other: "{count} files", hi: "Hi {who}" }, "en");
  assert.equal(t("hi", { who: "Jo" }), "Hi Jo");
  assert.equal(t("missing"), "missing");
  assert.equal(t.plural("n", 1), "1 file");
  assert.equal(t.plural("n", 30000), "30,000 files");
  assert.equal(t.plural("n", 0), "0 files");
  const fr = translator({ n_one: "{count} fichier", n_other: "{count} fichiers" }, "fr");
  assert.equal(fr.plural("n", 0), "0 fichier", "French uses the singular for zero");
  assert.equal(fr.plural("n", 1500), "1\u202f500 fichiers");
  assert.equal(translator(null)("x"), "x");
});

// Every module a tool loads, following relative imports from its entry file.
function modulesOf(entry) {
  const seen = new Set();
  const visit = (url) => {
    if (seen.has(url.href)) return;
    seen.add(url.href);
    const source = readFileSync(url, "utf8");
    for (const match of source.matchAll(/^import \{[^}]+\} from "(\.[^"]+)";$/gm)) visit(new URL(match[1], url));
  };
  visit(new URL(entry, ROOT));
  return [...seen].map((href) => new URL(href));
}

// Keys built at run time, and what they expand to.
const DYNAMIC = {
  filter: [],
  calculator: ["legend_exchange", "legend_exchange_hint", "legend_trust", "legend_trust_hint",
    "score_empty", "score_not_number", "score_negative", "score_not_whole", "score_out_of_range",
    "name_empty", "name_too_long"],
  checker: ["severity_error", "severity_warning", "severity_hint", "count_error_one", "count_error_other",
    "count_warning_one", "count_warning_other", "count_hint_one", "count_hint_other"],
  composer: [],
  worksheet: ["mark_well", "mark_little", "mark_recruiter", "mark_unknown",
    "mark_short_well", "mark_short_little", "mark_short_recruiter", "mark_short_unknown",
    "encoding_latin", "encoding_utf_sixteen", "question_them", "question_me", "answer_yes", "answer_no",
    ...["triage", "shortlist", "targets", "plan"].flatMap((k) => [`${k}_heading`, `${k}_intro`]),
    ...["ask", "reconnect", "recruiters", "leave"].flatMap((k) => [`group_${k}_one`, `group_${k}_other`, `group_${k}_empty`]),
    ...["referral", "introduction", "reconnect", "recruiter", "leave"].map((k) => `step_${k}`),
    ...["at_target", "well", "little", "recommends_you", "you_recommend", "not_yet", "unanswered", "unknown",
      "not_at_target", "recruiter"].map((k) => `why_${k}`),
    "compose_severity_error", "compose_severity_warning", "compose_severity_hint",
    "target_motivation_short", "target_posting_short",
    ...["overdue", "week", "later"].flatMap((k) => [`due_${k}_one`, `due_${k}_other`]),
    ...["second_contact", "follow_up", "keep_in_touch"].flatMap((k) => [`reminder_${k}`, `reminder_${k}_about`]),
    "skip_no_person", "skip_duplicate", "skip_too_many_fields", "skip_unterminated_quote",
    "column_first_name", "column_last_name", "column_url", "column_email", "column_company", "column_position",
    "column_connected_on"],
  common: ["import_not_json", "import_not_export", "import_wrong_tool", "import_too_new", "import_bad_shape",
    "everything_one_tool", "everything_unknown", "everything_bad", "everything_too_new", "everything_empty"],
};

function usedKeys(files) {
  const keys = new Set();
  for (const url of files) {
    const source = readFileSync(url, "utf8");
    for (const m of source.matchAll(/\bt\("([a-z_]+)"/g)) keys.add(m[1]);
    for (const m of source.matchAll(/\bt\.plural\("([a-z_]+)"/g)) {
      keys.add(`${m[1]}_one`);
      keys.add(`${m[1]}_other`);
    }
  }
  return keys;
}

for (const tool of ["calculator", "checker", "composer", "filter", "worksheet"]) {
  test(`every string the ${tool} shows is in tools.yml (common or ${tool})`, () => {
    const files = modulesOf(`tools/${tool}.js`);
    const available = { ...STRINGS.common, ...STRINGS[tool] };
    const needed = [...usedKeys(files), ...DYNAMIC[tool], ...DYNAMIC.common];
    const missing = needed.filter((key) => !(key in available));
    assert.deepEqual(missing, []);
  });
}

test("every string in tools.yml is used by some tool", () => {
  const all = ["calculator", "checker", "composer", "filter", "worksheet"].flatMap((tool) => modulesOf(`tools/${tool}.js`));
  const used = new Set([...usedKeys(all), ...Object.values(DYNAMIC).flat(), "tool_failed"]);
  const unused = Object.values(STRINGS).flatMap((group) => Object.keys(group)).filter((key) => !used.has(key));
  assert.deepEqual(unused, []);
});

test("tool groups do not silently override common strings", () => {
  for (const tool of ["calculator", "checker", "composer", "filter", "worksheet"]) {
    const clash = Object.keys(STRINGS[tool]).filter((key) => key in STRINGS.common);
    assert.deepEqual(clash, [], tool);
  }
});

test("every {name} in a plural string family is the same across its forms", () => {
  for (const group of Object.values(STRINGS)) {
    for (const key of Object.keys(group).filter((k) => k.endsWith("_one"))) {
      const names = (text) => [...text.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]).sort().join();
      assert.equal(names(group[key]), names(group[key.replace(/_one$/, "_other")]), key);
    }
  }
});
