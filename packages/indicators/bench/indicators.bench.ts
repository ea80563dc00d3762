/**
 * Indicator benchmarks for `pnpm bench indicators` (harness:
 * scripts/bench.ts). Budget from issue #3: twenty indicators, warm, under
 * 5 ms. Setup (loading the dataset and the YAML) is outside the timing. The
 * definitions are the test set (test/fixtures/default-set.yaml).
 *
 * Issue #13: every function over a generated table (bench/generate.ts) of
 * 10,000, 100,000 and 1,000,000 cells. The sums and ranks across a column
 * read one series per entity, so the time must grow tenfold per tenfold of
 * cells (it grew a hundredfold). The warm cases reuse one load, whose column
 * index the first evaluation builds; the cold case loads the table each time.
 */
import { mkdtempSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Dataset, loadDataset } from "@briefkit/data";
import {
  evaluateIndicators,
  INDICATOR_FUNCTIONS,
  type IndicatorDefinition,
  type LoadedIndicators,
  parseIndicatorYaml,
} from "../src/index.js";
import { generateGrid, gridDefinitions } from "./generate.js";

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

interface GridContext {
  dataset: Dataset;
  loaded: LoadedIndicators;
}

async function loadGrid(dir: string): Promise<Dataset> {
  const data = await loadDataset(dir);
  if (!data.ok) throw new Error(`the grid does not load: ${data.issues[0]?.message}`);
  return data.dataset;
}

/** Evaluates every function over the grid; a definition issue or an `na` is a broken bench. */
function evaluateGrid(ctx: GridContext): void {
  const { results, issues } = evaluateIndicators(ctx.dataset, ctx.loaded.definitions, {
    source: ctx.loaded.source,
  });
  const gap = results.find((r) => r.result.status !== "ok");
  if (issues.length > 0 || gap !== undefined) {
    throw new Error(`grid: ${issues[0]?.message ?? `${gap?.id} not available`}`);
  }
}

function gridDefinitionsLoaded(): LoadedIndicators {
  const loaded = parseIndicatorYaml(gridDefinitions(7), "grid.yaml");
  const fns = new Set(loaded.definitions.map((d) => d.function));
  if (loaded.issues.length > 0 || fns.size !== INDICATOR_FUNCTIONS.length) {
    throw new Error("the grid definitions must be valid and use every function");
  }
  return loaded;
}

/** Every function over `entities` x 50 cells, warm. */
const gridCase = (entities: number, budgetMs: number) => ({
  name: `every function over ${(entities * 50).toLocaleString("en-GB")} cells (${(entities * 10).toLocaleString("en-GB")} rows × 5 columns, warm)`,
  budgetMs,
  ...(entities >= 20_000 ? { iterations: 5 } : {}),
  setup: async (): Promise<GridContext> => ({
    dataset: await loadGrid(generateGrid(mkdtempSync(join(tmpdir(), "briefkit-grid-")), entities)),
    loaded: gridDefinitionsLoaded(),
  }),
  fn: evaluateGrid,
});

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
  gridCase(200, 20),
  gridCase(2_000, 200),
  gridCase(20_000, 2_000),
  {
    name: "load 1,000,000 cells and evaluate every function (cold)",
    iterations: 3,
    setup: () => ({
      dir: generateGrid(mkdtempSync(join(tmpdir(), "briefkit-grid-")), 20_000),
      loaded: gridDefinitionsLoaded(),
    }),
    fn: async (ctx: { dir: string; loaded: LoadedIndicators }) =>
      evaluateGrid({ dataset: await loadGrid(ctx.dir), loaded: ctx.loaded }),
  },
];
