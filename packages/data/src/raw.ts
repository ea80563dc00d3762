/**
 * What the three file readers hand to validation: cells as text with their
 * positions, before any typing. CSV gives a header and rows (a grid); JSON
 * and YAML give records keyed by column name. Column names live in Maps, so
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

/** A CSV row: field texts, and their positions as flat (line, column) pairs to spare allocations. */
export interface GridRow extends Position {
  readonly texts: readonly string[];
  /** `positions[2 * j]` is field j's line, `positions[2 * j + 1]` its column. */
  readonly positions: Int32Array;
}

export interface RawRecord extends Position {
  /** Column name → its key position and cell. */
  readonly fields: ReadonlyMap<string, { readonly key: Position; readonly cell: RawCell }>;
}

export type RawTable =
  | {
      readonly kind: "grid";
      readonly header: readonly RawCell[];
      readonly rows: readonly GridRow[];
    }
  | { readonly kind: "records"; readonly records: readonly RawRecord[] };

/** A reader's result: the table, or the issues that stopped it. */
export type ReadResult =
  | { readonly ok: true; readonly table: RawTable; readonly issues: readonly Issue[] }
  | { readonly ok: false; readonly issues: readonly Issue[] };
