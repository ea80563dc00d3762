/**
 * `pnpm bench`: briefkit against the peer chain, as whole processes.
 *
 * briefkit is the compiled binary (`pnpm build`'s bundle, packages/cli's
 * "bin"), started as a user starts it; the peer chain is Typst for the PDF and
 * pandoc for the Word file and the web page, run in parallel on their own
 * reference brief (peer-brief.ts). Each row runs both sides in alternation
 * (A B A B …, after one untimed run of each), so that load on a shared
 * machine falls on both; the ratio is the median of the pairs' ratios.
 *
 * Wall time is taken around each process, from start to exit. CPU and peak
 * memory come from GNU time (`/usr/bin/time`, which reads them from the
 * kernel when the process is reaped): a process's peak resident memory,
 * its worker threads included; for processes run together, the sum of their
 * peaks. Without /usr/bin/time those columns stay empty.
 *
 * Nothing here is asserted: the figures inform, tests decide.
 */
import { type SpawnOptions, spawn, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { writePeerBriefs } from "./peer-brief.js";
import { type Row, resultsTable, type Sample, type Side } from "./stats.js";

const root = resolve(import.meta.dirname, "../../../..");
const cli = join(root, "packages/cli");

/** The Typst compiler the peer chain uses, installed into a folder of its own on first use. */
const TYPST_PACKAGE = "@myriaddreamin/typst-ts-node-compiler@0.7.0";
const GNU_TIME = "/usr/bin/time";

export interface WholeOptions {
  /** Timed runs of each side of each row (after one untimed run). */
  runs: number;
  /** Timed runs of the batch row. */
  batchRuns: number;
  /** Briefs in the batch row. */
  batch: number;
  /** Briefs built one after another in one process for the warm row (the first three not counted). */
  warm: number;
  /** Where the results and the briefs go. */
  out: string;
  /** Where the Typst compiler is (or is installed). */
  tools: string;
  /** Rows to run, by key; empty: all. */
  only: string[];
}

export function parseWholeOptions(args: readonly string[]): WholeOptions {
  const value = (name: string) => {
    const k = args.indexOf(name);
    return k >= 0 ? args[k + 1] : undefined;
  };
  const count = (name: string, fallback: number) => {
    const v = value(name);
    if (v === undefined) return fallback;
    if (!/^\d+$/.test(v) || Number(v) < 1)
      throw new Error(`${name} takes a whole number above 0, not ${v}`);
    return Number(v);
  };
  return {
    runs: count("--runs", 7),
    batchRuns: count("--batch-runs", 7),
    batch: count("--batch", 50),
    warm: count("--warm", 15),
    out: resolve(root, value("--out") ?? "out/bench"),
    tools: resolve(
      value("--tools") ??
        process.env.BRIEFKIT_BENCH_TOOLS ??
        join(tmpdir(), "briefkit-bench-peers"),
    ),
    only: (value("--only") ?? "").split(",").filter((s) => s !== ""),
  };
}

/** A finished process: its sample and its output. */
interface Finished extends Sample {
  stdout: string;
  stderr: string;
}

let reports = 0;

/** Runs one process to its end; throws when it fails. */
async function timed(
  command: string,
  args: readonly string[],
  options: SpawnOptions & { scratch: string },
): Promise<Finished> {
  const report = join(options.scratch, `time-${process.pid}-${reports++}.txt`);
  const withTime = existsSync(GNU_TIME);
  const [file, argv] = withTime
    ? [GNU_TIME, ["-f", "%M %U %S", "-o", report, command, ...args]]
    : [command, [...args]];
  const started = performance.now();
  const child = spawn(file, argv, { ...options, stdio: ["ignore", "pipe", "pipe"] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout!.on("data", (b: Buffer) => out.push(b));
  child.stderr!.on("data", (b: Buffer) => err.push(b));
  const code = await new Promise<number | null>((done, fail) => {
    child.on("error", fail);
    child.on("close", done);
  });
  const wallMs = performance.now() - started;
  const stdout = Buffer.concat(out).toString();
  const stderr = Buffer.concat(err).toString();
  if (code !== 0) {
    throw new Error(`${command} ${args.join(" ")} exited ${code}:\n${stderr.slice(-3000)}`);
  }
  let cpuMs: number | undefined;
  let peakMb: number | undefined;
  if (withTime) {
    const last = readFileSync(report, "utf8").trim().split("\n").at(-1) ?? "";
    const [rssKb, user, sys] = last.split(" ").map(Number);
    if (rssKb !== undefined && user !== undefined && sys !== undefined) {
      peakMb = rssKb / 1024;
      cpuMs = (user + sys) * 1000;
    }
    rmSync(report, { force: true });
  }
  return { wallMs, cpuMs, peakMb, stdout, stderr };
}

/** Runs `tasks` on `lanes` at a time; the sample of the whole, peaks summed over the largest `lanes`. */
async function together(
  tasks: ReadonlyArray<() => Promise<Finished>>,
  lanes: number,
): Promise<Sample> {
  const started = performance.now();
  const done: Finished[] = [];
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) {
      const task = tasks[next++]!;
      done.push(await task());
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, tasks.length) }, lane));
  const wallMs = performance.now() - started;
  const sum = (xs: Array<number | undefined>) =>
    xs.some((x) => x === undefined) ? undefined : xs.reduce((a: number, b) => a + b!, 0);
  // At most `lanes` processes run at once, so no instant holds more than the largest `lanes` peaks.
  const peaks = done.map((d) => d.peakMb).sort((a, b) => (b ?? 0) - (a ?? 0));
  return { wallMs, cpuMs: sum(done.map((d) => d.cpuMs)), peakMb: sum(peaks.slice(0, lanes)) };
}

