/**
 * The bundle's one script (dist/bundle/core-<hash>.cjs, see
 * scripts/bundle.mjs and load.ts): the CLI and its two kinds of thread, each
 * imported on demand, so a thread evaluates only the modules it runs.
 */
export const program = () => import("../program.js");
export const renderWorker = () => import("../render-worker.js");
export const batchWorker = () => import("../batch-worker.js");

export type Core = {
  program: typeof program;
  renderWorker: typeof renderWorker;
  batchWorker: typeof batchWorker;
};
