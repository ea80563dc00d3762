/**
 * The HTML writer's contract: the options it reads, the context it is handed
 * (effects are injected, nothing ambient) and the warnings it reports. The
 * writer returns text, like pandoc's TextWriter; PDF and DOCX return bytes.
 */
import type { Theme } from "@briefkit/document";

/** Words the writer adds around the document's own text (captions, title block, notes). */
export interface HtmlLabels {
  /** @example "Figure" → "Figure 1." */
  figure: string;
  /** @example "Table" → "Table 1." */
  table: string;
  /** Heading of the endnotes section. */
  notes: string;
  author: string;
  edition: string;
  published: string;
  dataAsOf: string;
  /** Expansion of "—" for a value that is not available (read out by screen readers). */
  notAvailable: string;
  /** Tooltip of a number flagged as an estimate. */
  estimate: string;
  /** Accessible name of a footnote reference: "Note 3". */
  note: string;
  /** Accessible name of a back-link: "Back to reference 3". */
  backToReference: string;
  /** Default titles of callouts without one. */
  finding: string;
  recommendation: string;
  /** Default title of a key-figures box without one. */
  keyFigures: string;
  /** Running footer in print: "Page 3 of 7". */
  page: string;
  of: string;
  skipToContent: string;
  /** Tracked changes: read out before inserted and deleted text, and in its tooltip. */
  inserted: string;
  deleted: string;
  /** "by" and "on" in a change's tooltip: "Inserted by briefkit on 8 September 2006". */
  changeBy: string;
  changeOn: string;
}

export interface HtmlOptions {
  /** The house theme (or a template's variant): fonts, colours, sizes, page. */
  theme: Theme;
  /**
   * How the theme's fonts reach the reader.
   * - `"subset"` (default): the glyphs the document uses, cut from the theme's
   *   TTFs with HarfBuzz and embedded as WOFF data URIs (tens of kB, not MB).
   * - `"none"`: no font embedded; CSS font stacks fall back to system fonts.
   */
  fonts?: "subset" | "none";
  /** Override any of the English labels (for briefs in another language). */
  labels?: Partial<HtmlLabels>;
}

/** Effects handed to the writer: a clock that is never the real one, and a log. */
export interface WriterContext {
  /** The build's timestamp (SOURCE_DATE_EPOCH or the edition date), stamped as dcterms.created. */
  now: Date;
  /** Receives every warning; the writer never prints. */
  log: (warning: WriterWarning) => void;
}

export type WriterWarningCode =
  /** A node type this writer does not know (a newer model): it is left out, loudly. */
  | "not-rendered"
  /** A character HTML/XML forbids (U+FFFE, U+FFFF, a lone surrogate, a control) became U+FFFD. */
  | "char-replaced"
  /** A link whose scheme is not http(s) or mailto was written as plain text. */
  | "unsafe-link"
  /** Something was removed from a chart's SVG (script, external reference, event handler...). */
  | "svg-sanitised"
  /** A chart's SVG could not be parsed; the PNG fallback or the alt text stands in. */
  | "svg-invalid"
  /** Text the embedded fonts cannot show: the reader's browser picks another font. */
  | "font-fallback"
  /** A footnote reference with no footnote text. */
  | "footnote-missing";

export interface WriterWarning {
  code: WriterWarningCode;
  message: string;
  /** Where in the document, e.g. "blocks[12].body[3].cells[1].children[0]". */
  path: string;
}
