#!/usr/bin/env node
/** Process entry of `briefkit`: wires the real streams to `run` and exits. */
import { run } from "./program.js";

const code = await run(process.argv.slice(2), {
  // pnpm runs scripts from the workspace root; INIT_CWD keeps the user's folder.
  cwd: process.env.INIT_CWD ?? process.cwd(),
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
});
process.exitCode = code;
