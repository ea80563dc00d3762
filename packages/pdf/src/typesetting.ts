/**
 * Two rules of typesetting pdfmake 0.3 lacks, for the documents this writer
 * renders.
 *
 * Justification at spaces only. pdfmake cuts a paragraph into pieces where
 * its line breaker (Unicode's UAX #14) allows a break, and separately at
 * every change of style; a justified line then gets its extra width spread
 * evenly between ALL its pieces (`ElementWriter#alignLine`). So a gap opened
 * wherever a number met its punctuation ("11%" then ";"), after every
 * hyphen and dash ("expert-" then "level", "1992–" then "2001"), between a
 * number and its ordinal suffix ("11" then "th") and before a note
 * reference. Here the extra width goes only where the text has a space: after
 * a piece that ends in white space, and, in Japanese, which has no spaces,
 * between two characters (JIS X 4051's inter-character spacing). A line
 * without either is set flush left. A
 * figure kept on one line ("US$8.8 billion", `noWrap`) is one piece: it is
 * cut at its own spaces once set, so they stretch like the others.
 *
 * Widows and orphans. pdfmake breaks a paragraph wherever the page ends, so
 * a paragraph's first line could stand alone at the foot of a page, or its
 * last line alone at the head of the next. A paragraph that asks for it
 * (`orphans` and `widows` on its node, as in CSS) is broken so that at least
 * that many lines stand on each side of a page break: its last lines start
 * the next page early, or, when it is too short for both, it moves whole.
 * pdfmake builds each line just before it places it
 * (`LayoutBuilder#buildNextLine`); the wrap looks at the lines still to come
 * (built on copies of the pieces, then dropped) and moves to the next page
 * before the line where the break has to fall. A line that brings notes to
 * the page foot counts with their room (footnotes.ts, `noteCosts`): the two
 * rules decide each line's page with one view of the room left.
 *
 * Both wrap a pdfmake internal as shared-fonts.ts does: pdfmake is pinned to
 * one exact version; the wraps are installed once per process and check the
 * methods' shape then, and the shape of what they read on every call,
 * throwing a `PdfmakeContractError` if it moved; they act only inside
 * `withTypesetting`, on the documents this writer renders (AsyncLocalStorage
 * follows each render's promise chain). test/pdfmake-contract.test.ts pins
 * what they rely on, test/typesetting.test.ts what they do.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { createRequire } from "node:module";
import { noteCosts } from "./footnotes.js";
import { installKeepWithNext } from "./keep-with-next.js";
import { PdfmakeContractError } from "./shared-fonts.js";

/** Where this module's reliance on pdfmake is explained, for the contract error. */
const RELIED = "ElementWriter#alignLine and LayoutBuilder#buildNextLine";
const WHERE = "packages/pdf/src/typesetting.ts";

/** The least number of a paragraph's lines at the foot of a page, and at the head of the next. */
export const KEEP_LINES = { orphans: 2, widows: 2 } as const;

/** Where a justified line's pieces move: `offsets[i]` to the right, `gaps[i]` of it opened just before piece i. */
export interface Justification {
  offsets: number[];
  gaps: number[];
}

const ENDS_IN_SPACE = /\s$/u;

/** Kana, kanji and the ideographic and fullwidth punctuation: Japanese set solid, one em each. */
const IDEOGRAPHIC =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\u30fb\u30fc\uff01-\uff60]/u;

/**
 * Whether two pieces meet between two Japanese characters: there, as JIS X
 * 4051 justifies a line, the extra width is spread between the characters
 * (a fraction of a point each), so a Japanese paragraph keeps the straight
 * right edge of the English ones and never opens a gap at one place.
 */
function ideographicBoundary(before: string, after: string): boolean {
  return IDEOGRAPHIC.test(before.at(-1) ?? "") && IDEOGRAPHIC.test(after[0] ?? "");
}

/**
 * `extra` points shared out among the spaces of a line whose pieces have the
 * texts `texts`: a space is the end of a piece that ends in white space, with
 * a piece after it. No space, no justification (all offsets 0).
 */
