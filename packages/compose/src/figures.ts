/**
 * Charts for `::figure{ref=…}`: the rows a ChartDef selects from a dataset
 * table, the chart rendered by @briefkit/charts (a house preset or a raw
 * Vega-Lite spec from the template folder), and the document figure with
 * caption, alt text, source line, PNG fallback and the chart's data (so Word
 * can redraw it as a native chart).
 *
 * A preset gets its rows in long form (`category`, `series`, `value`,
 * `partial`). A spec gets the table's own rows, one per row of the table,
 * keyed by the table's column names: numbers as numbers (null when missing),
 * periods as their tokens ("1998", "2005-H1"), text and categories as text;
 * `where`, `exclude`, `from` and `to` apply as for presets. A problem with a
 * chart definition is reported at the key in template.yaml that causes it.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import {
  ChartError,
  type ChartInput,
  type ChartRow,
  type ChartTable,
  type ChartThemeOverrides,
  groupedBarChart,
  lineChart,
  parseChartSpec,
  pieChart,
  type RenderedChart,
  type RenderOptions,
  renderChart,
  sharesChart,
  smallMultiplesChart,
  stackedBarChart,
  tabulateChart,
} from "@briefkit/charts";
import {
  comparePeriods,
  type Dataset,
  nearestName,
  type Period,
  parsePeriod,
  type Row,
  type Table,
} from "@briefkit/data";
import {
  type ChartData,
  type DraftBlock,
  figure,
  inlines,
  type Terms,
  type Theme,
  termsFor,
} from "@briefkit/document";
import {
  type FontCoverage,
  fontCoverage,
  keyWith,
  reportUndrawable,
  undrawable,
} from "./glyphs.js";
import type { IssueLog } from "./issues.js";
import { composeMessages as msg } from "./messages.js";
import { sourceLine, unitLabel } from "./tables.js";
import { type At, type Declared, insideFolder } from "./template.js";
import type { ChartDef } from "./template-schema.js";

/** Renders one chart definition to a figure (or logs why not). Injected for tests and benchmarks. */
export type FigureRenderer = (
  dataset: Dataset,
  chart: Declared<ChartDef>,
  log: IssueLog,
  theme: Theme,
  wants?: FigureWants,
) => Promise<DraftBlock[]>;

/** What the document around a figure asks of it. */
export interface FigureWants {
  /** The document's language (BCP 47), for the words around the chart (its source line). Default English. */
  language?: string;
  /**
   * Every chart gets its PNG, not only those Word cannot draw natively: the
   * DOCX writer draws pictures (`writers: { docx: { nativeCharts: false } }`).
   */
  pictures?: boolean;
  /** Rendered charts kept between compose calls, by content (see `ChartCache`). */
  charts?: ChartCache;
}

/**
 * Rendered charts by their input and options: what the renderer is given,
 * nothing else, so an entry is right for as long as the key matches. A
 * preview that recomposes on every save re-renders only the charts whose
 * data or definition changed (each takes tens of milliseconds). Bounded:
 * the oldest entries go first.
 */
export interface ChartCache {
  readonly entries: Map<string, RenderedChart>;
  readonly limit: number;
}

export function createChartCache(limit = 256): ChartCache {
  return { entries: new Map(), limit };
}

async function renderChartCached(
  input: ChartInput,
  options: RenderOptions,
  cache: ChartCache | undefined,
): Promise<RenderedChart> {
  if (cache === undefined) return renderChart(input, options);
  const key = createHash("sha256")
    .update(JSON.stringify([input, options]))
    .digest("base64");
  const hit = cache.entries.get(key);
  if (hit) {
    // Re-inserted: the most recently used is the last evicted.
    cache.entries.delete(key);
    cache.entries.set(key, hit);
    return hit;
  }
  const rendered = await renderChart(input, options);
  cache.entries.set(key, rendered);
  for (const old of cache.entries.keys()) {
    if (cache.entries.size <= cache.limit) break;
    cache.entries.delete(old);
  }
  return rendered;
}

/**
 * The chart theme a document theme implies: the same series colours (so a
 * template that overrides the palette recolours its charts, and Word's native
 * charts match the SVGs) and the same text colour; fonts and sizes stay the
 * chart house theme's, which already uses the documents' sans-serif face.
 */
export function chartThemeFor(theme: Theme): ChartThemeOverrides {
  const [first] = theme.colors.palette;
  return {
    text: { color: theme.colors.text },
    palette: {
      categorical: [...theme.colors.palette],
      ...(first ? { single: first } : {}),
      // The part of a whole not itemised: the rule grey, as Word's native pie draws it.
      remainder: theme.colors.rule,
    },
  };
}

