/**
 * The process side of `briefkit`, shared by the entry run from the sources
 * (bin.ts) and the bundle's (launch/bin.ts): V8's tuning for a short run,
 * and the real streams wired to `run`.
 */
import { setFlagsFromString } from "node:v8";
import type { Io } from "./io.js";

/**
 * A build is a few seconds of code that mostly runs a handful of times
 * (docx's layout engine, pdfmake, fontkit: megabytes of it). With V8's
 * defaults, a cold `briefkit build --audience full` on two cores spent about
 * 2.5 s of its 6 s of CPU optimising functions in background threads that
 * competed with the two writer threads, and the process then waited about
 * 0.25 s at exit for HarfBuzz's WebAssembly (the HTML writer's font
 * subsetter) to finish tiering up. So a function must run about fifteen
 * times longer before it is optimised, and WebAssembly stays on its baseline
 * compiler. Neither changes what the code computes: the bundle test compares
 * the binary's bytes with an in-process build under V8's defaults. Measured
 * in `pnpm bench` against BRIEFKIT_V8_TUNING=0, which leaves V8 as it is.
 * The bundle's code cache is made under these flags (V8 refuses a cache
 * made under other flags), so they are set before any of it is compiled.
 */
export const V8_FLAGS = ["--interrupt-budget=1000000", "--liftoff-only"] as const;

/** Sets V8_FLAGS unless BRIEFKIT_V8_TUNING is "0". Call it before anything else is loaded. */
export function tuneV8(env: NodeJS.ProcessEnv = process.env): void {
  if (env.BRIEFKIT_V8_TUNING !== "0") {
    for (const flag of V8_FLAGS) setFlagsFromString(flag);
  }
}

/** Runs the command line on this process's arguments and streams, and sets its exit code. */
export async function start(run: (argv: string[], io: Io) => Promise<number>): Promise<void> {
  process.exitCode = await run(process.argv.slice(2), {
    // pnpm runs scripts from the workspace root; INIT_CWD keeps the user's folder.
    cwd: process.env.INIT_CWD ?? process.cwd(),
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    tty: process.stderr.isTTY === true && !process.env.CI,
    columns: process.stderr.columns,
  });
}
