import { test } from "node:test";
import assert from "node:assert/strict";

import { decodeBytes } from "../../overrides/assets/playbook/lib/encoding.js";

test("UTF-8 is read as it is, without its byte-order mark", () => {
  const result = decodeBytes(new TextEncoder().encode("\ufeffJosé,Muñoz"));
  assert.deepEqual(result, { text: "José,Muñoz", encoding: "utf-8" });
});

test("a Latin-1 or Windows-1252 file is read as Windows-1252, and says so", () => {
  const bytes = Uint8Array.from([...Buffer.from("Jos", "latin1"), 0xe9, 0x2c, 0x4d, 0x75, 0xf1, 0x6f, 0x7a, 0x2c, 0x80]);
  assert.deepEqual(decodeBytes(bytes), { text: "José,Muñoz,€", encoding: "windows-1252" });
});

test("UTF-16 with its byte-order mark, either way round", () => {
  const le = Uint8Array.from([0xff, 0xfe, ...Buffer.from("Zoë", "utf16le")]);
  assert.deepEqual(decodeBytes(le), { text: "Zoë", encoding: "utf-16le" });
  const be = Uint8Array.from([0xfe, 0xff, ...Buffer.from("Zoë", "utf16le").swap16()]);
  assert.deepEqual(decodeBytes(be), { text: "Zoë", encoding: "utf-16be" });
});