/** A problem with a chart definition, at a key of it (`["measures", 1]`). */
export class ChartDefError extends Error {
  constructor(
    message: string,
    readonly path: readonly (string | number)[],
    readonly hint?: string,
  ) {
    super(message);
  }
}

function tableOf(dataset: Dataset, id: string): Table {
  const table = dataset.tables.find((t) => t.id === id);
  if (!table) {
    const known = dataset.tables.map((t) => t.id);
    throw new ChartDefError(
      `dataset ${dataset.meta.id} has no table "${id}" (tables: ${known.join(", ")})`,
      ["table"],
      msg.nearest(nearestName(id, known)),
    );
  }
  return table;
}

/** Throws at `path` when `column` is not a column of the table. */
function needColumn(t: Table, column: string | undefined, path: readonly (string | number)[]) {
  const names = t.columns.map((c) => c.name);
  if (column !== undefined && !names.includes(column)) {
    // The nearest name is the hint, said once; the message lists the columns.
    throw new ChartDefError(
      msg.noColumn(t.id, column, names),
      path,
      msg.nearest(nearestName(column, names)),
    );
  }
}

/** The text `where` and `exclude` compare with: a period's token, anything else as text. */
export function cellText(cell: Row["cells"][number] | undefined): string | undefined {
  if (!cell || cell.value === null) return undefined;
  return cell.type === "period" ? (cell.value as Period).token : String(cell.value);
}

/** The period of a cell of a period column (undefined when empty). */
function cellPeriod(cell: Row["cells"][number] | undefined): Period | undefined {
  return cell?.type === "period" && cell.value !== null ? (cell.value as Period) : undefined;
}

/** The distinct periods of a column over `rows`, oldest first. */
function periodsIn(rows: readonly Row[], column: number): Period[] {
  const byToken = new Map<string, Period>();
  for (const r of rows) {
    const p = cellPeriod(r.cells[column]);
    if (p && !byToken.has(p.token)) byToken.set(p.token, p);
  }
  return [...byToken.values()].sort(comparePeriods);
}

/** A value no row has, at `path`: the message lists the values of `columns`, the hint is the nearest. */
function noRowError(
  t: Table,
  rows: readonly Row[],
  columns: readonly number[],
  value: string,
  column: string | undefined,
  path: readonly (string | number)[],
): ChartDefError {
  const known = [
    ...new Set(
      columns.flatMap((i) => rows.map((r) => cellText(r.cells[i])).filter((v) => v !== undefined)),
    ),
  ];
  const periods = columns.flatMap((i) => periodsIn(rows, i));
  return new ChartDefError(
    msg.noChartRow(t.id, column, value, known),
    path,
    msg.nearest(tokenOfLabel(value, periods) ?? nearestName(value, known)),
  );
}

/** A period written as its label ("2005 (first half)"), whose token (2005-H1) is what a chart takes. */
function tokenOfLabel(value: string, periods: readonly Period[]): string | undefined {
  return periods.find((p) => p.label === value && p.label !== p.token)?.token;
}

/**
 * Rows passing `where`. A value on a period column is a period as `from` and
 * `to` take it (2004, 2005-H1, latest, latest-1, first+2, latest-partial),
 * counted over the rows the other keys leave; a value no row has is an
 * error at its key, with the nearest value.
 */
function whereRows(t: Table, where: ChartDef["where"]): readonly Row[] {
  const names = t.columns.map((c) => c.name);
  const entries = Object.entries(where ?? {});
  for (const [key] of entries) needColumn(t, key, ["where", key]);
  const onPeriod = ([key]: [string, unknown]) => t.columns[names.indexOf(key)]?.type === "period";
  // Period keys last: `latest` is the latest year of the region the other keys select.
  const ordered = [...entries.filter((e) => !onPeriod(e)), ...entries.filter(onPeriod)];
  let rows = t.rows;
  for (const [key, value] of ordered) {
    const i = names.indexOf(key);
    const path = ["where", key];
    let kept: readonly Row[];
    if (onPeriod([key, value])) {
      const period = resolvePeriod(value, periodsIn(rows, i), t.id, path);
      kept = rows.filter((r) => cellPeriod(r.cells[i])?.token === period.token);
    } else {
      kept = rows.filter((r) => cellText(r.cells[i]) === String(value));
    }
    if (kept.length === 0) throw noRowError(t, rows, [i], String(value), key, path);
    rows = kept;
  }
  return rows;
}

