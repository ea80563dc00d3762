/**
 * Presets: the charts a brief usually needs, as pure functions from rows and
 * a typed options object to a Vega-Lite spec (https://vega.github.io/vega-lite/)
 * plus the description its alt text is written from.
 *
 * - `lineChart`: time series; a partial period (e.g. 2005 first half) is a
 *   hollow point, not joined to the line, annotated — never a full year.
 * - `groupedBarChart` / `stackedBarChart`: series side by side or stacked,
 *   vertical or horizontal; a partial period is a pale bar with a dashed
 *   outline and a note.
 * - `sharesChart`: horizontal bars of percentages, labelled, largest first,
 *   with an optional "other" remainder.
 * - `smallMultiplesChart`: one small panel per region (or any facet), shared
 *   scale so panels compare.
 * - `pieChart`: slices of a whole, labelled, largest first, with an optional
 *   "other" remainder; `donut: true` draws a ring.
 *
 * Categories and series keep the order of the rows (explicit scale domains),
 * so the chart reads like the table it comes from.
 */

import type { SignalRef } from "vega";
import type { Field } from "vega-lite/types_unstable/channeldef.js";
import type { ExprRef } from "vega-lite/types_unstable/expr.js";
import type { Legend } from "vega-lite/types_unstable/legend.js";
import type {
  BaseSpec,
  GenericFacetSpec,
  LayerSpec,
  TopLevel,
  UnitSpec,
  UnitSpecWithFrame,
} from "vega-lite/types_unstable/spec/index.js";
import { z } from "zod";
import { measureContext, measureText } from "./fonts.js";
import type { ChartDescription, ChartInput, ChartRow, ChartValue } from "./input.js";
import { ChartError, chartIssue } from "./issues.js";
import { messages } from "./messages.js";
import {
  type ChartTheme,
  type ChartThemeOverrides,
  resolveChartTheme,
  themeFallbackFiles,
  themeFontFiles,
  zodIssues,
} from "./theme.js";

const field = z.string().min(1);
const partialSchema = z
  .object({
    /** Boolean field: true on rows of a partial period. @example "partial" */
    field,
    /** Note shown next to the partial period. @example "First half only" */
    label: z.string().min(1),
  })
  .strict();

const common = {
  /** Chart title (the document caption may repeat it). */
  title: z.string().optional(),
  subtitle: z.string().optional(),
  /** Unit of the values. @example "US$ billion" */
  unit: z.string().optional(),
  /** Value axis title; default: the unit; null for none. */
  valueTitle: z.string().nullable().optional(),
  /** Category / period axis title; default none. */
  categoryTitle: z.string().nullable().optional(),
  /** d3-format of value labels. @example ",.1f" */
  valueFormat: z.string().optional(),
  /** Theme overrides the chart is built with (pass the same to renderChart or leave it to the input). */
  theme: z.unknown().optional(),
};

const lineOptionsSchema = z
  .object({
    ...common,
    /** The period field, plotted in row order. @example "period" */
    x: field,
    /** The value field. @example "value" */
    y: field,
    /** The series field; omit for one line. @example "flow" */
    series: field.optional(),
    partial: partialSchema.optional(),
    /** Start the value axis at zero (default true). */
    zero: z.boolean().optional(),
  })
  .strict();

const barOptionsSchema = z
  .object({
    ...common,
    /** The category or period field. @example "region" */
    category: field,
    /** The value field. @example "value" */
    value: field,
    /** The series field; omit for one bar per category. @example "flow" */
    series: field.optional(),
    /** "vertical" columns (default) or "horizontal" bars (long category names). */
    orientation: z.enum(["vertical", "horizontal"]).optional(),
    partial: partialSchema.optional(),
    /** Print the value at the end of each bar. */
    labels: z.boolean().optional(),
    /** Categories are periods (affects alt text wording); default: true for vertical. */
    periods: z.boolean().optional(),
  })
  .strict();

const sharesOptionsSchema = z
  .object({
    ...common,
    category: field,
    /** Percentages, 0–100. */
    value: field,
    /** Add a bar for 100 minus the sum, with this label, when the sum is under 100. */
    remainderLabel: z.string().min(1).optional(),
    /** The note when the rounded labels do not add up to 100 (default: in English). */
    roundingNote: z.string().min(1).optional(),
    /** Decimals of the percentage labels (default 0). */
    decimals: z.number().int().min(0).max(3).optional(),
    /** "descending" (default) or "none" to keep row order. */
    sort: z.enum(["descending", "none"]).optional(),
  })
  .strict();

const pieOptionsSchema = z
  .object({
    ...common,
    /** The slice names. @example "product" */
    category: field,
    /** The slice sizes; never negative. */
    value: field,
    /** A ring instead of a full pie. */
    donut: z.boolean().optional(),
    /**
     * The values are percentages of a whole: when they sum to less than 100,
     * add a grey slice for the rest under this label.
     */
    remainderLabel: z.string().min(1).optional(),
    /** The note when the rounded labels do not add up to 100 (default: in English). */
    roundingNote: z.string().min(1).optional(),
    /** Decimals of the slice labels (default: as many as the values have, at most 3). */
    decimals: z.number().int().min(0).max(3).optional(),
    /** "descending" (default) or "none" to keep row order. */
    sort: z.enum(["descending", "none"]).optional(),
  })
  .strict();

