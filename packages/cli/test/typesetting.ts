/**
 * Typesetting faults an editor finds in a PDF, found in what poppler reads
 * back from it (`pdftotext -bbox-layout`: pages, blocks, lines and words with
 * their boxes). Pure functions over that reading, so the tests can feed them
 * small hand-made pages as well as the example briefs.
 *
 * What counts as a fault:
 * - spaces of unequal width on a justified line (more than half a point
 *   apart): justification stretched something other than the spaces;
 * - a gap before `, . ; : ) ] ! ?`, after `(` or `[`, between a number and
 *   its ordinal suffix ("11 th") or before a note reference: the source has
 *   no space there, so any gap is one the typesetting added;
 * - a gap after a hyphen or dash that ends a word ("expert- level",
 *   "1992– 2001"), unless the next word is "and", "or", "nor" or "to" (a
 *   suspended hyphen: "short- and long-term");
 * - a line that starts with such punctuation or an ordinal suffix, or that
 *   ends with a number or currency whose unit or amount starts the next line;
 * - a heading or a table or figure caption that is the last thing on its page;
 * - a paragraph whose last line alone starts a page (a widow), or whose first
 *   line alone ends one (an orphan).
 *
 * Lines and blocks are poppler's. A justified line that runs to the right
 * edge of the text area is one a paragraph continues after; the last line of
 * a paragraph (set flush left) is shorter. Ragged text (lists, notes) gives
 * no such sign: there a line continues its paragraph when it runs most of
 * the measure, ends without a sentence's closing punctuation, and the next
 * line starts where the paragraph's text starts, with no list marker.
 */

export interface BoxWord {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface BoxLine {
  words: BoxWord[];
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface BoxBlock {
  lines: BoxLine[];
}

export interface BoxPage {
  /** From 1. */
  number: number;
  width: number;
  height: number;
  blocks: BoxBlock[];
}

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
};

const decode = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|apos|#(\d+)|#x([0-9a-f]+));/gi, (all, name: string, dec, hex) =>
    dec !== undefined
      ? String.fromCodePoint(Number(dec))
      : hex !== undefined
        ? String.fromCodePoint(Number.parseInt(hex, 16))
        : (ENTITIES[name.toLowerCase()] ?? all),
  );

const BOX = /xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)"/;

function box(tag: string): { xMin: number; yMin: number; xMax: number; yMax: number } {
  const m = BOX.exec(tag);
  if (m === null) throw new Error(`pdftotext -bbox-layout: no box in ${tag}`);
  return { xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]) };
}

/** Reads the XHTML `pdftotext -bbox-layout` writes: its pages, blocks, lines and words. */
export function readBoxes(xhtml: string): BoxPage[] {
  const pages: BoxPage[] = [];
  let block: BoxBlock | undefined;
  let line: BoxLine | undefined;
  const tags =
    /<page width="([\d.]+)" height="([\d.]+)">|<block [^>]*>|<line ([^>]*)>|<word ([^>]*)>([^<]*)<\/word>/g;
  for (const m of xhtml.matchAll(tags)) {
    const [all] = m;
    if (all.startsWith("<page")) {
      pages.push({
        number: pages.length + 1,
        width: Number(m[1]),
        height: Number(m[2]),
        blocks: [],
      });
    } else if (all.startsWith("<block")) {
      const page = pages.at(-1);
      if (page === undefined) throw new Error("pdftotext -bbox-layout: a block outside a page");
      block = { lines: [] };
      page.blocks.push(block);
    } else if (all.startsWith("<line")) {
      if (block === undefined) throw new Error("pdftotext -bbox-layout: a line outside a block");
      line = { words: [], ...box(m[3] ?? "") };
      block.lines.push(line);
    } else {
      if (line === undefined) throw new Error("pdftotext -bbox-layout: a word outside a line");
      line.words.push({ text: decode(m[5] ?? ""), ...box(m[4] ?? "") });
    }
  }
  return pages;
}

