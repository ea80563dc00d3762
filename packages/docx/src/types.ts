/**
 * The DOCX writer's contract: options, the injected context and the warnings
 * it reports. Follows the writer contract of DESIGN.md ("Writers"): a writer
 * is `(doc, options, ctx) => bytes`, effects (clock, log) come in through the
 * context, never from the environment.
 */
import type { Theme } from "@briefkit/document";

/** What the writer reports instead of failing or dropping content silently. */
export type WriterWarningCode =
  /** A node the writer has no rendering for; it is left out and named here. */
  | "not-rendered"
  /** A character XML forbids (U+FFFE, U+FFFF, a lone surrogate, a C0 control) became U+FFFD. */
  | "char-replaced"
  /** Text the embedded fonts have no glyph for (e.g. Japanese): readers will substitute a font or show boxes. */
  | "glyph-missing"
  /** A link whose scheme is not http(s) or mailto: its text is kept, the link is not. */
  | "link-refused";

/** One warning; `path` locates the node, as the model's validator does (e.g. "blocks[3].children[0]"). */
export interface WriterWarning {
  code: WriterWarningCode;
  message: string;
  path: string;
}

/** Effects the writer may use: the clock (stamped into properties) and a sink for warnings. */
export interface WriterContext {
  /** The time written as created/modified: from SOURCE_DATE_EPOCH or the edition date, never the clock. */
  now: Date;
  log: (warning: WriterWarning) => void;
}

/** Options of the DOCX writer. */
export interface DocxOptions {
  /** Fonts, colours, sizes and page of the brief. */
  theme: Theme;
  /**
   * Embed the theme's font files (all four faces of body and heading family), so
   * Word and LibreOffice show Source Serif/Sans without installed fonts.
   * Adds about 0.9 MB. Default `true`.
   */
  embedFonts?: boolean;
  /**
   * Redraw figures that carry chart data as native Word charts (editable, with
   * their data in an embedded workbook) instead of pictures. Default `true`.
   */
  nativeCharts?: boolean;
  /**
   * Estimate page numbers (the table of contents' page numbers and "of Y" in
   * the footer) by laying the pages out as Word does (docx/layout), so they
   * show before a reader updates fields. Default `true`.
   */
  estimatePages?: boolean;
}
