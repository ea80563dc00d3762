/**
 * The typed view of a loaded dataset: what `compose`, `indicators` and the
 * CLI program against. Plain data plus a few lookup functions; everything
 * here is read-only and JSON-friendly except the functions.
 */
import type { Position } from "./issues.js";
import type { Period } from "./period.js";
import type { Column, Frequency, Qualifier, Scale, SourceSpec, TotalSpec } from "./schema.js";

/** A source, as declared in dataset.yaml. */
export type Source = SourceSpec;

interface CellBase {
  /** The cell as written: `"2.9"`, `"11.0"`, or a missing token such as `"—"`. */
  readonly raw: string;
  readonly line: number;
  readonly column: number;
}
export interface NumberCell extends CellBase {
  readonly type: "number";
  /** null for a missing value (never 0). */
  readonly value: number | null;
}
export interface PeriodCell extends CellBase {
  readonly type: "period";
  readonly value: Period | null;
}
export interface TextCell extends CellBase {
  readonly type: "text" | "category" | "date";
  /** The text; for `date`, the ISO date. null for a missing value. */
  readonly value: string | null;
}
/** One typed cell. */
export type Cell = NumberCell | PeriodCell | TextCell;

/** One row of a table, its cells in the order of `table.columns`. */
export interface Row {
  /** Line of the row in its file. */
  readonly line: number;
  readonly cells: readonly Cell[];
}

/** One observation of a series. */
export interface SeriesPoint {
  readonly period: Period;
  /** null for a missing value (never 0). */
  readonly value: number | null;
  /** The cell as written: keeps the source's decimals (`"11.0"`) and missing tokens (`"—"`). */
  readonly raw: string;
}

/**
 * Filter of `table.series`: column name → value (a category, text or period
 * token). A Map works for any column name, including `__proto__`.
 */
export type SeriesFilter =
  | Readonly<Record<string, string | number>>
  | ReadonlyMap<string, string | number>;

/** A measure over time, ordered by period. */
export interface Series {
  /** Id of the table. */
  readonly table: string;
  /** Name of the number column. */
  readonly measure: string;
  /** Display label of the measure (the column's label, else its name). */
  readonly label: string;
  readonly unit: string;
  readonly scale: Scale;
  readonly source: Source;
  /** The filter used, as strings. */
  readonly where: Readonly<Record<string, string>>;
  readonly points: readonly SeriesPoint[];
}

/** Where a column is declared in dataset.yaml. */
export interface ColumnDeclaration {
  /** The column's `name:` value. */
  readonly name: Position;
  /** Its `unit:` value (number columns). */
  readonly unit?: Position;
  /** Its `scale:` value (number columns); the column itself when the scale is defaulted. */
  readonly scale?: Position;
}

/** Where a table is declared: dataset.yaml's path and positions in it. */
export interface TableDeclaration {
  /** Absolute path of dataset.yaml. */
  readonly file: string;
  /** The table's `id:` value. */
  readonly at: Position;
  /** One per column, in `columns` order. */
  readonly columns: readonly ColumnDeclaration[];
}

/** A loaded table. */
export interface Table {
  readonly id: string;
  readonly title: string;
  /** The data file, relative to the dataset folder. */
  readonly file: string;
  readonly source: Source;
  readonly frequency: Frequency;
  /** The period of a table without a period column. */
  readonly period: Period | undefined;
  readonly notes: readonly string[];
  /** Columns in declared order; `required` and `scale` carry their defaults. */
  readonly columns: readonly Column[];
  /** The key columns (declared, or every non-number column). */
  readonly key: readonly string[];
  readonly rows: readonly Row[];
  /**
   * The declared totals (`totals:` in dataset.yaml), checked on load. The
   * indicators read them to tell which parts a total row covers in a period.
   */
  readonly totals: readonly TotalSpec[];
  /** Where the table and its columns are declared, for issues about them. */
  readonly declared: TableDeclaration;
  /** A measure over time; throws DataAccessError for an unknown measure, filter or value. */
  series(measure: string, where?: SeriesFilter): Series;
}

/** A scalar figure quoted in prose. */
export interface Fact {
  readonly id: string;
  readonly label: string;
  /** The figure, when it is a single number. */
  readonly value?: number;
  /** `[low, high]`, when it is a range. */
  readonly range?: readonly [number, number];
  readonly qualifier: Qualifier;
  readonly unit: string;
  readonly scale: Scale;
  /** The period, when given as a period token. */
  readonly period?: Period;
  /** The day, when given as an ISO date. */
  readonly date?: string;
  readonly source: Source;
  readonly note?: string;
}

/** Identity of a dataset edition. */
export interface DatasetMeta {
  readonly id: string;
  readonly title: string;
  readonly edition: string;
  /** ISO date. */
  readonly published: string;
  /** ISO date, when given. */
  readonly dataAsOf?: string;
  readonly description?: string;
}

/** A loaded, validated dataset. */
export interface Dataset {
  readonly meta: DatasetMeta;
  /** Absolute path of the dataset folder. */
  readonly dir: string;
  readonly tables: readonly Table[];
  readonly facts: readonly Fact[];
  readonly sources: readonly Source[];
  /** Throws DataAccessError for an unknown id. */
  table(id: string): Table;
  /** Throws DataAccessError for an unknown id. */
  fact(id: string): Fact;
  /** Throws DataAccessError for an unknown id. */
  source(id: string): Source;
}
