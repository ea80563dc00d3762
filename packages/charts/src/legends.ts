/**
 * Legends that wrap instead of running off the chart.
 *
 * The house legend sits above the plot in one row (`orient: "top"`,
 * `direction: "horizontal"`). Vega lays such a legend out from the plot's
 * left edge and never wraps it by itself, so seven region names ran past the
 * chart's right edge and the SVG cut the last one ("Kamchatskaya Obla…").
 * Here, before compiling, every discrete legend of a single-view or layered
 * spec gets as many columns as fit the room beside the value axis, measured
 * with the theme's real font, in a grid (`gridAlign: "all"`), so entries wrap
 * onto further rows. Labels are never truncated (the theme sets
 * `labelLimit: 0`).
 *
 * A legend the spec lays out itself (`columns`, a left/right `orient`, a
 * vertical `direction`) is left alone.
 */
import { type MeasureContext, measureText } from "./fonts.js";
import type { ChartRow } from "./input.js";
import type { ChartTheme } from "./theme.js";

type Spec = Record<string, unknown>;

function isObject(value: unknown): value is Spec {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Channels whose legend lists one entry per value. */
const LEGEND_CHANNELS = ["color", "fill", "stroke", "strokeDash", "shape", "opacity"] as const;

/** Gap between legend columns, in px (the theme config's `columnPadding`). */
export const LEGEND_COLUMN_PADDING = 18;
/** Default legend symbol area, in px² (the theme config's `symbolSize`). */
export const LEGEND_SYMBOL_SIZE = 120;
/** Room left of the plot taken by a value axis: labels, ticks and a title (px). */
const VALUE_AXIS_ROOM = 64;

/** The values a legend lists: the scale's explicit domain, else the field's values in the rows. */
function legendValues(def: Spec, rows: readonly ChartRow[]): string[] | undefined {
  const scale = isObject(def.scale) ? def.scale : {};
  if (Array.isArray(scale.domain)) return scale.domain.map((v) => String(v));
  const field = def.field as string;
  if (!rows.some((r) => field in r)) return undefined;
  const out = new Set<string>();
  for (const row of rows) {
    const v = row[field];
    if (v !== null && v !== undefined) out.add(String(v));
  }
  return [...out];
}

/** Width of the axis left of the plot: a value axis, or the widest category label. */
function leftAxisRoom(
  encoding: Spec,
  rows: readonly ChartRow[],
  theme: ChartTheme,
  ctx: MeasureContext,
): number {
  const y = isObject(encoding.y) ? encoding.y : undefined;
  if (!y || typeof y.field !== "string" || y.type === "quantitative") return VALUE_AXIS_ROOM;
  const axis = isObject(y.axis) ? y.axis : {};
  if (y.axis === null) return 0;
  const limit = typeof axis.labelLimit === "number" && axis.labelLimit > 0 ? axis.labelLimit : 180;
  const labels = legendValues(y, rows) ?? [];
  const widest = Math.max(0, ...labels.map((l) => measureText(ctx, l, theme.text.labelSize)));
  const title = axis.title === null || y.title === null ? 0 : theme.text.axisTitleSize + 10;
  return Math.min(widest, limit) + 14 + title;
}

/** Columns for `count` entries of `entryWidth` px in `room` px, rows balanced. */
export function legendColumns(count: number, entryWidth: number, room: number): number {
  const fit = Math.floor((room + LEGEND_COLUMN_PADDING) / (entryWidth + LEGEND_COLUMN_PADDING));
  const columns = Math.min(count, Math.max(1, fit));
  // 7 entries in 3 columns need 3 rows; 4 entries in 3 columns read better as 2 × 2.
  return Math.ceil(count / Math.ceil(count / columns));
}

function wrapEncoding(
  encoding: Spec,
  inherited: Spec,
  rows: readonly ChartRow[],
  width: number,
  theme: ChartTheme,
  ctx: MeasureContext,
): Spec {
  const out: Spec = { ...encoding };
  const axes = { ...inherited, ...encoding };
  for (const channel of LEGEND_CHANNELS) {
    const def = encoding[channel];
    if (!isObject(def) || typeof def.field !== "string" || def.legend === null) continue;
    if (def.type === "quantitative" || def.type === "temporal") continue;
    const legend = isObject(def.legend) ? def.legend : {};
    if (
      legend.columns !== undefined ||
      (legend.orient !== undefined && legend.orient !== "top" && legend.orient !== "bottom") ||
      legend.direction === "vertical"
    )
      continue;
    const values = legendValues(def, rows);
    if (!values || values.length < 2) continue;
    const size = typeof legend.symbolSize === "number" ? legend.symbolSize : LEGEND_SYMBOL_SIZE;
    const offset = typeof legend.labelOffset === "number" ? legend.labelOffset : 4;
    const widest = Math.max(...values.map((v) => measureText(ctx, v, theme.text.legendSize)));
    // A symbol is about √size wide (a circle a little more, a stroke sample less).
    const entry = 1.15 * Math.sqrt(size) + offset + widest + 2;
    const room = width - 2 * theme.size.padding - leftAxisRoom(axes, rows, theme, ctx);
    const fitsInOneRow =
      values.length * entry + (values.length - 1) * LEGEND_COLUMN_PADDING <= room;
    if (fitsInOneRow) continue;
    out[channel] = {
      ...def,
      legend: { ...legend, columns: legendColumns(values.length, entry, room), gridAlign: "all" },
    };
  }
  return out;
}

/**
 * The spec with its top legends given columns where one row would not fit.
 * Single views and layers only: facets and concatenations size their own cells.
 */
export function wrapLegends(
  spec: Spec,
  rows: readonly ChartRow[],
  theme: ChartTheme,
  ctx: MeasureContext,
): Spec {
  if (!("mark" in spec) && !("layer" in spec)) return spec;
  const width = typeof spec.width === "number" ? spec.width : theme.size.width;
  const top = isObject(spec.encoding) ? spec.encoding : {};
  const out: Spec = { ...spec };
  if (isObject(spec.encoding)) out.encoding = wrapEncoding(top, {}, rows, width, theme, ctx);
  if (Array.isArray(spec.layer)) {
    out.layer = spec.layer.map((layer) =>
      isObject(layer) && isObject(layer.encoding)
        ? { ...layer, encoding: wrapEncoding(layer.encoding, top, rows, width, theme, ctx) }
        : layer,
    );
  }
  return out;
}
