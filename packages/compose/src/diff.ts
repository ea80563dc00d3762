/**
 * `diffEditions`: everything that changes in a brief when its data moves
 * from one edition (vintage) to the next, template unchanged. Pure: it reads
 * the template (through the compose cache) and the two loaded datasets, and
 * returns plain JSON-friendly data; the CLI renders it (terminal, Markdown,
 * HTML or JSON).
 *
 * ```
 *  from, to ──► data      diffDatasets (every cell and fact; unit and scale
 *                          changes are errors) + the same in words
 *           ──► indicators every template indicator on both editions:
 *                          value or printed text changed
 *           ──► sentences  each audience composed on both (charts aside),
 *                          sentences aligned by section and position
 *                          (see sentences.ts)
 *           ──► tables     each template table built on both: cells by
 *                          row and column label
 *           ──► charts     each template chart's data on both: values by
 *                          category and series
 * ```
 */
import {
  type Dataset,
  type DatasetDiff,
  diffDatasets,
  type FactChange,
  type TableDiff,
} from "@briefkit/data";
import { type Block, type Inline, plainText, type Row } from "@briefkit/document";
import { evaluateIndicators } from "@briefkit/indicators";
import {
  appendixHeadings,
  dataChangeGroups,
  type IndicatorChange,
  indicatorChanges,
} from "./changes.js";
import { type ComposeCache, compose, createComposeCache, loadTemplateCached } from "./compose.js";
import { chartRows } from "./figures.js";
import { type AnyIssue, IssueLog } from "./issues.js";
import { diffSentences, type SentenceChange } from "./sentences.js";
import { buildTable } from "./tables.js";
import type { NumberUnits } from "./values.js";

export interface DiffEditionsOptions {
  /** The template folder (holding template.yaml). */
  templateDir: string;
  /** The earlier edition. */
  from: Dataset;
  /** The later edition. */
  to: Dataset;
  /** Audiences whose sentences are compared. Default: every audience of the template. */
  audiences?: readonly string[];
  /** Reuse parsed templates (see `ComposeOptions.cache`). */
  cache?: ComposeCache;
  /** Directory paths in issues are shown relative to (see `ComposeOptions.cwd`). */
  cwd?: string;
  /** The language of every audience and of the figures compared (`--language`); default each audience's own. */
  language?: string;
}

/** Which edition: the dataset's id, edition and dates. */
export interface EditionRef {
  id: string;
  edition: string;
  published: string;
  dataAsOf?: string;
}

/** The data changes: `diffDatasets`' tables and facts, and the same in words. */
export interface DataChanges {
  /** Changed tables only (see @briefkit/data `TableDiff`). */
  tables: TableDiff[];
  facts: FactChange[];
  /** Per changed table (then the facts, with `table: null`), one sentence per change. */
  summary: Array<{ table: string | null; title: string; items: string[] }>;
}

/** The sentences of one audience that changed. */
export interface AudienceChanges {
  audience: string;
  label: string;
  sentences: SentenceChange[];
}

/** A table of the template whose printed cells differ. */
export interface TableChange {
  /** Its id in template.yaml. */
  ref: string;
  caption: string;
  /** `added` / `removed`: it builds from one edition only. */
  status: "changed" | "added" | "removed";
  /** Column headings (joined over header rows with " / ") in one edition only. */
  columnsAdded: string[];
  columnsRemoved: string[];
  /** Row labels (the text cells of a row, joined with " / ") in one edition only. */
  rowsAdded: string[];
  rowsRemoved: string[];
  /** Cells in both editions whose text differs. */
  cells: Array<{ row: string; column: string; before: string; after: string }>;
}

/** A chart of the template whose data differs. */
export interface ChartChange {
  ref: string;
  title: string;
  status: "changed" | "added" | "removed";
  categoriesAdded: string[];
  categoriesRemoved: string[];
  seriesAdded: string[];
  seriesRemoved: string[];
  /** Values in both editions' categories and series that differ (null: no value). */
  values: Array<{ category: string; series: string; before: number | null; after: number | null }>;
}

/** Everything `briefkit diff` reports. Plain data; `JSON.stringify` gives its JSON output. */
export interface EditionDiff {
  template: string;
  /** The language the figures and the report are written in (BCP 47): `language` given, else the template's. */
  language: string;
  from: EditionRef;
  to: EditionRef;
  data: DataChanges;
  indicators: IndicatorChange[];
  audiences: AudienceChanges[];
  tables: TableChange[];
  charts: ChartChange[];
}

export type DiffEditionsResult =
  | { ok: true; diff: EditionDiff; issues: AnyIssue[] }
  | { ok: false; issues: AnyIssue[] };

