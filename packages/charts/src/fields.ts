/**
 * Field references of a Vega-Lite spec checked against the data.
 *
 * Vega-Lite treats a misspelt field as all-missing and draws an empty or
 * NaN-filled chart without complaint. This module collects every field a spec
 * reads — encoding channels (https://vega.github.io/vega-lite/docs/field.html),
 * facets, transforms and `datum.x` references inside expressions — and every
 * field transforms create, and reports each unknown one with the fields that
 * do exist. It also checks that quantitative fields hold numbers.
 */

import type { ChartRow } from "./input.js";
import { type ChartIssue, chartIssue, pointer } from "./issues.js";
import { messages } from "./messages.js";

type Path = (string | number)[];

interface FieldRef {
  field: string;
  path: Path;
  /** The encoding type, when the reference is an encoding channel. */
  type?: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The row key a Vega-Lite field string reads: "a.b" reads "a", "a\\.b" reads "a.b". */
export function rootField(field: string): string {
  let out = "";
  for (let i = 0; i < field.length; i++) {
    const ch = field[i]!;
    if (ch === "\\" && i + 1 < field.length) {
      out += field[i + 1];
      i++;
    } else if (ch === "." || ch === "[") {
      break;
    } else {
      out += ch;
    }
  }
  return out;
}

const DATUM_REF = /\bdatum\s*(?:\.\s*([A-Za-z_$][\w$]*)|\[\s*(["'])((?:(?!\2).)*)\2\s*\])/g;

function expressionRefs(expr: string, path: Path, refs: FieldRef[]): void {
  for (const m of expr.matchAll(DATUM_REF)) {
    const field = m[1] ?? m[3];
    if (field) refs.push({ field, path });
  }
}

function asNames(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}

function addFieldList(value: unknown, path: Path, refs: FieldRef[]): void {
  if (typeof value === "string") refs.push({ field: value, path });
  else if (Array.isArray(value)) {
    value.forEach((v, i) => {
      if (typeof v === "string") refs.push({ field: v, path: [...path, i] });
      else if (isObject(v) && typeof v.field === "string") {
        refs.push({ field: v.field, path: [...path, i, "field"] });
      }
    });
  }
}

function predicateRefs(pred: unknown, path: Path, refs: FieldRef[]): void {
  if (typeof pred === "string") expressionRefs(pred, path, refs);
  else if (Array.isArray(pred)) {
    pred.forEach((p, i) => {
      predicateRefs(p, [...path, i], refs);
    });
  } else if (isObject(pred)) {
    if (typeof pred.field === "string") refs.push({ field: pred.field, path: [...path, "field"] });
    for (const k of ["and", "or", "not"]) if (k in pred) predicateRefs(pred[k], [...path, k], refs);
  }
}

/** Fields read and created by one transform. */
function transformFields(
  t: Record<string, unknown>,
  path: Path,
  rows: readonly ChartRow[],
  refs: FieldRef[],
  made: Set<string>,
): void {
  const ref = (key: string) => {
    if (typeof t[key] === "string") refs.push({ field: t[key] as string, path: [...path, key] });
  };
  const make = (value: unknown) => {
    for (const n of asNames(value)) made.add(n);
  };
  if ("filter" in t) predicateRefs(t.filter, [...path, "filter"], refs);
  if (typeof t.calculate === "string") {
    expressionRefs(t.calculate, [...path, "calculate"], refs);
    make(t.as);
  }
  for (const key of ["aggregate", "joinaggregate", "window"]) {
    const ops = t[key];
    if (Array.isArray(ops)) {
      ops.forEach((op, i) => {
        if (isObject(op)) {
          if (typeof op.field === "string" && op.field !== "*") {
            refs.push({ field: op.field, path: [...path, key, i, "field"] });
          }
          make(op.as);
        }
      });
    }
  }
  addFieldList(t.groupby, [...path, "groupby"], refs);
  if (Array.isArray(t.sort)) addFieldList(t.sort, [...path, "sort"], refs);
  if ("bin" in t || "timeUnit" in t) {
    ref("field");
    make(t.as);
  }
  if (Array.isArray(t.fold)) {
    addFieldList(t.fold, [...path, "fold"], refs);
    make(t.as ?? ["key", "value"]);
  }
  if (Array.isArray(t.flatten)) {
    addFieldList(t.flatten, [...path, "flatten"], refs);
    make(t.as ?? t.flatten);
  }
  if (typeof t.pivot === "string") {
    ref("pivot");
    ref("value");
    // pivot makes one field per distinct value of the pivot field.
    for (const row of rows) {
      const v = row[t.pivot];
      if (v !== null && v !== undefined) made.add(String(v));
    }
  }
  if (typeof t.lookup === "string") {
    ref("lookup");
    make(t.as);
    if (isObject(t.from)) make(t.from.fields);
  }
  if (typeof t.impute === "string") {
    ref("impute");
    ref("key");
  }
  if (typeof t.stack === "string") {
    ref("stack");
    make(t.as);
  }
  for (const [key, defaults] of [
    ["density", ["value", "density"]],
    ["quantile", ["prob", "value"]],
  ] as const) {
    if (typeof t[key] === "string") {
      ref(key);
      make(t.as ?? defaults);
    }
  }
  for (const key of ["loess", "regression"]) {
    if (typeof t[key] === "string") {
      ref(key);
      ref("on");
      make(t.as);
    }
  }
  if (typeof t.extent === "string") ref("extent");
}

function channelRefs(channel: unknown, path: Path, refs: FieldRef[]): void {
  if (Array.isArray(channel)) {
    channel.forEach((c, i) => {
      channelRefs(c, [...path, i], refs);
    });
    return;
  }
  if (!isObject(channel)) return;
  if (typeof channel.field === "string") {
    const ref: FieldRef = { field: channel.field, path: [...path, "field"] };
    if (typeof channel.type === "string") ref.type = channel.type;
    refs.push(ref);
  }
  if ("condition" in channel) channelRefs(channel.condition, [...path, "condition"], refs);
  if (isObject(channel.condition) && "test" in channel.condition) {
    predicateRefs(channel.condition.test, [...path, "condition", "test"], refs);
  }
  if (isObject(channel.sort) && typeof channel.sort.field === "string") {
    refs.push({ field: channel.sort.field, path: [...path, "sort", "field"] });
  }
}

function collect(
  node: unknown,
  path: Path,
  rows: readonly ChartRow[],
  refs: FieldRef[],
  made: Set<string>,
  inline: Set<string>,
): void {
  if (Array.isArray(node)) {
    node.forEach((v, i) => {
      collect(v, [...path, i], rows, refs, made, inline);
    });
    return;
  }
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    const here = [...path, key];
    if (key === "usermeta" || key === "config") continue;
    if (key === "data" || key === "datasets") {
      // Fields of inline values count as available.
      const lists =
        key === "data"
          ? [isObject(value) ? value.values : undefined]
          : Object.values(isObject(value) ? value : {});
      for (const list of lists) {
        if (Array.isArray(list))
          for (const r of list) if (isObject(r)) for (const k of Object.keys(r)) inline.add(k);
      }
      continue;
    }
    if (key === "encoding" && isObject(value)) {
      for (const [channel, def] of Object.entries(value))
        channelRefs(def, [...here, channel], refs);
      continue;
    }
    if (key === "facet" && isObject(value)) {
      if (typeof value.field === "string")
        refs.push({ field: value.field, path: [...here, "field"] });
      for (const k of ["row", "column"]) channelRefs(value[k], [...here, k], refs);
      if (isObject(value.sort) && typeof value.sort.field === "string") {
        refs.push({ field: value.sort.field, path: [...here, "sort", "field"] });
      }
      continue;
    }
    if (key === "transform" && Array.isArray(value)) {
      value.forEach((t, i) => {
        if (isObject(t)) transformFields(t, [...here, i], rows, refs, made);
      });
      continue;
    }
    collect(value, here, rows, refs, made, inline);
  }
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

function suggest(field: string, available: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const name of available) {
    const d = name.toLowerCase() === field.toLowerCase() ? 0 : editDistance(field, name);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(field.length / 3)) ? best : undefined;
}

/**
 * Check every field the spec reads against the rows' fields and the fields
 * its transforms create; check quantitative fields hold numbers.
 */
export function checkFields(
  spec: unknown,
  rows: readonly ChartRow[],
  linkFields: ReadonlySet<string>,
): ChartIssue[] {
  const refs: FieldRef[] = [];
  const made = new Set<string>();
  const inline = new Set<string>();
  collect(spec, [], rows, refs, made, inline);
  const rowFields = new Set<string>();
  for (const row of rows) for (const k of Object.keys(row)) rowFields.add(k);
  const available = new Set([...rowFields, ...inline, ...made]);
  const sortedAvailable = [...available].sort();
  const issues: ChartIssue[] = [];
  const seen = new Set<string>();
  for (const ref of refs) {
    const name = available.has(ref.field) ? ref.field : rootField(ref.field);
    if (!available.has(name)) {
      const key = `${ref.field}@${pointer(ref.path)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      issues.push(
        chartIssue(
          "unknown-field",
          pointer(ref.path),
          messages.unknownField(ref.field, sortedAvailable),
          messages.unknownFieldHint(suggest(ref.field, sortedAvailable)),
        ),
      );
      continue;
    }
    if (ref.type === "quantitative" && rowFields.has(name)) {
      const bad = rows.findIndex(
        (r) => r[name] !== undefined && r[name] !== null && typeof r[name] !== "number",
      );
      if (bad >= 0) {
        if (!seen.has(`quantitative:${name}`)) {
          seen.add(`quantitative:${name}`);
          issues.push(
            chartIssue(
              "invalid-row",
              `rows/${bad}/${name}`,
              messages.notNumeric(name, rows[bad]![name]),
              messages.notNumericHint(),
            ),
          );
        }
      } else if (!rows.some((r) => typeof r[name] === "number") && !seen.has(`empty:${name}`)) {
        // A quantity with no number at all would draw an empty plot (or NaN axes).
        seen.add(`empty:${name}`);
        issues.push(chartIssue("empty-chart", pointer(ref.path), messages.noValues(name)));
      }
    }
  }
  for (const field of linkFields) {
    if (!rowFields.has(field) && made.has(field)) {
      issues.push(chartIssue("link-expression", "", messages.linkComputedField(field)));
    }
  }
  return issues;
}
