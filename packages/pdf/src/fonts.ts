/**
 * The theme's fonts as pdfmake sees them: the `fonts` dictionary of a
 * pdfmake 0.3 document (family name → normal / bold / italics / bolditalics
 * file), by resolved real path, and the theme's line height in pdfmake's
 * terms. The faces themselves (parsed once per process, their character maps
 * and widths) are @briefkit/fonts', through @briefkit/document.
 */
import { type FontFamily, loadFace, realPath, type Theme } from "@briefkit/document";

/** pdfmake's font dictionary entry shape (0.3: normal / bold / italics / bolditalics). */
export interface FontDescriptor {
  normal: string;
  bold: string;
  italics: string;
  bolditalics: string;
}

/**
 * The pdfmake `fonts` dictionary for a theme: both families (and their East
 * Asian fallbacks, which scripts.ts sets Japanese in) under their CSS names, so the charts' `font-family="Source Sans 3"` finds the same embedded
 * file as the tables. A fresh object each call: pdfmake rewrites it in place.
 */
export function fontDictionary(theme: Theme): Record<string, FontDescriptor> {
  const out: Record<string, FontDescriptor> = {};
  const { body, heading, eastAsian } = theme.fonts;
  // The house families are read and checked here; the East Asian fallbacks
  // (5–6 MB a face) only when a character needs them (text.ts, scripts.ts).
  const checked = (file: string) => loadFace(file).path;
  const entry = (family: FontFamily, path: (file: string) => string): FontDescriptor => ({
    normal: path(family.regular),
    bold: path(family.bold),
    italics: path(family.italic),
    bolditalics: path(family.boldItalic),
  });
  out[body.name] = entry(body, checked);
  out[heading.name] = entry(heading, checked);
  if (eastAsian !== undefined) {
    out[eastAsian.body.name] = entry(eastAsian.body, realPath);
    out[eastAsian.heading.name] = entry(eastAsian.heading, realPath);
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
  const face = loadFace(family.regular);
  const natural = (face.ascent - face.descent) / face.unitsPerEm;
  return Math.round((multiple / natural) * 1000) / 1000;
}

/**
 * Each family's East Asian fallback, by the family's name as pdfmake knows
 * it: what scripts.ts sets the characters the family lacks in.
 */
export function fallbackFamilies(theme: Theme): Map<string, FontFamily> {
  const { body, heading, eastAsian } = theme.fonts;
  if (eastAsian === undefined) return new Map();
  return new Map([
    [body.name, eastAsian.body],
    [heading.name, eastAsian.heading],
  ]);
}
