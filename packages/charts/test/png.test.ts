/** PNG output: size = CSS size × density, a pHYs chunk stating the density, and the pixel cap. */
import { describe, expect, it } from "vitest";
import { totalTradeChart } from "../examples/essay.js";
import { ChartError, rasterize, renderChart } from "../src/index.js";
import { pngInfo } from "./svg-helpers.js";

describe("PNG output", async () => {
  const chart = await renderChart(totalTradeChart(), { png: { density: 2 } });

  it("is 2× the CSS size, with a pHYs chunk of 192 dpi", () => {
    expect(chart.width).toBe(600);
    expect(chart.height).toBe(320);
    const info = pngInfo(chart.png!.png);
    expect(info.signature).toBe(true);
    expect(info).toMatchObject({ width: 1200, height: 640 });
    expect(chart.png).toMatchObject({ width: 1200, height: 640, density: 2 });
    // 192 px per inch = 7559 px per metre.
    expect(info.ppm).toBe(7559);
  });

  it("follows the density asked for", () => {
    const one = rasterize(chart.svg, { density: 1 });
    expect(pngInfo(one.png)).toMatchObject({ width: 600, height: 320, ppm: 3780 });
    const three = rasterize(chart.svg, { density: 3 });
    expect(pngInfo(three.png)).toMatchObject({ width: 1800, height: 960 });
  });

  it("uses the theme's density when none is given", () => {
    expect(pngInfo(rasterize(chart.svg).png)).toMatchObject({ width: 1200, height: 640 });
  });

  it("refuses more pixels than the cap, through renderChart too", async () => {
    expect(() => rasterize(chart.svg, { density: 2, maxPixels: 500_000 })).toThrow(ChartError);
    await expect(
      renderChart(totalTradeChart(), { png: { density: 4, maxPixels: 2_000_000 } }),
    ).rejects.toThrow(/pixels/);
  });

  it("draws text with the theme font (the title's ink is there, not a blank)", () => {
    // A PNG of a chart with text is larger than one of the same chart's
    // shapes alone; a missing font would render no glyphs at all.
    const noText = chart.svg.replace(/<text\b[^>]*>[\s\S]*?<\/text>/g, "");
    expect(rasterize(chart.svg).png.length).toBeGreaterThan(rasterize(noText).png.length * 1.2);
  });
});
