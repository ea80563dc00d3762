#!/usr/bin/env node
/**
 * Process entry of `briefkit`: tunes V8 for a short run, then wires the real
 * streams to `run` and exits.
 */
import { setFlagsFromString } from "node:v8";

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
 * Set before anything else is loaded: the budget applies to functions
 * created after it, and the WebAssembly setting to modules compiled after it.
 */
const V8_FLAGS = ["--interrupt-budget=1000000", "--liftoff-only"];

if (process.env.BRIEFKIT_V8_TUNING !== "0") {
  for (const flag of V8_FLAGS) setFlagsFromString(flag);
}

const { run } = await import("./program.js");

const code = await run(process.argv.slice(2), {
  // pnpm runs scripts from the workspace root; INIT_CWD keeps the user's folder.
  cwd: process.env.INIT_CWD ?? process.cwd(),
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  tty: process.stderr.isTTY === true && !process.env.CI,
  columns: process.stderr.columns,
});
process.exitCode = code;
