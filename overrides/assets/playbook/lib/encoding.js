/**
 * The text of a file whose encoding is not declared: UTF-8 (with or without
 * a byte-order mark) as LinkedIn writes it, UTF-16 when it starts with its
 * byte-order mark, and otherwise Windows-1252, the superset of Latin-1 that
 * spreadsheet programs save "CSV" in; the caller says so to the reader.
 */

// Windows-1252's characters for the bytes 0x80–0x9F, where it differs from Latin-1.
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

/**
 * Bytes read as Windows-1252, one character per byte.
 * @param {Uint8Array} bytes
 * @returns {string}
 */
export function decodeWindows1252(bytes) {
  const parts = [];
  for (let start = 0; start < bytes.length; start += 8192) {
    const chunk = bytes.subarray(start, start + 8192);
    let text = "";
    for (const byte of chunk) text += byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
    parts.push(text);
  }
  return parts.join("");
}

/**
 * @param {Uint8Array} bytes
 * @returns {{text: string, encoding: "utf-8" | "utf-16le" | "utf-16be" | "windows-1252"}}
 */
export function decodeBytes(bytes) {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: "windows-1252" };
  }
}
