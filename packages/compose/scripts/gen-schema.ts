/**
 * Writes schemas/template.schema.json from the zod schema of template.yaml.
 * Run: `pnpm --filter @briefkit/compose schema`. A test fails when the
 * committed file differs from what this writes.
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { templateJsonSchema } from "../src/template-schema.js";

const out = resolve(import.meta.dirname, "../../../schemas/template.schema.json");
writeFileSync(out, `${JSON.stringify(templateJsonSchema(), null, 2)}\n`);
console.log(`wrote ${out}`);
