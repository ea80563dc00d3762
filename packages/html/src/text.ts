/**
 * Escaping for HTML text, attributes and CSS strings. The characters no
 * format may carry are replaced before, by `replaceForbidden` of
 * @briefkit/document, as in every writer.
 */

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
