/**
 * YAML with positions: the one way briefkit reads a YAML file (dataset.yaml,
 * YAML tables, template.yaml, indicator definitions).
 *
 * - YAML 1.2, core schema, duplicate keys are errors, alias expansion is
 *   capped (`maxAliasCount`) so an alias bomb is a problem, not a hang.
 *   Nesting is limited as the parsers limit it: js-yaml's event parser
 *   declines past 100 levels (the `yaml` package then reads the file), and
 *   `yaml` reports a flow collection nested too deep as a syntax error.
 * - Text in, plain data out. A leading BOM is dropped; CRLF line ends count
 *   as one line end, so positions are the same as for LF.
 * - The parser's problems come back as data (`YamlProblem`), positioned; each
 *   package words them in its own catalogue.
 * - `locate(path, part)` gives the `line:column` of any path for problems
 *   found later (by zod, by cross-references, by the evaluator).
 *
 * Two speeds. With `positions: "lazy"` (the default), a file with nothing
 * unusual in it (see yaml-fast.ts) is read with js-yaml's event parser, about
 * three times faster than `yaml`, and `yaml` parses it only when something
 * asks where a path is: a valid dataset.yaml never does. A caller that
 * locates paths at once (template.yaml records where every item is declared)
 * passes `positions: "eager"` and the file is parsed once, with `yaml`.
 */
import { type Document, isMap, isScalar, isSeq, type Node, parseDocument, visit } from "yaml";
import type * as z from "zod";
import { type Issue, makeIssue, type Position } from "./issues.js";
import * as msg from "./messages.js";
import { explainSchemaIssues, getIn, type SchemaProblem } from "./schema-issues.js";
import { lineIndex } from "./text.js";
import { readPlainYaml } from "./yaml-fast.js";

/** Alias expansions allowed in one YAML file: enough to reuse a column list, too few for a bomb. */
export const maxAliasCount = 50;

export const yamlOptions = {
  version: "1.2",
  schema: "core",
  uniqueKeys: true,
  prettyErrors: false,
  keepSourceTokens: false,
} as const;

/** A path into a YAML document: mapping keys and list indexes. */
export type YamlPath = readonly (string | number)[];

/**
 * Where a path is written. `part: "value"` (the default): the start of its
 * value; where the path leaves the document, the deepest node it reached.
 * `part: "key"`: the start of its key (a list item's start); where the path
 * leaves the document, the key or item that lacks the rest. A key without
 * a value node (`{ key }`, `? key`) is located at the key either way; a
 * block `key:` with nothing after it has an empty value at the line's end.
 */
export type Locator = (path: YamlPath, part?: "key" | "value") => Position;

/**
 * A problem the YAML parser found, before a package words it. `at` is where
 * the parser puts it; a syntax problem also has `token`, the first thing on
 * the line at or after `at` (an indentation error starts at the line's
 * leading spaces), and `echo`, true for every syntax problem after the
 * first (usually the parser stumbling on after the first).
 */
export type YamlProblem =
  | {
      readonly kind: "syntax";
      readonly at: Position;
      readonly token: Position;
      readonly echo: boolean;
      /** The parser's message, its first line. */
      readonly message: string;
    }
  | {
      readonly kind: "duplicate-key";
      readonly at: Position;
      /** The key as written (the line, when it cannot be told apart). */
      readonly key: string;
      readonly message: string;
    }
  | {
      /** An alias `yaml` refused to expand: past `maxAliasCount`, or with no anchor. */
      readonly kind: "alias";
      readonly at: Position;
      readonly message: string;
    };

/** A YAML document that parsed: its plain data and where each path is written. */
export interface ParsedYaml {
  readonly ok: true;
  readonly data: unknown;
  readonly locate: Locator;
}

export type YamlResult = ParsedYaml | { readonly ok: false; readonly problems: YamlProblem[] };

export interface ParseYamlOptions {
  /** `lazy` (default): the fast path when it answers, `yaml` for positions on demand. */
  readonly positions?: "lazy" | "eager";
}

/** A problem zod found, explained (see `explainSchemaIssues`) and located. */
export interface LocatedSchemaProblem extends SchemaProblem {
  readonly at: Position;
}

export type YamlValidation<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: LocatedSchemaProblem[] };

function keyText(node: unknown): string | undefined {
  return isScalar(node) ? String(node.value) : undefined;
}

const startOf = (node: unknown): number => (node as Node | null)?.range?.[0] ?? 0;

/** Position of `path` in a parsed YAML node tree, as `Locator` describes it. */
function locateInYaml(
  root: unknown,
  path: YamlPath,
  part: "key" | "value",
  pos: (offset: number) => Position,
): Position {
  let node: unknown = root;
  // The key or list item last stepped through: where a missing path is declared.
  let entry = startOf(root);
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (isMap(node)) {
      const pair = node.items.find((p) => keyText(p.key) === String(seg));
      if (!pair) break;
      const key = startOf(pair.key);
      // A key without a value node (`{ key }`): point at the key.
      if ((i === path.length - 1 && part === "key") || pair.value == null) return pos(key);
      entry = key;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === "number" && node.items[seg] !== undefined) {
      node = node.items[seg];
      entry = startOf(node);
    } else break;
  }
  return pos(part === "key" ? entry : startOf(node));
}