/**
 * Rows left after `exclude`: a row goes when one of its category, text or
 * date cells is a listed value, or when its period (in `periodColumn`) is a
 * listed period: a token (2005-H1), a year or a relative period (latest,
 * latest-partial…), counted over `rows`. A listed value that no row has is
 * an error at its item, with the nearest value: it would be ignored in
 * silence otherwise (a typo, or the part year's label instead of its token).
 */
function excludeRows(
  t: Table,
  rows: readonly Row[],
  exclude: ChartDef["exclude"],
  periodColumn: number | undefined,
  unmatched: NonNullable<ChartRowsOptions["unmatchedExclude"]> = "error",
): readonly Row[] {
  if (!exclude || exclude.length === 0) return rows;
  const texts = t.columns.flatMap((c, i) =>
    c.type === "number" || c.type === "period" ? [] : [i],
  );
  const periods = periodColumn === undefined ? [] : periodsIn(rows, periodColumn);
  const gone = new Set<Row>();
  exclude.forEach((item, n) => {
    const value = String(item).trim();
    let hits = rows.filter((r) => texts.some((i) => cellText(r.cells[i]) === value));
    if (hits.length === 0 && periodColumn !== undefined) {
      const period = findPeriod(value, periods);
      hits = period
        ? rows.filter((r) => cellPeriod(r.cells[periodColumn])?.token === period.token)
        : [];
    }
    if (hits.length === 0 && unmatched === "error") {
      const columns = periodColumn === undefined ? texts : [...texts, periodColumn];
      throw noRowError(t, rows, columns, value, undefined, ["exclude", n]);
    }
    for (const r of hits) gone.add(r);
  });
  return rows.filter((r) => !gone.has(r));
}

/** Rows in long form: one per (category or period, series) with its value. */
export interface ChartRows {
  rows: ChartRow[];
  categories: string[];
  series: string[];
  unit: string;
  /** The part year the chart draws, as its label ("2005 (first half)"), if any. */
  partYear: string | undefined;
  /** The categories are periods (x is a period column): a time axis, never horizontal bars. */
  periods: boolean;
}

const PARTIAL_FIELD = "partial";

/**
 * A period a chart definition names in `from`, `to`, `where` or `exclude`:
 * a year or token (2005-H1), or a relative period counted over the full
 * periods of `periods` (first, latest, latest-N, first+N), or latest-partial
 * (the newest period, part year included). Undefined when it is none of these.
 */
function findPeriod(value: string | number, periods: readonly Period[]): Period | undefined {
  const full = periods.filter((p) => !p.partial);
  const text = String(value).trim();
  const rel = /^(first|latest)(?:([+-])(\d+))?$/.exec(text);
  if (text === "latest-partial") return periods.at(-1);
  if (rel) {
    const n = Number(rel[3] ?? 0);
    if (rel[1] === "first" && rel[2] !== "-") return full[n];
    if (rel[1] === "latest" && rel[2] !== "+") return full[full.length - 1 - n];
    return undefined;
  }
  // A token of the data keeps its own partial flag (the table's frequency decides it).
  return periods.find((p) => p.token === text) ?? periodOf(text);
}

/** `findPeriod`, or an error at `path` listing the periods there are. */
function resolvePeriod(
  value: string | number,
  periods: readonly Period[],
  table: string,
  path: readonly (string | number)[],
): Period {
  const found = findPeriod(value, periods);
  if (!found) {
    const text = String(value).trim();
    const tokens = periods.map((p) => p.token);
    throw new ChartDefError(
      msg.badChartPeriod(table, text, tokens),
      path,
      msg.nearest(tokenOfLabel(text, periods) ?? nearestName(text, tokens)),
    );
  }
  return found;
}

function periodOf(token: string | number): Period | undefined {
  try {
    return parsePeriod(String(token));
  } catch {
    return undefined;
  }
}

/** Periods of a period column, sorted; with `from`/`to` resolved and the full years for supersession. */
function periodRange(t: Table, rows: readonly Row[], column: number, def: ChartDef) {
  const periods = periodsIn(rows, column);
  return {
    from: def.from !== undefined ? resolvePeriod(def.from, periods, t.id, ["from"]) : undefined,
    to: def.to !== undefined ? resolvePeriod(def.to, periods, t.id, ["to"]) : undefined,
    // A part year whose full year is in the data too (2005-H1 beside 2005, in a
    // later edition) is superseded: the chart shows the full year only.
    fullYears: new Set(periods.filter((p) => !p.partial && p.kind === "year").map((p) => p.year)),
  };
}

