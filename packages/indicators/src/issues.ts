/**
 * Problems as data, in the same shape as `@briefkit/data`'s `Issue`
 * (`{ code, severity, file, line, column, message, hint? }`, 1-based
 * positions) so the CLI prints both alike. The code set is this package's
 * own: data's `Issue` types its `code` as the data codes only, so reusing
 * that type would force casts.
 */
import type { DefinitionPath } from "./load.js";

/** Every code an indicator issue can carry. */
export const INDICATOR_ISSUE_CODES = [
  // reading the definition file
  "yaml-syntax",
  "yaml-duplicate-key",
  "yaml-alias-limit",
  "file-shape",
  // one definition's shape
  "invalid-definition",
  "unknown-function",
  "duplicate-id",
  // references into the dataset and between indicators
  "unknown-table",
  "unknown-series",
  "unknown-column",
  "unknown-fact",
  "unknown-indicator",
  "bad-period",
  "cycle",
  // arithmetic the definition asks for
  "unit-mismatch",
  "no-conversion",
  "bad-argument",
  // totals compared over different parts, without a coverage: choice
  "coverage-differs",
] as const;

export type IndicatorIssueCode = (typeof INDICATOR_ISSUE_CODES)[number];

/** One problem, positioned at the offending key or value (1-based). */
export interface IndicatorIssue {
  readonly code: IndicatorIssueCode;
  readonly severity: "error" | "warning";
  /** Path of the file the definition came from. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Names the indicator id, what was expected and what was found. */
  readonly message: string;
  readonly hint?: string;
}

/** A 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

/**
 * A problem with one definition before it is positioned: where inside the
 * definition, and what. The evaluator turns it into an `IndicatorIssue`.
 */
export interface DefinitionProblem {
  readonly path: DefinitionPath;
  readonly code: IndicatorIssueCode;
  readonly message: string;
  readonly hint?: string | undefined;
}

export function makeIssue(
  code: IndicatorIssueCode,
  file: string,
  at: Position,
  message: string,
  hint?: string,
): IndicatorIssue {
  const issue: IndicatorIssue = {
    code,
    severity: "error",
    file,
    line: at.line,
    column: at.column,
    message,
  };
  return hint === undefined ? issue : { ...issue, hint };
}
