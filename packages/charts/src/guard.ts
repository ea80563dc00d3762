/**
 * The security and resource check run on every spec and its rows before
 * anything reaches vega.
 *
 * It enforces briefkit's rule that no chart ever loads a URL or a file
 * (Vega-Lite `data.url`, image marks, `url` channels), that links (`href`,
 * https://vega.github.io/vega-lite/docs/encoding.html#href) are plain
 * http(s)/mailto addresses straight from the data — a `javascript:` href
 * crashes the Node process inside vega's SVG renderer (we saw it happen), so it
 * must never get there — that nothing random or clock-dependent can make two
 * builds differ, and that sizes, rows and generators stay within
 * `ChartLimits`.
 */

import * as vega from "vega";
import { type ChartIssue, chartIssue, pointer } from "./issues.js";
import type { ChartLimits } from "./limits.js";
import { messages } from "./messages.js";

type Path = (string | number)[];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Lower-cased text with the characters browsers ignore inside a URL scheme
 * (ASCII controls, whitespace) removed, so "java\tscript:" is caught too.
 */
function normalisedScheme(value: string): string {
  let out = "";
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (code > 0x20 && code !== 0x7f) out += ch.toLowerCase();
    if (out.length > 16) break;
  }
  return out;
}

/** True for `javascript:` / `vbscript:` values, however disguised by whitespace or case. */
export function isScriptUrl(value: string): boolean {
  const s = normalisedScheme(value);
  return s.startsWith("javascript:") || s.startsWith("vbscript:");
}

/** Links a chart may carry: empty (no link), http:, https:, mailto:. */
export function isSafeLink(value: string): boolean {
  if (value.trim() === "") return true;
  const s = normalisedScheme(value);
  return s.startsWith("http:") || s.startsWith("https:") || s.startsWith("mailto:");
}

// Expression functions whose result depends on a random generator or the clock.
const NONDETERMINISTIC = /\b(random|now|sampleNormal|sampleLogNormal|sampleUniform)\s*\(/;
const EXPRESSION_KEYS = new Set([
  "calculate",
  "filter",
  "expr",
  "signal",
  "test",
  "labelExpr",
  "update",
  "init",
]);

/** True when vega's expression parser accepts the text (syntax only). */
function isExpressionSyntax(text: string): boolean {
  try {
    vega.parseExpression(text);
    return true;
  } catch {
    return false;
  }
}

/** What the spec walk found beyond issues: link fields and inline row counts. */
export interface GuardFindings {
  issues: ChartIssue[];
  /** Fields bound to `href` (their row values must be safe links). */
  linkFields: Set<string>;
  /** Rows the spec carries inline (data.values, datasets). */
  inlineRows: number;
  /** Inline value arrays and where they are, for the link check. */
  inlineArrays: { rows: unknown[]; path: Path }[];
}

function hasKeyDeep(value: unknown, keys: ReadonlySet<string>): boolean {
  if (Array.isArray(value)) return value.some((v) => hasKeyDeep(v, keys));
  if (!isObject(value)) return false;
  return Object.entries(value).some(([k, v]) => keys.has(k) || hasKeyDeep(v, keys));
}

function checkStringsForScripts(value: unknown, path: Path, issues: ChartIssue[]): void {
  if (typeof value === "string") {
    if (isScriptUrl(value)) {
      issues.push(chartIssue("javascript-url", pointer(path), messages.javascriptUrl(value)));
    }
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => {
      checkStringsForScripts(v, [...path, i], issues);
    });
  } else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) checkStringsForScripts(v, [...path, k], issues);
  }
}

