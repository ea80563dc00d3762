/**
 * Typographic quotation marks and apostrophes in a brief's prose. A ' or "
 * the template's author typed becomes ‘ ’ “ ” (the pairs of the document's
 * language, `Terms.quotes`) or the apostrophe ’, once, here in compose, so
 * every writer prints the same text.
 *
 * The pairing is markdown-it's own `smartquotes` rule, switched on alone:
 * its `typographer` option also drives the `replacements` rule, which would
 * rewrite (c) to ©, +- to ±, ... to … and -- to –, changing text and numbers
 * an author typed; that rule stays off. smartquotes pairs quotes across
 * inline boundaries (`"**Ring of Hope**"`, a quote next to a figure or a
 * footnote reference), nests ' inside ", sets an apostrophe inside a word,
 * and touches only text: code spans, code blocks, raw HTML, link targets
 * and escaped quotes (`\"`, the way to keep one straight) are left alone.
 * Two small rules around it cover what it leaves wrong:
 *
 * - before it, `apostrophes`: a ' after a closing bracket or quote and
 *   before a letter ("(Sakhalin)'s") and one that elides a decade
 *   ("the '90s") are apostrophes, which smartquotes would hold open as
 *   opening quotes; a quote inside a URL (an autolink, or an address written
 *   out in the text) is kept as typed;
 * - after it, `unpaired_quotes`: a quote nothing closed (smartquotes leaves
 *   it straight) is set by its side: ' as an apostrophe (the '05 season,
 *   'tis), " as an opening mark before a word and a closing one after it.
 *
 * What Liquid prints is not prose: a value from the data, a figure's text,
 * a string in the template's Liquid. The sandbox hands it over with its
 * quotes replaced by stand-ins (`keepPrintedQuotes`, its output escape) that
 * no rule here matches; `restoreQuotes` puts them back once the prose around
 * them is set. The stand-ins are noncharacters (U+FDEE, U+FDEF), which the
 * document model replaces anyway: one typed in a template is U+FFFD before
 * Liquid reads it (`typedText`), so only what Liquid printed is restored. (One
 * in the data's own text would print as the quote it stands for, not as
 * U+FFFD.)
 */
import { type Terms, termsFor } from "@briefkit/document";
import MarkdownIt, { type PluginWithOptions, type StateCore, type Token } from "markdown-it";

/** The quotation marks of a language: [open, close, inner open, inner close]. */
export type QuoteMarks = Terms["quotes"];

const APOSTROPHE = "\u2019";
/** Stand-ins for the quotes of printed values, until the prose around them is set. */
const KEPT_SINGLE = "\uFDEE";
const KEPT_DOUBLE = "\uFDEF";
/** The stand-ins as markdown-it's link normaliser percent-encodes them in a link target. */
const KEPT_SINGLE_ENCODED = "%EF%B7%AE";
const KEPT_DOUBLE_ENCODED = "%EF%B7%AF";

/**
 * A value's straight quotes as stand-ins. A stand-in it holds already stays
 * one: a string captured from printed values (`{% capture %}`) is printed
 * again.
 */
