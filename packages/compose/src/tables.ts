/**
 * Dataset tables → document tables, for the `::table{ref=…}` directive.
 *
 * Two layouts: `rows` (one table row per data row, the declared columns in
 * order) and `pivot` (periods across, one row per row key and measure, as
 * the essay's Table 3 prints regions × exports/imports by year). Every number
 * cell is a number inline carrying its provenance; missing values print "—"
 * with a note; the source line comes from the data's source.
 */
import type { Cell, Dataset, Table as DataTable, NumberCell, Row, Source } from "@briefkit/data";
import type { Cell as DocCell, Row as DocRow, Inline } from "@briefkit/document";
import {
  cell,
  type DraftBlock,
  inlines,
  num,
  row,
  strong,
  type Terms,
  table,
  termsFor,
} from "@briefkit/document";
import { composeMessages as msg } from "./messages.js";
import type { TableDef } from "./template-schema.js";

export const MISSING_TEXT = "—";

/** A unit line in another language than English: its scale words and its few named units. */
interface UnitWords {
  scales: Record<string, string>;
  usd: (scale: string) => string;
  mtPerYear: string;
  count: string;
  other: (scale: string, unit: string) => string;
}

const UNIT_LINES: Record<string, UnitWords> = {
  // "単位：10億米ドル", as Japanese statistical tables head their units.
  ja: {
    scales: { thousand: "千", million: "100万", billion: "10億", trillion: "1兆" },
    usd: (s) => `${s}米ドル`,
    mtPerYear: "年間100万トン",
    count: "件数",
    other: (s, unit) => `${s}${unit}`,
  },
  ru: {
    scales: { thousand: "тыс.", million: "млн", billion: "млрд", trillion: "трлн" },
    usd: (s) => (s === "" ? "$" : `${s}\u00a0$`),
    mtPerYear: "млн т в год",
    count: "число",
    other: (s, unit) => (s === "" ? unit : `${s} ${unit}`),
  },
};

/**
 * "US$ billion", "%", "Mt a year": the unit line of a table or axis, and the
 * unit of a chart's alt text, in the language ("10億米ドル", "млрд $").
 */
export function unitLabel(unit: string, scale: string, language = "en"): string {
  const words = UNIT_LINES[language.toLowerCase().split(/[-_]/)[0] ?? ""];
  if (words !== undefined) {
    const s = scale === "one" ? "" : (words.scales[scale] ?? scale);
    switch (unit) {
      case "USD":
        return words.usd(s);
      case "percent":
        return "%";
      case "Mt-per-year":
        return words.mtPerYear;
      case "count":
        return scale === "one" ? words.count : s;
      default:
        return words.other(s, unit);
    }
  }
  const scaleWord = scale === "one" ? "" : ` ${scale}`;
  switch (unit) {
    case "USD":
      return `US$${scaleWord}`;
    case "percent":
      return "%";
    case "Mt-per-year":
      return `${scale === "one" ? "" : `${scale} `}Mt a year`;
    case "count":
      return scale === "one" ? "number" : scale;
    default:
      return `${scale === "one" ? "" : `${scale} `}${unit}`;
  }
}

/**
 * The whole source line, worded by the terms table ("Source: X." or
 * "Source: X, as cited in Y (Z)."): the model holds it as printed, and every
 * writer prints it as it stands.
 */
export function sourceLine(dataset: Dataset, source: Source, terms: Terms): Inline[] {
  const citedIn = source.citedIn ? safeSource(dataset, source.citedIn) : undefined;
  return inlines(
    terms.sourceLine(
      source.title,
      citedIn ? `${citedIn.title}${citedIn.publisher ? ` (${citedIn.publisher})` : ""}` : undefined,
    ),
  );
}

function safeSource(dataset: Dataset, id: string): Source | undefined {
  try {
    return dataset.source(id);
  } catch {
    return undefined;
  }
}

function decimalsOf(raw: string): number {
  const m = /\.(\d+)/.exec(raw);
  return m ? m[1]!.length : 0;
}

/**
 * Intl.NumberFormat instances are costly to build and immutable once built,
 * so one per (locale, decimals) is kept for the life of the process.
 */
const formatters = new Map<string, Intl.NumberFormat>();

