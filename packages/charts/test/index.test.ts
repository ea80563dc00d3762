import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";

describe("@briefkit/charts public API", () => {
  it("exposes exactly the documented names", () => {
    expect(Object.keys(api).sort()).toEqual([
      "ChartError",
      "chartAltText",
      "chartThemeConfig",
      "chartThemeSchema",
      "checkChart",
      "defaultChartLimits",
      "deriveDescription",
      "groupedBarChart",
      "houseChartTheme",
      "lineChart",
      "parseChartSpec",
      "pieChart",
      "rasterize",
      "renderChart",
      "resolveChartTheme",
      "seriesColour",
      "sharesChart",
      "smallMultiplesChart",
      "stackedBarChart",
      "tabulateChart",
    ]);
  });
});
