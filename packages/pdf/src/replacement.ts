/**
 * U+FFFD in the PDF. The writer puts U+FFFD where a character cannot be
 * shown (text.ts), as the DOCX and HTML writers do, but the house fonts
 * (Source Serif 4, Source Sans 3) have no glyph for it: pdfkit would draw
 * their .notdef box, which text extraction reads as nothing. So every U+FFFD
 * is set in a face that has the glyph, Roboto, which ships with pdfmake:
 * the reader sees the usual replacement mark and copies U+FFFD. pdfkit
 * embeds a face only when text uses it, so a brief without U+FFFD is
 * unchanged.
 */
import { realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { REPLACEMENT_CHARACTER } from "@briefkit/document";
import type { Node } from "./blocks.js";

/** pdfmake's family name for the face that sets U+FFFD. */
export const REPLACEMENT_FONT = "briefkit-replacement";

/** The replacement face's file (pdfmake's Roboto), by real path; every style uses it. */
export function replacementFontFile(): string {
  return realpathSync(
    createRequire(import.meta.url).resolve("pdfmake/fonts/Roboto/Roboto-Regular.ttf"),
  );
}

/** The `fonts` entry of the replacement face. */
export function replacementFontEntry(): Record<
  string,
  { normal: string; bold: string; italics: string; bolditalics: string }
> {
  const file = replacementFontFile();
  return { [REPLACEMENT_FONT]: { normal: file, bold: file, italics: file, bolditalics: file } };
}

type Leaf = Record<string, unknown> & { text: string };

/** A leaf cut at each U+FFFD, the U+FFFD pieces set in the replacement face. */
function splitLeaf(leaf: Leaf): Leaf[] {
  const pieces = leaf.text.split(/(\uFFFD+)/u).filter((p) => p !== "");
  return pieces.map((text) =>
    text.startsWith(REPLACEMENT_CHARACTER)
      ? { ...leaf, text, font: REPLACEMENT_FONT }
      : { ...leaf, text },
  );
}

const hasReplacement = (x: unknown): x is string =>
  typeof x === "string" && x.includes(REPLACEMENT_CHARACTER);

/**
 * The docDefinition nodes with every U+FFFD in a `text` (a string, or a
 * string or leaf of an inline array) set in the replacement face. Other
 * strings (outline titles, document info) are text, not type, and keep it.
 */
export function withReplacementFont<T>(node: T): T {
  if (Array.isArray(node)) return node.map((x) => withReplacementFont(x)) as T;
  if (node === null || typeof node !== "object") return node;
  const out: Node = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "text" && hasReplacement(value)) {
      out[key] = splitLeaf({ text: value });
    } else if (key === "text" && Array.isArray(value)) {
      out[key] = value.flatMap((leaf: unknown) => {
        if (hasReplacement(leaf)) return splitLeaf({ text: leaf });
        if (leaf !== null && typeof leaf === "object" && hasReplacement((leaf as Leaf).text))
          return splitLeaf(leaf as Leaf);
        return [withReplacementFont(leaf)];
      });
    } else {
      out[key] = withReplacementFont(value);
    }
  }
  return out as T;
}
