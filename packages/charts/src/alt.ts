/**
 * Alt text generated from a chart's data (WCAG 2.2 SC 1.1.1, "text
 * alternatives"; the Word writer puts it in `wp:docPr/@descr`, HTML in `alt`).
 *
 * The text states what a reader would take from the picture: the kind of
 * chart, the unit, the period range or categories, the series, and per series
 * the first and last values and the extremes with their periods. A partial
 * period (a first half-year) is named as such and kept out of the
 * first/last/extremes, because comparing it with full years is exactly the
 * mistake the chart is styled to prevent.
 */
import type { ChartDescription, ChartKind, ChartRow, ChartValue } from "./input.js";
import { type ChartTable, tabulateChart } from "./tabulate.js";

/**
 * The words of the alt text in one language: a screen reader reads the
 * description in the document's language. English, Russian and Japanese;
 * another language is English words around its own number separators.
 */
interface AltWords {
  kinds: Record<ChartKind, string>;
  titled: (kind: string, title: string | undefined) => string;
  unit: (unit: string) => string;
  covers: (from: string, to: string | undefined) => string;
  plusPartial: (list: string, note: string) => string;
  categories: (count: number, label: string | undefined) => string;
  series: (list: string) => string;
  values: string;
  noData: (name: string) => string;
  periodSeries: (name: string, first: string, last: string, high: string, low: string) => string;
  /** A value at a period: "2.9 in 1998". */
  at: (value: string, period: string) => string;
  categorySeries: (name: string, listing: string, high: string, low: string) => string;
  /** A value with its categories: "5.7 (2004)". */
  of: (value: string, categories: string) => string;
  noDataFor: (list: string) => string;
  slices: (count: number) => string;
  total: (value: string) => string;
  and: string;
  percent: string;
  shows: (
    value: string,
    category: string,
    by: string | undefined,
    facet: string | undefined,
  ) => string;
  /** A sentence's end, the space between sentences, and between a series' clauses. */
  stop: string;
  space: string;
  clause: string;
}

const ENGLISH_ALT: AltWords = {
  kinds: {
    line: "Line chart",
    bar: "Bar chart",
    "grouped-bar": "Grouped bar chart",
    "stacked-bar": "Stacked bar chart",
    shares: "Bar chart of shares",
    "small-multiples": "Small-multiple charts",
    area: "Area chart",
    point: "Scatter chart",
    pie: "Pie chart",
    donut: "Donut chart",
    chart: "Chart",
  },
  titled: (kind, title) => `${kind}${title ? `: ${title}` : ""}.`,
  unit: (unit) => (unit === "%" ? "Values in percent." : `Values in ${unit}.`),
  covers: (from, to) => (to === undefined ? `Covers ${from}` : `Covers ${from} to ${to}`),
  plusPartial: (list, note) => `, plus ${list} (${note}, not a full period)`,
  categories: (count, label) => `${count} ${label ?? (count === 1 ? "category" : "categories")}.`,
  series: (list) => `Series: ${list}.`,
  values: "Values",
  noData: (name) => `${name}: no data`,
  periodSeries: (name, first, last, high, low) =>
    `${name}: ${first}, ${last}; highest ${high}, lowest ${low}`,
  at: (value, period) => `${value} in ${period}`,
  categorySeries: (name, listing, high, low) => `${name}: ${listing}highest ${high}, lowest ${low}`,
  of: (value, categories) => `${value} (${categories})`,
  noDataFor: (list) => `no data for ${list}`,
  slices: (n) => `${n} ${n === 1 ? "slice" : "slices"}`,
  total: (value) => `; total ${value}`,
  and: "and",
  percent: "%",
  shows: (value, category, by, facet) =>
    ` Shows ${value} by ${category}${by ? `, one series per ${by}` : ""}${facet ? `, one panel per ${facet}` : ""}.`,
  stop: ".",
  space: " ",
  clause: "; ",
};

