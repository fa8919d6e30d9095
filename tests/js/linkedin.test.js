import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import {
  connectionId,
  findHeader,
  importConnections,
  mapColumns,
  profilePath,
} from "../../overrides/assets/playbook/lib/linkedin.js";
import { parseCSV } from "../../overrides/assets/playbook/lib/csv.js";
import { makeConnectionsCSV } from "./helpers/connections.js";

const FIXTURE = readFileSync(new URL("./fixtures/Connections.csv", import.meta.url), "utf8");

test("the header is found after LinkedIn's Notes preamble", () => {
  const { rows } = parseCSV(FIXTURE);
  const header = findHeader(rows);
  assert.equal(header.index, 3, "Notes:, the quoted paragraph and the blank line come first");
  assert.deepEqual(header.columns, {
    first_name: 0, last_name: 1, url: 2, email: 3, company: 4, position: 5, connected_on: 6,
  });
});

test("the header is found whatever the length of the preamble", () => {
  const longer = 'Notes:\n"one"\n"two, with a comma"\n\nsome other line\n\nFirst Name,Last Name,URL\nA,B,https://www.linkedin.com/in/ab\n';
  const result = importConnections(longer);
  assert.equal(result.ok, true);
  assert.equal(result.headerLine, 7);
  assert.equal(result.connections[0].first_name, "A");
  assert.equal(importConnections("First Name,Last Name,Company\nA,B,C\n").headerLine, 1, "no preamble at all");
});

test("the fixture imports every person, with commas, quotes and line breaks intact", () => {
  const result = importConnections(FIXTURE);
  assert.equal(result.ok, true);
  assert.equal(result.connections.length, 8);
  assert.deepEqual(result.skipped, []);
  assert.deepEqual(result.warnings, []);
  const byUrl = Object.fromEntries(result.connections.map((c) => [c.url.split("/in/")[1], c]));
  assert.equal(byUrl["ada-lovelace-1815"].company, "Analytical Engines, Ltd.");
  assert.equal(byUrl["ada-lovelace-1815"].connected_on, "2024-03-12");
  assert.equal(byUrl["grace-hopper"].position, "Rear Admiral, retired");
  assert.equal(byUrl["grace-hopper"].email, "grace@example.com");
  assert.equal(byUrl["grace-hopper"].connected_on, "2024-03-15");
  assert.equal(byUrl["linus-example"].position, "Maintainer\nand release manager");
  assert.equal(byUrl["jl-obrien"].last_name, 'O"Brien');
  assert.equal(byUrl["jl-obrien"].company, 'The "Best" Company');
  assert.equal(byUrl["xss-tester"].first_name, "<img src=x onerror=alert(1)>");
  assert.equal(byUrl["jose-munoz"].last_name, "Muñoz");
  assert.equal(byUrl["jose-munoz"].connected_on, "2019-04-01");
  assert.equal(byUrl["rita-recruiter"].connected_on, "2020-07-04");
});

test("a row without names is kept, and rows keep their line numbers", () => {
  const result = importConnections(FIXTURE);
  const nameless = result.connections.find((c) => c.url.endsWith("private-member"));
  assert.equal(nameless.first_name, "");
  assert.equal(nameless.last_name, "");
  assert.equal(nameless.line, 9, "the two-line position above pushes it to line 9");
});

test("a German export is mapped by its column names", () => {
  const text =
    "Notes:\n\"Hinweis\"\n\nVorname,Nachname,URL,E-Mail-Adresse,Unternehmen,Position,Verbunden am\n" +
    "Hans,Beispiel,https://www.linkedin.com/in/hans,hans@example.de,\"Müller, Schmidt & Co. KG\",Entwickler,03 Apr 2022\n" +
    "Erika,Muster,https://www.linkedin.com/in/erika,,Beispiel AG,CTO,12 Mär 2023\n";
  const result = importConnections(text);
  assert.equal(result.ok, true);
  assert.deepEqual(result.missing, []);
  assert.deepEqual(
    result.connections.map((c) => [c.first_name, c.email, c.company, c.connected_on]),
    [
      ["Hans", "hans@example.de", "Müller, Schmidt & Co. KG", "2022-04-03"],
      ["Erika", "", "Beispiel AG", "2023-03-12"],
    ],
  );
});

test("French, Spanish, Portuguese, Italian and Dutch headers are recognized", () => {
  const headers = {
    fr: "Prénom,Nom,URL,Adresse e-mail,Entreprise,Poste,Connecté le",
    es: "Nombre,Apellidos,URL,Dirección de correo electrónico,Empresa,Cargo,Conectado el",
    pt: "Nome,Sobrenome,URL,Endereço de e-mail,Empresa,Cargo,Conectado em",
    it: "Nome,Cognome,URL,Indirizzo email,Azienda,Posizione,Collegato il",
    nl: "Voornaam,Achternaam,URL,E-mailadres,Bedrijf,Functie,Verbonden op",
  };
  for (const [language, header] of Object.entries(headers)) {
    const columns = mapColumns(header.split(","));
    assert.deepEqual(Object.keys(columns).sort(), [
      "company", "connected_on", "email", "first_name", "last_name", "position", "url",
    ], language);
  }
});

