/** The house theme: shipped font files, a palette that survives greyscale, overrides. */
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fixture, regionsChart, totalTradeChart } from "../examples/essay.js";
import { measureContext, measureText } from "../src/fonts.js";
import {
  chartThemeConfig,
  chartThemeSchema,
  houseChartTheme,
  lineChart,
  renderChart,
  resolveChartTheme,
} from "../src/index.js";
import { closestPair, deltaE2000, labAs, type Vision } from "./colour-vision.js";
import { texts } from "./svg-helpers.js";

/** CIE L* of a hex colour (D65). */
function lightness(hex: string): number {
  const c = [1, 3, 5]
    .map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  const y = 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
  return 116 * (y > 0.008856 ? Math.cbrt(y) : 7.787 * y + 16 / 116) - 16;
}

describe("house theme", () => {
  it("is frozen all the way down", () => {
    expect(Object.isFrozen(houseChartTheme.palette.categorical)).toBe(true);
    expect(Object.isFrozen(houseChartTheme.font.faces[0])).toBe(true);
  });

  it("is valid against its own schema", () => {
    expect(chartThemeSchema.safeParse(houseChartTheme).success).toBe(true);
  });

  it("ships Source Sans 3 from npm, never a system font", () => {
    expect(houseChartTheme.font.family).toBe("Source Sans 3");
    for (const face of houseChartTheme.font.faces) {
      expect(existsSync(face.path)).toBe(true);
      expect(face.path).toMatch(/node_modules\/.*@expo-google-fonts\/source-sans-3\/.*\.ttf$/);
    }
  });

  it("keeps the first four series apart in greyscale (L* at least 12 apart)", () => {
    const l = houseChartTheme.palette.categorical.slice(0, 4).map(lightness);
    for (let i = 0; i < l.length; i++) {
      for (let j = i + 1; j < l.length; j++)
        expect(Math.abs(l[i]! - l[j]!)).toBeGreaterThanOrEqual(12);
    }
    // Exports and imports, the usual pair, are far apart.
    expect(Math.abs(l[0]! - l[1]!)).toBeGreaterThan(40);
  });

  it("has eight series colours that stay distinct for colour-blind readers", () => {
    // Seven regions is the largest series count of the example brief; eight
    // leaves one spare. The remainder grey of share and pie charts counts too.
    const { categorical, remainder } = houseChartTheme.palette;
    expect(categorical.length).toBeGreaterThanOrEqual(8);
    expect(new Set(categorical.map((c) => c.toLowerCase())).size).toBe(categorical.length);
    const colours = [...categorical.slice(0, 8), remainder];
    const visions: Vision[] = ["normal", "protanopia", "deuteranopia", "tritanopia"];
    const closest = Object.fromEntries(
      visions.map((v) => [v, Math.round(closestPair(colours, v).deltaE * 10) / 10]),
    );
    // CIEDE2000 above 10 reads as "a different colour" at a glance; 13 leaves margin.
    for (const v of visions) expect(closest[v], v).toBeGreaterThanOrEqual(13);
  });

  it("measures colour differences as CIEDE2000 does (Sharma et al. 2005 test pairs)", () => {
    const pairs: [[number, number, number], [number, number, number], number][] = [
      [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
      [[50, -1.3802, -84.2814], [50, 0, -82.7485], 1.0],
      [[50, 2.5, 0], [73, 25, -18], 27.1492],
      [[2.0776, 0.0795, -1.135], [0.9033, -0.0636, -0.5514], 0.9082],
      [[60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644],
    ];
    for (const [a, b, expected] of pairs) expect(deltaE2000(a, b)).toBeCloseTo(expected, 4);
    // A dichromat's simulated view: red and green collapse for deuteranopia, not for normal vision.
    const red = "#d62728";
    const green = "#2ca02c";
    expect(deltaE2000(labAs(red, "normal"), labAs(green, "normal"))).toBeGreaterThan(60);
    expect(deltaE2000(labAs(red, "deuteranopia"), labAs(green, "deuteranopia"))).toBeLessThan(25);
    // Blue and green are what tritanopia confuses.
    expect(deltaE2000(labAs("#0000ff", "tritanopia"), labAs("#00b0a0", "tritanopia"))).toBeLessThan(
      deltaE2000(labAs("#0000ff", "normal"), labAs("#00b0a0", "normal")),
    );
  });

  it("gives lines distinct dash patterns and point shapes", () => {
    const dashes = houseChartTheme.lines.dashes.map((d) => d.join(","));
    expect(new Set(dashes).size).toBe(dashes.length);
    expect(new Set(houseChartTheme.lines.shapes).size).toBe(houseChartTheme.lines.shapes.length);
  });

  it("sizes a chart for a one-column A4 page: 600 px = 158.75 mm at 96 px/in", () => {
    expect((houseChartTheme.size.width / 96) * 25.4).toBeCloseTo(158.75, 2);
    expect(houseChartTheme.text.labelSize * 0.75).toBeGreaterThanOrEqual(8.5); // pt in print
  });

  it("becomes a Vega-Lite config with the theme font everywhere", () => {
    const config = chartThemeConfig(houseChartTheme) as Record<string, Record<string, unknown>>;
    expect(config.font).toBe("Source Sans 3");
    expect(config.axis!.labelFont).toBe("Source Sans 3");
    expect(config.legend!.labelFont).toBe("Source Sans 3");
    expect(config.range!.category).toEqual(houseChartTheme.palette.categorical);
  });
});

describe("theme overrides", () => {
  it("deep-merge over the house theme; arrays replace", () => {
    const { theme } = resolveChartTheme({
      size: { width: 480 },
      palette: { categorical: ["#000000", "#cccccc"] },
    });
    expect(theme!.size.width).toBe(480);
    expect(theme!.size.height).toBe(houseChartTheme.size.height);
    expect(theme!.palette.categorical).toEqual(["#000000", "#cccccc"]);
    expect(theme!.palette.single).toBe(houseChartTheme.palette.single);
  });

  it("reach a template spec's rendered chart", async () => {
    const spec = {
      mark: "bar",
      encoding: { x: { field: "k", type: "nominal" }, y: { field: "v", type: "quantitative" } },
    };
    const rows = [
      { k: "a", v: 1 },
      { k: "b", v: 2 },
    ];
    const chart = await renderChart(
      { spec, rows },
      {
        theme: {
          size: { width: 480, height: 200 },
          text: { color: "#000000" },
          palette: { single: "#333333" },
        },
      },
    );
    expect([chart.width, chart.height]).toEqual([480, 200]);
    expect(chart.svg).toContain('fill="#000000"');
  });

  it("given to a preset, shape the preset's spec and travel with it", async () => {
    const t1 = fixture("russia-japan-trade");
    const input = lineChart(
      t1.rows.filter((r) => r.flow !== "Total"),
      {
        x: "period",
        y: "value",
        series: "flow",
        theme: { size: { width: 480 }, palette: { categorical: ["#000000", "#999999"] } },
      },
    );
    const chart = await renderChart(input);
    expect(chart.width).toBe(480);
    expect(chart.svg).toContain('stroke="#999999"');
  });

  it("report every invalid value with its path", () => {
    const { issues } = resolveChartTheme({ size: { width: -1 }, text: { colour: "#000" } });
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ["invalid-theme", "/size/width"],
      ["invalid-theme", "/text"],
    ]);
  });
});

