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
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
