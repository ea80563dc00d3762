/**
 * Text safety for HTML: escaping, and replacing the characters the HTML
 * Standard calls parse errors ("noncharacters", controls other than
 * whitespace, lone surrogates; HTML §13.2.3.5) and XML 1.0 forbids (§2.2).
 * Browsers survive them but validators, screen readers and copy-paste into
 * XML-based tools (Word) do not, so they become U+FFFD and are reported.
 */

// With the `u` flag a lone surrogate is one code point, so [\uD800-\uDFFF]
// matches only unpaired halves; valid pairs are read as astral characters.
const planeNonCharacters = Array.from({ length: 17 }, (_, plane) => {
  const base = plane * 0x10000;
  return `\\u{${(base + 0xfffe).toString(16)}}\\u{${(base + 0xffff).toString(16)}}`;
}).join("");
const FORBIDDEN = new RegExp(
  `[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\uD800-\\uDFFF\\uFDD0-\\uFDEF${planeNonCharacters}]`,
  "gu",
);

/** Replaces forbidden characters with U+FFFD; returns the cleaned text and what was replaced. */
export function cleanText(value: string): { text: string; replaced: string[] } {
  const replaced: string[] = [];
  const text = value.replace(FORBIDDEN, (c) => {
    replaced.push(c);
    return "\uFFFD";
  });
  return { text, replaced };
}

/** Escapes text content. `>` too, so `]]>` and `-->` never appear literally. */
export function escapeText(value: string): string {
  return value.replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));
}

/** Escapes a double-quoted attribute value. */
export function escapeAttr(value: string): string {
  return value.replace(/[&<>"]/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;",
  );
}

/**
 * A CSS string literal safe inside a <style> element: quotes, backslashes,
 * line breaks and `<` (which could spell `</style>`) become hex escapes.
 */
export function cssString(value: string): string {
  const body = value.replace(/[\\"<>\n\r\f]/g, (c) => `\\${(c.codePointAt(0) ?? 0).toString(16)} `);
  return `"${body}"`;
}
