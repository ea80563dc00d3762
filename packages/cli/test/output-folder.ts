/**
 * What the write-guarantee tests look at in an output folder: each file's
 * inode and hash, the manifest against the files, and any trace a run left
 * (staging folders, a journal, a lock, `*.tmp-<pid>` files).
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join, relative, resolve } from "node:path";
import { JOURNAL_NAME, LOCK_NAME, MANIFEST_NAME, type Manifest } from "../src/publish.js";

export const root = resolve(import.meta.dirname, "../../..");

export const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Every entry of `dir` but the manifest, by name: inode and sha256 of files, "folder" for folders. */
export function snapshot(dir: string): Record<string, { ino: number; sha256: string } | "folder"> {
  const out: Record<string, { ino: number; sha256: string } | "folder"> = {};
  for (const name of readdirSync(dir).sort()) {
    if (name === MANIFEST_NAME) continue;
    const path = join(dir, name);
    const st = statSync(path);
    out[name] = st.isDirectory() ? "folder" : { ino: st.ino, sha256: sha(readFileSync(path)) };
  }
  return out;
}

/** What a run may leave behind and the next must clear: anything of briefkit's but the manifest. */
export function traces(dir: string): string[] {
  return readdirSync(dir).filter(
    (n) =>
      (n.startsWith(".briefkit-") && n !== MANIFEST_NAME) ||
      n === JOURNAL_NAME ||
      n === LOCK_NAME ||
      /\.tmp-\d+$/.test(n),
  );
}

export function readManifest(dir: string): Manifest | undefined {
  const path = join(dir, MANIFEST_NAME);
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as Manifest) : undefined;
}

/** The files of the manifest whose bytes on disk differ from what it records. */
export function manifestMismatches(dir: string, manifest: Manifest): string[] {
  return manifest.files
    .filter((f) => {
      const path = join(dir, f.name);
      if (!existsSync(path)) return true;
      const bytes = readFileSync(path);
      return bytes.length !== f.bytes || sha(bytes) !== f.sha256;
    })
    .map((f) => f.name);
}

let exited: number | undefined;
/** A pid no process has: one that has just exited. */
export function deadPid(): number {
  exited ??= spawnSync(process.execPath, ["-e", ""]).pid;
  return exited ?? 999_999;
}

/**
 * A copy of templates/russia-japan (same id, so the same file names) with
 * `tag` added to its title: its briefs differ from the real template's in
 * every file.
 */
export function variantTemplate(dir: string, tag: string): string {
  cpSync(join(root, "templates/russia-japan"), dir, { recursive: true });
  const file = join(dir, "template.yaml");
  const text = readFileSync(file, "utf8");
  // The brief's title, and each audience's own (a translated audience sets one): every file changes.
  const changed = text.replace(/^(title| {4}title): [^"'\n]*$/gm, (line) => `${line} (${tag})`);
  if (changed === text) throw new Error(`${file}: no title: line to change`);
  writeFileSync(file, changed);
  return dir;
}

/** Every file below `dir` (links not followed): path → inode and sha256. */
export function treeSnapshot(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = lstatSync(p);
      const key = relative(dir, p);
      if (st.isDirectory()) walk(p);
      else if (st.isSymbolicLink()) result[key] = `link ${st.ino}`;
      else {
        const hash = sha(readFileSync(p));
        result[key] = `${st.ino} ${st.size} ${hash}`;
      }
    }
  };
  if (existsSync(dir)) walk(dir);
  return result;
}
