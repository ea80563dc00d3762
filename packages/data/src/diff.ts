/**
 * What changed between two editions of a dataset: `diffDatasets(from, to)`.
 * Pure and deterministic: plain JSON-serialisable data in a stable order
 * (tables in the new edition's order, then removed tables; within a table
 * by row key in order of appearance, then period, then column).
 *
 * A cell is identified by its table, its column and its row: the row's key
 * values other than the period, plus the period (the period column's value,
 * or the table's `period:`). A column whose unit or scale differs between
 * the editions is not compared at all: restating figures in another unit is
 * not a revision, so it comes back as a `unit-changed` / `scale-changed`
 * error at the new dataset.yaml's column.
 */
import { type Issue, makeIssue } from "./issues.js";
import * as msg from "./messages.js";
import type { Cell, Dataset, DatasetMeta, Fact, Row, Table } from "./model.js";
import { comparePeriods, type Period } from "./period.js";
import type { Qualifier, Scale } from "./schema.js";

/** A cell's value: a number, a text (text, category, date, period), or null when missing. */
export type DiffValue = number | string | null;

/** How one cell changed. */
export type CellChangeKind = "added" | "revised" | "removed" | "missing-filled" | "became-missing";

/** One changed cell. */
export interface CellChange {
  /**
   * `added`: a new row (new period or row key) with a value here;
   * `removed`: a row gone that had a value here; `revised`: a value changed;
   * `missing-filled`: null → value; `became-missing`: value → null.
   * A new or removed row's missing cells are not listed.
   */
  readonly kind: CellChangeKind;
  /** The column that changed (a measure, or a non-key text column). */
  readonly column: string;
  /** The row's key values other than the period, e.g. `{ region: "Yakutia" }`; `{}` if none. */
  readonly key: Readonly<Record<string, string>>;
  /** The period token (`2003`, `2005-H1`), or null for a table without periods. */
  readonly period: string | null;
  /** The old value (absent for `added`). */
  readonly from?: DiffValue;
  /** The new value (absent for `removed`). */
  readonly to?: DiffValue;
  /** The old cell as written (`"5.9"`, `"—"`). */
  readonly fromRaw?: string;
  /** The new cell as written. */
  readonly toRaw?: string;
  /** `to − from` for a revised number, rounded to the decimals the two cells are written with. */
  readonly change?: number;
  /**
   * The change in per cent of the old value, to two decimals; null when the
   * old value is 0. Absent for a percentage: see `changePoints`.
   */
  readonly changePercent?: number | null;
  /**
   * For a column in percent, percentage points or a fraction: the change in
   * percentage points (a share from 31% to 43% rose 12 points, not 38.7%).
   */
  readonly changePoints?: number;
  /** Unit of a number column. */
  readonly unit?: string;
  /** Scale of a number column. */
  readonly scale?: Scale;
}

/** A table property that changed (anything but its data and columns). */
export interface TablePropertyChange {
  readonly property: "title" | "file" | "source" | "frequency" | "period" | "notes";
  readonly from: string | readonly string[] | null;
  readonly to: string | readonly string[] | null;
}

/** The changes of one table. */
export interface TableDiff {
  readonly table: string;
  /** The title in the new edition (the old one for a removed table). */
  readonly title: string;
  /**
   * `added` / `removed`: the table exists in one edition only (its cells are
   * not listed); `changed` when anything below is non-empty; else `unchanged`.
   */
  readonly status: "added" | "removed" | "changed" | "unchanged";
  readonly properties: readonly TablePropertyChange[];
  /** Columns declared in the new edition only; their cells are not listed. */
  readonly columnsAdded: readonly string[];
  /** Columns declared in the old edition only; their cells are not listed. */
  readonly columnsRemoved: readonly string[];
  /** Period tokens with rows in the new edition only, in period order. */
  readonly periodsAdded: readonly string[];
  /** Period tokens with rows in the old edition only, in period order. */
  readonly periodsRemoved: readonly string[];
  /** Row keys (without the period) in the new edition only, e.g. `{ region: "Chukotka" }`. */
  readonly keysAdded: readonly Readonly<Record<string, string>>[];
  /** Row keys (without the period) in the old edition only. */
  readonly keysRemoved: readonly Readonly<Record<string, string>>[];
  readonly cells: readonly CellChange[];
}

/** A fact as compared. */
export interface FactState {
  readonly label: string;
  readonly value?: number;
  readonly range?: readonly [number, number];
  readonly qualifier: Qualifier;
  readonly unit: string;
  readonly scale: Scale;
  /** Period token or ISO date. */
  readonly period?: string;
  /** Source id. */
  readonly source: string;
  readonly note?: string;
}

/** The part of a fact that changed. */
export type FactField =
  | "label"
  | "value"
  | "range"
  | "qualifier"
  | "unit"
  | "scale"
  | "period"
  | "source"
  | "note";