export function fixedFormatter(locale: string, decimals: number): Intl.NumberFormat {
  const key = `${locale}|${decimals}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      useGrouping: true,
    });
    formatters.set(key, f);
  }
  return f;
}

function formatCell(value: number, decimals: number, locale: string): string {
  return fixedFormatter(locale, decimals).format(value);
}

interface Ctx {
  dataset: Dataset;
  table: DataTable;
  locale: string;
  missing: boolean;
}

function numberCell(
  ctx: Ctx,
  c: NumberCell,
  measure: string,
  decimals: number,
  where: Record<string, string>,
  periods: string[],
): DocCell {
  if (c.value === null) {
    ctx.missing = true;
    return cell(num(null, MISSING_TEXT, provenance(ctx, measure, where, periods)));
  }
  const col = ctx.table.columns.find((k) => k.name === measure);
  return cell(
    num(
      c.value,
      formatCell(c.value, decimals, ctx.locale),
      provenance(ctx, measure, where, periods),
      {
        ...(col?.type === "number" ? { unit: col.unit, scale: col.scale ?? "one" } : {}),
      },
    ),
  );
}

function provenance(ctx: Ctx, measure: string, where: Record<string, string>, periods: string[]) {
  return {
    dataset: ctx.dataset.meta.id,
    edition: ctx.dataset.meta.edition,
    table: ctx.table.id,
    series: measure,
    ...(Object.keys(where).length > 0 ? { where } : {}),
    ...(periods.length > 0 ? { periods } : {}),
    source: ctx.table.source.id,
    sourceTitle: ctx.table.source.title,
  };
}

function cellText(c: { type: string; value: unknown; raw: string }): string {
  if (c.value === null) return MISSING_TEXT;
  if (c.type === "period") return (c.value as { label: string }).label;
  return String(c.value);
}

/** A problem with a table definition, at a path inside it. */
export interface TableProblem {
  path: Array<string | number>;
  message: string;
}

/** The most decimals among `cells` as written, 0 for none (a loop: a spread of many rows overflows the stack). */
function mostDecimals(cells: Iterable<Cell>): number {
  let most = 0;
  for (const c of cells) most = Math.max(most, decimalsOf(c.raw));
  return most;
}

/**
 * The most rows a printed table may have. A brief's table is read, not
 * searched: past this it belongs in an annex file, and the writers' cost
 * grows with every row (about 3 ms and 75 KB of memory per PDF row), so a
 * table of the data's 200,000 rows would exhaust the machine instead of
 * failing at its definition.
 */
export const MAX_PRINTED_ROWS = 1_000;
/** The most columns a printed table may have: more cannot be read on a page. */
export const MAX_PRINTED_COLUMNS = 40;

/** Builds the draft table for a TableDef, or returns its problems. */
export function buildTable(
  dataset: Dataset,
  def: TableDef,
  locale: string,
): { ok: true; block: DraftBlock } | { ok: false; problems: TableProblem[] } {
  const t = dataset.table(def.table);
  const names = t.columns.map((c) => c.name);
  const problems: TableProblem[] = [];
  const need = (field: string | undefined, path: TableProblem["path"]) => {
    if (field !== undefined && !names.includes(field)) {
      problems.push({ path, message: msg.unknownColumn(t.id, field, names) });
    }
  };
  const ctx: Ctx = { dataset, table: t, locale, missing: false };
  let head: DocRow[];
  let body: DocRow[];
  let columns: Array<{ align: "left" | "right"; numeric?: boolean }>;
  const totals = new Set(def.totalRows ?? []);

  if ((def.layout ?? "rows") === "rows") {
    const cols: Array<{
      field: string;
      label?: string | undefined;
      decimals?: number | undefined;
    }> = def.columns ?? t.columns.map((c) => ({ field: c.name }));
    cols.forEach((c, i) => {
      need(c.field, ["columns", i, "field"]);
    });
    if (cols.length > MAX_PRINTED_COLUMNS) {
      problems.push({
        path: ["columns"],
        message: msg.tooManyColumns(cols.length, MAX_PRINTED_COLUMNS),
      });
    }
    if (t.rows.length > MAX_PRINTED_ROWS) {
      problems.push({ path: [], message: msg.tooManyRows(t.id, t.rows.length, MAX_PRINTED_ROWS) });
    }
    if (problems.length > 0) return { ok: false, problems };
    const idx = cols.map((c) => names.indexOf(c.field));
    const spec = cols.map((c) => t.columns.find((k) => k.name === c.field)!);
    const decimals = cols.map(
      (c, i) => c.decimals ?? def.decimals ?? mostDecimals(t.rows.map((r) => r.cells[idx[i]!]!)),
    );
    columns = spec.map((s) =>
      s.type === "number" ? { align: "right", numeric: true } : { align: "left" },
    );
    head = [row(cols.map((c, i) => cell(c.label ?? spec[i]!.label ?? c.field)))];
    const periodCol = t.columns.findIndex((c) => c.type === "period");
    body = t.rows.map((r) => {
      const periods = periodCol >= 0 && r.cells[periodCol]?.value ? [r.cells[periodCol]!.raw] : [];
      const where: Record<string, string> = {};
      t.key.forEach((k) => {
        const i = names.indexOf(k);
        const c = r.cells[i];
        if (c && t.columns[i]?.type !== "period" && c.value !== null) where[k] = String(c.value);
      });
      const isTotal = Object.values(where).some((v) => totals.has(v));
      const cells = idx.map((i, j) => {
        const c = r.cells[i]!;
        if (c.type === "number")
          return numberCell(ctx, c, spec[j]!.name, decimals[j]!, where, periods);
        return cell(isTotal && j === 0 ? strong(cellText(c)) : cellText(c));
      });
      return row(cells, isTotal ? "total" : undefined);
    });
  } else {
    need(def.rowKey, ["rowKey"]);
    need(def.period, ["period"]);
    (def.measures ?? []).forEach((m, i) => {
      need(m.field, ["measures", i, "field"]);
    });
    if (!def.rowKey || !def.period || !def.measures?.length) {
      problems.push({ path: [], message: "a pivot table needs rowKey, period and measures" });
    }
    if (problems.length > 0) return { ok: false, problems };
    const keyIdx = names.indexOf(def.rowKey!);
    const perIdx = names.indexOf(def.period!);
    // Maps and Sets, not includes() or a scan of the rows per key: a pivot
    // of many rows stays linear in them.
    const labels = new Map<string, string>();
    for (const r of t.rows) {
      const p = r.cells[perIdx]!;
      if (p.value !== null && !labels.has(p.raw)) labels.set(p.raw, cellText(p));
    }
    const periods = [...labels.keys()];
    if (periods.length + 2 > MAX_PRINTED_COLUMNS) {
      return {
        ok: false,
        problems: [
          {
            path: ["period"],
            message: msg.tooManyPeriods(t.id, periods.length, MAX_PRINTED_COLUMNS - 2),
          },
        ],
      };
    }
    const rowsByKey = new Map<string, Row[]>();
    const named = new Set<string>();
    for (const r of t.rows) {
      const k = r.cells[keyIdx]!;
      const key = String(k.value);
      if (k.value !== null) named.add(key);
      const same = rowsByKey.get(key);
      if (same === undefined) rowsByKey.set(key, [r]);
      else same.push(r);
    }
    const seen = [...named];
    // Rows in the order the data first names them, total rows last: a key
    // that first appears in a later period (a region recorded from 2002)
    // must not land below the total.
    const keys = [...seen.filter((k) => !totals.has(k)), ...seen.filter((k) => totals.has(k))];
    if (keys.length * def.measures!.length > MAX_PRINTED_ROWS) {
      return {
        ok: false,
        problems: [
          {
            path: ["rowKey"],
            message: msg.tooManyRows(t.id, keys.length * def.measures!.length, MAX_PRINTED_ROWS),
          },
        ],
      };
    }
    // With one measure the caption names it, and a column repeating it on
    // every row would say nothing.
    const labelled = def.measures!.length > 1;
    columns = [
      { align: "left" },
      ...(labelled ? [{ align: "left" as const }] : []),
      ...periods.map(() => ({ align: "right" as const, numeric: true })),
    ];
    head = [
      row([
        cell(t.columns[keyIdx]!.label ?? def.rowKey!),
        ...(labelled ? [cell("")] : []),
        ...periods.map((p) => cell(labels.get(p) ?? p)),
      ]),
    ];
    body = [];
    for (const key of keys) {
      const isTotal = totals.has(key);
      let first = true;
      for (const m of def.measures!) {
        const mIdx = names.indexOf(m.field);
        const byPeriod = new Map<string, NumberCell>();
        for (const r of rowsByKey.get(key) ?? []) {
          const c = r.cells[mIdx];
          if (c?.type === "number") byPeriod.set(r.cells[perIdx]!.raw, c);
        }
        // A measure a row key doesn't have at all (e.g. total trade for a region) is not a row.
        if ([...byPeriod.values()].every((c) => c.value === null && c.raw === "")) continue;
        const decimals =
          m.field && def.decimals !== undefined ? def.decimals : mostDecimals(byPeriod.values());
        const label = m.label ?? t.columns[mIdx]!.label ?? m.field;
        const keyText = first ? key : "";
        first = false;
        body.push(
          row(
            [
              cell(isTotal && keyText ? strong(keyText) : keyText),
              ...(labelled ? [cell(label)] : []),
              ...periods.map((p) => {
                const c = byPeriod.get(p);
                if (!c) {
                  ctx.missing = true;
                  return cell(
                    num(null, MISSING_TEXT, provenance(ctx, m.field, { [def.rowKey!]: key }, [p])),
                  );
                }
                return numberCell(ctx, c, m.field, decimals, { [def.rowKey!]: key }, [p]);
              }),
            ],
            isTotal ? "total" : undefined,
          ),
        );
      }
    }
  }

  const firstNumber = t.columns.find((c) => c.type === "number");
  const unit =
    def.unitLabel ??
    (firstNumber && firstNumber.type === "number"
      ? unitLabel(firstNumber.unit, firstNumber.scale ?? "one", locale)
      : undefined);
  const notes: Inline[][] = [];
  if (def.dataNotes !== false) for (const n of t.notes) notes.push(inlines(n));
  for (const n of def.notes ?? []) notes.push(inlines(n));
  if (ctx.missing) notes.push(inlines(termsFor(locale).missingNote));
  return {
    ok: true,
    block: table({
      caption: inlines(def.caption, unit && unit !== "number" ? ` (${unit})` : ""),
      columns,
      head,
      body,
      notes,
      source: sourceLine(dataset, t.source, termsFor(locale)),
    }),
  };
}
