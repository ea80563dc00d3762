/**
 * Compose the full brief warm, chart rendering aside (figures: false), and
 * with charts (SVG + PNG at 2×) for comparison.
 */
import { join, resolve } from "node:path";
import { loadDataset } from "@briefkit/data";
import { compose, createComposeCache } from "../src/index.js";

const cache = createComposeCache();

const root = resolve(import.meta.dirname, "../../..");
const templateDir = join(root, "templates/russia-japan");

async function dataset() {
  const r = await loadDataset(join(root, "data/russia-japan/2005"));
  if (!r.ok) throw new Error("dataset must load");
  return r.dataset;
}

async function run(ds: Awaited<ReturnType<typeof dataset>>, audience: string, figures: boolean) {
  const r = await compose({
    templateDir,
    dataset: ds,
    audience,
    cache,
    ...(figures ? {} : { figures: false as const }),
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues.slice(0, 3)));
}

export default [
  {
    name: "compose full brief warm, charts aside",
    budgetMs: 50,
    setup: dataset,
    fn: (ds: Awaited<ReturnType<typeof dataset>>) => run(ds, "full", false),
  },
  {
    name: "compose executive warm, charts aside",
    setup: dataset,
    fn: (ds: Awaited<ReturnType<typeof dataset>>) => run(ds, "executive", false),
  },
  {
    name: "compose full brief warm, with charts (SVG + PNG 2×)",
    iterations: 5,
    setup: dataset,
    fn: (ds: Awaited<ReturnType<typeof dataset>>) => run(ds, "full", true),
  },
];
