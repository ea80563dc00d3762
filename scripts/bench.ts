/**
 * `pnpm bench`: the benchmark harness, in two parts.
 *
 * - `pnpm bench [--runs 7] [--batch-runs 7] [--batch 50] [--only full,executive,warm,batch,batch-bounded]`:
 *   briefkit's compiled binary against the peer chain (Typst, pandoc), as
 *   whole processes, in alternation; the table goes to out/bench/results.md
 *   (packages/cli/bench/whole/run.ts, docs/scale.md#benchmark).
 * - `pnpm bench micro`, or `pnpm bench FILTER…`: the packages' micro-benchmarks.
 *
 * The micro-benchmarks: every `packages/<pkg>/bench/*.bench.ts`, in process with tinybench, and
 * reports the median (p50) and p90 of each case, next to the budget the case
 * declares. Budgets are printed, never asserted: the machine is noisy, so a
 * benchmark informs and a test decides.
 *
 * A bench file default-exports an array of cases:
 *
 *   export default [
 *     { name: "load 2005 dataset (warm)", budgetMs: 20, setup: async () => ctx, fn: (ctx) => work(ctx) },
 *   ];
 *
 * `setup` runs once, outside the timing, and `teardown` (if any) after it. `iterations` (default: time-bound)
 * lowers the sample count for slow cases. Pass substrings as arguments to run
 * only matching cases: `pnpm bench dataset`.
 */
import { existsSync, readdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Bench } from "tinybench";

interface BenchCase {
  name: string;
  budgetMs?: number;
  iterations?: number;
  setup?: () => unknown | Promise<unknown>;
  fn: (ctx: never) => unknown | Promise<unknown>;
  /** Runs once after the timing: stops what `setup` started (a server, a browser). */
  teardown?: (ctx: never) => unknown | Promise<unknown>;
}

const root = resolve(import.meta.dirname, "..");

function benchFiles(): string[] {
  const files: string[] = [];
  for (const pkg of readdirSync(join(root, "packages")).sort()) {
    const dir = join(root, "packages", pkg, "bench");
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) {
      if (f.endsWith(".bench.ts")) files.push(join(dir, f));
    }
  }
  return files;
}

function ms(x: number | undefined): string {
  return x === undefined ? "-" : x < 10 ? x.toFixed(2) : x.toFixed(1);
}

async function micro(filters: readonly string[]): Promise<void> {
  const rows: string[][] = [["case", "median ms", "p90 ms", "samples", "budget ms", "within"]];
  for (const file of benchFiles()) {
    const mod = (await import(pathToFileURL(file).href)) as { default: BenchCase[] };
    for (const c of mod.default) {
      const label = `${relative(root, file).split("/")[1]}: ${c.name}`;
      if (filters.length > 0 && !filters.some((f) => label.includes(f))) continue;
      const ctx = c.setup ? await c.setup() : undefined;
      const bench = new Bench({
        time: c.iterations ? 0 : 1000,
        iterations: c.iterations ?? 10,
        warmupIterations: c.iterations ? 1 : 5,
      });
      bench.add(label, () => c.fn(ctx as never));
      await bench.run();
      await c.teardown?.(ctx as never);
      const r = bench.tasks[0]?.result;
      if (r?.state !== "completed") {
        rows.push([label, "failed", "", "", "", ""]);
        continue;
      }
      const median = r.latency.p50;
      const p90 = r.latency.samples?.length
        ? [...r.latency.samples].sort((a, b) => a - b)[Math.floor(r.latency.samples.length * 0.9)]
        : r.latency.p75;
      rows.push([
        label,
        ms(median),
        ms(p90),
        String(r.latency.samplesCount ?? r.latency.samples?.length ?? ""),
        c.budgetMs === undefined ? "-" : String(c.budgetMs),
        c.budgetMs === undefined || median === undefined
          ? "-"
          : median <= c.budgetMs
            ? "yes"
            : "NO",
      ]);
    }
  }

  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join("  "));
  console.log(`rss peak ~ ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

const args = process.argv.slice(2);
if (args.length === 0 || args[0]!.startsWith("--")) {
  const { parseWholeOptions, runWholeBenchmark } = await import(
    "../packages/cli/bench/whole/run.js"
  );
  await runWholeBenchmark(parseWholeOptions(args));
} else {
  await micro(args[0] === "micro" ? args.slice(1) : args);
}
