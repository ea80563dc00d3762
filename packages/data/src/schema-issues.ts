/**
 * zod issues as sentences a newcomer can act on, each at the place to fix.
 *
 * zod reports a failed union as "Invalid input" at the union's parent, and
 * an unknown key at the object holding it. Here, with the schema and the
 * data at hand:
 *
 * - a failed union is explained by the branch the author evidently meant
 *   (the object branch sharing most keys with what was written): "a table
 *   reference needs table and measure (optional: where, period, label);
 *   found unknown key "measures"", located at `measures` itself, with the
 *   nearest key as a hint;
 * - an unknown key is located at the key, with the nearest allowed key;
 * - a missing key is located at the mapping that lacks it.
 *
 * Used for dataset.yaml (`parseManifest`) and by @briefkit/compose for
 * template.yaml; positions are the caller's (a path and whether the key or
 * the value is meant).
 */
import type * as z from "zod";
import type { IssueText } from "./issues.js";
import * as msg from "./messages.js";
import { nearestName } from "./nearest.js";

/** A path into the data, as zod gives it (symbols dropped). */
export type SchemaPath = readonly (string | number)[];

/** One problem: where (a path, its key or its value) and what to say. */
export interface SchemaProblem extends IssueText {
  path: SchemaPath;
  part: "key" | "value";
  /** The zod issue code behind it (unrecognized_keys, invalid_union, ...). */
  kind: string;
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  getter?: () => z.ZodType;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: readonly z.ZodType[];
  discriminator?: string;
  entries?: Record<string, unknown>;
  values?: readonly unknown[];
  items?: readonly z.ZodType[];
}

const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

const WRAPPERS = new Set([
  "optional",
  "nullable",
  "default",
  "prefault",
  "readonly",
  "catch",
  "nonoptional",
  "success",
]);

