/**
 * Font files, parsed once per process with fontkit: which characters a face
 * can show (its character map) and how wide a string is set in it.
 *
 * fontkit is loaded on first use, and through `require`: its CommonJS build
 * is the copy pdfkit loads, so a process that writes a PDF holds one fontkit
 * (about 100 ms to load, more on a busy machine) and the PDF writer can hand
 * pdfkit the faces parsed here. An ESM `import` would load fontkit's second,
 * ESM build next to it.
 *
 * Every cache here holds immutable data (file bytes, parsed fonts, advance
 * widths) and only grows with the number of font files a process uses.
 */
import { readFileSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";

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
  readonly directory: { readonly tables: Readonly<Record<string, unknown>> };
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
  /** The parsed font: what pdfkit embeds, and what the getters below read. */
  readonly font: FontkitFont;
  readonly unitsPerEm: number;
  /** Code points the face maps to a glyph other than .notdef; read on first use. */
  readonly characters: ReadonlySet<number>;
  /**
   * OpenType features that give tabular (equal-width) figures: [] when the
   * default digits already are (Source Serif 4 and Source Sans 3: the latter
   * has no `tnum` at all), else `tnum` if the face has it.
   */
  readonly tabular: readonly string[];
  /** Advance width of a code point in font units (that of .notdef when it has no glyph). */
  advance(codePoint: number): number;
}

const require = createRequire(import.meta.url);
let fontkit: Fontkit | undefined;

const realPaths = new Map<string, string>();
const files = new Map<string, Uint8Array>();
const faces = new Map<string, Face>();

function realPath(path: string): string {
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

/** The tables every use here needs: units and metrics, advances, the character map. */
const REQUIRED_TABLES = ["head", "hhea", "hmtx", "cmap"] as const;

function parse(path: string, shown: string): Face {
  let bytes: Uint8Array;
  try {
    bytes = fontFile(path);
  } catch {
    throw new FontFileError(shown, "font file cannot be read");
  }
  fontkit ??= require("fontkit") as Fontkit;
  let font: FontkitFont;
  try {
    font = fontkit.create(bytes);
  } catch {
    throw new FontFileError(shown, "not a TrueType/OpenType font file");
  }
  const tables = font.directory.tables;
  for (const table of REQUIRED_TABLES) {
    if (!(table in tables)) throw new FontFileError(shown, `font has no '${table}' table`);
  }
  let unitsPerEm: number;
  try {
    // fontkit decodes tables lazily and answers `undefined` for one it cannot
    // decode: touch the ones every use needs now, so a damaged file fails here.
    unitsPerEm = font.unitsPerEm;
    if (!(unitsPerEm > 0) || !Number.isFinite(font.glyphForCodePoint(0x20).advanceWidth)) {
      throw new Error("no metrics");
    }
  } catch {
    throw new FontFileError(shown, "font file is truncated or malformed");
  }
  const advances = new Map<number, number>();
  let characters: ReadonlySet<number> | undefined;
  let tabular: readonly string[] | undefined;
  return {
    path,
    font,
    unitsPerEm,
    get characters() {
      characters ??= new Set(font.characterSet.filter((cp) => font.hasGlyphForCodePoint(cp)));
      return characters;
    },
    get tabular() {
      tabular ??= tabularFeatures(font);
      return tabular;
    },
    advance(codePoint) {
      let width = advances.get(codePoint);
      if (width === undefined) {
        width = font.glyphForCodePoint(codePoint).advanceWidth;
        advances.set(codePoint, width);
      }
      return width;
    },
  };
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

function tabularFeatures(font: FontkitFont): readonly string[] {
  const widths = new Set(
    [..."0123456789"].map((d) => font.glyphForCodePoint(d.charCodeAt(0)).advanceWidth),
  );
  if (widths.size === 1) return [];
  return font.availableFeatures.includes("tnum") ? ["tnum"] : [];
}
