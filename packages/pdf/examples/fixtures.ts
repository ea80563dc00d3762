/**
 * Writes the fixture corpus as PDFs, to look at them:
 *
 *   npx tsx --conditions=@briefkit/source packages/pdf/examples/fixtures.ts /tmp/briefkit-pdf
 *   pdftoppm -png -r 60 /tmp/briefkit-pdf/kitchen-sink.pdf /tmp/briefkit-pdf/kitchen-sink
 *
 * Prints each file with its size and the writer's warnings.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { houseTheme, validateDocument } from "@briefkit/document";
import { writePdf } from "../src/index.js";

const out = process.argv[2] ?? "out/pdf-fixtures";
const fixtures = join(import.meta.dirname, "..", "..", "document", "test", "fixtures");
mkdirSync(out, { recursive: true });

for (const name of ["kitchen-sink", "long-table", "unicode"]) {
  const { document, issues } = validateDocument(
    JSON.parse(readFileSync(join(fixtures, `${name}.json`), "utf8")),
  );
  if (!document) throw new Error(`${name}: ${issues.map((i) => i.message).join("; ")}`);
  const bytes = await writePdf(
    document,
    { theme: houseTheme() },
    {
      now: new Date(`${document.meta.date}T00:00:00Z`),
      log: (w) => console.log(`  ${name}: ${w.path}: ${w.code}: ${w.message}`),
    },
  );
  const file = join(out, `${name}.pdf`);
  writeFileSync(file, bytes);
  console.log(`${file}  ${bytes.length} bytes`);
}
