/**
 * Chart issues: errors and warnings as data.
 *
 * Follows briefkit's issue contract (docs/architecture.md, "Errors"): every problem
 * is a `ChartIssue` with a stable `code`, a JSON Pointer (RFC 6901) `path`
 * into the spec (or `rows/<index>/<field>` into the data), and — when the
 * spec came from a file — `file`, `line` and `column`. Only the CLI prints.
 */
import { messages } from "./messages.js";

/** Every issue code this package emits. Tests match these, not the text. */
export type ChartIssueCode =
  | "json-syntax"
  | "duplicate-key"
  | "spec-not-object"
  | "too-deep"
  | "schema"
  | "data-url"
  | "url-field"
  | "image-mark"
  | "unsafe-link"
  | "javascript-url"
  | "link-expression"
  | "invalid-expression"
  | "nondeterministic"
  | "oversize"
  | "too-many-rows"
  | "too-many-marks"
  | "generator-too-large"
  | "unknown-field"
  | "invalid-row"
  | "non-finite-value"
  | "no-data"
  | "empty-chart"
  | "nan-in-output"
  | "svg-image"
  | "png-too-large"
  | "invalid-svg"
  | "invalid-options"
  | "invalid-theme"
  | "font-file"
  | "load-refused"
  | "vega-lite-warning"
  | "render-failed";

/**
 * One problem with a chart.
 *
 * @example
 * { code: "unknown-field", severity: "error", file: "charts/trade.vl.json",
 *   path: "/encoding/y/field", line: 7, column: 16,
 *   message: 'the field "valeu" is not in the data; available fields: "period", "value"',
 *   hint: 'did you mean "value"?' }
 */
export interface ChartIssue {
  code: ChartIssueCode;
  severity: "error" | "warning";
  /** The spec's file, when it came from one. */
  file?: string;
  /** JSON Pointer into the spec (`/encoding/x/field`), or `rows/3/link` into the rows. */
  path: string;
  /** What of `path` the position names: its key (a property that should not be there) or, by default, its value. */
  part?: "key" | "value";
  /** 1-based line of `path` in `file`, when the spec text is known. */
  line?: number;
  /** 1-based column of `path` in `file`, when the spec text is known. */
  column?: number;
  message: string;
  hint?: string;
}

/** Thrown by the render functions; `issues` holds every error found (at least one). */
export class ChartError extends Error {
  override readonly name = "ChartError";
  readonly issues: readonly ChartIssue[];

  constructor(issues: readonly ChartIssue[]) {
    const first = issues[0];
    const where = first ? `${first.file ? `${first.file}:` : ""}${first.path || "/"}` : "";
    super(
      first
        ? messages.chartError(issues.length, `${where}: ${first.message}`)
        : "chart error without issues",
    );
    this.issues = issues;
  }
}

/** Build an error issue; `hint` is optional. */
export function chartIssue(
  code: ChartIssueCode,
  path: string,
  message: string,
  hint?: string,
  severity: "error" | "warning" = "error",
): ChartIssue {
  return hint === undefined
    ? { code, severity, path, message }
    : { code, severity, path, message, hint };
}

/** JSON Pointer from path segments (RFC 6901 escaping). */
export function pointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${String(s).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");
}

/** Path segments from a JSON Pointer. */
export function segmentsOf(path: string): string[] {
  if (path === "" || !path.startsWith("/")) return [];
  return path
    .slice(1)
    .split("/")
    .map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/** Throw a ChartError when any issue is an error. */
export function throwIfErrors(issues: readonly ChartIssue[]): void {
  if (issues.some((i) => i.severity === "error")) {
    throw new ChartError(issues.filter((i) => i.severity === "error"));
  }
}
