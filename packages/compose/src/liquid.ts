/**
 * The sandboxed template language: LiquidJS (≥ 10.30.1) configured so that a
 * template can print values and branch on them, and nothing else.
 *
 * - No file system: partials are preloaded from the template's own
 *   `partials/` folders (real paths checked, no dotfiles) into LiquidJS's
 *   in-memory `templates` map, so `{% include "../x" %}`, absolute paths,
 *   symlinks out and `.env` simply do not exist for it.
 * - strictVariables and strictFilters: an unknown name is an error at its
 *   line and column, never an empty string.
 * - ownPropertyOnly: `{{ x.constructor }}` finds nothing.
 * - parseLimit, renderLimit and memoryLimit: a runaway loop, a recursive
 *   include or a huge output stops with an error in bounded time and memory.
 *
 * Numbers leave Liquid as placeholders (private-use characters around an
 * index) so that, after Markdown parsing, they become `number` inlines that
 * keep their provenance. Everything else Liquid prints leaves with its
 * quotes as stand-ins (`outputEscape`), so that setting the prose's quotes
 * leaves them as printed (quotes.ts). Each source line gets an end-of-line marker so that
 * positions in the rendered text map back to the template file.
 */

import type { NumberInline } from "@briefkit/document";
import {
  type Context,
  Drop,
  defaultOperators,
  type Emitter,
  evalToken,
  type FilterImplOptions,
  isTruthy,
  Liquid,
  LiquidError,
  type Operators,
  RenderError,
  type Tag,
  TagToken,
  Token,
  Tokenizer,
  TypeGuards,
  toValue,
} from "liquidjs";
import { keepPrintedQuotes, typedText } from "./quotes.js";
import { type Figure, figureInline, figureName } from "./values.js";

/** Limits that bound a render in time and memory. */
export const LIQUID_LIMITS = {
  /** Characters parsed per template. */
  parseLimit: 1_000_000,
  /**
   * Milliseconds per render call: a backstop for work the budget does not
   * count (a filter on a long text), set well above the time the budget
   * takes to run out, so that the budget, which is the same on every
   * machine, is what stops a runaway template.
   */
  renderLimit: 10_000,
  /** Objects/characters created per render (LiquidJS's own accounting). */
  memoryLimit: 20_000_000,
  /**
   * Template pieces (text, outputs, tags) rendered by one sandbox, i.e. one
   * brief: every section, caption and partial together, each loop pass and
   * each render of a partial counted again. A count, not a clock, so a
   * brief that builds on one machine builds on every other.
   */
  renderBudget: 100_000,
  /** Blocks inside blocks and partials inside partials, in one file or across them. */
  maxNesting: 100,
} as const;

/** Largest rendered section, in characters. */
export const MAX_RENDERED_CHARS = 2_000_000;

const NUM_OPEN = "\uE000";
const NUM_CLOSE = "\uE001";
const LINE_OPEN = "\uE002";
const LINE_CLOSE = "\uE003";

/** Collects the number inlines printed during one render. */
export class NumberSink {
  readonly numbers: NumberInline[] = [];
  placeholder(n: NumberInline): string {
    this.numbers.push(n);
    return `${NUM_OPEN}${this.numbers.length - 1}${NUM_CLOSE}`;
  }
}

/** Splits text on number placeholders: strings and indices into the sink. */
const PLACEHOLDER = new RegExp(`${NUM_OPEN}(\\d+)${NUM_CLOSE}`, "g");
const LINE_MARK = new RegExp(`${LINE_OPEN}(\\d+)${LINE_CLOSE}`, "g");
const FIRST_LINE_MARK = new RegExp(`${LINE_OPEN}(\\d+)${LINE_CLOSE}`);

