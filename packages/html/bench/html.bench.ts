/**
 * HTML writer benchmarks (`pnpm bench html`): the kitchen-sink fixture written
 * warm (wasm instantiated, font files read), with and without embedded fonts,
 * so the cost of subsetting shows on its own; and the 97-row table.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Document, houseTheme, validateDocument } from "@briefkit/document";
import { type HtmlOptions, writeHtml } from "../src/index.js";

const fixtures = join(import.meta.dirname, "../../document/test/fixtures");

function load(name: string): Document {
  const { document } = validateDocument(
    JSON.parse(readFileSync(join(fixtures, `${name}.json`), "utf8")),
  );
  if (!document) throw new Error(`fixture ${name} does not validate`);
  return document;
}

interface Ctx {
  doc: Document;
  options: HtmlOptions;
}

const ctx = { now: new Date("2005-09-08T00:00:00Z"), log: () => {} };

function setup(name: string, fonts: HtmlOptions["fonts"]): () => Ctx {
  return () => {
    const doc = load(name);
    const options: HtmlOptions = { theme: houseTheme(), fonts };
    writeHtml(doc, options, ctx); // warm: wasm module, font files, cmaps
    return { doc, options };
  };
}

export default [
  {
    name: "kitchen-sink warm (fonts subset)",
    budgetMs: 60,
    setup: setup("kitchen-sink", "subset"),
    fn: (c: Ctx) => writeHtml(c.doc, c.options, ctx),
  },
  {
    name: "kitchen-sink warm (fonts: none)",
    budgetMs: 5,
    setup: setup("kitchen-sink", "none"),
    fn: (c: Ctx) => writeHtml(c.doc, c.options, ctx),
  },
  {
    name: "long-table warm (fonts subset)",
    budgetMs: 60,
    setup: setup("long-table", "subset"),
    fn: (c: Ctx) => writeHtml(c.doc, c.options, ctx),
  },
];
