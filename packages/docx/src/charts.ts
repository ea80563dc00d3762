/**
 * Figures with chart data as native Word charts (DrawingML charts, ECMA-376
 * Part 1 §21.2, written by `ChartRun` from `docx/charts`): a chart part
 * (`word/charts/chartN.xml`) with its data in an embedded workbook, so the
 * reader can restyle it and edit its data in Word or LibreOffice.
 *
 * Kinds map as Word names them: line → line; bar → column (horizontal bars
 * when the model says so, or, without an orientation, when the categories
 * are names rather than periods); grouped-bar → clustered column or bar;
 * stacked-bar → stacked column or bar; share → pie (one series) or 100%
 * stacked column (several); pie → pie; donut → doughnut. Series take the
 * theme's palette in order, a remainder slice the theme's rule grey (as the
 * SVG's), the axes their titles, the chart the model's title, and its alt
 * text is the figure's.
 */
import { assertNever, type ChartData, type Figure } from "@briefkit/document";
import { type ChartLegend, ChartRun, type ChartRunOptions } from "docx/charts";
import { docxMessages } from "./messages.js";
import type { Scope } from "./scope.js";
import { hex } from "./units.js";

/**
 * The colour of series `i`: the palette in order; past its end, the palette
 * again mixed halfway with white, then a quarter, so no two series of one
 * chart share a colour (a chart with seven regions and a palette of six).
 */
export function seriesColour(palette: readonly string[], i: number): string | undefined {
  const base = palette[i % palette.length];
  const round = Math.floor(i / palette.length);
  if (base === undefined || round === 0) return base;
  const white = round % 2 === 1 ? 0.5 : 0.25;
  const channel = (at: number) => {
    const c = Number.parseInt(base.slice(at, at + 2), 16);
    return Math.round(c + (255 - c) * white)
      .toString(16)
      .padStart(2, "0");
  };
  return `${channel(0)}${channel(2)}${channel(4)}`.toUpperCase();
}

/** Size of the drawing in CSS px (docx's unit for drawings). */
export interface DrawingSize {
  width: number;
  height: number;
}

/** A period-like category ("1998", "2005-H1", "2004Q3"): bars of periods stand upright. */
const PERIOD = /^\d{4}(\b|[-–/QH])/;

/**
 * The native chart for a figure, or undefined (with a warning) when the data
 * does not fit a Word chart; the caller then uses the figure's picture.
 */
export function nativeChart(
  figure: Figure & { chart: ChartData },
  size: DrawingSize,
  path: string,
  scope: Scope,
): ChartRun | undefined {
  try {
    return new ChartRun(chartOptions(figure, size, path, scope));
  } catch (error) {
    // ChartRun checks the data (a pie with negative values, more values than
    // categories...): the picture is still a faithful rendering.
    const why = error instanceof Error ? error.message : String(error);
    scope.warn("not-rendered", `${path}.chart`, docxMessages.chartNotNative(figure.number, why));
    return undefined;
  }
}

