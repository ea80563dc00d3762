/**
 * Coverage of declared totals: which parts (regions, products) a total row
 * holds in each period, and whether figures that compare totals compare like
 * with like.
 *
 * A table may declare `totals: - kind: rows` (dataset.yaml): the `Total` row
 * of `region` is the sum of the other regions, per period. When a region has
 * no figure in one period ("—") the published total of that period leaves it
 * out, so a growth from that period to one where the region is present
 * compares different sets of regions. The data package warns about the
 * total (`total-missing-parts`); this module lets the indicators see it for
 * every figure built on such a total, and compute the like-for-like variant:
 * the parts present in every period compared, summed.
 *
 * Reading is linear in the rows: one pass per table, filter and measure
 * list, kept for the evaluation (`TotalReader`).
 */
import type { Table, TotalSpec } from "@briefkit/data";
import {
  type IndicatorOk,
  type MissingCell,
  ok,
  type Provenance,
  type TotalCoverage,
} from "./result.js";

/** A total row read: the rows total it belongs to and the part measures behind it. */
export interface TotalRead {
  table: Table;
  dimension: string;
  total: string;
  /** The part measures: the measure itself, or the parts of a columns total (trade = exports + imports). */
  measures: readonly string[];
  /** The filter on the other dimension columns. */
  where: Readonly<Record<string, string>>;
}

/**
 * The total a read of `measure` under `where` is, if any: `where` names the
 * total row of a declared rows total, and the measure is one of its
 * measures or a columns total of them.
 */
export function totalReadOf(
  table: Table,
  measure: string,
  where: Readonly<Record<string, string>>,
): TotalRead | undefined {
  for (const spec of table.totals) {
    if (spec.kind !== "rows" || where[spec.dimension] !== spec.total) continue;
    const measures = partMeasures(table.totals, spec, measure);
    if (measures === undefined) continue;
    const rest = Object.fromEntries(Object.entries(where).filter(([k]) => k !== spec.dimension));
    return { table, dimension: spec.dimension, total: spec.total, measures, where: rest };
  }
  return undefined;
}

function partMeasures(
  totals: readonly TotalSpec[],
  rows: Extract<TotalSpec, { kind: "rows" }>,
  measure: string,
): string[] | undefined {
  if (rows.measures.includes(measure)) return [measure];
  for (const t of totals) {
    if (
      t.kind === "columns" &&
      t.total === measure &&
      t.parts.every((p) => rows.measures.includes(p))
    ) {
      return [...t.parts];
    }
  }
  return undefined;
}

/** One part's figures in one period: its value per part measure (null when missing), with the cells. */
interface PartCells {
  values: (number | null)[];
  cells: { line: number; column: number; raw: string }[];
}

/** Every part's cells, by period: one pass over the table's rows. */
interface PartIndex {
  /** Parts in first-seen row order. */
  parts: readonly string[];
  byPeriod: ReadonlyMap<string, ReadonlyMap<string, PartCells>>;
}

/** Reads the coverage of totals; keeps one index per table, filter and measure list. */
export class TotalReader {
  readonly #indexes = new Map<string, PartIndex>();
  readonly #showPath: (table: Table) => string;

  constructor(showPath: (table: Table) => string) {
    this.#showPath = showPath;
  }

  /**
   * Which parts the total covers at `period`: the parts with a row there
   * and a figure in every part measure. A part whose cell is missing ("—")
   * is listed with the cell; a part the table has in other periods but with
   * no row in this one (recorded separately only later) is listed as absent.
   */
  coverage(read: TotalRead, period: string): TotalCoverage {
    const index = this.#index(read);
    const inPeriod = index.byPeriod.get(period);
    const parts: string[] = [];
    const missing: MissingCell[] = [];
    const absent: string[] = [];
    const file = this.#showPath(read.table);
    for (const part of index.parts) {
      const cells = inPeriod?.get(part);
      if (cells === undefined) {
        absent.push(part);
        continue;
      }
      let complete = true;
      read.measures.forEach((measure, k) => {
        if (cells.values[k] !== null) return;
        complete = false;
        const at = cells.cells[k] as PartCells["cells"][number];
        missing.push({ part, measure, period, file, ...at });
      });
      if (complete) parts.push(part);
    }
    return {
      table: read.table.id,
      file,
      dimension: read.dimension,
      total: read.total,
      measures: read.measures,
      period,
      parts,
      missing,
      absent,
      leftOut: [],
    };
  }

  /** Each part measure's value of `parts` at `period`: what a like-for-like total sums. */
  partValues(
    read: TotalRead,
    period: string,
    parts: readonly string[],
  ): { part: string; measure: string; value: number }[] {
    const inPeriod = this.#index(read).byPeriod.get(period);
    return parts.flatMap((part) =>
      read.measures.map((measure, k) => ({
        part,
        measure,
        value: inPeriod?.get(part)?.values[k] ?? 0,
      })),
    );
  }

