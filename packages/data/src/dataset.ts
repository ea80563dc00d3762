/**
 * Typed access over validated tables: `dataset.table(id).series(measure,
 * where)` and `dataset.fact(id)`. Asking for something that does not exist
 * throws a DataAccessError that lists what does, so a template author sees
 * the choices instead of an empty chart.
 */

import * as msg from "./messages.js";
import type {
  Dataset,
  DatasetMeta,
  Fact,
  Row,
  Series,
  SeriesFilter,
  SeriesPoint,
  Source,
  Table,
  TableDeclaration,
} from "./model.js";
import { comparePeriods, type Period, parsePeriod } from "./period.js";
import type { Locator } from "./positioned-yaml.js";
import type { DatasetManifest, FactSpec, TableSpec } from "./schema.js";

/** Thrown by typed access for an unknown table, fact, source, measure, filter or value. */
export class DataAccessError extends Error {
  override readonly name = "DataAccessError";
  /** What was asked for. */
  readonly asked: string;
  /** What exists instead. */
  readonly available: readonly string[];
  constructor(message: string, asked: string, available: readonly string[]) {
    super(message);
    this.asked = asked;
    this.available = available;
  }
}

function lookup<T extends { id: string }>(
  items: readonly T[],
  id: string,
  message: (id: string, known: readonly string[]) => string,
): T {
  const found = items.find((x) => x.id === id);
  if (found) return found;
  const known = items.map((x) => x.id);
  throw new DataAccessError(message(id, known), id, known);
}

/** The distinct texts of one column, in row order, and the rows holding each. */
interface ColumnIndex {
  readonly values: readonly string[];
  readonly rowsByValue: ReadonlyMap<string, readonly Row[]>;
}

function makeTable(
  spec: TableSpec,
  rows: readonly Row[],
  source: Source,
  declared: TableDeclaration,
): Table {
  const columns = spec.columns;
  const names = columns.map((c) => c.name);
  const periodIdx = columns.findIndex((c) => c.type === "period");
  const tablePeriod =
    spec.period === undefined ? undefined : parsePeriod(spec.period, spec.frequency);
  const key = spec.key ?? columns.filter((c) => c.type !== "number").map((c) => c.name);
  const measures = columns.filter((c) => c.type === "number").map((c) => c.name);
  const filterable = columns.filter((c) => c.type !== "number").map((c) => c.name);
  const text = (row: Row, i: number): string => {
    const cell = row.cells[i]!;
    if (cell.value === null) return cell.raw;
    return cell.type === "period" ? cell.value.token : cell.raw.trim();
  };

  // Built on first use, once per filtered column: a series lookup then reads
  // only its own rows, so reading one series per value of a column (an
  // indicator summed across it) stays linear in the rows, not quadratic.
  const indexes = new Map<number, ColumnIndex>();
  const indexOf = (ci: number): ColumnIndex => {
    let index = indexes.get(ci);
    if (index === undefined) {
      const rowsByValue = new Map<string, Row[]>();
      for (const r of rows) {
        const value = text(r, ci);
        const same = rowsByValue.get(value);
        if (same === undefined) rowsByValue.set(value, [r]);
        else same.push(r);
      }
      index = { values: [...rowsByValue.keys()], rowsByValue };
      indexes.set(ci, index);
    }
    return index;
  };

  const series = (measure: string, where: SeriesFilter = {}): Series => {
    const mi = columns.findIndex((c) => c.name === measure && c.type === "number");
    const column = columns[mi];
    if (column?.type !== "number") {
      throw new DataAccessError(msg.unknownMeasure(spec.id, measure, measures), measure, measures);
    }
    // A Map, not an object: a column may be called `__proto__`.
    const used = new Map<string, string>();
    const filters: { ci: number; value: string; matching: readonly Row[] }[] = [];
    const wanted = where instanceof Map ? [...where.entries()] : Object.entries(where);
    for (const [name, want] of wanted) {
      const ci = columns.findIndex((c) => c.name === name && c.type !== "number");
      if (ci < 0) {
        throw new DataAccessError(
          msg.unknownFilterColumn(spec.id, name, filterable),
          name,
          filterable,
        );
      }
      const { values, rowsByValue } = indexOf(ci);
      const value = String(want);
      const matching = rowsByValue.get(value);
      if (matching === undefined) {
        throw new DataAccessError(
          msg.unknownFilterValue(spec.id, name, value, values),
          value,
          values,
        );
      }
      used.set(name, value);
      filters.push({ ci, value, matching });
    }
    // Start from the fewest matching rows and check the other filters on those:
    // the result is the same rows in the same order, whichever filter is first.
    const narrowest = filters.reduce<(typeof filters)[number] | undefined>(
      (best, f) => (best === undefined || f.matching.length < best.matching.length ? f : best),
      undefined,
    );
    const selected =
      narrowest === undefined
        ? rows
        : narrowest.matching.filter((r) =>
            filters.every((f) => f === narrowest || text(r, f.ci) === f.value),
          );
    const periodOf = (r: Row): Period => {
      const cell = periodIdx >= 0 ? r.cells[periodIdx] : undefined;
      if (cell?.type === "period" && cell.value) return cell.value;
      if (tablePeriod) return tablePeriod;
      throw new DataAccessError(msg.noPeriod(spec.id), measure, []);
    };
    const points: SeriesPoint[] = selected
      .map((r) => {
        const cell = r.cells[mi]!;
        return { period: periodOf(r), value: cell.value as number | null, raw: cell.raw };
      })
      .sort((a, b) => comparePeriods(a.period, b.period));
    for (let i = 1; i < points.length; i++) {
      if (points[i]!.period.token === points[i - 1]!.period.token) {
        const dims = filterable.filter((n) => n !== names[periodIdx] && !used.has(n));
        throw new DataAccessError(
          msg.ambiguousSeries(spec.id, measure, points[i]!.period.token, dims),
          measure,
          dims,
        );
      }
    }
    return {
      table: spec.id,
      measure,
      label: column.label ?? column.name,
      unit: column.unit,
      scale: column.scale,
      source,
      where: Object.fromEntries(used),
      points,
    };
  };

  return {
    id: spec.id,
    title: spec.title,
    file: spec.file,
    source,
    frequency: spec.frequency,
    period: tablePeriod,
    notes: spec.notes ?? [],
    columns,
    key,
    rows,
    totals: spec.totals ?? [],
    declared,
    series,
  };
}

