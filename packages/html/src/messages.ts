/**
 * Text of the HTML writer's warnings, one small function per code. Tests
 * match the code, not these strings, so wording can improve freely.
 */

const codePoints = (chars: readonly string[]) =>
  chars
    .map((c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`)
    .join(", ");

export const htmlMessages = {
  notRendered: (type: string, path: string) =>
    `${path}: node type "${type}" is not known to the HTML writer and was left out`,
  charReplaced: (chars: readonly string[]) =>
    `${chars.length} character(s) not allowed in HTML (${codePoints(chars)}) replaced by U+FFFD`,
  unsafeLink: (url: string) =>
    `link to "${url}" written as plain text: only http(s) and mailto links are allowed`,
  svgSanitised: (figure: number, removed: readonly string[]) =>
    `figure ${figure}: removed from the chart SVG: ${removed.join(", ")}`,
  svgInvalid: (figure: number, reason: string, fallback: "png" | "alt") =>
    `figure ${figure}: chart SVG rejected (${reason}); ${fallback === "png" ? "its PNG rendering" : "its alt text"} is shown instead`,
  fontFallback: (chars: readonly string[]) =>
    `the embedded fonts have no glyph for ${codePoints(chars)}: the reader's browser must find another font, and shows empty boxes or nothing where it has none`,
  footnoteMissing: (n: number) =>
    `footnote reference ${n} has no footnote text; written without a link`,
} as const;
