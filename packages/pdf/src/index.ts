/**
 * @briefkit/pdf — the PDF writer: document model → pdfmake 0.3 docDefinition
 * (plain JSON) → PDF bytes, in the house style of the theme.
 */
export {
  type FootnoteArea,
  type FootnoteNode,
  type PdfDefinition,
  type PdfInfo,
  toDocDefinition,
} from "./definition.js";
export { type PdfOptions, writePdf } from "./write.js";