/** Positions of a table's declarations; 1:1 when no locator is given. */
function declarationOf(
  spec: TableSpec,
  index: number,
  file: string,
  locate: Locator | undefined,
): TableDeclaration {
  const start = { line: 1, column: 1 };
  const at = (...path: (string | number)[]) =>
    locate ? locate(["tables", index, ...path]) : start;
  // Computed on first read: only a diff that reports a unit change reads them, and
  // locating means parsing dataset.yaml with `yaml` (see parseManifest).
  let found: Pick<TableDeclaration, "at" | "columns"> | undefined;
  const positions = () =>
    (found ??= {
      at: at("id"),
      // A key that is not written (a defaulted scale) locates at its column.
      columns: spec.columns.map((c, ci) => ({
        name: at("columns", ci, "name"),
        ...(c.type === "number"
          ? { unit: at("columns", ci, "unit"), scale: at("columns", ci, "scale") }
          : {}),
      })),
    });
  return {
    file,
    get at() {
      return positions().at;
    },
    get columns() {
      return positions().columns;
    },
  };
}

function makeFact(spec: FactSpec, source: Source): Fact {
  const token = spec.period === undefined ? undefined : String(spec.period);
  const period = token === undefined ? undefined : parsePeriod(token);
  return {
    id: spec.id,
    label: spec.label,
    ...(spec.value !== undefined ? { value: spec.value } : {}),
    ...(spec.range !== undefined ? { range: [spec.range[0], spec.range[1]] as const } : {}),
    qualifier: spec.qualifier,
    unit: spec.unit,
    scale: spec.scale,
    ...(period !== undefined ? { period } : token !== undefined ? { date: token } : {}),
    source,
    ...(spec.note !== undefined ? { note: spec.note } : {}),
  };
}

/** Builds the typed view. Assumes a manifest without errors and validated rows. */
export function createDataset(
  dir: string,
  manifest: DatasetManifest,
  rowsByTable: ReadonlyMap<string, readonly Row[]>,
  declared?: { readonly file: string; readonly locate: Locator },
): Dataset {
  const sources: Source[] = manifest.sources;
  const sourceOf = (id: string) => lookup(sources, id, msg.unknownSourceAccess);
  const manifestFile = declared?.file ?? `${dir}/dataset.yaml`;
  const tables = manifest.tables.map((t, i) =>
    makeTable(
      t,
      rowsByTable.get(t.id) ?? [],
      sourceOf(t.source),
      declarationOf(t, i, manifestFile, declared?.locate),
    ),
  );
  const facts = manifest.facts.map((f) => makeFact(f, sourceOf(f.source)));
  const meta: DatasetMeta = {
    id: manifest.id,
    title: manifest.title,
    edition: manifest.edition,
    published: manifest.published,
    ...(manifest.dataAsOf !== undefined ? { dataAsOf: manifest.dataAsOf } : {}),
    ...(manifest.description !== undefined ? { description: manifest.description } : {}),
  };
  return {
    meta,
    dir,
    tables,
    facts,
    sources,
    table: (id) => lookup(tables, id, msg.unknownTable),
    fact: (id) => lookup(facts, id, msg.unknownFact),
    source: sourceOf,
  };
}
