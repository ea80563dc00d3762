/**
 * The theme's font files as pdfmake sees them: the `fonts` dictionary of a
 * pdfmake 0.3 document (family name → normal / bold / italics / bolditalics
 * file), by resolved real path, plus the fontkit faces this package reads for
 * cmap coverage and line metrics.
 *
 * Faces are parsed once per process and kept in an append-only cache keyed by
 * real path: a parsed face never changes, so sharing it is safe.
 */
import { readFileSync, realpathSync } from "node:fs";
import type { FontFamily, Theme } from "@briefkit/document";
import { create, type Font } from "fontkit";

/** One font file, parsed. */
export interface Face {
  /** Resolved real path of the file. */
  path: string;
  font: Font;
  /** Code point → has a glyph; filled as text is checked. */
  coverage: Map<number, boolean>;
  /** OpenType features that give tabular figures; [] when the default figures already are tabular. */
  tabular: string[];
}

const faces = new Map<string, Face>();
/** Path as given → face, so that the text checks (one look-up per text run) skip realpath. */
const byGivenPath = new Map<string, Face>();

/** The parsed face for a font file (cached per process by real path). */
export function loadFace(file: string): Face {
  const known = byGivenPath.get(file);
  if (known !== undefined) return known;
  const path = realpathSync(file);
  let face = faces.get(path);
  if (face === undefined) {
    const font = create(readFileSync(path));
    face = { path, font, coverage: new Map(), tabular: tabularFeatures(font) };
    faces.set(path, face);
  }
  byGivenPath.set(file, face);
  return face;
}

/**
 * Columns of figures line up only with tabular (equal-width) digits. Many
 * text faces default to them (Source Sans 3 and Source Serif 4 do: Source
 * Sans 3 has no `tnum` feature at all); others need OpenType `tnum`, which
 * pdfkit applies through pdfmake's `fontFeatures`. Requesting it only when
 * needed matters: pdfkit caches shaped words only for text without features.
 */
function tabularFeatures(font: Font): string[] {
  const widths = new Set(
    [..."0123456789"].map((d) => font.glyphForCodePoint(d.charCodeAt(0)).advanceWidth),
  );
  if (widths.size === 1) return [];
  return font.availableFeatures.includes("tnum") ? ["tnum"] : [];
}

/**
 * Width of a string in pt, from the glyphs' advance widths (no kerning: a
 * slight overestimate, which is the safe side for fitting).
 */
export function advanceWidth(face: Face, text: string, size: number): number {
  let units = 0;
  for (const ch of text) units += face.font.glyphForCodePoint(ch.codePointAt(0) ?? 0).advanceWidth;
  return (units * size) / face.font.unitsPerEm;
}

/** Does the face have a glyph for this code point? */
export function covers(face: Face, codePoint: number): boolean {
  let has = face.coverage.get(codePoint);
  if (has === undefined) {
    has = face.font.hasGlyphForCodePoint(codePoint);
    face.coverage.set(codePoint, has);
  }
  return has;
}

/** The file of one face of a family. */
export function faceFile(family: FontFamily, bold: boolean, italic: boolean): string {
  if (bold) return italic ? family.boldItalic : family.bold;
  return italic ? family.italic : family.regular;
}

/** pdfmake's font dictionary entry shape (0.3: normal / bold / italics / bolditalics). */
export interface FontDescriptor {
  normal: string;
  bold: string;
  italics: string;
  bolditalics: string;
}

/**
 * The pdfmake `fonts` dictionary for a theme: both families under their CSS
 * names, so the charts' `font-family="Source Sans 3"` finds the same embedded
 * file as the tables. A fresh object each call: pdfmake rewrites it in place.
 */
export function fontDictionary(theme: Theme): Record<string, FontDescriptor> {
  const out: Record<string, FontDescriptor> = {};
  for (const family of [theme.fonts.body, theme.fonts.heading]) {
    out[family.name] = {
      normal: loadFace(family.regular).path,
      bold: loadFace(family.bold).path,
      italics: loadFace(family.italic).path,
      bolditalics: loadFace(family.boldItalic).path,
    };
  }
  return out;
}

/** Every font file of a theme, as real paths (what the local access policy admits). */
export function themeFontFiles(theme: Theme): string[] {
  return Object.values(fontDictionary(theme)).flatMap((d) => [
    d.normal,
    d.bold,
    d.italics,
    d.bolditalics,
  ]);
}

/**
 * pdfmake's `lineHeight` multiplies the font's own line height (ascent minus
 * descent); the theme states line height as a multiple of the type size, as
 * CSS and Word do. This converts one into the other for a family.
 */
export function lineHeightFactor(family: FontFamily, multiple: number): number {
  const { font } = loadFace(family.regular);
  const natural = (font.ascent - font.descent) / font.unitsPerEm;
  return Math.round((multiple / natural) * 1000) / 1000;
}