test("columns are found by name in any order, and optional columns may be missing", () => {
  const text = "Company,Last Name,First Name\nAcme,Doe,Jane\n";
  const result = importConnections(text);
  assert.equal(result.ok, true);
  assert.deepEqual(result.missing, ["url", "email", "position", "connected_on"]);
  assert.deepEqual(
    [result.connections[0].first_name, result.connections[0].last_name, result.connections[0].company],
    ["Jane", "Doe", "Acme"],
  );
  assert.equal(result.connections[0].url, "");
});

test("a file that is not a connections export is refused", () => {
  assert.deepEqual(
    [importConnections("Date,Amount\n2024-01-01,12\n").ok, importConnections("Date,Amount\n").error],
    [false, "no-header"],
  );
  assert.equal(importConnections("First Name,Last Name\nA,B\n").error, "no-header", "names alone are too little");
  assert.equal(importConnections("").error, "empty");
  assert.equal(importConnections("\ufeff \n\n").error, "empty");
});

test("rows that cannot be imported are skipped with a reason and their line", () => {
  const text =
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" +
    "A,One,https://www.linkedin.com/in/a1,,X,Y,12 Mar 2024\n" +
    ",,,,,,01 Jan 2020\n" +
    "A,One again,https://www.linkedin.com/in/A1/,,X,Y,12 Mar 2024\n" +
    "B,Two,https://www.linkedin.com/in/b2,,X,Y,12 Mar 2024,surprise\n" +
    "\n" +
    "C,Three,https://www.linkedin.com/in/c3,,X,Y,31 Feb 2024\n";
  const result = importConnections(text);
  assert.deepEqual(result.connections.map((c) => c.last_name), ["One", "Three"]);
  assert.deepEqual(result.skipped, [
    { line: 3, reason: "no-person" },
    { line: 4, reason: "duplicate", detail: "2" },
    { line: 5, reason: "too-many-fields" },
  ]);
  assert.deepEqual(result.warnings, [{ line: 7, code: "bad-date", value: "31 Feb 2024" }]);
  assert.equal(result.connections[1].connected_on, "", "an unreadable date is left empty, the person kept");
});

test("an unterminated quote skips the broken row and keeps the ones before", () => {
  const text = "First Name,Last Name,Company\nA,One,X\nB,Two,\"Broken\nC,Three,Y\n";
  const result = importConnections(text);
  assert.deepEqual(result.connections.map((c) => c.first_name), ["A"]);
  assert.deepEqual(result.skipped, [{ line: 3, reason: "unterminated-quote", detail: "3" }]);
});

test("a byte-order mark and CRLF line ends change nothing", () => {
  const plain = importConnections(FIXTURE);
  const windows = importConnections(`\ufeff${FIXTURE.replace(/\n/g, "\r\n")}`);
  assert.equal(windows.connections.length, plain.connections.length);
  assert.equal(
    windows.connections.find((c) => c.first_name === "Linus").position,
    "Maintainer\r\nand release manager",
  );
  assert.deepEqual(
    windows.connections.map((c) => c.id),
    plain.connections.map((c) => c.id),
  );
});

test("slash dates are read day first when the file shows it", () => {
  const text = "First Name,Last Name,Company,Connected On\nA,B,X,15/03/2024\nC,D,Y,04/05/2024\n";
  assert.deepEqual(importConnections(text).connections.map((c) => c.connected_on), ["2024-03-15", "2024-05-04"]);
  const us = "First Name,Last Name,Company,Connected On\nA,B,X,03/15/2024\nC,D,Y,04/05/2024\n";
  assert.deepEqual(importConnections(us).connections.map((c) => c.connected_on), ["2024-03-15", "2024-04-05"]);
});

test("connection ids: the profile path, else names, company and date", () => {
  assert.equal(profilePath("https://www.linkedin.com/in/Jane-Doe-42/?trk=x"), "in/jane-doe-42");
  assert.equal(profilePath("http://linkedin.com/in/j%C3%BCrgen"), "in/jürgen");
  assert.equal(profilePath("javascript:alert(1)//linkedin.com/in/x"), "");
  const base = { url: "", first_name: "Jane", last_name: "Doe", company: "Acme", connected_on: "2024-01-02" };
  assert.equal(connectionId(base), "~|jane|doe|acme|2024-01-02");
  assert.equal(connectionId({ ...base, url: "https://www.linkedin.com/in/jdoe" }), "in/jdoe");
});

test("30,000 connections import whole", () => {
  const text = makeConnectionsCSV(30000);
  const result = importConnections(text);
  assert.equal(result.ok, true);
  assert.equal(result.connections.length, 30000);
  assert.deepEqual(result.skipped, []);
  assert.deepEqual(result.warnings, []);
  assert.equal(result.connections[2].company, "Globex, Inc.");
  assert.equal(result.connections[0].first_name, "", "every 997th row has no name and is kept");
});
