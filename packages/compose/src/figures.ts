/**
 * Charts for `::figure{ref=…}`: the rows a ChartDef selects from a dataset
 * table, the chart rendered by @briefkit/charts (a house preset or a raw
 * Vega-Lite spec from the template folder), and the document figure with
 * caption, alt text, source line, PNG fallback and the chart's data (so Word
 * can redraw it as a native chart).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import {
  ChartError,
  type ChartInput,
  type ChartRow,
  type ChartThemeOverrides,
  groupedBarChart,
  lineChart,
  parseChartSpec,
  renderChart,
  sharesChart,
  smallMultiplesChart,
  stackedBarChart,
} from "@briefkit/charts";
import { comparePeriods, type Dataset, type Period, parsePeriod } from "@briefkit/data";
import { type ChartData, type DraftBlock, figure, inlines, type Theme } from "@briefkit/document";
import type { IssueLog } from "./issues.js";
import { composeMessages as msg } from "./messages.js";
import { sourceLine, unitLabel } from "./tables.js";
import { type Declared, insideFolder } from "./template.js";
import type { ChartDef } from "./template-schema.js";

/** Renders one chart definition to a figure (or logs why not). Injected for tests and benchmarks. */
export type FigureRenderer = (
  dataset: Dataset,
  chart: Declared<ChartDef>,
  log: IssueLog,
  theme: Theme,
) => Promise<DraftBlock[]>;

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
    palette: { categorical: [...theme.colors.palette], ...(first ? { single: first } : {}) },
  };
}

/** Rows in long form: one per (category or period, series) with its value. */
export interface ChartRows {
  rows: ChartRow[];
  categories: string[];
  series: string[];
  unit: string;
  partialNote: string | undefined;
}

const PARTIAL_FIELD = "partial";

/**
 * A chart's `from`/`to`: a year or token, or a relative period counted over
 * the table's full periods (first, latest, latest-N, first+N), or
 * latest-partial (the newest period, part-year included).
 */
