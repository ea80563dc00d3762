/**
 * Writing a set of files into a folder all or nothing, and healing a folder
 * where an earlier run was killed (docs/architecture.md, "Writing outputs").
 *
 * A set of files cannot be renamed at once, so the moment the targets change
 * is made as short as the filesystem allows and is journaled:
 *
 *   1. lock       `.briefkit-lock` (O_EXCL: pid, process start, host), so two
 *                 commands writing to one folder take turns; a lock whose
 *                 process is gone is stale and broken.
 *   2. recover    what a killed run left: a journal is finished (every new
 *                 file still staged or already in place) or undone (the old
 *                 files put back from their hard-link backups); staging
 *                 folders and `*.tmp-<pid>` files of dead processes go.
 *   3. preflight  every target is absent or a regular file; anything else
 *                 (a folder, a link) is an error before anything is touched.
 *   4. stage      every file written and fsynced in `.briefkit-staging-<pid>-<hex>/new/`,
 *                 each existing target hard-linked into `old/` as its backup.
 *   5. journal    `.briefkit-journal.json`, written whole (fsync, rename, fsync
 *                 of the folder): the commit point.
 *   6. commit     the old manifest removed, the staged files renamed over
 *                 their targets, back to back, then the new manifest
 *                 (`.briefkit-outputs.json`: the set, sizes, sha256) renamed
 *                 into place: a manifest is only ever there when the set it
 *                 lists is whole on disk.
 *   7. clean up   the journal, then the staging folder, then the lock.
 *
 * A failure before step 5 leaves every target as it was (same inode, same
 * bytes); a failure during step 6 is undone in process from the backups
 * before it is reported, and a kill during it is finished or undone by the
 * next command that writes to the folder.
 */
