/**
 * The small part of fontkit 2 this package uses (cmap look-ups), declared
 * here because @types/fontkit pulls a second, newer @types/node.
 */
declare module "fontkit" {
  export interface Font {
    postscriptName: string;
    familyName: string;
    unitsPerEm: number;
    ascent: number;
    descent: number;
    /** OpenType feature tags the font supports (GSUB/GPOS). */
    availableFeatures: string[];
    hasGlyphForCodePoint(codePoint: number): boolean;
    glyphForCodePoint(codePoint: number): { advanceWidth: number };
    createSubset(): unknown;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}

/** pdfmake 0.3's pdfkit document class (CommonJS, `exports.default`); see shared-fonts.ts. */
declare module "pdfmake/js/PDFDocument.js" {
  const mod: { default?: unknown } | undefined;
  export default mod;
}
