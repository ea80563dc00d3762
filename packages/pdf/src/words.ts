/**
 * Words wider than the room they are set in.
 *
 * pdfmake breaks lines only where its line breaker (the `linebreak` package,
 * Unicode's UAX #14) finds an opportunity, and it measures the least width a
 * table column or a `columns` column needs as the width of the widest such
 * word in it. So one unbroken string of 80 characters in a cell made every
 * `*` column as wide as the string, and the table ran off the page, taking
 * four or five of its six columns with it. HTML and DOCX wrap such strings.
 *
 * Here a word wider than its room is given break opportunities: after `/`,
 * `-`, `_`, `.`, `?`, `&` and `=` (so a URL breaks at its punctuation), and
 * where a piece between those is still too wide, between any two characters.
 * Words that fit are left exactly as they were, so ordinary text is set as
 * before, to the byte.
 *
 * How the opportunities are made, with nothing added to the text: pdfmake
 * breaks a leaf with `wordBreak: "break-all"` between every two of its
 * characters, and between two leaves only where its line breaker would break
 * their joined text. So the characters on both sides of each chosen break go
 * into one "break-all" leaf, and everything else stays in ordinary leaves.
 * A zero-width space would do the same, but pdfkit writes it into the text
 * layer, where it corrupts copy and paste and search; leaves do not: a reader
 * extracts the word whole (split only where a line ends).
 */
import { createRequire } from "node:module";
import { advanceWidth, faceFile, loadFace } from "@briefkit/document";
import type { Leaf } from "./inlines.js";
import type { FaceRef } from "./text.js";

/** How a piece of text is set, as far as its width goes. */
export interface Setting {
  face: FaceRef;
  /** Type size in points. */
  size: number;
  /** pdfmake's `characterSpacing`, points between characters. */
  spacing?: number;
}

interface LineBreakerClass {
  new (text: string): { nextBreak(): { position: number } | null };
}

/**
 * pdfmake's own line breaker, resolved from pdfmake's folder so the words
 * measured here are the words pdfmake breaks text into (pdfmake is pinned to
 * one exact version: see shared-fonts.ts).
 */
const LineBreaker = (() => {
  const require = createRequire(import.meta.url);
  return createRequire(require.resolve("pdfmake"))("linebreak") as LineBreakerClass;
})();

/** Text cut where pdfmake may break a line: each word keeps its trailing spaces. */
export function pdfmakeWords(text: string): string[] {
  const breaker = new LineBreaker(text);
  const words: string[] = [];
  let last = 0;
  for (let bk = breaker.nextBreak(); bk !== null; bk = breaker.nextBreak()) {
    words.push(text.slice(last, bk.position));
    last = bk.position;
  }
  if (last < text.length) words.push(text.slice(last));
  return words;
}

/** Where a word may break after this character (a URL's punctuation, a hyphen). */
const BREAK_AFTER = new Set(["/", "-", "_", ".", "?", "&", "="]);

const TRAILING_SPACE = /\s+$/u;

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** The width pdfmake gives a string set in `face` at `size` (kerning aside). */
function widthOf(text: string, face: FaceRef, setting: Setting): number {
  const loaded = loadFace(faceFile(face.family, face.bold, face.italic));
  return advanceWidth(loaded, text, setting.size) + (setting.spacing ?? 0) * (text.length - 1);
}

/** The face and size a leaf is set in: its own marks on the setting's. */
function leafSetting(leaf: Leaf, setting: Setting): { face: FaceRef; setting: Setting } {
  return {
    face: {
      family: setting.face.family,
      bold: setting.face.bold || leaf.bold === true,
      italic: setting.face.italic || leaf.italics === true,
    },
    // pdfmake sets superscripts at 58% of the size.
    setting: leaf.sup === true ? { ...setting, size: setting.size * 0.58 } : setting,
  };
}

/** The widest word of the leaves: the least width pdfmake will give them. */
export function widestWord(leaves: readonly Leaf[], setting: Setting): number {
  let widest = 0;
  for (const leaf of leaves) {
    const { face, setting: s } = leafSetting(leaf, setting);
    const words = leaf.noWrap === true ? [leaf.text] : pdfmakeWords(leaf.text);
    for (const word of words)
      widest = Math.max(widest, widthOf(word.replace(TRAILING_SPACE, ""), face, s));
  }
  return widest;
}

