/**
 * Memory of loading 100,000 observations, in a fresh process:
 * `npx tsx --conditions=@briefkit/source packages/data/bench/memory.ts [wide|long]`.
 * Prints peak RSS (the whole process, Node itself included) and the heap
 * held by the loaded dataset.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadDataset } from "../src/index.js";
import { generateDataset } from "./generate.js";

const layout = process.argv[2] === "long" ? "long" : "wide";
const dir = generateDataset(mkdtempSync(join(tmpdir(), "briefkit-mem-")), layout);
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const before = process.memoryUsage();
const t0 = performance.now();
const result = await loadDataset(dir);
const ms = performance.now() - t0;
const during = process.memoryUsage();
gc?.();
const after = process.memoryUsage();
if (!result.ok) throw new Error(result.issues[0]?.message);
const points = result.dataset.table("big").rows.length;
console.log(
  [
    `layout ${layout}: ${points} rows loaded in ${ms.toFixed(0)} ms (cold)`,
    `rss before ${mb(before.rss)}, after load ${mb(during.rss)}, peak ${mb(process.resourceUsage().maxRSS * 1024)}`,
    `heap before ${mb(before.heapUsed)}, after load ${mb(during.heapUsed)}, retained after gc ${mb(after.heapUsed - before.heapUsed)}${gc ? "" : " (run with --expose-gc for exact numbers)"}`,
  ].join("\n"),
);