const smallMultiplesOptionsSchema = z
  .object({
    ...common,
    /** The panel field. @example "region" */
    facet: field,
    x: field,
    y: field,
    series: field.optional(),
    /** Panels per row (default 4). */
    columns: z.number().int().min(1).max(8).optional(),
    /** "line" (default) or "bar". */
    mark: z.enum(["line", "bar"]).optional(),
    partial: partialSchema.optional(),
  })
  .strict();

/** Options of `lineChart`. */
export type LineChartOptions = Omit<z.infer<typeof lineOptionsSchema>, "theme"> & {
  theme?: ChartThemeOverrides;
};
/** Options of `groupedBarChart`, `stackedBarChart`. */
export type BarChartOptions = Omit<z.infer<typeof barOptionsSchema>, "theme"> & {
  theme?: ChartThemeOverrides;
};
/** Options of `sharesChart`. */
export type SharesChartOptions = Omit<z.infer<typeof sharesOptionsSchema>, "theme"> & {
  theme?: ChartThemeOverrides;
};
/** Options of `pieChart`. */
export type PieChartOptions = Omit<z.infer<typeof pieOptionsSchema>, "theme"> & {
  theme?: ChartThemeOverrides;
};
/** Options of `smallMultiplesChart`. */
export type SmallMultiplesOptions = Omit<z.infer<typeof smallMultiplesOptionsSchema>, "theme"> & {
  theme?: ChartThemeOverrides;
};

/**
 * The Vega-Lite types the presets are written against (vega-lite's own, so
 * a spec the compiler would not accept does not compile here).
 */
type Layer = UnitSpec<Field>;
type Layered = TopLevel<LayerSpec<Field>>;
/**
 * vega-lite's `TopLevelFacetSpec` but for its data: `renderChart` binds the
 * rows, as it does for the layered presets.
 */
type Faceted = TopLevel<GenericFacetSpec<UnitSpecWithFrame<Field>, LayerSpec<Field>, Field>>;
/** The channels of one layer. */
type LayerEncoding = NonNullable<Layer["encoding"]>;
/** The channels a layered chart shares across its layers. */
type SharedEncoding = NonNullable<LayerSpec<Field>["encoding"]>;
type LegendDef = Legend<ExprRef | SignalRef>;
/** An x or y channel. */
type Position = NonNullable<LayerEncoding["x"]>;

function parseOptions<T>(schema: z.ZodType<T>, options: unknown, preset: string): T {
  const parsed = schema.safeParse(options);
  if (parsed.success) return parsed.data;
  throw new ChartError(
    zodIssues(parsed.error, (path, detail) =>
      chartIssue(
        "invalid-options",
        path,
        messages.invalidOptions(`${preset} options`, `${path || "/"}: ${detail}`),
      ),
    ),
  );
}

function themeOf(overrides: unknown): ChartTheme {
  const resolved = resolveChartTheme(overrides);
  if (!resolved.theme) throw new ChartError(resolved.issues);
  return resolved.theme;
}

