/**
 * `briefkit batch [FILE]`: many briefs in one process. The jobs (batch/plan.ts)
 * are put in key order, cut to this shard (`--shard I/N`), checked against
 * the cache (the output folder's briefkit-batch.json: same inputs, same bytes
 * on disk → not rebuilt), run on a pool of worker threads (batch/pool.ts),
 * and published.
 *
 * Publishing: the files of every job that succeeded, with the new batch
 * manifest, are one set, written all or nothing into the output folder by
 * src/publish.ts once every job has finished (its lock, journal and recovery
 * as for `briefkit build`). A job that failed writes nothing: its earlier
 * files, if any, stay as they were and leave the manifest. The folder's
 * `.briefkit-outputs.json` (the set `briefkit build` wrote last) is left as
 * it is, or removed when the batch replaces a file it lists.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { hashFolders, sha256, toolkitHash } from "../batch/inputs.js";
import type { BatchJob, JobResult } from "../batch/job.js";
import {
  BATCH_MANIFEST_NAME,
  type BatchEntry,
  BatchManifest,
  manifestText,
} from "../batch/manifest.js";
import { type BatchFlags, planBatch } from "../batch/plan.js";
import { poolMode, runPool } from "../batch/pool.js";
import { createProgress } from "../batch/progress.js";
import { ExitCode, type Io, UsageError } from "../io.js";
import { formatProblem, uniqueIssues } from "../issues.js";
import { cliMessages } from "../messages.js";
import { publishFor } from "../publish.js";
import { VERSION } from "../version.js";
import { parseFormats } from "./build.js";

export interface BatchOptions extends BatchFlags {
  format?: string | undefined;
  out?: string | undefined;
  shard?: string | undefined;
  jobs?: string | undefined;
  maxMemory?: string | undefined;
  cache?: boolean | undefined;
}

/** `I/N` (1-based) or `auto/N` (I = JOB_COMPLETION_INDEX + 1); undefined without --shard. */
export function parseShard(
  value: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): { index: number; count: number } | undefined {
  if (value === undefined) return undefined;
  const m = /^(auto|\d+)\/(\d+)$/.exec(value.trim());
  if (!m) throw new UsageError(cliMessages.badShard(value));
  const count = Number(m[2]);
  let index: number;
  if (m[1] === "auto") {
    const raw = env.JOB_COMPLETION_INDEX;
    if (raw === undefined || !/^\d+$/.test(raw) || Number(raw) >= count) {
      throw new UsageError(cliMessages.badShardIndexEnv(raw));
    }
    index = Number(raw) + 1;
  } else {
    index = Number(m[1]);
  }
  if (count < 1 || index < 1 || index > count) throw new UsageError(cliMessages.badShard(value));
  return { index, count };
}

/** The jobs of shard I of N: every Nth job of the batch in key order, starting at the Ith. */
export function shardJobs<T>(
  jobs: readonly T[],
  shard: { index: number; count: number } | undefined,
): T[] {
  return shard === undefined
    ? [...jobs]
    : jobs.filter((_, i) => i % shard.count === shard.index - 1);
}

function positiveInt(value: string | undefined, min: number, error: (v: string) => string) {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(error(value));
  return Number(value);
}

