// The request schema in a real JSON language server: vscode-json-languageservice,
// the engine behind VS Code's JSON support. Completion, hover and validation
// must work with the committed schema. Run: `node --test tests/editor/test.mjs`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { getLanguageService } from "vscode-json-languageservice";
import { TextDocument } from "vscode-languageserver-textdocument";

const here = dirname(fileURLToPath(import.meta.url));
const schemaFile = process.env.CREDLINT_SCHEMA ?? join(here, "../../schema/credential-request.schema.json");
const schema = JSON.parse(readFileSync(schemaFile, "utf8"));
const schemaUri = "file:///schema/credential-request.schema.json";

const service = getLanguageService({
  schemaRequestService: async (uri) => {
    throw new Error(`the test loads no schema over the network (${uri})`);
  },
});
service.configure({
  validate: true,
  allowComments: false,
  schemas: [{ uri: schemaUri, fileMatch: ["*.json"], schema }],
});

let counter = 0;
/** A document from text with one `|` marking the cursor. */
function open(textWithCursor) {
  const offset = textWithCursor.indexOf("|");
  const text = textWithCursor.replace("|", "");
  const document = TextDocument.create(`file:///payloads/p${counter++}.json`, "json", 1, text);
  const json = service.parseJSONDocument(document);
  return { document, json, position: offset >= 0 ? document.positionAt(offset) : null };
}

async function labels(textWithCursor) {
  const { document, json, position } = open(textWithCursor);
  const list = await service.doComplete(document, position, json);
  return list.items.map((item) => item.label.replace(/^"|"$/g, ""));
}

test("completion in the top-level object offers the request fields", async () => {
  const offered = await labels('{\n  |\n}');
  for (const field of ["hostname", "ip", "username", "content", "execution_settings", "session_settings", "additional_settings", "jit_settings"]) {
    assert.ok(offered.includes(field), `${field} not offered: ${offered.join(", ")}`);
  }
});

test("completion in session_settings offers the protocol switches, spaces included", async () => {
  const offered = await labels('{"session_settings": {\n  |\n}}');
  for (const field of ["SQL Server", "X11 Forward", "SSH", "RDP", "macros"]) {
    assert.ok(offered.includes(field), `${field} not offered: ${offered.join(", ")}`);
  }
  assert.ok(!offered.includes("hostname"), "top-level fields leak into session_settings");
});

test("completion of additional_settings.criticality offers Low, Medium, High", async () => {
  const offered = await labels('{"additional_settings": {"criticality": |}}');
  for (const value of ["Low", "Medium", "High"]) {
    assert.ok(offered.includes(value), `${value} not offered: ${offered.join(", ")}`);
  }
});

test("hover shows a field's description", async () => {
  const { document, json } = open('{"hostname": "db01", "ip": "10.0.0.1", "username": "a"}');
  const hover = await service.doHover(document, document.positionAt(3), json);
  assert.ok(hover, "no hover on `hostname`");
  const text = JSON.stringify(hover.contents);
  const description = schema.properties.hostname.description;
  assert.ok(description && description.length > 10, "the schema has a description for hostname");
  assert.ok(text.includes(description.slice(0, 30)), `hover lacks the description: ${text}`);
});

test("validation flags an unknown key and accepts a valid payload", async () => {
  const bad = open('{"username": "a", "hostname": "db01", "ip": "10.0.0.1", "hostame": "x"}');
  const problems = await service.doValidation(bad.document, bad.json);
  const unknown = problems.filter((p) => /hostame/.test(p.message) || /not allowed/i.test(p.message));
  assert.ok(unknown.length > 0, `no diagnostic for the unknown key: ${JSON.stringify(problems)}`);
  const at = bad.document.getText(unknown[0].range);
  assert.ok(at.includes("hostame"), `the diagnostic is not on the key: ${at}`);

  const good = open(readFileSync(join(here, "../../fixtures/reference/04-session-settings.json"), "utf8"));
  const none = await service.doValidation(good.document, good.json);
  assert.deepEqual(none.map((p) => p.message), []);
});

test("validation flags a wrong enum value in a nested block", async () => {
  const bad = open('{"username": "a", "hostname": "h", "ip": "10.0.0.1", "additional_settings": {"criticality": "Alto"}}');
  const problems = await service.doValidation(bad.document, bad.json);
  assert.ok(problems.some((p) => bad.document.getText(p.range) === '"Alto"'), JSON.stringify(problems));
});
