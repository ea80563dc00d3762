/**
 * Indicator benchmarks for `pnpm bench indicators` (harness:
 * scripts/bench.ts). Budget from issue #3: twenty indicators, warm, under
 * 5 ms. Setup (loading the dataset and the YAML) is outside the timing. The
 * definitions are the test set (test/fixtures/default-set.yaml).
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { type Dataset, loadDataset } from "@briefkit/data";
import {
  evaluateIndicators,
  type IndicatorDefinition,
  type LoadedIndicators,
  parseIndicatorYaml,
} from "../src/index.js";

const root = fileURLToPath(new URL("../../../data/russia-japan/", import.meta.url));
const definitions = fileURLToPath(new URL("../test/fixtures/default-set.yaml", import.meta.url));

interface Context {
  dataset: Dataset;
  loaded: LoadedIndicators;
  twenty: IndicatorDefinition[];
  text: string;
}

async function setup(): Promise<Context> {
  const data = await loadDataset(`${root}2005`);
  if (!data.ok) throw new Error("the 2005 dataset does not load");
  const text = await readFile(definitions, "utf8");
  const loaded = parseIndicatorYaml(text, definitions);
  if (loaded.definitions.length < 20) throw new Error("fewer than twenty default indicators");
  return { dataset: data.dataset, loaded, twenty: loaded.definitions.slice(0, 20), text };
}

export default [
  {
    name: "evaluate 20 default indicators (warm)",
    budgetMs: 5,
    setup,
    fn: (ctx: Context) =>
      evaluateIndicators(ctx.dataset, ctx.twenty, { source: ctx.loaded.source }),
  },
  {
    name: "evaluate the whole default set (warm)",
    budgetMs: 5,
    setup,
    fn: (ctx: Context) =>
      evaluateIndicators(ctx.dataset, ctx.loaded.definitions, { source: ctx.loaded.source }),
  },
  {
    name: "parse and validate the YAML of the default set",
    setup,
    fn: (ctx: Context) => parseIndicatorYaml(ctx.text, definitions),
  },
];
