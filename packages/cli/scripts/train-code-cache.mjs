/**
 * Saves the code cache of the bundle's script (see src/launch/load.ts):
 * `node --hash-seed=1 --random-seed=1 scripts/train-code-cache.mjs FILE [OUT]`,
 * run by bundle.mjs. OUT defaults to FILE.cache, where the launchers look.
 *
 * It compiles FILE as the launchers do, under the same V8 flags, runs
 * `briefkit new` and `briefkit build` (every format, in this one thread) on
 * a throw-away brief, and writes the bytecode of every function that ran to
 * OUT. The brief is the scaffold's, made by the code itself, so the
 * cache depends on nothing outside the package, and with V8's hash and
 * random seeds fixed the same script in the same folder gives the same
 * bytes (checked by test/bundle.test.ts; V8 records the script's path).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { loadCoreFrom } from "../dist/launch/load.js";
import { tuneV8 } from "../dist/start.js";

const [file, out = `${file}.cache`] = process.argv.slice(2);
if (file === undefined) throw new Error("usage: train-code-cache.mjs CORE.cjs [OUT]");

// The flags of a default run, whatever this shell sets: V8 refuses a cache made under others.
tuneV8({});
// Every format in this thread, so the writers' code is in the cache the writer threads read.
process.env.BRIEFKIT_THREADS = "0";

const { core, createCachedData } = loadCoreFrom(file, false);
const { run } = await core.program();
const work = mkdtempSync(join(tmpdir(), "briefkit-train-"));
try {
  let errors = "";
  const io = { cwd: work, out: () => {}, err: (s) => (errors += s) };
  for (const argv of [
    ["new", "sample", "--edition", "2020", "--date", "2020-06-30"],
    ["build", "--template", "templates/sample", "--out", "out"],
  ]) {
    const code = await run(argv, io);
    if (code !== 0) throw new Error(`briefkit ${argv.join(" ")} exited ${code}:\n${errors}`);
  }
  // bundle.mjs fixed V8's hash and random seeds, so the cache is laid out
  // the same on every build; V8 also records a hash of its flags in it,
  // and refuses the cache in a process whose flags differ, so the seeds
  // are set back to their defaults (the seeds in use stay as they were).
  setFlagsFromString("--hash-seed=0");
  setFlagsFromString("--random-seed=0");
  writeFileSync(out, createCachedData());
} finally {
  rmSync(work, { recursive: true, force: true });
}