export function splitPlaceholders(text: string): Array<string | number> {
  if (!text.includes(NUM_OPEN)) return [text];
  const out: Array<string | number> = [];
  const re = PLACEHOLDER;
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(Number(m[1]));
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** True when the text holds a number placeholder. */
export function hasPlaceholder(text: string): boolean {
  return text.includes(NUM_OPEN);
}

/** What a template sees of a figure: fields to inspect, and itself to print. */
export interface NumberValue {
  /** The number; on a figure that is not available, an `Unknown` that refuses every use. */
  readonly value: number | Unknown;
  readonly text: string;
  readonly available: boolean;
  readonly estimate: boolean;
}

const FIGURE = Symbol("briefkit.figure");

/**
 * A figure as the template sees it: printable (`{{ ind.trade-total }}` → its
 * formatted text, with provenance) and inspectable (`.value`, `.text`,
 * `.available`, `.estimate`, and where they mean something `.unit`,
 * `.period`, `.label`, `.words`, `.reason`, `.partial`, `.low`, `.high`,
 * `.qualifier`). A field that would be empty is left out, so reading it is
 * a located "undefined variable" error, not a silent blank. A number the
 * figure lacks because it is not available (`.value`; a fact's `.low` and
 * `.high` were a fact ever so) is an `Unknown`: printing, testing or
 * comparing it is a located error. It is a
 * null-prototype object, so with ownPropertyOnly a template reaches these
 * fields and nothing else (`.constructor` is an undefined variable).
 * Printing goes through a non-enumerable `toString` that leaves a
 * placeholder; filters reach the figure itself through `figureOf`.
 */
export function numberValue(figure: Figure, sink: NumberSink): NumberValue {
  const v = Object.create(null) as Record<string, unknown>;
  const inline = figureInline(figure);
  const available = inline.value !== null;
  const reason = typeof figure.fields.reason === "string" ? figure.fields.reason : undefined;
  const unknown = (field: string) => new Unknown(figureName(figure), field, reason);
  for (const [k, x] of Object.entries(figure.fields)) {
    // A number field without a number (a fact's low and high, were it not available) is unknown.
    if (x !== null) v[k] = x;
    else if (!available) v[k] = unknown(k);
  }
  v.value = inline.value ?? unknown("value");
  v.text = inline.text;
  if (inline.unit) v.unit = inline.unit;
  v.available = available;
  v.estimate = inline.estimate === true;
  const periods = inline.provenance.periods?.join("–");
  if (periods) v.period = periods;
  const print = () => sink.placeholder(inline);
  Object.defineProperty(v, "toString", { value: print, enumerable: false });
  Object.defineProperty(v, "valueOf", { value: print, enumerable: false });
  Object.defineProperty(v, FIGURE, { value: figure, enumerable: false });
  return Object.freeze(v) as unknown as NumberValue;
}

/**
 * An error met while rendering that carries what LiquidJS's errors cannot:
 * a hint for the template's author, and (for an error inside a partial,
 * reported at the include) the kind of the error inside it.
 */
export class TemplateError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    readonly kind?: LiquidProblem["kind"],
  ) {
    super(message);
  }
}

/**
 * A number a template can reach but nobody knows: the `.value` of a figure
 * that is not available (or any other number field it lacks), or a
 * condition that depends on one (`ind.x.value > 0`). Every use that would
 * print it or decide wording by it is an error naming the figure and why it
 * is not available; LiquidJS reports it at the tag or output that used it.
 *
 * It is a LiquidJS `Drop`, so LiquidJS asks it for its value (`valueOf`:
 * printing, `{% if %}`, `case`, `for`, ranges, arithmetic) and lets it
 * compare itself (`equals`, `gt` …: `case/when`, `contains` on a list): all
 * refuse. The operators (`OPERATORS`) turn a comparison with it into an
 * unknown condition, which `and`/`or` resolve when their other side decides
 * alone. Filters refuse it (filters.ts).
 *
 * LiquidJS reads any property of a drop (ownPropertyOnly spares drops) and
 * calls a function it finds: its own state is private, its methods all
 * refuse, and Object.prototype's members are hidden below, so no read
 * (`.size`, `.hasOwnProperty`) gives anything but the error.
 */
export class Unknown extends Drop {
  readonly #figure: string;
  readonly #field: string;
  readonly #reason: string | undefined;
  readonly #condition: boolean;

  constructor(figure: string, field: string, reason: string | undefined, condition = false) {
    super();
    this.#figure = figure;
    this.#field = field;
    this.#reason = reason;
    this.#condition = condition;
  }

  /** The condition that depends on this unknown number (a comparison or a test of it). */
  static condition(u: Unknown): Unknown {
    return u.#condition ? u : new Unknown(u.#figure, u.#field, u.#reason, true);
  }

  /** The error every use of it raises. */
  static error(u: Unknown): TemplateError {
    const what = `${u.#figure}.${u.#field}`;
    const why = u.#reason === undefined ? "" : ` (${u.#reason})`;
    const use = u.#condition
      ? `a condition on ${what} cannot be decided`
      : `${what} has no number to print, test or compare`;
    return new TemplateError(
      `${u.#figure} is not available${why}, so ${use}`,
      `test {% if ${u.#figure}.available %} first: {% if ${u.#figure}.available and ${what} > 0 %}…{% endif %}, or nest the test inside it; to print the figure (“—” when it is not available) write {{ ${u.#figure} }}`,
    );
  }

