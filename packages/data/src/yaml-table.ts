/**
 * YAML tables: a YAML 1.2 (core schema) sequence of mappings keyed by column
 * name, with positions from the `yaml` parser. Duplicate keys are errors
 * (`uniqueKeys`), and alias expansion is capped against alias bombs.
 */
import { type Alias, isAlias, isMap, isScalar, isSeq, type Node } from "yaml";
import { type Issue, makeIssue, type Position } from "./issues.js";
import * as msg from "./messages.js";
import { aliasTargets, boundedData, parseYamlDocument, yamlIssues } from "./positioned-yaml.js";
import type { RawCell, RawRecord, ReadResult } from "./raw.js";

function describe(node: unknown): string {
  if (isMap(node)) return "a mapping";
  if (isSeq(node)) return "a list";
  if (isScalar(node))
    return typeof node.value === "string" ? JSON.stringify(node.value) : String(node.value);
  return "nothing";
}

type Targets = ReadonlyMap<Alias, Node | undefined>;

function cellOf(node: unknown, targets: Targets, at: Position): RawCell {
  // A scalar alias stands for its anchor's value; expansion was bounded above.
  const target = isAlias(node) ? targets.get(node) : node;
  if (target === null || target === undefined) return { text: "null", kind: "null", ...at };
  if (!isScalar(target)) return { text: describe(target), kind: "other", ...at };
  const v = target.value;
  if (v === null) return { text: "null", kind: "null", ...at };
  if (typeof v === "string") return { text: v, kind: "string", ...at };
  if (typeof v === "number")
    return { text: target.source ?? String(v), kind: "number", number: v, ...at };
  return { text: String(v), kind: "other", ...at };
}

/** Reads YAML text into records. */
export function readYamlTable(text: string, file: string): ReadResult {
  const parsed = parseYamlDocument(text);
  if (!parsed.ok) return { ok: false, issues: yamlIssues(parsed.problems, file) };
  const { doc, pos } = parsed;
  // The walk below never expands aliases, but a file with them still gets the bomb check.
  const targets = aliasTargets(doc);
  if (targets.size > 0) {
    const js = boundedData(doc, pos);
    if (!js.ok) return { ok: false, issues: yamlIssues([js.problem], file) };
  }
  const startOf = (n: unknown, fallback: Position): Position => {
    const range = (n as Node | null)?.range;
    return range ? pos(range[0]) : fallback;
  };
  const root = doc.contents;
  if (!isSeq(root)) {
    return {
      ok: false,
      issues: [
        makeIssue(
          "table-shape",
          file,
          startOf(root, { line: 1, column: 1 }),
          msg.tableShape("a list of records", describe(root)),
        ),
      ],
    };
  }
  const issues: Issue[] = [];
  const records: RawRecord[] = [];
  for (const item of root.items) {
    const node = isAlias(item) ? targets.get(item) : item;
    const at = startOf(item, { line: 1, column: 1 });
    if (!isMap(node)) {
      issues.push(
        makeIssue("table-shape", file, at, msg.tableShape("a record (a mapping)", describe(node))),
      );
      continue;
    }
    const fields = new Map<string, { key: Position; cell: RawCell }>();
    for (const pair of node.items) {
      const keyAt = startOf(pair.key, at);
      const name = isScalar(pair.key) ? String(pair.key.value) : describe(pair.key);
      fields.set(name, {
        key: keyAt,
        cell: cellOf(pair.value, targets, startOf(pair.value, keyAt)),
      });
    }
    records.push({ ...at, fields });
  }
  return { ok: true, table: { kind: "records", records }, issues };
}
