/**
 * The directives a section may use, in one table: what compose accepts (a
 * zod schema of each directive's attributes, which parses them) and what
 * the reference documents (docs/reference/directives.md is generated from
 * the same table, its attribute list derived from the schema).
 */
import { z } from "zod";

export const CALLOUT_KINDS = ["finding", "note", "recommendation"] as const;
export type CalloutKind = (typeof CALLOUT_KINDS)[number];

export interface DirectiveAttribute {
  name: string;
  required: boolean;
  /** The values it may take, when they are a fixed set. */
  values?: readonly string[];
  description: string;
}

export interface DirectiveSpec {
  /** `leaf`: `::name{…}` on a line of its own; `container`: `:::name{…}` … `:::`. */
  form: "leaf" | "container";
  attributes: readonly DirectiveAttribute[];
  /** The attributes that are prose (a title): their quotes are set as the text's are; the others are kept as typed. */
  prose: readonly string[];
  description: string;
  example: string;
}

/** The attributes as the reference lists them, read from the schema's JSON Schema. */
function attributesOf(schema: z.ZodObject): DirectiveAttribute[] {
  const json = z.toJSONSchema(schema, { io: "input" });
  const required = json.required ?? [];
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const p = typeof property === "object" ? property : {};
    return {
      name,
      required: required.includes(name),
      ...(p.enum ? { values: p.enum.map(String) } : {}),
      description: p.description ?? "",
    };
  });
}

/**
 * One entry of the table. Attribute values are always strings (they are
 * read from `{key=value}`), so a schema fails in three ways only: an
 * attribute it does not know, one that is absent or empty, one that is not
 * of a fixed set; `parseDirectiveAttributes` turns each into a problem.
 */
function directive<S extends z.ZodObject>(entry: {
  form: DirectiveSpec["form"];
  schema: S;
  prose?: readonly (keyof S["shape"] & string)[];
  description: string;
  example: string;
}): DirectiveSpec & { schema: S } {
  return { ...entry, prose: entry.prose ?? [], attributes: attributesOf(entry.schema) };
}

const ref = (what: string) =>
  z.string().min(1).describe(`The id of a ${what} declared in template.yaml.`);

export const DIRECTIVES = {
  figure: directive({
    form: "leaf",
    schema: z.strictObject({ ref: ref("chart (under `charts:`)") }),
    description:
      "Places a chart as a numbered figure, with its caption, notes, source and alt text.",
    example: "::figure{ref=exports-by-partner}",
  }),
  table: directive({
    form: "leaf",
    schema: z.strictObject({ ref: ref("table (under `tables:`)") }),
    description: "Places a table as a numbered table, with its caption, unit, notes and source.",
    example: "::table{ref=exports}",
  }),
  keyfigures: directive({
    form: "leaf",
    schema: z.strictObject({ ref: ref("key-figures box (under `keyFigures:`)") }),
    description: "Places a box of headline figures.",
    example: "::keyfigures{ref=headline}",
  }),
  pagebreak: directive({
    form: "leaf",
    schema: z.strictObject({}),
    description: "Starts a new page in the PDF and the Word file, and when the HTML is printed.",
    example: "::pagebreak",
  }),
  callout: directive({
    form: "container",
    schema: z.strictObject({
      kind: z.enum(CALLOUT_KINDS).default("note").describe("What the box holds. Default: note."),
      title: z.string().optional().describe("A title printed at the top of the box."),
    }),
    prose: ["title"],
    description: "A box of one or more paragraphs set apart from the text.",
    example: ':::callout{kind=finding title="What to watch"}\nA paragraph.\n:::',
  }),
};

export type DirectiveName = keyof typeof DIRECTIVES;

/** Each directive's attributes, as its schema parses them. */
export type DirectiveAttributes = {
  [N in DirectiveName]: z.output<(typeof DIRECTIVES)[N]["schema"]>;
};

/** The table seen through its schemas' output, so a name picks its own attributes' type. */
const SCHEMAS: {
  readonly [N in DirectiveName]: { readonly schema: z.ZodType<DirectiveAttributes[N]> };
} = DIRECTIVES;

export function isDirectiveName(name: string): name is DirectiveName {
  return Object.hasOwn(DIRECTIVES, name);
}

/** Why a directive's attributes were refused, for compose's messages. */
export type AttributeProblem =
  | { kind: "unknown"; attributes: readonly string[]; allowed: readonly string[] }
  | { kind: "missing"; attribute: string }
  | { kind: "not-one-of"; attribute: string; value: string; allowed: readonly string[] };

/**
 * A directive's attributes parsed by its schema, or the problem to report:
 * attributes it does not know come first (a misspelt name explains the
 * rest), then the first attribute that is wrong.
 */
export function parseDirectiveAttributes<N extends DirectiveName>(
  name: N,
  attributes: Readonly<Record<string, string>>,
): { ok: true; attributes: DirectiveAttributes[N] } | { ok: false; problem: AttributeProblem } {
  const parsed = SCHEMAS[name].schema.safeParse(attributes);
  if (parsed.success) return { ok: true, attributes: parsed.data };
  const issues = parsed.error.issues;
  const issue = issues.find((i) => i.code === "unrecognized_keys") ?? issues[0];
  if (issue?.code === "unrecognized_keys") {
    return {
      ok: false,
      problem: {
        kind: "unknown",
        attributes: issue.keys,
        allowed: DIRECTIVES[name].attributes.map((a) => a.name),
      },
    };
  }
  const attribute = String(issue?.path[0] ?? "");
  if (issue?.code === "invalid_value") {
    return {
      ok: false,
      problem: {
        kind: "not-one-of",
        attribute,
        value: attributes[attribute] ?? "",
        allowed: issue.values.map(String),
      },
    };
  }
  return { ok: false, problem: { kind: "missing", attribute } };
}
