/**
 * @briefkit/document — the document model every writer reads: a versioned,
 * JSON-serialisable tree (zod schemas with inferred types), small builders,
 * numbering and validation; and what every writer shares: the writer
 * contract, the terms table, the tree walker and the character rules.
 */

// The fonts the writers set text in, from @briefkit/fonts: writers import
// only this package, so what they use of the fonts module comes through here.
export {
  advanceWidth,
  type CharacterSet,
  coverage,
  coverageOnDemand,
  covers,
  type Face,
  faceFile,
  fontFile,
  loadFace,
  realPath,
  subsetTtf,
  toWoff,
} from "@briefkit/fonts";
export { assertNever } from "./assert-never.js";
export {
  buildDocument,
  type ChangeAttrs,
  callout,
  cell,
  DocumentError,
  type DraftBlock,
  deletion,
  deletionWith,
  emph,
  figure,
  footnote,
  heading,
  headingWith,
  type InlineInput,
  inlines,
  insertion,
  insertionWith,
  keyFigures,
  lineBreak,
  link,
  list,
  noteRef,
  num,
  pageBreak,
  para,
  plainText,
  row,
  strong,
  table,
  text,
  toc,
} from "./builders.js";
export {
  isForbiddenCodePoint,
  isInvisibleFormatChar,
  REPLACEMENT_CHARACTER,
  replaceForbidden,
} from "./chars.js";
export {
  isWriterWarningCode,
  WRITER_WARNING_CODES,
  type Writer,
  type WriterContext,
  type WriterOptions,
  type WriterOutput,
  type WriterWarning,
  type WriterWarningCode,
} from "./contract.js";
export { longDate } from "./dates.js";
export {
  type Block,
  type BlockType,
  type Callout,
  type Cell,
  type ChartData,
  Document,
  type Figure,
  type Footnote,
  type Heading,
  type Inline,
  type InlineType,
  type KeyFigures,
  type List,
  type Meta,
  MODEL_VERSION,
  type NumberInline,
  type Paragraph,
  type Provenance,
  type Row,
  type Table,
} from "./schema.js";
export {
  type FigureAnnualised,
  type FigureCoverage,
  slotted,
  TERM_TABLES,
  type Term,
  type Terms,
  termsFor,
} from "./terms.js";
export {
  applyThemeOverrides,
  type FontFamily,
  HOUSE_PALETTE,
  houseTheme,
  Theme,
  ThemeOverrides,
} from "./theme.js";
export { type DocumentIssue, validateDocument } from "./validate.js";
export {
  inlineChildren,
  SKIP,
  someInline,
  type Visitor,
  walkBlock,
  walkBlocks,
  walkDocument,
  walkInlines,
} from "./walk.js";
export {
  DocxSettings,
  FORMATS,
  type Format,
  HtmlSettings,
  mergeWriterSettings,
  PdfSettings,
  WriterSettings,
} from "./writer-settings.js";
