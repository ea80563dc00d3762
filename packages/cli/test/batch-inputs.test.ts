/**
 * The toolkit's part of a batch's cache key: the code that runs, hashed by
 * content and name, without V8's code cache (its bytes record the script's
 * path, so two checkouts would never share a key).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { hashFolders } from "../src/batch/inputs.js";

const root = mkdtempSync(join(tmpdir(), "briefkit-inputs-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function folder(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

describe("hashFolders", () => {
  it("keys on the code's names and bytes, not on a code cache", () => {
    const a = folder("a", { "core.cjs": "code", "core.cjs.cache": "cache made in /a" });
    const b = folder("b", { "core.cjs": "code", "core.cjs.cache": "cache made in /b" });
    const none = folder("none", { "core.cjs": "code" });
    expect(hashFolders([a])).toBe(hashFolders([b]));
    expect(hashFolders([a])).toBe(hashFolders([none]));
    const changed = folder("changed", { "core.cjs": "code 2" });
    expect(hashFolders([changed])).not.toBe(hashFolders([none]));
    const renamed = folder("renamed", { "core2.cjs": "code" });
    expect(hashFolders([renamed])).not.toBe(hashFolders([none]));
  });
});