  override valueOf(): never {
    throw Unknown.error(this);
  }
  override toString(): never {
    throw Unknown.error(this);
  }
  toJSON(): never {
    throw Unknown.error(this);
  }
  equals(): never {
    throw Unknown.error(Unknown.condition(this));
  }
  gt(): never {
    throw Unknown.error(Unknown.condition(this));
  }
  geq(): never {
    throw Unknown.error(Unknown.condition(this));
  }
  lt(): never {
    throw Unknown.error(Unknown.condition(this));
  }
  leq(): never {
    throw Unknown.error(Unknown.condition(this));
  }
  override liquidMethodMissing(): never {
    throw Unknown.error(this);
  }

  static {
    for (const name of Object.getOwnPropertyNames(Object.prototype)) {
      if (!Object.hasOwn(Unknown.prototype, name) || name === "constructor") {
        Object.defineProperty(Unknown.prototype, name, { value: undefined });
      }
    }
  }
}

/** A condition's truth: true, false, or unknown. */
type Truth = boolean | Unknown;
type Binary = (l: unknown, r: unknown, ctx: Context) => Generator<unknown, Truth, unknown>;
type Unary = (v: unknown, ctx: Context) => Generator<unknown, Truth, unknown>;

function* truthOf(x: unknown, ctx: Context): Generator<unknown, Truth, unknown> {
  if (x instanceof Unknown) return Unknown.condition(x);
  return isTruthy(yield toValue(x), ctx);
}

/** LiquidJS's comparison `name`, unknown when either side is. */
function comparison(name: string): Binary {
  const op = defaultOperators[name] as (l: unknown, r: unknown, ctx: Context) => unknown;
  return function* (l, r, ctx) {
    const unknown = l instanceof Unknown ? l : r instanceof Unknown ? r : undefined;
    if (unknown) return Unknown.condition(unknown);
    return (yield op(l, r, ctx)) as boolean;
  };
}

/**
 * LiquidJS's operators with three-valued logic. LiquidJS evaluates every
 * operand of a condition before applying `and`/`or` (Expression.evaluate
 * runs the postfix form: both sides, comparisons included, are computed
 * first), so `{% if ind.x.available and ind.x.value > 0 %}` would compare
 * the unknown number whatever `.available` says. Here a comparison with an
 * unknown number is an unknown condition; `and` is false when either side
 * is false and `or` true when either is true, whatever the other; any other
 * unknown result is an error where a tag or an output uses it. A condition
 * is thus decided only when its answer does not depend on the number nobody
 * knows (and then it is LiquidJS's answer for any value of that number).
 */
const OPERATORS: Record<string, Binary | Unary> = {
  ...(defaultOperators as Record<string, Binary | Unary>),
  "==": comparison("=="),
  "!=": comparison("!="),
  ">": comparison(">"),
  "<": comparison("<"),
  ">=": comparison(">="),
  "<=": comparison("<="),
  contains: comparison("contains"),
  not: function* (v, ctx) {
    const a = yield* truthOf(v, ctx);
    return a instanceof Unknown ? a : !a;
  } satisfies Unary,
  and: function* (l, r, ctx) {
    const a = yield* truthOf(l, ctx);
    const b = yield* truthOf(r, ctx);
    if (a === false || b === false) return false;
    return a === true ? b : a;
  } satisfies Binary,
  or: function* (l, r, ctx) {
    const a = yield* truthOf(l, ctx);
    const b = yield* truthOf(r, ctx);
    if (a === true || b === true) return true;
    return a === false ? b : a;
  } satisfies Binary,
};

/** The figure behind a template value, if it is one (for filters). */
export function figureOf(x: unknown): Figure | undefined {
  if (x !== null && typeof x === "object" && FIGURE in x) {
    return (x as { [FIGURE]: Figure })[FIGURE];
  }
  return undefined;
}

/** The number placeholders in a text, in order (their sink indices). */
export function placeholdersIn(text: string): number[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => Number(m[1]));
}

/** True when the text holds a private-use marker that is not part of a whole placeholder. */
export function hasBrokenPlaceholder(text: string): boolean {
  return /[\uE000\uE001]/.test(text.replace(PLACEHOLDER, ""));
}

/** A place an include or render tag stands: in a partial, or (no `partial`) in the text rendered. */
export interface IncludeSite {
  /** The partial's include name ("partials/x.md"); absent for the section or field itself. */
  partial?: string;
  line: number;
  column: number;
}

