/**
 * Where files are written. PDF and DOCX each take a second or more on a cold
 * start, most of it their own work (pdfmake's text layout; the DOCX page
 * estimate for the table of contents). The DOCX gets a worker thread: it
 * starts with the command and loads its writer while this thread loads the
 * data and composes, then writes the DOCX while this thread writes the PDF
 * and the HTML. The writers are pure functions of the document, so the
 * bytes are the same on either path.
 *
 * The threads run the compiled `render-worker.js`. Run from the TypeScript
 * sources (tests, `pnpm brief` through tsx), or with BRIEFKIT_THREADS=0,
 * everything is written in this thread instead.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { type Format, type Rendered, type RenderJob, renderJob } from "./writers.js";

export type RenderMode = "threads" | "in-process";

/** A job sent to a writer thread, and its answer. */
export interface WorkerRequest {
  id: number;
  job: RenderJob;
}
export type WorkerReply =
  | { id: number; ok: true; result: Rendered }
  | { id: number; ok: false; name: string; message: string; stack: string | undefined };

export interface Renderer {
  /** Whether this format is written in a thread of its own (else in this one, when awaited). */
  threaded(format: Format): boolean;
  render(job: RenderJob): Promise<Rendered>;
  /** Stops the threads. Always call it: a live thread keeps the process running. */
  close(): Promise<void>;
}

/**
 * Formats written in a thread of their own: DOCX only. A second thread for
 * the PDF measured no faster on two cores (the writers' JIT compilation and
 * GC already keep the second core busy) and took the peak memory of a full
 * build from about 380 MB to 440 MB. HTML takes tens of milliseconds.
 */
const THREADED: ReadonlySet<Format> = new Set(["docx"]);

function compiledWorker(): URL | undefined {
  if (!import.meta.url.endsWith(".js")) return undefined;
  const url = new URL("./render-worker.js", import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : undefined;
}

/**
 * Threads when the compiled worker is there, the machine has a second core
 * for it, and BRIEFKIT_THREADS is not "0". On one core a thread only adds
 * its memory.
 */
export function defaultRenderMode(
  env: NodeJS.ProcessEnv = process.env,
  cores: number = availableParallelism(),
): RenderMode {
  return env.BRIEFKIT_THREADS !== "0" && cores > 1 && compiledWorker() !== undefined
    ? "threads"
    : "in-process";
}

interface WriterThread {
  render(job: RenderJob): Promise<Rendered>;
  close(): Promise<void>;
}

function startThread(url: URL, format: Format): WriterThread {
  const worker = new Worker(url, { workerData: { format } });
  const pending = new Map<number, { resolve: (r: Rendered) => void; reject: (e: Error) => void }>();
  let next = 0;
  let failure: Error | undefined;
  const failAll = (error: Error) => {
    failure ??= error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.on("message", (reply: WorkerReply) => {
    const p = pending.get(reply.id);
    if (p === undefined) return;
    pending.delete(reply.id);
    if (reply.ok) p.resolve(reply.result);
    else {
      // The writer's own error, with its stack, as if it had been thrown here.
      const error = new Error(reply.message);
      error.name = reply.name;
      if (reply.stack !== undefined) error.stack = reply.stack;
      p.reject(error);
    }
  });
  worker.on("error", failAll);
  worker.on("messageerror", failAll);
  worker.on("exit", (code) => {
    failAll(new Error(`the ${format} writer thread stopped (exit code ${code})`));
  });
  return {
    render: (job) =>
      failure !== undefined
        ? Promise.reject(failure)
        : new Promise((resolve, reject) => {
            const id = next++;
            pending.set(id, { resolve, reject });
            worker.postMessage({ id, job } satisfies WorkerRequest);
          }),
    close: async () => {
      await worker.terminate();
    },
  };
}

/**
 * A renderer for these formats. In "threads" mode each threaded format's
 * thread starts now, so create it before the slow work it should overlap.
 */
export function createRenderer(formats: readonly Format[], mode: RenderMode): Renderer {
  const url = mode === "threads" ? compiledWorker() : undefined;
  const threads = new Map<Format, WriterThread>();
  if (url !== undefined) {
    for (const f of formats) if (THREADED.has(f)) threads.set(f, startThread(url, f));
  }
  // Jobs written here run one after another, as in a thread: interleaved at
  // their awaits, they would hold every document's layout in memory at once.
  let local: Promise<unknown> = Promise.resolve();
  const renderHere = (job: RenderJob): Promise<Rendered> => {
    const done = local.then(() => renderJob(job));
    local = done.catch(() => undefined);
    return done;
  };
  return {
    threaded: (format) => threads.has(format),
    render: (job) => threads.get(job.format)?.render(job) ?? renderHere(job),
    close: async () => {
      await Promise.all([...threads.values()].map((t) => t.close()));
    },
  };
}
