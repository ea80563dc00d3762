/**
 * The edition diff of the essay's data, warm: 2005 against the synthetic
 * 2006 edition (packages/data/test/fixtures/editions/russia-japan-2006),
 * datasets loaded and the template parsed once in setup. One run composes
 * every audience on both editions (charts aside), aligns their sentences,
 * evaluates every indicator twice and compares the data, tables and charts.
 */
import { join, resolve } from "node:path";
import { type Dataset, loadDataset } from "@briefkit/data";
import { type ComposeCache, createComposeCache, diffEditions } from "../src/index.js";

const root = resolve(import.meta.dirname, "../../..");
const templateDir = join(root, "templates/russia-japan");

interface Ctx {
  from: Dataset;
  to: Dataset;
  cache: ComposeCache;
}

async function load(dir: string): Promise<Dataset> {
  const r = await loadDataset(join(root, dir));
  if (!r.ok) throw new Error(`${dir} must load`);
  return r.dataset;
}

export default [
  {
    name: "diff editions 2005 → 2006 (all audiences, warm)",
    budgetMs: 200,
    setup: async (): Promise<Ctx> => ({
      from: await load("data/russia-japan/2005"),
      to: await load("packages/data/test/fixtures/editions/russia-japan-2006"),
      cache: createComposeCache(),
    }),
    fn: async (ctx: Ctx) => {
      const r = await diffEditions({ templateDir, from: ctx.from, to: ctx.to, cache: ctx.cache });
      if (!r.ok) throw new Error(JSON.stringify(r.issues.slice(0, 3)));
    },
  },
];