const RUSSIAN_ALT: AltWords = {
  kinds: {
    line: "Линейный график",
    bar: "Столбчатая диаграмма",
    "grouped-bar": "Сгруппированная столбчатая диаграмма",
    "stacked-bar": "Столбчатая диаграмма с накоплением",
    shares: "Столбчатая диаграмма долей",
    "small-multiples": "Набор малых диаграмм",
    area: "Диаграмма с областями",
    point: "Точечная диаграмма",
    pie: "Круговая диаграмма",
    donut: "Кольцевая диаграмма",
    chart: "Диаграмма",
  },
  titled: (kind, title) => `${kind}${title ? `: ${title}` : ""}.`,
  unit: (unit) => (unit === "%" ? "Значения в процентах." : `Значения в единицах: ${unit}.`),
  covers: (from, to) => (to === undefined ? `Период: ${from}` : `Период: ${from}–${to}`),
  plusPartial: (list, note) => `, а также ${list} (${note}, неполный период)`,
  categories: (count, label) => `Категорий${label ? ` (${label})` : ""}: ${count}.`,
  series: (list) => `Ряды: ${list}.`,
  values: "Значения",
  noData: (name) => `${name}: нет данных`,
  periodSeries: (name, first, last, high, low) =>
    `${name}: ${first}, ${last}; максимум ${high}, минимум ${low}`,
  at: (value, period) => `${value} в ${period}`,
  categorySeries: (name, listing, high, low) =>
    `${name}: ${listing}максимум ${high}, минимум ${low}`,
  of: (value, categories) => `${value} (${categories})`,
  noDataFor: (list) => `нет данных за ${list}`,
  slices: (n) => `Секторов: ${n}`,
  total: (value) => `; всего ${value}`,
  and: "и",
  percent: "\u00a0%",
  shows: (value, category, by, facet) =>
    ` Показывает ${value} по ${category}${by ? `, ряд на каждое значение ${by}` : ""}${facet ? `, панель на каждое значение ${facet}` : ""}.`,
  stop: ".",
  space: " ",
  clause: "; ",
};

const JAPANESE_ALT: AltWords = {
  kinds: {
    line: "折れ線グラフ",
    bar: "棒グラフ",
    "grouped-bar": "集合棒グラフ",
    "stacked-bar": "積み上げ棒グラフ",
    shares: "構成比の棒グラフ",
    "small-multiples": "小グラフの一覧",
    area: "面グラフ",
    point: "散布図",
    pie: "円グラフ",
    donut: "ドーナツグラフ",
    chart: "グラフ",
  },
  titled: (kind, title) => `${kind}${title ? `：${title}` : ""}。`,
  unit: (unit) => (unit === "%" ? "単位：％。" : `単位：${unit}。`),
  covers: (from, to) => (to === undefined ? `期間：${from}` : `期間：${from}～${to}`),
  plusPartial: (list, note) => `、および${list}（${note}、通期ではない）`,
  categories: (count, label) => `${label ?? "項目"}：${count}件。`,
  series: (list) => `系列：${list}。`,
  values: "値",
  noData: (name) => `${name}：データなし`,
  periodSeries: (name, first, last, high, low) =>
    `${name}：${first}、${last}、最大は${high}、最小は${low}`,
  at: (value, period) => `${value}（${period}）`,
  categorySeries: (name, listing, high, low) => `${name}：${listing}最大は${high}、最小は${low}`,
  of: (value, categories) => `${value}（${categories}）`,
  noDataFor: (list) => `${list}はデータなし`,
  slices: (n) => `${n}区分`,
  total: (value) => `。合計${value}`,
  and: "、",
  percent: "%",
  shows: (value, category, by, facet) =>
    `${category}別の${value}${by ? `（${by}ごとに系列）` : ""}${facet ? `（${facet}ごとにパネル）` : ""}。`,
  stop: "。",
  space: "",
  clause: "。",
};

/** The alt text's words for a language tag; English for English and languages without a table. */
function altWords(language: string | undefined): AltWords {
  switch (language?.split(/[-_]/)[0]?.toLowerCase()) {
    case "ru":
      return RUSSIAN_ALT;
    case "ja":
      return JAPANESE_ALT;
    default:
      return ENGLISH_ALT;
  }
}

/**
 * en-US for English (alt text must not change with the machine's locale),
 * else the document language's separators (Latin digits), with as many
 * decimals as the data has, so 1.0 reads "1.0" as in the table.
 */