function checkData(
  data: Record<string, unknown>,
  path: Path,
  limits: ChartLimits,
  found: GuardFindings,
): void {
  if ("url" in data) {
    found.issues.push(
      chartIssue(
        "data-url",
        pointer([...path, "url"]),
        messages.dataUrl(data.url),
        messages.dataUrlHint(),
      ),
    );
  }
  if (Array.isArray(data.values)) {
    found.inlineRows += data.values.length;
    found.inlineArrays.push({ rows: data.values, path: [...path, "values"] });
    checkStringsForScripts(data.values, [...path, "values"], found.issues);
  } else if (typeof data.values === "string" && isScriptUrl(data.values)) {
    found.issues.push(
      chartIssue(
        "javascript-url",
        pointer([...path, "values"]),
        messages.javascriptUrl(data.values),
      ),
    );
  }
  const seq = data.sequence;
  if (isObject(seq)) {
    const start = Number(seq.start);
    const stop = Number(seq.stop);
    const step = seq.step === undefined ? 1 : Number(seq.step);
    const count = step === 0 ? Number.POSITIVE_INFINITY : Math.ceil((stop - start) / step);
    if (!Number.isFinite(count) || count > limits.maxRows) {
      found.issues.push(
        chartIssue(
          "generator-too-large",
          pointer([...path, "sequence"]),
          messages.generatorTooLarge(
            Number.isFinite(count) ? count : Number.MAX_SAFE_INTEGER,
            limits.maxRows,
          ),
          messages.tooManyHint(),
        ),
      );
    } else if (count > 0) {
      found.inlineRows += count;
    }
  }
}

function checkHref(value: unknown, path: Path, found: GuardFindings): void {
  if (typeof value === "string") {
    if (isScriptUrl(value)) {
      found.issues.push(chartIssue("javascript-url", pointer(path), messages.javascriptUrl(value)));
    } else if (!isSafeLink(value)) {
      found.issues.push(chartIssue("unsafe-link", pointer(path), messages.unsafeLink(value)));
    }
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      checkHref(v, [...path, i], found);
    });
    return;
  }
  if (!isObject(value)) return;
  if (hasKeyDeep(value, new Set(["expr", "signal"]))) {
    found.issues.push(chartIssue("link-expression", pointer(path), messages.linkExpression()));
    return;
  }
  if (typeof value.field === "string") found.linkFields.add(value.field);
  if ("value" in value) checkHref(value.value, [...path, "value"], found);
  if ("condition" in value) checkHref(value.condition, [...path, "condition"], found);
}

function checkSize(
  key: string,
  value: unknown,
  path: Path,
  limits: ChartLimits,
  found: GuardFindings,
) {
  const max =
    key === "padding"
      ? Math.min(limits.maxWidth, limits.maxHeight) / 4
      : key.toLowerCase().includes("height")
        ? limits.maxHeight
        : limits.maxWidth;
  const n = typeof value === "number" ? value : isObject(value) ? Number(value.step) : Number.NaN;
  if (Number.isFinite(n) && n > max) {
    found.issues.push(
      chartIssue(
        "oversize",
        pointer(path),
        messages.oversize(key, n, max),
        messages.oversizeHint(),
      ),
    );
  }
}

const SIZE_KEYS = new Set([
  "padding",
  "width",
  "height",
  "continuousWidth",
  "continuousHeight",
  "discreteWidth",
  "discreteHeight",
]);

