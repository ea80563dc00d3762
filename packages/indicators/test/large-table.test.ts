/**
 * Every function over a generated table of 3,000 rows (bench/generate.ts,
 * loaded with the real @briefkit/data loader), checked against figures this
 * test computes from the generator's formula. The same definitions run in
 * `pnpm bench indicators` at up to 1,000,000 cells.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Dataset, loadDataset } from "@briefkit/data";
import { beforeAll, describe, expect, it } from "vitest";
import {
  generateGrid,
  gridDefinitions,
  gridEntity,
  gridOther,
  gridValue,
} from "../bench/generate.js";
import { evaluateIndicators, INDICATOR_FUNCTIONS, parseIndicatorYaml } from "../src/index.js";

const entities = 300;
const of = 7;
// Period numbers: 0 = 2000, 8 = 2008 (the latest full year), 9 = 2009-H1.
const latest = 8;

let dataset: Dataset;
beforeAll(async () => {
  const loaded = await loadDataset(
    generateGrid(mkdtempSync(join(tmpdir(), "indicators-grid-")), entities),
  );
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues.slice(0, 3)));
  dataset = loaded.dataset;
});

describe(`every function over ${entities * 10} rows`, () => {
  it("gives the figures computed from the rows", () => {
    const loaded = parseIndicatorYaml(gridDefinitions(of), "grid.yaml");
    expect(loaded.issues).toEqual([]);
    expect(new Set(loaded.definitions.map((d) => d.function))).toEqual(
      new Set(INDICATOR_FUNCTIONS),
    );
    const { results, issues } = evaluateIndicators(dataset, loaded.definitions, {
      source: loaded.source,
    });
    expect(issues).toEqual([]);
    const value = (id: string): number => {
      const r = results.find((x) => x.id === id)?.result;
      if (r?.status !== "ok") throw new Error(`${id}: ${JSON.stringify(r)}`);
      return r.value;
    };

    const v = (t: number) => gridValue(of, t);
    const everyEntity = Array.from({ length: entities }, (_, e) => e);
    const sum = everyEntity.reduce((acc, e) => acc + gridValue(e, latest), 0);
    const sumBoth = everyEntity.reduce(
      (acc, e) => acc + gridValue(e, latest) + gridOther(e, latest),
      0,
    );
    const above = everyEntity.filter((e) => gridValue(e, latest) > v(latest)).length;

    expect(value("value")).toBe(v(latest));
    expect(value("change")).toBe(v(latest) - v(0));
    expect(value("growth")).toBeCloseTo((v(latest) / v(latest - 1) - 1) * 100, 10);
    expect(value("cagr")).toBeCloseTo(((v(latest) / v(0)) ** (1 / 8) - 1) * 100, 10);
    expect(value("multiple")).toBeCloseTo(v(latest) / v(0), 12);
    expect(value("index")).toBeCloseTo((v(latest) / v(0)) * 100, 10);
    expect(value("balance")).toBe(v(latest) - gridOther(of, latest));
    expect(value("coverage")).toBeCloseTo((v(latest) / gridOther(of, latest)) * 100, 10);
    expect(value("annualise")).toBe(v(9) * 2);
    const window = Array.from({ length: 9 }, (_, t) => v(t));
    expect(value("rolling-mean")).toBeCloseTo(window.reduce((a, b) => a + b, 0) / 9, 10);
    expect(value("convert")).toBeCloseTo(v(latest) / 1000, 12);
    expect(value("sum")).toBe(sum);
    expect(value("sum-both-2008")).toBe(sumBoth);
    expect(value("rank")).toBe(above + 1);
    expect(value("share")).toBeCloseTo((v(latest) / sum) * 100, 10);
    expect(value("coverage-all")).toBeCloseTo((sum / sumBoth) * 100, 10);

    const rank = results.find((x) => x.id === "rank")?.result;
    expect(rank?.status === "ok" && rank.ranking?.length).toBe(entities);
    const total = results.find((x) => x.id === "sum")?.result;
    // One input per entity, in row order, each with its own filter.
    expect(total?.inputs).toHaveLength(entities);
    expect(total?.inputs[of]).toMatchObject({
      where: { entity: gridEntity(of) },
      period: "2008",
      value: v(latest),
    });
    expect(total?.periods).toEqual(["2008"]);
  });
});
