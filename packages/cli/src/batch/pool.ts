/**
 * The batch's pool of worker threads. Each thread runs whole jobs, one at a
 * time (batch/job.ts), so the pool never holds more than `size` briefs in
 * the making; each thread's V8 heap is capped (`resourceLimits`), and a
 * thread that runs out of it fails its job only: the pool starts another for
 * the jobs left. Finished files wait in the main thread until the batch
 * publishes them.
 *
 * Threads run the compiled `batch-worker.js`. Run from the TypeScript
 * sources (tests, `pnpm briefkit` through tsx), or with BRIEFKIT_THREADS=0,
 * the jobs run one after another in the main thread instead; the bytes are
 * the same.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { type BatchJob, createJobContext, type JobResult, runJob } from "./job.js";

/** The V8 heap one thread may use, in MB: a full paper in three formats peaks well below it. */
export const THREAD_HEAP_MB = 512;

/** The compiled worker next to this module (dist/ or the bundle), if there is one. */
function compiledWorker(): URL | undefined {
  if (!import.meta.url.endsWith(".js")) return undefined;
  // In the bundle this module sits beside batch-worker.js; in dist/ one folder down.
  for (const rel of ["./batch-worker.js", "../batch-worker.js"]) {
    const url = new URL(rel, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}

export type PoolMode = { kind: "threads"; size: number } | { kind: "in-process" };

/**
 * Threads when the compiled worker is there, BRIEFKIT_THREADS is not "0"
 * and there are at least two jobs: as many as `jobs` asks, else one per
 * core, never more than the jobs to run, and no more than the memory bound
 * allows at THREAD_HEAP_MB each.
 */
export function poolMode(
  jobCount: number,
  options: { jobs?: number | undefined; maxMemoryMb?: number | undefined },
  env: NodeJS.ProcessEnv = process.env,
  cores: number = availableParallelism(),
): PoolMode {
  const byMemory = Math.max(
    1,
    Math.floor((options.maxMemoryMb ?? Number.POSITIVE_INFINITY) / THREAD_HEAP_MB),
  );
  const size = Math.min(options.jobs ?? cores, jobCount, byMemory);
  if (env.BRIEFKIT_THREADS === "0" || size < 1 || jobCount < 2 || compiledWorker() === undefined) {
    return { kind: "in-process" };
  }
  return { kind: "threads", size };
}

/**
 * Runs every job and calls `done` as each finishes (in the order they
 * finish). Resolves with every result, in the order of `jobs`.
 */
export async function runPool(
  jobs: readonly BatchJob[],
  mode: PoolMode,
  done: (result: JobResult) => void,
): Promise<JobResult[]> {
  const results = new Map<string, JobResult>();
  const finish = (r: JobResult) => {
    results.set(r.key, r);
    done(r);
  };
  if (mode.kind === "in-process") {
    const ctx = createJobContext();
    for (const job of jobs) finish(await runJob(job, ctx));
  } else {
    const url = compiledWorker()!;
    const queue = [...jobs];
    const thread = async (): Promise<void> => {
      while (queue.length > 0) {
        const worker = new Worker(url, {
          resourceLimits: { maxOldGenerationSizeMb: THREAD_HEAP_MB },
        });
        // One worker runs jobs until it dies; then a fresh one takes the next job.
        const alive = await serve(worker, queue, finish);
        if (alive) await worker.terminate();
      }
    };
    await Promise.all(Array.from({ length: mode.size }, thread));
  }
  return jobs.map((j) => results.get(j.key)!);
}

/**
 * Feeds `worker` jobs from `queue` one at a time until the queue is empty
 * (true) or the worker dies (false: its job failed with the reason).
 */
function serve(
  worker: Worker,
  queue: BatchJob[],
  finish: (r: JobResult) => void,
): Promise<boolean> {
  return new Promise((resolve) => {
    let current: { job: BatchJob; started: number } | undefined;
    let over = false;
    const next = () => {
      const job = queue.shift();
      if (job === undefined) {
        over = true;
        resolve(true);
        return;
      }
      current = { job, started: performance.now() };
      worker.postMessage(job);
    };
    const died = (reason: string) => {
      if (over) return;
      over = true;
      if (current !== undefined) {
        finish({
          key: current.job.key,
          ok: false,
          issues: [],
          message: reason,
          ms: performance.now() - current.started,
        });
      }
      resolve(false);
    };
    worker.on("message", (result: JobResult) => {
      current = undefined;
      finish(result);
      next();
    });
    worker.on("error", (error: Error & { code?: string }) =>
      died(
        error.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? `the job ran out of memory (its thread may use ${THREAD_HEAP_MB} MB)`
          : `the job's thread failed: ${error.message}`,
      ),
    );
    worker.on("messageerror", (error) => {
      // An answer that cannot be read: the job fails, and a fresh thread takes the rest.
      died(`the job's answer could not be read: ${error.message}`);
      void worker.terminate();
    });
    worker.on("exit", (code) => died(`the job's thread stopped (exit code ${code})`));
    next();
  });
}