/** How `chartRows` treats an `exclude` value no row has. */
export interface ChartRowsOptions {
  /**
   * Leave it be instead of throwing: the previous edition, read to compare
   * with, may lack a period the template now leaves out (2025-H1).
   */
  unmatchedExclude?: "error" | "ignore";
  /** The language of the unit line the alt text states ("US$ billion", "10億米ドル"). Default English. */
  language?: string;
}

/**
 * Selects the rows a preset chart draws, in long form. Throws ChartDefError
 * at the key of the definition that names a bad column, value or period.
 */
export function chartRows(
  dataset: Dataset,
  def: ChartDef,
  options: ChartRowsOptions = {},
): ChartRows {
  const t = tableOf(dataset, def.table);
  const names = t.columns.map((c) => c.name);
  const xName =
    def.x ??
    t.columns.find((c) => c.type === "period")?.name ??
    t.columns.find((c) => c.type === "category")?.name;
  needColumn(t, xName, ["x"]);
  needColumn(t, def.seriesBy, ["seriesBy"]);
  (def.measures ?? []).forEach((m, i) => {
    needColumn(t, m, ["measures", i]);
    const column = t.columns[names.indexOf(m)];
    if (column?.type !== "number") {
      throw new ChartDefError(
        `column "${m}" of table ${t.id} is a ${column?.type} column; measures are number columns`,
        ["measures", i],
      );
    }
  });
  const measures = def.measures ?? t.columns.filter((c) => c.type === "number").map((c) => c.name);
  if (def.seriesBy && measures.length !== 1) {
    throw new ChartDefError("a chart with seriesBy takes exactly one measure", [
      def.measures ? "measures" : "seriesBy",
    ]);
  }
  const idx = (n: string) => names.indexOf(n);
  const xi = idx(xName!);
  const periods = t.columns[xi]?.type === "period";
  const pi = periods ? xi : t.columns.findIndex((c) => c.type === "period");
  const selected = excludeRows(
    t,
    whereRows(t, def.where),
    def.exclude,
    pi < 0 ? undefined : pi,
    options.unmatchedExclude ?? "error",
  );
  const { from, to, fullYears } = periodRange(t, selected, xi, def);

  const rows: ChartRow[] = [];
  // Sets in first-seen order: includes() per row was quadratic in the
  // categories of a table of many rows, before the charts' row limit is met.
  const categories = new Set<string>();
  const series = new Set<string>();
  let partYear: string | undefined;
  for (const r of selected) {
    const cellValue = (n: string) => r.cells[idx(n)];
    const x = r.cells[xi]!;
    if (x.value === null) continue;
    let label: string;
    let partial = false;
    if (x.type === "period") {
      const p = x.value as Period;
      if (p.partial && fullYears.has(p.year)) continue;
      if (from && comparePeriods(p, from) < 0) continue;
      if (to && comparePeriods(p, to) > 0) continue;
      label = p.partial ? p.label : p.token;
      partial = p.partial;
      if (partial) partYear = p.label;
    } else {
      label = String(x.value);
    }
    if (def.seriesBy) {
      const s = cellValue(def.seriesBy);
      const value = s?.value === null || s === undefined ? "" : String(s.value);
      const name = def.seriesLabels?.[value] ?? value;
      const c = cellValue(measures[0]!);
      if (c?.type !== "number") continue;
      categories.add(label);
      series.add(name);
      rows.push({ category: label, series: name, value: c.value, [PARTIAL_FIELD]: partial });
    } else {
      categories.add(label);
      for (const m of measures) {
        const c = cellValue(m);
        if (c?.type !== "number") continue;
        const col = t.columns[idx(m)]!;
        const name = def.seriesLabels?.[m] ?? col.label ?? m;
        series.add(name);
        rows.push({ category: label, series: name, value: c.value, [PARTIAL_FIELD]: partial });
      }
    }
  }
  const firstMeasure = t.columns[idx(measures[0] ?? "")];
  const unit =
    firstMeasure && firstMeasure.type === "number"
      ? unitLabel(firstMeasure.unit, firstMeasure.scale ?? "one", options.language)
      : "";
  return { rows, categories: [...categories], series: [...series], unit, partYear, periods };
}

/** A spec's rows: the table's own, by column name, and the unit of each number column. */
export interface SpecRows {
  rows: ChartRow[];
  units: Map<string, string>;
  /** The part-year periods among the rows: token → label (2005-H1 → 2005 (first half)). */
  partials: Map<string, string>;
}

