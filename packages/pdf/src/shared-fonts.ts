/**
 * Font work shared across documents: the lever LIBRARY-NOTES names for
 * pdfmake with embedded fonts.
 *
 * For every document, pdfkit parses each font file afresh (fontkit) and
 * shapes every word anew (GSUB/GPOS lookups) into a per-document word cache;
 * for a short brief that is most of the writing time. Yet the shape of a
 * word depends only on the font file. So each face the theme names gets one
 * parsed fontkit font and one word-layout cache per process (faces.ts'
 * append-only cache), and pdfmake's `PDFDocument.prototype.provideFont` is
 * wrapped, once, to hand them to the pdfkit font it has just opened. The
 * per-document parts (glyph subset, widths, ToUnicode map) stay per document,
 * so output is byte-identical to what pdfkit writes on its own (the
 * determinism test compares hashes across runs and concurrent writes).
 *
 * If a pdfmake release moves these internals, the wrap is skipped and only
 * speed is lost.
 */

import { type Face, loadFace } from "@briefkit/document";
import pdfmakeDocument from "pdfmake/js/PDFDocument.js";

/** The pdfkit EmbeddedFont fields this module touches. */
interface PdfkitFont {
  font?: unknown;
  subset?: unknown;
  layoutCache?: Record<string, unknown>;
}

interface ProvideFontHost {
  provideFont: (family: string, bold: boolean, italics: boolean) => PdfkitFont;
  getFontFile: (family: string, bold: boolean, italics: boolean) => unknown;
}

const WRAPPED = Symbol.for("briefkit.pdf.sharedFonts");
/** A bound on a face's shared word cache; past it, the cache starts afresh. */
const MAX_WORDS = 50_000;

const layouts = new Map<string, Record<string, unknown>>();
const known = new Set<string>();

/** Registers the theme's faces (real paths) as eligible for sharing. */
export function shareFaces(files: readonly string[]): void {
  for (const f of files) known.add(f);
}

/** The face's word cache; counted once per document, so the bound costs one key scan. */
function sharedLayouts(face: Face): Record<string, unknown> {
  let words = layouts.get(face.path);
  if (words === undefined || Object.keys(words).length > MAX_WORDS) {
    words = Object.create(null) as Record<string, unknown>;
    layouts.set(face.path, words);
  }
  return words;
}

function documentClass(): { prototype: ProvideFontHost } | undefined {
  const mod = pdfmakeDocument as { default?: unknown } | undefined;
  const cls = (mod?.default ?? mod) as { prototype?: Partial<ProvideFontHost> } | undefined;
  const proto = cls?.prototype;
  return proto && typeof proto.provideFont === "function" && typeof proto.getFontFile === "function"
    ? (cls as { prototype: ProvideFontHost })
    : undefined;
}

/** Wraps pdfmake's provideFont once per process (idempotent). */
export function installSharedFonts(): void {
  const cls = documentClass();
  if (cls === undefined) return;
  const proto = cls.prototype as ProvideFontHost & { [WRAPPED]?: true };
  if (proto[WRAPPED]) return;
  const original = proto.provideFont;
  proto.provideFont = function (this: ProvideFontHost, family, bold, italics) {
    const font = original.call(this, family, bold, italics) as PdfkitFont & { [WRAPPED]?: true };
    const file = this.getFontFile(family, bold, italics);
    if (font[WRAPPED] || typeof file !== "string" || !known.has(file)) return font;
    if (font.font === undefined || font.subset === undefined || font.layoutCache === undefined)
      return font;
    const face = loadFace(file);
    font.font = face.font;
    font.subset = face.font.createSubset();
    font.layoutCache = sharedLayouts(face);
    font[WRAPPED] = true;
    return font;
  };
  proto[WRAPPED] = true;
}
