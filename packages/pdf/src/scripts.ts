/**
 * Japanese in the PDF: each character set in a face that has it, and lines
 * broken where Japanese typesetting allows.
 *
 * Script runs. pdfmake sets a piece of text in one font. The house fonts have
 * no kana, kanji or ideographic punctuation; the theme's East Asian families
 * (Noto Serif JP, Noto Sans JP) do. So, just before pdfmake cuts its text into
 * words, each piece is cut where the characters change from those its font
 * has to those only its East Asian fallback has, and those runs name the
 * fallback as their font. Every text pdfmake sets (paragraphs, headings, table
 * cells, the footer) passes there, with its font resolved from the styles, so
 * no converter of the writer has to know about scripts. White space stays in
 * the run it follows, so a space at a change of script is kept once, and
 * trimmed at a line's end like any other.
 *
 * Line breaking. pdfmake's line breaker (the `linebreak` package, UAX #14,
 * which treats small kana and ー as non-starters, as JIS X 4051 does)
 * already allows a break between two ideographs or kana, and none before a
 * closing bracket, 、。・ー or a small kana, nor after an opening bracket,
 * inside one piece of text and across pieces (pdfmake joins the last word of
 * one piece with the first of the next and asks the breaker again).
 * test/pdfmake-contract.test.ts pins that. What it still allows, JIS X 4051's
 * line-start and line-end rules are checked here once more between the
 * words pdfmake has cut, and a break they forbid is taken away by pdfmake's
 * own means (`noNewLine`, which keeps a word on the line of the one before):
 * the fullwidth tilde "～" (1998～2005年) is such a case. A break at a space
 * is left alone: that is a Latin break. And a number kept on one line that
 * is cut into runs ("88億ドル") stays on one line.
 *
 * This wraps one internal of pdfmake as shared-fonts.ts and typesetting.ts
 * do: `TextBreaker#getBreaks(texts, styleContextStack)`, with the static
 * `StyleContextStack.getStyleProperty`. pdfmake is pinned; the wrap is
 * installed once per process, checks their shape, and acts only inside
 * `withScripts`. test/pdfmake-contract.test.ts pins what it relies on,
 * test/scripts.test.ts what it does.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { createRequire } from "node:module";
import { type CharacterSet, coverage, coverageOnDemand, type Theme } from "@briefkit/document";
import { PdfmakeContractError } from "./shared-fonts.js";

const RELIANCE =
  "TextBreaker#getBreaks and StyleContextStack.getStyleProperty (see packages/pdf/src/scripts.ts)";

/** What a family cannot draw and its East Asian fallback can: the fallback's name and characters. */
export interface ScriptFallback {
  /** The characters of the family itself. */
  own: ReadonlySet<number>;
  /** The fallback family's name, as pdfmake's font dictionary has it. */
  font: string;
  /** The fallback's characters; asked only for what the family lacks, so its file is read only then. */
  chars: CharacterSet;
}

/** Fallbacks by the name of the family they stand behind. */
export type ScriptFallbacks = ReadonlyMap<string, ScriptFallback>;

/** The theme's fallbacks: body and heading families, each with its East Asian family. */
export function scriptFallbacks(theme: Theme): ScriptFallbacks {
  const { body, heading, eastAsian } = theme.fonts;
  if (eastAsian === undefined) return new Map();
  return new Map(
    [
      [body, eastAsian.body],
      [heading, eastAsian.heading],
    ].map(([family, fallback]) => [
      family!.name,
      {
        own: coverage(family!.regular),
        font: fallback!.name,
        chars: coverageOnDemand(fallback!.regular),
      },
    ]),
  );
}

/** A piece of text and whether it is set in the fallback. */
export interface ScriptRun {
  text: string;
  fallback: boolean;
}

const SPACE = /\s/u;

/**
 * `text` cut into runs: a character goes to the fallback when its family
 * lacks it and the fallback has it. White space stays with the run before it.
 */
