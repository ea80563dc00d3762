/**
 * Legends wrap onto rows instead of running off the chart: every label is
 * drawn in full and inside the SVG, for presets and for template specs.
 */
import { describe, expect, it } from "vitest";
import { fixture } from "../examples/essay.js";
import { measureContext, measureText } from "../src/fonts.js";
import { houseChartTheme, renderChart, stackedBarChart } from "../src/index.js";
import { legendColumns } from "../src/legends.js";
import { themeFontFiles } from "../src/theme.js";
import { placedTexts } from "./svg-helpers.js";

const ctx = measureContext(houseChartTheme.font.family, themeFontFiles(houseChartTheme));
const exports = fixture("far-east-trade").rows.filter((r) => r.flow === "Exports");
const regions = [...new Set(exports.map((r) => String(r.region)))];

/** Legend labels as drawn: text, left and right edge in SVG px. */
function legendLabels(svg: string) {
  return placedTexts(svg)
    .filter((t) => t.role === "legend-label")
    .map((t) => {
      const width = measureText(ctx, t.text, t.size);
      const left = t.anchor === "start" ? t.x : t.anchor === "end" ? t.x - width : t.x - width / 2;
      return { text: t.text, left, right: left + width, y: t.y };
    });
}

describe("legends", () => {
  it("draws all seven Far Eastern regions in full, inside the chart, on several rows", async () => {
    expect(regions).toHaveLength(7);
    const chart = await renderChart(
      stackedBarChart(exports, {
        category: "year",
        value: "value",
        series: "region",
        unit: "US$ million",
        title: "Exports to Japan by Far Eastern region",
      }),
    );
    const labels = legendLabels(chart.svg);
    expect(labels.map((l) => l.text)).toEqual(regions);
    for (const l of labels) {
      expect(l.left, l.text).toBeGreaterThanOrEqual(0);
      expect(l.right, l.text).toBeLessThanOrEqual(chart.width);
    }
    const rows = new Set(labels.map((l) => Math.round(l.y)));
    expect(rows.size).toBeGreaterThan(1);
  });

  it("wraps the legend of a template spec too, and never truncates a label", async () => {
    const chart = await renderChart({
      spec: {
        mark: "line",
        encoding: {
          x: { field: "year", type: "ordinal" },
          y: { field: "value", type: "quantitative" },
          color: { field: "region", type: "nominal" },
        },
      },
      rows: exports,
    });
    const labels = legendLabels(chart.svg);
    // Vega-Lite sorts a nominal domain; every name is there, whole.
    expect(labels.map((l) => l.text).sort()).toEqual([...regions].sort());
    for (const l of labels) expect(l.right, l.text).toBeLessThanOrEqual(chart.width);
    expect(chart.svg).not.toContain("…");
  });

  it("keeps a short legend on one row", async () => {
    const both = fixture("far-east-trade").rows.filter((r) => r.region === "Yakutia");
    const chart = await renderChart(
      stackedBarChart(both, { category: "year", value: "value", series: "flow" }),
    );
    const rows = new Set(legendLabels(chart.svg).map((l) => Math.round(l.y)));
    expect(rows.size).toBe(1);
  });

  it("balances rows: the fewest columns that keep the same number of rows", () => {
    expect(legendColumns(7, 140, 528)).toBe(3);
    expect(legendColumns(4, 140, 528)).toBe(2);
    expect(legendColumns(8, 100, 528)).toBe(4);
    expect(legendColumns(3, 700, 528)).toBe(1);
  });
});
