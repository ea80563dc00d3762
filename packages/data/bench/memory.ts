/**
 * Memory of loading 100,000 observations:
 * `node --expose-gc --import tsx --conditions=@briefkit/source packages/data/bench/memory.ts [wide|long]`.
 * The dataset is generated first, then measured in a fresh child process so
 * that generation does not count. Prints the child's peak RSS (Node and tsx
 * included: about 75 MB before any work) and the heap the load used and kept.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadDataset } from "../src/index.js";
import { generateDataset } from "./generate.js";

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

async function measure(layout: string, dir: string): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage();
  const t0 = performance.now();
  const result = await loadDataset(dir);
  const ms = performance.now() - t0;
  const during = process.memoryUsage();
  if (!result.ok) throw new Error(result.issues[0]?.message);
  const rows = result.dataset.table("big").rows.length;
  gc?.();
  const after = process.memoryUsage();
  console.log(
    [
      `layout ${layout}: ${rows} rows, 100000 observations, loaded in ${ms.toFixed(0)} ms (cold process)`,
      `  rss: before ${mb(before.rss)}, after load ${mb(during.rss)}, peak ${mb(process.resourceUsage().maxRSS * 1024)}`,
      `  heap: used by the load ${mb(during.heapUsed - before.heapUsed)}, kept by the dataset ${mb(after.heapUsed - before.heapUsed)}${gc ? "" : " (run with --expose-gc for exact numbers)"}`,
    ].join("\n"),
  );
}

const [layout = "wide", flag, dir] = process.argv.slice(2);
if (flag === "--dir" && dir) await measure(layout, dir);
else {
  const generated = generateDataset(
    mkdtempSync(join(tmpdir(), "briefkit-mem-")),
    layout === "long" ? "long" : "wide",
  );
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, process.argv[1]!, layout, "--dir", generated],
    { stdio: "inherit" },
  );
  process.exitCode = child.status ?? 1;
}
