/**
 * What every block and inline renderer shares while one document is built:
 * the theme and terms, the warning sink, the font coverage for glyph checks and the
 * per-document counters (drawing ids, list instances). Made fresh for each
 * `writeDocx` call: nothing here outlives a document.
 */
import {
  replaceForbidden,
  type Terms,
  type Theme,
  type WriterWarning,
  type WriterWarningCode,
} from "@briefkit/document";
import type { Coverage } from "./fonts.js";
import { docxMessages } from "./messages.js";

/** Which family a piece of text is set in: the body serif or the heading sans. */
export type FontRole = "body" | "heading";

export interface Scope {
  theme: Theme;
  /** The words the writer adds (caption labels, "Edition", the footer), in the document's language. */
  terms: Terms;
  warn: (code: WriterWarningCode, path: string, message: string) => void;
  /** XML-safe text, with forbidden characters and missing glyphs reported at `path`. */
  text: (value: string, path: string, role: FontRole) => string;
  /** XML-safe text that is never shown in the brief's fonts (URLs, alt text, properties). */
  xml: (value: string, path: string) => string;
  /** The next `wp:docPr` id: unique in the document, counted per document (the library's counter is global). */
  nextDrawingId: () => number;
  /** A new list instance, so each ordered list restarts at 1. */
  nextListInstance: () => number;
  /** Whether figures with chart data become native charts. */
  nativeCharts: boolean;
  /** The next tracked-change (`w:ins`/`w:del`) id: unique in the document. */
  nextChangeId: () => number;
  /** Date of a tracked change that states none: the build's (ctx.now), never the clock. */
  changeDate: string;
}

/** First tracked-change id (w:ins/w:del w:id). */
const CHANGE_ID_BASE = 1_000_000;

export function createScope(
  theme: Theme,
  terms: Terms,
  log: (w: WriterWarning) => void,
  coverage: Record<FontRole, Coverage>,
  nativeCharts: boolean,
  now: Date = new Date(0),
): Scope {
  let drawing = 0;
  let list = 0;
  let change = 0;
  // The same text can be set more than once (the title is in the title
  // block, the header and the properties): each problem is reported once.
  const reported = new Set<string>();
  const warn = (code: WriterWarningCode, path: string, message: string) => {
    const key = `${code}\u0000${path}\u0000${message}`;
    if (reported.has(key)) return;
    reported.add(key);
    log({ code, path, message });
  };
  const xml = (value: string, path: string) => {
    // The characters XML forbids and the rest no format carries, as every writer replaces them.
    const safe = replaceForbidden(value);
    if (safe.replaced.length > 0)
      warn("char-replaced", path, docxMessages.charReplaced(safe.replaced));
    return safe.text;
  };
  return {
    theme,
    terms,
    warn,
    nativeCharts,
    nextDrawingId: () => {
      drawing += 1;
      return drawing;
    },
    nextListInstance: () => {
      list += 1;
      return list;
    },
    nextChangeId: () => {
      change += 1;
      // Apart from the bookmark ids the library numbers from 1: annotation ids stay unique.
      return CHANGE_ID_BASE + change;
    },
    changeDate: Number.isNaN(now.getTime()) ? "1970-01-01T00:00:00Z" : now.toISOString(),
    text: (value, path, role) => {
      const safe = xml(value, path);
      checkGlyphs(safe, path, coverage[role], warn);
      return safe;
    },
    xml,
  };
}

/** Reports each run of characters the font cannot show, with its offset in code points. */
function checkGlyphs(text: string, path: string, font: Coverage, warn: Scope["warn"]): void {
  let run = "";
  let start = 0;
  let index = 0;
  const flush = () => {
    if (run !== "") warn("glyph-missing", path, docxMessages.glyphMissing(run, start, font.name));
    run = "";
  };
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    // Control characters and U+FFFD (already reported as replaced) are not glyph questions.
    const skip = cp < 0x20 || cp === 0xfffd;
    if (!skip && !font.has(cp)) {
      if (run === "") start = index;
      run += ch;
    } else {
      flush();
    }
    index += 1;
  }
  flush();
}