/**
 * Selects the rows a spec chart draws: the table's rows as they are, keyed
 * by column name (numbers as numbers or null, periods as their tokens, text
 * as text), filtered by `where`, `exclude` (a text, category or date value,
 * or a period of the table's first period column) and `from`/`to` (on that
 * column).
 */
export function specRows(dataset: Dataset, def: ChartDef, language = "en"): SpecRows {
  const t = tableOf(dataset, def.table);
  const pi = t.columns.findIndex((c) => c.type === "period");
  if (pi < 0 && (def.from !== undefined || def.to !== undefined)) {
    throw new ChartDefError(`table ${t.id} has no period column to take from/to on`, [
      def.from !== undefined ? "from" : "to",
    ]);
  }
  const selected = excludeRows(t, whereRows(t, def.where), def.exclude, pi < 0 ? undefined : pi);
  const { from, to, fullYears } =
    pi < 0
      ? { from: undefined, to: undefined, fullYears: new Set<number>() }
      : periodRange(t, selected, pi, def);
  const rows: ChartRow[] = [];
  const partials = new Map<string, string>();
  for (const r of selected) {
    const p = pi < 0 ? undefined : cellPeriod(r.cells[pi]);
    if (p) {
      if (p.partial && fullYears.has(p.year)) continue;
      if (from && comparePeriods(p, from) < 0) continue;
      if (to && comparePeriods(p, to) > 0) continue;
      if (p.partial) partials.set(p.token, p.label);
    }
    const row: Record<string, ChartRow[string]> = {};
    t.columns.forEach((column, i) => {
      const cell = r.cells[i];
      if (!cell) return;
      row[column.name] = cell.type === "number" ? cell.value : (cellText(cell) ?? null);
    });
    rows.push(row);
  }
  const units = new Map<string, string>();
  for (const c of t.columns)
    if (c.type === "number") units.set(c.name, unitLabel(c.unit, c.scale ?? "one", language));
  return { rows, units, partials };
}

/** A chart's rows and what else its renderer needs: long-form for presets, the table's own for specs. */
type Selected =
  | { kind: "preset"; data: ChartRows }
  | { kind: "spec"; data: SpecRows; file: string; text: string };

/** Reads the spec file a chart names, inside the template folder. */
function readSpec(def: ChartDef, dir: string): { file: string; text: string } {
  const file = resolve(dir, def.spec!);
  if (!existsSync(file)) {
    throw new ChartDefError(`chart spec ${def.spec} does not exist`, ["spec"]);
  }
  if (!insideFolder(dir, file))
    throw new ChartDefError(`chart spec ${def.spec} resolves outside the template folder`, [
      "spec",
    ]);
  return { file, text: readFileSync(file, "utf8") };
}

