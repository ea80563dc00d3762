/**
 * Parsed faces and shaped words, shared by the PDFs one process writes.
 *
 * For every document, pdfkit parses each font file afresh (fontkit) and
 * shapes every word anew (GSUB/GPOS lookups) into a per-document word cache;
 * for a short brief that is most of the writing time (the kitchen-sink
 * fixture, warm, on a busy two-core machine: 120–470 ms a document without
 * sharing, 40–140 ms with it). Yet the shape of a word depends only on
 * the font file. So each face of the theme gets one parsed font (its
 * @briefkit/fonts face's fontkit font) and one word cache per process. The per-document parts (glyph subset, widths, ToUnicode map) stay
 * per document, so the bytes are those pdfkit writes on its own.
 *
 * pdfmake 0.3 has no public way to hand pdfkit a parsed font, so this wraps
 * one internal method, `PDFDocument#provideFont(family, bold, italics)`
 * (pdfmake/js/PDFDocument.js), and sets three fields of the pdfkit font it
 * returns: `font`, `subset` and `layoutCache`. So that a change there cannot
 * go unnoticed:
 * - pdfmake is pinned to one exact version (pnpm-workspace.yaml), and
 *   test/pdfmake-contract.test.ts checks the method, its signature, the font
 *   it returns and that the bytes are the same with and without sharing;
 * - the wrap checks that shape when it is installed and on every font it
 *   touches, and throws a `PdfmakeContractError` saying what changed: a
 *   pdfmake that moved these internals fails every PDF loudly instead of
 *   writing slower or different ones;
 * - it acts only inside `withSharedFonts`, on the documents this writer
 *   renders (AsyncLocalStorage follows each render's promise chain); any other
 *   pdfmake document in the process gets pdfmake's own fonts.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { createRequire } from "node:module";
import { type Face, loadFace } from "@briefkit/document";

/** pdfmake's internals changed in a way this module relies on. */
export class PdfmakeContractError extends Error {
  /** `reliesOn`: what of pdfmake, and the module that relies on it. */
  constructor(
    detail: string,
    reliesOn = "PDFDocument#provideFont (see packages/pdf/src/shared-fonts.ts)",
  ) {
    super(
      `pdfmake internals changed: ${detail}. @briefkit/pdf relies on ${reliesOn} ` +
        "as the pdfmake version pinned in pnpm-workspace.yaml has it; install that version, " +
        "or adapt that module.",
    );
    this.name = "PdfmakeContractError";
  }
}

/** The pdfkit EmbeddedFont fields this module sets. */
interface PdfkitFont {
  font: { readonly postscriptName: string; createSubset(): unknown };
  subset: unknown;
  layoutCache: Record<string, unknown>;
}

/** The two methods of pdfmake's PDFDocument this module calls. */
interface FontHost {
  provideFont(family: string, bold: boolean, italics: boolean): unknown;
  getFontFile(family: string, bold: boolean, italics: boolean): unknown;
}

/** The methods relied on, with their parameter count: (family, bold, italics). */
const METHODS = ["provideFont", "getFontFile"] as const;

/**
 * The prototype of pdfmake's PDFDocument class, from its module (CommonJS,
 * `exports.default`), checked to have the methods this module calls.
 */
export function fontHostOf(mod: unknown): FontHost {
  const cls = (mod as { default?: unknown } | null)?.default;
  if (typeof cls !== "function") {
    throw new PdfmakeContractError("pdfmake/js/PDFDocument.js exports no default class");
  }
  const proto = cls.prototype as Partial<Record<(typeof METHODS)[number], unknown>>;
  for (const name of METHODS) {
    const method = proto[name];
    if (typeof method !== "function" || method.length !== 3) {
      throw new PdfmakeContractError(
        `PDFDocument#${name} is not a method of (family, bold, italics)`,
      );
    }
  }
  return proto as FontHost;
}