/** The manifest already in the folder, if it is one; a damaged one is ignored (everything is rebuilt). */
function readOldManifest(path: string): BatchManifest | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const parsed = BatchManifest.safeParse(JSON.parse(readFileSync(path, "utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** True when every file the entry lists is in the folder with the bytes it lists. */
function filesIntact(out: string, entry: BatchEntry): boolean {
  return entry.outputs.every((o) => {
    try {
      const bytes = readFileSync(join(out, o.name));
      return bytes.length === o.bytes && sha256(bytes) === o.sha256;
    } catch {
      return false;
    }
  });
}

function jobLabel(job: BatchJob): string {
  const params = Object.entries(job.params)
    .map(([k, v]) => ` ${k}=${v}`)
    .join("");
  return `${job.names[0]!.replace(/\.[a-z]+$/, "")}${params}`;
}

export async function batchCommand(
  io: Io,
  file: string | undefined,
  options: BatchOptions,
): Promise<ExitCode> {
  const t0 = performance.now();
  if (file !== undefined) {
    for (const [flag, v] of [
      ["--template", options.template],
      ["--data", options.data],
      ["--audience", options.audience],
      ["--language", options.language],
      ["--param", options.param],
      ["--all-params", options.allParams],
    ] as const) {
      if (v !== undefined) throw new UsageError(cliMessages.batchFlagsAndFile(flag));
    }
  }
  const shard = parseShard(options.shard);
  const threads = positiveInt(options.jobs, 1, cliMessages.badJobs);
  const maxMemoryMb = positiveInt(options.maxMemory, 256, cliMessages.badMaxMemory);
  const plan = await planBatch(
    io.cwd,
    file !== undefined ? { file: resolve(io.cwd, file) } : { flags: options },
    {
      out: options.out,
      formats: options.format === undefined ? undefined : parseFormats(options.format),
    },
  );
  const jobs = shardJobs(plan.jobs, shard);
  const outShown = relative(io.cwd, plan.out) || ".";
  io.err(`${cliMessages.batchStart(plan.jobs.length, jobs.length, shard, outShown)}\n`);

  // The inputs of each job, hashed (batch/inputs.ts); folders hashed once each.
  const toolkit = toolkitHash(VERSION);
  const folderHash = new Map<string, string>();
  const hashOf = (dirs: readonly string[]) => {
    const k = dirs.join("\0");
    let h = folderHash.get(k);
    if (h === undefined) {
      h = hashFolders(dirs);
      folderHash.set(k, h);
    }
    return h;
  };
  const rel = (p: string) => relative(io.cwd, p).split("\\").join("/");
  const entries = new Map<string, Omit<BatchEntry, "outputs">>();
  for (const job of jobs) {
    const src = plan.sources.get(job.key)!;
    const options_ = sha256(
      JSON.stringify({
        audience: job.audience,
        language: job.language,
        params: Object.entries(job.params).sort(),
        formats: job.formats,
        names: job.names,
        now: job.now,
      }),
    );
    const inputs = {
      toolkit,
      template: hashOf(src.templateDirs),
      data: hashOf([src.dataDir]),
      previous: src.previousDir === undefined ? null : hashOf([src.previousDir]),
      options: options_,
    };
    entries.set(job.key, {
      key: job.key,
      template: rel(job.templateDir),
      data: rel(job.dataDir),
      audience: job.audience,
      language: job.language,
      params: job.params,
      inputs: { all: sha256(JSON.stringify(inputs)), ...inputs },
    });
  }

  // The cache: a job whose inputs and files are unchanged is not rebuilt.
  const manifestPath = join(plan.out, BATCH_MANIFEST_NAME);
  const old = readOldManifest(manifestPath);
  const oldByKey = new Map((old?.jobs ?? []).map((e) => [e.key, e]));
  const cached = new Map<string, BatchEntry>();
  if (options.cache !== false) {
    for (const job of jobs) {
      const before = oldByKey.get(job.key);
      const now = entries.get(job.key)!;
      if (
        before !== undefined &&
        before.inputs.all === now.inputs.all &&
        JSON.stringify(before.outputs.map((o) => o.name)) === JSON.stringify(job.names) &&
        filesIntact(plan.out, before)
      ) {
        cached.set(job.key, { ...now, outputs: before.outputs });
      }
    }
  }

  const progress = createProgress(io, jobs.length);
  for (const job of jobs) if (cached.has(job.key)) progress.step("cached", jobLabel(job), 0);
  const toBuild = jobs.filter((j) => !cached.has(j.key));
  const mode = poolMode(toBuild.length, { jobs: threads, maxMemoryMb });
  const byKey = new Map(jobs.map((j) => [j.key, j]));
  const results: JobResult[] = await runPool(toBuild, mode, (r) =>
    progress.step(r.ok ? "built" : "failed", jobLabel(byKey.get(r.key)!), r.ms),
  );
  progress.end();

  // The new manifest: every job of this run with its files in the folder.
  const built = results.filter((r): r is Extract<JobResult, { ok: true }> => r.ok);
  const failed = results.filter((r): r is Extract<JobResult, { ok: false }> => !r.ok);
  const listed: BatchEntry[] = [...cached.values()];
  for (const r of built) {
    listed.push({
      ...entries.get(r.key)!,
      outputs: r.files.map((f) => ({
        name: f.name,
        bytes: f.bytes.length,
        sha256: sha256(f.bytes),
      })),
    });
  }
  const manifest: BatchManifest = {
    briefkit: "batch/1",
    ...(shard !== undefined ? { shard } : {}),
    jobs: listed,
  };
  const text = manifestText(manifest);
  const files = built.flatMap((r) => r.files.map((f) => ({ name: f.name, bytes: f.bytes })));
  const unchanged = existsSync(manifestPath) && readFileSync(manifestPath, "utf8") === text;
  if (files.length > 0 || !unchanged) {
    await publishFor(io, plan.out, [
      ...files,
      { name: BATCH_MANIFEST_NAME, bytes: new TextEncoder().encode(text) },
    ]);
  }

  for (const r of built) for (const w of r.warnings) io.err(`${w}\n`);
  for (const r of failed) {
    io.err(`${cliMessages.batchJobFailed(jobLabel(byKey.get(r.key)!), r.message)}\n`);
    for (const i of uniqueIssues(r.issues)) io.err(`  ${formatProblem(i, io.cwd)}\n`);
  }
  const peak = process.resourceUsage().maxRSS * 1024;
  io.out(
    `${cliMessages.batchSummary({
      jobs: jobs.length,
      built: built.length,
      cached: cached.size,
      failed: failed.length,
      files: files.length,
      out: outShown,
      ms: performance.now() - t0,
      peakBytes: peak,
      threads: mode.kind === "threads" ? mode.size : 0,
    })}\n`,
  );
  return failed.length > 0 ? ExitCode.invalidInput : ExitCode.ok;
}