export function splitByScript(text: string, fonts: ScriptFallback): ScriptRun[] {
  const runs: ScriptRun[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    const last = runs.at(-1);
    const fallback = SPACE.test(ch)
      ? (last?.fallback ?? false)
      : !fonts.own.has(cp) && fonts.chars.has(cp);
    if (last !== undefined && last.fallback === fallback) last.text += ch;
    else runs.push({ text: ch, fallback });
  }
  return runs;
}

/**
 * JIS X 4051's characters not to start a line: closing brackets and quotes,
 * the hyphens and dividing punctuation, the middle dots, full stops and
 * commas, iteration marks, the prolonged sound mark, small kana, and their
 * fullwidth forms.
 */
const NO_LINE_START = new Set(
  "、。，．,.)]｝}〕〉》」』】〙〗〟’”｠»）］" +
    "‐゠–〜～・：；:;！？!?‼⁇⁈⁉ヽヾゝゞ々〻ー" +
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ" +
    "％‰°′″℃¢",
);

/** JIS X 4051's characters not to end a line: opening brackets and quotes. */
const NO_LINE_END = new Set("（［｛〔〈《「『【〘〖〝‘“｟«([{");

/** Whether a line may not break between a word ending `before` and one starting `after` (kinsoku). */
export function breakForbidden(before: string, after: string): boolean {
  // A break at a space is the Latin one, left as UAX #14 has it ("word – word" may break before the dash).
  if (before.length === 0 || SPACE.test(before.at(-1) ?? "")) return false;
  const first = [...after][0];
  const last = [...before].at(-1);
  return (
    (first !== undefined && NO_LINE_START.has(first)) ||
    (last !== undefined && NO_LINE_END.has(last))
  );
}

/** A word of pdfmake's TextBreaker: its text, a forced line end, and whether it keeps to the next. */
export interface BrokenWord {
  text: string;
  lineEnd?: boolean;
  noNewLine?: boolean;
  [KEEP]?: true;
}

/** Marks the runs cut from a number kept on one line (all but its last), so they stay together. */
const KEEP = "_briefkitKeepWithNext";

/** Forbids, in place, the breaks kinsoku forbids between pdfmake's words, and keeps cut numbers whole. */
export function applyKinsoku(words: BrokenWord[]): void {
  words.forEach((word, i) => {
    const keep = word[KEEP] === true;
    delete word[KEEP];
    const next = words[i + 1];
    if (next === undefined || word.lineEnd === true) return;
    if (keep || breakForbidden(word.text, next.text)) word.noNewLine = true;
  });
}

type GetStyleProperty = (
  item: object,
  stack: unknown,
  property: string,
  fallback: unknown,
) => unknown;

interface Breaker {
  getBreaks(texts: unknown, styleContextStack: unknown): BrokenWord[];
}

function contractBroken(detail: string): never {
  throw new PdfmakeContractError(detail, RELIANCE);
}

/** TextBreaker's prototype, checked to have getBreaks(texts, styleContextStack). */
export function breakerOf(mod: unknown): Breaker {
  const cls = (mod as { default?: unknown } | null)?.default;
  if (typeof cls !== "function")
    contractBroken("pdfmake/js/TextBreaker.js exports no default class");
  const method = (cls.prototype as Record<string, unknown>).getBreaks;
  if (typeof method !== "function" || method.length !== 2) {
    contractBroken("TextBreaker#getBreaks is not a method of 2 argument(s)");
  }
  return cls.prototype as Breaker;
}

/** StyleContextStack.getStyleProperty, checked to be a function of (item, stack, property, default). */
export function stylePropertyOf(mod: unknown): GetStyleProperty {
  const cls = (mod as { default?: { getStyleProperty?: unknown } } | null)?.default;
  const fn = cls?.getStyleProperty;
  if (typeof fn !== "function" || fn.length !== 4) {
    contractBroken("StyleContextStack.getStyleProperty is not a function of 4 argument(s)");
  }
  return fn.bind(cls) as GetStyleProperty;
}