function isPdfkitFont(font: unknown): font is PdfkitFont {
  if (font === null || typeof font !== "object") return false;
  const f = font as Partial<Record<keyof PdfkitFont, unknown>>;
  const parsed = f.font as Partial<PdfkitFont["font"]> | undefined;
  return (
    typeof parsed?.postscriptName === "string" &&
    typeof parsed.createSubset === "function" &&
    f.subset !== undefined &&
    f.layoutCache !== null &&
    typeof f.layoutCache === "object"
  );
}

/** A bound on a face's shared word cache; past it, the cache starts afresh. */
const MAX_WORDS = 50_000;

/** What the wrap reads and keeps: installed once per process, on pdfmake's prototype. */
interface Sharing {
  /** The theme's font files (real paths) of the render in progress. */
  scope: AsyncLocalStorage<ReadonlySet<string>>;
  /** Word caches by face path. */
  layouts: Map<string, Record<string, unknown>>;
  /** pdfkit fonts already given a shared face (pdfmake hands the same one out per document). */
  shared: WeakSet<object>;
}

// Keyed in the global symbol registry, so that a second copy of this module
// (a test runner's fresh module graph over the same pdfmake) finds the wrap
// already there and uses it, rather than wrapping it again.
const SHARING = Symbol.for("briefkit.pdf.sharedFonts");

/** The face's word cache; counted once per document, so the bound costs one key scan. */
function sharedLayouts(sharing: Sharing, face: Face): Record<string, unknown> {
  let words = sharing.layouts.get(face.path);
  if (words === undefined || Object.keys(words).length > MAX_WORDS) {
    words = Object.create(null) as Record<string, unknown>;
    sharing.layouts.set(face.path, words);
  }
  return words;
}

function share(sharing: Sharing, font: unknown, file: string): void {
  if (!isPdfkitFont(font)) {
    throw new PdfmakeContractError(
      `PDFDocument#provideFont returned no pdfkit font with font, subset and layoutCache for ${file}`,
    );
  }
  const face = loadFace(file);
  if (font.font.postscriptName !== face.font.postscriptName) {
    throw new PdfmakeContractError(
      `pdfkit opened ${font.font.postscriptName} for ${file}, which is ${face.font.postscriptName}`,
    );
  }
  font.font = face.font;
  font.subset = face.font.createSubset();
  font.layoutCache = sharedLayouts(sharing, face);
  sharing.shared.add(font);
}

/** Wraps `provideFont` on pdfmake's PDFDocument, once per process. */
function install(): Sharing {
  const host = fontHostOf(
    createRequire(import.meta.url)("pdfmake/js/PDFDocument.js"),
  ) as FontHost & {
    [SHARING]?: Sharing;
  };
  const installed = host[SHARING];
  if (installed !== undefined) return installed;
  const sharing: Sharing = {
    scope: new AsyncLocalStorage(),
    layouts: new Map(),
    shared: new WeakSet(),
  };
  const provideFont = host.provideFont;
  host.provideFont = function (this: FontHost, family, bold, italics) {
    const font = provideFont.call(this, family, bold, italics);
    const files = sharing.scope.getStore();
    if (files === undefined) return font;
    if (font !== null && typeof font === "object" && sharing.shared.has(font)) return font;
    const file = this.getFontFile(family, bold, italics);
    if (typeof file !== "string" || !files.has(file)) {
      throw new PdfmakeContractError(
        `PDFDocument#getFontFile gave ${String(file)} for ${family}, not one of the theme's files`,
      );
    }
    share(sharing, font, file);
    return font;
  };
  host[SHARING] = sharing;
  return sharing;
}

/**
 * Runs `render` (which must call pdfmake's `createPdf` synchronously) with
 * the faces of `files` shared into every pdfkit font pdfmake opens for it.
 * `files` are the real paths of pdfmake's font dictionary.
 */
export function withSharedFonts<T>(files: readonly string[], render: () => Promise<T>): Promise<T> {
  return install().scope.run(new Set(files), render);
}
