/**
 * Text as the PDF can show it. Every string the writer hands to pdfmake goes
 * through `clean`, which
 *
 * - turns tabs and newlines into spaces (pdfmake would break lines on `\n`;
 *   the model has `lineBreak` for that);
 * - replaces characters no reader should see (C0/C1 controls, noncharacters
 *   such as U+FFFE/U+FFFF, lone surrogates) with "?" — code `char-replaced`;
 * - checks every other character against the cmap of the face that will set
 *   it (fontkit) and replaces what the face cannot show with "?" — code
 *   `glyph-missing` — instead of letting pdfkit print empty .notdef boxes or
 *   nothing at all (what Japanese in Source Serif 4 would do);
 * - drops invisible format characters (zero-width space, variation
 *   selectors…) the face lacks, reporting them as `char-replaced`.
 *
 * Warnings are grouped: one per node path and code, listing the characters.
 */
import type { FontFamily } from "@briefkit/document";
import { covers, faceFile, loadFace } from "@briefkit/document";
import { pdfMessages } from "./messages.js";
import type { WriterWarning } from "./types.js";

/** Which face sets a run of text. */
export interface FaceRef {
  family: FontFamily;
  bold: boolean;
  italic: boolean;
}

/** Cleans a string for the face that sets it; `path` names the node for warnings. */
export type Cleaner = (text: string, path: string, face: FaceRef) => string;

const REPLACEMENT = "?";
const SAFE = /^[\x20-\x7e]*$/;

function isControl(cp: number): boolean {
  return cp < 0x20 || (cp >= 0x7f && cp < 0xa0);
}

function isNoncharacter(cp: number): boolean {
  return (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe;
}

function isSurrogate(cp: number): boolean {
  return cp >= 0xd800 && cp <= 0xdfff;
}

/** Invisible format characters: dropping one changes nothing a reader sees. */
function isInvisible(cp: number): boolean {
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

/** A cleaner that reports through `log`; call `flush` once to emit the grouped warnings. */
export function makeCleaner(log: (w: WriterWarning) => void): {
  clean: Cleaner;
  scrub: (text: string, path: string) => string;
  flush: () => void;
} {
  const replaced = new Map<string, string[]>();
  const missing = new Map<string, { chars: string[]; font: string }>();

  const clean: Cleaner = (text, path, face) => {
    const loaded = loadFace(faceFile(face.family, face.bold, face.italic));
    if (SAFE.test(text) && [...text].every((c) => covers(loaded, c.charCodeAt(0)))) return text;
    let out = "";
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 0;
      if (ch === "\t" || ch === "\n" || ch === "\r") {
        out += " ";
      } else if (isControl(cp) || isNoncharacter(cp) || isSurrogate(cp)) {
        out += REPLACEMENT;
        (replaced.get(path) ?? replaced.set(path, []).get(path))?.push(ch);
      } else if (covers(loaded, cp)) {
        out += ch;
      } else if (isInvisible(cp)) {
        (replaced.get(path) ?? replaced.set(path, []).get(path))?.push(ch);
      } else {
        out += REPLACEMENT;
        const entry = missing.get(path) ?? { chars: [], font: loaded.font.postscriptName };
        entry.chars.push(ch);
        missing.set(path, entry);
      }
    }
    return out;
  };

  /** For strings no font sets (the PDF's Info dictionary): only what no reader should see. */
  const scrub = (text: string, path: string) => {
    let out = "";
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 0;
      if (ch === "\t" || ch === "\n" || ch === "\r") out += " ";
      else if (isControl(cp) || isNoncharacter(cp) || isSurrogate(cp)) {
        out += REPLACEMENT;
        (replaced.get(path) ?? replaced.set(path, []).get(path))?.push(ch);
      } else out += ch;
    }
    return out;
  };

  const flush = () => {
    for (const [path, chars] of replaced) {
      log({ code: "char-replaced", path, message: pdfMessages.charReplaced(chars) });
    }
    for (const [path, { chars, font }] of missing) {
      log({ code: "glyph-missing", path, message: pdfMessages.glyphMissing(chars, font) });
    }
    replaced.clear();
    missing.clear();
  };

  return { clean, scrub, flush };
}
