/**
 * Text of the DOCX writer's warnings. Tests assert codes, not these strings;
 * the CLI prints them after the path.
 */

const codePoint = (c: string) =>
  `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;

export const docxMessages = {
  notRendered: (what: string) =>
    `the Word writer has no rendering for ${what}; it is left out of the DOCX`,
  charReplaced: (chars: readonly string[]) =>
    `${chars.length === 1 ? "character" : "characters"} ${[...new Set(chars)].map(codePoint).join(", ")} not allowed in XML replaced by U+FFFD`,
  glyphMissing: (text: string, offset: number, font: string) =>
    `"${text}" (at character ${offset}) has no glyph in the embedded font ${font}; Word and LibreOffice will substitute another font or show empty boxes`,
  linkRefused: (url: string) =>
    `link to "${url}" refused: only http(s) and mailto links are written; its text is kept`,
  figureWithoutPicture: (n: number) =>
    `figure ${n} has neither chart data nor a PNG fallback for its SVG; its alt text stands in for it`,
  chartNotNative: (n: number, why: string) =>
    `figure ${n} cannot be drawn as a native Word chart (${why}); its picture is used instead`,
} as const;