function resolvePeriod(value: string | number, periods: readonly Period[], table: string): Period {
  const full = periods.filter((p) => !p.partial);
  const text = String(value).trim();
  const rel = /^(first|latest)(?:([+-])(\d+))?$/.exec(text);
  let found: Period | undefined;
  if (text === "latest-partial") found = periods.at(-1);
  else if (rel) {
    const n = Number(rel[3] ?? 0);
    if (rel[1] === "first" && rel[2] !== "-") found = full[n];
    if (rel[1] === "latest" && rel[2] !== "+") found = full[full.length - 1 - n];
  } else found = periodOf(text);
  if (!found) {
    throw new Error(msg.badChartPeriod(table, text, [...new Set(periods.map((p) => p.token))]));
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

/** Selects the rows a chart definition asks for. Throws Error with a readable message on bad columns. */
export function chartRows(dataset: Dataset, def: ChartDef): ChartRows {
  const t = dataset.table(def.table);
  const names = t.columns.map((c) => c.name);
  const need = (f: string | undefined, what: string) => {
    if (f !== undefined && !names.includes(f)) {
      throw new Error(`${msg.unknownColumn(t.id, f, names)} (in ${what})`);
    }
  };
  const xName =
    def.x ??
    t.columns.find((c) => c.type === "period")?.name ??
    t.columns.find((c) => c.type === "category")?.name;
  need(xName, "x");
  need(def.seriesBy, "seriesBy");
  for (const m of def.measures ?? []) need(m, "measures");
  for (const k of Object.keys(def.where ?? {})) need(k, "where");
  const measures = def.measures ?? t.columns.filter((c) => c.type === "number").map((c) => c.name);
  if (def.seriesBy && measures.length !== 1) {
    throw new Error("a chart with seriesBy takes exactly one measure");
  }
  const idx = (n: string) => names.indexOf(n);
  const xi = idx(xName!);
  const xIsPeriod = t.columns[xi]?.type === "period";
  const periods = t.rows
    .map((r) => r.cells[xi])
    .filter(
      (c): c is Extract<typeof c, { type: "period" }> => c?.type === "period" && c.value !== null,
    )
    .map((c) => c.value as Period)
    .sort(comparePeriods);
  const from = def.from !== undefined ? resolvePeriod(def.from, periods, t.id) : undefined;
  const to = def.to !== undefined ? resolvePeriod(def.to, periods, t.id) : undefined;
  const exclude = new Set(def.exclude ?? []);
  // A part year whose full year is in the data too (2005-H1 beside 2005, in a
  // later edition) is superseded: the chart shows the full year only.
  const fullYears = new Set(
    periods.filter((p) => !p.partial && p.kind === "year").map((p) => p.year),
  );

  const rows: ChartRow[] = [];
  const categories: string[] = [];
  const series: string[] = [];
  let partialNote: string | undefined;
  for (const r of t.rows) {
    const cellValue = (n: string) => r.cells[idx(n)];
    if (
      Object.entries(def.where ?? {}).some(([k, v]) => {
        const c = cellValue(k);
        return !c || (c.type === "period" ? c.raw !== String(v) : String(c.value) !== String(v));
      })
    )
      continue;
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
      if (partial) partialNote = `${p.label}: part of the year only`;
    } else {
      label = String(x.value);
    }
    if (exclude.has(label)) continue;
    if (def.seriesBy) {
      const s = cellValue(def.seriesBy);
      const name = s?.value === null || s === undefined ? "" : String(s.value);
      if (exclude.has(name)) continue;
      const c = cellValue(measures[0]!);
      if (c?.type !== "number") continue;
      if (!categories.includes(label)) categories.push(label);
      if (!series.includes(name)) series.push(name);
      rows.push({ category: label, series: name, value: c.value, [PARTIAL_FIELD]: partial });
    } else {
      if (!categories.includes(label)) categories.push(label);
      for (const m of measures) {
        const c = cellValue(m);
        if (c?.type !== "number") continue;
        const col = t.columns[idx(m)]!;
        const name = col.label ?? m;
        if (!series.includes(name)) series.push(name);
        rows.push({ category: label, series: name, value: c.value, [PARTIAL_FIELD]: partial });
      }
    }
  }
  const firstMeasure = t.columns[idx(measures[0] ?? "")];
  const unit =
    firstMeasure && firstMeasure.type === "number"
      ? unitLabel(firstMeasure.unit, firstMeasure.scale ?? "one")
      : "";
  void xIsPeriod;
  return { rows, categories, series, unit, partialNote };
}

function chartInput(
  def: ChartDef,
  data: ChartRows,
  dir: string,
  theme: ChartThemeOverrides,
): ChartInput {
  const partial = data.partialNote
    ? { field: PARTIAL_FIELD, label: `${data.partialNote.split(":")[0]} only` }
    : undefined;
  const base = {
    theme,
    title: def.title,
    unit: data.unit,
    ...(def.yTitle ? { valueTitle: def.yTitle } : {}),
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
        // Names longer than a year read better on horizontal bars.
        orientation: data.categories.some((c) => c.length > 8) ? "horizontal" : "vertical",
      });
    case "share":
      return sharesChart(data.rows, {
        ...base,
        category: "category",
        value: "value",
        remainderLabel: REMAINDER_LABEL,
      });
    case "small-multiples":
      return smallMultiplesChart(data.rows, {
        ...base,
        facet: "series",
        x: "category",
        y: "value",
        ...(partial ? { partial } : {}),
      });
    case undefined: {
      const file = resolve(dir, def.spec!);
      if (!insideFolder(dir, file))
        throw new Error(`chart spec ${def.spec} resolves outside the template folder`);
      const text = readFileSync(file, "utf8");
      const parsed = parseChartSpec(text, file);
      return { spec: parsed, rows: data.rows, file, sourceText: text };
    }
  }
}