export function justifyAtSpaces(texts: readonly string[], extra: number): Justification {
  const opens = (i: number) =>
    i > 0 &&
    (ENDS_IN_SPACE.test(texts[i - 1] ?? "") ||
      ideographicBoundary(texts[i - 1] ?? "", texts[i] ?? ""));
  const spaces = texts.filter((_, i) => opens(i)).length;
  const offsets: number[] = [];
  const gaps: number[] = [];
  const each = spaces === 0 ? 0 : extra / spaces;
  let offset = 0;
  texts.forEach((_, i) => {
    const gap = opens(i) ? each : 0;
    offset += gap;
    offsets.push(offset);
    gaps.push(gap);
  });
  return { offsets, gaps };
}

/** A paragraph about to set its next line, as the page-break rule sees it. */
export interface LineSituation {
  /** Lines of the paragraph already set on this page. */
  placed: number;
  /**
   * Heights of its lines still to set, from the next one, as far as they were
   * built; a line that brings notes to the page with their room (footnotes.ts),
   * Infinity if they would send it to the next page.
   */
  heights: readonly number[];
  /** Whether more lines follow those. */
  more: boolean;
  /** Height left on the page, pt. */
  room: number;
  /** Whether the next line would stand at the head of the page. */
  atTop: boolean;
  orphans: number;
  widows: number;
}

/** How many of `heights`, from the first, fit in `room` (as pdfmake counts: one line after another). */
function fitting(heights: readonly number[], room: number): number {
  let left = room;
  let count = 0;
  for (const h of heights) {
    if (h > left) break;
    left -= h;
    count += 1;
  }
  return count;
}

/**
 * Whether to start a new page before the paragraph's next line, so that no
 * page break leaves fewer than `orphans` of its lines at the foot of a page
 * or fewer than `widows` at the head of the next. A paragraph too short to
 * keep both moves whole (from its first line); a break pdfmake makes anyway
 * (nothing fits) or that cannot help (the head of a page) is left alone.
 */
export function breakBeforeLine(s: LineSituation): boolean {
  if (s.atTop) return false;
  const fit = fitting(s.heights, s.room);
  const remaining = s.more ? Number.POSITIVE_INFINITY : s.heights.length;
  if (fit === 0 || fit >= remaining) return false;
  // pdfmake would set `fit` more lines here and the rest on the next page.
  if (s.placed + fit < s.orphans) return s.placed === 0;
  if (remaining - fit >= s.widows) return false;
  // Too few would go over: break earlier, before the line that leaves `widows` to go.
  const here = remaining - s.widows;
  if (s.placed + here < s.orphans) return s.placed === 0;
  return here === 0;
}

/** The pdfmake line alignLine gets. */
interface PdfmakeLine {
  inlines: Array<{
    text: unknown;
    x: unknown;
    alignment?: unknown;
    justifyShift?: number;
    /** A note reference's anchor (footnotes.ts). */
    linkToDestination?: unknown;
  }>;
  newLineForced?: boolean;
  lastLineInParagraph?: boolean;
  getWidth(): number;
  getHeight(): number;
}

interface PdfmakeContext {
  availableWidth: number;
  availableHeight: number;
  y: number;
  page: number;
  pageMargins: { top: number };
  inSnakingColumns(): boolean;
}

interface PdfmakeWriter {
  context(): PdfmakeContext;
  transactionLevel: number;
  moveToNextPage(orientation?: unknown): unknown;
}

/** The text node buildNextLine gets: its pieces still to set, the positions of the lines set. */
interface PdfmakeTextNode {
  _inlines?: Array<Record<string, unknown>>;
  positions?: Array<{ pageNumber?: unknown }>;
  pageOrientation?: unknown;
  orphans?: unknown;
  widows?: unknown;
}

interface Aligner {
  alignLine(this: { context(): PdfmakeContext }, line: PdfmakeLine): void;
}

