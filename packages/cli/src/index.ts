/**
 * @briefkit/cli — the `briefkit` command line. The public door is `run`, the
 * in-process entry used by `bin.ts` and by tests.
 */
export type { Io } from "./io.js";
export { run } from "./program.js";