/** Distinct values of a field in row order (nulls skipped). */
function domainOf(rows: readonly ChartRow[], name: string): ChartValue[] {
  const seen = new Set<string>();
  const out: ChartValue[] = [];
  for (const row of rows) {
    const v = row[name];
    if (v === null || v === undefined) continue;
    const key = `${typeof v}:${String(v)}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(v);
    }
  }
  return out;
}

const q = (name: string) => JSON.stringify(name);
const isPartialExpr = (name: string) => `datum[${q(name)}] === true`;
const notPartialExpr = (name: string) => `datum[${q(name)}] !== true`;

function hasPartial(rows: readonly ChartRow[], partial: { field: string } | undefined): boolean {
  return partial !== undefined && rows.some((r) => r[partial.field] === true);
}

function titleBlock(o: {
  title?: string | undefined;
  subtitle?: string | undefined;
}): Pick<BaseSpec, "title"> {
  if (!o.title) return {};
  return { title: o.subtitle ? { text: o.title, subtitle: o.subtitle } : { text: o.title } };
}

function valueAxisTitle(o: { valueTitle?: string | null | undefined; unit?: string | undefined }) {
  return o.valueTitle === undefined ? (o.unit ?? null) : o.valueTitle;
}

/** A row's number in a field, when it holds one. */
function numberIn(row: ChartRow, name: string): number | undefined {
  const value = row[name];
  return typeof value === "number" ? value : undefined;
}

/** Largest number in a field (0 when none). */
function maxOf(rows: readonly ChartRow[], name: string): number {
  return Math.max(0, ...rows.map((r) => numberIn(r, name) ?? 0));
}

/** Decimals needed to show every value of a field as given (at most 3). */
function decimalsOf(rows: readonly ChartRow[], name: string): number {
  let decimals = 0;
  for (const row of rows) {
    const v = row[name];
    if (typeof v !== "number") continue;
    for (let d = decimals; d <= 3; d++) {
      if (Math.abs(Math.round(v * 10 ** d) - v * 10 ** d) < 1e-6) {
        decimals = d;
        break;
      }
      if (d === 3) decimals = 3;
    }
  }
  return decimals;
}

/** Break a note into two lines when it is wider than `width` px. */
function noteLines(theme: ChartTheme, note: string, width: number): string | string[] {
  const ctx = measureContext(theme.font.family, themeFontFiles(theme), themeFallbackFiles(theme));
  if (measureText(ctx, note, theme.text.annotationSize, 400, "italic") <= width) return note;
  const words = note.split(" ");
  if (words.length < 2) return note;
  let best = 1;
  let bestDiff = Number.POSITIVE_INFINITY;
  for (let i = 1; i < words.length; i++) {
    const diff = Math.abs(words.slice(0, i).join(" ").length - words.slice(i).join(" ").length);
    if (diff < bestDiff) {
      best = i;
      bestDiff = diff;
    }
  }
  return [words.slice(0, best).join(" "), words.slice(best).join(" ")];
}

/**
 * The colour of series `i`: the palette in order; past its end, the palette
 * again mixed halfway with white, then a quarter, so no two series of one
 * chart share a colour. The Word writer colours its native charts the same way.
 */
export function seriesColour(palette: readonly string[], i: number): string {
  const base = palette[i % palette.length]!;
  const round = Math.floor(i / palette.length);
  if (round === 0) return base;
  const white = round % 2 === 1 ? 0.5 : 0.25;
  const hex = base.length === 4 ? base.replace(/[0-9a-f]/gi, "$&$&") : base;
  const channel = (at: number) => {
    const c = Number.parseInt(hex.slice(at, at + 2), 16);
    return Math.round(c + (255 - c) * white)
      .toString(16)
      .padStart(2, "0");
  };
  return `#${channel(1)}${channel(3)}${channel(5)}`;
}

function seriesScale<T>(domain: ChartValue[], range: readonly T[]) {
  return { domain, range: range.slice(0, Math.max(domain.length, 1)) };
}

/** A colour scale: one distinct colour per value of the domain, however many. */
function colourScale(domain: ChartValue[], palette: readonly string[]) {
  return {
    domain,
    range: Array.from({ length: Math.max(domain.length, 1) }, (_, i) => seriesColour(palette, i)),
  };
}

function describe(
  kind: ChartDescription["kind"],
  o: {
    title?: string | undefined;
    unit?: string | undefined;
    categoryTitle?: string | null | undefined;
  },
  category: string,
  isPeriod: boolean,
  value: string,
  series: string | undefined,
  partial: { field: string; label: string } | undefined,
  facet?: string,
): ChartDescription {
  const d: ChartDescription = {
    kind,
    category: { field: category, isPeriod },
    value: { field: value },
  };
  if (o.title) d.title = o.title;
  if (o.unit) d.unit = o.unit;
  if (o.categoryTitle) d.category.label = o.categoryTitle;
  if (series) d.series = { field: series };
  if (facet) d.facet = { field: facet };
  if (partial) d.partial = { field: partial.field, note: partial.label.toLowerCase() };
  return d;
}

function result(
  spec: Layered | Faceted,
  rows: readonly ChartRow[],
  description: ChartDescription,
  theme: ChartThemeOverrides | undefined,
  notes: readonly string[] = [],
): ChartInput {
  const input: ChartInput = { spec, rows, description, origin: "preset" };
  if (theme !== undefined) input.theme = theme;
  if (notes.length > 0) input.notes = [...notes];
  return input;
}

/**
 * The rounding note, when the labels of the parts of a whole, each rounded
 * to `decimals`, add up to something other than 100 (37 + 27 + 17 + 15 + 5
 * = 101). The labels stay as rounded: spreading the difference over them
 * would print shares the data does not have.
 */
function roundingNotes(
  shares: readonly number[],
  decimals: number,
  note: string = messages.roundingNote(),
): string[] {
  const scale = 10 ** decimals;
  const rounded = shares.reduce(
    (sum, s) => sum + Math.round(Number(s.toFixed(decimals)) * scale),
    0,
  );
  return rounded === 100 * scale ? [] : [note];
}

/**
 * Whether percentages are the parts of one whole: they add up to 100, give
 * or take the rounding of the values themselves (n values rounded to d
 * decimals are each off by up to half a unit of the last decimal). Shares of
 * several answers (a survey's 180%) or of an unstated rest are not.
 */
function isWhole(values: readonly number[], decimals: number): boolean {
  const sum = values.reduce((a, v) => a + v, 0);
  const slack = values.length * 0.5 * 10 ** -decimals + 1e-9;
  return Math.abs(sum - 100) <= slack;
}

/** Layers of a line chart (shared by lineChart and smallMultiplesChart). */
function lineLayers(
  rows: readonly ChartRow[],
  theme: ChartTheme,
  o: {
    x: string;
    y: string;
    series?: string | undefined;
    partial?: { field: string; label: string } | undefined;
  },
  small: boolean,
): Layer[] {
  const seriesDomain = o.series ? domainOf(rows, o.series) : [];
  // One legend, drawn as line samples (colour + dash); point shapes repeat the
  // distinction in the plot but a merged shape+dash symbol reads badly.
  const legend: LegendDef = {
    title: null,
    symbolType: "stroke",
    symbolSize: 320,
    symbolStrokeWidth: 2.2,
  };
  const color: LayerEncoding = o.series
    ? {
        color: {
          field: o.series,
          type: "nominal",
          scale: colourScale(seriesDomain, theme.palette.categorical),
          legend,
        },
      }
    : {};
  const dash: LayerEncoding = o.series
    ? {
        strokeDash: {
          field: o.series,
          type: "nominal",
          scale: seriesScale(seriesDomain, theme.lines.dashes),
          legend,
        },
      }
    : {};
  // Shapes repeat the series distinction on the points. They read a copy of
  // the series field so Vega-Lite does not merge them into the line legend.
  const shapeCopy = o.series ? [{ calculate: `datum[${q(o.series)}]`, as: "__shape" }] : [];
  const shape: LayerEncoding = o.series
    ? {
        shape: {
          field: "__shape",
          type: "nominal",
          scale: seriesScale(seriesDomain.map(String), theme.lines.shapes),
          legend: null,
        },
      }
    : {};
  const single = o.series ? {} : { color: theme.palette.single };
  const partial = hasPartial(rows, o.partial) ? o.partial : undefined;
  const full = partial ? [{ filter: notPartialExpr(partial.field) }] : [];
  const pointSize = small ? theme.lines.pointSize * 0.5 : theme.lines.pointSize;
  const layers: Layer[] = [
    {
      transform: full,
      mark: { type: "line", invalid: "break-paths-show-domains", ...single },
      encoding: { ...color, ...dash },
    },
    {
      transform: [...full, ...shapeCopy],
      mark: { type: "point", filled: true, opacity: 1, size: pointSize, ...single },
      encoding: { ...color, ...shape },
    },
  ];
  if (partial) {
    layers.push({
      transform: [{ filter: isPartialExpr(partial.field) }, ...shapeCopy],
      mark: {
        type: "point",
        filled: false,
        fill: theme.palette.background,
        fillOpacity: 1,
        opacity: 1,
        strokeWidth: 1.8,
        size: pointSize * 1.6,
        ...single,
      },
      encoding: { ...color, ...shape },
    });
    layers.push({
      transform: [
        { filter: isPartialExpr(partial.field) },
        { aggregate: [{ op: "min", field: o.y, as: "__partialLow" }], groupby: [o.x] },
      ],
      mark: {
        type: "text",
        baseline: "top",
        align: "center",
        dy: small ? 6 : 10,
        fontStyle: "italic",
        fontSize: small ? theme.text.annotationSize - 1 : theme.text.annotationSize,
        color: theme.text.muted,
      },
      encoding: {
        y: { field: "__partialLow", type: "quantitative" },
        text: { value: noteLines(theme, partial.label, small ? 60 : 80) },
      },
    });
  }
  return layers;
}

/**
 * A time-series line chart. Periods keep row order; a partial period
 * (rows with `partial.field` true) is drawn as a hollow point off the line
 * with the note under it, so it never reads as a full year.
 *
 * @example
 * lineChart(rows, { x: "period", y: "value", unit: "US$ billion",
 *   partial: { field: "partial", label: "First half only" } })
 */
export function lineChart(rows: readonly ChartRow[], options: LineChartOptions): ChartInput {
  const o = parseOptions(lineOptionsSchema, options, "lineChart");
  const theme = themeOf(o.theme);
  const periods = domainOf(rows, o.x);
  const spec: Layered = {
    ...titleBlock(o),
    width: theme.size.width,
    height: theme.size.height,
    autosize: { type: "fit", contains: "padding" },
    encoding: {
      x: {
        field: o.x,
        type: "ordinal",
        sort: null,
        scale: { domain: periods, type: "point", padding: 0.5 },
        axis: { title: o.categoryTitle ?? null, labelAngle: 0 },
      },
      y: {
        field: o.y,
        type: "quantitative",
        scale: { zero: o.zero ?? true, nice: true },
        axis: {
          title: valueAxisTitle(o),
          tickCount: 6,
          ...(o.valueFormat ? { format: o.valueFormat } : {}),
        },
      },
    },
    layer: lineLayers(rows, theme, o, false),
  };
  return result(
    spec,
    rows,
    describe(
      "line",
      o,
      o.x,
      true,
      o.y,
      o.series,
      hasPartial(rows, o.partial) ? o.partial : undefined,
    ),
    options.theme,
  );
}

function barSpec(
  rows: readonly ChartRow[],
  o: z.infer<typeof barOptionsSchema>,
  theme: ChartTheme,
  stacked: boolean,
): Layered {
  const horizontal = o.orientation === "horizontal";
  const categories = domainOf(rows, o.category);
  const seriesDomain = o.series ? domainOf(rows, o.series) : [];
  const partial = hasPartial(rows, o.partial) ? o.partial : undefined;
  const palette = colourScale(seriesDomain, theme.palette.categorical);
  const nSeries = Math.max(seriesDomain.length, 1);
  // The categories on x and the values on y, or (horizontal) the other way round.
  const onValueAxis = <T>(def: T) => (horizontal ? { x: def } : { y: def });
  const categoryAxis: Position = {
    field: o.category,
    type: "nominal",
    sort: null,
    scale: {
      domain: categories,
      paddingInner: stacked || !o.series ? 0.3 : 0.22,
      paddingOuter: 0.15,
    },
    axis: {
      title: o.categoryTitle ?? null,
      labelAngle: 0,
      ...(horizontal ? { labelLimit: 220, domain: false } : {}),
    },
  };
  const valueAxis: Position = {
    field: o.value,
    type: "quantitative",
    ...(stacked ? { stack: "zero" } : {}),
    // Labels after the longest bar need room inside the plot.
    scale: {
      zero: true,
      nice: true,
      ...(o.labels && horizontal ? { domainMax: maxOf(rows, o.value) * 1.1 } : {}),
    },
    axis: {
      title: valueAxisTitle(o),
      tickCount: 6,
      ...(horizontal ? { grid: true, domain: false, ticks: false, orient: "bottom" } : {}),
      ...(o.valueFormat ? { format: o.valueFormat } : {}),
    },
  };
  const encoding: SharedEncoding = horizontal
    ? { y: categoryAxis, x: valueAxis }
    : { x: categoryAxis, y: valueAxis };
  const barEncoding: LayerEncoding = {};
  const offset: LayerEncoding = {};
  if (o.series) {
    barEncoding.color = {
      field: o.series,
      type: "nominal",
      scale: palette,
      legend: { title: null },
    };
    if (stacked) {
      barEncoding.order = { field: "__seriesOrder", type: "quantitative" };
    } else {
      offset[horizontal ? "yOffset" : "xOffset"] = {
        field: o.series,
        type: "nominal",
        scale: { domain: seriesDomain, paddingInner: 0.08 },
      };
    }
  }
  if (partial) {
    const test = isPartialExpr(partial.field);
    barEncoding.fillOpacity = { condition: { test, value: theme.partial.fillOpacity }, value: 1 };
    barEncoding.strokeDash = {
      condition: { test, value: theme.partial.strokeDash },
      value: [1, 0],
    };
    barEncoding.strokeWidth = { condition: { test, value: 1.3 }, value: 0 };
    if (o.series) {
      // Same field, scale and legend title as colour, so Vega-Lite merges the
      // two into one legend instead of fighting over it.
      barEncoding.stroke = {
        field: o.series,
        type: "nominal",
        scale: palette,
        legend: { title: null },
      };
    }
  }
  const layers: Layer[] = [
    {
      mark: {
        type: "bar",
        ...(o.series ? {} : { color: theme.palette.single, stroke: theme.palette.single }),
      },
      encoding: { ...barEncoding, ...offset },
    },
  ];
  if (o.labels) {
    const fmt = o.valueFormat ?? `,.${decimalsOf(rows, o.value)}f`;
    layers.push({
      mark: {
        type: "text",
        ...(horizontal
          ? { align: "left", baseline: "middle", dx: 3 }
          : { align: "center", baseline: "bottom", dy: -3 }),
        fontSize: theme.text.annotationSize - 0.5,
        color: theme.text.color,
      },
      encoding: {
        text: { field: o.value, type: "quantitative", format: fmt },
        ...offset,
        ...(stacked
          ? {
              ...onValueAxis<Position>({
                field: o.value,
                type: "quantitative",
                stack: "zero",
                bandPosition: 0.5,
              }),
              order: barEncoding.order,
            }
          : {}),
      },
    });
  }
  if (partial) {
    // The note sits above (or beside) the tallest bar of the partial period.
    const bandPx = (theme.size.width - 80) / Math.max(categories.length, 1);
    const note = noteLines(theme, partial.label, horizontal ? 200 : bandPx);
    layers.push({
      transform: [
        { filter: isPartialExpr(partial.field) },
        {
          aggregate: [{ op: stacked ? "sum" : "max", field: o.value, as: "__partialTop" }],
          groupby: [o.category],
        },
      ],
      mark: {
        type: "text",
        ...(horizontal
          ? { align: "left", baseline: "middle", dx: o.labels ? 36 : 6 }
          : { align: "center", baseline: "bottom", dy: o.labels ? -18 : -5 }),
        fontStyle: "italic",
        fontSize: theme.text.annotationSize,
        color: theme.text.muted,
        lineHeight: theme.text.annotationSize + 2,
      },
      encoding: {
        ...onValueAxis<Position>({ field: "__partialTop", type: "quantitative" }),
        text: { value: note },
      },
    });
  }
  const step = theme.size.barStep;
  const size: Pick<Layered, "width" | "height" | "autosize"> = horizontal
    ? {
        width: theme.size.width,
        // Grouped bars are a little thinner than single ones, to keep the chart short.
        height: Math.round((categories.length * (stacked ? step : step * 0.8 * nSeries)) / 0.75),
        autosize: { type: "fit-x", contains: "padding" },
      }
    : {
        width: theme.size.width,
        height: theme.size.height,
        autosize: { type: "fit", contains: "padding" },
      };
  const spec: Layered = { ...titleBlock(o), ...size, encoding, layer: layers };
  if (stacked && o.series) {
    spec.transform = [
      {
        calculate: `indexof(${JSON.stringify(seriesDomain.map(String))}, toString(datum[${q(o.series)}]))`,
        as: "__seriesOrder",
      },
    ];
  }
  return spec;
}

/**
 * Grouped bars: one bar per series side by side in each category.
 *
 * @example
 * groupedBarChart(rows, { category: "region", value: "value", series: "flow",
 *   orientation: "horizontal", unit: "US$ million" })
 */
export function groupedBarChart(rows: readonly ChartRow[], options: BarChartOptions): ChartInput {
  return barChart(rows, options, false);
}

/**
 * Stacked bars: series stacked in each category, in series order from the base.
 *
 * @example
 * stackedBarChart(rows, { category: "period", value: "value", series: "flow", unit: "US$ billion" })
 */
export function stackedBarChart(rows: readonly ChartRow[], options: BarChartOptions): ChartInput {
  return barChart(rows, options, true);
}

/** Grouped and stacked bars differ only in `stacked`, and in the kind the alt text names. */
function barChart(
  rows: readonly ChartRow[],
  options: BarChartOptions,
  stacked: boolean,
): ChartInput {
  const o = parseOptions(
    barOptionsSchema,
    options,
    stacked ? "stackedBarChart" : "groupedBarChart",
  );
  const theme = themeOf(o.theme);
  const spec = barSpec(rows, o, theme, stacked);
  const periods = o.periods ?? o.orientation !== "horizontal";
  const kind = o.series ? (stacked ? "stacked-bar" : "grouped-bar") : "bar";
  return result(
    spec,
    rows,
    describe(
      kind,
      o,
      o.category,
      periods,
      o.value,
      o.series,
      hasPartial(rows, o.partial) ? o.partial : undefined,
    ),
    options.theme,
  );
}

/**
 * Shares of a whole as labelled horizontal bars, largest first. When the
 * parts sum to less than 100 and `remainderLabel` is set, the rest is shown
 * as a grey bar under that label (never silently dropped or spread).
 *
 * @example
 * sharesChart(rows, { category: "product", value: "share", remainderLabel: "Other (not specified)" })
 */
export function sharesChart(rows: readonly ChartRow[], options: SharesChartOptions): ChartInput {
  const o = parseOptions(sharesOptionsSchema, options, "sharesChart");
  const theme = themeOf(o.theme);
  const decimals = o.decimals ?? 0;
  let data: ChartRow[] = rows.map((r) => ({ ...r, __remainder: false }));
  if (o.sort !== "none") {
    data = [...data].sort((a, b) => {
      const av = a[o.value];
      const bv = b[o.value];
      return (typeof bv === "number" ? bv : -1) - (typeof av === "number" ? av : -1);
    });
  }
  const sum = rows.reduce((n, r) => n + (numberIn(r, o.value) ?? 0), 0);
  const rest = Math.round((100 - sum) * 10 ** (decimals + 2)) / 10 ** (decimals + 2);
  if (o.remainderLabel && rest > 0) {
    data.push({ [o.category]: o.remainderLabel, [o.value]: rest, __remainder: true });
  }
  const categories = domainOf(data, o.category);
  const max = Math.max(0, ...data.map((r) => numberIn(r, o.value) ?? 0));
  const spec: Layered = {
    ...titleBlock(o),
    width: theme.size.width,
    height: Math.round((categories.length * theme.size.barStep) / 0.7),
    autosize: { type: "fit-x", contains: "padding" },
    transform: [
      { calculate: `format(datum[${q(o.value)}], ${q(`.${decimals}f`)}) + "%"`, as: "__label" },
    ],
    encoding: {
      y: {
        field: o.category,
        type: "nominal",
        sort: null,
        scale: { domain: categories, paddingInner: 0.3, paddingOuter: 0.15 },
        axis: {
          title: o.categoryTitle ?? null,
          domain: false,
          ticks: false,
          labelPadding: 8,
          labelLimit: 240,
        },
      },
      x: {
        field: o.value,
        type: "quantitative",
        // Room for the label after the longest bar.
        scale: { domain: [0, Math.max(max * 1.12, 1)], nice: false, zero: true },
        axis: null,
      },
    },
    layer: [
      {
        mark: { type: "bar" },
        encoding: {
          color: {
            condition: { test: "datum.__remainder === true", value: theme.palette.remainder },
            value: theme.palette.single,
          },
        },
      },
      {
        mark: {
          type: "text",
          align: "left",
          baseline: "middle",
          dx: 5,
          fontSize: theme.text.labelSize,
          color: theme.text.color,
        },
        encoding: { text: { field: "__label", type: "nominal" } },
      },
    ],
  };
  const description = describe(
    "shares",
    { ...o, unit: o.unit ?? "%" },
    o.category,
    false,
    o.value,
    undefined,
    undefined,
  );
  const shown = data.flatMap((r) => numberIn(r, o.value) ?? []);
  const notes = isWhole(shown, decimalsOf(data, o.value))
    ? roundingNotes(shown, decimals, o.roundingNote)
    : [];
  return result(spec, data, description, options.theme, notes);
}

/**
 * Values listed for a facet's order or an axis's ticks: Vega-Lite takes a
 * list of one kind (text, numbers or booleans). A field's values are of one
 * kind; one that mixes them is listed as text.
 */
function oneKind(values: readonly ChartValue[]): string[] | number[] | boolean[] {
  if (values.every((v) => typeof v === "string")) return [...values];
  if (values.every((v) => typeof v === "number")) return [...values];
  if (values.every((v) => typeof v === "boolean")) return [...values];
  return values.map(String);
}

/** Every k-th period, so labels of a small panel do not collide. */
function thinnedPeriods(
  theme: ChartTheme,
  periods: ChartValue[],
  panelWidth: number,
): ChartValue[] {
  const ctx = measureContext(theme.font.family, themeFontFiles(theme), themeFallbackFiles(theme));
  const widest = Math.max(
    0,
    ...periods.map((p) => measureText(ctx, String(p), theme.text.labelSize - 1)),
  );
  const fits = Math.max(1, Math.floor(panelWidth / (widest + 10)));
  const k = Math.ceil(periods.length / fits);
  return k <= 1 ? periods : periods.filter((_, i) => i % k === 0);
}

/**
 * Small multiples: one panel per facet value (e.g. region), same scales,
 * `columns` panels per row.
 *
 * @example
 * smallMultiplesChart(rows, { facet: "region", x: "year", y: "value", series: "flow", unit: "US$ million" })
 */
export function smallMultiplesChart(
  rows: readonly ChartRow[],
  options: SmallMultiplesOptions,
): ChartInput {
  const o = parseOptions(smallMultiplesOptionsSchema, options, "smallMultiplesChart");
  const theme = themeOf(o.theme);
  const columns = o.columns ?? 4;
  const facets = domainOf(rows, o.facet);
  const periods = domainOf(rows, o.x);
  const spacing = 14;
  // Autosize "fit" does not apply to facets, so the panel width is worked out
  // from the theme width minus the y axis (its widest label, a rough guess at
  // the nice maximum, plus the title if any) and the gaps.
  const ctx = measureContext(theme.font.family, themeFontFiles(theme), themeFallbackFiles(theme));
  const top = String(Math.ceil(maxOf(rows, o.y) * 1.2));
  const axisWidth =
    measureText(ctx, top, theme.text.labelSize - 1) +
    12 +
    (valueAxisTitle(o) ? theme.text.axisTitleSize + 10 : 0);
  const panelWidth = Math.floor(
    (theme.size.width - 2 * theme.size.padding - axisWidth - (columns - 1) * spacing) / columns,
  );
  const partial = hasPartial(rows, o.partial) ? o.partial : undefined;
  const small = { x: o.x, y: o.y, series: o.series, partial };
  const mark = o.mark ?? "line";
  const seriesDomain = o.series ? domainOf(rows, o.series) : [];
  const inner: Pick<LayerSpec<Field>, "layer"> | Pick<Layer, "mark" | "encoding"> =
    mark === "line"
      ? { layer: lineLayers(rows, theme, small, true) }
      : {
          mark: { type: "bar", ...(o.series ? {} : { color: theme.palette.single }) },
          encoding: o.series
            ? {
                color: {
                  field: o.series,
                  type: "nominal",
                  scale: colourScale(seriesDomain, theme.palette.categorical),
                  legend: null,
                },
                xOffset: { field: o.series, type: "nominal", scale: { domain: seriesDomain } },
              }
            : {},
        };
  const spec: Faceted = {
    ...titleBlock(o),
    facet: {
      field: o.facet,
      type: "nominal",
      sort: oneKind(facets),
      title: null,
      header: { labelFontSize: theme.text.labelSize, labelPadding: 4 },
    },
    columns,
    spacing: { row: 18, column: spacing },
    spec: {
      width: panelWidth,
      height: theme.size.panelHeight,
      encoding: {
        x: {
          field: o.x,
          type: "ordinal",
          sort: null,
          scale:
            mark === "line"
              ? { domain: periods, type: "point", padding: 0.4 }
              : { domain: periods, paddingInner: 0.2 },
          axis: {
            title: null,
            labelAngle: 0,
            labelFontSize: theme.text.labelSize - 1,
            values: oneKind(thinnedPeriods(theme, periods, panelWidth)),
          },
        },
        y: {
          field: o.y,
          type: "quantitative",
          scale: { zero: true, nice: true },
          axis: {
            title: valueAxisTitle(o),
            tickCount: 4,
            labelFontSize: theme.text.labelSize - 1,
            ...(o.valueFormat ? { format: o.valueFormat } : {}),
          },
        },
      },
      ...inner,
    },
  };
  const description = describe("small-multiples", o, o.x, true, o.y, o.series, partial, o.facet);
  return result(spec, rows, description, options.theme);
}

/**
 * Slices of a whole: a pie (or, with `donut: true`, a ring), largest first,
 * each labelled with its share of the whole, named in a legend beside it.
 * When the values are percentages summing to less than 100 and
 * `remainderLabel` is set, the rest is a grey slice under that label, never
 * spread over the others. Negative values cannot be slices: they are an error.
 *
 * @example
 * pieChart(rows, { category: "product", value: "share", unit: "%",
 *   remainderLabel: "Other or not stated" })
 */
export function pieChart(rows: readonly ChartRow[], options: PieChartOptions): ChartInput {
  const o = parseOptions(pieOptionsSchema, options, "pieChart");
  const theme = themeOf(o.theme);
  const negative = rows.findIndex((r) => (numberIn(r, o.value) ?? 0) < 0);
  if (negative >= 0) {
    throw new ChartError([
      chartIssue(
        "invalid-row",
        `rows/${negative}/${o.value.replaceAll("~", "~0").replaceAll("/", "~1")}`,
        messages.negativeSlice(o.value, rows[negative]![o.value]!),
        messages.negativeSliceHint(),
      ),
    ]);
  }
  let data: ChartRow[] = rows
    .filter((r) => typeof r[o.value] === "number")
    .map((r) => ({ ...r, __remainder: false }));
  if (o.sort !== "none") {
    data = [...data].sort((a, b) => (numberIn(b, o.value) ?? 0) - (numberIn(a, o.value) ?? 0));
  }
  const decimals = o.decimals ?? decimalsOf(data, o.value);
  const sum = data.reduce((n, r) => n + (numberIn(r, o.value) ?? 0), 0);
  const rest = Math.round((100 - sum) * 10 ** (decimals + 2)) / 10 ** (decimals + 2);
  if (o.remainderLabel && rest > 0) {
    data.push({ [o.category]: o.remainderLabel, [o.value]: rest, __remainder: true });
  }
  const total = data.reduce((n, r) => n + (numberIn(r, o.value) ?? 0), 0);
  const shareDecimals = o.unit === "%" ? decimals : 0;
  const shares = data.map((r) => (total > 0 ? ((numberIn(r, o.value) ?? 0) / total) * 100 : 0));
  data = data.map((r, i) => ({
    ...r,
    __order: i,
    __label: `${shares[i]!.toFixed(shareDecimals)}%`,
  }));
  const categories = domainOf(data, o.category);
  const colours = categories.map((c, i) =>
    data.find((r) => r[o.category] === c)?.__remainder === true
      ? theme.palette.remainder
      : seriesColour(theme.palette.categorical, i),
  );
  const titleRoom = o.title
    ? theme.text.titleSize + 10 + (o.subtitle ? theme.text.subtitleSize + 3 : 0)
    : 0;
  const labelRoom = 22;
  const radius =
    Math.floor((theme.size.height - titleRoom - 2 * theme.size.padding) / 2) - labelRoom;
  const spec: Layered = {
    ...titleBlock(o),
    width: theme.size.width,
    height: theme.size.height,
    autosize: { type: "fit", contains: "padding" },
    encoding: {
      theta: { field: o.value, type: "quantitative", stack: true },
      color: {
        field: o.category,
        type: "nominal",
        sort: null,
        scale: { domain: categories, range: colours },
        legend: {
          title: null,
          orient: "right",
          direction: "vertical",
          symbolType: "square",
          rowPadding: 6,
          labelLimit: 0,
        },
      },
      order: { field: "__order", type: "quantitative" },
    },
    layer: [
      {
        mark: {
          type: "arc",
          outerRadius: radius,
          innerRadius: o.donut ? Math.round(radius * 0.55) : 0,
          stroke: theme.palette.background,
          strokeWidth: 1.5,
        },
      },
      {
        mark: {
          type: "text",
          radius: radius + 14,
          fontSize: theme.text.labelSize - 0.5,
          color: theme.text.color,
        },
        // Dark labels outside the slices read whatever the slice's colour.
        encoding: {
          text: { field: "__label", type: "nominal" },
          color: { value: theme.text.color },
        },
      },
    ],
  };
  const description = describe(
    o.donut ? "donut" : "pie",
    o,
    o.category,
    false,
    o.value,
    undefined,
    undefined,
  );
  // Every slice is labelled with its share of the pie: together, a whole.
  const notes = total > 0 ? roundingNotes(shares, shareDecimals, o.roundingNote) : [];
  return result(spec, data, description, options.theme, notes);
}
