/**
 * The role a docDefinition node plays in the tagged PDF's structure tree:
 * a small JSON marker, `tag`, that the builders (blocks.ts, definition.ts,
 * inlines.ts) put on the nodes they make. pdfmake ignores the key; the
 * tagging extension (tagging.ts) reads it while pdfmake lays the document out
 * and draws it. The types are the standard structure types of ISO 32000-1
 * (14.8.4), which PDF/UA-1 builds on.
 *
 * Only the roles a builder decides are marked. What follows from pdfmake's
 * own layout is derived by tagging.ts: a list's items (LI, with its marker as
 * Lbl and its content as LBody), a table's rows (TR in THead or TBody), the
 * entries of pdfmake's table of contents (TOCI), links (Link, with the
 * annotation's object reference), repeated table heads and every drawn
 * line or fill (artifacts). Nodes without a marker are transparent: what they
 * draw belongs to the nearest marked ancestor.
 */

/** Structure types a node can open; the content it draws goes into it. */
export const ELEMENT_TAGS = [
  "P",
  "H1",
  "H2",
  "H3",
  "H4",
  "Caption",
  "Lbl",
  "TD",
  "Div",
  "L",
  "Table",
  "TOC",
] as const;
export type ElementTag = (typeof ELEMENT_TAGS)[number];

/** A running header or footer (Pagination), or a page decoration (Layout). */
export type ArtifactKind = "Pagination" | "Layout";

/** The `tag` marker of a docDefinition node. */
export type Tag =
  | ElementTag
  /** A header cell: `Column` heads a column, `Row` a row (PDF's /Scope). */
  | { type: "TH"; scope: "Column" | "Row" }
  /** A chart or picture, read by its alternative text. */
  | { type: "Figure"; alt: string }
  /** A footnote or endnote; `id` is unique in the document (PDF/UA-1 requires a Note's /ID). */
  | { type: "Note"; id: string }
  /** Not content: drawn, but not read. */
  | { artifact: ArtifactKind };

/** The `tag` marker of an inline text leaf: a footnote reference (Reference > Link). */
export type LeafTag = "Reference";

/** The heading element of a model heading level: the title is the one H1, as in the HTML. */
export const headingTag = (level: 1 | 2 | 3): ElementTag => HEADING_TAGS[level];

const HEADING_TAGS = { 1: "H2", 2: "H3", 3: "H4" } as const;
