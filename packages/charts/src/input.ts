/**
 * What a chart is made of: a Vega-Lite spec (https://vega.github.io/vega-lite/)
 * plus the rows it draws, and — for alt text — a description of what the
 * spec encodes. Also the JSON reader for spec files, which keeps source
 * positions (via @humanwhocodes/momoa) so every issue can name
 * `file:line:column`, and refuses duplicate keys that `JSON.parse` would
 * silently collapse.
 */
import { type AnyNode, parse as parseJsonAst } from "@humanwhocodes/momoa";
import { ChartError, type ChartIssue, chartIssue, pointer, segmentsOf } from "./issues.js";
import { messages } from "./messages.js";
import type { ChartThemeOverrides } from "./theme.js";

/** One cell value of a row: text, a finite number, true/false, or null (missing). */
export type ChartValue = string | number | boolean | null;

/** One data row: field name -> value. @example { period: "1998", flow: "Exports", value: 2.9 } */
export type ChartRow = Readonly<Record<string, ChartValue>>;

/** The kinds of chart alt text can name. */
export type ChartKind =
  | "line"
  | "bar"
  | "grouped-bar"
  | "stacked-bar"
  | "shares"
  | "small-multiples"
  | "area"
  | "point"
  | "pie"
  | "donut"
  | "chart";

/**
 * What a chart shows, in data terms, for its alt text. Presets fill it in;
 * for a raw spec it is derived from the spec's encoding unless given.
 *
 * @example
 * { kind: "line", title: "Russia–Japan trade", unit: "US$ billion",
 *   category: { field: "period", label: "Year", isPeriod: true },
 *   value: { field: "value" }, series: { field: "flow" },
 *   partial: { field: "partial", note: "first half only" } }
 */
export interface ChartDescription {
  kind: ChartKind;
  title?: string;
  /** The period or category field: x of a column chart, y of a horizontal bar chart. */
  category: { field: string; label?: string; isPeriod: boolean };
  /** The measured value. */
  value: { field: string; label?: string };
  /** The field that splits the data into series (colour, dash). */
  series?: { field: string; label?: string };
  /** The field that splits the chart into panels. */
  facet?: { field: string; label?: string };
  /** Unit of the values, e.g. "US$ billion" or "%". */
  unit?: string;
  /** Rows whose `field` is true are partial periods (e.g. a first half-year). */
  partial?: { field: string; note: string };
}

/**
 * One chart to render.
 *
 * @example
 * { spec: { mark: "bar", encoding: { ... } }, rows: [{ region: "Sakhalin", value: 293.5 }],
 *   file: "templates/russia-japan/charts/regions.vl.json" }
 */
export interface ChartInput {
  /** A Vega-Lite spec. Its top-level data is replaced by `rows` when rows are given. */
  spec: unknown;
  /** The rows the chart draws. */
  rows?: readonly ChartRow[];
  /** The file the spec came from, for issue positions. */
  file?: string;
  /** The spec's source text (JSON), for issue line:column. */
  sourceText?: string;
  /** What the chart shows, for alt text; derived from the spec when absent. */
  description?: ChartDescription;
  /**
   * "preset" specs come from this package's presets and skip the Vega-Lite
   * schema check (they are schema-tested here); everything else is checked.
   * Security checks apply to both.
   */
  origin?: "preset" | "template";
  /** The theme overrides a preset was built with; `RenderOptions.theme` wins. */
  theme?: ChartThemeOverrides;
  /**
   * What a reader needs to know beside the chart, for the figure's notes:
   * a pie's or shares chart's rounded labels that do not add up to 100%.
   */
  notes?: string[];
}

type Position = { line: number; column: number };

/** A property's key and value, or a list item (its own key), under `node`. */
function childOf(node: AnyNode, segment: string): { key: AnyNode; value: AnyNode } | undefined {
  if (node.type === "Object") {
    // Last duplicate wins, as in the evaluated value.
    let found: { key: AnyNode; value: AnyNode } | undefined;
    for (const m of node.members)
      if (m.name.type === "String" && m.name.value === segment)
        found = { key: m.name, value: m.value };
    if (!found)
      for (const m of node.members)
        if (m.name.type === "Identifier" && m.name.name === segment)
          found = { key: m.name, value: m.value };
    return found;
  }
  if (node.type === "Array") {
    const item = node.elements[Number(segment)]?.value;
    return item && { key: item, value: item };
  }
  return undefined;
}

/**
 * The line:column of a JSON Pointer in JSON text: the deepest node the
 * pointer reaches (so a missing property points at its parent object); with
 * `part: "key"`, the key of the last property reached.
 */
