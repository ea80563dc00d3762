/**
 * Text as XML 1.0 allows it (https://www.w3.org/TR/xml/#charsets):
 * tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD and U+10000–U+10FFFF. The docx
 * library strips C0 controls but writes U+FFFE, U+FFFF and lone surrogates
 * raw, which makes a file LibreOffice and python-docx refuse; here every
 * forbidden character becomes U+FFFD and is reported.
 */

const allowed = (cp: number) =>
  cp === 0x9 ||
  cp === 0xa ||
  cp === 0xd ||
  (cp >= 0x20 && cp <= 0xd7ff) ||
  (cp >= 0xe000 && cp <= 0xfffd) ||
  (cp >= 0x10000 && cp <= 0x10ffff);

/** The text with forbidden characters replaced, and the characters replaced (empty when none). */
export function xmlSafe(text: string): { text: string; replaced: string[] } {
  const replaced: string[] = [];
  let out = "";
  // Iterating a string by code point yields a lone surrogate as a one-unit string.
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    const lone = ch.length === 1 && cp >= 0xd800 && cp <= 0xdfff;
    if (lone || !allowed(cp)) {
      replaced.push(ch);
      out += "\uFFFD";
    } else {
      out += ch;
    }
  }
  return { text: replaced.length === 0 ? text : out, replaced };
}
