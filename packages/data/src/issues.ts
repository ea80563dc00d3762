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
  // file access
  "file-absolute",
  "file-outside-dataset",
  "file-not-found",
  "file-unreadable",
  "file-too-large",
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
  // cells
  "wrong-type",
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
]);
export type IssueCode = z.infer<typeof issueCodeSchema>;

/** Every issue code, for documentation and `--json` consumers. */
export const issueCodes: readonly IssueCode[] = issueCodeSchema.options;

export type Severity = "error" | "warning";

/** One problem, positioned at the offending cell, key or token (1-based). */
export interface Issue {
  readonly code: IssueCode;
  readonly severity: Severity;
  /** Absolute path of the file. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** What was expected and what was found. */
  readonly message: string;
  /** How to fix it, where one helps. */
  readonly hint?: string;
}

const warnings: ReadonlySet<IssueCode> = new Set<IssueCode>([
  "total-rounding",
  "total-missing-parts",
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
 * relative to `cwd` (default: the process's working directory).
 */
export function formatIssue(issue: Issue, cwd: string = process.cwd()): string {
  const rel = relative(cwd, issue.file) || issue.file;
  const hint = issue.hint === undefined ? "" : ` (hint: ${issue.hint})`;
  return `${rel}:${issue.line}:${issue.column}: ${issue.severity}: ${issue.message}${hint}`;
}

/** Orders issues by file (first appearance), then line and column; stable otherwise. */
export function sortIssues(issues: readonly Issue[]): Issue[] {
  const fileOrder = new Map<string, number>();
  for (const i of issues) if (!fileOrder.has(i.file)) fileOrder.set(i.file, fileOrder.size);
  return [...issues].sort(
    (a, b) =>
      (fileOrder.get(a.file) ?? 0) - (fileOrder.get(b.file) ?? 0) ||
      a.line - b.line ||
      a.column - b.column,
  );
}