import { createHash, randomBytes } from "node:crypto";
import {
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { hostname } from "node:os";
import { join, relative } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { assertNever } from "@briefkit/document";
import { z } from "zod";
import { InputError, type Io } from "./io.js";
import { cliMessages } from "./messages.js";

export const LOCK_NAME = ".briefkit-lock";
export const JOURNAL_NAME = ".briefkit-journal.json";
export const MANIFEST_NAME = ".briefkit-outputs.json";
export const STAGING_PREFIX = ".briefkit-staging-";

/** `.briefkit-staging-<pid>-<hex>`: the pid says whose it is, the hex keeps two runs of one pid apart. */
const STAGING_NAME = /^\.briefkit-staging-(\d+)-[0-9a-f]+$/;
/**
 * The names earlier briefkit versions wrote beside each target
 * (`x.pdf.tmp-<pid>`): only with the extensions briefkit writes, since a
 * `diff --out` folder may be any folder of the user's.
 */
const OLD_TMP_NAME = /\.(?:pdf|docx|html|md|json)\.tmp-(\d+)$/;
/** A stale lock set aside while it is broken (see `breakStaleLock`). */
const STALE_LOCK_NAME = /^\.briefkit-lock\.stale-(\d+)-[0-9a-f]+$/;

/** A plain file name: what a journal read from disk may name, so it never reaches outside the folder. */
const FileName = z
  .string()
  .regex(/^[^/\\\0]+$/)
  .refine((n) => n !== "." && n !== "..");
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

const ManifestSchema = z.strictObject({
  briefkit: z.literal("outputs/1"),
  template: z.string(),
  edition: z.string(),
  /** The build's date (SOURCE_DATE_EPOCH or the publication date), never the clock. */
  date: z.string(),
  files: z.array(z.strictObject({ name: FileName, bytes: z.number().int(), sha256: Sha256 })),
});
/** What `.briefkit-outputs.json` holds: the last set written whole, in build order. */
export type Manifest = z.infer<typeof ManifestSchema>;

const JournalSchema = z.strictObject({
  briefkit: z.literal("journal/1"),
  pid: z.number().int(),
  staging: z.string().regex(STAGING_NAME),
  files: z.array(
    z.strictObject({
      name: FileName,
      bytes: z.number().int(),
      sha256: Sha256,
      /** A target that was there before has its hard-link backup in `old/`. */
      existed: z.boolean(),
    }),
  ),
  manifest: z.discriminatedUnion("action", [
    z.strictObject({ action: z.literal("write"), manifest: ManifestSchema }),
    /** A write that replaces a file the manifest lists, without a set of its own (a diff report). */
    z.strictObject({ action: z.literal("remove") }),
    z.strictObject({ action: z.literal("keep") }),
  ]),
  /** An earlier manifest was there, and has its backup in `old/`. */
  oldManifest: z.boolean(),
});
type Journal = z.infer<typeof JournalSchema>;

const LockSchema = z.strictObject({
  pid: z.number().int(),
  /** The process's start in clock ticks since boot (Linux), so a reused pid is not taken for it. */
  start: z.string().nullable(),
  host: z.string(),
  token: z.string(),
});
type LockOwner = z.infer<typeof LockSchema>;

export interface OutputFile {
  name: string;
  bytes: Uint8Array;
}

/** Why publishing stopped; every case says whether the folder's files changed. */
export type PublishFailure =
  | {
      kind: "blocked";
      /** The target's name, and what is there instead of a regular file. */
      name: string;
      what: "folder" | "link" | "special";
    }
  | { kind: "locked"; holder: { pid: number; host: string } }
  | { kind: "bad-journal"; reason: string }
  /** Healing what a killed run left failed; its journal stays for the next command. */
  | { kind: "recovery"; reason: string }
  /** Nothing changed: the error came before the commit point, or the commit was undone. */
  | { kind: "unchanged"; reason: string }
  /** The commit failed and could not be undone: the journal is kept for the next command. */
  | { kind: "mixed"; reason: string; undoReason: string };

export class PublishError extends Error {
  override name = "PublishError";
  constructor(
    readonly failure: PublishFailure,
    /** What recovery did before the failure, to be reported all the same. */
    readonly recovery?: Recovery,
  ) {
    super(failure.kind);
  }
}

/** What recovery found and did; empty when the folder was clean. */
export interface Recovery {
  /** A killed commit of process `pid`, finished or undone. */
  interrupted: { pid: number; outcome: "finished" | "undone"; files: number } | undefined;
  /** Leftovers of dead processes removed (staging folders, `*.tmp-<pid>`, set-aside locks). */
  removed: string[];
}

export interface PublishOptions {
  /** The set's manifest header; without it (a single report) the manifest is left alone. */
  manifest?: Omit<Manifest, "briefkit" | "files"> | undefined;
  /** How long to wait for another live process's lock before giving up. */
  lockTimeoutMs?: number | undefined;
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** Writes `bytes` to a new file and flushes it to the disk before returning. */
function writeDurably(path: string, bytes: Uint8Array | string, flag = "wx"): void {
  const fd = openSync(path, flag, 0o666);
  try {
    const buffer = typeof bytes === "string" ? Buffer.from(bytes) : bytes;
    let offset = 0;
    while (offset < buffer.length) offset += writeSync(fd, buffer, offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a folder's entries (renames, new names): without it a crash may forget a rename. */
function syncFolder(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, "r");
  } catch (error) {
    // Windows cannot open a folder; its renames are flushed with the volume's journal.
    if (process.platform === "win32") return;
    throw error;
  }
  try {
    fsyncSync(fd);
  } catch (error) {
    if (!["EINVAL", "EISDIR", "EPERM"].includes(errorCode(error) ?? "")) throw error;
  } finally {
    closeSync(fd);
  }
}

/** A file whole on disk, written under a temporary name in `scratch` and renamed to `path`. */
function replaceDurably(scratch: string, path: string, text: string, dir: string): void {
  const tmp = join(scratch, `tmp-${randomBytes(4).toString("hex")}`);
  writeDurably(tmp, text);
  renameSync(tmp, path);
  syncFolder(dir);
}

/** Field 22 of /proc/<pid>/stat (start time in ticks since boot), where there is one. */
function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

/** Whether `pid` (started at `start`, when known) still runs on this machine. */
export function processAlive(pid: number, start: string | null = null): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it runs, as another user.
    if (errorCode(error) !== "EPERM") return false;
  }
  if (start === null) return true;
  const now = processStart(pid);
  return now === null || now === start;
}

// --- The lock ------------------------------------------------------------

interface HeldLock {
  release: () => void;
}

function readLock(path: string): { raw: string; owner: LockOwner | undefined } | undefined {
  let raw: string;
  try {
    raw = readFileSync(path, "utf8");
  } catch (error) {
    if (errorCode(error) === "ENOENT") return undefined;
    throw error;
  }
  let owner: LockOwner | undefined;
  try {
    const parsed = LockSchema.safeParse(JSON.parse(raw));
    owner = parsed.success ? parsed.data : undefined;
  } catch {
    owner = undefined;
  }
  return { raw, owner };
}

/** A lock is stale when its process is gone; an unreadable one once it is older than any write of it. */
function lockIsStale(path: string, owner: LockOwner | undefined): boolean {
  if (owner === undefined) {
    try {
      // Created (O_EXCL) and written a few microseconds apart: empty only while being written.
      return Date.now() - statSync(path).mtimeMs > 2000;
    } catch {
      return false;
    }
  }
  if (owner.host !== hostname()) return false;
  return !processAlive(owner.pid, owner.start);
}

/**
 * Breaks a stale lock without ever removing a live one: the lock is renamed
 * aside (only one process can rename it), and if what was set aside is not
 * the stale lock that was read (another process broke it and took the lock
 * in between), it is linked back, which fails rather than overwrite.
 */
function breakStaleLock(dir: string, staleRaw: string): void {
  const path = join(dir, LOCK_NAME);
  const aside = join(dir, `${LOCK_NAME}.stale-${process.pid}-${randomBytes(4).toString("hex")}`);
  try {
    renameSync(path, aside);
  } catch (error) {
    if (errorCode(error) === "ENOENT") return;
    throw error;
  }
  try {
    if (readFileSync(aside, "utf8") !== staleRaw) {
      try {
        linkSync(aside, path);
      } catch (error) {
        if (errorCode(error) !== "EEXIST") throw error;
      }
    }
  } finally {
    rmSync(aside, { force: true });
  }
}

async function acquireLock(dir: string, timeoutMs: number): Promise<HeldLock> {
  const path = join(dir, LOCK_NAME);
  const mine: LockOwner = {
    pid: process.pid,
    start: processStart(process.pid),
    host: hostname(),
    token: randomBytes(8).toString("hex"),
  };
  const text = `${JSON.stringify(mine)}\n`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      // Not flushed: a lock only matters among running processes, which a crash ends.
      writeFileSync(path, text, { flag: "wx" });
      return {
        release: () => {
          // Only our own: a lock broken as stale and taken by another is theirs.
          if (readLock(path)?.raw === text) rmSync(path, { force: true });
        },
      };
    } catch (error) {
      if (errorCode(error) !== "EEXIST") throw error;
    }
    const held = readLock(path);
    if (held === undefined) continue;
    if (lockIsStale(path, held.owner)) {
      breakStaleLock(dir, held.raw);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new PublishError({
        kind: "locked",
        holder: { pid: held.owner?.pid ?? 0, host: held.owner?.host ?? "?" },
      });
    }
    await sleep(25);
  }
}

