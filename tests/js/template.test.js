import { test } from "node:test";
import assert from "node:assert/strict";

import {
  bracketed,
  composeMessage,
  fillTemplate,
  placeholderNames,
  segmentsText,
  unfilledNames,
} from "../../overrides/assets/playbook/lib/template.js";

const TEMPLATE = {
  subject: "Coffee, {first_name}?",
  body: "Hi {first_name},\n\nI enjoyed your talk on {topic}. {first_name}, could we talk for 15 minutes?\n\n{your_name}",
  placeholders: [
    { name: "first_name", label: "Their first name", example: "Sam" },
    { name: "topic", label: "The topic of their talk", example: "hiring" },
    { name: "your_name", label: "Your name", example: "Alex" },
  ],
};

test("segments: text, filled and unfilled placeholders", () => {
  assert.deepEqual(fillTemplate("Hi {first_name}, from {your_name}.", { first_name: "Sam", your_name: "  " }), [
    { type: "text", text: "Hi " },
    { type: "filled", name: "first_name", text: "Sam" },
    { type: "text", text: ", from " },
    { type: "unfilled", name: "your_name" },
    { type: "text", text: "." },
  ]);
});

test("braces that are not placeholders stay text", () => {
  assert.deepEqual(fillTemplate("{ } {Name} {a-b} {}", {}), [{ type: "text", text: "{ } {Name} {a-b} {}" }]);
});

test("values are trimmed and written as given, markup included", () => {
  const segments = fillTemplate("Hi {first_name}", { first_name: "  <img src=x onerror=alert(1)> " });
  assert.deepEqual(segments[1], { type: "filled", name: "first_name", text: "<img src=x onerror=alert(1)>" });
});

test("placeholder names in order of first use, subject first", () => {
  assert.deepEqual(placeholderNames(TEMPLATE), ["first_name", "topic", "your_name"]);
  assert.deepEqual(placeholderNames({ subject: null, body: "{b} {a} {b}" }), ["b", "a"]);
});

test("unfilled placeholders show as their label in brackets in the text to copy", () => {
  const segments = fillTemplate("Hi {first_name}, {topic}", { topic: "AI" });
  assert.deepEqual(unfilledNames(segments), ["first_name"]);
  assert.equal(segmentsText(segments, { first_name: "Their first name" }), "Hi [Their first name], AI");
  assert.equal(bracketed("x", {}), "[x]");
});

test("a composed message: subject, body, what is left to fill", () => {
  const partly = composeMessage(TEMPLATE, { first_name: "Sam" });
  assert.equal(partly.subjectText, "Coffee, Sam?");
  assert.equal(
    partly.bodyText,
    "Hi Sam,\n\nI enjoyed your talk on [The topic of their talk]. Sam, could we talk for 15 minutes?\n\n[Your name]",
  );
  assert.deepEqual(partly.unfilled, ["topic", "your_name"]);
  const full = composeMessage(TEMPLATE, { first_name: "Sam", topic: "hiring", your_name: "Alex" });
  assert.deepEqual(full.unfilled, []);
  assert.ok(!full.bodyText.includes("["));
  assert.equal(composeMessage({ ...TEMPLATE, subject: null }, {}).subject, null);
});
