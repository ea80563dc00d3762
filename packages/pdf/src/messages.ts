/**
 * Text of the PDF writer's warnings. Tests assert codes, not these strings;
 * the CLI prints them after the node path.
 */

const codePoint = (c: string) =>
  `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;

const quoted = (chars: readonly string[]) => [...new Set(chars)].join("");

export const pdfMessages = {
  notRendered: (what: string) =>
    `the PDF writer has no rendering for ${what}; it is left out of the PDF`,
  charReplaced: (chars: readonly string[]) =>
    `${chars.length === 1 ? "character" : "characters"} ${[...new Set(chars)].map(codePoint).join(", ")} cannot be shown in a PDF: replaced by U+FFFD (invisible format characters removed)`,
  glyphMissing: (chars: readonly string[], font: string) =>
    `"${quoted(chars)}" (${[...new Set(chars)].map(codePoint).join(", ")}) has no glyph in the embedded font ${font}; each character became U+FFFD — use a theme font that covers this script`,
  linkRefused: (url: string) =>
    `link to "${url}" refused: only http(s) and mailto links are written; its text is kept`,
  svgImageRemoved: (figure: number, count: number) =>
    `figure ${figure}: ${count} <image> ${count === 1 ? "element" : "elements"} removed from the chart's SVG (an SVG image could read local files or URLs)`,
  svgWarning: (figure: number, detail: string) =>
    `figure ${figure}: the SVG renderer reported "${detail}"`,
  raggedRow: (table: number, cells: number, columns: number) =>
    `a row of table ${table} spans ${cells} columns, the table has ${columns}; cells past the last column are left out, missing ones left empty (validate documents before writing them)`,
  svgUnreadable: (figure: number, standIn: "png" | "alt") =>
    `figure ${figure}: its SVG is not an SVG document, so it cannot be drawn as a vector chart; ${standIn === "png" ? "its PNG rendering" : "its alt text"} stands in`,
} as const;