  #index(read: TotalRead): PartIndex {
    const { table } = read;
    const key = `${table.id}\u0000${read.dimension}\u0000${read.measures.join("\u0001")}\u0000${JSON.stringify(Object.entries(read.where).sort())}`;
    const cached = this.#indexes.get(key);
    if (cached !== undefined) return cached;
    const col = (name: string) => table.columns.findIndex((c) => c.name === name);
    const di = col(read.dimension);
    const pi = table.columns.findIndex((c) => c.type === "period");
    const mis = read.measures.map(col);
    const filters = Object.entries(read.where).map(([name, value]) => ({ ci: col(name), value }));
    const parts = new Set<string>();
    const byPeriod = new Map<string, Map<string, PartCells>>();
    for (const row of table.rows) {
      const part = cellText(row.cells[di]);
      if (part === undefined || part === read.total) continue;
      if (!filters.every((f) => cellText(row.cells[f.ci]) === f.value)) continue;
      const period = pi >= 0 ? cellText(row.cells[pi]) : table.period?.token;
      if (period === undefined) continue;
      parts.add(part);
      const cells: PartCells = { values: [], cells: [] };
      for (const mi of mis) {
        const cell = row.cells[mi];
        cells.values.push(cell?.type === "number" ? cell.value : null);
        cells.cells.push({
          line: cell?.line ?? row.line,
          column: cell?.column ?? 1,
          raw: cell?.raw ?? "",
        });
      }
      const inPeriod = byPeriod.get(period) ?? new Map<string, PartCells>();
      inPeriod.set(part, cells);
      byPeriod.set(period, inPeriod);
    }
    const index = { parts: [...parts], byPeriod };
    this.#indexes.set(key, index);
    return index;
  }
}

function cellText(cell: Table["rows"][number]["cells"][number] | undefined): string | undefined {
  if (cell === undefined) return undefined;
  if (cell.value === null) return cell.raw;
  return cell.type === "period" ? cell.value.token : cell.raw.trim();
}

// ---------------------------------------------------------------------------
// Comparing coverage

const groupKey = (c: TotalCoverage) => `${c.table}\u0000${c.dimension}\u0000${c.total}`;
const entryKey = (c: TotalCoverage) =>
  `${groupKey(c)}\u0000${c.measures.join("\u0001")}\u0000${c.period}`;

/** The coverage entries of several results, each once, in first-seen order. */
export function mergeCoverage(
  results: readonly { coverage?: readonly TotalCoverage[] | undefined }[],
): TotalCoverage[] | undefined {
  const seen = new Map<string, TotalCoverage>();
  for (const r of results)
    for (const c of r.coverage ?? []) if (!seen.has(entryKey(c))) seen.set(entryKey(c), c);
  return seen.size === 0 ? undefined : [...seen.values()];
}

/** Where the operands of a comparison cover different parts of the same total. */
export interface CoverageDifference {
  table: string;
  dimension: string;
  total: string;
  /** Parts without figures ("—", or no row) in one value compared and with figures in another. */
  excluded: readonly string[];
  /** The entries compared, each with its own parts and missing cells. */
  entries: readonly TotalCoverage[];
}

/**
 * The totals whose coverage differs between the operands of a comparison
 * (two periods of a growth, exports against imports of a balance): a part
 * with a missing cell in one entry and figures in another. Empty when none.
 */
export function coverageDifferences(operands: readonly IndicatorOk[]): CoverageDifference[] {
  const groups = new Map<string, TotalCoverage[]>();
  for (const c of mergeCoverage(operands) ?? []) {
    const list = groups.get(groupKey(c)) ?? [];
    list.push(c);
    groups.set(groupKey(c), list);
  }
  const out: CoverageDifference[] = [];
  for (const entries of groups.values()) {
    const excluded = new Set<string>();
    for (const e of entries) {
      for (const part of [...e.missing.map((m) => m.part), ...e.absent]) {
        if (entries.some((other) => other.parts.includes(part))) excluded.add(part);
      }
    }
    if (excluded.size === 0) continue;
    const first = entries[0] as TotalCoverage;
    out.push({
      table: first.table,
      dimension: first.dimension,
      total: first.total,
      excluded: [...excluded],
      entries,
    });
  }
  return out;
}

/** The cells behind a difference: in each entry, the missing cells of the excluded parts. */
export function differingCells(d: CoverageDifference): MissingCell[] {
  return d.entries.flatMap((e) => e.missing.filter((m) => d.excluded.includes(m.part)));
}

/**
 * `operand` recomputed without the `excluded` parts: each total it read
 * replaced by the sum of its other parts in that period, with those cells as
 * its inputs. Its coverage lists the parts left out.
 */
export function likeForLikeOperand(
  operand: IndicatorOk,
  reads: readonly { read: TotalRead; period: string }[],
  excluded: readonly string[],
  reader: TotalReader,
): IndicatorOk | undefined {
  if (reads.length === 0) return undefined;
  let value = 0;
  const coverage: TotalCoverage[] = [];
  const inputs: Provenance[] = [];
  for (const { read, period } of reads) {
    const full = reader.coverage(read, period);
    const parts = full.parts.filter((p) => !excluded.includes(p));
    const totalRead = operand.inputs.find(
      (p) => p.kind === "series" && p.table === read.table.id && p.period === period,
    );
    for (const cell of reader.partValues(read, period, parts)) {
      value += cell.value;
      if (totalRead?.kind !== "series") continue;
      inputs.push({
        ...totalRead,
        measure: cell.measure,
        where: { ...read.where, [read.dimension]: cell.part },
        value: cell.value,
      });
    }
    coverage.push({ ...full, parts, leftOut: full.parts.filter((p) => excluded.includes(p)) });
  }
  const result = ok({ ...operand, value, coverage, inputs }, "like-for-like");
  return result.status === "ok" ? result : undefined;
}