function bytesIn(dir: string, pattern: RegExp): number {
  return readdirSync(dir)
    .filter((f) => pattern.test(f))
    .reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

/** The compiled CLI: the file packages/cli's "bin" names. */
function briefkitBinary(): string {
  const pkg = JSON.parse(readFileSync(join(cli, "package.json"), "utf8")) as {
    bin: Record<string, string>;
  };
  const bin = join(cli, pkg.bin.briefkit!);
  if (!existsSync(bin)) throw new Error(`${relative(root, bin)} is missing: run pnpm build first`);
  return bin;
}

/** Where the peers are: each tool's command, or why it is missing. */
interface Peers {
  pandoc: { kind: "found"; embed: string; version: string } | { kind: "missing"; reason: string };
  typst: { kind: "found"; tools: string; version: string } | { kind: "missing"; reason: string };
}

function findPeers(tools: string): Peers {
  const help = spawnSync("pandoc", ["--help"], { encoding: "utf8" });
  const pandoc: Peers["pandoc"] =
    help.status === 0
      ? {
          kind: "found",
          // pandoc 2.19 renamed --self-contained to --embed-resources.
          embed: help.stdout.includes("--embed-resources")
            ? "--embed-resources"
            : "--self-contained",
          version:
            spawnSync("pandoc", ["--version"], { encoding: "utf8" }).stdout.split("\n")[0] ?? "?",
        }
      : { kind: "missing", reason: "pandoc not found; apt-get install pandoc" };
  const pkgJson = join(tools, "node_modules/@myriaddreamin/typst-ts-node-compiler/package.json");
  if (!existsSync(pkgJson)) {
    mkdirSync(tools, { recursive: true });
    console.error(`bench: installing ${TYPST_PACKAGE} into ${tools}`);
    spawnSync(
      "npm",
      ["install", "--prefix", tools, "--no-audit", "--no-fund", "--no-save", TYPST_PACKAGE],
      {
        stdio: "inherit",
      },
    );
  }
  const typst: Peers["typst"] = existsSync(pkgJson)
    ? {
        kind: "found",
        tools,
        version: `typst-ts-node-compiler ${(JSON.parse(readFileSync(pkgJson, "utf8")) as { version: string }).version}`,
      }
    : { kind: "missing", reason: `${TYPST_PACKAGE} could not be installed` };
  return { pandoc, typst };
}

/** A template that is the example's, with one parameter of `count` values: `count` distinct jobs. */
function writeSeries(work: string, count: number): string {
  const dir = join(work, "series");
  mkdirSync(dir, { recursive: true });
  const base = relative(dir, join(root, "templates/russia-japan")).split("\\").join("/");
  writeFileSync(
    join(dir, "template.yaml"),
    [
      "# Written by pnpm bench: the example brief, once per value of `copy`.",
      "id: series",
      `extends: ${base}`,
      "params:",
      "  copy:",
      "    label: Copy",
      `    values: [${Array.from({ length: count }, (_, i) => i + 1).join(", ")}]`,
      "",
    ].join("\n"),
  );
  return dir;
}

function writeBatchFile(work: string, name: string, series: string, count: number): string {
  const file = join(work, `${name}.yaml`);
  writeFileSync(
    file,
    [
      "formats: [pdf, docx, html]",
      "jobs:",
      `  - template: ${relative(work, series).split("\\").join("/")}`,
      "    audiences: [executive]",
      `    params: { copy: [${Array.from({ length: count }, (_, i) => i + 1).join(", ")}] }`,
      "",
    ].join("\n"),
  );
  return file;
}

function fresh(dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Runs A and B alternately `runs` times after one untimed run of each. */
async function alternate(
  runs: number,
  a: () => Promise<Sample>,
  b: (() => Promise<Sample>) | undefined,
  label: string,
): Promise<{ a: Sample[]; b: Sample[] }> {
  await a();
  if (b) await b();
  const as: Sample[] = [];
  const bs: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    as.push(await a());
    if (b) bs.push(await b());
    const last = (s: Sample[]) =>
      s.length > 0 ? `${(s.at(-1)!.wallMs / 1000).toFixed(2)} s` : "–";
    console.error(
      `bench: ${label} ${i + 1}/${runs}: briefkit ${last(as)}, peers ${b ? last(bs) : "–"}`,
    );
  }
  return { a: as, b: bs };
}

export async function runWholeBenchmark(options: WholeOptions): Promise<void> {
  const bin = briefkitBinary();
  const out = options.out;
  const work = fresh(join(out, "work"));
  const scratch = fresh(join(out, "scratch"));
  const lanes = availableParallelism();
  const load = [loadavg()];
  const peers = findPeers(options.tools);
  const wanted = (key: string) => options.only.length === 0 || options.only.includes(key);
  const env = { ...process.env, INIT_CWD: root, CI: "1" };
  const briefkit = (args: string[]) =>
    timed(process.execPath, [bin, ...args], { cwd: root, env, scratch });

  // The peers' content: the charts drawn and the inputs written before any timing.
  const content = join(work, "peer-content");
  const peerCount = Math.max(options.batch, 1);
  console.error(`bench: writing the peer reference brief and ${peerCount - 1} variants`);
  const folders = await writePeerBriefs(content, peerCount);
  const peerOut = join(work, "peer-out");

  const typstPeer = join(import.meta.dirname, "typst-peer.mjs");
  const typst = (dest: string, extra: string[]) => {
    if (peers.typst.kind !== "found") throw new Error(peers.typst.reason);
    return timed(process.execPath, [typstPeer, peers.typst.tools, content, dest, ...extra], {
      scratch,
    });
  };
  const pandoc = (folder: string, dest: string, format: "docx" | "html") => {
    if (peers.pandoc.kind !== "found") throw new Error(peers.pandoc.reason);
    const html = format === "html" ? ["-s", peers.pandoc.embed] : [];
    return timed("pandoc", ["brief.md", ...html, "--resource-path", folder, "-o", dest], {
      cwd: folder,
      scratch,
    });
  };
  const chainMissing =
    peers.typst.kind === "missing"
      ? peers.typst.reason
      : peers.pandoc.kind === "missing"
        ? peers.pandoc.reason
        : undefined;
  /** The peer chain on the reference brief: Typst ∥ pandoc DOCX ∥ pandoc HTML. */
  const chain = () => {
    const dest = fresh(join(peerOut, "one"));
    return together(
      [
        () => typst(dest, ["--count", "1"]),
        () => pandoc(folders[0]!, join(dest, "b000.docx"), "docx"),
        () => pandoc(folders[0]!, join(dest, "b000.html"), "html"),
      ],
      3,
    );
  };
  const chainBytes = () => {
    const dest = join(peerOut, "one");
    return existsSync(dest) ? bytesIn(dest, /\.(pdf|docx|html)$/) : undefined;
  };
  const peerSide = (samples: Sample[], bytes: number | undefined, note?: string): Side =>
    chainMissing !== undefined
      ? { kind: "missing", reason: chainMissing }
      : { kind: "measured", samples, bytes, ...(note === undefined ? {} : { note }) };

  const rows: Row[] = [];
  const coldRow = async (key: string, audience: string, work_: string, target: string) => {
    if (!wanted(key)) return undefined;
    const dest = join(out, "briefkit", audience);
    const { a, b } = await alternate(
      options.runs,
      async () => {
        fresh(dest);
        return briefkit(["build", "--audience", audience, "--out", dest]);
      },
      chainMissing === undefined ? chain : undefined,
      key,
    );
    rows.push({
      work: work_,
      briefkit: { kind: "measured", samples: a, bytes: bytesIn(dest, /\.(pdf|docx|html)$/) },
      peer: peerSide(
        b,
        chainBytes(),
        "Typst PDF ∥ pandoc DOCX ∥ pandoc HTML, on the peers' reference brief",
      ),
      target,
    });
    return dest;
  };

  await coldRow("full", "full", "cold full paper, PDF + DOCX + HTML", "≤ 1.2 s");
  const executive = await coldRow(
    "executive",
    "executive",
    "cold executive summary, PDF + DOCX + HTML",
    "≤ 0.6 s",
  );
  if (executive !== undefined) {
    const docx = readdirSync(executive).find((f) => f.endsWith(".docx"));
    const peerDocx = join(peerOut, "one", "b000.docx");
    rows.push({
      work: "executive summary's DOCX",
      briefkit: {
        kind: "measured",
        samples: [],
        bytes: docx === undefined ? undefined : statSync(join(executive, docx)).size,
      },
      peer:
        chainMissing === undefined && existsSync(peerDocx)
          ? {
              kind: "measured",
              samples: [],
              bytes: statSync(peerDocx).size,
              note: "pandoc's DOCX of the reference brief (no embedded fonts)",
            }
          : { kind: "missing", reason: chainMissing ?? "no DOCX" },
      target: "≤ 150 KB",
    });
  }

  const series = writeSeries(work, Math.max(options.batch, options.warm));

  if (wanted("warm")) {
    // One process builds the briefs one after another (one thread); each job's own time, from its progress line.
    const file = writeBatchFile(work, "warm", series, options.warm);
    const dest = fresh(join(out, "briefkit", "warm"));
    const run = await briefkit(["batch", file, "--jobs", "1", "--no-cache", "--out", dest]);
    const jobMs = [...run.stderr.matchAll(/^\[\s*\d+\/\d+\] built .*\((\d+\.\d+) s\)$/gm)].map(
      (m) => Number(m[1]) * 1000,
    );
    const counted = jobMs.slice(3);
    let peer: Side = { kind: "missing", reason: chainMissing ?? "" };
    if (chainMissing === undefined) {
      const loop = await typst(fresh(join(peerOut, "warm")), [
        "--count",
        String(folders.length),
        "--loop",
        String(options.warm),
      ]);
      const typstMs = (JSON.parse(loop.stdout) as { ms: number[] }).ms.slice(3);
      const samples: Sample[] = [];
      for (const [i, ms] of typstMs.entries()) {
        const folder = folders[i % folders.length]!;
        const d = await pandoc(folder, join(peerOut, "warm", `${i}.docx`), "docx");
        const h = await pandoc(folder, join(peerOut, "warm", `${i}.html`), "html");
        samples.push({ wallMs: ms + d.wallMs + h.wallMs, cpuMs: undefined, peakMb: undefined });
      }
      peer = {
        kind: "measured",
        samples,
        bytes: undefined,
        note: "Typst's compile of one brief in a warm process (pandoc has no warm mode: plus its two processes, DOCX and HTML)",
      };
    }
    rows.push({
      work: "warm, per brief (executive summary, 3 formats)",
      briefkit: {
        kind: "measured",
        samples: counted.map((wallMs) => ({ wallMs, cpuMs: undefined, peakMb: undefined })),
        bytes: undefined,
        note: `\`briefkit batch --jobs 1\`: the ${counted.length} jobs after the first three of ${options.warm} in one thread, each job's time`,
      },
      peer,
      target: "",
    });
  }

  if (wanted("batch")) {
    const file = writeBatchFile(work, "batch", series, options.batch);
    const dest = join(out, "briefkit", "batch");
    let built = "";
    const { a, b } = await alternate(
      options.batchRuns,
      async () => {
        fresh(dest);
        const r = await briefkit(["batch", file, "--no-cache", "--out", dest]);
        built = r.stdout.trim().split("\n").at(-1) ?? "";
        if (!built.includes(`${options.batch} built`))
          throw new Error(`the batch did not build every brief: ${built}`);
        return r;
      },
      chainMissing === undefined
        ? () => {
            const d = fresh(join(peerOut, "batch"));
            return together(
              [
                () => typst(d, ["--count", String(folders.length)]),
                ...folders.flatMap((f, i) => [
                  () => pandoc(f, join(d, `b${i}.docx`), "docx"),
                  () => pandoc(f, join(d, `b${i}.html`), "html"),
                ]),
              ],
              lanes,
            );
          }
        : undefined,
      "batch",
    );
    rows.push({
      work: `batch of ${options.batch} two-page briefs, PDF + DOCX + HTML`,
      briefkit: {
        kind: "measured",
        samples: a,
        bytes: bytesIn(dest, /\.(pdf|docx|html)$/),
        note: `\`briefkit batch\` (no cache): the executive summary once per value of a parameter; ${built}`,
      },
      peer: peerSide(
        b,
        existsSync(join(peerOut, "batch"))
          ? bytesIn(join(peerOut, "batch"), /\.(pdf|docx|html)$/)
          : undefined,
        `one Typst process for the ${options.batch} PDFs beside pandoc's ${2 * options.batch} processes, ${lanes} at a time; peak: the largest ${lanes} processes' peaks added`,
      ),
      target: "≤ 12 s, ≤ 400 MB",
    });
  }
  if (wanted("batch-bounded")) {
    // The same batch under the memory bound: the pool takes fewer threads (batch/pool.ts).
    const file = writeBatchFile(work, "batch", series, options.batch);
    const dest = join(out, "briefkit", "batch-bounded");
    let built = "";
    const { a } = await alternate(
      options.batchRuns,
      async () => {
        fresh(dest);
        const r = await briefkit([
          "batch",
          file,
          "--no-cache",
          "--max-memory",
          "400",
          "--out",
          dest,
        ]);
        built = r.stdout.trim().split("\n").at(-1) ?? "";
        return r;
      },
      undefined,
      "batch --max-memory 400",
    );
    rows.push({
      work: `the same batch, \`--max-memory 400\``,
      briefkit: {
        kind: "measured",
        samples: a,
        bytes: bytesIn(dest, /\.(pdf|docx|html)$/),
        note: built,
      },
      peer: { kind: "missing", reason: "as above" },
      target: "≤ 12 s, ≤ 400 MB",
    });
  }
  load.push(loadavg());

  const table = resultsTable(rows);
  const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], {
    cwd: root,
    encoding: "utf8",
  }).stdout.trim();
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? "?"}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}, ${process.platform}`;
  const header = [
    `briefkit ${commit} against the peer chain, ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
    `machine: ${machine}; load average ${load.map((l) => l.map((x) => x.toFixed(1)).join(" ")).join(" → ")}`,
    `peers: ${peers.typst.kind === "found" ? peers.typst.version : peers.typst.reason}; ${peers.pandoc.kind === "found" ? peers.pandoc.version : peers.pandoc.reason}`,
    `runs: ${options.runs} per row (batch ${options.batchRuns}), after one untimed run of each side, alternating briefkit and the peers`,
  ];
  const text = `${header.join("  \n")}\n\n${table}\n`;
  mkdirSync(dirname(join(out, "results.md")), { recursive: true });
  writeFileSync(join(out, "results.md"), text);
  writeFileSync(
    join(out, "results.json"),
    `${JSON.stringify({ commit, machine, load, peers, options: { ...options, out: relative(root, out) }, rows }, null, 2)}\n`,
  );
  rmSync(scratch, { recursive: true, force: true });
  console.log(text);
  console.log(`results: ${relative(root, join(out, "results.md"))} and results.json`);
}