function refOf(ds: Dataset): EditionRef {
  const m = ds.meta;
  return {
    id: m.id,
    edition: m.edition,
    published: m.published,
    ...(m.dataAsOf ? { dataAsOf: m.dataAsOf } : {}),
  };
}

/** Compares two editions through one template. */
export async function diffEditions(options: DiffEditionsOptions): Promise<DiffEditionsResult> {
  const { from, to } = options;
  const cache = options.cache ?? createComposeCache();
  const log = new IssueLog();
  const t = loadTemplateCached(options.templateDir, log, cache);
  if (!t) return { ok: false, issues: log.issues };

  // Data: a unit or scale change is an error, and stops the comparison.
  const data = diffDatasets(from, to);
  if (data.issues.some((i) => i.severity === "error"))
    return { ok: false, issues: [...data.issues] };
  const locale = options.language ?? t.language;

  // Indicators on both editions.
  const defs = t.indicators.map((d) => d.def);
  const before = evaluateIndicators(from, defs, { locale });
  const after = evaluateIndicators(to, defs, { locale });
  const indicators = indicatorChanges(before.results, after.results);

  // Sentences, per audience.
  const audiences: AudienceChanges[] = [];
  const issues: AnyIssue[] = [];
  for (const audience of options.audiences ?? [...t.audiences.keys()]) {
    // Each audience's appendix headings are in its own language.
    const skip = appendixHeadings(
      options.language ?? t.audiences.get(audience)?.def.language ?? t.language,
    );
    const common = {
      templateDir: options.templateDir,
      audience,
      cache,
      figures: false as const,
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
      ...(options.language === undefined ? {} : { language: options.language }),
    };
    const a = await compose({ ...common, dataset: from });
    const b = await compose({ ...common, dataset: to });
    if (!a.ok || !b.ok) {
      issues.push(...(a.ok ? [] : a.issues), ...(b.ok ? [] : b.issues));
      continue;
    }
    audiences.push({
      audience,
      label: t.audiences.get(audience)?.def.label ?? audience,
      sentences: diffSentences(a.document, b.document, skip),
    });
  }
  if (issues.some((i) => i.severity === "error")) return { ok: false, issues };

  const tables: TableChange[] = [];
  for (const [ref, def] of t.tables) {
    const change = diffTable(
      ref,
      def.def.caption,
      grid(from, def.def, locale),
      grid(to, def.def, locale),
    );
    if (change) tables.push(change);
  }
  const charts: ChartChange[] = [];
  for (const [ref, def] of t.charts) {
    const change = diffChart(ref, def.def.title, series(from, def.def), series(to, def.def));
    if (change) charts.push(change);
  }

  return {
    ok: true,
    issues,
    diff: {
      template: t.id,
      language: locale,
      from: refOf(from),
      to: refOf(to),
      data: dataChanges(data, from, to, locale, t.numbers.units),
      indicators,
      audiences,
      tables,
      charts,
    },
  };
}

function dataChanges(
  diff: DatasetDiff,
  from: Dataset,
  to: Dataset,
  locale: string,
  units: NumberUnits | undefined,
): DataChanges {
  return {
    tables: diff.tables.filter((x) => x.status !== "unchanged"),
    facts: [...diff.facts],
    summary: dataChangeGroups(diff, from, to, locale, units).map((g) => ({
      table: g.table ?? null,
      title: g.title,
      items: g.items.map((xs) => plainText(xs)),
    })),
  };
}

// ---------------------------------------------------------------------------
// Tables: the printed grid, by row and column label

interface Grid {
  caption: string;
  columns: string[];
  rows: Map<string, Map<string, string>>;
}

function cellText(xs: readonly Inline[]): string {
  return plainText(xs).replace(/\s+/g, " ").trim();
}

