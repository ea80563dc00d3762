/**
 * The bundle's batch thread (dist/bundle/batch-worker.js): ../batch-worker.ts
 * from the bundle's script. V8's flags are the process's, set by the main
 * thread before it started this one.
 */
import { loadCore } from "./load.js";

await loadCore().core.batchWorker();
