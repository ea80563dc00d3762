/**
 * Loads the bundle's one script with V8's code cache.
 *
 * Node 20 has no code cache for ES modules (`module.enableCompileCache` is
 * Node 22), so the bundle's code is one CommonJS script, compiled here with
 * `vm.Script` and the bytecode `pnpm build` saved beside it
 * (scripts/train-code-cache.mjs runs a build of a small brief and saves
 * every function it compiled). A cold build then skips parsing and
 * compiling most of its eight megabytes of JavaScript in each thread.
 *
 * The cache is only a shortcut: V8 checks it against its own version, its
 * flags and the script, and compiles from source when it does not fit (a
 * cache made by another Node, BRIEFKIT_V8_TUNING=0); a missing or unreadable
 * cache file is the same as none. The script's name carries a hash of its
 * contents, and the cache file takes that name, so a cache never meets
 * another script of the same length (V8's own check compares lengths).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";
import type { Core } from "./core.js";

/** The script's file name, set by scripts/bundle.mjs when it bundles this loader. */
declare const BRIEFKIT_CORE: string;

/** What happened to the code cache: used, refused by V8 (then compiled from source), or not there. */
export type CacheUse = "used" | "rejected" | "absent";

export interface LoadedCore {
  core: Core;
  cache: CacheUse;
  /** The bytecode V8 holds now for the script: what the trainer saves after its build. */
  createCachedData(): Buffer;
}

/** The bundle's folder: this loader is bundled into each launcher in it. */
const bundleDir = dirname(fileURLToPath(import.meta.url));

export function coreFile(): string {
  return join(bundleDir, BRIEFKIT_CORE);
}

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** The bundle's script, with its code cache. */
export function loadCore(): LoadedCore {
  return loadCoreFrom(coreFile(), true);
}

/** Compiles and runs a script (with its cache unless `useCache` is false) and returns its exports. */
export function loadCoreFrom(file: string, useCache: boolean): LoadedCore {
  const cachedData = useCache ? readCache(`${file}.cache`) : undefined;
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, "utf8")}\n})`;
  const script = new Script(source, { filename: file, cachedData });
  const module = { exports: {} as Core };
  const init = script.runInThisContext() as (...args: unknown[]) => void;
  init.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return {
    core: module.exports,
    cache: cachedData === undefined ? "absent" : script.cachedDataRejected ? "rejected" : "used",
    createCachedData: () => script.createCachedData(),
  };
}