export function locate(
  text: string,
  path: string,
  part: "key" | "value" = "value",
): Position | undefined {
  let node: AnyNode;
  let key: AnyNode | undefined;
  try {
    node = parseJsonAst(text, { mode: "json" }).body;
  } catch {
    return undefined;
  }
  for (const seg of segmentsOf(path)) {
    const next = childOf(node, seg);
    if (!next) break;
    node = next.value;
    key = next.key;
  }
  const at = part === "key" && key ? key : node;
  return { line: at.loc.start.line, column: at.loc.start.column };
}

/** Add `file` and, when the text is known, `line`/`column` to spec issues. */
export function positionIssues(
  issues: readonly ChartIssue[],
  file: string | undefined,
  text: string | undefined,
): ChartIssue[] {
  return issues.map((issue) => {
    // Row issues point into the data, not the spec file.
    const inSpec = issue.path === "" || issue.path.startsWith("/");
    const out: ChartIssue = file === undefined || !inSpec ? { ...issue } : { ...issue, file };
    if (text !== undefined && issue.path.startsWith("/") && issue.line === undefined) {
      const pos = locate(text, issue.path, issue.part);
      if (pos) {
        out.line = pos.line;
        out.column = pos.column;
      }
    }
    if (text !== undefined && issue.path === "" && issue.line === undefined) {
      out.line = 1;
      out.column = 1;
    }
    return out;
  });
}

function findDuplicateKeys(node: AnyNode, path: (string | number)[], out: ChartIssue[]): void {
  if (node.type === "Object") {
    const seen = new Set<string>();
    for (const m of node.members) {
      const key = m.name.type === "String" ? m.name.value : m.name.name;
      if (seen.has(key)) {
        out.push({
          ...chartIssue(
            "duplicate-key",
            pointer([...path, key]),
            messages.duplicateKey(key),
            messages.duplicateKeyHint(),
          ),
          line: m.name.loc.start.line,
          column: m.name.loc.start.column,
        });
      }
      seen.add(key);
      findDuplicateKeys(m.value, [...path, key], out);
    }
  } else if (node.type === "Array") {
    node.elements.forEach((e, i) => {
      findDuplicateKeys(e.value, [...path, i], out);
    });
  }
}

/**
 * How deep a spec's objects and lists may nest. Vega-Lite's own specs nest
 * about a dozen levels (a layer in a facet, an encoding's scale's domain);
 * the JSON parser and every check after it recurse, so a file of 10,000 `[`
 * would exhaust the stack: it is refused first, at the bracket past the limit.
 */
export const MAX_SPEC_DEPTH = 100;

/** Where the first `{` or `[` nested deeper than `max` is (outside strings), if any. */
function tooDeepAt(text: string, max: number): Position | undefined {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      line++;
      lineStart = i + 1;
    } else if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > max) return { line, column: i - lineStart + 1 };
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return undefined;
}

/**
 * Read a chart spec file's text: JSON with positions. Throws `ChartError`
 * (`too-deep`, `json-syntax`, `duplicate-key`, `spec-not-object`) with
 * file:line:column. A leading BOM is dropped (`sourceText` is the text read).
 *
 * @example
 * const input = parseChartSpec(readFileSync(file, "utf8"), file);
 * await renderChart({ ...input, rows });
 */
export function parseChartSpec(
  source: string,
  file?: string,
): Pick<ChartInput, "spec" | "sourceText"> & { file?: string } {
  // A leading BOM (an editor's) is not part of the JSON, as in YAML files.
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const deep = tooDeepAt(text, MAX_SPEC_DEPTH);
  if (deep) {
    const issue: ChartIssue = {
      ...chartIssue("too-deep", "", messages.tooDeep(MAX_SPEC_DEPTH), messages.tooDeepHint()),
      ...deep,
    };
    throw new ChartError([file === undefined ? issue : { ...issue, file }]);
  }
  let doc: ReturnType<typeof parseJsonAst>;
  try {
    doc = parseJsonAst(text, { mode: "json" });
  } catch (error) {
    const e = error as { message?: string; line?: number; column?: number };
    const detail = String(e.message ?? error).replace(/ \(\d+:\d+\)$/, "");
    const issue: ChartIssue = chartIssue("json-syntax", "", messages.jsonSyntax(detail));
    if (file !== undefined) issue.file = file;
    if (typeof e.line === "number") issue.line = e.line;
    if (typeof e.column === "number") issue.column = e.column;
    throw new ChartError([issue]);
  }
  const dupes: ChartIssue[] = [];
  findDuplicateKeys(doc.body, [], dupes);
  if (doc.body.type !== "Object") {
    dupes.unshift({
      ...chartIssue("spec-not-object", "", messages.specNotObject()),
      line: 1,
      column: 1,
    });
  }
  if (dupes.length > 0) {
    throw new ChartError(dupes.map((d) => (file === undefined ? d : { ...d, file })));
  }
  const spec: unknown = JSON.parse(text);
  return file === undefined ? { spec, sourceText: text } : { spec, sourceText: text, file };
}
