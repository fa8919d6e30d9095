/**
 * LinkedIn's Connections.csv ("Get a copy of your data"): find the header
 * after LinkedIn's preamble, map the columns by name in any of the interface
 * languages we know, read the dates, and turn rows into connections.
 */

import { parseCSV } from "./csv.js";
import { parseDate, slashOrder } from "./dates.js";

/** The fields of a connection, in the order of LinkedIn's English export. */
export const FIELDS = ["first_name", "last_name", "url", "email", "company", "position", "connected_on"];

// Header names seen in exports from LinkedIn's interface languages, and the
// plain synonyms other tools write. Matching ignores case, accents, hyphens
// and extra spaces, so "E-Mail-Adresse" and "e mail adresse" are the same.
const ALIASES = {
  first_name: [
    "first name", "firstname", "given name", "vorname", "prenom", "nombre", "nome", "primeiro nome",
    "voornaam", "fornavn", "fornamn", "imie",
  ],
  last_name: [
    "last name", "lastname", "surname", "family name", "nachname", "familienname", "nom", "nom de famille",
    "apellido", "apellidos", "sobrenome", "apelido", "ultimo nome", "cognome", "achternaam", "efternavn",
    "etternavn", "efternamn", "nazwisko",
  ],
  url: [
    "url", "profile url", "linkedin url", "profil url", "url du profil", "url del perfil", "url do perfil",
    "url del profilo", "profiel url",
  ],
  email: [
    "email address", "email", "e mail address", "e mail", "e mail adresse", "email adresse", "adresse e mail",
    "adresse email", "adresse electronique", "direccion de correo electronico", "correo electronico",
    "direccion de email", "endereco de e mail", "endereco de email", "indirizzo email", "indirizzo e mail",
    "e mailadres", "e mail adres", "e postadress",
  ],
  company: [
    "company", "organization", "organisation", "unternehmen", "firma", "entreprise", "societe", "empresa",
    "azienda", "societa", "bedrijf", "organisatie", "foretag",
  ],
  position: [
    "position", "title", "job title", "poste", "fonction", "titre", "cargo", "puesto", "posicion", "posizione",
    "ruolo", "functie", "titel", "befattning", "stanowisko",
  ],
  connected_on: [
    "connected on", "connection date", "date connected", "verbunden am", "vernetzt seit", "vernetzt am",
    "connecte le", "connecte depuis", "date de connexion", "conectado el", "conectado desde",
    "fecha de conexion", "conectado em", "data de conexao", "collegato il", "collegato dal",
    "data di collegamento", "verbonden op", "verbonden sinds", "forbundet", "ansluten",
  ],
};

const ALIAS_TO_FIELD = new Map();
for (const [field, names] of Object.entries(ALIASES)) {
  for (const name of names) ALIAS_TO_FIELD.set(normalizeHeader(name), field);
}

/** How far into the file the header row may be; LinkedIn's preamble is about three lines. */
export const HEADER_SEARCH_ROWS = 50;

/**
 * A header cell reduced to what matters for matching: lowercase, no accents,
 * hyphens and underscores as spaces, single spaces, no surrounding space.
 * @param {string} text
 * @returns {string}
 */
export function normalizeHeader(text) {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f\ufeff]/g, "")
    .toLowerCase()
    .replace(/[-_./:]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Which field each column of a header row holds.
 * @param {string[]} cells
 * @returns {Record<string, number>} field name → column index, first match wins.
 */
export function mapColumns(cells) {
  const columns = {};
  cells.forEach((cell, index) => {
    const field = ALIAS_TO_FIELD.get(normalizeHeader(cell));
    if (field && !(field in columns)) columns[field] = index;
  });
  return columns;
}

/**
 * The header row: the first of the leading rows that names both name columns
 * and at least one more known column. LinkedIn puts a "Notes:" preamble of
 * varying length before it, so no fixed number of lines is skipped.
 * @param {string[][]} rows
 * @returns {{index: number, columns: Record<string, number>} | null}
 */
export function findHeader(rows) {
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let index = 0; index < limit; index++) {
    const columns = mapColumns(rows[index]);
    if ("first_name" in columns && "last_name" in columns && Object.keys(columns).length >= 3) {
      return { index, columns };
    }
  }
  return null;
}

