/**
 * `briefkit manifest merge A.json B.json … --out MERGED.json`: the shards'
 * batch manifests joined into the manifest of the whole batch, byte for byte
 * what one unsharded run writes. Conflicting entries (one job with other
 * inputs or other bytes, one file name from two jobs, shards of different
 * splits) are refused, every one named, and nothing is written.
 */
import { readFileSync } from "node:fs";
import { basename, dirname, relative, resolve } from "node:path";
import { parseYaml, validateYaml } from "@briefkit/data";
import { assertNever } from "@briefkit/document";
import {
  BatchManifest,
  type MergeConflict,
  manifestText,
  mergeManifests,
} from "../batch/manifest.js";
import { ExitCode, InputError, type Io, UsageError } from "../io.js";
import type { PrintableIssue } from "../issues.js";
import { cliMessages } from "../messages.js";
import { publishFor } from "../publish.js";

function conflictText(c: MergeConflict, shown: (f: string) => string): string {
  switch (c.kind) {
    case "job":
      return cliMessages.mergeJobConflict(c.key, shown(c.files[0]), shown(c.files[1]), c.what);
    case "output":
      return cliMessages.mergeOutputConflict(
        c.name,
        c.keys[0],
        c.keys[1],
        shown(c.files[0]),
        shown(c.files[1]),
      );
    case "shard-count":
      return cliMessages.mergeShardCount(
        c.counts[0],
        c.counts[1],
        shown(c.files[0]),
        shown(c.files[1]),
      );
    default:
      return assertNever(c);
  }
}

export async function manifestMergeCommand(
  io: Io,
  files: readonly string[],
  options: { out?: string | undefined },
): Promise<ExitCode> {
  if (options.out === undefined) throw new UsageError(cliMessages.mergeNeedsOut);
  const shown = (f: string) => relative(io.cwd, f) || f;
  const problems: PrintableIssue[] = [];
  const inputs: Array<{ file: string; manifest: BatchManifest }> = [];
  for (const given of files) {
    const file = resolve(io.cwd, given);
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      throw new UsageError(cliMessages.mergeUnreadable(given, (error as Error).message));
    }
    // JSON is YAML: the positioned parser gives every problem its line and column.
    const yaml = parseYaml(text, { positions: "eager" });
    if (!yaml.ok) {
      for (const p of yaml.problems) {
        problems.push({
          code: "manifest-json",
          severity: "error",
          file,
          ...p.at,
          message: p.message,
        });
      }
      continue;
    }
    const parsed = validateYaml(yaml, BatchManifest);
    if (!parsed.ok) {
      for (const p of parsed.problems) {
        problems.push({
          code: "manifest-schema",
          severity: "error",
          file,
          ...p.at,
          message: p.message,
          hint: p.hint,
        });
      }
      continue;
    }
    inputs.push({ file, manifest: parsed.value });
  }
  if (problems.length > 0) throw new InputError(cliMessages.mergeInvalid, problems);
  const merged = mergeManifests(inputs);
  if (!merged.ok) {
    throw new InputError(merged.conflicts.map((c) => conflictText(c, shown)).join("\n"));
  }
  if (merged.missingShards.length > 0) {
    io.err(`${cliMessages.mergeMissingShards(merged.missingShards)}\n`);
  }
  const out = resolve(io.cwd, options.out);
  await publishFor(io, dirname(out), [
    { name: basename(out), bytes: new TextEncoder().encode(manifestText(merged.manifest)) },
  ]);
  const outputs = merged.manifest.jobs.reduce((n, j) => n + j.outputs.length, 0);
  io.out(
    `${cliMessages.mergeSummary(inputs.length, merged.manifest.jobs.length, outputs, shown(out))}\n`,
  );
  return ExitCode.ok;
}
