/**
 * The writer contract, in the manner of pandoc's one `Writer` type: a writer
 * is a function `(doc, options, ctx) => output`. The output is bytes (PDF,
 * DOCX) or text (HTML). Effects come in through the context, never from the
 * environment: the clock the files are stamped with, and a sink for
 * warnings. A writer prints nothing and reads nothing beyond its theme's font
 * files.
 *
 * A writer never fails a brief over content it cannot show as given: it
 * shows what it can and says what it changed, with one of the closed set of
 * warning codes below.
 */
import type { Document } from "./schema.js";
import type { Terms } from "./terms.js";
import type { Theme } from "./theme.js";

/**
 * Every warning a writer may give. One list for every format, so a code
 * means the same thing whichever writer reports it, and the CLI can rely on
 * the set being closed.
 */
export const WRITER_WARNING_CODES = [
  /** A node the writer has no rendering for (a document from a newer model, a ragged table row): it is left out, and named. */
  "not-rendered",
  /** Characters no file format may carry (controls, lone surrogates, noncharacters) became U+FFFD; invisible format characters a PDF font lacks were dropped. */
  "char-replaced",
  /** Text the embedded fonts have no glyph for: the PDF shows U+FFFD in its place, Word and browsers substitute another font. */
  "glyph-missing",
  /** A link whose scheme is not http(s) or mailto: its text is kept, the link is not. */
  "unsafe-link",
  /** Something was removed from a chart's SVG before it was drawn (an image, a script, an outside reference). */
  "svg-sanitised",
  /** A chart's SVG could not be read: its PNG rendering or its alt text stands in. */
  "svg-invalid",
  /** The PDF's SVG renderer could not draw part of a chart. */
  "svg-warning",
  /** A figure's chart cannot be redrawn as a native Word chart: its picture stands in. */
  "chart-not-native",
  /** A footnote reference with no footnote text: its number is written without a link. */
  "footnote-missing",
] as const;

export type WriterWarningCode = (typeof WRITER_WARNING_CODES)[number];

/** Whether a string is one of the writers' warning codes. */
export function isWriterWarningCode(code: string): code is WriterWarningCode {
  return (WRITER_WARNING_CODES as readonly string[]).includes(code);
}

/** One warning; `path` locates the node as the model's validator does (e.g. "blocks[3].children[0]"). */
export interface WriterWarning {
  code: WriterWarningCode;
  message: string;
  path: string;
}

/** The effects a writer may use. */
export interface WriterContext {
  /** The time stamped into the file: SOURCE_DATE_EPOCH or the edition's date, never the clock. */
  now: Date;
  /** Receives every warning; the writer never prints. */
  log: (warning: WriterWarning) => void;
}

/** What every writer's options hold. */
export interface WriterOptions {
  /** Fonts, colours, sizes and page of the brief. */
  theme: Theme;
  /**
   * Words to use instead of the ones of the document's language (see
   * `termsFor`): a brief in a language the terms table does not have yet, or
   * a house style ("Fig." for "Figure").
   */
  terms?: Partial<Terms>;
}

/** What a writer gives: text (HTML) or bytes (PDF, DOCX). */
export type WriterOutput = string | Uint8Array;

/** A writer: the document, its options and the context to its output, at once or as a promise. */
export type Writer<
  Options extends WriterOptions,
  Output extends WriterOutput | Promise<WriterOutput> = WriterOutput | Promise<WriterOutput>,
> = (doc: Document, options: Options, ctx: WriterContext) => Output;