/** One of pdfmake's text items cut into script runs (itself when it needs no cutting). */
function cutItem(
  item: unknown,
  stack: unknown,
  fallbacks: ScriptFallbacks,
  style: GetStyleProperty,
): unknown[] {
  const object = typeof item === "object" && item !== null ? (item as Record<string, unknown>) : {};
  const text = typeof item === "string" ? item : object.text;
  // A page number filled in later keeps its node: never cut.
  if (typeof text !== "string" || "_textRef" in object) return [item];
  const font = style(object, stack, "font", null);
  const fonts = typeof font === "string" ? fallbacks.get(font) : undefined;
  if (fonts === undefined) return [item];
  const runs = splitByScript(text, fonts);
  if (runs.length === 0 || (runs.length === 1 && runs[0]?.fallback === false)) return [item];
  const keep = style(object, stack, "noWrap", false) === true;
  return runs.map((run, i) => ({
    ...object,
    text: run.text,
    ...(run.fallback ? { font: fonts.font } : {}),
    ...(keep && i < runs.length - 1 ? { [KEEP]: true } : {}),
  }));
}

interface Scripts {
  scope: AsyncLocalStorage<ScriptFallbacks>;
}

const SCRIPTS = Symbol.for("briefkit.pdf.scripts");

function install(): Scripts {
  const require = createRequire(import.meta.url);
  const breaker = breakerOf(require("pdfmake/js/TextBreaker.js")) as Breaker & {
    [SCRIPTS]?: Scripts;
  };
  const style = stylePropertyOf(require("pdfmake/js/StyleContextStack.js"));
  const installed = breaker[SCRIPTS];
  if (installed !== undefined) return installed;
  const scripts: Scripts = { scope: new AsyncLocalStorage() };
  const getBreaks = breaker.getBreaks;
  breaker.getBreaks = function (texts, stack) {
    const fallbacks = scripts.scope.getStore();
    if (fallbacks === undefined) return getBreaks.call(this, texts, stack);
    const items = (Array.isArray(texts) ? texts : [texts]).flatMap((item) =>
      cutItem(item, stack, fallbacks, style),
    );
    const words = getBreaks.call(this, items, stack);
    if (!Array.isArray(words)) contractBroken("TextBreaker#getBreaks returned no array of words");
    applyKinsoku(words);
    return words;
  };
  breaker[SCRIPTS] = scripts;
  return scripts;
}

/**
 * Runs `render` (which calls pdfmake's `createPdf` and awaits its output)
 * with Japanese set in the theme's East Asian families and broken by kinsoku.
 */
export function withScripts<T>(fallbacks: ScriptFallbacks, render: () => Promise<T>): Promise<T> {
  return install().scope.run(fallbacks, render);
}

const SVG_TEXT = /(<text\b[^>]*>)([^<]*)/g;
const FONT_FAMILY = /(\sfont-family\s*=\s*)(["'])[^"']*\2/;

/**
 * A chart's SVG with each `<text>` that holds a character its family lacks
 * and the fallback has set in the fallback family. svg-to-pdfkit sets a text
 * element in one font, found by its `font-family`; the Japanese families
 * draw Latin letters and digits too, so a mixed label is set whole in them.
 */
export function svgWithFallbackFonts(svg: string, fonts: ScriptFallback): string {
  return svg.replace(SVG_TEXT, (all, open: string, text: string) => {
    const runs = splitByScript(decodeXmlText(text), fonts);
    if (!runs.some((r) => r.fallback) || !FONT_FAMILY.test(open)) return all;
    return `${open.replace(FONT_FAMILY, (_m, pre: string, q: string) => `${pre}${q}${fonts.font}${q}`)}${text}`;
  });
}

function decodeXmlText(text: string): string {
  return text.replace(/&#(x[0-9a-fA-F]+|[0-9]+);/g, (m, n: string) => {
    const cp = n.startsWith("x") ? Number.parseInt(n.slice(1), 16) : Number.parseInt(n, 10);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
  });
}
