/**
 * Font files, read once per process: which characters a face can show (its
 * character map) and how wide a string is set in it, from the face's own
 * tables (sfnt.ts); and, for the PDF, fontkit's parse of the same file.
 *
 * fontkit is loaded only when a face's `font` is first asked for, and through
 * `require`: its CommonJS build is the copy pdfkit loads, so a process that
 * writes a PDF holds one fontkit and the PDF writer can hand pdfkit the
 * faces parsed here. An ESM `import` would load fontkit's ESM build next to
 * it (another 200–300 ms).
 *
 * Every cache here holds immutable data (file bytes, parsed faces) and only
 * grows with the number of font files a process uses.
 */
import { readFileSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { readSfnt, SfntError } from "./sfnt.js";

/**
 * The part of a fontkit 2 font briefkit uses. Declared here rather than taken
 * from @types/fontkit, which pulls a second, newer @types/node.
 */
export interface FontkitFont {
  readonly postscriptName: string;
  readonly unitsPerEm: number;
  readonly ascent: number;
  readonly descent: number;
  /** OpenType feature tags the font supports (GSUB/GPOS). */
  readonly availableFeatures: readonly string[];
  /** Every code point the font's Unicode cmap subtable lists. */
  readonly characterSet: readonly number[];
  hasGlyphForCodePoint(codePoint: number): boolean;
  glyphForCodePoint(codePoint: number): { readonly advanceWidth: number };
  /** A glyph subset for embedding; pdfkit makes one per document. */
  createSubset(): unknown;
}

interface Fontkit {
  create(data: Uint8Array): FontkitFont;
}

/** Thrown when a font file cannot be read or is not a usable TrueType/OpenType font. */
export class FontFileError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

/** One font file, parsed. */
export interface Face {
  /** Real path of the file. */
  readonly path: string;
  readonly unitsPerEm: number;
  /** hhea ascender and descender (negative below the baseline), in font units. */
  readonly ascent: number;
  readonly descent: number;
  /** Code points the face maps to a glyph other than .notdef. */
  readonly characters: ReadonlySet<number>;
  /**
   * OpenType features that give tabular (equal-width) figures: [] when the
   * default digits already are (Source Serif 4 and Source Sans 3: the latter
   * has no `tnum` at all), else `tnum` if the face has it.
   */
  readonly tabular: readonly string[];
  /** Advance width of a code point in font units (that of .notdef when it has no glyph). */
  advance(codePoint: number): number;
  /**
   * fontkit's parse of the file, made on first use (which loads fontkit): the
   * font pdfkit embeds, and the face's names and OpenType features.
   */
  readonly font: FontkitFont;
}

const require = createRequire(import.meta.url);
let fontkit: Fontkit | undefined;

const realPaths = new Map<string, string>();
const files = new Map<string, Uint8Array>();
const faces = new Map<string, Face>();

/**
 * The real path of a font file, without reading it: what the PDF's font
 * dictionary names for a family that may never be used (the East Asian
 * fallback of an English brief).
 */
export function realPath(path: string): string {
  let real = realPaths.get(path);
  if (real === undefined) {
    real = realpathSync(path);
    realPaths.set(path, real);
  }
  return real;
}

/**
 * The bytes of a font file, read once per process (by real path). Shared by
 * every caller: read them, never write to them.
 */
export function fontFile(path: string): Uint8Array {
  const real = realPath(path);
  let bytes = files.get(real);
  if (bytes === undefined) {
    bytes = readFileSync(real);
    files.set(real, bytes);
  }
  return bytes;
}

function parse(path: string, shown: string): Face {
  let bytes: Uint8Array;
  try {
    bytes = fontFile(path);
  } catch {
    throw new FontFileError(shown, "font file cannot be read");
  }
  let metrics: ReturnType<typeof readSfnt>;
  try {
    metrics = readSfnt(bytes);
  } catch (error) {
    if (error instanceof SfntError) throw new FontFileError(shown, error.message);
    throw error;
  }
  const { glyphs, advances } = metrics;
  const last = advances.length - 1;
  let characters: ReadonlySet<number> | undefined;
  let tabular: readonly string[] | undefined;
  let font: FontkitFont | undefined;
  const face: Face = {
    path,
    unitsPerEm: metrics.unitsPerEm,
    ascent: metrics.ascent,
    descent: metrics.descent,
    get characters() {
      characters ??= new Set(glyphs.keys());
      return characters;
    },
    get tabular() {
      tabular ??= tabularFeatures(face);
      return tabular;
    },
    advance: (codePoint) => advances[Math.min(glyphs.get(codePoint) ?? 0, last)]!,
    get font() {
      fontkit ??= require("fontkit") as Fontkit;
      font ??= fontkit.create(bytes);
      return font;
    },
  };
  return face;
}

/**
 * The parsed face of a font file, once per process (by real path). Throws
 * `FontFileError` when the file cannot be read or is not a usable font.
 */
export function loadFace(file: string): Face {
  const known = faces.get(file);
  if (known !== undefined) return known;
  let real: string;
  try {
    real = realPath(file);
  } catch {
    throw new FontFileError(file, "font file cannot be read");
  }
  const face = faces.get(real) ?? parse(real, file);
  faces.set(real, face);
  faces.set(file, face);
  return face;
}

/** The code points the font at `file` can show. */
export function coverage(file: string): ReadonlySet<number> {
  return loadFace(file).characters;
}

/** Characters a face can show, asked one at a time. */
export interface CharacterSet {
  has(codePoint: number): boolean;
}

/**
 * The characters of a font file, read from it only when first asked. A
 * fallback face that a brief never needs (the Japanese ones are 5–6 MB
 * each, behind an English brief's house fonts) is then never read.
 */
export function coverageOnDemand(file: string): CharacterSet {
  let characters: ReadonlySet<number> | undefined;
  return {
    has(codePoint) {
      characters ??= coverage(file);
      return characters.has(codePoint);
    },
  };
}

/** Does the face have a glyph for this code point? */
export function covers(face: Face, codePoint: number): boolean {
  return face.characters.has(codePoint);
}

/**
 * Width of `text` set at `size`, in the unit `size` is in, from the glyphs'
 * advance widths. Kerning is left out: it only ever narrows text, so the
 * width is never short, the safe side for fitting.
 */
export function advanceWidth(face: Face, text: string, size: number): number {
  let units = 0;
  for (const ch of text) units += face.advance(ch.codePointAt(0) ?? 0);
  return (units * size) / face.unitsPerEm;
}

function tabularFeatures(face: Face): readonly string[] {
  const widths = new Set([..."0123456789"].map((d) => face.advance(d.charCodeAt(0))));
  if (widths.size === 1) return [];
  return face.font.availableFeatures.includes("tnum") ? ["tnum"] : [];
}