// --- Recovery ------------------------------------------------------------

function fileHash(path: string): string | undefined {
  try {
    return sha256(readFileSync(path));
  } catch (error) {
    if (["ENOENT", "EISDIR"].includes(errorCode(error) ?? "")) return undefined;
    throw error;
  }
}

function manifestText(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * Renames every file still staged over its target, then writes the manifest:
 * the commit's own order, the old manifest gone first (a run killed after
 * its journal but before that step left it), so that a kill during this
 * too never leaves a manifest beside files it does not list.
 */
function rollForward(dir: string, journal: Journal): void {
  const staging = join(dir, journal.staging);
  const fresh = join(staging, "new");
  if (journal.manifest.action !== "keep" && existsSync(join(dir, MANIFEST_NAME))) {
    unlinkSync(join(dir, MANIFEST_NAME));
    syncFolder(dir);
  }
  for (const f of journal.files) {
    if (existsSync(join(fresh, f.name))) renameSync(join(fresh, f.name), join(dir, f.name));
  }
  syncFolder(dir);
  finishManifest(dir, journal);
}

function finishManifest(dir: string, journal: Journal): void {
  const manifest = journal.manifest;
  const path = join(dir, MANIFEST_NAME);
  switch (manifest.action) {
    case "write": {
      const staging = join(dir, journal.staging);
      mkdirSync(staging, { recursive: true });
      replaceDurably(staging, path, manifestText(manifest.manifest), dir);
      return;
    }
    case "remove":
      rmSync(path, { force: true });
      syncFolder(dir);
      return;
    case "keep":
      return;
    default:
      assertNever(manifest);
  }
}

