/**
 * Indicator definitions from YAML text, with positions.
 *
 * Parses YAML 1.2 (core schema, unique keys, an alias-expansion limit) with
 * @briefkit/data's `parseYaml`, validates each definition on its own with the
 * zod schema so one bad definition does not hide the others, and keeps the
 * locator so every later problem (unknown table, cycle...) can name
 * `file:line:column`.
 */
import {
  type LocatedSchemaProblem,
  parseYaml,
  validateYaml,
  type YamlProblem,
} from "@briefkit/data";
import { type IndicatorIssue, makeIssue, type Position } from "./issues.js";
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

/**
 * Parses indicator definitions from YAML text (`indicators: [...]`, the
 * shape of template.yaml's `indicators:` key) with positions, for tools and
 * tests that hold definitions as text. Briefs define their indicators in
 * template.yaml, which @briefkit/compose reads. `file` is used in issues
 * only; nothing is read from disk.
 */
export function parseIndicatorYaml(text: string, file: string): LoadedIndicators {
  // Lazy: a valid file is read by the fast parser and never asks where anything is.
  const yaml = parseYaml(text, { positions: "lazy" });
  const issues: IndicatorIssue[] = [];
  const empty = (): LoadedIndicators => ({
    file,
    definitions: [],
    issues,
    source: { file, locate: () => ({ line: 1, column: 1 }) },
  });
  if (!yaml.ok) {
    issues.push(...yaml.problems.map((p) => yamlIssue(p, file)));
    return empty();
  }
  const { data, locate } = yaml;

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
    const at = extraKeys[0] ? locate([extraKeys[0]], "key") : { line: 1, column: 1 };
    issues.push(makeIssue("file-shape", file, at, issueText.notAList(found)));
    if (!Array.isArray(list)) return empty();
  }

  const base = ["indicators"];
  const definitions: IndicatorDefinition[] = [];
  const kept: number[] = [];
  const rejected: string[] = [];
  const firstIndex = new Map<string, number>();
  (list as unknown[]).forEach((raw, index) => {
    const rawId = (raw as { id?: unknown } | null)?.id;
    const id = typeof rawId === "string" ? rawId : undefined;
    const parsed = validateYaml(yaml, indicatorDefinitionSchema, [...base, index]);
    if (!parsed.ok) {
      issues.push(...schemaIssues(parsed.problems, id, file, raw));
      if (id !== undefined) rejected.push(id);
      return;
    }
    const def = parsed.value;
    const seen = firstIndex.get(def.id);
    if (seen !== undefined) {
      const at = locate([...base, index, "id"]);
      const first = locate([...base, seen, "id"]).line;
      issues.push(makeIssue("duplicate-id", file, at, issueText.duplicateId(def.id, first)));
      return;
    }
    firstIndex.set(def.id, index);
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
      locate: (i, path = [], part = "value") => locate([...base, kept[i] ?? 0, ...path], part),
    },
  };
}

/** A problem the YAML parser found, as an issue of this package. */
function yamlIssue(p: YamlProblem, file: string): IndicatorIssue {
  switch (p.kind) {
    case "duplicate-key":
      return makeIssue("yaml-duplicate-key", file, p.at, issueText.yamlSyntax(p.message));
    case "syntax":
      return makeIssue("yaml-syntax", file, p.at, issueText.yamlSyntax(p.message));
    case "alias":
      return makeIssue("yaml-alias-limit", file, p.at, issueText.yamlSyntax(p.message));
    case "depth":
    case "tag":
      return makeIssue("yaml-syntax", file, p.at, issueText.yamlSyntax(p.message));
  }
}

/**
 * Schema problems as positioned issues, told as @briefkit/data's
 * `explainSchemaIssues` tells them (the same words template.yaml gets): a
 * failed union by the form that was meant, at the bad key, with the nearest
 * key; an unknown function by the nearest function name.
 */
function schemaIssues(
  problems: readonly LocatedSchemaProblem[],
  id: string | undefined,
  file: string,
  raw: unknown,
): IndicatorIssue[] {
  const fn = (raw as { function?: unknown } | null)?.function;
  const knownFunction = INDICATOR_FUNCTIONS.some((f) => f === fn);
  return problems.map((p) =>
    makeIssue(
      // A definition whose function is missing or unknown fails the union at its top.
      !knownFunction && p.kind === "invalid_union" && p.path.length <= 1
        ? "unknown-function"
        : "invalid-definition",
      file,
      p.at,
      issueText.schema(id, p.message),
      p.hint,
    ),
  );
}
