/**
 * Japanese in charts: labels and titles measured and drawn in the theme's
 * fallback family (Noto Sans JP), which Source Sans 3 lacks.
 */
import { describe, expect, it } from "vitest";
import { totalTradeChart } from "../examples/essay.js";
import { measureContext, measureText } from "../src/fonts.js";
import { houseChartTheme, rasterize, renderChart } from "../src/index.js";
import { themeFallbackFiles, themeFontFiles } from "../src/theme.js";

describe("Japanese in charts", async () => {
  const input = totalTradeChart();
  const japanese = {
    ...input,
    spec: {
      ...(input.spec as Record<string, unknown>),
      title: { text: "日露貿易の推移（1998〜2005年）", subtitle: "貿易総額、単位：億ドル" },
    },
  };
  const chart = await renderChart(japanese as typeof input, { png: { density: 1 } });

  it("keeps the Japanese title in the SVG", () => {
    expect(chart.svg).toContain("日露貿易の推移（1998〜2005年）");
    expect(chart.svg).toContain("貿易総額、単位：億ドル");
  });

  it("measures a Japanese string in Noto Sans JP: one em a character, not Source Sans 3's .notdef", () => {
    const theme = houseChartTheme;
    const ctx = measureContext(theme.font.family, themeFontFiles(theme), themeFallbackFiles(theme));
    const without = measureContext(theme.font.family, themeFontFiles(theme));
    expect(measureText(ctx, "日本語", 10)).toBeCloseTo(30, 5);
    expect(measureText(without, "日本語", 10)).not.toBeCloseTo(30, 1);
    // Latin is measured in Source Sans 3 as before, fallback or not.
    expect(measureText(ctx, "Trade 2005", 10)).toBe(measureText(without, "Trade 2005", 10));
  });

  it("draws the Japanese glyphs through resvg, not .notdef boxes (tofu)", () => {
    // The same title with each Japanese character swapped for one no font has
    // (a private-use code point): what tofu looks like, box for box.
    const tofu = chart.svg.replace(/[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]/gu, "\ue000");
    expect(tofu).not.toBe(chart.svg);
    const drawn = rasterize(chart.svg).png;
    const boxes = rasterize(tofu).png;
    const noFallback = rasterize(chart.svg, { theme: { font: { fallback: [] } } }).png;
    // Without the fallback the Japanese is tofu, byte for byte: so the comparison can fail…
    expect(Buffer.from(noFallback).equals(Buffer.from(boxes))).toBe(true);
    // …and with it, the glyphs are drawn.
    expect(Buffer.from(drawn).equals(Buffer.from(boxes))).toBe(false);
  });
});