function numberFormat(decimals: number, language: string | undefined): Intl.NumberFormat {
  const english = altWords(language) === ENGLISH_ALT;
  return new Intl.NumberFormat(english ? "en-US" : (language ?? "en-US"), {
    numberingSystem: "latn",
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
}

/** Decimals needed to write every value as given (at most 3). */
function decimalsOf(values: readonly number[]): number {
  let decimals = 0;
  for (const v of values) {
    while (decimals < 3 && Math.abs(Math.round(v * 10 ** decimals) - v * 10 ** decimals) > 1e-6) {
      decimals++;
    }
  }
  return decimals;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(value: ChartValue | undefined): string {
  return value === null || value === undefined ? "" : String(value);
}

function listWords(items: readonly string[], w: AltWords = ENGLISH_ALT): string {
  if (items.length <= 1) return items.join("");
  if (w === JAPANESE_ALT) return items.join(w.and);
  return `${items.slice(0, -1).join(", ")} ${w.and} ${items[items.length - 1]}`;
}

function titleOf(spec: Record<string, unknown>): string | undefined {
  const t = spec.title;
  if (typeof t === "string") return t;
  if (isObject(t) && typeof t.text === "string") return t.text;
  if (isObject(t) && Array.isArray(t.text)) return t.text.join(" ");
  return undefined;
}

function fieldOf(def: unknown): { field: string; type?: string; title?: string } | undefined {
  if (!isObject(def) || typeof def.field !== "string") return undefined;
  const out: { field: string; type?: string; title?: string } = { field: def.field };
  if (typeof def.type === "string") out.type = def.type;
  if (typeof def.title === "string") out.title = def.title;
  return out;
}

/** The first unit spec (mark + encoding) of a spec, with inherited encoding. */
function unitOf(
  spec: Record<string, unknown>,
): { mark: string; encoding: Record<string, unknown> } | undefined {
  const enc = isObject(spec.encoding) ? spec.encoding : {};
  if ("mark" in spec) {
    const mark =
      typeof spec.mark === "string" ? spec.mark : isObject(spec.mark) ? String(spec.mark.type) : "";
    return { mark, encoding: enc };
  }
  if (Array.isArray(spec.layer)) {
    for (const layer of spec.layer) {
      if (!isObject(layer)) continue;
      const inner = unitOf(layer);
      if (inner && inner.mark !== "text" && inner.mark !== "rule") {
        return { mark: inner.mark, encoding: { ...enc, ...inner.encoding } };
      }
    }
  }
  if (isObject(spec.spec)) return unitOf(spec.spec);
  return undefined;
}

/** A description read off a raw spec's encoding, for charts without one. */
export function deriveDescription(spec: unknown): ChartDescription | undefined {
  if (!isObject(spec)) return undefined;
  const unit = unitOf(spec);
  if (!unit) return undefined;
  const x = fieldOf(unit.encoding.x);
  const y = fieldOf(unit.encoding.y);
  const horizontal = x?.type === "quantitative" && y !== undefined && y.type !== "quantitative";
  const value = horizontal ? x : y?.type === "quantitative" || !x ? y : x;
  const category = value === x ? y : x;
  if (!value || !category) return undefined;
  const series =
    fieldOf(unit.encoding.color) ?? fieldOf(unit.encoding.fill) ?? fieldOf(unit.encoding.stroke);
  const facetDef = isObject(spec.facet) ? spec.facet : undefined;
  const facet =
    fieldOf(facetDef) ??
    fieldOf(facetDef?.row) ??
    fieldOf(facetDef?.column) ??
    fieldOf(unit.encoding.facet) ??
    fieldOf(unit.encoding.row) ??
    fieldOf(unit.encoding.column);
  const offset = "xOffset" in unit.encoding || "yOffset" in unit.encoding;
  let kind: ChartKind = "chart";
  if (facet) kind = "small-multiples";
  else if (unit.mark === "line" || unit.mark === "trail") kind = "line";
  else if (unit.mark === "bar") kind = series ? (offset ? "grouped-bar" : "stacked-bar") : "bar";
  else if (unit.mark === "area") kind = "area";
  else if (["point", "circle", "square"].includes(unit.mark)) kind = "point";
  const isPeriod =
    category.type === "temporal" || /year|period|date|month|quarter|time/i.test(category.field);
  const d: ChartDescription = {
    kind,
    category: { field: category.field, isPeriod },
    value: { field: value.field },
  };
  const title = titleOf(spec);
  if (title) d.title = title;
  if (category.title) d.category.label = category.title;
  if (value.title) d.value.label = value.title;
  if (series && series.field !== category.field) d.series = { field: series.field };
  if (facet) d.facet = { field: facet.field };
  if (isObject(spec.usermeta) && typeof spec.usermeta.unit === "string")
    d.unit = spec.usermeta.unit;
  return d;
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}

interface Point {
  category: string;
  value: number | null;
  partial: boolean;
}

type Format = (value: number) => string;

function valueFormat(
  values: readonly number[],
  unit: string | undefined,
  language: string | undefined,
): Format {
  const nf = numberFormat(decimalsOf(values), language);
  const percent = altWords(language).percent;
  return unit === "%" ? (v) => `${nf.format(v)}${percent}` : (v) => nf.format(v);
}

function extremes(
  points: readonly Point[],
  pick: (a: number, b: number) => number,
): { value: number; at: string[] } | undefined {
  const full = points.filter((p): p is Point & { value: number } => p.value !== null && !p.partial);
  if (full.length === 0) return undefined;
  const value = full.map((p) => p.value).reduce((a, b) => pick(a, b));
  return { value, at: full.filter((p) => p.value === value).map((p) => p.category) };
}

function seriesSentence(
  name: string,
  points: readonly Point[],
  d: ChartDescription,
  fmt: Format,
  w: AltWords,
): string {
  const full = points.filter((p) => p.value !== null && !p.partial);
  const parts: string[] = [];
  if (full.length === 0) {
    parts.push(w.noData(name));
  } else if (d.category.isPeriod) {
    const first = full[0]!;
    const last = full[full.length - 1]!;
    const max = extremes(points, Math.max)!;
    const min = extremes(points, Math.min)!;
    parts.push(
      w.periodSeries(
        name,
        w.at(fmt(first.value!), first.category),
        w.at(fmt(last.value!), last.category),
        w.at(fmt(max.value), listWords(max.at, w)),
        w.at(fmt(min.value), listWords(min.at, w)),
      ),
    );
  } else {
    const max = extremes(points, Math.max)!;
    const min = extremes(points, Math.min)!;
    const listing =
      full.length <= 10 ? `${full.map((p) => `${p.category} ${fmt(p.value!)}`).join(", ")}; ` : "";
    parts.push(
      w.categorySeries(
        name,
        listing,
        w.of(fmt(max.value), listWords(max.at, w)),
        w.of(fmt(min.value), listWords(min.at, w)),
      ),
    );
  }
  const missing = points.filter((p) => p.value === null && !p.partial).map((p) => p.category);
  if (missing.length > 0) parts.push(w.noDataFor(listWords(missing, w)));
  const partial = points.filter((p) => p.partial && p.value !== null);
  if (partial.length > 0 && d.partial) {
    parts.push(
      partial.map((p) => `${p.category} (${d.partial!.note}): ${fmt(p.value!)}`).join(", "),
    );
  }
  return `${parts.join(w.clause)}${w.stop}`;
}

/**
 * The slices of a pie, in drawing order, each with its value and — unless
 * the values are percentages already — its share of the whole.
 */
function slicesSentence(
  rows: readonly ChartRow[],
  d: ChartDescription,
  language: string | undefined,
): string {
  const w = altWords(language);
  const slices = rows
    .map((r) => ({ name: text(r[d.category.field]), value: r[d.value.field] }))
    .filter((s): s is { name: string; value: number } => typeof s.value === "number");
  const total = slices.reduce((n, s) => n + s.value, 0);
  const fmt = valueFormat(
    slices.map((s) => s.value),
    d.unit,
    language,
  );
  const share = (v: number) => `${total > 0 ? Math.round((v / total) * 100) : 0}${w.percent}`;
  const listed = slices.map((s) =>
    d.unit === "%" ? `${s.name} ${fmt(s.value)}` : `${s.name} ${fmt(s.value)} (${share(s.value)})`,
  );
  const count = w.slices(slices.length);
  const sum = d.unit === "%" ? "" : w.total(fmt(total));
  return `${count}: ${listed.join(", ")}${sum}${w.stop}`;
}

/**
 * Rows and a description for the alt text of a tabulated spec: one row per
 * category and series, so aggregates and sort orders read as drawn.
 */
export function tableDescription(
  table: ChartTable,
  title: string | undefined,
  unit: string | undefined,
): { rows: ChartRow[]; description: ChartDescription } {
  const rows: ChartRow[] = [];
  for (const s of table.series) {
    table.categories.forEach((c, i) => {
      rows.push({ category: c, series: s.name, value: s.values[i] ?? null });
    });
  }
  const kind: ChartKind =
    table.mark === "arc"
      ? table.donut
        ? "donut"
        : "pie"
      : table.mark === "line"
        ? "line"
        : table.series.length > 1
          ? table.stacked
            ? "stacked-bar"
            : "grouped-bar"
          : "bar";
  const isPeriod =
    table.mark !== "arc" &&
    (table.categoryType === "temporal" ||
      /year|period|date|month|quarter|time/i.test(table.fields.category));
  const description: ChartDescription = {
    kind,
    category: { field: "category", isPeriod },
    value: { field: "value", label: table.series[0]?.name ?? table.fields.value },
  };
  if (table.series.length > 1) description.series = { field: "series" };
  else if (table.mark !== "arc") description.value = { field: "value" };
  if (title) description.title = title;
  if (unit) description.unit = unit;
  return { rows, description };
}

/**
 * Alt text for a chart from its rows and description.
 *
 * @example
 * chartAltText(rows, { kind: "line", category: { field: "period", isPeriod: true },
 *   value: { field: "value" }, unit: "US$ billion" })
 * // "Line chart. Values in US$ billion. Covers 1998 to 2004. Values: 3.9 in 1998, ..."
 */
export function chartAltText(
  rows: readonly ChartRow[],
  d: ChartDescription,
  language?: string,
): string {
  const w = altWords(language);
  const sentences: string[] = [];
  sentences.push(w.titled(w.kinds[d.kind], d.title));
  if (d.unit) sentences.push(w.unit(d.unit));
  if (d.kind === "pie" || d.kind === "donut") {
    sentences.push(slicesSentence(rows, d, language));
    return sentences.join(w.space);
  }
  const isPartial = (r: ChartRow) => (d.partial ? r[d.partial.field] === true : false);
  const categories = distinct(
    rows.filter((r) => !isPartial(r)).map((r) => text(r[d.category.field])),
  );
  const partialCats = distinct(rows.filter(isPartial).map((r) => text(r[d.category.field])));
  if (d.category.isPeriod && categories.length > 0) {
    const range = w.covers(
      categories[0]!,
      categories.length === 1 ? undefined : categories[categories.length - 1],
    );
    const partialNote =
      partialCats.length > 0 && d.partial
        ? w.plusPartial(listWords(partialCats, w), d.partial.note)
        : "";
    sentences.push(`${range}${partialNote}${w.stop}`);
  } else if (categories.length > 0) {
    sentences.push(w.categories(categories.length, d.category.label?.toLowerCase()));
  }
  const seriesNames = d.series
    ? distinct(rows.map((r) => text(r[d.series!.field])))
    : [d.value.label ?? w.values];
  if (d.series && seriesNames.length > 0) sentences.push(w.series(listWords(seriesNames, w)));
  const numbers = rows
    .map((r) => r[d.value.field])
    .filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  const fmt = valueFormat(numbers, d.unit, language);
  const facets = d.facet ? distinct(rows.map((r) => text(r[d.facet!.field]))) : [undefined];
  for (const facet of facets) {
    const inFacet =
      facet === undefined ? rows : rows.filter((r) => text(r[d.facet!.field]) === facet);
    const lines: string[] = [];
    for (const name of seriesNames) {
      const inSeries = d.series
        ? inFacet.filter((r) => text(r[d.series!.field]) === name)
        : inFacet;
      if (inSeries.length === 0) continue;
      const points: Point[] = inSeries.map((r) => {
        const v = r[d.value.field];
        return {
          category: text(r[d.category.field]),
          value: typeof v === "number" && Number.isFinite(v) ? v : null,
          partial: isPartial(r),
        };
      });
      lines.push(seriesSentence(name, points, d, fmt, w));
    }
    sentences.push(facet === undefined ? lines.join(w.space) : `${facet} — ${lines.join(w.space)}`);
  }
  return sentences.join(w.space);
}

function hasKeyDeep(value: unknown, key: string): boolean {
  if (Array.isArray(value)) return value.some((v) => hasKeyDeep(v, key));
  if (!isObject(value)) return false;
  return Object.entries(value).some(([k, v]) => k === key || hasKeyDeep(v, key));
}

/**
 * Alt text for a template spec without a description. A spec that tabulates
 * (a plain pie, bar or line chart) is described from its table, aggregates
 * applied and in the order drawn; a plain spec from its encoding and rows;
 * one that transforms or aggregates what the alt text cannot recompute only
 * by what it shows, never with numbers it might get wrong.
 */
export function specAltText(spec: unknown, rows: readonly ChartRow[], language?: string): string {
  const w = altWords(language);
  const s = isObject(spec) ? spec : {};
  const title = titleOf(s);
  const unit =
    isObject(s.usermeta) && typeof s.usermeta.unit === "string" ? s.usermeta.unit : undefined;
  const table = tabulateChart(spec, rows);
  if (table) {
    const t = tableDescription(table, title, unit);
    return chartAltText(t.rows, t.description, language);
  }
  const derived = deriveDescription(spec);
  if (!derived) return w.titled(w.kinds.chart, title);
  if (!hasKeyDeep(spec, "transform") && !hasKeyDeep(spec, "aggregate"))
    return chartAltText(rows, derived, language);
  return (
    w.titled(w.kinds[derived.kind], title) +
    `${unit ? `${w.space}${w.unit(unit)}` : ""}` +
    w.shows(
      derived.value.field,
      derived.category.field,
      derived.series?.field,
      derived.facet?.field,
    )
  );
}
