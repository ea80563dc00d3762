/**
 * Benchmarks for @briefkit/data (run: `npx -y pnpm@12.4.2 bench data`).
 * Budgets from issue #2: the 2005 dataset warm under 20 ms; 100,000
 * observations under 1 s (memory is measured by bench/memory.ts).
 */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { loadDataset } from "../src/index.js";
import { generateDataset } from "./generate.js";

const shipped = resolve(import.meta.dirname, "../../../data/russia-japan/2005");
const fixture = resolve(import.meta.dirname, "../test/fixtures/essay/mini");
const edition = existsSync(join(shipped, "dataset.yaml")) ? shipped : fixture;

async function mustLoad(dir: string): Promise<void> {
  const r = await loadDataset(dir);
  if (!r.ok) throw new Error(`${dir} did not load: ${r.issues[0]?.message}`);
}

export default [
  {
    name: `load + validate ${edition === shipped ? "data/russia-japan/2005" : "essay fixture"} (warm)`,
    budgetMs: 20,
    setup: () => edition,
    fn: (dir: string) => mustLoad(dir),
  },
  {
    name: "load + validate 100,000 observations, wide (10,000 rows × 10 series)",
    budgetMs: 1000,
    iterations: 5,
    setup: () => generateDataset(mkdtempSync(join(tmpdir(), "briefkit-bench-")), "wide"),
    fn: (dir: string) => mustLoad(dir),
  },
  {
    name: "load + validate 100,000 observations, long (100,000 rows)",
    budgetMs: 1000,
    iterations: 5,
    setup: () => generateDataset(mkdtempSync(join(tmpdir(), "briefkit-bench-")), "long"),
    fn: (dir: string) => mustLoad(dir),
  },
];
