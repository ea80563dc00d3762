/**
 * Writes each fixture of the corpus as DOCX into a folder (default
 * /tmp/briefkit-docx), for looking at in Word or LibreOffice:
 *   tsx --conditions=@briefkit/source scripts/render-fixtures.ts [DIR]
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { houseTheme, validateDocument } from "@briefkit/document";
import { writeDocx } from "../src/index.js";

const out = process.argv[2] ?? "/tmp/briefkit-docx";
const fixtures = join(import.meta.dirname, "../../document/test/fixtures");
mkdirSync(out, { recursive: true });
for (const file of readdirSync(fixtures).filter((f) => f.endsWith(".json"))) {
  const { document } = validateDocument(JSON.parse(readFileSync(join(fixtures, file), "utf8")));
  if (!document) throw new Error(`${file} is not a valid document`);
  const started = performance.now();
  const bytes = await writeDocx(
    document,
    { theme: houseTheme() },
    {
      now: new Date(`${document.meta.date}T00:00:00Z`),
      log: (w) => console.log(`  ${file}: ${w.code} ${w.path}: ${w.message}`),
    },
  );
  const target = join(out, file.replace(/\.json$/, ".docx"));
  writeFileSync(target, bytes);
  console.log(`${target} ${bytes.length} bytes ${Math.round(performance.now() - started)} ms`);
}
