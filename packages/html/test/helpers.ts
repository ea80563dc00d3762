/** Test helpers: the shared fixture corpus, a collecting context, and golden normalisation. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  type Document,
  houseTheme,
  validateDocument,
  type WriterWarning,
} from "@briefkit/document";
import { type HtmlOptions, writeHtml } from "../src/index.js";

export const fixtureNames = ["kitchen-sink", "long-table", "unicode", "tracked-changes"] as const;

const fixtureDir = join(import.meta.dirname, "../../document/test/fixtures");

export function fixture(name: string): Document {
  const raw: unknown = JSON.parse(readFileSync(join(fixtureDir, `${name}.json`), "utf8"));
  const { document, issues } = validateDocument(raw);
  if (!document) throw new Error(`${name}: ${issues.map((i) => i.message).join("; ")}`);
  return document;
}

export const theme = houseTheme();

export function render(
  doc: Document,
  options: Partial<HtmlOptions> = {},
): { html: string; warnings: WriterWarning[] } {
  const warnings: WriterWarning[] = [];
  const html = writeHtml(
    doc,
    { theme, ...options },
    { now: new Date(`${doc.meta.date}T00:00:00Z`), log: (w) => warnings.push(w) },
  );
  return { html, warnings };
}

/**
 * Goldens pin structure and CSS, not font bytes: the embedded WOFF data (and
 * the CSP hash over the stylesheet that holds it) change with HarfBuzz
 * releases, and are checked by the font and determinism tests instead.
 */
export function forGolden(html: string): string {
  return html
    .replace(/base64,[A-Za-z0-9+/=]+\) format\("woff"\)/g, 'base64,<woff subset>) format("woff")')
    .replace(/'sha256-[A-Za-z0-9+/=]+'/g, "'sha256-<stylesheet hash>'");
}

/** A deep copy of a document, for tests that break it on purpose (as an unvalidated input could be). */
export function copy(doc: Document): Document {
  return structuredClone(doc);
}
