/**
 * A batch thread (see batch/pool.ts): runs whole jobs, one at a time, and
 * keeps its datasets, parsed templates and rendered charts between them.
 */
import { parentPort } from "node:worker_threads";
import { type BatchJob, createJobContext, runJob } from "./batch/job.js";

const port = parentPort;
if (port === null) throw new Error("batch-worker.js runs only as a worker thread");
const ctx = createJobContext();

port.on("message", async (job: BatchJob) => {
  const result = await runJob(job, ctx);
  // The files' bytes move to the main thread instead of being copied.
  const transfer = result.ok ? result.files.map((f) => f.bytes.buffer as ArrayBuffer) : [];
  port.postMessage(result, [...new Set(transfer)]);
});
