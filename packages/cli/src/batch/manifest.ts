/**
 * The batch manifest, `briefkit-batch.json` in the output folder: every job
 * of the batch that has its files there, in job-key order, with the hashes
 * of its inputs (batch/inputs.ts) and the size and SHA-256 of each file. It
 * is the batch's cache (a job whose inputs hash the same and whose files
 * still have these bytes is not rebuilt) and the record a reader checks the
 * files against.
 *
 * It holds nothing of the run itself (no clock, no host, no timings), so one
 * batch gives the same bytes wherever it runs, and the shards' manifests,
 * merged (`briefkit manifest merge`), give the bytes of one unsharded run.
 */
import { z } from "zod";

export const BATCH_MANIFEST_NAME = "briefkit-batch.json";

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const FileName = z
  .string()
  .regex(/^[^/\\\0]+$/)
  .refine((n) => n !== "." && n !== "..");

export const BatchEntry = z.strictObject({
  key: z.string().min(1),
  template: z.string(),
  data: z.string(),
  audience: z.string(),
  language: z.string(),
  params: z.record(z.string(), z.string()),
  inputs: z.strictObject({
    /** One hash over all of the below: the cache key. */
    all: Sha256,
    toolkit: Sha256,
    template: Sha256,
    data: Sha256,
    previous: Sha256.nullable(),
    options: Sha256,
  }),
  outputs: z.array(z.strictObject({ name: FileName, bytes: z.int().min(0), sha256: Sha256 })),
});
export type BatchEntry = z.infer<typeof BatchEntry>;

export const BatchManifest = z.strictObject({
  briefkit: z.literal("batch/1"),
  /** Set in a shard's manifest (`--shard I/N`, I 1-based); a merged or unsharded one has none. */
  shard: z.strictObject({ index: z.int().min(1), count: z.int().min(1) }).optional(),
  jobs: z.array(BatchEntry),
});
export type BatchManifest = z.infer<typeof BatchManifest>;

/** The manifest's text: jobs in key order, two-space JSON, a final newline. */
export function manifestText(manifest: BatchManifest): string {
  const jobs = [...manifest.jobs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return `${JSON.stringify({ ...manifest, jobs }, null, 2)}\n`;
}

/** Why two manifests cannot be merged. */
export type MergeConflict =
  | { kind: "job"; key: string; files: [string, string]; what: string }
  | { kind: "output"; name: string; keys: [string, string]; files: [string, string] }
  | { kind: "shard-count"; counts: [number, number]; files: [string, string] };

/**
 * The union of the manifests' jobs, without `shard`. A job listed twice must
 * be listed identically; one file name may belong to one job only; shards
 * must be of one split (the same N). Missing shards are returned, not
 * refused: a partial merge is allowed, and said.
 */
export function mergeManifests(
  inputs: ReadonlyArray<{ file: string; manifest: BatchManifest }>,
):
  | { ok: true; manifest: BatchManifest; missingShards: number[] }
  | { ok: false; conflicts: MergeConflict[] } {
  const conflicts: MergeConflict[] = [];
  const jobs = new Map<string, { entry: BatchEntry; file: string }>();
  const owners = new Map<string, { key: string; file: string }>();
  let split: { count: number; file: string } | undefined;
  const shards = new Set<number>();
  for (const { file, manifest } of inputs) {
    if (manifest.shard !== undefined) {
      if (split !== undefined && split.count !== manifest.shard.count) {
        conflicts.push({
          kind: "shard-count",
          counts: [split.count, manifest.shard.count],
          files: [split.file, file],
        });
      }
      split ??= { count: manifest.shard.count, file };
      shards.add(manifest.shard.index);
    }
    for (const entry of manifest.jobs) {
      const seen = jobs.get(entry.key);
      if (seen !== undefined) {
        const what = differs(seen.entry, entry);
        if (what !== undefined)
          conflicts.push({ kind: "job", key: entry.key, files: [seen.file, file], what });
        continue;
      }
      jobs.set(entry.key, { entry, file });
      for (const o of entry.outputs) {
        const owner = owners.get(o.name);
        if (owner !== undefined && owner.key !== entry.key) {
          conflicts.push({
            kind: "output",
            name: o.name,
            keys: [owner.key, entry.key],
            files: [owner.file, file],
          });
        }
        owners.set(o.name, { key: entry.key, file });
      }
    }
  }
  if (conflicts.length > 0) return { ok: false, conflicts };
  const missingShards =
    split === undefined
      ? []
      : Array.from({ length: split.count }, (_, i) => i + 1).filter((i) => !shards.has(i));
  return {
    ok: true,
    manifest: { briefkit: "batch/1", jobs: [...jobs.values()].map((j) => j.entry) },
    missingShards,
  };
}

/** What differs between two entries of one job, or undefined when they are the same. */
function differs(a: BatchEntry, b: BatchEntry): string | undefined {
  if (a.inputs.all !== b.inputs.all) {
    const parts = (["toolkit", "template", "data", "previous", "options"] as const).filter(
      (k) => a.inputs[k] !== b.inputs[k],
    );
    return `its inputs differ (${parts.join(", ") || "all"})`;
  }
  if (JSON.stringify(a.outputs) !== JSON.stringify(b.outputs)) return "its files' bytes differ";
  if (JSON.stringify(a) !== JSON.stringify(b)) return "its entries differ";
  return undefined;
}
