/**
 * What the file readers hand to validation: cells as text with their
 * positions, before any typing. CSV and XLSX give a header and rows (a
 * grid); JSON and YAML give records keyed by column name. Column names live in Maps, so
 * `__proto__` or `constructor` are plain data.
 */
import type { Issue, Position } from "./issues.js";

/** A cell before typing. */
export interface RawCell extends Position {
  /** The text as written (for JSON/YAML numbers, their source text). */
  readonly text: string;
  /** `string` for all CSV cells; JSON/YAML say what the value was. */
  readonly kind: "string" | "number" | "null" | "other";
  /** The number, when `kind` is `number`. */
  readonly number?: number;
}

export interface RawRecord extends Position {
  /** Column name → its key position and cell. */
  readonly fields: ReadonlyMap<string, { readonly key: Position; readonly cell: RawCell }>;
}

/**
 * A CSV table or a spreadsheet range. Positions are flat (line, column)
 * pairs in one Int32Array rather than an object per cell: a 100,000-row
 * file would otherwise spend more memory on positions than on data. In a
 * spreadsheet, line and column are the cell's row and column numbers.
 */
export interface RawGrid {
  readonly kind: "grid";
  /** Where the grid came from (default `csv`): a spreadsheet has no delimiter to get wrong. */
  readonly origin?: "csv" | "xlsx";
  readonly header: readonly RawCell[];
  /** Field texts of each data row. */
  readonly rows: readonly (readonly string[])[];
  /** Data row k's field j: line at `positions[starts[k] + 2 * j]`, column in the next slot. */
  readonly positions: Int32Array;
  readonly starts: Int32Array;
  /**
   * Spreadsheets only, parallel to `rows`: the stored number of a numeric
   * cell (its text is then only how it is shown), `null` for a cell already
   * reported as unreadable (skipped without a second issue), else undefined.
   */
  readonly values?: readonly (readonly (number | null | undefined)[])[];
}

export type RawTable =
  | RawGrid
  | { readonly kind: "records"; readonly records: readonly RawRecord[] };

/** A reader's result: the table, or the issues that stopped it. */
export type ReadResult =
  | { readonly ok: true; readonly table: RawTable; readonly issues: readonly Issue[] }
  | { readonly ok: false; readonly issues: readonly Issue[] };