/** The text area of a page, pt from its top left corner: what lies outside is running header or footer. */
export interface TextArea {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export type FaultKind =
  | "uneven word spacing"
  | "space before punctuation"
  | "space after opening bracket"
  | "gap after hyphen or dash"
  | "ordinal apart"
  | "gap before note reference"
  | "line starts with punctuation"
  | "ordinal broken across lines"
  | "number and unit broken across lines"
  | "heading last on page"
  | "caption last on page"
  | "widow"
  | "orphan";

export interface Fault {
  kind: FaultKind;
  page: number;
  /** The words around the fault, as the page shows them. */
  text: string;
}

/** A gap wider than this, pt, is a space (poppler splits words at about a tenth of the type size). */
const GAP = 0.4;
/** Spaces of one justified line differ by less than this, pt (a bold and a roman space do). */
const UNEVEN = 0.5;

const CLOSING = /^[,.;:)\]!?]/u;
const OPENING = /[([]$/u;
const DASHED = /\p{L}[-‐‑–]$|\d[-‐‑–]$/u;
const SUSPENDED = /^(and|or|nor|to)\b/u;
const ORDINAL = /^(st|nd|rd|th)\b/u;
const NOTE_REFERENCE = /^\d+$/u;
const NUMBER_END = /(?:^|[\s(])(?:US\$|\$|€|£|¥)?\d[\d,.]*$|(?:US\$|\$|€|£|¥)$/u;
const UNIT_START =
  /^(million|billion|trillion|thousand|bn|mn|per|percent|Mt|kt|km|kg|tonnes|t|barrels|bcm|MW|GW|kWh|TWh|°C|%)\b/u;
/** A sentence's end: . ! ? : or ; perhaps inside quotes or brackets, perhaps with a note number. */
const TERMINAL = /[.!?:;]["”’)\]]*\d*$/u;

const lineText = (line: BoxLine) => line.words.map((w) => w.text).join(" ");
const height = (w: BoxWord) => w.yMax - w.yMin;

/** Faults between the words of each line and across the lines of each block. */
export function lineFaults(pages: readonly BoxPage[], area: TextArea): Fault[] {
  const faults: Fault[] = [];
  for (const page of pages) {
    for (const block of page.blocks) {
      block.lines.forEach((line, i) => {
        if (!inArea(line, area)) return;
        const fault = (kind: FaultKind, text: string) =>
          faults.push({ kind, page: page.number, text });
        const spaces = line.words
          .slice(1)
          .map((w, j) => w.xMin - (line.words[j]?.xMax ?? w.xMin))
          .filter((gap) => gap > GAP);
        if (
          fullMeasure(line, area) &&
          spaces.length >= 2 &&
          Math.max(...spaces) - Math.min(...spaces) > UNEVEN
        )
          fault("uneven word spacing", lineText(line));
        line.words.forEach((b, j) => {
          const a = line.words[j - 1];
          if (a === undefined || b.xMin - a.xMax <= GAP) return;
          const pair = `${a.text} ${b.text}`;
          if (CLOSING.test(b.text)) fault("space before punctuation", pair);
          if (OPENING.test(a.text)) fault("space after opening bracket", pair);
          if (DASHED.test(a.text) && /^[\p{L}\d]/u.test(b.text) && !SUSPENDED.test(b.text))
            fault("gap after hyphen or dash", pair);
          if (/\d$/u.test(a.text) && ORDINAL.test(b.text)) fault("ordinal apart", pair);
          if (NOTE_REFERENCE.test(b.text) && height(b) < 0.8 * height(a))
            fault("gap before note reference", pair);
        });
        const next = block.lines[i + 1];
        const last = line.words.at(-1);
        const first = next?.words[0];
        if (next === undefined || last === undefined || first === undefined) return;
        const across = `${last.text} / ${first.text}`;
        if (CLOSING.test(first.text)) fault("line starts with punctuation", across);
        if (/\d$/u.test(last.text) && ORDINAL.test(first.text))
          fault("ordinal broken across lines", across);
        if (NUMBER_END.test(last.text) && UNIT_START.test(first.text))
          fault("number and unit broken across lines", across);
      });
    }
  }
  return faults;
}

function inArea(line: BoxLine, area: TextArea): boolean {
  return line.yMin >= area.top - 1 && line.yMax <= area.bottom + 1;
}

/** The page's blocks inside the text area, top to bottom, each with its lines inside it. */
function bodyBlocks(page: BoxPage, area: TextArea): BoxBlock[] {
  return page.blocks
    .map((b) => ({ lines: b.lines.filter((l) => inArea(l, area)) }))
    .filter((b) => b.lines.length > 0)
    .sort((a, b) => top(a) - top(b) || left(a) - left(b));
}

const top = (b: BoxBlock) => Math.min(...b.lines.map((l) => l.yMin));
const bottom = (b: BoxBlock) => Math.max(...b.lines.map((l) => l.yMax));
const left = (b: BoxBlock) => Math.min(...b.lines.map((l) => l.xMin));

/** The block whose foot is lowest on the page (the last the reader reaches). */
function lastBlock(blocks: readonly BoxBlock[]): BoxBlock | undefined {
  let last: BoxBlock | undefined;
  for (const b of blocks) if (last === undefined || bottom(b) >= bottom(last)) last = b;
  return last;
}

const squeeze = (s: string) => s.replace(/\s+/gu, "");

/** A justified line that runs the full measure: its paragraph goes on after it. */
function fullMeasure(line: BoxLine, area: TextArea): boolean {
  return line.xMax >= area.right - 1 && line.xMax - line.xMin >= (area.right - area.left) / 2;
}

/** A list's marker: a bullet or dash, or a number with its full stop or bracket. */
const MARKER = /^([•◦▪‣–-]|\d+[.)])$/u;

/** Where the text of a line starts, its list marker left out. */
const textStart = (line: BoxLine) =>
  (MARKER.test(line.words[0]?.text ?? "") ? line.words[1] : line.words[0])?.xMin ?? line.xMin;

/**
 * Whether the paragraph of `block` goes on in `next`. Justified text says so
 * by a last line that runs the full measure. Ragged text: the line broke
 * because the next word did not fit, so it runs most of the measure, ends
 * without a sentence's closing punctuation, and the next line starts where
 * the paragraph's text does, with no list marker of its own.
 */
function continues(block: BoxBlock, next: BoxBlock, area: TextArea): boolean {
  const last = block.lines.at(-1);
  const first = next.lines[0];
  if (last === undefined || first === undefined) return false;
  if (fullMeasure(last, area)) return true;
  const indent = textStart(block.lines[1] ?? last);
  return (
    !TERMINAL.test(lineText(last)) &&
    last.xMax - indent >= 0.6 * (area.right - indent) &&
    Math.abs(first.xMin - indent) < 0.5 &&
    !MARKER.test(first.words[0]?.text ?? "")
  );
}

export interface PageFaultOptions {
  /** Headings as the PDF's outline (bookmarks) gives them. */
  headings: readonly string[];
}

/** Faults of page flow: a heading or caption left at the foot, widows and orphans. */
export function pageFaults(
  pages: readonly BoxPage[],
  area: TextArea,
  options: PageFaultOptions,
): Fault[] {
  const faults: Fault[] = [];
  const headings = new Set(options.headings.map(squeeze));
  const bodies = pages.map((p) => bodyBlocks(p, area));
  const isHeading = (block: BoxBlock) => headings.has(squeeze(block.lines.map(lineText).join("")));
  const isCaption = (block: BoxBlock) =>
    /^(Table|Figure) \d+[.:]/u.test(block.lines[0] === undefined ? "" : lineText(block.lines[0]));
  pages.forEach((page, p) => {
    const blocks = bodies[p] ?? [];
    const last = lastBlock(blocks);
    if (last === undefined) return;
    const later = bodies.slice(p + 1).some((b) => b.length > 0);
    const text = last.lines.map(lineText).join(" ");
    if (later && isHeading(last))
      faults.push({ kind: "heading last on page", page: page.number, text });
    if (later && isCaption(last))
      faults.push({ kind: "caption last on page", page: page.number, text });
    const next = bodies[p + 1]?.[0];
    if (next === undefined || isHeading(last) || isCaption(last) || !continues(last, next, area))
      return;
    const lastLine = last.lines.at(-1);
    const nextLine = next.lines[0];
    if (lastLine === undefined || nextLine === undefined) return;
    if (next.lines.length === 1 && TERMINAL.test(lineText(nextLine)))
      faults.push({ kind: "widow", page: page.number + 1, text: lineText(nextLine) });
    if (last.lines.length === 1)
      faults.push({ kind: "orphan", page: page.number, text: lineText(lastLine) });
  });
  return faults;
}
