/** The example, copied for preview tests: they edit the copy, never the repository. */
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const root = resolve(import.meta.dirname, "../../..");

/** The example template and dataset, in a fresh folder laid out like a repository. */
export function exampleCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "briefkit-preview-"));
  for (const d of ["templates/russia-japan", "data/russia-japan/2005"]) {
    cpSync(join(root, d), join(dir, d), { recursive: true });
  }
  return dir;
}
