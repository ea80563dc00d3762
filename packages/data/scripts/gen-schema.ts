/**
 * Writes schemas/dataset.schema.json (JSON Schema draft 2020-12) from the
 * zod schema in src/schema.ts. Run: `pnpm --filter @briefkit/data schema`.
 * A test fails when the committed file differs from what this writes.
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { datasetJsonSchema } from "../src/schema.js";

const out = resolve(import.meta.dirname, "../../../schemas/dataset.schema.json");
writeFileSync(out, `${JSON.stringify(datasetJsonSchema(), null, 2)}\n`);
console.log(`wrote ${out}`);