/** Whether every new file is still staged or already in place: then the commit can be finished. */
function canRollForward(dir: string, journal: Journal): boolean {
  const fresh = join(dir, journal.staging, "new");
  return journal.files.every(
    (f) => existsSync(join(fresh, f.name)) || fileHash(join(dir, f.name)) === f.sha256,
  );
}

/**
 * Puts every old target back from its backup and takes away new files that
 * had no old one; returns the names it could not restore.
 */
function rollBack(dir: string, journal: Journal): string[] {
  const old = join(dir, journal.staging, "old");
  const fresh = join(dir, journal.staging, "new");
  const lost: string[] = [];
  for (const f of journal.files) {
    const target = join(dir, f.name);
    const backup = join(old, f.name);
    // Still staged: its target was never touched.
    if (existsSync(join(fresh, f.name))) continue;
    if (f.existed) {
      if (existsSync(backup)) renameSync(backup, target);
      else if (fileHash(target) === f.sha256) lost.push(f.name);
    } else if (fileHash(target) === f.sha256) {
      unlinkSync(target);
    }
  }
  const manifestBackup = join(old, MANIFEST_NAME);
  if (journal.oldManifest && existsSync(manifestBackup)) {
    renameSync(manifestBackup, join(dir, MANIFEST_NAME));
  } else if (journal.manifest.action === "write") {
    // A manifest of the set being undone must not stay.
    const current = join(dir, MANIFEST_NAME);
    if (
      existsSync(current) &&
      readFileSync(current, "utf8") === manifestText(journal.manifest.manifest)
    ) {
      unlinkSync(current);
    }
  }
  syncFolder(dir);
  return lost;
}

function readJournal(dir: string): Journal | undefined {
  let raw: string;
  try {
    raw = readFileSync(join(dir, JOURNAL_NAME), "utf8");
  } catch (error) {
    if (errorCode(error) === "ENOENT") return undefined;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new PublishError({ kind: "bad-journal", reason: (error as Error).message });
  }
  const journal = JournalSchema.safeParse(parsed);
  if (!journal.success) {
    throw new PublishError({
      kind: "bad-journal",
      reason: journal.error.issues[0]?.message ?? "not a journal",
    });
  }
  return journal.data;
}

/** Removes the journal, then the staging folder: the other way round, a kill between could lose the backups. */
function closeJournal(dir: string, journal: Journal): void {
  unlinkSync(join(dir, JOURNAL_NAME));
  syncFolder(dir);
  rmSync(join(dir, journal.staging), { recursive: true, force: true });
}

