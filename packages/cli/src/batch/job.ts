/**
 * One job of a batch: compose one brief (template × dataset × audience ×
 * parameter values) and write its formats, in memory. It runs in a worker
 * thread of the pool (batch-worker.ts) or, without the compiled worker, in
 * the main thread; either way its answer is plain data that crosses a
 * thread, and its bytes are those of `briefkit build`.
 */
import { type ComposeCache, compose, createComposeCache } from "@briefkit/compose";
import { type Dataset, loadDataset } from "@briefkit/data";
import type { PrintableIssue } from "../issues.js";
import { cliMessages } from "../messages.js";
import { type Format, pdfPageCount, renderJob } from "../writers.js";

/** Everything a job needs, resolved by the main thread: absolute paths, no defaults left. */
export interface BatchJob {
  /** The job's identity in the batch (and its manifest): stable across runs and machines. */
  key: string;
  templateDir: string;
  dataDir: string;
  /** The edition the "changes since" appendix compares with, if there is one. */
  previousDir: string | undefined;
  audience: string;
  /** The brief's language (a canonical BCP 47 tag), or "" for the audience's own. */
  language: string;
  params: Record<string, string>;
  formats: Format[];
  /** The output file names, one per format, in `formats` order. */
  names: string[];
  /** The build date, ISO (SOURCE_DATE_EPOCH or the edition's publication date). */
  now: string;
  cwd: string;
}

export interface JobFile {
  name: string;
  bytes: Uint8Array;
  pages: number | undefined;
}

export type JobResult =
  | { key: string; ok: true; files: JobFile[]; warnings: string[]; ms: number }
  | { key: string; ok: false; issues: PrintableIssue[]; message: string; ms: number };

/** What a thread keeps between its jobs: datasets by folder, parsed templates, rendered charts. */
export interface JobContext {
  datasets: Map<
    string,
    Promise<{ ok: true; dataset: Dataset } | { ok: false; issues: PrintableIssue[] }>
  >;
  compose: ComposeCache;
}

export function createJobContext(): JobContext {
  return { datasets: new Map(), compose: createComposeCache() };
}

function dataset(ctx: JobContext, dir: string) {
  let hit = ctx.datasets.get(dir);
  if (!hit) {
    hit = loadDataset(dir).then((r) =>
      r.ok
        ? { ok: true as const, dataset: r.dataset }
        : { ok: false as const, issues: r.issues.filter((i) => i.severity === "error") },
    );
    ctx.datasets.set(dir, hit);
  }
  return hit;
}

/** Runs one job. Never throws: a failure is its answer, so one job cannot stop the others. */
export async function runJob(job: BatchJob, ctx: JobContext): Promise<JobResult> {
  const started = performance.now();
  const failed = (message: string, issues: PrintableIssue[] = []): JobResult => ({
    key: job.key,
    ok: false,
    issues,
    message,
    ms: performance.now() - started,
  });
  try {
    const data = await dataset(ctx, job.dataDir);
    if (!data.ok) return failed(cliMessages.batchDataInvalid, data.issues);
    let previous: Dataset | undefined;
    if (job.previousDir !== undefined) {
      const before = await dataset(ctx, job.previousDir);
      if (!before.ok) return failed(cliMessages.batchDataInvalid, before.issues);
      previous = before.dataset;
    }
    const result = await compose({
      templateDir: job.templateDir,
      dataset: data.dataset,
      audience: job.audience,
      cache: ctx.compose,
      cwd: job.cwd,
      params: job.params,
      ...(job.language === "" ? {} : { language: job.language }),
      ...(previous ? { previous } : {}),
    });
    if (!result.ok || result.issues.some((i) => i.severity === "error")) {
      return failed(cliMessages.batchComposeFailed, result.issues);
    }
    const warnings: string[] = [];
    const files: JobFile[] = [];
    const now = new Date(job.now);
    for (const [i, format] of job.formats.entries()) {
      const rendered = await renderJob({
        format,
        document: result.document,
        theme: result.theme,
        settings: result.writers,
        now,
      });
      for (const w of rendered.warnings) {
        warnings.push(cliMessages.writerWarning(format, job.audience, w.code, w.message, w.path));
      }
      const pages = format === "pdf" ? pdfPageCount(rendered.bytes) : undefined;
      const max = result.template.maxPages;
      if (pages !== undefined && max !== undefined && pages > max) {
        warnings.push(cliMessages.overLength(job.audience, pages, max));
      }
      files.push({ name: job.names[i]!, bytes: rendered.bytes, pages });
    }
    return { key: job.key, ok: true, files, warnings, ms: performance.now() - started };
  } catch (error) {
    return failed(error instanceof Error ? error.message : String(error));
  }
}
