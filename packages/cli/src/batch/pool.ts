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
import { availableParallelism, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { type BatchJob, createJobContext, type JobResult, runJob } from "./job.js";

/** The V8 heap one thread may use, in MB: a full paper in three formats peaks well below it. */
export const THREAD_HEAP_MB = 512;

/**
 * The young generation of a thread, in MB (V8's default is 32 MB of
 * semi-spaces on 64-bit): measured on 50 two-page briefs, 20–30 MB less
 * per thread for 0–9 % more CPU in the extra scavenges. Smaller saved no
 * more and cost more.
 */
export const THREAD_YOUNG_MB = 16;

/**
 * What the batch's process holds besides its threads, in MB of resident
 * memory: Node, the code of the plan and the cache, the plan, and the
 * finished files waiting to be written. Measured: 133 MB when the pool
 * starts, about 150 MB with the 150 files of 50 two-page briefs.
 */
export const MAIN_MEMORY_MB = 150;

/**
 * What one thread adds, in MB of resident memory, measured on 50 two-page
 * briefs in three formats (docs/scale.md#memory): about 150 MB after its
 * first brief, 175–200 MB by its 25th. Most of it is fixed: the isolate
 * and the writers' code (~65 MB), the young generation (THREAD_YOUNG_MB),
 * the fonts' files and HarfBuzz's WebAssembly memory (~40 MB); the rest is
 * heap that grows with the briefs.
 */
export const THREAD_MEMORY_MB = 200;

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

/**
 * The memory bound when --max-memory gives none: the container's (a cgroup
 * limit, as Kubernetes' `resources.limits.memory` sets), else none. Node
 * reports "no limit" as 0, undefined or a number past the machine's memory.
 */
export function defaultMemoryBoundMb(
  constrained: number | undefined = process.constrainedMemory?.(),
  total: number = totalmem(),
): number | undefined {
  if (constrained === undefined || !(constrained > 0) || constrained >= total) return undefined;
  return Math.floor(constrained / 2 ** 20);
}

/**
 * How many threads: as many as `jobs` asks, else one per core; never more
 * than the jobs to run; and, under a memory bound, no more than fit in it
 * beside the main thread at THREAD_MEMORY_MB each (at least one).
 */
export function threadCount(
  jobCount: number,
  options: { jobs?: number | undefined; maxMemoryMb?: number | undefined },
  cores: number,
): number {
  const byMemory =
    options.maxMemoryMb === undefined
      ? Number.POSITIVE_INFINITY
      : Math.max(1, Math.floor((options.maxMemoryMb - MAIN_MEMORY_MB) / THREAD_MEMORY_MB));
  return Math.min(options.jobs ?? cores, jobCount, byMemory);
}

export type PoolMode = { kind: "threads"; size: number } | { kind: "in-process" };

/**
 * Threads (threadCount) when the compiled worker is there, BRIEFKIT_THREADS
 * is not "0" and there are at least two jobs; else the main thread runs
 * them. The memory bound is --max-memory, or the container's. One thread
 * still beats the main thread: measured, 345 MB against 396 MB for 50
 * two-page briefs, the thread's heap being capped and the main thread's not.
 */
export function poolMode(
  jobCount: number,
  options: { jobs?: number | undefined; maxMemoryMb?: number | undefined },
  env: NodeJS.ProcessEnv = process.env,
  cores: number = availableParallelism(),
): PoolMode {
  const size = threadCount(
    jobCount,
    { jobs: options.jobs, maxMemoryMb: options.maxMemoryMb ?? defaultMemoryBoundMb() },
    cores,
  );
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
          resourceLimits: {
            maxOldGenerationSizeMb: THREAD_HEAP_MB,
            maxYoungGenerationSizeMb: THREAD_YOUNG_MB,
          },
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