interface LineBuilder {
  buildNextLine(this: { writer: PdfmakeWriter }, node: PdfmakeTextNode): PdfmakeLine | null;
}

/** A method of a pdfmake class's prototype, from its module (CommonJS, `exports.default`), checked for arity. */
function methodOf<T>(mod: unknown, file: string, name: string, arity: number): T {
  const cls = (mod as { default?: unknown } | null)?.default;
  if (typeof cls !== "function") {
    throw new PdfmakeContractError(`pdfmake/js/${file} exports no default class`, RELIED, WHERE);
  }
  const method = (cls.prototype as Record<string, unknown>)[name];
  if (typeof method !== "function" || method.length !== arity) {
    throw new PdfmakeContractError(
      `${file.replace(".js", "")}#${name} is not a method of ${arity} argument(s)`,
      RELIED,
      WHERE,
    );
  }
  return cls.prototype as T;
}

/** ElementWriter's prototype, checked to have alignLine(line). */
export function alignerOf(mod: unknown): Aligner {
  return methodOf<Aligner>(mod, "ElementWriter.js", "alignLine", 1);
}

/** LayoutBuilder's prototype, checked to have buildNextLine(textNode). */
export function lineBuilderOf(mod: unknown): LineBuilder {
  return methodOf<LineBuilder>(mod, "LayoutBuilder.js", "buildNextLine", 1);
}

function contractBroken(detail: string): never {
  throw new PdfmakeContractError(detail, RELIED, WHERE);
}

/** A piece of a line as alignLine reads it (pdfmake's inline, measured, with its pdfkit font). */
interface Piece {
  text: string;
  x: number;
  width: number;
  fontSize: number;
  font: { widthOfString(text: string, size: number, features?: unknown): number };
  fontFeatures?: unknown;
  characterSpacing?: number;
  trailingCut?: number;
  leadingCut?: number;
  justifyShift?: number;
}

function isPiece(inline: unknown): inline is Piece {
  const p = inline as Partial<Piece> | null;
  return (
    typeof p?.text === "string" &&
    typeof p.x === "number" &&
    typeof p.width === "number" &&
    typeof p.fontSize === "number" &&
    typeof p.font?.widthOfString === "function"
  );
}

/** Text cut after each run of white space ("US$8.8 billion" → "US$8.8 ", "billion"). */
const WORDS = /\S*\s+|\S+/gu;

/**
 * A piece with spaces inside it, cut at them: a number kept on one line
 * ("US$8.8 billion", `noWrap`) is one piece, and its spaces are stretched
 * like the others once it is set. Each part starts where its text starts in
 * the whole (kerning within a part is kept), and the last keeps the trailing cut.
 */
function cutAtSpaces(piece: Piece): Piece[] {
  const words = piece.text.match(WORDS) ?? [];
  if (words.length < 2) return [piece];
  const spacing = piece.characterSpacing ?? 0;
  const advance = (text: string) =>
    piece.font.widthOfString(text, piece.fontSize, piece.fontFeatures) + spacing * text.length;
  let start = 0;
  return words.map((text, i) => {
    const part: Piece = {
      ...piece,
      text,
      x: piece.x + advance(piece.text.slice(0, start)),
      width: advance(text) - spacing,
      trailingCut: i === words.length - 1 ? piece.trailingCut : 0,
      leadingCut: i === 0 ? piece.leadingCut : 0,
    };
    start += text.length;
    return part;
  });
}

/** Sets a justified line with its extra width at its spaces (in place of pdfmake's even spread). */
function justify(line: PdfmakeLine, width: number): void {
  const pieces = line.inlines.flatMap((inline) => {
    if (!isPiece(inline)) {
      contractBroken(
        "a line's inlines have no measured text, x and font for ElementWriter#alignLine",
      );
    }
    // A page number filled in later (a contents line) stays whole.
    return "_pageNodeRef" in inline || "_tocItemRef" in inline ? [inline] : cutAtSpaces(inline);
  });
  const { offsets, gaps } = justifyAtSpaces(
    pieces.map((p) => p.text),
    width - line.getWidth(),
  );
  pieces.forEach((piece, i) => {
    piece.x += offsets[i] ?? 0;
    // What pdfmake's own justification sets: decorations and backgrounds reach back over the gap.
    if ((gaps[i] ?? 0) !== 0) piece.justifyShift = gaps[i];
  });
  line.inlines.splice(0, line.inlines.length, ...pieces);
}

