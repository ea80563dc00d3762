/**
 * Indicator definitions from YAML text, with positions.
 *
 * Parses YAML 1.2 (core schema, unique keys, an alias-expansion limit) with
 * the `yaml` package, validates each definition on its own with the zod
 * schema so one bad definition does not hide the others, and keeps a locator
 * so every later problem (unknown table, cycle...) can name `file:line:column`.
 */
import { explainSchemaIssues, locateInYaml } from "@briefkit/data";
import { LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import {
  type IndicatorIssue,
  type IndicatorIssueCode,
  makeIssue,
  type Position,
} from "./issues.js";
import { issueText } from "./messages.js";
import {
  INDICATOR_FUNCTIONS,
  type IndicatorDefinition,
  indicatorDefinitionSchema,
} from "./schema.js";

/** A path inside one definition, e.g. `["input", "table"]`. */
export type DefinitionPath = readonly (string | number)[];

/**
 * Where definitions came from, so the evaluator can position its issues.
 * `locate(i, path)` is the position of `path` inside the i-th definition
 * passed to `evaluateIndicators` (`part: "key"` for the key itself).
 */
export interface DefinitionSource {
  file: string;
  locate(index: number, path?: DefinitionPath, part?: "key" | "value"): Position;
  /** Ids of definitions that failed validation: dependents are `na`, not "unknown". */
  rejected?: readonly string[];
}

/** What `parseIndicatorYaml` returns. */
export interface LoadedIndicators {
  file: string;
  /** The valid definitions, in file order. */
  definitions: IndicatorDefinition[];
  /** Problems with the file or with single definitions (those are left out). */
  issues: IndicatorIssue[];
  /** Pass as `evaluateIndicators(ds, loaded.definitions, { source: loaded.source })`. */
  source: DefinitionSource;
}

/** Alias expansions allowed: enough for anchors, too few for a bomb. */
const MAX_ALIAS_COUNT = 50;

/**
 * Parses indicator definitions from YAML text (`indicators: [...]`, the
 * shape of template.yaml's `indicators:` key) with positions, for tools and
 * tests that hold definitions as text. Briefs define their indicators in
 * template.yaml, which @briefkit/compose reads. `file` is used in issues
 * only; nothing is read from disk.
 */
export function parseIndicatorYaml(text: string, file: string): LoadedIndicators {
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    version: "1.2",
    schema: "core",
    uniqueKeys: true,
    prettyErrors: false,
    lineCounter: lines,
  });
  const pos = (offset: number): Position => {
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const issues: IndicatorIssue[] = [];
  const empty = (): LoadedIndicators => ({
    file,
    definitions: [],
    issues,
    source: { file, locate: () => ({ line: 1, column: 1 }) },
  });

  for (const e of doc.errors) {
    const code: IndicatorIssueCode =
      e.code === "DUPLICATE_KEY" ? "yaml-duplicate-key" : "yaml-syntax";
    issues.push(
      makeIssue(
        code,
        file,
        pos(e.pos[0]),
        issueText.yamlSyntax(e.message.split("\n")[0] ?? e.code),
      ),
    );
  }
  if (issues.length > 0) return empty();

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    issues.push(
      makeIssue("yaml-alias-limit", file, { line: 1, column: 1 }, issueText.yamlSyntax(reason)),
    );
    return empty();
  }

  const given = (data as { indicators?: unknown } | null)?.indicators;
  // `indicators:` with nothing after it is an empty list, not a wrong shape.
  const list =
    given === null && data !== null && typeof data === "object" && "indicators" in data
      ? []
      : given;
  const extraKeys =
    data !== null && typeof data === "object" && !Array.isArray(data)
      ? Object.keys(data).filter((k) => k !== "indicators" && k !== "$schema")
      : [];
  if (!Array.isArray(list) || extraKeys.length > 0) {
    const found = Array.isArray(data)
      ? "a list"
      : extraKeys.length > 0
        ? `keys ${extraKeys.join(", ")}`
        : data === null || data === undefined
          ? "an empty document"
          : `${typeof data}`;
    const at = extraKeys[0] ? locateInYaml(doc.contents, [extraKeys[0]], "key", pos) : pos(0);
    issues.push(makeIssue("file-shape", file, at, issueText.notAList(found)));
    if (!Array.isArray(list)) return empty();
  }

  const base = ["indicators"];
  const definitions: IndicatorDefinition[] = [];
  const kept: number[] = [];
  const rejected: string[] = [];
  const firstLine = new Map<string, number>();
  (list as unknown[]).forEach((raw, index) => {
    const at = (path: DefinitionPath, part: "key" | "value" = "value") =>
      locateInYaml(doc.contents, [...base, index, ...path], part, pos);
    const rawId = (raw as { id?: unknown } | null)?.id;
    const id = typeof rawId === "string" ? rawId : undefined;
    const parsed = indicatorDefinitionSchema.safeParse(raw);
    if (!parsed.success) {
      issues.push(...schemaIssues(parsed.error.issues, id, file, at, raw));
      if (id !== undefined) rejected.push(id);
      return;
    }
    const def = parsed.data;
    const seen = firstLine.get(def.id);
    if (seen !== undefined) {
      issues.push(makeIssue("duplicate-id", file, at(["id"]), issueText.duplicateId(def.id, seen)));
      return;
    }
    firstLine.set(def.id, at(["id"]).line);
    definitions.push(def);
    kept.push(index);
  });

  return {
    file,
    definitions,
    issues,
    source: {
      file,
      rejected,
      locate: (i, path = [], part = "value") =>
        locateInYaml(doc.contents, [...base, kept[i] ?? 0, ...path], part, pos),
    },
  };
}

/**
 * zod issues as positioned issues, told as @briefkit/data's
 * `explainSchemaIssues` tells them (the same words template.yaml gets): a
 * failed union by the form that was meant, at the bad key, with the nearest
 * key; an unknown function by the nearest function name.
 */
function schemaIssues(
  zodIssues: readonly z.core.$ZodIssue[],
  id: string | undefined,
  file: string,
  at: (path: DefinitionPath, part?: "key" | "value") => Position,
  raw: unknown,
): IndicatorIssue[] {
  const fn = (raw as { function?: unknown } | null)?.function;
  const knownFunction = INDICATOR_FUNCTIONS.some((f) => f === fn);
  return explainSchemaIssues(indicatorDefinitionSchema, raw, zodIssues).map((p) =>
    makeIssue(
      // A definition whose function is missing or unknown fails the union at its top.
      !knownFunction && p.kind === "invalid_union" && p.path.length <= 1
        ? "unknown-function"
        : "invalid-definition",
      file,
      at(p.path, p.part),
      issueText.schema(id, p.message),
      p.hint,
    ),
  );
}