/** One added, removed or revised fact. */
export interface FactChange {
  readonly kind: "added" | "removed" | "revised";
  readonly fact: string;
  /** Absent for `added`. */
  readonly from?: FactState;
  /** Absent for `removed`. */
  readonly to?: FactState;
  /** For `revised`: what changed, in the order of `FactField`. */
  readonly changed: readonly FactField[];
  /** `to − from`, when both are single values in one unit and scale. */
  readonly change?: number;
  /** The change in per cent of the old value, to two decimals; null when it is 0. Absent for a percentage. */
  readonly changePercent?: number | null;
  /** For a fact in percent, percentage points or a fraction: the change in percentage points. */
  readonly changePoints?: number;
}

/** Everything that changed from one edition to the next. */
export interface DatasetDiff {
  readonly from: DatasetMeta;
  readonly to: DatasetMeta;
  /** Every table of either edition: the new edition's order, then removed tables. */
  readonly tables: readonly TableDiff[];
  /** Changed facts only: the new edition's order, then removed facts. */
  readonly facts: readonly FactChange[];
  /** `unit-changed` and `scale-changed` errors, at the new dataset.yaml's columns. */
  readonly issues: readonly Issue[];
}

const SEP = "\u001f";

function decimalsOf(raw: string): number {
  const m = /\.(\d+)/.exec(raw.replace(/[eE].*$/, ""));
  return m ? m[1]!.length : 0;
}

const round = (x: number, places: number): number => Number(x.toFixed(Math.min(places, 12)));

/**
 * Units whose values are percentages, with the factor to percent: their
 * change is stated in percentage points, never as a per cent of a per cent.
 */
const PERCENT_UNITS: Readonly<Record<string, number>> = {
  percent: 1,
  "percentage-points": 1,
  fraction: 100,
};

/** The change between two numbers: in per cent of the old one, or for a percentage in points. */
function changeOf(
  from: number,
  to: number,
  places: number,
  unit: string | undefined,
): { change: number; changePercent: number | null } | { change: number; changePoints: number } {
  const change = round(to - from, places);
  const toPercent = unit === undefined ? undefined : PERCENT_UNITS[unit];
  if (toPercent !== undefined) {
    return {
      change,
      changePoints: round(change * toPercent, Math.max(0, places - Math.log10(toPercent))),
    };
  }
  return { change, changePercent: from === 0 ? null : round((change / Math.abs(from)) * 100, 2) };
}

function cellValue(cell: Cell): DiffValue {
  if (cell.value === null) return null;
  if (cell.type === "period") return cell.value.token;
  return cell.value;
}

function keyTextOf(cell: Cell): string {
  if (cell.value === null) return cell.raw;
  return cell.type === "period" ? cell.value.token : cell.raw.trim();
}

interface IndexedRow {
  readonly keyId: string;
  readonly key: Readonly<Record<string, string>>;
  readonly period: Period | null;
  readonly row: Row;
}