function walk(node: unknown, path: Path, limits: ChartLimits, found: GuardFindings): void {
  if (Array.isArray(node)) {
    node.forEach((v, i) => {
      walk(v, [...path, i], limits, found);
    });
    return;
  }
  if (typeof node === "string") {
    if (isScriptUrl(node)) {
      found.issues.push(chartIssue("javascript-url", pointer(path), messages.javascriptUrl(node)));
    }
    const key = path[path.length - 1];
    const inExpression =
      (typeof key === "string" && EXPRESSION_KEYS.has(key)) ||
      (typeof key === "number" && EXPRESSION_KEYS.has(String(path[path.length - 2])));
    if (inExpression && !isExpressionSyntax(node)) {
      found.issues.push(
        chartIssue("invalid-expression", pointer(path), messages.invalidExpression(node)),
      );
      return;
    }
    const m = inExpression ? NONDETERMINISTIC.exec(node) : null;
    if (m) {
      found.issues.push(
        chartIssue(
          "nondeterministic",
          pointer(path),
          messages.nondeterministic(`the expression function ${m[1]}()`),
          messages.nondeterministicHint(),
        ),
      );
    }
    return;
  }
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    const here = [...path, key];
    // $schema is documentation for editors and never fetched; usermeta is never rendered.
    if (key === "$schema" || key === "usermeta") continue;
    if (key === "data" && isObject(value)) {
      checkData(value, here, limits, found);
      const { url: _url, values: _values, ...rest } = value;
      walk(rest, here, limits, found);
      continue;
    }
    if (key === "from" && isObject(value) && isObject(value.data)) {
      // lookup's secondary data: same rules as any data.
      checkData(value.data, [...here, "data"], limits, found);
    }
    if (key === "datasets" && isObject(value)) {
      for (const [name, rows] of Object.entries(value)) {
        if (Array.isArray(rows)) {
          found.inlineRows += rows.length;
          found.inlineArrays.push({ rows, path: [...here, name] });
        }
        checkStringsForScripts(rows, [...here, name], found.issues);
      }
      continue;
    }
    if (key === "url") {
      found.issues.push(chartIssue("url-field", pointer(here), messages.urlField(value)));
      continue;
    }
    if (key === "href") {
      checkHref(value, here, found);
      continue;
    }
    if (key === "mark" && (value === "image" || (isObject(value) && value.type === "image"))) {
      found.issues.push(
        chartIssue("image-mark", pointer(here), messages.imageMark(), messages.imageMarkHint()),
      );
    }
    if (key === "transform" && Array.isArray(value)) {
      value.forEach((t, i) => {
        if (isObject(t) && "sample" in t) {
          found.issues.push(
            chartIssue(
              "nondeterministic",
              pointer([...here, i, "sample"]),
              messages.nondeterministic("the sample transform"),
              messages.nondeterministicHint(),
            ),
          );
        }
      });
    }
    if (SIZE_KEYS.has(key)) checkSize(key, value, here, limits, found);
    walk(value, here, limits, found);
  }
}

/** Check a spec for loads, unsafe links, randomness and oversize requests. */
export function guardSpec(spec: unknown, limits: ChartLimits): GuardFindings {
  const found: GuardFindings = {
    issues: [],
    linkFields: new Set(),
    inlineRows: 0,
    inlineArrays: [],
  };
  walk(spec, [], limits, found);
  // Inline values bound to a link channel: same rule as rows.
  for (const { rows, path } of found.inlineArrays) {
    rows.forEach((row, i) => {
      if (!isObject(row)) return;
      for (const field of found.linkFields) {
        const v = row[field];
        if (typeof v === "string" && !isScriptUrl(v) && !isSafeLink(v)) {
          found.issues.push(
            chartIssue("unsafe-link", pointer([...path, i, field]), messages.unsafeLink(v)),
          );
        }
      }
    });
  }
  return found;
}

/**
 * Check the rows: objects of text/number/boolean/null, finite numbers, no
 * script links anywhere, safe links in link fields, and not too many.
 */
export function guardRows(
  rows: readonly unknown[],
  linkFields: ReadonlySet<string>,
  inlineRows: number,
  limits: ChartLimits,
): ChartIssue[] {
  const issues: ChartIssue[] = [];
  const total = rows.length + inlineRows;
  if (total > limits.maxRows) {
    issues.push(
      chartIssue(
        "too-many-rows",
        "rows",
        messages.tooManyRows(total, limits.maxRows),
        messages.tooManyHint(),
      ),
    );
    return issues;
  }
  rows.forEach((row, index) => {
    if (!isObject(row)) {
      issues.push(chartIssue("invalid-row", `rows/${index}`, messages.invalidRow(index)));
      return;
    }
    for (const [field, value] of Object.entries(row)) {
      const path = `rows/${index}/${field.replaceAll("~", "~0").replaceAll("/", "~1")}`;
      if (typeof value === "number") {
        if (!Number.isFinite(value)) {
          issues.push(chartIssue("non-finite-value", path, messages.nonFiniteValue(field, value)));
        }
      } else if (typeof value === "string") {
        if (isScriptUrl(value)) {
          issues.push(chartIssue("javascript-url", path, messages.javascriptUrl(value)));
        } else if (linkFields.has(field) && !isSafeLink(value)) {
          issues.push(chartIssue("unsafe-link", path, messages.unsafeLink(value)));
        }
      } else if (value !== null && typeof value !== "boolean") {
        issues.push(chartIssue("invalid-row", path, messages.invalidValue(field, value)));
      }
    }
  });
  return issues;
}
