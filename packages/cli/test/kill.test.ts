/**
 * The real CLI killed with SIGKILL while it writes, in a loop: every target
 * is always whole (its old or its new bytes), a manifest never records a
 * mixed set, and the next build heals the folder and leaves no trace.
 *
 * Each run builds one of two versions of the briefs (the example template
 * and a copy with another subtitle, so every file differs), alternately,
 * into one folder. The kill comes at a random time (seeded) after the run
 * takes the folder's lock, the start of everything it does on disk, within
 * the time an uninterrupted run holds it (measured first), and a quarter
 * beyond. Nothing in briefkit knows it is being tested.
 *
 *   BRIEFKIT_KILL_ITERATIONS=250 BRIEFKIT_KILL_SEED=7 npx vitest run test/kill.test.ts
 *
 * runs it longer (default 8, seed 13), and prints where the kills landed.
 */
import { type ChildProcess, spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  watch,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { JOURNAL_NAME, LOCK_NAME, MANIFEST_NAME } from "../src/publish.js";
import {
  deadPid,
  manifestMismatches,
  readManifest,
  root,
  sha,
  traces,
  variantTemplate,
} from "./output-folder.js";

const iterations = Number(process.env.BRIEFKIT_KILL_ITERATIONS ?? 8);
const seed = Number(process.env.BRIEFKIT_KILL_SEED ?? 13);
/**
 * BRIEFKIT_KILL_SLOW_SYSCALLS=<µs> (Linux, strace): the kernel holds each
 * rename, link, unlink and fsync of the build that long, through strace
 * attached from outside, so random kills land inside the swap, which
 * otherwise lasts a fraction of a millisecond. briefkit itself is unchanged.
 */
const slowSyscalls = Number(process.env.BRIEFKIT_KILL_SLOW_SYSCALLS ?? 0);
const SLOWED = "rename,renameat,renameat2,link,linkat,unlink,unlinkat,fsync";

const tmp = mkdtempSync(join(tmpdir(), "briefkit-kill-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** mulberry32: a small seeded generator, so a failing sequence of kills can be replayed. */
function random(state: number): () => number {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const names = ["full", "executive", "business", "executive-ru", "executive-ja"].map(
  (a) => `russia-japan-2005-${a}.html`,
);
const bin = join(root, "packages/cli/src/bin.ts");

/** `briefkit build` as its own process (node with tsx's loader: one process, so a kill reaches it). */
function startBuild(template: string, out: string): ChildProcess {
  return spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "--conditions=@briefkit/source",
      bin,
      "build",
      "--template",
      template,
      "--format",
      "html",
      "--out",
      out,
    ],
    { cwd: root, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, INIT_CWD: root } },
  );
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** Milliseconds from the lock's appearance to its removal (an uninterrupted run). */
  held: number | undefined;
}

/** Runs a build into `out`; with `killAfter`, kills it that many ms after it takes the lock. */
function build(template: string, out: string, killAfter?: number): Promise<Run & { pid: number }> {
  return new Promise((done) => {
    const child = startBuild(template, out);
    if (slowSyscalls > 0) {
      spawn(
        "strace",
        [
          ...["-f", "-qq", "-o", "/dev/null", "-p", String(child.pid)],
          ...["-e", `trace=${SLOWED}`, "-e", `inject=${SLOWED}:delay_enter=${slowSyscalls}`],
        ],
        { stdio: "ignore" },
      );
    }
    let stderr = "";
    child.stderr!.on("data", (d) => {
      stderr += d;
    });
    let locked: number | undefined;
    let held: number | undefined;
    const watcher = watch(out, (_event, name) => {
      if (name !== LOCK_NAME) return;
      const now = performance.now();
      // The first event is the lock's creation (only this run writes here), even if seen late.
      if (locked === undefined) {
        locked = now;
        if (killAfter !== undefined) setTimeout(() => child.kill("SIGKILL"), killAfter);
      } else if (locked !== undefined && held === undefined && !existsSync(join(out, LOCK_NAME))) {
        held = now - locked;
      }
    });
    child.on("exit", (code, signal) => {
      watcher.close();
      done({ code, signal, stderr, held, pid: child.pid! });
    });
  });
}

/** Where the kill landed, read from what the run left. */
function phaseOf(dir: string, pid: number, finished: boolean): string {
  // The lock is the first thing a run writes, and the kill comes after it appears.
  const entries = readdirSync(dir);
  const staging = entries.find((n) => n.startsWith(`.briefkit-staging-${pid}-`));
  if (existsSync(join(dir, JOURNAL_NAME))) {
    const journal = JSON.parse(readFileSync(join(dir, JOURNAL_NAME), "utf8")) as {
      pid: number;
      staging: string;
      files: unknown[];
    };
    if (journal.pid !== pid) return "healing an earlier commit";
    const staged = existsSync(join(dir, journal.staging, "new"))
      ? readdirSync(join(dir, journal.staging, "new")).length
      : 0;
    return `commit, ${journal.files.length - staged} of ${journal.files.length} renamed`;
  }
  if (staging !== undefined) {
    return existsSync(join(dir, staging, "new")) &&
      readdirSync(join(dir, staging, "new")).length === 0
      ? "tidying up"
      : "staging";
  }
  if (entries.includes(LOCK_NAME)) return "lock taken: healing, checks";
  return finished ? "not killed: finished first" : "after the last step, before exit";
}

describe("briefkit build killed with SIGKILL at random times", () => {
  it(
    `${iterations} kills${slowSyscalls > 0 ? ` (syscalls slowed ${slowSyscalls} µs)` : ""}: every file whole, no mixed set recorded, the next build heals the folder`,
    async () => {
      const templates = [
        join(root, "templates/russia-japan"),
        variantTemplate(join(tmp, "variant"), "second version"),
      ];
      // Each version's bytes, from uninterrupted builds; the time a build holds the lock.
      const versions: Array<Record<string, string>> = [];
      const held: number[] = [];
      for (const [i, template] of templates.entries()) {
        const out = join(tmp, `version-${i}`);
        mkdirSync(out);
        const r = await build(template, out);
        expect(r.code, r.stderr).toBe(0);
        held.push(r.held ?? 0);
        versions.push(Object.fromEntries(names.map((n) => [n, sha(readFileSync(join(out, n)))])));
      }
      for (const n of names) expect(versions[0]![n]).not.toBe(versions[1]![n]);
      const window = Math.max(...held);
      expect(window).toBeGreaterThan(0);

      // The folder starts with the first version whole, and a file an older briefkit left.
      const dir = join(tmp, "out");
      mkdirSync(dir);
      for (const n of [...names, MANIFEST_NAME]) {
        writeFileSync(join(dir, n), readFileSync(join(tmp, "version-0", n)));
      }
      writeFileSync(join(dir, `${names[0]}.tmp-${deadPid()}`), "half a brief");

      const next = random(seed);
      const phases = new Map<string, number>();
      for (let i = 0; i < iterations; i++) {
        const version = (i + 1) % 2;
        const delay = next() * window * 1.25;
        const r = await build(templates[version]!, dir, delay);
        const phase = phaseOf(dir, r.pid, r.signal === null);
        phases.set(phase, (phases.get(phase) ?? 0) + 1);
        const at = `kill ${i} (${delay.toFixed(1)} ms, ${phase})`;
        if (r.signal === null) expect(r.code, `${at}: ${r.stderr}`).toBe(0);

        // Every target whole: the bytes of one version or the other.
        for (const n of names) {
          const hash = sha(readFileSync(join(dir, n)));
          expect([versions[0]![n], versions[1]![n]], `${at}: ${n}`).toContain(hash);
        }
        // A manifest records one version whole, and the files on disk are that version.
        const manifest = readManifest(dir);
        if (manifest !== undefined) {
          expect(manifestMismatches(dir, manifest), at).toEqual([]);
          const recorded = Object.fromEntries(manifest.files.map((f) => [f.name, f.sha256]));
          expect(versions, at).toContainEqual(recorded);
        }
        // Once this run was staging, it had healed the folder: nothing of an earlier run is left.
        const left = traces(dir);
        if (left.some((n) => n.startsWith(`.briefkit-staging-${r.pid}-`))) {
          const earlier = left.filter(
            (n) => n !== LOCK_NAME && n !== JOURNAL_NAME && !n.includes(`-${r.pid}-`),
          );
          expect(earlier, at).toEqual([]);
          if (left.includes(JOURNAL_NAME)) {
            expect(JSON.parse(readFileSync(join(dir, JOURNAL_NAME), "utf8")).pid, at).toBe(r.pid);
          }
        }
      }

      // The next build, uninterrupted: the folder healed, no trace, one whole set recorded.
      const r = await build(templates[0]!, dir);
      expect(r.code, r.stderr).toBe(0);
      expect(traces(dir)).toEqual([]);
      const manifest = readManifest(dir)!;
      expect(manifestMismatches(dir, manifest)).toEqual([]);
      expect(Object.fromEntries(manifest.files.map((f) => [f.name, f.sha256]))).toEqual(
        versions[0],
      );
      expect(readdirSync(dir).sort()).toEqual([MANIFEST_NAME, ...names].sort());

      const report = [...phases].sort((a, b) => b[1] - a[1]);
      console.log(
        `${iterations} kills (seed ${seed}, syscalls slowed ${slowSyscalls} µs, lock held ${window.toFixed(1)} ms uninterrupted):\n${report
          .map(([p, n]) => `  ${String(n).padStart(4)}  ${p}`)
          .join("\n")}`,
      );
    },
    120_000 + iterations * 15_000,
  );
});