/** The schema under optional/default/pipe/lazy wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let guard = 0; guard < 32; guard++) {
    const d = defOf(s);
    if (WRAPPERS.has(d.type) && d.innerType) s = d.innerType;
    else if (d.type === "pipe" && d.in) s = d.in;
    else if (d.type === "lazy" && d.getter) s = d.getter();
    else break;
  }
  return s;
}

/** The alternatives of a union, nested unions flattened; a non-union is its own one option. */
function alternatives(schema: z.ZodType): z.ZodType[] {
  const s = unwrap(schema);
  const d = defOf(s);
  return d.type === "union" && d.options ? d.options.flatMap(alternatives) : [s];
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

const shapeOf = (s: z.ZodType): Record<string, z.ZodType> | undefined => {
  const d = defOf(unwrap(s));
  return d.type === "object" ? d.shape : undefined;
};

function requiredKeys(shape: Record<string, z.ZodType>): string[] {
  return Object.keys(shape).filter((k) => !shape[k]!.isOptional());
}

/**
 * How well an object branch fits what was written: keys it knows count for
 * it, required keys that are missing against it; fewer problems break a tie.
 */
function fit(branch: z.ZodType, value: Record<string, unknown>): number {
  const shape = shapeOf(branch) ?? {};
  const known = Object.keys(value).filter((k) => k in shape).length;
  const missing = requiredKeys(shape).filter((k) => !(k in value)).length;
  return known * 2 - missing;
}

/** The union alternative meant for `value`: the discriminator's, one that accepts it, or the best fit. */
function branchFor(union: z.ZodType, value: unknown): z.ZodType | undefined {
  const options = alternatives(union);
  const d = defOf(unwrap(union));
  if (d.discriminator !== undefined && isPlainObject(value)) {
    const tag = value[d.discriminator];
    const hit = options.find((o) => {
      const lit = shapeOf(o)?.[d.discriminator!];
      return lit?.safeParse(tag).success === true;
    });
    if (hit) return hit;
  }
  const accepted = options.find((o) => o.safeParse(value).success);
  if (accepted) return accepted;
  if (!isPlainObject(value)) return undefined;
  const objects = options.filter((o) => shapeOf(o) !== undefined);
  let best: z.ZodType | undefined;
  let bestFit = Number.NEGATIVE_INFINITY;
  let bestCount = Number.POSITIVE_INFINITY;
  for (const o of objects) {
    const f = fit(o, value);
    const count = o.safeParse(value).error?.issues.length ?? 0;
    if (f > bestFit || (f === bestFit && count < bestCount)) {
      best = o;
      bestFit = f;
      bestCount = count;
    }
  }
  return best;
}

/** The value at `path` in plain data, or undefined where the path leaves it. */
export function getIn(data: unknown, path: SchemaPath): unknown {
  let cur = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

/** The schema that checks the value at `path` (unions resolved by the data), if known. */
export function schemaAt(root: z.ZodType, data: unknown, path: SchemaPath): z.ZodType | undefined {
  let s: z.ZodType | undefined = root;
  for (let i = 0; i <= path.length && s; i++) {
    s = unwrap(s);
    if (defOf(s).type === "union") {
      s = branchFor(s, getIn(data, path.slice(0, i)));
      if (!s) return undefined;
      s = unwrap(s);
    }
    if (i === path.length) break;
    const seg = path[i]!;
    const d = defOf(s);
    switch (d.type) {
      case "object":
        s = d.shape?.[String(seg)] ?? d.catchall;
        break;
      case "array":
        s = d.element;
        break;
      case "record":
        s = d.valueType;
        break;
      case "tuple":
        s = typeof seg === "number" ? d.items?.[seg] : undefined;
        break;
      default:
        s = undefined;
    }
  }
  return s;
}

/** "input", "indicators[0]": how a message names the place. */
function label(path: SchemaPath): string {
  let out = "";
  for (const seg of path) out += typeof seg === "number" ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}

const article = (word: string) => (/^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`);

/** "a table reference": a branch named by its first required key that its siblings do not require. */
function branchName(branch: z.ZodType, siblings: readonly z.ZodType[]): string {
  const req = requiredKeys(shapeOf(branch) ?? {});
  const shared = (k: string) =>
    siblings.every((o) => o === branch || requiredKeys(shapeOf(o) ?? {}).includes(k));
  const key = req.find((k) => !shared(k)) ?? req[0];
  return key === undefined ? "this entry" : `${article(key)} reference`;
}

/** What a schema accepts, in words, for "expected X, found Y". */
function describe(schema: z.ZodType): string {
  const s = unwrap(schema);
  const d = defOf(s);
  switch (d.type) {
    case "string":
      return "a text";
    case "number":
    case "int":
    case "bigint":
      return "a number";
    case "boolean":
      return "true or false";
    case "array":
      return "a list";
    case "record":
      return "a mapping";
    case "object":
      return `a mapping with ${requiredKeys(d.shape ?? {}).join(", ") || "keys"}`;
    case "enum":
      return `one of ${Object.values(d.entries ?? {}).join(", ")}`;
    case "literal":
      return (d.values ?? []).map((v) => JSON.stringify(v)).join(" or ");
    case "union":
      return alternatives(s).map(describe).join(" or ");
    default:
      return d.type;
  }
}

/**
 * Explains zod's issues for `data` against `schema` (the same schema that
 * produced them). Every issue becomes at least one problem; a union's
 * issues become the problems of the branch that was meant.
 */
export function explainSchemaIssues(
  schema: z.ZodType,
  data: unknown,
  issues: readonly z.core.$ZodIssue[],
): SchemaProblem[] {
  return issues.flatMap((issue) => explain(schema, data, issue, []));
}

/**
 * One issue of `data` checked by `root`; `base` is where `data` sits in the
 * whole document (for the problem's path and the place its message names).
 */
function explain(
  root: z.ZodType,
  data: unknown,
  issue: z.core.$ZodIssue,
  base: SchemaPath,
): SchemaProblem[] {
  const rel = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  const value = getIn(data, rel);
  const problem = (p: SchemaPath, part: "key" | "value", text: IssueText): SchemaProblem => ({
    path: [...base, ...p],
    part,
    kind: issue.code,
    ...text,
  });
  const named = (p: SchemaPath, text: IssueText): IssueText => {
    const place = label([...base, ...p]);
    return place ? { ...text, message: `${place}: ${text.message}` } : text;
  };
  const place = label([...base, ...rel]) || "value";
  const missing = (p: SchemaPath, key: string) =>
    problem(p, "key", named(p, msg.schemaMissingKey(key)));
  switch (issue.code) {
    case "unrecognized_keys": {
      const owner = schemaAt(root, data, rel);
      const known = owner ? Object.keys(shapeOf(owner) ?? {}) : [];
      return issue.keys.map((k) =>
        problem(
          [...rel, k],
          "key",
          named(rel, msg.schemaUnknownKey(k, nearestName(k, known), known)),
        ),
      );
    }
    case "invalid_type":
      if (value === undefined && rel.length > 0)
        return [missing(rel.slice(0, -1), String(rel.at(-1)))];
      return [problem(rel, "value", msg.schemaWrongType(place, issue.expected, value))];
    case "invalid_union": {
      const tagged = issue as { discriminator?: string; options?: readonly unknown[] };
      if (tagged.discriminator !== undefined) {
        // zod 4 puts the discriminator at the end of the path; earlier versions left it out.
        const tagPath = rel.at(-1) === tagged.discriminator ? rel : [...rel, tagged.discriminator];
        const found = getIn(data, tagPath);
        const options = (tagged.options ?? []).map(String);
        if (found === undefined) return [missing(tagPath.slice(0, -1), tagged.discriminator)];
        return [
          problem(
            tagPath,
            "value",
            msg.schemaNotOneOf(
              label([...base, ...tagPath]),
              options,
              found,
              nearestName(String(found), options),
            ),
          ),
        ];
      }
      if (value === undefined && rel.length > 0)
        return [missing(rel.slice(0, -1), String(rel.at(-1)))];
      const union = unionAt(root, data, rel);
      if (!union) return [problem(rel, "value", named(rel, { message: issue.message }))];
      return explainUnion(union, value, [...base, ...rel]);
    }
    case "invalid_value": {
      const options = issue.values.map(String);
      return [
        problem(
          rel,
          "value",
          msg.schemaNotOneOf(place, options, value, nearestName(String(value), options)),
        ),
      ];
    }
    case "invalid_key": {
      // A mapping key that breaks its rule (ids are kebab-case): said of the key, at the key.
      const key = String(rel.at(-1));
      const rule = issue.issues[0]?.message ?? issue.message;
      return [problem(rel, "key", named(rel.slice(0, -1), msg.schemaBadKey(key, rule)))];
    }
    case "too_small":
      return [
        problem(rel, "value", msg.schemaTooSmall(place, Number(issue.minimum), issue.origin)),
      ];
    case "too_big":
      return [problem(rel, "value", msg.schemaTooBig(place, Number(issue.maximum)))];
    default:
      return [problem(rel, "value", named(rel, { message: issue.message }))];
  }
}

/** The schema at `path` as declared (a union stays a union). */
function unionAt(root: z.ZodType, data: unknown, path: SchemaPath): z.ZodType | undefined {
  if (path.length === 0) return unwrap(root);
  const parent = schemaAt(root, data, path.slice(0, -1));
  if (!parent) return undefined;
  const d = defOf(unwrap(parent));
  const seg = path.at(-1)!;
  switch (d.type) {
    case "object":
      return d.shape?.[String(seg)] ?? d.catchall;
    case "array":
      return d.element;
    case "record":
      return d.valueType;
    default:
      return undefined;
  }
}

/**
 * A failed union: the problems of the branch that was meant. Unknown and
 * missing keys at the branch's top are told as one sentence naming what the
 * branch needs, at the unknown key (the place to fix).
 */
function explainUnion(union: z.ZodType, value: unknown, path: SchemaPath): SchemaProblem[] {
  const place = label(path) || "value";
  const options = alternatives(union);
  const branch = isPlainObject(value) ? branchFor(union, value) : undefined;
  const shape = branch ? shapeOf(branch) : undefined;
  if (!branch || !shape || !isPlainObject(value)) {
    return [
      {
        path,
        part: "value",
        kind: "invalid_union",
        ...msg.schemaNoAlternative(place, options.map(describe), value),
      },
    ];
  }
  const issues = branch.safeParse(value).error?.issues ?? [];
  const top = (i: z.core.$ZodIssue) => i.path.length === 0;
  const unknown = issues.flatMap((i) =>
    i.code === "unrecognized_keys" && top(i) ? [...i.keys] : [],
  );
  const missing = issues.flatMap((i) =>
    i.path.length === 1 &&
    value[String(i.path[0])] === undefined &&
    (i.code === "invalid_type" || i.code === "invalid_union")
      ? [String(i.path[0])]
      : [],
  );
  const required = requiredKeys(shape);
  const optional = Object.keys(shape).filter((k) => !required.includes(k));
  const name = branchName(branch, options);
  const out: SchemaProblem[] = [];
  const known = Object.keys(shape);
  if (unknown.length > 0) {
    unknown.forEach((k, n) => {
      out.push({
        path: [...path, k],
        part: "key",
        kind: "invalid_union",
        ...(n === 0
          ? msg.schemaBranchKeys(place, name, required, optional, missing, k, nearestName(k, known))
          : msg.schemaUnknownKey(k, nearestName(k, known), known)),
      });
    });
  } else if (missing.length > 0) {
    out.push({
      path,
      part: "key",
      kind: "invalid_union",
      ...msg.schemaBranchKeys(place, name, required, optional, missing, undefined, undefined),
    });
  }
  // Every other problem of the branch, below its top (a wrong period, a bad where ...).
  for (const i of issues) {
    if (i.code === "unrecognized_keys" && top(i)) continue;
    if (i.path.length === 1 && missing.includes(String(i.path[0]))) continue;
    out.push(...explain(branch, value, i, path));
  }
  return out;
}
