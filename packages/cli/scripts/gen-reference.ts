/**
 * Writes docs/reference/*.md from the code (see src/reference.ts). Run:
 * `pnpm docs:reference`. A test fails when the committed pages differ.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { referencePages } from "../src/reference.js";
import { referenceInputs } from "../src/reference-inputs.js";

const dir = resolve(import.meta.dirname, "../../../docs/reference");
mkdirSync(dir, { recursive: true });
for (const p of referencePages(referenceInputs())) {
  writeFileSync(join(dir, p.file), p.text);
  console.log(`wrote ${join("docs/reference", p.file)}`);
}
