/**
 * Writes each fixture's HTML to /tmp/briefkit-html/<name>.html and prints the
 * warnings: a quick look without the test suite.
 * Run: npx tsx --conditions=@briefkit/source scripts/render-fixtures.ts
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { houseTheme, validateDocument } from "@briefkit/document";
import { writeHtml } from "../src/index.js";

const fixtures = join(import.meta.dirname, "../../document/test/fixtures");
const out = "/tmp/briefkit-html";
mkdirSync(out, { recursive: true });
for (const name of ["kitchen-sink", "long-table", "unicode"]) {
  const { document, issues } = validateDocument(
    JSON.parse(readFileSync(join(fixtures, `${name}.json`), "utf8")),
  );
  if (!document) throw new Error(`${name}: ${JSON.stringify(issues)}`);
  const t = performance.now();
  const html = writeHtml(
    document,
    { theme: houseTheme() },
    {
      now: new Date(`${document.meta.date}T00:00:00Z`),
      log: (w) => console.log(`  ${name}: ${w.code} ${w.path}: ${w.message}`),
    },
  );
  writeFileSync(join(out, `${name}.html`), html);
  console.log(`${name}: ${html.length} chars, ${(performance.now() - t).toFixed(1)} ms`);
}
