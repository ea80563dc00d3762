/**
 * The pure part of the whole-process benchmark (run.ts): medians, the ratio
 * of two commands timed in alternation, and the results table. No I/O here,
 * so packages/cli/test/bench-stats.test.ts can check it.
 */

/** One timed run of a command (or of commands run together, as one unit). */
export interface Sample {
  wallMs: number;
  /** user + system CPU of the processes, when the timer could read it. */
  cpuMs: number | undefined;
  /** Peak resident memory in MB (for commands run together: the sum of their peaks). */
  peakMb: number | undefined;
}

/** What one side of a row measured: its samples, or why it has none. */
export type Side =
  | { kind: "measured"; samples: Sample[]; bytes: number | undefined; note?: string }
  | { kind: "missing"; reason: string };

export interface Row {
  work: string;
  briefkit: Side;
  peer: Side;
  /** The target for briefkit's side, as printed (e.g. "≤ 1.2 s"). */
  target: string;
}

/** The median of a non-empty list (the mean of the middle two for an even count). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error("median of an empty list");
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * How many times slower A is than B, from runs taken in alternation (A₁ B₁
 * A₂ B₂ …): the median of the per-pair ratios, so that a burst of load on a
 * shared machine touches both sides of a pair rather than one side's median.
 * Pairs beyond the shorter list are ignored.
 */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) throw new Error("no pairs to compare");
  const ratios: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!(b[i]! > 0)) throw new Error(`pair ${i + 1}: the peer's time is ${b[i]}`);
    ratios.push(a[i]! / b[i]!);
  }
  return median(ratios);
}

/** The medians of a side's samples, or undefined for a missing side or figure. */
export function summary(side: Side):
  | {
      wallMs: number;
      minMs: number;
      maxMs: number;
      cpuMs: number | undefined;
      peakMb: number | undefined;
    }
  | undefined {
  if (side.kind === "missing" || side.samples.length === 0) return undefined;
  const walls = side.samples.map((s) => s.wallMs);
  const of = (pick: (s: Sample) => number | undefined) => {
    const xs = side.samples.map(pick).filter((x): x is number => x !== undefined);
    return xs.length === side.samples.length ? median(xs) : undefined;
  };
  return {
    wallMs: median(walls),
    minMs: Math.min(...walls),
    maxMs: Math.max(...walls),
    cpuMs: of((s) => s.cpuMs),
    peakMb: of((s) => s.peakMb),
  };
}

const seconds = (ms: number) => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
const kb = (bytes: number | undefined) =>
  bytes === undefined ? "–" : `${Math.round(bytes / 1024).toLocaleString("en-GB")} KB`;
const mb = (x: number | undefined) => (x === undefined ? "–" : String(Math.round(x)));

function timeCell(side: Side): string {
  if (side.kind === "missing") return `– (${side.reason})`;
  const s = summary(side);
  if (s === undefined) return "–";
  const spread = side.samples.length > 1 ? ` (${seconds(s.minMs)}–${seconds(s.maxMs)})` : "";
  return `**${seconds(s.wallMs)} s**${spread}`;
}

/** The ratio cell: paired when both sides have as many runs, else of the medians. */
export function ratioCell(a: Side, b: Side): string {
  if (a.kind === "missing" || b.kind === "missing") return "–";
  if (a.samples.length === 0 || b.samples.length === 0) return "–";
  const ratio =
    a.samples.length === b.samples.length && a.samples.length > 1
      ? pairedRatio(
          a.samples.map((s) => s.wallMs),
          b.samples.map((s) => s.wallMs),
        )
      : summary(a)!.wallMs / summary(b)!.wallMs;
  return `${ratio.toFixed(1)}×`;
}

/** The results as a Markdown table, one line per row, and the footnotes of each side. */
export function resultsTable(rows: readonly Row[]): string {
  const lines = [
    "| work | briefkit, median (min–max) | peer chain, median (min–max) | ratio | briefkit CPU | peak MB, briefkit / peer | bytes, briefkit / peer | target |",
    "|---|---:|---:|---:|---:|---:|---:|---|",
  ];
  const notes: string[] = [];
  for (const r of rows) {
    const a = summary(r.briefkit);
    const b = summary(r.peer);
    const bytes = (side: Side) => (side.kind === "measured" ? kb(side.bytes) : "–");
    const cpu = a?.cpuMs === undefined ? "–" : `${seconds(a.cpuMs)} s`;
    lines.push(
      `| ${r.work} | ${timeCell(r.briefkit)} | ${timeCell(r.peer)} | ${ratioCell(r.briefkit, r.peer)} | ${cpu} | ${mb(a?.peakMb)} / ${mb(b?.peakMb)} | ${bytes(r.briefkit)} / ${bytes(r.peer)} | ${r.target} |`,
    );
    for (const [who, side] of [
      ["briefkit", r.briefkit],
      ["peer", r.peer],
    ] as const) {
      if (side.kind === "measured" && side.note !== undefined) {
        notes.push(`- ${r.work}, ${who}: ${side.note}`);
      }
    }
  }
  return [...lines, ...(notes.length > 0 ? ["", ...notes] : [])].join("\n");
}
