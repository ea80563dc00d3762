/**
 * Schema check of template-supplied Vega-Lite specs against the JSON Schema
 * vega-lite ships (`vega-lite/vega-lite-schema.json`, draft-07), with ajv.
 *
 * The top-level schema is a union of seven spec kinds, so a plain validation
 * of a typo yields dozens of errors, one per kind. We pick the kind from the
 * spec's own keys (`mark` → unit spec, `layer` → layer spec, ...) and
 * validate against that definition only, then keep the errors at the deepest
 * JSON path (the most specific complaint) plus unknown top-level properties.
 */
import { createRequire } from "node:module";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { type ChartIssue, chartIssue, segmentsOf } from "./issues.js";
import { messages } from "./messages.js";

const require = createRequire(import.meta.url);

// Which top-level definition a spec means, by the key that defines its kind.
const KINDS: readonly [string, string][] = [
  ["mark", "TopLevelUnitSpec"],
  ["layer", "TopLevelLayerSpec"],
  ["facet", "TopLevelFacetSpec"],
  ["repeat", "TopLevelRepeatSpec"],
  ["concat", "TopLevelConcatSpec"],
  ["hconcat", "TopLevelHConcatSpec"],
  ["vconcat", "TopLevelVConcatSpec"],
];

// The compiled validators. Compiling the 450-definition schema takes 1–2 s,
// so it happens once, on the first template spec, and only then; presets
// skip it. The validators are pure functions of their input once compiled.
let compiled: { ajv: Ajv; byKind: Map<string, ValidateFunction> } | undefined;

function validatorFor(definition: string): ValidateFunction {
  if (!compiled) {
    // inlineRefs off and no code optimisation: compiling the schema takes a
    // third of the time, and validating a spec still takes well under 1 ms.
    const ajv = new Ajv({
      allErrors: true,
      strict: false,
      logger: false,
      inlineRefs: false,
      code: { optimize: false },
    });
    // vega-lite's schema uses this non-standard format for colours.
    ajv.addFormat("color-hex", true);
    ajv.addSchema(require("vega-lite/vega-lite-schema.json") as object, "vega-lite");
    compiled = { ajv, byKind: new Map() };
  }
  let v = compiled.byKind.get(definition);
  if (!v) {
    v = compiled.ajv.getSchema(`vega-lite#/definitions/${definition}`);
    if (!v) throw new Error(`vega-lite schema has no definition ${definition}`);
    compiled.byKind.set(definition, v);
  }
  return v;
}

function depth(path: string): number {
  return segmentsOf(path).length;
}

function valueAt(spec: unknown, path: string): unknown {
  let node = spec;
  for (const seg of segmentsOf(path)) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[seg];
  }
  return node;
}

/** One issue for all the errors ajv reported at one path. */
function summarise(spec: unknown, path: string, errors: ErrorObject[]): ChartIssue {
  const hint = messages.schemaHint();
  const extra = new Map<string, number>();
  for (const e of errors) {
    if (e.keyword === "additionalProperties") {
      const p = String((e.params as { additionalProperty: string }).additionalProperty);
      extra.set(p, (extra.get(p) ?? 0) + 1);
    }
  }
  if (extra.size > 0) {
    // A property every alternative rejects is the real culprit; one that only
    // some alternatives reject belongs to the alternative the author meant.
    const top = Math.max(...extra.values());
    const culprit = [...extra.entries()].filter(([, n]) => n === top).map(([p]) => p)[0]!;
    const at = `${path}/${culprit.replaceAll("~", "~0").replaceAll("/", "~1")}`;
    return {
      ...chartIssue("schema", at, messages.schemaUnknownProperty(culprit), hint),
      part: "key",
    };
  }
  const value = valueAt(spec, path);
  const allowed = new Set<unknown>();
  for (const e of errors) {
    if (e.keyword === "enum")
      for (const a of (e.params as { allowedValues: unknown[] }).allowedValues) allowed.add(a);
    if (e.keyword === "const") allowed.add((e.params as { allowedValue: unknown }).allowedValue);
  }
  if (allowed.size > 0)
    return chartIssue("schema", path, messages.schemaEnum(value, [...allowed]), hint);
  const types = new Set<string>();
  for (const e of errors)
    if (e.keyword === "type") types.add(String((e.params as { type: string }).type));
  if (types.size > 0)
    return chartIssue("schema", path, messages.schemaType(value, [...types]), hint);
  const required = errors.find((e) => e.keyword === "required");
  if (required) {
    return chartIssue(
      "schema",
      path,
      messages.schemaRequired(
        String((required.params as { missingProperty: string }).missingProperty),
      ),
      hint,
    );
  }
  return chartIssue(
    "schema",
    path,
    messages.schemaOther(errors[0]?.message ?? "invalid value"),
    hint,
  );
}

/**
 * Validate a spec against the Vega-Lite schema. The spec's data may be
 * absent (rows are bound at render time); a placeholder satisfies the schema.
 */
export function checkSchema(spec: Record<string, unknown>): ChartIssue[] {
  const kind = KINDS.find(([key]) => key in spec);
  if (!kind) {
    return [
      chartIssue(
        "schema",
        "",
        messages.schemaRequired(KINDS.map(([k]) => k).join('" or "')),
        messages.schemaHint(),
      ),
    ];
  }
  const validate = validatorFor(kind[1]);
  const candidate = "data" in spec ? spec : { ...spec, data: { name: "rows" } };
  if (validate(candidate)) return [];
  const errors = (validate.errors ?? []).filter(
    (e) => !["anyOf", "oneOf", "if", "not", "allOf"].includes(e.keyword),
  );
  if (errors.length === 0) return [chartIssue("schema", "", messages.schemaOther("invalid spec"))];
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of errors) {
    const list = byPath.get(e.instancePath) ?? [];
    list.push(e);
    byPath.set(e.instancePath, list);
  }
  const deepest = Math.max(...[...byPath.keys()].map(depth));
  const issues: ChartIssue[] = [];
  for (const [path, list] of byPath) {
    const isRootExtra = path === "" && list.some((e) => e.keyword === "additionalProperties");
    if (depth(path) === deepest || isRootExtra) issues.push(summarise(spec, path, list));
  }
  // Same message at the same path once; stable order by path.
  const unique = new Map(issues.map((i) => [`${i.path}\u0000${i.message}`, i]));
  return [...unique.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
