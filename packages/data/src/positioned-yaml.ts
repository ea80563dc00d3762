/**
 * YAML with positions: the one way briefkit reads a YAML file (dataset.yaml,
 * YAML tables, template.yaml, indicator definitions).
 *
 * - YAML 1.2, core schema, plain data only. Duplicate keys are errors. Alias
 *   expansion is capped (`maxAliasCount`) so an alias bomb is a problem, not
 *   a hang; an alias with no anchor before it, or inside the node it names
 *   (a cycle), is a problem at the alias.
 * - Nesting is limited to `maxNestingDepth` lists and mappings, counted on
 *   `yaml`'s concrete syntax tree (built without recursion) before the
 *   document is composed (which recurses once per level), and again on the
 *   data when aliases repeat deep nodes inside deep nodes.
 * - Tags are refused, each at its position: `!include`, `!!js/function` and
 *   `!custom`, and also `yaml`'s own `!!binary`, `!!set`, `!!omap` and
 *   `!!timestamp`, and even the core `!!str` or `!!int`. One rule with no
 *   exception: what a value is comes from how it is written (quote text).
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
import {
  type Alias,
  Composer,
  type CST,
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type Node,
  Parser,
  visit,
  YAMLParseError,
} from "yaml";
import type * as z from "zod";
import { type Issue, makeIssue, type Position } from "./issues.js";
import { maxNestingDepth } from "./limits.js";
import * as msg from "./messages.js";
import { explainSchemaIssues, getIn, type SchemaProblem } from "./schema-issues.js";
import { lineIndex } from "./text.js";
import { readPlainYaml } from "./yaml-fast.js";
import { scanYamlNesting } from "./yaml-nesting.js";

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
      /**
       * An alias refused: expansions past `maxAliasCount` (`limit`, at the
       * first alias), no anchor of its name before it (`unresolved`), or
       * inside the node its anchor names (`cycle`).
       */
      readonly kind: "alias";
      readonly reason: "limit" | "unresolved" | "cycle";
      /** The alias's name (the first alias's, for the limit). */
      readonly name: string;
      readonly at: Position;
      readonly message: string;
    }
  | {
      /** Lists and mappings nested past `maxNestingDepth`, at the one that crosses it. */
      readonly kind: "depth";
      readonly at: Position;
      readonly limit: number;
      readonly message: string;
    }
  | {
      /** A tag (`!include`, `!!binary`, `!!str`, ...): refused, at the tag. */
      readonly kind: "tag";
      readonly at: Position;
      /** The tag as written. */
      readonly tag: string;
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
    if (locate === undefined) {
      // Only called after the fast path read the text, so `yaml` reads it too.
      const parsed = parseYamlDocument(text);
      const pos = lineIndex(text);
      locate = parsed.ok ? documentLocator(parsed.doc, parsed.pos) : () => pos(0);
    }
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

/**
 * Each alias of a document and the node it stands for, found in one walk:
 * the last node anchored with its name before it, as `yaml` resolves it.
 * (`Alias.resolve` walks the whole document for each alias: quadratic in a
 * table of aliases.)
 */
export function aliasTargets(doc: Document): Map<Alias, Node | undefined> {
  const anchors = new Map<string, Node>();
  const targets = new Map<Alias, Node | undefined>();
  visit(doc, {
    Node(_, node) {
      if (isAlias(node)) targets.set(node, anchors.get(node.source));
      else if (node.anchor) anchors.set(node.anchor, node);
    },
  });
  return targets;
}

/** Height of plain data in lists and mappings, or `cycle` when a node contains itself. */
function dataHeight(root: unknown): number | "cycle" {
  const isNode = (v: unknown): v is object => v !== null && typeof v === "object";
  if (!isNode(root)) return 0;
  const heights = new Map<object, number>();
  const onPath = new Set<object>([root]);
  // Depth-first, one child at a time, so that a node shared by two parents is not a cycle.
  const stack: { node: object; children: object[]; next: number }[] = [
    { node: root, children: Object.values(root).filter(isNode), next: 0 },
  ];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const child = top.children[top.next++];
    if (child === undefined) {
      stack.pop();
      onPath.delete(top.node);
      let h = 0;
      for (const c of top.children) h = Math.max(h, heights.get(c) ?? 0);
      heights.set(top.node, h + 1);
    } else if (onPath.has(child)) return "cycle";
    else if (!heights.has(child)) {
      onPath.add(child);
      stack.push({ node: child, children: Object.values(child).filter(isNode), next: 0 });
    }
  }
  return heights.get(root) ?? 0;
}

