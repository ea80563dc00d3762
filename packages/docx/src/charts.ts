/**
 * Figures with chart data as native Word charts (DrawingML charts, ECMA-376
 * Part 1 §21.2, written by `ChartRun` from `docx/charts`): a chart part
 * (`word/charts/chartN.xml`) with its data in an embedded workbook, so the
 * reader can restyle it and edit its data in Word or LibreOffice.
 *
 * Kinds map as Word names them: line → line; bar → column (horizontal bars
 * when the categories are names rather than periods); grouped-bar →
 * clustered column; stacked-bar → stacked column; share → pie (one series)
 * or 100% stacked column (several). Series take the theme's palette in order,
 * the chart keeps the model's title, and its alt text is the figure's.
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
  const valueAxis = {
    ...(chart.unitLabel === undefined
      ? {}
      : {
          title: {
            text: label(chart.unitLabel, `${at}.unitLabel`),
            font: { size: 8, bold: false, color: muted },
          },
        }),
    gridlines: true,
    font: small,
  };
  const categoryAxis = { font: small };
  const withAxes = {
    ...common,
    categories,
    legend,
    valueAxis,
    categoryAxis,
    emptyValues: "gap" as const,
  };

  switch (chart.kind) {
    case "line":
      return {
        ...withAxes,
        type: "line",
        markers: categories.length <= 12 ? { shape: "circle", size: 5 } : false,
        series: series.map((s) => ({ ...s, line: { color: s.color, width: 2 } })),
      };
    case "bar": {
      const upright = chart.categories.every((c) => PERIOD.test(c));
      return upright
        ? { ...withAxes, type: "column", gapWidth: 60, series }
        : {
            ...withAxes,
            type: "bar",
            gapWidth: 50,
            series,
            // Word draws the first category at the bottom; a ranking reads top-down.
            // Reversed, the value axis would move to the top: keep it below.
            categoryAxis: { ...categoryAxis, reverseOrder: true },
            valueAxis: { ...valueAxis, crossesAt: "maximum" },
          };
    }
    case "grouped-bar":
      return { ...withAxes, type: "column", gapWidth: 80, overlap: -5, series };
    case "stacked-bar":
      return { ...withAxes, type: "column", stacking: "stacked", gapWidth: 60, series };
    case "share": {
      const [only] = series;
      if (only && series.length === 1) {
        return {
          ...common,
          type: "pie",
          categories,
          legend: { position: "right", font: { size: 8.5, color: text } },
          // Outside the slices: dark text stays legible whatever the slice's colour.
          dataLabels: { percentage: true, position: "outsideEnd", font: { size: 8, color: text } },
          series: [
            { name: only.name, values: only.values, colors: categories.map((_, i) => colour(i)) },
          ],
        };
      }
      return { ...withAxes, type: "column", stacking: "percent", gapWidth: 60, series };
    }
    default:
      // A kind from a newer model throws here; nativeChart falls back to the picture.
      return assertNever(chart.kind);
  }
}
