/**
 * Chart benchmarks (issue #3 budgets): one chart to SVG warm under 30 ms, to
 * PNG at 2× under 80 ms. Warm means fonts parsed and vega's code paths hot;
 * `setup` renders once before timing. Run: `pnpm bench charts`.
 */
import { exportsImportsChart, regionsSmallMultiples, totalTradeChart } from "../examples/essay.js";
import { type ChartInput, rasterize, renderChart } from "../src/index.js";

async function warm(input: ChartInput): Promise<ChartInput> {
  await renderChart(input, { png: true });
  return input;
}

export default [
  {
    name: "grouped bar chart to SVG (warm)",
    budgetMs: 30,
    setup: () => warm(exportsImportsChart()),
    fn: (input: ChartInput) => renderChart(input),
  },
  {
    name: "line chart to SVG (warm)",
    budgetMs: 30,
    setup: () => warm(totalTradeChart()),
    fn: (input: ChartInput) => renderChart(input),
  },
  {
    name: "grouped bar chart to SVG + PNG at 2x (warm)",
    budgetMs: 80,
    setup: () => warm(exportsImportsChart()),
    fn: (input: ChartInput) => renderChart(input, { png: { density: 2 } }),
  },
  {
    name: "rasterize only: SVG to PNG at 2x",
    setup: async () => (await renderChart(exportsImportsChart())).svg,
    fn: (svg: string) => rasterize(svg, { density: 2 }),
  },
  {
    name: "small multiples (7 panels) to SVG (warm)",
    setup: () => warm(regionsSmallMultiples()),
    fn: (input: ChartInput) => renderChart(input),
  },
];