function aliasProblem(
  reason: "limit" | "unresolved" | "cycle",
  alias: Alias | undefined,
  pos: (offset: number) => Position,
): YamlProblem {
  const name = alias?.source ?? "";
  const message =
    reason === "limit"
      ? `alias count over the limit of ${maxAliasCount} expansions (an alias bomb?)`
      : reason === "unresolved"
        ? `the alias *${name} has no anchor &${name} before it`
        : `the alias *${name} is inside the value &${name} marks (a cycle)`;
  return { kind: "alias", reason, name, at: pos(startOf(alias)), message };
}

function depthProblem(at: Position): YamlProblem {
  return {
    kind: "depth",
    at,
    limit: maxNestingDepth,
    message: `lists and mappings nested more than ${maxNestingDepth} deep`,
  };
}

/**
 * A document's plain data with `yaml`'s alias expansion limit: an alias bomb
 * is a problem at the first alias instead of exhausting memory; an alias
 * with no anchor, or inside its own anchor's node, is a problem at the
 * alias; and aliases that repeat deep nodes inside deep nodes count toward
 * the nesting limit.
 */
export function boundedData(
  doc: Document,
  pos: (offset: number) => Position,
): { ok: true; data: unknown } | { ok: false; problem: YamlProblem } {
  const targets = aliasTargets(doc);
  for (const [alias, target] of targets) {
    if (target === undefined) return { ok: false, problem: aliasProblem("unresolved", alias, pos) };
    const range = target.range;
    const at = startOf(alias);
    if (range && range[0] <= at && at < range[2]) {
      return { ok: false, problem: aliasProblem("cycle", alias, pos) };
    }
  }
  const first = targets.keys().next().value;
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount });
  } catch (e) {
    if (!(e instanceof ReferenceError)) throw e;
    return { ok: false, problem: aliasProblem("limit", first, pos) };
  }
  if (first !== undefined) {
    const height = dataHeight(data);
    if (height === "cycle") return { ok: false, problem: aliasProblem("cycle", first, pos) };
    if (height > maxNestingDepth) return { ok: false, problem: depthProblem(pos(startOf(first))) };
  }
  return { ok: true, data };
}

/**
 * What the concrete syntax tree shows before composing: the first list or
 * mapping (in file order) nested past `maxNestingDepth`, and every tag.
 * Walked with a stack: the tree is as deep as the file is nested.
 */
function treeProblems(
  tokens: readonly CST.Token[],
  pos: (offset: number) => Position,
): { depth: YamlProblem | undefined; tags: YamlProblem[] } {
  let tooDeep: number | undefined;
  const tags: { offset: number; tag: string }[] = [];
  const stack: { value: unknown; depth: number }[] = tokens.map((value) => ({ value, depth: 0 }));
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (value === null || typeof value !== "object") continue;
    if (Array.isArray(value)) {
      for (const v of value) stack.push({ value: v, depth });
      continue;
    }
    const token = value as { type?: string; offset?: number; source?: string };
    let inner = depth;
    if (
      token.type === "block-map" ||
      token.type === "block-seq" ||
      token.type === "flow-collection"
    ) {
      inner = depth + 1;
      if (inner > maxNestingDepth) {
        tooDeep = Math.min(tooDeep ?? Infinity, token.offset ?? 0);
        continue;
      }
    } else if (token.type === "tag") {
      tags.push({ offset: token.offset ?? 0, tag: token.source ?? "!" });
      continue;
    }
    for (const child of Object.values(token)) {
      if (child !== null && typeof child === "object") stack.push({ value: child, depth: inner });
    }
  }
  return {
    depth: tooDeep === undefined ? undefined : depthProblem(pos(tooDeep)),
    tags: tags
      .sort((a, b) => a.offset - b.offset)
      .map(({ offset, tag }) => ({
        kind: "tag",
        at: pos(offset),
        tag,
        message: `tags are not allowed; found ${tag}`,
      })),
  };
}

