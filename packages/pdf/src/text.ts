/**
 * Text as the PDF can show it. Every string the writer hands to pdfmake goes
 * through `clean`, which
 *
 * - turns tabs and newlines into spaces (pdfmake would break lines on `\n`;
 *   the model has `lineBreak` for that);
 * - replaces the characters no format may carry (controls, noncharacters,
 *   lone surrogates: `isForbiddenCodePoint` of @briefkit/document) with
 *   U+FFFD, as the DOCX and HTML writers do — code `char-replaced`;
 * - checks every other character against the cmap of the face that will set
 *   it, or of its East Asian fallback (scripts.ts sets the character there) and replaces what the face cannot show with U+FFFD — code
 *   `glyph-missing` — instead of letting pdfkit print empty .notdef boxes,
 *   which text extraction reads as nothing (what Japanese in Source Serif 4
 *   would do);
 * - drops invisible format characters (zero-width space, variation
 *   selectors…) the face lacks, reporting them as `char-replaced`.
 *
 * The house fonts have no U+FFFD either: replacement.ts sets it in a face
 * that has one. Warnings are grouped: one per node path and code, listing
 * the characters.
 */
import {
  coverageOnDemand,
  covers,
  type FontFamily,
  faceFile,
  isForbiddenCodePoint,
  isInvisibleFormatChar,
  loadFace,
  REPLACEMENT_CHARACTER,
  type WriterWarning,
} from "@briefkit/document";
import { pdfMessages } from "./messages.js";

/** Which face sets a run of text. */
export interface FaceRef {
  family: FontFamily;
  bold: boolean;
  italic: boolean;
}

/** Cleans a string for the face that sets it; `path` names the node for warnings. */
export type Cleaner = (text: string, path: string, face: FaceRef) => string;

const SAFE = /^[\x20-\x7e]*$/;

/** Whether a face has every character of a printable-ASCII text (SAFE): one code unit each, no array of them. */
function coversAscii(face: Parameters<typeof covers>[0], text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!covers(face, text.charCodeAt(i))) return false;
  return true;
}

/** A cleaner that reports through `log`; call `flush` once to emit the grouped warnings. */
export function makeCleaner(
  log: (w: WriterWarning) => void,
  fallbacks: ReadonlyMap<string, FontFamily> = new Map(),
): {
  clean: Cleaner;
  scrub: (text: string, path: string) => string;
  flush: () => void;
} {
  const replaced = new Map<string, string[]>();
  const missing = new Map<string, { chars: string[]; font: string }>();

  const clean: Cleaner = (text, path, face) => {
    const loaded = loadFace(faceFile(face.family, face.bold, face.italic));
    if (SAFE.test(text) && coversAscii(loaded, text)) return text;
    const fallback = fallbacks.get(face.family.name);
    const other = fallback && coverageOnDemand(faceFile(fallback, face.bold, face.italic));
    let out = "";
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 0;
      if (ch === "\t" || ch === "\n" || ch === "\r") {
        out += " ";
      } else if (isForbiddenCodePoint(cp)) {
        out += REPLACEMENT_CHARACTER;
        (replaced.get(path) ?? replaced.set(path, []).get(path))?.push(ch);
      } else if (cp === 0xfffd || covers(loaded, cp) || other?.has(cp)) {
        // What the face lacks and its East Asian fallback has, scripts.ts sets in the fallback.
        // U+FFFD given in the text (already a replacement) is drawn like the ones made here.
        out += ch;
      } else if (isInvisibleFormatChar(cp)) {
        (replaced.get(path) ?? replaced.set(path, []).get(path))?.push(ch);
      } else {
        out += REPLACEMENT_CHARACTER;
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
      else if (isForbiddenCodePoint(cp)) {
        out += REPLACEMENT_CHARACTER;
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