/** Where a Liquid problem sits in the template file. */
export interface LiquidProblem {
  kind: "syntax" | "render" | "limit";
  message: string;
  /** Line and column in the text rendered, or in `partial` when there is one. */
  line: number;
  column: number;
  /** What to do about it, when the error knows. */
  hint?: string;
  /** The partial (include name) the position is in, when the problem is inside one. */
  partial?: string;
  /** The include tags that led to `partial`, innermost first; the last stands in the text rendered. */
  includedFrom?: IncludeSite[];
}

/**
 * Adds an end-of-line marker to every source line that does not end inside a
 * Liquid tag or output, so rendered lines can be traced to source lines. The
 * marker goes at the end so that Liquid's own columns stay exact.
 */
export function markLines(source: string): string {
  const lines = source.split("\n");
  let open = false;
  return lines
    .map((line, i) => {
      // Track whether a `{%`/`{{` opened on this or an earlier line is still open.
      for (const m of line.matchAll(/\{[{%]|[%}]\}/g)) open = m[0].startsWith("{");
      const last = i === lines.length - 1;
      if (open || last) return line;
      const cr = line.endsWith("\r");
      const body = cr ? line.slice(0, -1) : line;
      return `${body}${LINE_OPEN}${i + 1}${LINE_CLOSE}${cr ? "\r" : ""}`;
    })
    .join("\n");
}

/**
 * Removes the line markers from rendered text and returns, for each rendered
 * line (1-based index - 1), the source line it came from.
 */
export function unmarkLines(
  rendered: string,
  lastSourceLine: number,
): { text: string; lineMap: number[] } {
  const lines = rendered.split("\n");
  const re = LINE_MARK;
  const lineMap: number[] = new Array(lines.length);
  let next = lastSourceLine;
  const clean: string[] = new Array(lines.length);
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const line = lines[i]!;
    // The first marker on a line names the source line where the rendered line starts.
    const found = line.includes(LINE_OPEN) ? FIRST_LINE_MARK.exec(line)?.[1] : undefined;
    if (found !== undefined) next = Number(found);
    lineMap[i] = next;
    clean[i] = found === undefined ? line : line.replace(re, "");
  }
  return { text: clean.join("\n"), lineMap };
}

export interface SandboxOptions {
  /** Partials by name (e.g. "partials/note.md"), already read and checked. */
  partials: Record<string, string>;
  /** Filters by name: they replace LiquidJS's own of the same name (see filters.ts). */
  filters: Record<string, FilterImplOptions>;
  /** Template pieces this sandbox may render in all (default {@link LIQUID_LIMITS}.renderBudget). */
  renderBudget?: number;
}

/**
 * A LiquidJS engine with every door closed but the ones we open.
 *
 * Beyond LiquidJS's own limits (per parse, per render call), the sandbox
 * counts every template piece it renders against one budget for its whole
 * life (a brief), so partials that render each other many times over (no
 * cycle, but 2^40 renders) stop where the budget runs out; it bounds how
 * deep blocks and partials nest, both when a file is parsed (LiquidJS's
 * parser recurses per block) and while rendering; it refuses malformed
 * filter chains LiquidJS would pass over (`{{ x | }}`); and every piece of
 * text it writes goes through {@link GuardedEmitter}, which bounds the text
 * and refuses a number that would print wrong (Infinity, NaN, 1e+21).
 *
 * The counters live in the engine: render one template at a time with it
 * (compose renders sections in turn).
 */
export function createSandbox(options: SandboxOptions): Liquid {
  const engine = new Liquid({
    templates: Object.fromEntries(
      Object.entries(options.partials).map(([name, text]) => [name, typedText(text)]),
    ),
    strictVariables: true,
    strictFilters: true,
    ownPropertyOnly: true,
    relativeReference: false,
    jsTruthy: false,
    // Partials are parsed once: the map they come from does not change.
    cache: true,
    // A result may be an Unknown (see OPERATORS): LiquidJS passes it on as a value, a drop.
    operators: OPERATORS as unknown as Operators,
    catchAllErrors: false,
    // Dates in templates are formatted in UTC, so output never depends on the machine.
    timezoneOffset: 0,
    locale: "en-GB",
    parseLimit: LIQUID_LIMITS.parseLimit,
    renderLimit: LIQUID_LIMITS.renderLimit,
    memoryLimit: LIQUID_LIMITS.memoryLimit,
    // What Liquid prints is data, not the template's prose: its quotes stay as printed (quotes.ts).
    // LiquidJS types the escape as giving text; a figure passes it as itself, printed by GuardedEmitter.
    outputEscape: keepPrintedQuotes as (value: unknown) => string,
  });
  for (const [name, filter] of Object.entries(options.filters)) {
    engine.registerFilter(name, filter);
  }
  guardParsing(engine);
  guardRendering(engine, options.renderBudget ?? LIQUID_LIMITS.renderBudget);
  // An error inside a partial keeps its place in the partial, and gains the include that led there.
  for (const name of ["include", "render"]) {
    const Base = engine.tags[name] as Liquid["tags"][string] & { prototype: Tag };
    engine.registerTag(
      name,
      class extends Base {
        override *render(ctx: Context, emitter: Emitter): Generator<unknown, unknown, unknown> {
          try {
            return yield Base.prototype.render.call(this, ctx, emitter);
          } catch (error) {
            const file = (this as unknown as { file?: unknown }).file;
            const partial =
              typeof file === "string"
                ? file
                : file instanceof Token
                  ? yield evalToken(file, ctx)
                  : undefined;
            throw fromPartial(error, this.token, typeof partial === "string" ? partial : undefined);
          }
        }
      },
    );
  }
  return engine;
}