function select(dataset: Dataset, def: ChartDef, dir: string, language: string): Selected {
  if (def.preset !== undefined) {
    return { kind: "preset", data: chartRows(dataset, def, { language }) };
  }
  const data = specRows(dataset, def, language);
  return { kind: "spec", data, ...readSpec(def, dir) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A template spec as it is rendered: the definition's title when the spec
 * has none, and the unit of the column it draws as a value (for the alt
 * text) when it names none.
 */
function specInput(selected: Extract<Selected, { kind: "spec" }>, def: ChartDef): ChartInput {
  const parsed = parseChartSpec(selected.text, selected.file);
  const input: ChartInput = {
    spec: parsed.spec,
    rows: selected.data.rows,
    file: selected.file,
    sourceText: parsed.sourceText ?? selected.text,
    origin: "template",
  };
  if (!isObject(parsed.spec)) return input;
  const spec: Record<string, unknown> = { ...parsed.spec };
  if (spec.title === undefined) spec.title = def.title;
  const table = tabulateChart(spec, selected.data.rows);
  const unit = table ? selected.data.units.get(table.fields.value) : undefined;
  const meta = isObject(spec.usermeta) ? spec.usermeta : {};
  if (unit && meta.unit === undefined) spec.usermeta = { ...meta, unit };
  return { ...input, spec };
}

/**
 * Periods stand upright on a time axis, however long their labels ("2005
 * (first half)"); long category names (regions, products) read better on
 * horizontal bars.
 */
function barOrientation(data: ChartRows): "horizontal" | "vertical" {
  if (data.periods) return "vertical";
  return data.categories.some((c) => c.length > 8) ? "horizontal" : "vertical";
}

function presetInput(
  def: ChartDef,
  data: ChartRows,
  theme: ChartThemeOverrides,
  terms: Terms,
): ChartInput {
  const partial = data.partYear
    ? { field: PARTIAL_FIELD, label: terms.partYearLegend(data.partYear) }
    : undefined;
  const base = {
    theme,
    title: def.title,
    unit: data.unit,
    ...(def.yTitle ? { valueTitle: def.yTitle } : {}),
    ...(def.xTitle ? { categoryTitle: def.xTitle } : {}),
  };
  const oneSeries = data.series.length <= 1;
  switch (def.preset) {
    case "line":
      return lineChart(data.rows, {
        ...base,
        x: "category",
        y: "value",
        ...(oneSeries ? {} : { series: "series" }),
        ...(partial ? { partial } : {}),
      });
    case "grouped-bar":
    case "stacked-bar":
      return (def.preset === "grouped-bar" ? groupedBarChart : stackedBarChart)(data.rows, {
        ...base,
        category: "category",
        value: "value",
        ...(oneSeries ? {} : { series: "series" }),
        ...(partial ? { partial } : {}),
        orientation: barOrientation(data),
        periods: data.periods,
      });
    case "share":
      return sharesChart(data.rows, {
        ...base,
        category: "category",
        value: "value",
        remainderLabel: terms.remainder,
        roundingNote: terms.roundingNote,
      });
    case "pie":
    case "donut":
      return pieChart(data.rows, {
        ...base,
        category: "category",
        value: "value",
        donut: def.preset === "donut",
        // Only percentages have a whole to fill: a pie of US$ shows what is there.
        roundingNote: terms.roundingNote,
        ...(data.unit === "%" ? { remainderLabel: terms.remainder } : {}),
      });
    case "small-multiples":
      return smallMultiplesChart(data.rows, {
        ...base,
        facet: "series",
        x: "category",
        y: "value",
        ...(partial ? { partial } : {}),
      });
    case undefined:
      throw new ChartDefError("give exactly one of preset or spec", []);
  }
}

/** Word's chart data for a preset, or undefined for one Word cannot draw (small multiples). */
function presetChartData(def: ChartDef, data: ChartRows, terms: Terms): ChartData | undefined {
  const axes = {
    ...(def.yTitle !== undefined ? { valueTitle: def.yTitle } : {}),
    ...(def.xTitle !== undefined ? { categoryTitle: def.xTitle } : {}),
  };
  switch (def.preset) {
    case "line":
      return chartData(def, data, "line", axes);
    case "grouped-bar":
    case "stacked-bar":
      return chartData(def, data, def.preset, { ...axes, orientation: barOrientation(data) });
    case "share":
      return withRemainder(chartData(def, data, "share", axes), terms);
    case "pie":
    case "donut": {
      const native = chartData(def, data, def.preset, {});
      // The slices in the SVG's order: largest first, remainder last.
      const only = native.series[0];
      if (only && native.series.length === 1) {
        const order = native.categories
          .map((c, i) => ({ c, v: only.values[i] ?? null }))
          .sort((a, b) => (b.v ?? Number.NEGATIVE_INFINITY) - (a.v ?? Number.NEGATIVE_INFINITY));
        native.categories = order.map((o) => o.c);
        only.values = order.map((o) => o.v);
      }
      return data.unit === "%" ? withRemainder(native, terms) : native;
    }
    case "small-multiples":
    case undefined:
      return undefined;
  }
}

/** The chart's data as categories × series, for Word's native charts. */
function chartData(
  def: ChartDef,
  data: ChartRows,
  kind: ChartData["kind"],
  extra: Pick<ChartData, "valueTitle" | "categoryTitle" | "orientation">,
): ChartData {
  // The first row of each (series, category), found without a scan per cell.
  const first = new Map<unknown, Map<unknown, ChartRow>>();
  for (const r of data.rows) {
    const bySeries = first.get(r.series) ?? new Map<unknown, ChartRow>();
    first.set(r.series, bySeries);
    if (!bySeries.has(r.category)) bySeries.set(r.category, r);
  }
  const series = data.series.map((s) => ({
    name: s,
    values: data.categories.map((c) => {
      const r = first.get(s)?.get(c);
      const v = r?.value;
      return typeof v === "number" && Number.isFinite(v) ? v : null;
    }),
  }));
  return {
    kind,
    title: def.title,
    categories: [...data.categories],
    series,
    ...(data.unit ? { unitLabel: data.unit } : {}),
    ...extra,
  };
}

/**
 * A partial breakdown (the essay's shares sum to 95%) gets its remainder as
 * a category, as the SVG chart draws it; otherwise a Word pie would scale
 * the parts up to 100% and misstate every share.
 */
function withRemainder(native: ChartData, terms: Terms): ChartData {
  const only = native.series.length === 1 ? native.series[0] : undefined;
  if (!only) return native;
  const sum = only.values.reduce<number>((a, v) => a + (v ?? 0), 0);
  if (sum >= 99.5) return native;
  return {
    ...native,
    categories: [...native.categories, terms.remainder],
    series: [{ ...only, values: [...only.values, Math.round((100 - sum) * 100) / 100] }],
    remainder: true,
  };
}

/**
 * Word's chart data for a spec: a pie or doughnut for arcs, bars (grouped or
 * stacked as the spec stacks them) and lines, read off the spec's encoding;
 * undefined for anything else, which Word shows as the picture.
 */
function specChartData(def: ChartDef, table: ChartTable, unit: string | undefined): ChartData {
  const titles = {
    ...(table.valueTitle !== undefined ? { valueTitle: table.valueTitle } : { valueTitle: "" }),
    ...(table.categoryTitle !== undefined ? { categoryTitle: table.categoryTitle } : {}),
  };
  const base = {
    title: def.title,
    categories: table.categories,
    series: table.series,
    ...(unit ? { unitLabel: unit } : {}),
  };
  switch (table.mark) {
    case "arc":
      return { ...base, kind: table.donut ? "donut" : "pie" };
    case "line":
      return { ...base, kind: "line", ...titles };
    case "bar":
      return {
        ...base,
        kind: table.series.length > 1 ? (table.stacked ? "stacked-bar" : "grouped-bar") : "bar",
        orientation: table.orientation,
        ...titles,
      };
  }
}

/** The default renderer: @briefkit/charts with the house theme, and a PNG at 2× for a chart Word cannot draw natively. */
export const renderFigure = async (
  dataset: Dataset,
  chart: Declared<ChartDef>,
  renderer: FigureRenderer | undefined,
  log: IssueLog,
  theme: Theme,
  wants?: FigureWants,
): Promise<DraftBlock[]> => (renderer ?? defaultFigureRenderer)(dataset, chart, log, theme, wants);

/** Where a key of a chart definition is, in template.yaml. */
function at(chart: Declared<ChartDef>, path: readonly (string | number)[]) {
  if (path.length === 0 || !chart.locate) return chart.at;
  return { file: chart.at.file, ...chart.locate(path) };
}

/** The part-year periods a spec draws as categories or series (by token), as their labels. */
function partYearsDrawn(table: ChartTable, partials: ReadonlyMap<string, string>): string[] {
  const drawn = [...table.categories, ...table.series.map((s) => s.name)];
  return [...partials].filter(([token]) => drawn.includes(token)).map(([, label]) => label);
}

/** Slices Word cannot draw: a negative value in a pie. */
function negativeSlice(native: ChartData): boolean {
  const slices =
    native.kind === "pie" ||
    native.kind === "donut" ||
    (native.kind === "share" && native.series.length === 1);
  return slices && native.series.some((x) => x.values.some((v) => (v ?? 0) < 0));
}

/**
 * A chart's words its fonts cannot draw (charts set every word in the
 * heading family): a caption's, a note's or a title's at its key in
 * template.yaml, a word of the spec file where it is typed, and a label
 * from the data (a category, a series) at the chart's declaration. False
 * when there was one.
 */
function checkChartGlyphs(
  chart: Declared<ChartDef>,
  selected: Selected,
  log: IssueLog,
  fonts: FontCoverage,
): boolean {
  const def = chart.def;
  const labels =
    selected.kind === "preset"
      ? [...selected.data.categories, ...selected.data.series]
      : selected.data.rows.flatMap((r) => Object.values(r).filter((v) => typeof v === "string"));
  const texts = [def.title, def.caption, ...(def.notes ?? []), ...labels];
  if (selected.kind === "spec") texts.push(selected.text);
  const chars = [...new Set(texts.flatMap((s) => undrawable(s, "heading", fonts)))];
  if (chars.length === 0) return true;
  const byPlace = new Map<string, { at: At; chars: string[] }>();
  for (const ch of chars) {
    const at =
      keyWith(chart, ch) ??
      (selected.kind === "spec" ? textPosition(selected.file, selected.text, ch) : undefined) ??
      chart.at;
    const key = `${at.file}:${at.line}:${at.column}`;
    const entry = byPlace.get(key) ?? { at, chars: [] };
    entry.chars.push(ch);
    byPlace.set(key, entry);
  }
  for (const { at, chars: missing } of byPlace.values()) reportUndrawable(log, at, missing, fonts);
  return false;
}

/** Where `ch` first occurs in `text`, the contents of `file`. */
function textPosition(file: string, text: string, ch: string): At | undefined {
  const i = text.indexOf(ch);
  if (i < 0) return undefined;
  const before = text.slice(0, i).split("\n");
  return { file, line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

export const defaultFigureRenderer: FigureRenderer = async (dataset, chart, log, theme, wants) => {
  const def = chart.def;
  const terms = termsFor(wants?.language ?? "en");
  let selected: Selected;
  try {
    selected = select(dataset, def, chart.dir, wants?.language ?? "en");
  } catch (error) {
    if (error instanceof ChartDefError) {
      log.error(
        "chart-error",
        at(chart, error.path),
        msg.chartError(chart.id, error.message),
        error.hint,
      );
    } else {
      log.error(
        "chart-error",
        chart.at,
        msg.chartError(chart.id, error instanceof Error ? error.message : String(error)),
      );
    }
    return [];
  }
  if (!checkChartGlyphs(chart, selected, log, fontCoverage(theme))) return [];
  try {
    const chartTheme = chartThemeFor(theme);
    let input: ChartInput;
    let native: ChartData | undefined;
    let partYears: string[] = [];
    // A part year (2005-H1) is drawn apart in the SVG: a hollow point off the
    // line, a pale dashed bar, a note. Word's chart has no such mark: it would
    // join the line to the half year (a plunge) or stack it as a full year's
    // bar. A chart that draws a part year is the picture in Word too.
    if (selected.kind === "preset") {
      input = presetInput(def, selected.data, chartTheme, terms);
      partYears = selected.data.partYear === undefined ? [] : [selected.data.partYear];
      native = partYears.length === 0 ? presetChartData(def, selected.data, terms) : undefined;
    } else {
      input = specInput(selected, def);
      const table = tabulateChart(input.spec, selected.data.rows);
      // A spec draws the part year as its author wrote it: the note says what it is.
      partYears = table ? partYearsDrawn(table, selected.data.partials) : [];
      native =
        table && partYears.length === 0
          ? specChartData(def, table, selected.data.units.get(table.fields.value))
          : undefined;
    }
    // The PNG is the picture of a chart Word cannot draw as a chart of its own.
    // One it can is native in the DOCX and vector in the PDF and HTML, so its
    // PNG would be written nowhere; rasterising it cost a tenth of a cold build.
    // Word refuses a pie with a negative slice: that one keeps it; and every
    // chart does when the template has the DOCX draw pictures.
    const needsPicture = wants?.pictures === true || native === undefined || negativeSlice(native);
    const rendered = await renderChartCached(
      input,
      {
        ...(needsPicture ? { png: { density: 2 } } : {}),
        theme: chartTheme,
        ...(wants?.language === undefined ? {} : { locale: wants.language }),
      },
      wants?.charts,
    );
    const t = dataset.table(def.table);
    const notes = [
      ...(def.notes ?? []),
      ...(partYears.length > 0 ? [terms.partYearNote(partYears.join(", "))] : []),
      // The preset's own (a pie's rounded shares that add up to 101%).
      ...(input.notes ?? []),
    ];
    return [
      figure({
        caption: inlines(def.caption),
        alt: rendered.alt,
        svg: rendered.svg,
        ...(rendered.png
          ? {
              png: {
                base64: Buffer.from(rendered.png.png).toString("base64"),
                widthPx: rendered.png.width,
                heightPx: rendered.png.height,
              },
            }
          : {}),
        width: rendered.width,
        height: rendered.height,
        ...(native ? { chart: native } : {}),
        notes: notes.map((n) => inlines(n)),
        source: sourceLine(dataset, t.source, terms),
      }),
    ];
  } catch (error) {
    if (error instanceof ChartError) {
      for (const i of error.issues) {
        const where =
          i.file && i.line ? { file: i.file, line: i.line, column: i.column ?? 1 } : chart.at;
        log.error(
          "chart-error",
          where,
          msg.chartError(chart.id, `${i.message}${i.path ? ` (at ${i.path})` : ""}`),
          i.hint,
        );
      }
      return [];
    }
    if (error instanceof ChartDefError) {
      log.error(
        "chart-error",
        at(chart, error.path),
        msg.chartError(chart.id, error.message),
        error.hint,
      );
      return [];
    }
    log.error(
      "chart-error",
      chart.at,
      msg.chartError(chart.id, error instanceof Error ? error.message : String(error)),
    );
    return [];
  }
};
