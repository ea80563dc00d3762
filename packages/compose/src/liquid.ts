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
 * keep their provenance. Each source line gets an end-of-line marker so that
 * positions in the rendered text map back to the template file.
 */

import type { NumberInline } from "@briefkit/document";
import { type FilterImplOptions, Liquid, LiquidError } from "liquidjs";
import { type Figure, figureInline } from "./values.js";

/** Limits that bound a render in time and memory. */
export const LIQUID_LIMITS = {
  /** Characters parsed per template. */
  parseLimit: 1_000_000,
  /** Milliseconds per render. */
  renderLimit: 2_000,
  /** Objects/characters created per render (LiquidJS's own accounting). */
  memoryLimit: 20_000_000,
  /** Tag/output renders per render call. */
  templateLimit: 200_000,
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
  readonly value: number | null;
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
 * a located "undefined variable" error, not a silent blank. It is a
 * null-prototype object, so with ownPropertyOnly a template reaches these
 * fields and nothing else (`.constructor` is an undefined variable).
 * Printing goes through a non-enumerable `toString` that leaves a
 * placeholder; filters reach the figure itself through `figureOf`.
 */
export function numberValue(figure: Figure, sink: NumberSink): NumberValue {
  const v = Object.create(null) as Record<string, unknown>;
  const inline = figureInline(figure);
  for (const [k, x] of Object.entries(figure.fields)) v[k] = x;
  v.value = inline.value;
  v.text = inline.text;
  if (inline.unit) v.unit = inline.unit;
  v.available = inline.value !== null;
  v.estimate = inline.estimate === true;
  const periods = inline.provenance.periods?.join("–");
  if (periods) v.period = periods;
  const print = () => sink.placeholder(inline);
  Object.defineProperty(v, "toString", { value: print, enumerable: false });
  Object.defineProperty(v, "valueOf", { value: print, enumerable: false });
  Object.defineProperty(v, FIGURE, { value: figure, enumerable: false });
  return Object.freeze(v) as unknown as NumberValue;
}

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

/** Where a Liquid problem sits in the template file. */
export interface LiquidProblem {
  kind: "syntax" | "render" | "limit";
  message: string;
  line: number;
  column: number;
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
}

/** A LiquidJS engine with every door closed but the ones we open. */
export function createSandbox(options: SandboxOptions): Liquid {
  const engine = new Liquid({
    templates: options.partials,
    strictVariables: true,
    strictFilters: true,
    ownPropertyOnly: true,
    relativeReference: false,
    jsTruthy: false,
    catchAllErrors: false,
    // Dates in templates are formatted in UTC, so output never depends on the machine.
    timezoneOffset: 0,
    locale: "en-GB",
    parseLimit: LIQUID_LIMITS.parseLimit,
    renderLimit: LIQUID_LIMITS.renderLimit,
    memoryLimit: LIQUID_LIMITS.memoryLimit,
    outputEscape: undefined,
  });
  for (const [name, filter] of Object.entries(options.filters)) {
    engine.registerFilter(name, filter);
  }
  return engine;
}

function positionOf(error: LiquidError): { line: number; column: number } {
  const pos = error.token?.getPosition?.();
  return pos && pos.length >= 2 ? { line: pos[0]!, column: pos[1]! } : { line: 1, column: 1 };
}

/** Turns whatever LiquidJS threw into a positioned problem. */
export function liquidProblem(error: unknown): LiquidProblem {
  if (error instanceof LiquidError) {
    const inner = error.originalError?.message ?? error.message;
    // LiquidJS appends a context excerpt after the first line: keep the message only.
    const message = (inner.split("\n")[0] ?? inner).replace(/, line:\d+, col:\d+$/, "");
    const kind = /limit exceeded/i.test(message)
      ? "limit"
      : error.name === "ParseError" || error.name === "TokenizationError"
        ? "syntax"
        : "render";
    return { kind, message, ...positionOf(error) };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    kind: /limit exceeded/i.test(message) ? "limit" : "render",
    message,
    line: 1,
    column: 1,
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
    const tpl = engine.parse(markLines(source));
    const rendered: unknown = await engine.render(tpl, scope, {
      templateLimit: LIQUID_LIMITS.templateLimit,
    });
    const text = String(rendered);
    if (text.length > MAX_RENDERED_CHARS) {
      return {
        ok: false,
        problem: {
          kind: "limit",
          message: `rendered text exceeds ${MAX_RENDERED_CHARS} characters`,
          line: 1,
          column: 1,
        },
      };
    }
    return { ok: true, ...unmarkLines(text, source.split("\n").length) };
  } catch (error) {
    return { ok: false, problem: liquidProblem(error) };
  }
}