/** An error inside a partial on its way out: where it is, and the includes it came through. */
class PartialTrace extends Error {
  constructor(
    readonly problem: LiquidProblem,
    readonly sites: IncludeSite[],
  ) {
    super(problem.message);
  }
}

/** The error of a partial, raised again at the tag that included it, its place kept. */
function fromPartial(error: unknown, tag: TagToken, partial: string | undefined): unknown {
  if (!(error instanceof LiquidError)) return error;
  const trace = error.originalError instanceof PartialTrace ? error.originalError : undefined;
  // The tag's own error (the partial's name, its arguments, a limit at the tag) stays as it is.
  if (!trace && error.token?.input === tag.input) return error;
  const [line, column] = tag.getPosition();
  const site = { line: line ?? 1, column: column ?? 1 };
  // The inner tag stood in the partial this one rendered.
  const inner = trace?.sites.at(-1);
  const next = trace
    ? new PartialTrace(trace.problem, [
        ...trace.sites.slice(0, -1),
        ...(inner ? [partial === undefined ? inner : { partial, ...inner }] : []),
        site,
      ])
    : new PartialTrace({ ...liquidProblem(error), ...(partial === undefined ? {} : { partial }) }, [
        site,
      ]);
  return new RenderError(next, { token: tag } as never);
}

/** A located error LiquidJS reports at `token`, with a hint and a kind. */
function errorAt(token: Token, message: string, hint: string, kind: LiquidProblem["kind"]) {
  return new RenderError(new TemplateError(message, hint, kind), { token } as never);
}

const BLOCK_TAGS = new Set(["if", "unless", "for", "case", "capture", "tablerow"]);

/**
 * Checks a file's Liquid before LiquidJS parses it: how deep its blocks
 * nest (LiquidJS's parser recurses per block, so 10,000 nested `if`s
 * overflow the stack) and its filter chains. Parsing a section goes through
 * `engine.parse`, a partial through `engine._parsePartialFile`.
 */
function guardParsing(engine: Liquid): void {
  const parse = engine.parse.bind(engine);
  engine.parse = (html: string, filepath?: string) => {
    checkTokens(engine, String(html));
    return parse(html, filepath);
  };
  const parsePartial = engine._parsePartialFile.bind(engine);
  const texts = engine.options.templates ?? {};
  // Partials are parsed once (cache: true), so each is checked once.
  const checked = new Set<string>();
  engine._parsePartialFile = (file: string, sync?: boolean, currentFile?: string) => {
    const text = Object.hasOwn(texts, file) ? texts[file] : undefined;
    if (text !== undefined && !checked.has(file)) {
      checkTokens(engine, text);
      checked.add(file);
    }
    return parsePartial(file, sync, currentFile);
  };
}

function checkTokens(engine: Liquid, html: string): void {
  const tokenizer = new Tokenizer(html, engine.options.operators);
  // Tokenizing is flat (no recursion); a tokenization error is left to the parser to report.
  let tokens: Token[];
  try {
    tokens = tokenizer.readTopLevelTokens(engine.options);
  } catch {
    return;
  }
  let depth = 0;
  let skipping: string | undefined;
  for (const token of tokens) {
    if (TypeGuards.isOutputToken(token)) {
      if (skipping === undefined) checkFilterChain(token, token.content, token.contentRange[0]);
      continue;
    }
    if (!TypeGuards.isTagToken(token)) continue;
    const name = token.name;
    if (skipping !== undefined) {
      if (name === `end${skipping}`) skipping = undefined;
      continue;
    }
    if (name === "comment" || name === "raw") {
      skipping = name;
      continue;
    }
    checkFilterChain(token, token.args, token.contentRange[1] - token.args.length);
    if (CONDITION_TAGS.has(name)) {
      checkCondition(token, token.args, token.contentRange[1] - token.args.length);
    }
    if (name === "liquid") {
      // `{% liquid %}` holds one tag per line: its blocks nest like any other.
      for (const line of token.args.split("\n")) {
        const word = /^\s*(\w+)/.exec(line)?.[1];
        if (word === undefined) continue;
        if (BLOCK_TAGS.has(word)) depth += 1;
        else if (word.startsWith("end") && BLOCK_TAGS.has(word.slice(3))) depth -= 1;
        if (depth > LIQUID_LIMITS.maxNesting) throw tooDeep(token);
      }
      continue;
    }
    if (BLOCK_TAGS.has(name)) depth += 1;
    else if (name.startsWith("end") && BLOCK_TAGS.has(name.slice(3))) depth -= 1;
    if (depth > LIQUID_LIMITS.maxNesting) throw tooDeep(token);
  }
}