/**
 * The node's pieces for a look-ahead: the same pieces, each copied as
 * buildNextLine takes it off the front (`shift`), before it sets the piece's
 * `x` or splits its text. Copying them all up front, before each line of a
 * paragraph, cost a paragraph of n pieces n² copies; now a look-ahead copies
 * the pieces its lines take. `taken` holds the copies, so that linesAhead can
 * check that every piece of a line it built is one.
 */
function takenAsCopies(pieces: ReadonlyArray<Record<string, unknown>>): {
  inlines: Array<Record<string, unknown>>;
  taken: WeakSet<object>;
} {
  const inlines = pieces.slice();
  const taken = new WeakSet<object>();
  inlines.shift = () => {
    const piece = Array.prototype.shift.call(inlines) as Record<string, unknown> | undefined;
    if (piece === undefined) return undefined;
    const copy = { ...piece };
    taken.add(copy);
    return copy;
  };
  return { inlines, taken };
}

/**
 * The heights of the node's lines still to set: those that fit in `room`,
 * then up to `widows` + 1 more, and no more than `most` in all. Built from a
 * copy of the node whose pieces are copied as they are taken
 * (takenAsCopies: buildNextLine takes pieces off the node, sets them and may
 * split one), so the node pdfmake goes on to set is untouched.
 */
function linesAhead(
  builder: { writer: PdfmakeWriter },
  build: LineBuilder["buildNextLine"],
  node: PdfmakeTextNode,
  pieces: ReadonlyArray<Record<string, unknown>>,
  room: number,
  widows: number,
  most: number,
): { heights: number[]; more: boolean } {
  const { inlines, taken } = takenAsCopies(pieces);
  const copy = { ...node, _inlines: inlines };
  const heights: number[] = [];
  let left = room;
  let over = 0;
  // A line that refers to notes takes their room on the page too (footnotes.ts).
  const notes = noteCosts(builder);
  while (copy._inlines.length > 0 && over <= widows && heights.length < most) {
    const line = build.call(builder, copy);
    if (line === null || typeof line?.getHeight !== "function") {
      contractBroken("LayoutBuilder#buildNextLine gave no line for a node with inlines");
    }
    if (!Array.isArray(line.inlines) || !line.inlines.every((piece) => taken.has(piece))) {
      contractBroken("LayoutBuilder#buildNextLine set a piece it did not take with shift()");
    }
    const own = line.getHeight();
    const height = own + (over > 0 || notes === undefined ? 0 : notes(line, left - own));
    heights.push(height);
    if (over > 0 || height > left) over += 1;
    else left -= height;
  }
  return { heights, more: copy._inlines.length > 0 };
}

/** How many lines a node asks to keep together, if it asks (a positive whole number). */
function keepOf(value: unknown): number | undefined {
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : undefined;
}