/** `yaml`'s parser over tokens already lexed. */
function* parseTokens(lexed: readonly string[]): Generator<CST.Token> {
  const parser = new Parser();
  for (const token of lexed) yield* parser.next(token);
  yield* parser.end();
}

const withoutBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/**
 * The `yaml` document of a text, for readers that walk its nodes (YAML
 * tables keep each number's source text); `parseYaml` is the usual door.
 * Nesting past the limit is refused before composing, then the parser's
 * errors, then tags. Aliases are left to `boundedData`.
 */
export function parseYamlDocument(
  text: string,
):
  | { ok: true; doc: Document.Parsed; pos: (offset: number) => Position }
  | { ok: false; problems: YamlProblem[] } {
  const source = withoutBom(text);
  const pos = lineIndex(source);
  // The parser recurses when it closes many levels at once: bound the depth on the lexer's tokens first.
  const nesting = scanYamlNesting(source, maxNestingDepth);
  if (nesting.tooDeep !== undefined) {
    return { ok: false, problems: [depthProblem(pos(nesting.tooDeep))] };
  }
  let tree: ReturnType<typeof treeProblems>;
  let doc: Document.Parsed | undefined;
  try {
    const tokens = [...parseTokens(nesting.tokens)];
    tree = treeProblems(tokens, pos);
    if (tree.depth) return { ok: false, problems: [tree.depth] };
    // parseDocument's loop, over tokens already checked.
    for (const next of new Composer(yamlOptions).compose(tokens, true, source.length)) {
      if (doc === undefined) doc = next;
      else {
        doc.errors.push(
          new YAMLParseError(
            [next.range[0], next.range[1]],
            "MULTIPLE_DOCS",
            "Source contains multiple documents; please use YAML.parseAllDocuments()",
          ),
        );
        break;
      }
    }
  } catch (e) {
    // The estimate should keep the stack safe; if it ever does not, still a located problem.
    if (!(e instanceof RangeError)) throw e;
    return { ok: false, problems: [depthProblem(pos(nesting.deepest))] };
  }
  // compose(…, forceDoc = true) always yields one.
  if (doc === undefined) throw new TypeError("yaml composed no document");
  if (doc.errors.length > 0) return { ok: false, problems: parserProblems(doc, source, pos) };
  if (tree.tags.length > 0) return { ok: false, problems: tree.tags };
  // A list or mapping as a key: `yaml` would turn it into text and warn on stderr.
  let complexKey: number | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (!isMap(pair.key) && !isSeq(pair.key)) return undefined;
      complexKey = startOf(pair.key);
      return visit.BREAK;
    },
  });
  if (complexKey !== undefined) {
    const at = pos(complexKey);
    const message = "a list or mapping used as a key: keys are plain values";
    return { ok: false, problems: [{ kind: "syntax", at, token: at, echo: false, message }] };
  }
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
      return [
        makeIssue("yaml-alias-limit", file, p.at, msg.yamlAlias(p.reason, p.name, maxAliasCount)),
      ];
    case "depth":
      return [makeIssue("nesting-too-deep", file, p.at, msg.nestingTooDeep("YAML", p.limit))];
    case "tag":
      return [makeIssue("yaml-tag", file, p.at, msg.yamlTag(p.tag))];
  }
}

/**
 * The parser's problems as @briefkit/data issues: every duplicate key, the
 * first syntax error only (at its token; the later ones are usually echoes),
 * a refused alias (at the first alias for the limit, else at the alias),
 * nesting past the limit, every tag.
 */
export function yamlIssues(problems: readonly YamlProblem[], file: string): Issue[] {
  return problems.flatMap((p) => yamlIssue(p, file));
}