/** The rows of a table by identity (row key + period), and its key and period orders. */
function indexTable(t: Table): {
  rows: Map<string, IndexedRow>;
  keys: Map<string, Readonly<Record<string, string>>>;
  periods: Map<string, Period>;
} {
  const names = t.columns.map((c) => c.name);
  const periodIdx = t.columns.findIndex((c) => c.type === "period");
  const keyIdx = t.key.map((k) => names.indexOf(k)).filter((i) => i >= 0 && i !== periodIdx);
  const rows = new Map<string, IndexedRow>();
  const keys = new Map<string, Readonly<Record<string, string>>>();
  const periods = new Map<string, Period>();
  for (const row of t.rows) {
    const parts = keyIdx.map((i) => keyTextOf(row.cells[i]!));
    const keyId = parts.join(SEP);
    let key = keys.get(keyId);
    if (key === undefined) {
      key = Object.fromEntries(keyIdx.map((i, k) => [names[i]!, parts[k]!]));
      keys.set(keyId, key);
    }
    const pc = periodIdx >= 0 ? row.cells[periodIdx] : undefined;
    const period = pc?.type === "period" && pc.value ? pc.value : (t.period ?? null);
    if (period && !periods.has(period.token)) periods.set(period.token, period);
    rows.set(`${keyId}\u001e${period?.token ?? ""}`, { keyId, key, period, row });
  }
  return { rows, keys, periods };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function tableProperties(a: Table, b: Table): TablePropertyChange[] {
  const out: TablePropertyChange[] = [];
  const scalar = (
    property: TablePropertyChange["property"],
    x: string | null,
    y: string | null,
  ) => {
    if (x !== y) out.push({ property, from: x, to: y });
  };
  scalar("title", a.title, b.title);
  scalar("file", a.file, b.file);
  scalar("source", a.source.id, b.source.id);
  scalar("frequency", a.frequency, b.frequency);
  scalar("period", a.period?.token ?? null, b.period?.token ?? null);
  if (!sameList(a.notes, b.notes)) out.push({ property: "notes", from: a.notes, to: b.notes });
  return out;
}

function emptyTableDiff(t: Table, status: "added" | "removed"): TableDiff {
  return {
    table: t.id,
    title: t.title,
    status,
    properties: [],
    columnsAdded: [],
    columnsRemoved: [],
    periodsAdded: [],
    periodsRemoved: [],
    keysAdded: [],
    keysRemoved: [],
    cells: [],
  };
}

function diffTable(a: Table, b: Table, fromEdition: string, issues: Issue[]): TableDiff {
  const aNames = a.columns.map((c) => c.name);
  const bNames = b.columns.map((c) => c.name);
  const bKeys = new Set(b.key);
  const aKeys = new Set(a.key);
  // Compared columns: in both editions, outside the key, not the period column.
  const compared: { name: string; ai: number; bi: number }[] = [];
  b.columns.forEach((bc, bi) => {
    const ai = aNames.indexOf(bc.name);
    const ac = a.columns[ai];
    if (ac === undefined || bKeys.has(bc.name) || aKeys.has(bc.name)) return;
    if (bc.type === "period" || ac.type === "period") return;
    if (ac.type === "number" && bc.type === "number") {
      const where = b.declared.columns[bi];
      if (ac.unit !== bc.unit) {
        issues.push(
          makeIssue(
            "unit-changed",
            b.declared.file,
            where?.unit ?? b.declared.at,
            msg.unitChanged(b.id, bc.name, ac.unit, bc.unit, fromEdition),
          ),
        );
        return;
      }
      if (ac.scale !== bc.scale) {
        issues.push(
          makeIssue(
            "scale-changed",
            b.declared.file,
            where?.scale ?? b.declared.at,
            msg.scaleChanged(b.id, bc.name, ac.scale, bc.scale, fromEdition),
          ),
        );
        return;
      }
    }
    compared.push({ name: bc.name, ai, bi });
  });

  const ai = indexTable(a);
  const bi = indexTable(b);
  // Row keys in order of appearance: the new edition's, then the old edition's own.
  const keyOrder = new Map<string, number>();
  for (const k of [...bi.keys.keys(), ...ai.keys.keys()])
    if (!keyOrder.has(k)) keyOrder.set(k, keyOrder.size);

  const cells: { change: CellChange; keyRank: number; period: Period | null; col: number }[] = [];
  const push = (r: IndexedRow, col: number, change: CellChange) =>
    cells.push({ change, keyRank: keyOrder.get(r.keyId) ?? 0, period: r.period, col });
  const numberInfo = (ci: number) => {
    const c = b.columns[ci];
    return c?.type === "number" ? { unit: c.unit, scale: c.scale } : {};
  };
  const base = (r: IndexedRow, column: string) => ({
    column,
    key: r.key,
    period: r.period?.token ?? null,
  });

  for (const [id, nr] of bi.rows) {
    const or = ai.rows.get(id);
    for (const c of compared) {
      const nc = nr.row.cells[c.bi]!;
      const nv = cellValue(nc);
      if (or === undefined) {
        if (nv !== null) {
          push(nr, c.bi, {
            kind: "added",
            ...base(nr, c.name),
            to: nv,
            toRaw: nc.raw,
            ...numberInfo(c.bi),
          });
        }
        continue;
      }
      const oc = or.row.cells[c.ai]!;
      const ov = cellValue(oc);
      if (ov === nv) continue;
      const raws = { fromRaw: oc.raw, toRaw: nc.raw };
      if (ov === null) {
        push(nr, c.bi, {
          kind: "missing-filled",
          ...base(nr, c.name),
          from: null,
          to: nv,
          ...raws,
          ...numberInfo(c.bi),
        });
      } else if (nv === null) {
        push(nr, c.bi, {
          kind: "became-missing",
          ...base(nr, c.name),
          from: ov,
          to: null,
          ...raws,
          ...numberInfo(c.bi),
        });
      } else {
        const numbers =
          typeof ov === "number" && typeof nv === "number"
            ? changeOf(
                ov,
                nv,
                Math.max(decimalsOf(oc.raw), decimalsOf(nc.raw)),
                numberInfo(c.bi).unit,
              )
            : {};
        push(nr, c.bi, {
          kind: "revised",
          ...base(nr, c.name),
          from: ov,
          to: nv,
          ...raws,
          ...numbers,
          ...numberInfo(c.bi),
        });
      }
    }
  }
  for (const [id, or] of ai.rows) {
    if (bi.rows.has(id)) continue;
    for (const c of compared) {
      const oc = or.row.cells[c.ai]!;
      const ov = cellValue(oc);
      if (ov === null) continue;
      push(or, c.bi, {
        kind: "removed",
        ...base(or, c.name),
        from: ov,
        fromRaw: oc.raw,
        ...numberInfo(c.bi),
      });
    }
  }
  cells.sort(
    (x, y) =>
      x.keyRank - y.keyRank ||
      (x.period && y.period
        ? comparePeriods(x.period, y.period)
        : (x.period ? 1 : 0) - (y.period ? 1 : 0)) ||
      x.col - y.col,
  );

  const only = <T>(m: Map<string, T>, other: Map<string, T>) =>
    [...m.entries()].filter(([k]) => !other.has(k)).map(([, v]) => v);
  const periodTokens = (ps: Period[]) => ps.sort(comparePeriods).map((p) => p.token);
  // A table whose key is the period alone has one empty row key: nothing to list.
  const keyed = (ks: Readonly<Record<string, string>>[]) =>
    ks.filter((k) => Object.keys(k).length > 0);
  const properties = tableProperties(a, b);
  const diff = {
    properties,
    columnsAdded: bNames.filter((n) => !aNames.includes(n)),
    columnsRemoved: aNames.filter((n) => !bNames.includes(n)),
    periodsAdded: periodTokens(only(bi.periods, ai.periods)),
    periodsRemoved: periodTokens(only(ai.periods, bi.periods)),
    keysAdded: keyed(only(bi.keys, ai.keys)),
    keysRemoved: keyed(only(ai.keys, bi.keys)),
    cells: cells.map((c) => c.change),
  };
  const changed =
    properties.length +
      diff.columnsAdded.length +
      diff.columnsRemoved.length +
      diff.periodsAdded.length +
      diff.periodsRemoved.length +
      diff.keysAdded.length +
      diff.keysRemoved.length +
      diff.cells.length >
    0;
  return { table: b.id, title: b.title, status: changed ? "changed" : "unchanged", ...diff };
}

function factState(f: Fact): FactState {
  return {
    label: f.label,
    ...(f.value !== undefined ? { value: f.value } : {}),
    ...(f.range !== undefined ? { range: [f.range[0], f.range[1]] as const } : {}),
    qualifier: f.qualifier,
    unit: f.unit,
    scale: f.scale,
    ...(f.period !== undefined
      ? { period: f.period.token }
      : f.date !== undefined
        ? { period: f.date }
        : {}),
    source: f.source.id,
    ...(f.note !== undefined ? { note: f.note } : {}),
  };
}

const factFields: readonly FactField[] = [
  "label",
  "value",
  "range",
  "qualifier",
  "unit",
  "scale",
  "period",
  "source",
  "note",
];

function diffFact(a: Fact, b: Fact): FactChange | undefined {
  const from = factState(a);
  const to = factState(b);
  const changed = factFields.filter((k) => JSON.stringify(from[k]) !== JSON.stringify(to[k]));
  if (changed.length === 0) return undefined;
  const numbers =
    from.value !== undefined &&
    to.value !== undefined &&
    from.value !== to.value &&
    from.unit === to.unit &&
    from.scale === to.scale
      ? changeOf(
          from.value,
          to.value,
          Math.max(decimalsOf(String(from.value)), decimalsOf(String(to.value))),
          to.unit,
        )
      : {};
  return { kind: "revised", fact: b.id, from, to, changed, ...numbers };
}

/**
 * Compares two editions of a dataset (usually the previous and the new
 * vintage of one topic). See `DatasetDiff` for what comes back.
 */
export function diffDatasets(from: Dataset, to: Dataset): DatasetDiff {
  const issues: Issue[] = [];
  const tables: TableDiff[] = [];
  const oldTables = new Map(from.tables.map((t) => [t.id, t]));
  const newIds = new Set(to.tables.map((t) => t.id));
  for (const t of to.tables) {
    const before = oldTables.get(t.id);
    tables.push(
      before ? diffTable(before, t, from.meta.edition, issues) : emptyTableDiff(t, "added"),
    );
  }
  for (const t of from.tables) if (!newIds.has(t.id)) tables.push(emptyTableDiff(t, "removed"));

  const facts: FactChange[] = [];
  const oldFacts = new Map(from.facts.map((f) => [f.id, f]));
  const newFacts = new Set(to.facts.map((f) => f.id));
  for (const f of to.facts) {
    const before = oldFacts.get(f.id);
    if (before === undefined) {
      facts.push({ kind: "added", fact: f.id, to: factState(f), changed: [] });
      continue;
    }
    const change = diffFact(before, f);
    if (change) facts.push(change);
  }
  for (const f of from.facts) {
    if (!newFacts.has(f.id))
      facts.push({ kind: "removed", fact: f.id, from: factState(f), changed: [] });
  }
  return { from: from.meta, to: to.meta, tables, facts, issues };
}