function tooDeep(token: Token) {
  return errorAt(
    token,
    `Liquid blocks nested more than ${LIQUID_LIMITS.maxNesting} deep`,
    "a brief's wording needs a few levels of if/for at most: flatten the conditions with and/or, or move a part into a partial",
    "limit",
  );
}

/**
 * Refuses a filter chain LiquidJS would pass over or misread: an empty
 * filter (`{{ x | }}`, `{{ x || y }}`), a filter with no name
 * (`{{ x | : 2 }}`), a `:` with no argument, a dangling `,`. Quoted text is
 * blanked first, so a `|` inside a string is text.
 */
function checkFilterChain(token: Token, content: string, start: number): void {
  const code = content.replace(/"[^"]*"|'[^']*'/g, (m) => `"${"x".repeat(m.length - 2)}"`);
  const pipe = code.indexOf("|");
  if (pipe < 0) return;
  const lines = code.slice(pipe).split("\n");
  // In `{% liquid %}` every line is its own tag; elsewhere a chain may span lines.
  const chains = token instanceof TagToken && token.name === "liquid" ? lines : [code.slice(pipe)];
  let offset = pipe;
  for (const chain of chains) {
    const at = (i: number) => new Spot(token, start + offset + i);
    let i = chain.indexOf("|");
    while (i >= 0) {
      const next = chain.indexOf("|", i + 1);
      const segment = chain.slice(i + 1, next < 0 ? undefined : next);
      const problem = filterSegmentProblem(segment);
      if (problem) {
        throw errorAt(
          at(i),
          problem,
          "every | is followed by a filter's name and its arguments, e.g. {{ ind.x | plus: 1 }}; every filter is listed in docs/reference/filters.md",
          "syntax",
        );
      }
      i = next;
    }
    offset += chain.length + 1;
  }
}

const CONDITION_TAGS = new Set(["if", "elsif", "unless"]);
const COMPARISON = /^(==|!=|<>|<=|>=|<|>|contains)$/;
const LOGIC = /^(and|or)$/;

/**
 * Refuses a condition LiquidJS would read wrongly without a word: an
 * operator with nothing on one side (`{% if x > %}` tests only whether x is
 * set), two operators in a row, or no condition at all. Quoted text is
 * blanked first, so an operator inside a string is text.
 */
function checkCondition(token: Token, args: string, start: number): void {
  const code = args.replace(/"[^"]*"|'[^']*'/g, (m) => `"${"x".repeat(m.length - 2)}"`);
  const words = [...code.matchAll(/==|!=|<>|<=|>=|<|>|[^\s=!<>]+/g)];
  const hint =
    "a condition compares two values ({% if ind.x.value > 0 %}) or tests one ({% if ind.x.available %}), joined by and/or";
  if (words.length === 0) {
    throw errorAt(
      new Spot(token, token.begin),
      "a condition is missing after the tag's name",
      hint,
      "syntax",
    );
  }
  const isOperator = (w: string) => COMPARISON.test(w) || LOGIC.test(w);
  for (const [i, m] of words.entries()) {
    const word = m[0];
    if (!isOperator(word)) continue;
    const before = words[i - 1]?.[0];
    const after = words[i + 1]?.[0];
    const at = new Spot(token, start + m.index);
    if (before === undefined || isOperator(before)) {
      throw errorAt(at, `${word} has no value before it`, hint, "syntax");
    }
    if (after === undefined) {
      throw errorAt(at, `${word} has no value after it`, hint, "syntax");
    }
  }
}

/** One character of a token's input, to place an error there. */
class Spot extends Token {
  constructor(token: Token, at: number) {
    super(token.kind, token.input, at, at + 1, token.file);
  }
}

