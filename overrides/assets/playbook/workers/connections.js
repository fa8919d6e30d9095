/**
 * A module worker that reads an imported Connections.csv off the main
 * thread: the bytes in, the decoded and parsed connections out (with the
 * rows to store and their search index), so that a
 * slow phone keeps answering taps while a large export is read. The page
 * falls back to reading on the main thread where a worker cannot start
 * (the offline copy opened from disk).
 */

import { decodeBytes } from "../lib/encoding.js";
import { importConnections } from "../lib/linkedin.js";
import { packPeople, peopleOf } from "../lib/network.js";
import { indexConnections } from "../lib/triage.js";

self.onmessage = (event) => {
  let decoded;
  try {
    decoded = decodeBytes(new Uint8Array(event.data));
  } catch {
    self.postMessage({ ok: false });
    return;
  }
  const result = importConnections(decoded.text);
  if (!result.ok) {
    self.postMessage({ ok: true, encoding: decoded.encoding, result });
    return;
  }
  // The store's rows, the people as the tools read them and their search index, made here too:
  // the page then only shows them. The connections themselves are the people, not sent twice.
  const rows = packPeople(result.connections);
  const people = peopleOf({ list: { rows }, added: [] });
  self.postMessage({
    ok: true, encoding: decoded.encoding, result: { ...result, connections: [] }, rows, people, index: indexConnections(people),
  });
};
