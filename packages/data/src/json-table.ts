/**
 * JSON tables (RFC 8259): an array of objects keyed by column name, parsed
 * with @humanwhocodes/momoa for positions. JSON.parse would give no
 * positions and silently keep the last of two duplicate keys; here a
 * duplicate key is an error at the second one. Trailing commas are errors.
 * A scan first (json-scan.ts) tells a syntax fault as what it is and refuses
 * nesting past the limit, so momoa only ever parses valid, shallow JSON.
 */
import { type AnyNode, parse, type ValueNode } from "@humanwhocodes/momoa";
import { type Issue, makeIssue, type Position } from "./issues.js";
import { findJsonFault } from "./json-scan.js";
import * as msg from "./messages.js";
import type { RawCell, RawRecord, ReadResult } from "./raw.js";

const start = (n: AnyNode): Position => ({ line: n.loc.start.line, column: n.loc.start.column });

function describe(n: ValueNode): string {
  switch (n.type) {
    case "Array":
      return "a list";
    case "Object":
      return "an object";
    case "Boolean":
      return String(n.value);
    default:
      return n.type;
  }
}

function cellOf(n: ValueNode, text: string): RawCell {
  const at = start(n);
  switch (n.type) {
    case "String":
      return { text: n.value, kind: "string", ...at };
    case "Number":
      return {
        text: text.slice(n.loc.start.offset, n.loc.end.offset),
        kind: "number",
        number: n.value,
        ...at,
      };
    case "Null":
      return { text: "null", kind: "null", ...at };
    default:
      return { text: describe(n), kind: "other", ...at };
  }
}

/** Reads JSON text (BOM already removed) into records. */
export function readJsonTable(text: string, file: string): ReadResult {
  const fault = findJsonFault(text);
  if (fault !== undefined) {
    const issue =
      fault.kind === "depth"
        ? makeIssue("nesting-too-deep", file, fault.at, msg.nestingTooDeep("JSON", fault.limit))
        : makeIssue("json-syntax", file, fault.at, msg.jsonSyntax(fault.message, fault.hint));
    return { ok: false, issues: [issue] };
  }
  let root: ValueNode;
  try {
    root = parse(text, { mode: "json", ranges: false, tokens: false }).body;
  } catch (e) {
    // The scan passed the text: momoa disagreeing would be a bug, still told at its place.
    const err = e as { line?: number; column?: number; message?: string };
    const at = { line: err.line ?? 1, column: err.column ?? 1 };
    const detail = (err.message ?? "syntax error").replace(/\s*\(\d+:\d+\)$/, "");
    return { ok: false, issues: [makeIssue("json-syntax", file, at, msg.jsonSyntax(detail))] };
  }
  if (root.type !== "Array") {
    return {
      ok: false,
      issues: [
        makeIssue(
          "table-shape",
          file,
          start(root),
          msg.tableShape("a list of records", describe(root)),
        ),
      ],
    };
  }
  const issues: Issue[] = [];
  const records: RawRecord[] = [];
  for (const el of root.elements) {
    const v = el.value;
    if (v.type !== "Object") {
      issues.push(
        makeIssue(
          "table-shape",
          file,
          start(v),
          msg.tableShape("a record (an object)", describe(v)),
        ),
      );
      continue;
    }
    const fields = new Map<string, { key: Position; cell: RawCell }>();
    for (const m of v.members) {
      const name = m.name.type === "String" ? m.name.value : m.name.name;
      const first = fields.get(name);
      if (first) {
        issues.push(
          makeIssue(
            "json-duplicate-key",
            file,
            start(m.name),
            msg.jsonDuplicateKey(name, first.key.line),
          ),
        );
        continue;
      }
      fields.set(name, { key: start(m.name), cell: cellOf(m.value, text) });
    }
    records.push({ ...start(v), fields });
  }
  return { ok: true, table: { kind: "records", records }, issues };
}
