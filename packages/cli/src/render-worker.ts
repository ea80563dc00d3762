/**
 * A writer thread (see render.ts): writes the files of one format, one at a
 * time, in the order they arrive.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { WorkerReply, WorkerRequest } from "./render.js";
import { type Format, loadWriter, renderJob } from "./writers.js";

const port = parentPort;
if (port === null) throw new Error("render-worker.js runs only as a worker thread");
const { format } = workerData as { format: Format };

// Load the writer while the main thread composes. A failure to load is
// reported by the first job, which awaits the same promise.
loadWriter(format).catch(() => undefined);

async function handle({ id, job }: WorkerRequest): Promise<WorkerReply> {
  try {
    return { id, ok: true, result: await renderJob(job) };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    return { id, ok: false, name: e.name, message: e.message, stack: e.stack };
  }
}

// One file at a time: two interleaved writes would hold two documents' worth of memory and finish no sooner.
let queue: Promise<void> = Promise.resolve();
port.on("message", (request: WorkerRequest) => {
  queue = queue.then(async () => {
    const reply = await handle(request);
    try {
      port.postMessage(reply);
    } catch (error) {
      // A reply that cannot be sent (it cannot be cloned) still answers the job.
      const e = error instanceof Error ? error : new Error(String(error));
      port.postMessage({
        id: request.id,
        ok: false,
        name: e.name,
        message: e.message,
        stack: e.stack,
      });
    }
  });
});
