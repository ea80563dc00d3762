/**
 * Render the essay's charts to /tmp/briefkit-charts/ (SVG, PNG at 2×, alt
 * text) to look at them. Not a test: run with
 *   npx tsx --conditions=@briefkit/source packages/charts/examples/render-essay-charts.ts [outDir]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ChartError, renderChart } from "../src/index.js";
import { essayCharts } from "./essay.js";

const out = process.argv[2] ?? "/tmp/briefkit-charts";
mkdirSync(out, { recursive: true });
for (const [name, build] of Object.entries(essayCharts)) {
  try {
    const chart = await renderChart(build(), { png: { density: 2 } });
    writeFileSync(join(out, `${name}.svg`), chart.svg);
    if (chart.png) writeFileSync(join(out, `${name}.png`), chart.png.png);
    writeFileSync(join(out, `${name}.alt.txt`), `${chart.alt}\n`);
    console.log(
      `${name}: ${chart.width}×${chart.height} px, PNG ${chart.png?.width}×${chart.png?.height}`,
    );
    for (const w of chart.warnings) console.log(`  warning ${w.code}: ${w.message}`);
  } catch (error) {
    if (error instanceof ChartError) {
      for (const i of error.issues) console.log(`${name}: ${i.code} ${i.path}: ${i.message}`);
    } else {
      throw error;
    }
  }
}