function nativeKind(def: ChartDef): ChartData["kind"] | undefined {
  switch (def.preset) {
    case "line":
      return "line";
    case "grouped-bar":
      return "grouped-bar";
    case "stacked-bar":
      return "stacked-bar";
    case "share":
      return "share";
    case "small-multiples":
    case undefined:
      return undefined;
  }
}

/** The chart's data as categories × series, for Word's native charts. */
function chartData(def: ChartDef, data: ChartRows, kind: ChartData["kind"]): ChartData {
  const series = data.series.map((s) => ({
    name: s,
    values: data.categories.map((c) => {
      const r = data.rows.find((x) => x.category === c && x.series === s);
      const v = r?.value;
      return typeof v === "number" && Number.isFinite(v) ? v : null;
    }),
  }));
  const categories = [...data.categories];
  // A partial breakdown (the essay's shares sum to 95%) gets its remainder as
  // a category, as the SVG chart draws it; otherwise a Word pie would scale
  // the parts up to 100% and misstate every share.
  const only = series.length === 1 ? series[0] : undefined;
  if (kind === "share" && only) {
    const sum = only.values.reduce<number>((a, v) => a + (v ?? 0), 0);
    if (sum < 99.5) {
      categories.push(REMAINDER_LABEL);
      only.values.push(Math.round((100 - sum) * 100) / 100);
    }
  }
  return {
    kind,
    title: def.title,
    categories,
    series,
    ...(data.unit ? { unitLabel: data.unit } : {}),
  };
}

const REMAINDER_LABEL = "Other or not stated";

/** The default renderer: @briefkit/charts with the house theme, and a PNG at 2× for a chart Word cannot draw natively. */
export const renderFigure = async (
  dataset: Dataset,
  chart: Declared<ChartDef>,
  renderer: FigureRenderer | undefined,
  log: IssueLog,
  theme: Theme,
): Promise<DraftBlock[]> => (renderer ?? defaultFigureRenderer)(dataset, chart, log, theme);

export const defaultFigureRenderer: FigureRenderer = async (dataset, chart, log, theme) => {
  const def = chart.def;
  let data: ChartRows;
  try {
    data = chartRows(dataset, def);
  } catch (error) {
    log.error(
      "chart-error",
      chart.at,
      msg.chartError(chart.id, error instanceof Error ? error.message : String(error)),
    );
    return [];
  }
  try {
    const chartTheme = chartThemeFor(theme);
    const input = chartInput(def, data, chart.dir, chartTheme);
    const kind = nativeKind(def);
    const native = kind ? chartData(def, data, kind) : undefined;
    // The PNG is the picture of a chart Word cannot draw as a chart of its own.
    // One it can is native in the DOCX and vector in the PDF and HTML, so its
    // PNG would be written nowhere; rasterising it cost a tenth of a cold build.
    // Word refuses a share chart (a pie) with a negative slice: that one keeps it.
    const needsPicture =
      native === undefined ||
      (native.kind === "share" && native.series.some((x) => x.values.some((v) => (v ?? 0) < 0)));
    const rendered = await renderChart(input, {
      ...(needsPicture ? { png: { density: 2 } } : {}),
      theme: chartTheme,
    });
    const t = dataset.table(def.table);
    const notes = [
      ...(def.notes ?? []),
      ...(data.partialNote ? [`${data.partialNote}; not comparable with full years.`] : []),
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
        source: sourceLine(dataset, t.source),
      }),
    ];
  } catch (error) {
    if (error instanceof ChartError) {
      for (const i of error.issues) {
        const at =
          i.file && i.line ? { file: i.file, line: i.line, column: i.column ?? 1 } : chart.at;
        log.error(
          "chart-error",
          at,
          msg.chartError(chart.id, `${i.message}${i.path ? ` (at ${i.path})` : ""}`),
          i.hint,
        );
      }
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