/**
 * Positions (UTF-16 offsets) inside `word` where a line may break: after a
 * break character, else, in a piece still wider than `room`, between any two
 * characters. pdfmake's break-all splits UTF-16 code units, so no break is
 * put beside a character of two code units or one that combines with its
 * neighbour (a grapheme cluster of more than one unit).
 */
function breakPositions(word: string, room: number, face: FaceRef, setting: Setting): number[] {
  const clusters = [...graphemes.segment(word)].map((s) => s.segment);
  const free: number[] = [];
  const preferred = new Set<number>();
  let offset = 0;
  clusters.forEach((cluster, i) => {
    offset += cluster.length;
    const next = clusters[i + 1];
    if (next === undefined) return;
    if (cluster.length !== 1 || next.length !== 1) return;
    free.push(offset);
    if (BREAK_AFTER.has(cluster) && !BREAK_AFTER.has(next)) preferred.add(offset);
  });
  const cuts = [0, ...[...preferred].sort((a, b) => a - b), word.length];
  const positions = new Set(preferred);
  for (let i = 0; i + 1 < cuts.length; i += 1) {
    const start = cuts[i] ?? 0;
    const end = cuts[i + 1] ?? word.length;
    if (widthOf(word.slice(start, end), face, setting) <= room) continue;
    for (const p of free) if (p > start && p < end) positions.add(p);
  }
  return [...positions].sort((a, b) => a - b);
}

/**
 * The leaf's text in runs: ordinary runs, and break-all runs that hold the
 * two characters around each break position. Two break-all runs meet where
 * no break is wanted, and pdfmake does not break between them.
 */
function runs(text: string, positions: readonly number[]): Array<{ text: string; all: boolean }> {
  if (positions.length === 0) return [{ text, all: false }];
  const out: Array<{ text: string; all: boolean }> = [];
  let from = 0;
  let i = 0;
  while (i < positions.length) {
    const first = positions[i] ?? 0;
    let last = first;
    while (positions[i + 1] === last + 1) {
      i += 1;
      last = positions[i] ?? last;
    }
    if (first - 1 > from) out.push({ text: text.slice(from, first - 1), all: false });
    const start = Math.max(from, first - 1);
    out.push({ text: text.slice(start, last + 1), all: true });
    from = last + 1;
    i += 1;
  }
  if (from < text.length) out.push({ text: text.slice(from), all: false });
  return out;
}

/**
 * The leaves with every word wider than `room` (points) given break
 * opportunities. Returns the same array when no word is too wide, so text
 * that fits is set exactly as before. A number kept on one line (`noWrap`)
 * that is itself wider than the room loses `noWrap` and breaks like a word.
 */
export function breakLongWords(leaves: Leaf[], room: number, setting: Setting): Leaf[] {
  if (!Number.isFinite(room)) return leaves;
  let changed = false;
  const out: Leaf[] = [];
  for (const leaf of leaves) {
    const { face, setting: s } = leafSetting(leaf, setting);
    if (leaf.noWrap === true && widthOf(leaf.text, face, s) <= room) {
      out.push(leaf);
      continue;
    }
    const positions: number[] = [];
    let offset = 0;
    for (const word of pdfmakeWords(leaf.text)) {
      const bare = word.replace(TRAILING_SPACE, "");
      if (widthOf(bare, face, s) > room) {
        for (const p of breakPositions(bare, room, face, s)) positions.push(offset + p);
      }
      offset += word.length;
    }
    if (positions.length === 0 && leaf.noWrap !== true) {
      out.push(leaf);
      continue;
    }
    changed = true;
    const { noWrap: _dropped, ...rest } = leaf;
    for (const run of runs(leaf.text, positions)) {
      out.push(
        run.all ? { ...rest, text: run.text, wordBreak: "break-all" } : { ...rest, text: run.text },
      );
    }
  }
  return changed ? out : leaves;
}

/** A string or leaves, fitted to `room`: the string itself when every word fits. */
export function breakLongString(text: string, room: number, setting: Setting): string | Leaf[] {
  const leaves = [{ text }];
  const fitted = breakLongWords(leaves, room, setting);
  return fitted === leaves ? text : fitted;
}
