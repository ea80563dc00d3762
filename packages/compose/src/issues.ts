/**
 * Problems as data for compose: every phase returns `ComposeIssue`s with the
 * template file and a 1-based line and column. Only the CLI prints them.
 */
import type { Issue as DataIssue } from "@briefkit/data";

export type ComposeIssueCode =
  | "template-not-found"
  | "template-yaml"
  | "template-schema"
  | "extends-cycle"
  | "extends-not-found"
  | "section-file-missing"
  | "section-file-outside"
  | "unknown-audience"
  | "unknown-section"
  | "unknown-block"
  | "block-syntax"
  | "partial-not-allowed"
  | "liquid-syntax"
  | "liquid-render"
  | "liquid-limit"
  | "markdown-heading-depth"
  | "markdown-unsupported"
  | "markdown-nesting"
  | "markdown-unsafe-link"
  | "markdown-footnote-undefined"
  | "figure-note"
  | "directive-unknown"
  | "directive-argument"
  | "unknown-chart"
  | "unknown-table"
  | "data-mismatch"
  | "unknown-key-figures"
  | "unknown-indicator"
  | "unknown-fact"
  | "unknown-column"
  | "chart-error"
  | "glyph-missing"
  | "indicator-error"
  | "indicator-unavailable"
  | "document-invalid"
  | "length-target"
  | "edition-diff"
  | "template-param";

export interface ComposeIssue {
  code: ComposeIssueCode;
  severity: "error" | "warning";
  file: string;
  line: number;
  column: number;
  message: string;
  hint?: string;
}

/** Either compose issues or data issues: the CLI prints both the same way. */
export type AnyIssue = ComposeIssue | DataIssue;

/** Collects issues during one compose run. */
export class IssueLog {
  readonly issues: ComposeIssue[] = [];
  add(
    code: ComposeIssueCode,
    severity: "error" | "warning",
    at: { file: string; line: number; column: number },
    message: string,
    hint?: string,
  ): void {
    this.issues.push({
      code,
      severity,
      file: at.file,
      line: at.line,
      column: at.column,
      message,
      ...(hint === undefined ? {} : { hint }),
    });
  }
  error(
    code: ComposeIssueCode,
    at: { file: string; line: number; column: number },
    message: string,
    hint?: string,
  ) {
    this.add(code, "error", at, message, hint);
  }
  warn(
    code: ComposeIssueCode,
    at: { file: string; line: number; column: number },
    message: string,
    hint?: string,
  ) {
    this.add(code, "warning", at, message, hint);
  }
  get hasErrors(): boolean {
    return this.issues.some((i) => i.severity === "error");
  }
}
