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

/**
 * d3's tick increment (d3-array `tickIncrement`): the step of about `count`
 * ticks from `start` to `stop`, 1, 2 or 5 times a power of ten; a step under
 * 1 comes back as its reciprocal, negated (-2 for 0.5), to stay exact.
 */
function tickIncrement(start: number, stop: number, count: number): number {
  const step = (stop - start) / Math.max(0, count);
  const power = Math.floor(Math.log10(step));
  const error = step / 10 ** power;
  const factor =
    error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1;
  return power >= 0 ? factor * 10 ** power : -(10 ** -power) / factor;
}

/** d3's `linear.nice(count)`: the domain widened to whole steps. */
function nice(lo: number, hi: number, count: number): [number, number] {
  let start = lo;
  let stop = hi;
  let previous: number | undefined;
  for (let i = 0; i < 10; i++) {
    const inc = tickIncrement(start, stop, count);
    if (inc === previous || !Number.isFinite(inc) || inc === 0) break;
    if (inc > 0) {
      start = Math.floor(start / inc) * inc;
      stop = Math.ceil(stop / inc) * inc;
    } else {
      start = Math.ceil(start * inc) / inc;
      stop = Math.floor(stop * inc) / inc;
    }
    previous = inc;
  }
  return [start, stop];
}

/** What a native chart's value axis needs to read as the SVG's. */
export interface ValueAxisScale {
  /** The step between labels and gridlines. */
  interval: number;
  /** An Excel number format with grouping and the step's decimals. @example "#,##0.0" */
  numberFormat: string;
  /** 0 when no value is negative: bars start at zero, as the SVG's do. */
  minimum?: number;
}

/**
 * The value axis of a chart with one, as the SVG draws it. The presets give
 * the scale `zero: true, nice: true` and the axis `tickCount: 6`: the
 * domain, with zero, niced for 10 ticks, then d3's ticks for 6, labelled
 * with d3's ",f" at the step's precision ("14,000", "2.5"). Word gets the
 * same step and a number format with grouping and those decimals, so its
 * labels read as the picture's ("14,000", not "14000") and no two ticks
 * round to one label. Undefined for slices (no axis) and 100% stacks
 * (percentages, Word's own "0%").
 */
export function valueAxisScale(chart: ChartData): ValueAxisScale | undefined {
  let lo = 0;
  let hi = 0;
  switch (chart.kind) {
    case "pie":
    case "donut":
    case "share":
      return undefined;
    case "stacked-bar":
      chart.categories.forEach((_, i) => {
        let below = 0;
        let above = 0;
        for (const s of chart.series) {
          const v = s.values[i] ?? 0;
          if (v < 0) below += v;
          else above += v;
        }
        lo = Math.min(lo, below);
        hi = Math.max(hi, above);
      });
      break;
    case "line":
    case "bar":
    case "grouped-bar":
      for (const s of chart.series)
        for (const v of s.values) {
          if (v === null) continue;
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      break;
    default:
      return assertNever(chart.kind);
  }
  if (!(hi > lo)) return undefined;
  const [start, stop] = nice(lo, hi, 10);
  const inc = tickIncrement(start, stop, 6);
  if (!Number.isFinite(inc) || inc === 0) return undefined;
  const interval = inc > 0 ? inc : 1 / -inc;
  const decimals = inc > 0 ? 0 : Math.ceil(Math.log10(-inc) - 1e-9);
  const digits = decimals === 0 ? "#,##0" : `#,##0.${"0".repeat(decimals)}`;
  return {
    interval,
    // Negative values with the SVG's minus sign (U+2212), not a hyphen.
    numberFormat: lo < 0 ? `${digits};"\u2212"${digits}` : digits,
    ...(lo >= 0 ? { minimum: 0 } : {}),
  };
}

/**
 * The decimals a slice's percentage label shows, as the SVG's: those of the
 * values when they are percentages (at most 3), else none.
 */
function sliceDecimals(chart: ChartData): number {
  if (chart.unitLabel !== "%") return 0;
  let decimals = 0;
  for (const s of chart.series)
    for (const v of s.values) {
      if (v === null) continue;
      while (decimals < 3 && Math.abs(Math.round(v * 10 ** decimals) - v * 10 ** decimals) > 1e-6)
        decimals++;
    }
  return decimals;
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
    scope.warn(
      "chart-not-native",
      `${path}.chart`,
      docxMessages.chartNotNative(figure.number, why),
    );
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
      name: `${scope.terms.figure} ${figure.number}`,
      description: scope.xml(figure.alt, `${path}.alt`),
    },
  };
  const legend: false | ChartLegend =
    chart.series.length > 1
      ? { position: "bottom" as const, font: { size: 8.5, color: text } }
      : false;
  const valueTitle = chart.valueTitle ?? chart.unitLabel;
  const scale = valueAxisScale(chart);
  const valueAxis = {
    ...(scale ?? {}),
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
  const decimals = sliceDecimals(chart);
  const sliceLabels = {
    percentage: true,
    // Word's default is "0%": a pie of 12.5% shares says 13%, the SVG 12.5%.
    ...(decimals > 0 ? { numberFormat: `0.${"0".repeat(decimals)}%` } : {}),
    font: { size: 8, color: text },
  };
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
