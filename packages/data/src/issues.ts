/**
 * Problems as data. Every loader and check returns `Issue`s; only the CLI
 * prints them. The code decides the severity, so a code never appears as an
 * error in one place and a warning in another.
 */
import { relative } from "node:path";
import * as z from "zod";

export const issueCodeSchema = z.enum([
  // dataset.yaml
  "manifest-not-found",
  "yaml-syntax",
  "yaml-duplicate-key",
  "yaml-alias-limit",
  "yaml-tag",
  "nesting-too-deep",
  "manifest-schema",
  "manifest-unknown-key",
  "duplicate-id",
  "unknown-source",
  "bad-reference",
  "duplicate-column",
  "conflicting-period",
  "unit-mismatch",
  "scale-mismatch",
  "unknown-format",
  // editions (listEditions) and edition diffs (diffDatasets)
  "duplicate-edition",
  "edition-folder-mismatch",
  "unit-changed",
  "scale-changed",
  // file access
  "file-absolute",
  "file-outside-dataset",
  "file-not-found",
  "file-unreadable",
  "file-too-large",
  "table-too-large",
  "not-utf8",
  "empty-file",
  // file structure
  "csv-syntax",
  "unclosed-quote",
  "wrong-delimiter",
  "ragged-row",
  "duplicate-header",
  "empty-header",
  "unknown-column",
  "missing-column",
  "header-only",
  "json-syntax",
  "json-duplicate-key",
  "table-shape",
  // spreadsheets (XLSX)
  "not-xlsx",
  "zip-limit",
  "sheet-not-found",
  "merged-cells",
  "formula-no-cache",
  "formula-cached",
  // cells
  "wrong-type",
  "inexact-number",
  "decimal-comma",
  "thousands-separator",
  "percent-sign",
  "bad-period",
  "bad-date",
  "unknown-category",
  "missing-value",
  "out-of-range",
  "duplicate-key",
  // totals
  "total-mismatch",
  "total-rounding",
  "total-missing-parts",
  "more-problems",
]);
export type IssueCode = z.infer<typeof issueCodeSchema>;

/** Every issue code, for documentation and `--json` consumers. */
export const issueCodes: readonly IssueCode[] = issueCodeSchema.options;

export type Severity = "error" | "warning";

/**
 * One problem, positioned at the offending cell, key or token (1-based).
 * In a spreadsheet, `line` and `column` are the cell's row and column
 * numbers, and `sheet` and `cell` name it as Excel does (`Table 1`, `C7`).
 */
export interface Issue {
  readonly code: IssueCode;
  readonly severity: Severity;
  /** Absolute path of the file (for a spreadsheet: the workbook). */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The worksheet, for a problem inside a spreadsheet. */
  readonly sheet?: string;
  /** The cell in A1 notation (`C7`), for a problem at a spreadsheet cell. */
  readonly cell?: string;
  /** What was expected and what was found. */
  readonly message: string;
  /** How to fix it, where one helps. */
  readonly hint?: string;
}

const warnings: ReadonlySet<IssueCode> = new Set<IssueCode>([
  "total-rounding",
  "total-missing-parts",
  "formula-cached",
]);

/** A line and column, both 1-based. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Text of an issue, from `messages.ts`. */
export interface IssueText {
  readonly message: string;
  readonly hint?: string | undefined;
}

export function makeIssue(code: IssueCode, file: string, at: Position, text: IssueText): Issue {
  const issue: Issue = {
    code,
    severity: warnings.has(code) ? "warning" : "error",
    file,
    line: at.line,
    column: at.column,
    message: text.message,
  };
  return text.hint === undefined ? issue : { ...issue, hint: text.hint };
}

/**
 * Renders `file:line:column: severity: message (hint: ...)`, with the file
 * relative to `cwd` (default: the process's working directory). A problem at
 * a spreadsheet cell reads `trade.xlsx!Table 1!C7: severity: ...` instead,
 * and one in a sheet but at no cell `trade.xlsx!Table 1: ...`.
 */
export function formatIssue(issue: Issue, cwd: string = process.cwd()): string {
  const rel = relative(cwd, issue.file) || issue.file;
  const hint = issue.hint === undefined ? "" : ` (hint: ${issue.hint})`;
  return `${issueLocation(issue, rel)}: ${issue.severity}: ${issue.message}${hint}`;
}

/** `file:line:column`, or `workbook!sheet!cell` for a spreadsheet cell. */
function issueLocation(issue: Issue, file: string): string {
  if (issue.sheet === undefined) return `${file}:${issue.line}:${issue.column}`;
  return issue.cell === undefined
    ? `${file}!${issue.sheet}`
    : `${file}!${issue.sheet}!${issue.cell}`;
}

/** Column number → letters, A1 style: 1 → `A`, 27 → `AA`. */
export function columnLetters(column: number): string {
  let s = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  }
  return s;
}

/** Places an issue at a spreadsheet cell: its `line`/`column` are the row and column. */
export function atCell(issue: Issue, sheet: string): Issue {
  return { ...issue, sheet, cell: `${columnLetters(issue.column)}${issue.line}` };
}

/** Orders issues by file and sheet (first appearance), then line and column; stable otherwise. */
export function sortIssues(issues: readonly Issue[]): Issue[] {
  const order = new Map<string, number>();
  const place = (i: Issue) => `${i.file}\u0000${i.sheet ?? ""}`;
  for (const i of issues) if (!order.has(place(i))) order.set(place(i), order.size);
  return [...issues].sort(
    (a, b) =>
      (order.get(place(a)) ?? 0) - (order.get(place(b)) ?? 0) ||
      a.line - b.line ||
      a.column - b.column,
  );
}