/** Moves to the next page before a line, when the node's orphans/widows ask for it. */
function keepLines(
  builder: { writer: PdfmakeWriter },
  build: LineBuilder["buildNextLine"],
  node: PdfmakeTextNode,
): void {
  const orphans = keepOf(node.orphans);
  const widows = keepOf(node.widows);
  if (orphans === undefined && widows === undefined) return;
  const { writer } = builder;
  const inlines = node._inlines;
  if (!Array.isArray(inlines) || !Array.isArray(node.positions)) {
    contractBroken("a text node has no _inlines and positions for LayoutBuilder#buildNextLine");
  }
  if (inlines.length === 0) return;
  if (typeof writer?.context !== "function" || typeof writer.moveToNextPage !== "function") {
    contractBroken("LayoutBuilder has no page writer with context() and moveToNextPage()");
  }
  const context = writer.context();
  if (
    typeof context.availableHeight !== "number" ||
    typeof context.y !== "number" ||
    typeof context.page !== "number" ||
    typeof context.pageMargins?.top !== "number" ||
    typeof context.inSnakingColumns !== "function"
  ) {
    contractBroken("the document context has no availableHeight, y, page, pageMargins");
  }
  // Inside an unbreakable block or snaking columns, pdfmake places lines its own way.
  if (writer.transactionLevel > 0 || context.inSnakingColumns()) return;
  // At the head of a page no break helps (breakBeforeLine): nothing to look ahead at.
  if (context.y <= context.pageMargins.top) return;
  const page = context.page + 1;
  const placed = node.positions.filter((p) => p.pageNumber === page).length;
  const kept = { orphans: orphans ?? 1, widows: widows ?? 1 };
  // Once the page holds `orphans` of the paragraph's lines, only a paragraph
  // that ends in exactly `widows` lines can call for a break, and widows + 1
  // lines tell whether it does: the rest of a long paragraph is not built
  // again before each of its lines (that made setting it quadratic). Cut
  // short, `more` is true, and breakBeforeLine decides as it would on them all.
  const most = placed >= kept.orphans ? kept.widows + 1 : Number.POSITIVE_INFINITY;
  const situation: LineSituation = {
    placed,
    ...linesAhead(builder, build, node, inlines, context.availableHeight, kept.widows, most),
    room: context.availableHeight,
    atTop: false,
    ...kept,
  };
  if (breakBeforeLine(situation)) writer.moveToNextPage(node.pageOrientation);
}

/** What the wraps read: installed once per process, on pdfmake's prototypes. */
interface Typesetting {
  scope: AsyncLocalStorage<true>;
}

// In the global symbol registry, so a second copy of this module (a test
// runner's fresh module graph over the same pdfmake) finds the wraps there.
const TYPESETTING = Symbol.for("briefkit.pdf.typesetting");

function install(): Typesetting {
  const require = createRequire(import.meta.url);
  const aligner = alignerOf(require("pdfmake/js/ElementWriter.js")) as Aligner & {
    [TYPESETTING]?: Typesetting;
  };
  const builder = lineBuilderOf(require("pdfmake/js/LayoutBuilder.js"));
  const installed = aligner[TYPESETTING];
  if (installed !== undefined) return installed;
  const typesetting: Typesetting = { scope: new AsyncLocalStorage() };
  installKeepWithNext(require, typesetting.scope);
  const alignLine = aligner.alignLine;
  aligner.alignLine = function (line) {
    if (typesetting.scope.getStore() === undefined) return alignLine.call(this, line);
    if (!Array.isArray(line?.inlines) || typeof line.getWidth !== "function") {
      contractBroken("ElementWriter#alignLine got no line with inlines and getWidth()");
    }
    const justified =
      line.inlines[0]?.alignment === "justify" &&
      line.newLineForced !== true &&
      line.lastLineInParagraph !== true &&
      line.inlines.length > 1;
    if (!justified) return alignLine.call(this, line);
    justify(line, this.context().availableWidth);
  };
  const buildNextLine = builder.buildNextLine;
  builder.buildNextLine = function (node) {
    if (typesetting.scope.getStore() !== undefined) keepLines(this, buildNextLine, node);
    return buildNextLine.call(this, node);
  };
  aligner[TYPESETTING] = typesetting;
  return typesetting;
}

/**
 * Runs `render` (which calls pdfmake's `createPdf` and awaits its output)
 * with justification at spaces, the orphans/widows rule and keep-with-next
 * (keep-with-next.ts, installed with the others) in force.
 */
export function withTypesetting<T>(render: () => Promise<T>): Promise<T> {
  return install().scope.run(true, render);
}
