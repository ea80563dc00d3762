/**
 * The PDF writer's contract: options, the injected context and the warnings
 * it reports. Follows the writer contract of DESIGN.md ("Writers"): a writer
 * is `(doc, options, ctx) => bytes`; effects (the clock, the log) come in
 * through the context, never from the environment.
 */
import type { Theme } from "@briefkit/document";

/** What the writer reports instead of failing or dropping content silently. */
export type WriterWarningCode =
  /** A node the writer has no rendering for; it is left out and named here. */
  | "not-rendered"
  /** A character no reader should see (U+FFFE, U+FFFF, a lone surrogate, a control) became "?". */
  | "char-replaced"
  /** Text the embedded fonts have no glyph for (e.g. Japanese); each character became "?". */
  | "glyph-missing"
  /** A link whose scheme is not http(s) or mailto: its text is kept, the link is not. */
  | "link-refused"
  /** An `<image>` (or `<feImage>`) element removed from a chart's SVG: it could read files. */
  | "svg-image-removed"
  /** svg-to-pdfkit could not draw part of a chart's SVG. */
  | "svg-warning";

/** One warning; `path` locates the node as the model's validator does (e.g. "blocks[3].children[0]"). */
export interface WriterWarning {
  code: WriterWarningCode;
  message: string;
  path: string;
}

/** Effects the writer may use: the clock (stamped into the PDF's info dates) and a sink for warnings. */
export interface WriterContext {
  /** Written as CreationDate and ModDate: from SOURCE_DATE_EPOCH or the edition date, never the clock. */
  now: Date;
  log: (warning: WriterWarning) => void;
}

/** Options of the PDF writer. */
export interface PdfOptions {
  /** Fonts, colours, sizes and page of the brief. */
  theme: Theme;
  /**
   * Alignment of body paragraphs. Default `"justify"`: a full A4 measure
   * (about 90 characters at 10 pt) justifies without rivers; `"left"` gives
   * ragged-right text.
   */
  align?: "justify" | "left";
}
