/**
 * @briefkit/charts — Vega-Lite spec + rows → deterministic SVG and PNG with
 * alt text, in the briefkit house theme, with presets for a brief's usual
 * charts (docs/architecture.md, "Charts"); the one public entry of the package.
 */
export { chartAltText, deriveDescription } from "./alt.js";
export type { FontFaceFile } from "./fonts.js";
export type {
  ChartDescription,
  ChartInput,
  ChartKind,
  ChartRow,
  ChartValue,
} from "./input.js";
export { parseChartSpec } from "./input.js";
export type { ChartIssue, ChartIssueCode } from "./issues.js";
export { ChartError } from "./issues.js";
export type { ChartLimits } from "./limits.js";
export { defaultChartLimits } from "./limits.js";
export type {
  BarChartOptions,
  LineChartOptions,
  PieChartOptions,
  SharesChartOptions,
  SmallMultiplesOptions,
} from "./presets.js";
export {
  groupedBarChart,
  lineChart,
  pieChart,
  seriesColour,
  sharesChart,
  smallMultiplesChart,
  stackedBarChart,
} from "./presets.js";
export type { RasterImage, RasterOptions } from "./raster.js";
export { rasterize } from "./raster.js";
export type { RenderedChart, RenderOptions } from "./render.js";
export { checkChart, renderChart } from "./render.js";
export type { ChartTable } from "./tabulate.js";
export { tabulateChart } from "./tabulate.js";
export type { ChartTheme, ChartThemeOverrides } from "./theme.js";
export { chartThemeConfig, chartThemeSchema, houseChartTheme, resolveChartTheme } from "./theme.js";