describe("text metrics", () => {
  const ctx = measureContext("Source Sans 3", houseChartTheme.font.faces);

  it("measures with the font's own advance widths", () => {
    // Source Sans 3 digits are 0.5 em... within a few percent.
    expect(measureText(ctx, "0000", 12)).toBeGreaterThan(22);
    expect(measureText(ctx, "0000", 12)).toBeLessThan(26);
    // vega's estimate without canvas would be 0.8 × 20 × 12 = 192 px.
    const w = measureText(ctx, "Sakhalinskaya Oblast", 12);
    expect(w).toBeGreaterThan(90);
    expect(w).toBeLessThan(130);
    expect(measureText(ctx, "Bold", 12, 700)).toBeGreaterThan(measureText(ctx, "Bold", 12, 400));
  });

  it("lays out with real widths: the plot starts just after the longest region name", async () => {
    // vega's own estimate (0.8 em a character) would give "Sakhalinskaya
    // Oblast" 192 px; Source Sans 3 sets it in about 113 px.
    const chart = await renderChart(regionsChart());
    const x = Number(/transform="translate\(([\d.]+),[\d.]+\)"/.exec(chart.svg)![1]);
    expect(x).toBeGreaterThan(110);
    expect(x).toBeLessThan(140);
  });

  it("lets long category labels keep their room: nothing truncated with an ellipsis", async () => {
    const chart = await renderChart(totalTradeChart());
    for (const t of texts(chart.svg)) expect(t).not.toContain("…");
  });
});
