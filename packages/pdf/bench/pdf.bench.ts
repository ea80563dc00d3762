/**
 * `pnpm bench pdf`: the PDF writer on the kitchen-sink fixture, warm (fonts
 * parsed and pdfmake loaded by `setup`). Budget: the PDF's share of issue 5's
 * "one audience in all three formats warm under 400 ms".
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Document, houseTheme, validateDocument } from "@briefkit/document";
import { toDocDefinition, writePdf } from "../src/index.js";

const fixtures = join(import.meta.dirname, "..", "..", "document", "test", "fixtures");

function load(name: string): Document {
  const doc = validateDocument(
    JSON.parse(readFileSync(join(fixtures, `${name}.json`), "utf8")),
  ).document;
  if (!doc) throw new Error(`fixture ${name} is invalid`);
  return doc;
}

const options = { theme: houseTheme() };
const ctx = { now: new Date("2005-09-08T00:00:00Z"), log: () => {} };

async function warm(name: string) {
  const doc = load(name);
  await writePdf(doc, options, ctx);
  return doc;
}

export default [
  {
    name: "writePdf kitchen-sink (warm)",
    budgetMs: 200,
    setup: () => warm("kitchen-sink"),
    fn: (doc: Document) => writePdf(doc, options, ctx),
  },
  {
    name: "toDocDefinition kitchen-sink (warm)",
    budgetMs: 10,
    setup: () => warm("kitchen-sink"),
    fn: (doc: Document) => toDocDefinition(doc, options, ctx),
  },
  {
    name: "writePdf long-table, 3 pages (warm)",
    budgetMs: 300,
    iterations: 10,
    setup: () => warm("long-table"),
    fn: (doc: Document) => writePdf(doc, options, ctx),
  },
];