function grid(
  ds: Dataset,
  def: Parameters<typeof buildTable>[1],
  locale: string,
): Grid | undefined {
  let block: Block;
  try {
    const built = buildTable(ds, def, locale);
    if (!built.ok) return undefined;
    block = built.block as Block;
  } catch {
    return undefined; // the table is not in this edition
  }
  if (block.type !== "table") return undefined;
  const width = block.columns.length;
  // Column labels: the header rows' texts over each column, spans expanded.
  const labels: string[][] = Array.from({ length: width }, () => []);
  for (const r of block.head) {
    let col = 0;
    for (const c of r.cells) {
      const text = cellText(c.children);
      for (let k = 0; k < (c.colSpan ?? 1); k += 1) if (text) labels[col + k]?.push(text);
      col += c.colSpan ?? 1;
    }
  }
  const columns = labels.map((l, i) => l.join(" / ") || `column ${i + 1}`);
  const textCols = block.columns.map((c) => !c.numeric);
  const rows = new Map<string, Map<string, string>>();
  let group = "";
  for (const r of block.body as Row[]) {
    const texts = r.cells.map((c) => cellText(c.children));
    // A pivot table prints its row key once, above its measures: carry it down.
    if (texts[0]) group = texts[0];
    const parts = texts.filter((_, i) => textCols[i]);
    if (textCols[0] && !texts[0] && group) parts.unshift(group);
    let label = parts.filter(Boolean).join(" / ") || `row ${rows.size + 1}`;
    for (let k = 2; rows.has(label); k += 1) label = `${parts.join(" / ")} (${k})`;
    const cells = new Map<string, string>();
    texts.forEach((text, i) => {
      if (!textCols[i]) cells.set(columns[i]!, text);
    });
    rows.set(label, cells);
  }
  return {
    caption: cellText(block.caption),
    columns: columns.filter((_, i) => !textCols[i]),
    rows,
  };
}

function diffTable(
  ref: string,
  caption: string,
  a: Grid | undefined,
  b: Grid | undefined,
): TableChange | undefined {
  if (!a && !b) return undefined;
  const base = {
    ref,
    caption: b?.caption ?? a?.caption ?? caption,
    columnsAdded: [] as string[],
    columnsRemoved: [] as string[],
    rowsAdded: [] as string[],
    rowsRemoved: [] as string[],
    cells: [] as TableChange["cells"],
  };
  if (!a) return { ...base, status: "added" };
  if (!b) return { ...base, status: "removed" };
  base.columnsAdded = b.columns.filter((c) => !a.columns.includes(c));
  base.columnsRemoved = a.columns.filter((c) => !b.columns.includes(c));
  base.rowsAdded = [...b.rows.keys()].filter((r) => !a.rows.has(r));
  base.rowsRemoved = [...a.rows.keys()].filter((r) => !b.rows.has(r));
  for (const [label, cells] of b.rows) {
    const old = a.rows.get(label);
    if (!old) continue;
    for (const [column, after] of cells) {
      const before = old.get(column);
      if (before !== undefined && before !== after)
        base.cells.push({ row: label, column, before, after });
    }
  }
  const changed =
    base.columnsAdded.length +
      base.columnsRemoved.length +
      base.rowsAdded.length +
      base.rowsRemoved.length +
      base.cells.length >
      0 || a.caption !== b.caption;
  return changed ? { ...base, status: "changed" } : undefined;
}

// ---------------------------------------------------------------------------
// Charts: values by category and series

interface ChartSeries {
  categories: string[];
  series: string[];
  values: Map<string, number | null>;
}

const KEY = "\u001f";

function series(ds: Dataset, def: Parameters<typeof chartRows>[1]): ChartSeries | undefined {
  try {
    const r = chartRows(ds, def, { unmatchedExclude: "ignore" });
    const values = new Map<string, number | null>();
    for (const row of r.rows) {
      const v = row.value;
      values.set(
        `${row.category}${KEY}${row.series}`,
        typeof v === "number" && Number.isFinite(v) ? v : null,
      );
    }
    return { categories: r.categories, series: r.series, values };
  } catch {
    return undefined;
  }
}

function diffChart(
  ref: string,
  title: string,
  a: ChartSeries | undefined,
  b: ChartSeries | undefined,
): ChartChange | undefined {
  if (!a && !b) return undefined;
  const base: ChartChange = {
    ref,
    title,
    status: "changed",
    categoriesAdded: [],
    categoriesRemoved: [],
    seriesAdded: [],
    seriesRemoved: [],
    values: [],
  };
  if (!a) return { ...base, status: "added" };
  if (!b) return { ...base, status: "removed" };
  base.categoriesAdded = b.categories.filter((c) => !a.categories.includes(c));
  base.categoriesRemoved = a.categories.filter((c) => !b.categories.includes(c));
  base.seriesAdded = b.series.filter((s) => !a.series.includes(s));
  base.seriesRemoved = a.series.filter((s) => !b.series.includes(s));
  for (const category of b.categories) {
    if (!a.categories.includes(category)) continue;
    for (const s of b.series) {
      if (!a.series.includes(s)) continue;
      const k = `${category}${KEY}${s}`;
      const before = a.values.get(k) ?? null;
      const after = b.values.get(k) ?? null;
      if (before !== after) base.values.push({ category, series: s, before, after });
    }
  }
  const n =
    base.categoriesAdded.length +
    base.categoriesRemoved.length +
    base.seriesAdded.length +
    base.seriesRemoved.length +
    base.values.length;
  return n > 0 ? base : undefined;
}
