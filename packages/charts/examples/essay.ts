/**
 * The charts of the essay "Russia and Japan Beyond 2005", built with the
 * presets from the fixtures in test/fixtures (rows transcribed from the
 * essay's Table 1, Table 3 and its text on the composition of exports).
 * Shared by the tests, the benchmark and `examples/render-essay-charts.ts`.
 */
import { readFileSync } from "node:fs";
import {
  type ChartInput,
  type ChartRow,
  groupedBarChart,
  lineChart,
  sharesChart,
  smallMultiplesChart,
  stackedBarChart,
} from "../src/index.js";

interface Fixture {
  table: string;
  source: string;
  unit: string;
  rows: ChartRow[];
  totals?: ChartRow[];
}

/** Read one fixture file of test/fixtures. */
export function fixture(name: string): Fixture {
  return JSON.parse(
    readFileSync(new URL(`../test/fixtures/${name}.json`, import.meta.url), "utf8"),
  ) as Fixture;
}

/** Table 1: total trade 1998–2004, with the 2005 first half shown apart. */
export function totalTradeChart(): ChartInput {
  const t1 = fixture("russia-japan-trade");
  return lineChart(
    t1.rows.filter((r) => r.flow === "Total"),
    {
      x: "period",
      y: "value",
      unit: t1.unit,
      title: "Russia–Japan trade, 1998–2005",
      subtitle: "Total trade, US$ billion. 2005: first half of the year only",
      partial: { field: "partial", label: "First half only" },
    },
  );
}

/** Table 1: Russian exports to and imports from Japan, grouped bars. */
export function exportsImportsChart(): ChartInput {
  const t1 = fixture("russia-japan-trade");
  return groupedBarChart(
    t1.rows.filter((r) => r.flow !== "Total"),
    {
      category: "period",
      value: "value",
      series: "flow",
      unit: t1.unit,
      title: "Russia's exports to and imports from Japan, 1998–2005",
      subtitle: "US$ billion. 2005: first half of the year only",
      partial: { field: "partial", label: "First half only" },
    },
  );
}

/** Table 3, 2003: exports and imports of each Far Eastern region with Japan. */
export function regionsChart(): ChartInput {
  const t3 = fixture("far-east-trade");
  return groupedBarChart(
    t3.rows.filter((r) => r.year === "2003"),
    {
      category: "region",
      value: "value",
      series: "flow",
      orientation: "horizontal",
      labels: true,
      unit: t3.unit,
      title: "Far Eastern Russia's trade with Japan by region, 2003",
      subtitle: "Exports to and imports from Japan, US$ million",
    },
  );
}

/** The composition of Russia's exports to Japan, from the essay's text. */
export function compositionChart(): ChartInput {
  const c = fixture("export-composition");
  return sharesChart(c.rows, {
    category: "product",
    value: "share",
    remainderLabel: "Other (not specified)",
    title: "Composition of Russia's exports to Japan",
    subtitle: "Share of the total, percent",
  });
}

/** Table 3, 1998–2003: one panel per region. */
export function regionsSmallMultiples(): ChartInput {
  const t3 = fixture("far-east-trade");
  return smallMultiplesChart(t3.rows, {
    facet: "region",
    x: "year",
    y: "value",
    series: "flow",
    unit: t3.unit,
    valueTitle: null,
    title: "Far Eastern regions' trade with Japan, 1998–2003",
    subtitle: "US$ million; gaps where the source shows no figure",
  });
}

/** Table 1: exports and imports stacked to the total. */
export function stackedTradeChart(): ChartInput {
  const t1 = fixture("russia-japan-trade");
  return stackedBarChart(
    t1.rows.filter((r) => r.flow !== "Total"),
    {
      category: "period",
      value: "value",
      series: "flow",
      unit: t1.unit,
      title: "Russia–Japan trade by direction, 1998–2005",
      partial: { field: "partial", label: "First half only" },
    },
  );
}

/** The four charts the brief shows, then two more views of the same tables. */
export const essayCharts: Record<string, () => ChartInput> = {
  "total-trade": totalTradeChart,
  "exports-imports": exportsImportsChart,
  "regions-2003": regionsChart,
  "export-composition": compositionChart,
  "regions-small-multiples": regionsSmallMultiples,
  "trade-stacked": stackedTradeChart,
};