function documentLocator(doc: Document, pos: (offset: number) => Position): Locator {
  return (path, part = "value") => locateInYaml(doc.contents, path, part, pos);
}

/** A locator that parses with `yaml` on its first call. */
function lazyLocator(text: string): Locator {
  let locate: Locator | undefined;
  return (path, part) => {
    locate ??= documentLocator(parseDocument(text, yamlOptions), lineIndex(text));
    return locate(path, part);
  };
}

/** The parser's errors, in its order, as problems. */
function parserProblems(
  doc: Document,
  text: string,
  pos: (offset: number) => Position,
): YamlProblem[] {
  let syntaxSeen = false;
  return doc.errors.map((e): YamlProblem => {
    const start = e.pos[0];
    const message = e.message.split("\n")[0] ?? e.code;
    if (e.code === "DUPLICATE_KEY") {
      const line = text.slice(start, text.indexOf("\n", start) >>> 0);
      const key = (/^\s*(?:"([^"]*)"|'([^']*)'|([^:#]*?))\s*:/.exec(line) ?? [])
        .slice(1)
        .find((k) => k !== undefined);
      return { kind: "duplicate-key", at: pos(start), key: key ?? line.trim(), message };
    }
    let offset = start;
    while (text[offset] === " " || text[offset] === "\t") offset++;
    const lineEnd = offset >= text.length || text[offset] === "\n";
    const echo = syntaxSeen;
    syntaxSeen = true;
    return {
      kind: "syntax",
      at: pos(start),
      token: pos(lineEnd ? start : offset),
      echo,
      message,
    };
  });
}

/** Position of the first alias in a document, if any. */
export function firstAlias(doc: Document): number | undefined {
  let first: number | undefined;
  visit(doc, {
    Alias(_, node) {
      first = startOf(node);
      return visit.BREAK;
    },
  });
  return first;
}

/**
 * A document's plain data with `yaml`'s alias expansion limit: an alias bomb
 * (or an alias with no anchor) is a problem at the first alias instead of
 * exhausting memory.
 */
export function boundedData(
  doc: Document,
  pos: (offset: number) => Position,
): { ok: true; data: unknown } | { ok: false; problem: YamlProblem } {
  try {
    return { ok: true, data: doc.toJS({ maxAliasCount }) };
  } catch (e) {
    if (!(e instanceof ReferenceError)) throw e;
    return {
      ok: false,
      problem: { kind: "alias", at: pos(firstAlias(doc) ?? 0), message: e.message },
    };
  }
}

const withoutBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/**
 * The `yaml` document of a text, for readers that walk its nodes (YAML
 * tables keep each number's source text); `parseYaml` is the usual door.
 */
export function parseYamlDocument(
  text: string,
):
  | { ok: true; doc: Document.Parsed; pos: (offset: number) => Position }
  | { ok: false; problems: YamlProblem[] } {
  const source = withoutBom(text);
  const pos = lineIndex(source);
  const doc = parseDocument(source, yamlOptions);
  if (doc.errors.length > 0) return { ok: false, problems: parserProblems(doc, source, pos) };
  return { ok: true, doc, pos };
}

/** Parses YAML text into plain data and a locator, or the parser's problems. */
export function parseYaml(text: string, options: ParseYamlOptions = {}): YamlResult {
  const source = withoutBom(text);
  if ((options.positions ?? "lazy") === "lazy") {
    const fast = readPlainYaml(source);
    if (fast !== undefined) return { ok: true, data: fast.data, locate: lazyLocator(source) };
  }
  const parsed = parseYamlDocument(source);
  if (!parsed.ok) return parsed;
  const js = boundedData(parsed.doc, parsed.pos);
  if (!js.ok) return { ok: false, problems: [js.problem] };
  return { ok: true, data: js.data, locate: documentLocator(parsed.doc, parsed.pos) };
}

/**
 * Checks the value at `base` (default: the whole document) against a zod
 * schema. Problems are told by `explainSchemaIssues`, their paths relative
 * to `base`, each located (`at`) at its key or value.
 */
export function validateYaml<S extends z.ZodType>(
  yaml: ParsedYaml,
  schema: S,
  base: YamlPath = [],
): YamlValidation<z.output<S>> {
  const value = getIn(yaml.data, base);
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    problems: explainSchemaIssues(schema, value, parsed.error.issues).map((p) => ({
      ...p,
      at: yaml.locate([...base, ...p.path], p.part),
    })),
  };
}

/** One parser problem as @briefkit/data words it (nothing for an echo). */
function yamlIssue(p: YamlProblem, file: string): Issue[] {
  switch (p.kind) {
    case "duplicate-key":
      return [makeIssue("yaml-duplicate-key", file, p.at, msg.yamlDuplicateKey(p.key))];
    case "syntax":
      return p.echo ? [] : [makeIssue("yaml-syntax", file, p.token, msg.yamlSyntax(p.message))];
    case "alias":
      return [makeIssue("yaml-alias-limit", file, p.at, msg.yamlAliasLimit(maxAliasCount))];
  }
}

/**
 * The parser's problems as @briefkit/data issues: every duplicate key, the
 * first syntax error only (at its token; the later ones are usually echoes),
 * a refused alias as the alias limit, at the first alias.
 */
export function yamlIssues(problems: readonly YamlProblem[], file: string): Issue[] {
  return problems.flatMap((p) => yamlIssue(p, file));
}