/**
 * Heals `dir` after a killed run; the caller holds the lock. An interrupted
 * commit is finished when every new file is still staged or already in
 * place, and undone otherwise; then leftovers of dead processes go.
 */
function recoverLocked(dir: string): Recovery {
  let interrupted: Recovery["interrupted"];
  const journal = readJournal(dir);
  if (journal !== undefined) {
    if (canRollForward(dir, journal)) {
      rollForward(dir, journal);
      interrupted = { pid: journal.pid, outcome: "finished", files: journal.files.length };
    } else {
      const lost = rollBack(dir, journal);
      if (lost.length > 0) {
        throw new PublishError({
          kind: "mixed",
          reason: "an interrupted build could not be undone",
          undoReason: `no backup of ${lost.join(", ")}`,
        });
      }
      interrupted = { pid: journal.pid, outcome: "undone", files: journal.files.length };
    }
    closeJournal(dir, journal);
  }
  const removed: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const staging = STAGING_NAME.exec(entry.name);
    const oldTmp = OLD_TMP_NAME.exec(entry.name);
    const staleLock = STALE_LOCK_NAME.exec(entry.name);
    const pid = Number((staging ?? oldTmp ?? staleLock)?.[1] ?? Number.NaN);
    if (Number.isNaN(pid) || processAlive(pid)) continue;
    if (staging !== null && entry.isDirectory()) {
      rmSync(join(dir, entry.name), { recursive: true, force: true });
      removed.push(entry.name);
    } else if ((oldTmp !== null || staleLock !== null) && entry.isFile()) {
      unlinkSync(join(dir, entry.name));
      removed.push(entry.name);
    }
  }
  if (removed.length > 0) syncFolder(dir);
  return { interrupted, removed };
}

/** `recoverLocked`, its unexpected failures (a rename refused) as a PublishError. */
function recover(dir: string): Recovery {
  try {
    return recoverLocked(dir);
  } catch (error) {
    if (error instanceof PublishError) throw error;
    throw new PublishError({ kind: "recovery", reason: (error as Error).message });
  }
}

/** Takes the folder's lock and heals it (see `recoverLocked`); for commands that only need a clean folder. */
export async function recoverFolder(dir: string, lockTimeoutMs = 30_000): Promise<Recovery> {
  if (!existsSync(dir)) return { interrupted: undefined, removed: [] };
  const lock = await acquireLock(dir, lockTimeoutMs);
  try {
    return recover(dir);
  } finally {
    lock.release();
  }
}

// --- Publishing ----------------------------------------------------------

/** The first target that is neither absent nor a regular file. */
function blockedTarget(dir: string, names: readonly string[]): PublishFailure | undefined {
  for (const name of names) {
    let stat: ReturnType<typeof lstatSync>;
    try {
      stat = lstatSync(join(dir, name));
    } catch (error) {
      if (errorCode(error) === "ENOENT") continue;
      throw error;
    }
    if (stat.isFile()) continue;
    return {
      kind: "blocked",
      name,
      what: stat.isDirectory() ? "folder" : stat.isSymbolicLink() ? "link" : "special",
    };
  }
  return undefined;
}

/**
 * Keeps the file at `target` under `backup`: a hard link (no copy, and the
 * undo puts back the very same file), or a copy where the filesystem has no
 * hard links. False when there is no file to keep.
 */