export function keepQuotes(value: string): string {
  if (!/['"]/.test(value)) return value;
  return value.replace(/'/g, KEPT_SINGLE).replace(/"/g, KEPT_DOUBLE);
}

/**
 * Text as typed in a template, before Liquid renders it or as it stands
 * without Liquid: a stand-in typed there (a noncharacter, which the model
 * would replace) is U+FFFD, so that only what Liquid printed is restored.
 */
export function typedText(text: string): string {
  return /[\uFDEE\uFDEF]/.test(text) ? text.replace(/[\uFDEE\uFDEF]/g, "\uFFFD") : text;
}

/**
 * The sandbox's output escape: a printed string (or the strings of a printed
 * list) with its quotes kept. A figure prints as a number placeholder and
 * passes as it is.
 */
export function keepPrintedQuotes(value: unknown): unknown {
  if (typeof value === "string") return keepQuotes(value);
  if (Array.isArray(value)) return value.map(keepPrintedQuotes);
  return value;
}

/** The kept quotes back as typed. */
export function restoreQuotes(text: string): string {
  if (!/[\uFDEE\uFDEF]/.test(text)) return text;
  return text.replace(/\uFDEE/g, "'").replace(/\uFDEF/g, '"');
}

/** A link target's kept quotes back, also where the link normaliser percent-encoded them. */
function restoreUrl(url: string): string {
  return restoreQuotes(url)
    .split(KEPT_SINGLE_ENCODED)
    .join("'")
    .split(KEPT_DOUBLE_ENCODED)
    .join("%22");
}

/**
 * The straight quote a typographic mark of `marks` was typed as, for
 * finding it in the rendered text (glyph problems are reported where a
 * character was typed); undefined for any other character.
 */
export function typedAs(ch: string, marks: QuoteMarks): "'" | '"' | undefined {
  if (ch === marks[0] || ch === marks[1]) return '"';
  if (ch === marks[2] || ch === marks[3] || ch === APOSTROPHE) return "'";
  return undefined;
}

// ---------------------------------------------------------------- the rules

const { isWhiteSpace, isMdAsciiPunct, isPunctCharCode } = new MarkdownIt().utils;

const isPunct = (code: number) => isMdAsciiPunct(code) || isPunctCharCode(code);
const isLetterOrDigit = (code: number) => /[\p{L}\p{N}]/u.test(String.fromCharCode(code));
/** Closing brackets and marks after which a ' before a letter is an apostrophe: "(Sakhalin)'s". */
const CLOSERS = new Set([...")]}”’»"].map((c) => c.charCodeAt(0)));
/** What may stand before a quote that opens: a space, an opening bracket or mark, a dash. */
const OPENERS = new Set([..."([{“‘«—–-/"].map((c) => c.charCodeAt(0)));
const SPACE = 0x20;

/**
 * The character before position `at` of text token `i`, looking back
 * through the inline's other tokens as smartquotes does: a line break, or
 * the start of the block, counts as a space; tokens without text (a
 * footnote reference, the marks of emphasis) are passed over.
 */
function charBefore(tokens: readonly Token[], i: number, at: number): number {
  const own = tokens[i]!.content;
  if (at > 0) return own.charCodeAt(at - 1);
  for (let j = i - 1; j >= 0; j -= 1) {
    const t = tokens[j]!;
    if (t.type === "softbreak" || t.type === "hardbreak") return SPACE;
    if (t.content) return t.content.charCodeAt(t.content.length - 1);
  }
  return SPACE;
}

/** The character after position `at` of text token `i` (see `charBefore`). */
function charAfter(tokens: readonly Token[], i: number, at: number): number {
  const own = tokens[i]!.content;
  if (at + 1 < own.length) return own.charCodeAt(at + 1);
  for (let j = i + 1; j < tokens.length; j += 1) {
    const t = tokens[j]!;
    if (t.type === "softbreak" || t.type === "hardbreak") return SPACE;
    if (t.content) return t.content.charCodeAt(0);
  }
  return SPACE;
}

/** Replaces the quotes of `tokens[i]` that `decide` gives a mark for. */
function setQuotes(
  tokens: Token[],
  i: number,
  decide: (quote: "'" | '"', at: number) => string | undefined,
): void {
  const token = tokens[i]!;
  let out = "";
  let changed = false;
  for (let at = 0; at < token.content.length; at += 1) {
    const ch = token.content[at]!;
    const mark = ch === "'" || ch === '"' ? decide(ch, at) : undefined;
    if (mark !== undefined) changed = true;
    out += mark ?? ch;
  }
  if (changed) token.content = out;
}

/** The inline children of every inline block of a parse. */
function* inlineChildren(state: StateCore): Generator<Token[]> {
  for (const block of state.tokens) {
    if (block.type === "inline" && block.children) yield block.children;
  }
}

/** An address written out in text: its quotes are part of it. */
const URL_IN_TEXT = /\b(?:https?:\/\/|mailto:)[^\s<>]*/gi;

/** Before smartquotes: apostrophes it would take for opening quotes, and quotes inside addresses. */
function apostrophes(state: StateCore): void {
  for (const tokens of inlineChildren(state)) {
    let autolink = false;
    tokens.forEach((token, i) => {
      if (token.type === "link_open") autolink = token.markup === "autolink";
      if (token.type === "link_close") autolink = false;
      if (token.type !== "text" || !/['"]/.test(token.content)) return;
      if (autolink) {
        token.content = keepQuotes(token.content);
        return;
      }
      token.content = token.content.replace(URL_IN_TEXT, keepQuotes);
      setQuotes(tokens, i, (quote, at) => {
        if (quote !== "'") return undefined;
        const before = charBefore(tokens, i, at);
        const after = charAfter(tokens, i, at);
        // "(Sakhalin)'s": smartquotes would open a quote after punctuation.
        if (CLOSERS.has(before) && isLetterOrDigit(after)) return APOSTROPHE;
        // "the '90s", "in '05": a decade or year cut short, not a quotation of a number.
        const elided = /^'\d\d(?!\d)/.test(token.content.slice(at));
        if (elided && (isWhiteSpace(before) || OPENERS.has(before))) return APOSTROPHE;
        return undefined;
      });
    });
  }
}

/** After smartquotes: the quotes it left straight because nothing closed them. */
function unpairedQuotes(state: StateCore): void {
  const [open, close] = state.md.options.quotes as unknown as QuoteMarks;
  for (const tokens of inlineChildren(state)) {
    tokens.forEach((token, i) => {
      if (token.type !== "text" || !/['"]/.test(token.content)) return;
      setQuotes(tokens, i, (quote, at) => {
        if (quote === "'") return APOSTROPHE;
        // Opening where a word starts after it ("Ring …), closing otherwise (… Hope").
        const before = charBefore(tokens, i, at);
        const after = charAfter(tokens, i, at);
        return !isWhiteSpace(after) && (isWhiteSpace(before) || isPunct(before)) ? open : close;
      });
    });
  }
}

/** Last: the printed values' quotes back as they were printed, wherever they went. */
function keptQuotes(state: StateCore): void {
  const visit = (tokens: readonly Token[]) => {
    for (const t of tokens) {
      t.content = restoreQuotes(t.content);
      if (t.attrs)
        for (const a of t.attrs) a[1] = a[0] === "href" ? restoreUrl(a[1]) : restoreQuotes(a[1]);
      if (t.children) visit(t.children);
    }
  };
  visit(state.tokens);
}

/**
 * The markdown-it plugin: smartquotes with `marks`, the two rules around
 * it, and the printed values' quotes restored at the end. Container and
 * leaf directives keep their stand-ins in `info` and `meta`: their
 * attributes are restored, or set as prose, where they are read.
 */
export const smartQuotes: PluginWithOptions<QuoteMarks> = (md, marks) => {
  md.set({ typographer: true, quotes: [...(marks ?? termsFor("en").quotes)] });
  md.core.ruler.enable(["smartquotes"]);
  md.core.ruler.before("smartquotes", "apostrophes", apostrophes);
  md.core.ruler.after("smartquotes", "unpaired_quotes", unpairedQuotes);
  md.core.ruler.push("kept_quotes", keptQuotes);
};

/** A parser for plain text: no Markdown read, only the quotes set (one per language). */
const plainParsers = new Map<string, MarkdownIt>();

function plainParser(marks: QuoteMarks): MarkdownIt {
  const key = marks.join("\u0000");
  let md = plainParsers.get(key);
  if (!md) {
    // "zero" reads no Markdown: every character stays text. normalize would rewrite line ends.
    md = new MarkdownIt("zero").use(smartQuotes, marks);
    md.core.ruler.disable(["normalize"]);
    plainParsers.set(key, md);
  }
  return md;
}

/** Plain prose typed in template.yaml, with no Liquid in it (a title, an indicator's label), with its quotes set. */
export function setTypedQuotes(text: string, marks: QuoteMarks): string {
  return setPlainQuotes(typedText(text), marks);
}

/**
 * Plain prose Liquid rendered (a caption, a label, a callout's title) with
 * its quotes set and the quotes of the values printed in it restored. Text
 * without a quote or a stand-in comes back as it is.
 */
export function setPlainQuotes(text: string, marks: QuoteMarks): string {
  if (!/['"\uFDEE\uFDEF]/.test(text)) return text;
  const [inline] = plainParser(marks).parseInline(text, {});
  return (inline?.children ?? []).map((t) => t.content).join("");
}
