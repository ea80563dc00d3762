/**
 * Characters no output format may carry, and what every writer puts in
 * their place. XML 1.0 (§2.2) forbids C0 controls other than tab, line feed
 * and carriage return, lone surrogates and U+FFFE/U+FFFF; the HTML Standard
 * (§13.2.3.5) also calls C1 controls and every noncharacter parse errors;
 * a PDF font has no glyph for any of them. The union of these is replaced
 * by U+FFFD in every format, so a brief reads the same in each, and the
 * writer reports it (`char-replaced`).
 */

/** What stands in for a character that cannot be carried: U+FFFD REPLACEMENT CHARACTER. */
export const REPLACEMENT_CHARACTER = "\uFFFD";

/** A code point no format carries. Tab, line feed and carriage return are allowed (writers treat them as white space). */
export function isForbiddenCodePoint(cp: number): boolean {
  if (cp === 0x9 || cp === 0xa || cp === 0xd) return false;
  return (
    cp < 0x20 ||
    (cp >= 0x7f && cp <= 0x9f) ||
    // Iterated by code point, only an unpaired half of a surrogate pair gets here.
    (cp >= 0xd800 && cp <= 0xdfff) ||
    (cp >= 0xfdd0 && cp <= 0xfdef) ||
    (cp & 0xfffe) === 0xfffe
  );
}

// The same set as a pattern, for the common case of text with none of them.
// With the `u` flag a lone surrogate is one code point, so [\uD800-\uDFFF]
// matches only unpaired halves; a valid pair reads as one astral character.
const planeNoncharacters = Array.from({ length: 17 }, (_, plane) => {
  const base = plane * 0x10000;
  return `\\u{${(base + 0xfffe).toString(16)}}\\u{${(base + 0xffff).toString(16)}}`;
}).join("");
const FORBIDDEN = new RegExp(
  `[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\uD800-\\uDFFF\\uFDD0-\\uFDEF${planeNoncharacters}]`,
  "gu",
);

/** The text with every forbidden character replaced by U+FFFD, and the characters replaced (empty when none). */
export function replaceForbidden(text: string): { text: string; replaced: string[] } {
  const replaced: string[] = [];
  const out = text.replace(FORBIDDEN, (c) => {
    replaced.push(c);
    return REPLACEMENT_CHARACTER;
  });
  return { text: out, replaced };
}

/**
 * Invisible format characters (soft hyphen, zero-width spaces and joiners,
 * variation selectors, BOM): a font that lacks one loses nothing a reader
 * sees, so neither the glyph check nor the PDF's font fallback counts them.
 */
export function isInvisibleFormatChar(cp: number): boolean {
  return (
    cp === 0xad ||
    cp === 0x034f ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x2060 && cp <= 0x2064) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    cp === 0xfeff ||
    (cp >= 0xe0100 && cp <= 0xe01ef)
  );
}