function backUp(target: string, backup: string): boolean {
  try {
    linkSync(target, backup);
    return true;
  } catch (error) {
    const code = errorCode(error);
    if (code === "ENOENT") return false;
    if (!["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EMLINK"].includes(code ?? "")) throw error;
  }
  copyFileSync(target, backup, constants.COPYFILE_EXCL);
  const fd = openSync(backup, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readManifest(dir: string): Manifest | undefined {
  try {
    const parsed = ManifestSchema.safeParse(
      JSON.parse(readFileSync(join(dir, MANIFEST_NAME), "utf8")),
    );
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export interface Published {
  recovery: Recovery;
  manifest: Manifest | undefined;
}

/**
 * Writes `files` into `dir` (created if need be) all or nothing; see the
 * module comment for the steps. Throws `PublishError`, whose failure says
 * whether anything changed.
 */
export async function publish(
  dir: string,
  files: readonly OutputFile[],
  options: PublishOptions = {},
): Promise<Published> {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new PublishError({ kind: "unchanged", reason: (error as Error).message });
  }
  const lock = await acquireLock(dir, options.lockTimeoutMs ?? 30_000).catch((error: unknown) => {
    if (error instanceof PublishError) throw error;
    throw new PublishError({ kind: "unchanged", reason: (error as Error).message });
  });
  try {
    const recovery = recover(dir);
    try {
      return { recovery, manifest: commit(dir, files, options) };
    } catch (error) {
      if (error instanceof PublishError) throw new PublishError(error.failure, recovery);
      throw error;
    }
  } finally {
    lock.release();
  }
}

function commit(
  dir: string,
  files: readonly OutputFile[],
  options: PublishOptions,
): Manifest | undefined {
  const names = files.map((f) => f.name);
  const previous = readManifest(dir);
  const oldManifest = existsSync(join(dir, MANIFEST_NAME));
  const blocked = blockedTarget(dir, options.manifest ? [...names, MANIFEST_NAME] : names);
  if (blocked !== undefined) throw new PublishError(blocked);

  const hashed = files.map((f) => ({ ...f, sha256: sha256(f.bytes) }));
  const manifest: Manifest | undefined = options.manifest && {
    briefkit: "outputs/1",
    ...options.manifest,
    files: hashed.map((f) => ({ name: f.name, bytes: f.bytes.length, sha256: f.sha256 })),
  };
  // A file the manifest lists, replaced outside a set, makes the manifest untrue: it goes.
  const action: Journal["manifest"] =
    manifest !== undefined
      ? { action: "write", manifest }
      : oldManifest &&
          (previous === undefined || previous.files.some((f) => names.includes(f.name)))
        ? { action: "remove" }
        : { action: "keep" };

  const stagingName = `${STAGING_PREFIX}${process.pid}-${randomBytes(6).toString("hex")}`;
  const staging = join(dir, stagingName);
  const fresh = join(staging, "new");
  const old = join(staging, "old");
  let journal: Journal | undefined;
  try {
    mkdirSync(fresh, { recursive: true });
    mkdirSync(old);
    for (const f of files) writeDurably(join(fresh, f.name), f.bytes);
    syncFolder(fresh);
    const existed = new Set<string>();
    for (const name of action.action === "keep" ? names : [...names, MANIFEST_NAME]) {
      if (backUp(join(dir, name), join(old, name))) existed.add(name);
    }
    syncFolder(old);
    syncFolder(staging);
    journal = {
      briefkit: "journal/1",
      pid: process.pid,
      staging: stagingName,
      files: hashed.map((f) => ({
        name: f.name,
        bytes: f.bytes.length,
        sha256: f.sha256,
        existed: existed.has(f.name),
      })),
      manifest: action,
      oldManifest: existed.has(MANIFEST_NAME),
    };
    replaceDurably(staging, join(dir, JOURNAL_NAME), `${JSON.stringify(journal)}\n`, dir);
  } catch (error) {
    // Before the journal, no target has changed.
    rmSync(staging, { recursive: true, force: true });
    if (journal !== undefined) rmSync(join(dir, JOURNAL_NAME), { force: true });
    throw new PublishError({ kind: "unchanged", reason: (error as Error).message });
  }

  try {
    if (action.action !== "keep" && journal.oldManifest) unlinkSync(join(dir, MANIFEST_NAME));
    for (const f of files) renameSync(join(fresh, f.name), join(dir, f.name));
    syncFolder(dir);
    finishManifest(dir, journal);
  } catch (error) {
    const reason = (error as Error).message;
    try {
      const lost = rollBack(dir, journal);
      if (lost.length > 0) {
        throw new Error(`no backup of ${lost.join(", ")}`);
      }
      closeJournal(dir, journal);
    } catch (undo) {
      throw new PublishError({ kind: "mixed", reason, undoReason: (undo as Error).message });
    }
    throw new PublishError({ kind: "unchanged", reason });
  }
  // The set is whole and recorded; what is left is tidying, which the next run redoes if need be.
  try {
    closeJournal(dir, journal);
  } catch {
    // A journal whose files are all in place is finished again, harmlessly, by the next command.
  }
  return manifest;
}

/**
 * Removes the folders in `parent` that a killed run of `edition new` or
 * `new` left (their hidden names end in `-<pid>`, matched by `pattern`),
 * when that process is gone; returns their names.
 */
export function removeStaleFolders(parent: string, pattern: RegExp): string[] {
  if (!existsSync(parent)) return [];
  const removed: string[] = [];
  for (const entry of readdirSync(parent, { withFileTypes: true })) {
    const pid = Number(pattern.exec(entry.name)?.[1] ?? Number.NaN);
    if (!entry.isDirectory() || Number.isNaN(pid) || processAlive(pid)) continue;
    rmSync(join(parent, entry.name), { recursive: true, force: true });
    removed.push(entry.name);
  }
  return removed;
}

// --- What the commands print ---------------------------------------------

/** The error a command reports for a failed publish, saying truly what changed. */
export function publishFailure(failure: PublishFailure, dir: string): InputError {
  switch (failure.kind) {
    case "blocked":
      return new InputError(
        `${cliMessages.outBlocked(join(dir, failure.name), failure.what)} (hint: ${cliMessages.outBlockedHint})`,
      );
    case "locked":
      return new InputError(cliMessages.outLocked(dir, failure.holder.pid, failure.holder.host));
    case "bad-journal":
      return new InputError(cliMessages.outBadJournal(dir, failure.reason));
    case "recovery":
      return new InputError(cliMessages.outRecoveryFailed(dir, failure.reason));
    case "unchanged":
      return new InputError(cliMessages.outNotWritable(dir, failure.reason));
    case "mixed":
      return new InputError(cliMessages.outMixed(dir, failure.reason, failure.undoReason));
    default:
      return assertNever(failure);
  }
}

/** One line for each thing recovery did, for stderr. */
export function recoveryNotes(recovery: Recovery, dir: string): string[] {
  const notes: string[] = [];
  const { interrupted } = recovery;
  if (interrupted !== undefined) {
    notes.push(
      interrupted.outcome === "finished"
        ? cliMessages.recoveredFinished(dir, interrupted.pid, interrupted.files)
        : cliMessages.recoveredUndone(dir, interrupted.pid),
    );
  }
  if (recovery.removed.length > 0)
    notes.push(cliMessages.recoveredLeftovers(dir, recovery.removed));
  return notes;
}

/**
 * `publish` for a command: its failure as the InputError the command
 * reports, and what recovery did printed on stderr.
 */
export async function publishFor(
  io: Io,
  dir: string,
  files: readonly OutputFile[],
  options: PublishOptions = {},
): Promise<Published> {
  const shown = relative(io.cwd, dir) || dir;
  try {
    const published = await publish(dir, files, options);
    for (const note of recoveryNotes(published.recovery, shown)) io.err(`${note}\n`);
    return published;
  } catch (error) {
    if (error instanceof PublishError) {
      if (error.recovery)
        for (const note of recoveryNotes(error.recovery, shown)) io.err(`${note}\n`);
      throw publishFailure(error.failure, shown);
    }
    throw error;
  }
}
