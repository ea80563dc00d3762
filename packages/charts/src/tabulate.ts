/**
 * A template spec read back as a table: categories × series with the values
 * the chart draws, when the spec is one a word processor can redraw as a
 * chart of its own (a pie, bars, lines) — and the alt text's facts either way.
 *
 * Only what can be read off the encoding with certainty is tabulated
 * (https://vega.github.io/vega-lite/docs/encoding.html): a single view or
 * layers that all draw the same fields; an `arc` with `theta` and `color`;
 * `bar`, `line` (with `point` layers) with a category on one position
 * channel, a quantity on the other and an optional series on
 * `color`/`fill`/`stroke`. Domains follow Vega-Lite's order: `scale.domain`,
 * `sort` (`null` for data order, ascending by default, descending, a list, or
 * by the value channel). Anything else — transforms, facets, binning, time
 * units, a normalised stack, fields on size or opacity — gives `undefined`,
 * and the caller keeps the picture.
 */
import type { ChartRow, ChartValue } from "./input.js";

type Spec = Record<string, unknown>;

function isObject(value: unknown): value is Spec {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A spec's data as a table of categories × series. */
export interface ChartTable {
  /** What the spec draws: slices, bars or lines. */
  mark: "arc" | "bar" | "line";
  /** Arcs: a ring (`innerRadius` above zero) rather than a pie. */
  donut: boolean;
  /** Bars: upright columns, or horizontal bars (the category on `y`). */
  orientation: "vertical" | "horizontal";
  /** Bars with series: stacked (Vega-Lite's default) or side by side (`stack: null`, an offset channel). */
  stacked: boolean;
  /** The row fields the table was read from. */
  fields: { category: string; value: string; series?: string };
  /** Categories in the order the chart draws them (slices of a pie). */
  categories: string[];
  /** One series per value of the series field (one series without one); a value per category, null where none. */
  series: { name: string; values: (number | null)[] }[];
  /** Axis titles as the chart draws them; absent where it draws none. */
  categoryTitle?: string;
  valueTitle?: string;
  /** The category channel's type: temporal categories are periods. */
  categoryType?: string;
}

/** Marks that carry data; text and rules annotate and are not tabulated. */
const ANNOTATIONS = new Set(["text", "rule"]);
/** Channels that may carry a field without changing the table. */
const NEUTRAL = new Set(["tooltip", "text", "order", "description", "href", "key"]);
/** Aggregates the table can apply itself. */
const OPS = new Set(["sum", "mean", "average", "median", "min", "max", "count"]);

interface Unit {
  mark: string;
  markDef: Spec;
  encoding: Spec;
}

function markOf(spec: Spec): { type: string; def: Spec } | undefined {
  if (typeof spec.mark === "string") return { type: spec.mark, def: {} };
  if (isObject(spec.mark) && typeof spec.mark.type === "string")
    return { type: spec.mark.type, def: spec.mark };
  return undefined;
}

/** The unit views of a single-view or layered spec, encodings inherited; undefined for anything else. */
function unitsOf(spec: Spec, inherited: Spec): Unit[] | undefined {
  if ("transform" in spec || "facet" in spec || "repeat" in spec) return undefined;
  if ("concat" in spec || "hconcat" in spec || "vconcat" in spec) return undefined;
  const encoding = { ...inherited, ...(isObject(spec.encoding) ? spec.encoding : {}) };
  if (Array.isArray(spec.layer)) {
    const units: Unit[] = [];
    for (const layer of spec.layer) {
      if (!isObject(layer)) return undefined;
      const inner = unitsOf(layer, encoding);
      if (!inner) {
        // A label layer may compute its text; it draws no data of its own.
        const mark = markOf(layer);
        if (mark && ANNOTATIONS.has(mark.type)) continue;
        return undefined;
      }
      units.push(...inner);
    }
    return units;
  }
  const mark = markOf(spec);
  if (!mark) return undefined;
  return [{ mark: mark.type, markDef: mark.def, encoding }];
}

interface Channel {
  field: string;
  type?: string;
  def: Spec;
}

function channel(encoding: Spec, name: string): Channel | undefined {
  const def = encoding[name];
  if (!isObject(def) || typeof def.field !== "string") return undefined;
  return typeof def.type === "string"
    ? { field: def.field, type: def.type, def }
    : { field: def.field, def };
}

interface Reading {
  mark: ChartTable["mark"];
  donut: boolean;
  orientation: ChartTable["orientation"];
  stacked: boolean;
  /** Repeated cells add up: slices, and bars that stack. */
  adds: boolean;
  category: Channel;
  value: Channel;
  series?: Channel;
}

/** What one unit view draws, or undefined when it is not a plain pie, bar or line. */
function readUnit(unit: Unit): Reading | undefined {
  const { encoding } = unit;
  const known = new Set([
    "x",
    "y",
    "theta",
    "color",
    "fill",
    "stroke",
    "strokeDash",
    "shape",
    "xOffset",
    "yOffset",
    "detail",
    ...NEUTRAL,
  ]);
  for (const [name, def] of Object.entries(encoding)) {
    const hasField = isObject(def) && "field" in def;
    if (hasField && !known.has(name)) return undefined;
  }
  const seriesChannels = ["color", "fill", "stroke", "strokeDash", "shape", "detail"]
    .map((c) => channel(encoding, c))
    .filter((c): c is Channel => c !== undefined);
  const seriesFields = new Set(seriesChannels.map((c) => c.field));
  if (seriesFields.size > 1) return undefined;
  if (seriesChannels.some((c) => c.type === "quantitative" || c.type === "temporal"))
    return undefined;
  const series = seriesChannels.find((c) => c.def !== undefined);

  if (unit.mark === "arc") {
    const value = channel(encoding, "theta");
    if (!value || !series || channel(encoding, "radius") || channel(encoding, "x"))
      return undefined;
    const inner = unit.markDef.innerRadius;
    return {
      mark: "arc",
      donut: typeof inner === "number" && inner > 0,
      orientation: "vertical",
      stacked: false,
      adds: true,
      category: series,
      value,
    };
  }
  const mark =
    unit.mark === "bar"
      ? "bar"
      : ["line", "point", "circle", "square"].includes(unit.mark)
        ? "line"
        : undefined;
  if (!mark) return undefined;
  const x = channel(encoding, "x");
  const y = channel(encoding, "y");
  if (!x || !y) return undefined;
  const horizontal = x.type === "quantitative" && y.type !== "quantitative";
  const vertical = y.type === "quantitative" && x.type !== "quantitative";
  if (!horizontal && !vertical) return undefined;
  const category = horizontal ? y : x;
  const value = horizontal ? x : y;
  if ("bin" in category.def || "timeUnit" in category.def || "bin" in value.def) return undefined;
  if ("timeUnit" in value.def) return undefined;
  const offset = channel(encoding, horizontal ? "yOffset" : "xOffset");
  if (offset && offset.field !== series?.field) return undefined;
  const stack = value.def.stack;
  if (stack === "normalize" || stack === "center") return undefined;
  const unstacked = stack === null || stack === false || offset !== undefined;
  return {
    mark: mark === "bar" ? "bar" : "line",
    donut: false,
    orientation: horizontal ? "horizontal" : "vertical",
    stacked: mark === "bar" && series !== undefined && !unstacked,
    adds: mark === "bar" && !unstacked,
    category,
    value,
    ...(series ? { series } : {}),
  };
}

const same = (a: Channel | undefined, b: Channel | undefined) => a?.field === b?.field;

/** The op a value channel applies, or undefined when it applies none; null when unsupported. */
function opOf(value: Channel): string | undefined | null {
  const op = value.def.aggregate;
  if (op === undefined) return undefined;
  return typeof op === "string" && OPS.has(op) ? op : null;
}

function aggregate(values: number[], op: string | undefined): number | null {
  if (op === "count") return values.length;
  if (values.length === 0) return null;
  switch (op) {
    case undefined:
    case "sum":
      return values.reduce((a, b) => a + b, 0);
    case "mean":
    case "average":
      return values.reduce((a, b) => a + b, 0) / values.length;
    case "median": {
      const s = [...values].sort((a, b) => a - b);
      const mid = Math.floor(s.length / 2);
      return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
    }
    // Loops, not a spread: a spread of 120,000 values overflows the stack.
    case "min":
      return values.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
    case "max":
      return values.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
    default:
      return null;
  }
}

/** Vega's ascending order: numbers by value, anything else as text. */
function ascending(a: ChartValue, b: ChartValue): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * A channel's domain in Vega-Lite's order, or undefined for a sort the table
 * cannot reproduce. `totals` gives a value per domain value for sorts by
 * the value channel.
 */
function domainOf(
  ch: Channel,
  values: readonly ChartValue[],
  totals: (v: ChartValue) => number,
  valueChannels: readonly string[],
): ChartValue[] | undefined {
  const scale = isObject(ch.def.scale) ? ch.def.scale : {};
  if (Array.isArray(scale.domain)) return scale.domain as ChartValue[];
  const sort = ch.def.sort;
  const seen: ChartValue[] = [];
  const keys = new Set<string>();
  for (const v of values) {
    if (v === null || keys.has(`${typeof v}:${String(v)}`)) continue;
    keys.add(`${typeof v}:${String(v)}`);
    seen.push(v);
  }
  if (sort === null) return seen;
  if (sort === undefined || sort === "ascending") return [...seen].sort(ascending);
  if (sort === "descending") return [...seen].sort(ascending).reverse();
  if (Array.isArray(sort)) {
    const listed = sort.filter((v) => seen.some((s) => String(s) === String(v))) as ChartValue[];
    const rest = seen.filter((s) => !sort.some((v) => String(v) === String(s)));
    return [...listed, ...rest];
  }
  const byValue = (descending: boolean) =>
    [...seen].sort((a, b) => (descending ? totals(b) - totals(a) : totals(a) - totals(b)));
  if (typeof sort === "string") {
    const descending = sort.startsWith("-");
    return valueChannels.includes(sort.replace(/^-/, "")) ? byValue(descending) : undefined;
  }
  if (isObject(sort) && sort.field === undefined && sort.op === undefined) {
    const order = [...seen].sort(ascending);
    return sort.order === "descending" ? order.reverse() : order;
  }
  return undefined;
}

/** The title Vega-Lite draws for a channel: the axis title, the channel's, or its default. */
function titleOf(ch: Channel, axisKey: "axis" | "legend" | null): string | undefined {
  const guide = axisKey && isObject(ch.def[axisKey]) ? (ch.def[axisKey] as Spec) : undefined;
  if (axisKey && ch.def[axisKey] === null) return undefined;
  const raw = guide && "title" in guide ? guide.title : "title" in ch.def ? ch.def.title : "";
  if (raw === null) return undefined;
  if (Array.isArray(raw)) return raw.join(" ");
  if (typeof raw === "string" && raw !== "") return raw;
  const op = ch.def.aggregate;
  if (op === "count") return "Count of Records";
  if (typeof op === "string") return `${op[0]!.toUpperCase()}${op.slice(1)} of ${ch.field}`;
  return ch.field;
}

/**
 * The table a spec draws from `rows`, or undefined when the spec is not a
 * plain pie, bar or line chart (see the module comment).
 *
 * @example
 * tabulateChart({ mark: "arc", encoding: { theta: { field: "share", type: "quantitative" },
 *   color: { field: "product", type: "nominal" } } }, rows)
 * // { mark: "arc", categories: ["Fish", "Metals", …], series: [{ name: "share", values: [27, 37, …] }], … }
 */
export function tabulateChart(spec: unknown, rows: readonly ChartRow[]): ChartTable | undefined {
  if (!isObject(spec)) return undefined;
  const units = unitsOf(spec, {});
  if (!units || units.length === 0) return undefined;
  const readings = units.filter((u) => !ANNOTATIONS.has(u.mark)).map(readUnit);
  if (readings.length === 0 || readings.some((r) => r === undefined)) return undefined;
  const [first, ...others] = readings as Reading[];
  if (!first) return undefined;
  for (const r of others) {
    const compatible =
      r.mark === first.mark ||
      // Points over a line mark the line's own values.
      (r.mark === "line" && first.mark === "line");
    if (!compatible || !same(r.category, first.category) || !same(r.value, first.value))
      return undefined;
    if (!same(r.series, first.series) || r.orientation !== first.orientation) return undefined;
  }
  // A layer that draws lines sets the mark; points alone are not a line chart.
  if (first.mark === "line" && !units.some((u) => u.mark === "line")) return undefined;
  const op = opOf(first.value);
  if (op === null) return undefined;

  const data =
    isObject(spec.data) && Array.isArray(spec.data.values)
      ? (spec.data.values as ChartRow[])
      : rows;
  const { category, value, series } = first;
  const cells = new Map<string, number[]>();
  const key = (c: ChartValue, s: ChartValue) => `${String(c)}\u0000${String(s)}`;
  for (const row of data) {
    const c = row[category.field];
    const s = series ? row[series.field] : "";
    if (c === null || c === undefined || s === null || s === undefined) continue;
    const v = row[value.field];
    const list = cells.get(key(c, s)) ?? [];
    if (typeof v === "number") list.push(v);
    else if (op === "count") list.push(0);
    cells.set(key(c, s), list);
  }
  const duplicates = [...cells.values()].some((l) => l.length > 1);
  // Without an aggregate, repeated cells are stacked (bars, slices); lines would zigzag.
  if (duplicates && op === undefined && !first.adds) return undefined;

  const valueChannels =
    first.mark === "arc" ? ["theta"] : [first.orientation === "horizontal" ? "x" : "y"];
  const categoryTotal = (c: ChartValue) =>
    [...cells.entries()]
      .filter(([k]) => k.startsWith(`${String(c)}\u0000`))
      .reduce((n, [, l]) => n + (aggregate(l, op) ?? 0), 0);
  const categories = domainOf(
    category,
    data.map((r) => r[category.field] ?? null),
    categoryTotal,
    valueChannels,
  );
  const seriesDomain = series
    ? domainOf(
        series,
        data.map((r) => r[series.field] ?? null),
        (s) =>
          [...cells.entries()]
            .filter(([k]) => k.endsWith(`\u0000${String(s)}`))
            .reduce((n, [, l]) => n + (aggregate(l, op) ?? 0), 0),
        valueChannels,
      )
    : [""];
  if (!categories || !seriesDomain) return undefined;

  const valueTitle = first.mark === "arc" ? undefined : titleOf(value, "axis");
  const categoryTitle = first.mark === "arc" ? undefined : titleOf(category, "axis");
  const seriesName = (s: ChartValue) =>
    series ? String(s) : (titleOf(value, first.mark === "arc" ? null : "axis") ?? value.field);
  const table: ChartTable = {
    mark: first.mark,
    donut: first.donut,
    orientation: first.orientation,
    stacked: first.stacked,
    fields: {
      category: category.field,
      value: value.field,
      ...(series && first.mark !== "arc" ? { series: series.field } : {}),
    },
    categories: categories.map(String),
    series: seriesDomain.map((s) => ({
      name: seriesName(s),
      values: categories.map((c) => {
        const list = cells.get(key(c, s));
        return list ? aggregate(list, op) : null;
      }),
    })),
  };
  if (valueTitle !== undefined) table.valueTitle = valueTitle;
  if (categoryTitle !== undefined) table.categoryTitle = categoryTitle;
  if (category.type !== undefined) table.categoryType = category.type;
  return table;
}