export function chartOptions(
  figure: Figure & { chart: ChartData },
  size: DrawingSize,
  path: string,
  scope: Scope,
): ChartRunOptions {
  const { theme } = scope;
  const chart = figure.chart;
  const at = `${path}.chart`;
  const sans = theme.fonts.heading.name;
  const text = hex(theme.colors.text);
  const muted = hex(theme.colors.muted);
  const palette = theme.colors.palette.map(hex);
  const colour = (i: number) => seriesColour(palette, i) ?? text;
  const label = (s: string, p: string) => scope.text(s, p, "heading");

  const categories = chart.categories.map((c, i) => label(c, `${at}.categories[${i}]`));
  const series = chart.series.map((s, i) => ({
    name: label(s.name, `${at}.series[${i}].name`),
    values: s.values,
    color: colour(i),
  }));
  const small = { size: 8, color: muted };
  const common = {
    title: {
      text: label(chart.title, `${at}.title`),
      font: { size: 10.5, bold: true, color: text },
    },
    font: { name: sans, color: text },
    chartArea: { fill: "FFFFFF", border: "none" as const },
    transformation: { width: Math.round(size.width), height: Math.round(size.height) },
    altText: {
      id: String(scope.nextDrawingId()),
      name: `Figure ${figure.number}`,
      description: scope.xml(figure.alt, `${path}.alt`),
    },
  };
  const legend: false | ChartLegend =
    chart.series.length > 1
      ? { position: "bottom" as const, font: { size: 8.5, color: text } }
      : false;
  const valueTitle = chart.valueTitle ?? chart.unitLabel;
  const valueAxis = {
    ...(valueTitle
      ? {
          title: {
            text: label(
              valueTitle,
              `${at}.${chart.valueTitle === undefined ? "unitLabel" : "valueTitle"}`,
            ),
            font: { size: 8, bold: false, color: muted },
          },
        }
      : {}),
    gridlines: true,
    font: small,
  };
  const categoryAxis = {
    ...(chart.categoryTitle
      ? {
          title: {
            text: label(chart.categoryTitle, `${at}.categoryTitle`),
            font: { size: 8, bold: false, color: muted },
          },
        }
      : {}),
    font: small,
  };
  const withAxes = {
    ...common,
    categories,
    legend,
    valueAxis,
    categoryAxis,
    emptyValues: "gap" as const,
  };
  // Word draws a horizontal bar chart's first category at the bottom; a
  // ranking reads top-down. Reversed, the value axis would move to the top:
  // keep it below.
  const horizontal = {
    ...withAxes,
    type: "bar" as const,
    categoryAxis: { ...categoryAxis, reverseOrder: true },
    valueAxis: { ...valueAxis, crossesAt: "maximum" as const },
  };
  const isHorizontal =
    chart.orientation === undefined
      ? chart.kind === "bar" && !chart.categories.every((c) => PERIOD.test(c))
      : chart.orientation === "horizontal";
  const sliceColours = categories.map((_, i) =>
    chart.remainder && i === categories.length - 1 ? hex(theme.colors.rule) : colour(i),
  );
  // One series of slices (a ring in a doughnut); dark labels outside the
  // slices stay legible whatever the slice's colour.
  const slices = {
    ...common,
    categories,
    legend: { position: "right" as const, font: { size: 8.5, color: text } },
    series: series.map((s) => ({ name: s.name, values: s.values, colors: sliceColours })),
  };
  const sliceLabels = { percentage: true, font: { size: 8, color: text } };
  const pie: ChartRunOptions = {
    ...slices,
    type: "pie",
    dataLabels: { ...sliceLabels, position: "outsideEnd" },
  };

  switch (chart.kind) {
    case "line":
      return {
        ...withAxes,
        type: "line",
        markers: categories.length <= 12 ? { shape: "circle", size: 5 } : false,
        series: series.map((s) => ({ ...s, line: { color: s.color, width: 2 } })),
      };
    case "bar":
      return isHorizontal
        ? { ...horizontal, gapWidth: 50, series }
        : { ...withAxes, type: "column", gapWidth: 60, series };
    case "grouped-bar":
      return isHorizontal
        ? { ...horizontal, gapWidth: 80, overlap: -5, series }
        : { ...withAxes, type: "column", gapWidth: 80, overlap: -5, series };
    case "stacked-bar":
      return isHorizontal
        ? { ...horizontal, stacking: "stacked", gapWidth: 60, series }
        : { ...withAxes, type: "column", stacking: "stacked", gapWidth: 60, series };
    case "share":
      return series.length === 1
        ? pie
        : { ...withAxes, type: "column", stacking: "percent", gapWidth: 60, series };
    case "pie":
      return pie;
    case "donut":
      // A doughnut's labels have no position in DrawingML: they sit on the ring.
      return { ...slices, type: "doughnut", holeSize: 55, dataLabels: sliceLabels };
    default:
      // A kind from a newer model throws here; nativeChart falls back to the picture.
      return assertNever(chart.kind);
  }
}