/**
 * The stable identity of a connection, used to keep marks across imports:
 * the profile address when there is one, otherwise name, company and date.
 * @param {{url: string, first_name: string, last_name: string, company: string, connected_on: string}} c
 * @returns {string}
 */
export function connectionId(c) {
  const path = profilePath(c.url);
  if (path) return path;
  return ["~", c.first_name, c.last_name, c.company, c.connected_on]
    .map((part) => part.trim().toLowerCase())
    .join("|");
}

/**
 * The profile part of a LinkedIn address ("in/jane-doe-123"), lowercased,
 * or "" when the text is not a LinkedIn profile address.
 * @param {string} url
 * @returns {string}
 */
export function profilePath(url) {
  const match = /^https?:\/\/(?:[a-z]{2,3}\.|www\.)?linkedin\.com\/(in\/[^/?#\s]+)/i.exec(url.trim());
  return match ? decodeSafely(match[1]).toLowerCase() : "";
}

function decodeSafely(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * @typedef {object} Connection
 * @property {string} id
 * @property {string} first_name
 * @property {string} last_name
 * @property {string} url
 * @property {string} email
 * @property {string} company
 * @property {string} position
 * @property {string} connected_on  ISO date (YYYY-MM-DD) or "" when absent or unreadable.
 * @property {number} line          Line of the file the row starts on.
 */

/**
 * @typedef {object} ImportResult
 * @property {boolean} ok                 false when the file is not a connections export.
 * @property {string} [error]             Why not: "empty" or "no-header".
 * @property {Connection[]} connections
 * @property {{line: number, reason: string, detail?: string}[]} skipped  Rows left out, and why.
 * @property {{line: number, code: string, value?: string}[]} warnings   Rows kept with a problem.
 * @property {string[]} missing           Optional columns the file does not have.
 * @property {number} headerLine
 */

/**
 * Read a Connections.csv export into connections, with an account of every
 * row left out and every value that could not be read.
 * @param {string} text
 * @returns {ImportResult}
 */
export function importConnections(text) {
  const empty = { connections: [], skipped: [], warnings: [], missing: [], headerLine: 0 };
  if (text.replace(/^\ufeff/, "").trim() === "") return { ok: false, error: "empty", ...empty };
  const { rows, lines, errors } = parseCSV(text);
  const header = findHeader(rows);
  if (!header) return { ok: false, error: "no-header", ...empty };

  const { columns } = header;
  const width = rows[header.index].length;
  // A quote that is never closed swallows the rest of the file into the last row.
  const brokenRow = errors.length ? rows.length - 1 : -1;
  const dateColumn = columns.connected_on;
  const order = dateColumn === undefined ? "mdy" : slashOrder(rows.slice(header.index + 1).map((r) => r[dateColumn] || ""));

  const connections = [];
  const skipped = [];
  const warnings = [];
  const seen = new Map();
  for (let r = header.index + 1; r < rows.length; r++) {
    const row = rows[r];
    const line = lines[r];
    if (row.every((cell) => cell.trim() === "")) continue;
    if (r === brokenRow) {
      skipped.push({ line, reason: "unterminated-quote", detail: String(errors[0].line) });
      continue;
    }
    if (row.length > width && row.slice(width).some((extra) => extra.trim() !== "")) {
      skipped.push({ line, reason: "too-many-fields" });
      continue;
    }
    const cell = (field) => (columns[field] === undefined ? "" : (row[columns[field]] || "").trim());
    const c = {
      id: "",
      first_name: cell("first_name"),
      last_name: cell("last_name"),
      url: cell("url"),
      email: cell("email"),
      company: cell("company"),
      position: cell("position"),
      connected_on: "",
      line,
    };
    const rawDate = cell("connected_on");
    if (rawDate) {
      const iso = parseDate(rawDate, order);
      if (iso) c.connected_on = iso;
      else warnings.push({ line, code: "bad-date", value: rawDate });
    }
    if (!c.first_name && !c.last_name && !c.url && !c.email && !c.company && !c.position) {
      skipped.push({ line, reason: "no-person" });
      continue;
    }
    c.id = connectionId(c);
    if (seen.has(c.id)) {
      skipped.push({ line, reason: "duplicate", detail: String(seen.get(c.id)) });
      continue;
    }
    seen.set(c.id, line);
    connections.push(c);
  }
  const missing = FIELDS.filter((field) => !(field in columns));
  return { ok: true, connections, skipped, warnings, missing, headerLine: lines[header.index] };
}