function filterSegmentProblem(segment: string): string | undefined {
  const s = segment.trim();
  if (s === "") return "empty filter: a | with no filter after it";
  if (s.startsWith(":")) return "a filter's name is missing before its :";
  const args = /^[\w-]+\s*(:(.*))?$/s.exec(s);
  if (!args) return undefined;
  if (args[1] !== undefined) {
    const list = (args[2] ?? "").trim();
    if (list === "") return `${s.split(/[\s:]/)[0]}: nothing after the :`;
    if (list.startsWith(",") || list.endsWith(",") || /,\s*,/.test(list)) {
      return `${s.split(/[\s:]/)[0]}: an argument is missing between commas`;
    }
  }
  return undefined;
}

type RenderTemplates = Liquid["renderer"]["renderTemplates"];
type Template = Parameters<RenderTemplates>[0][number];

/**
 * Counts every template piece LiquidJS renders against the budget, bounds
 * how deep renders nest, and gives every render a {@link GuardedEmitter}.
 * Every block, loop pass and partial goes through `renderTemplates`, so
 * this is the one place that sees all the work. A piece over budget is an
 * error at that piece: in a partial, at the tag there, with the includes
 * that led to it.
 */
function guardRendering(engine: Liquid, budget: number): void {
  const renderer = engine.renderer;
  const original = renderer.renderTemplates.bind(renderer);
  let spent = 0;
  let depth = 0;
  const counted = new WeakMap<readonly Template[], Template[]>();
  const overBudget = () =>
    new TemplateError(
      `render budget exceeded: this brief's Liquid rendered more than ${budget.toLocaleString("en-GB")} pieces (text, outputs, tags; each loop pass and each render of a partial counts again)`,
      "look for a loop over a huge range, or partials that render other partials several times each",
      "limit",
    );
  const count = (tpl: Template): Template =>
    ({
      token: tpl.token,
      render(ctx: Context, emitter: Emitter) {
        spent += 1;
        if (spent > budget) throw overBudget();
        return tpl.render(ctx, emitter);
      },
    }) as Template;
  function* guarded(
    templates: Template[],
    ctx: Context,
    emitter?: Emitter,
  ): Generator<unknown, string | undefined, unknown> {
    depth += 1;
    // Entering a block counts too, so a loop with an empty body is bounded like any other.
    spent += 1;
    try {
      if (spent > budget) throw overBudget();
      if (depth > LIQUID_LIMITS.maxNesting) {
        throw new TemplateError(
          `Liquid blocks and partials nested more than ${LIQUID_LIMITS.maxNesting} deep`,
          "a partial that includes a partial that includes …: flatten the chain",
          "limit",
        );
      }
      let list = counted.get(templates);
      if (!list) {
        list = templates.map(count);
        counted.set(templates, list);
      }
      return (yield* original(list, ctx, emitter ?? new GuardedEmitter())) as string | undefined;
    } finally {
      depth -= 1;
    }
  }
  renderer.renderTemplates = guarded as unknown as RenderTemplates;
}

/**
 * Where every piece of rendered text is written: a text longer than
 * {@link MAX_RENDERED_CHARS} stops at the piece that makes it so (an output
 * in a loop, a capture that doubles), and a number that would print wrong
 * is refused at the output that prints it, whatever computed it.
 */
class GuardedEmitter implements Emitter {
  buffer = "";
  write(html: unknown): void {
    const text = printed(html);
    if (this.buffer.length + text.length > MAX_RENDERED_CHARS) {
      throw new TemplateError(
        `rendered text exceeds ${MAX_RENDERED_CHARS.toLocaleString("en-GB")} characters`,
        "look for a loop that prints a long text many times, or a capture that doubles",
        "limit",
      );
    }
    this.buffer += text;
  }
}

/** LiquidJS's stringify, with numbers checked. */
function printed(value: unknown): string {
  const v = toValue(value);
  if (typeof v === "string") return v;
  if (v === null || v === undefined) return "";
  if (Array.isArray(v)) return v.map(printed).join("");
  if (typeof v === "number") return printedNumber(v);
  return String(v);
}

/** A plain number as text, or an error when its text would be wrong or unreadable. */
export function printedNumber(n: number): string {
  const text = String(n);
  if (!Number.isFinite(n)) {
    throw new TemplateError(
      `a number to print is ${text}, not a finite number`,
      "it comes from a division by zero, an overflow or a number too large to write; check the arithmetic",
    );
  }
  if (Number.isInteger(n) && !Number.isSafeInteger(n)) {
    throw new TemplateError(
      `the number ${text} is too large to print exactly`,
      "numbers of more than 15 digits lose their last digits; print it as text, or scale it down",
    );
  }
  if (/e/i.test(text)) {
    throw new TemplateError(
      `the number ${text} is too small to print as a plain number`,
      "round it first, e.g. | round: 2",
    );
  }
  return text;
}

