/** Printing problems: every package's issues share one shape and one format. */
import { relative } from "node:path";
import { ExitCode, type Io } from "./io.js";
import { cliMessages } from "./messages.js";

export interface PrintableIssue {
  severity: "error" | "warning";
  file: string;
  line: number;
  column: number;
  message: string;
  hint?: string | undefined;
  code: string;
  /** Spreadsheet issues name the sheet and cell (`trade.xlsx!Sheet1!C7`). */
  sheet?: string | undefined;
  cell?: string | undefined;
}

/**
 * `file:line:column: severity: message (hint: …)`, the file relative to cwd;
 * a spreadsheet cell reads `book.xlsx!Sheet!C7: …`.
 */
export function formatProblem(i: PrintableIssue, cwd: string): string {
  const file = relative(cwd, i.file) || i.file;
  const where =
    i.sheet !== undefined && i.cell !== undefined
      ? `${file}!${i.sheet}!${i.cell}`
      : `${file}:${i.line}:${i.column}`;
  return `${where}: ${i.severity}: ${i.message}${i.hint ? ` (hint: ${i.hint})` : ""}`;
}

export function countBySeverity(issues: readonly PrintableIssue[]) {
  return {
    errors: issues.filter((i) => i.severity === "error").length,
    warnings: issues.filter((i) => i.severity === "warning").length,
  };
}

export function relativeFile<T extends PrintableIssue>(i: T, cwd: string): T {
  return { ...i, file: relative(cwd, i.file) || i.file };
}

/**
 * Each problem once. A build composes every audience, and a diff two
 * editions of each: a problem in a section or in template.yaml that they
 * share is found once per composition, but it is one thing to fix.
 */
export function uniqueIssues<T extends PrintableIssue>(issues: readonly T[]): T[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = [i.severity, i.code, i.file, i.line, i.column, i.message, i.sheet, i.cell].join(
      "\0",
    );
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Prints every problem (once) and the failure summary; invalid input exits 1 and writes nothing. */
export function reportFailure(io: Io, all: readonly PrintableIssue[]): ExitCode {
  const issues = uniqueIssues(all);
  for (const i of issues) io.err(`${formatProblem(i, io.cwd)}\n`);
  const { errors, warnings } = countBySeverity(issues);
  io.err(`${cliMessages.failedSummary(errors, warnings)}\n`);
  return ExitCode.invalidInput;
}