function positionOf(error: LiquidError): { line: number; column: number } {
  const pos = error.token?.getPosition?.();
  return pos && pos.length >= 2 ? { line: pos[0]!, column: pos[1]! } : { line: 1, column: 1 };
}

/**
 * LiquidJS's own limit messages, in the words of the rest of briefkit's
 * problems: what ran out and where to look.
 */
const LIMIT_WORDS: ReadonlyArray<{ match: RegExp; message: string; hint: string }> = [
  {
    match: /^memory alloc limit exceeded/i,
    message: `memory budget exceeded: the Liquid of this text built more than ${LIQUID_LIMITS.memoryLimit.toLocaleString("en-GB")} characters and items`,
    hint: "look for text that grows in a loop (append, prepend or capture of itself)",
  },
  {
    match: /^template render limit exceeded/i,
    message: `render time limit exceeded: the Liquid of this text ran for more than ${LIQUID_LIMITS.renderLimit / 1000} s`,
    hint: "look for a loop over a huge range, or a filter applied to a very long text",
  },
  {
    match: /^parse length limit exceeded/i,
    message: `the text is too long to read as Liquid (more than ${LIQUID_LIMITS.parseLimit.toLocaleString("en-GB")} characters)`,
    hint: "split it into sections or partials",
  },
];

function limitWords(message: string): { message: string; hint?: string } {
  const known = LIMIT_WORDS.find((w) => w.match.test(message));
  return known ? { message: known.message, hint: known.hint } : { message };
}

/** Turns whatever LiquidJS threw into a positioned problem. */
export function liquidProblem(error: unknown): LiquidProblem {
  if (error instanceof LiquidError && error.originalError instanceof PartialTrace) {
    const { problem, sites } = error.originalError;
    return { ...problem, includedFrom: sites };
  }
  if (error instanceof LiquidError) {
    const own = error.originalError instanceof TemplateError ? error.originalError : undefined;
    const inner = error.originalError?.message ?? error.message;
    // LiquidJS appends a context excerpt after the first line: keep the message only.
    const message = (inner.split("\n")[0] ?? inner).replace(/, line:\d+, col:\d+$/, "");
    const kind =
      own?.kind ??
      (/limit exceeded/i.test(message)
        ? "limit"
        : error.name === "ParseError" || error.name === "TokenizationError"
          ? "syntax"
          : "render");
    const words = own ? { message } : limitWords(message);
    const hint = own?.hint ?? words.hint;
    return {
      kind,
      message: words.message,
      ...positionOf(error),
      ...(hint ? { hint } : {}),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    kind: /limit exceeded/i.test(message) ? "limit" : "render",
    message,
    line: 1,
    column: 1,
    ...(error instanceof TemplateError && error.hint ? { hint: error.hint } : {}),
  };
}

/**
 * Renders one template source with the given scope. Returns the rendered
 * text (markers removed) and its line map, or the problem.
 */
export async function renderTemplate(
  engine: Liquid,
  source: string,
  scope: Record<string, unknown>,
): Promise<{ ok: true; text: string; lineMap: number[] } | { ok: false; problem: LiquidProblem }> {
  try {
    const tpl = engine.parse(markLines(typedText(source)));
    const rendered: unknown = engine.renderSync(tpl, scope);
    const text = String(rendered);
    if (text.length > MAX_RENDERED_CHARS) return { ok: false, problem: TOO_LONG };
    return { ok: true, ...unmarkLines(text, source.split("\n").length) };
  } catch (error) {
    return { ok: false, problem: liquidProblem(error) };
  }
}

/** A render whose text outgrew {@link MAX_RENDERED_CHARS}. */
const TOO_LONG: LiquidProblem = {
  kind: "limit",
  message: `rendered text exceeds ${MAX_RENDERED_CHARS} characters`,
  line: 1,
  column: 1,
};

/**
 * Renders one short text (a caption, a title, a label) synchronously, for
 * text that is not a section: no line map, the same limits and errors.
 */
export function renderTextSync(
  engine: Liquid,
  source: string,
  scope: Record<string, unknown>,
): { ok: true; text: string } | { ok: false; problem: LiquidProblem } {
  try {
    const text = String(engine.renderSync(engine.parse(typedText(source)), scope));
    if (text.length > MAX_RENDERED_CHARS) return { ok: false, problem: TOO_LONG };
    return { ok: true, text };
  } catch (error) {
    return { ok: false, problem: liquidProblem(error) };
  }
}
