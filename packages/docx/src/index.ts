/**
 * @briefkit/docx — the Word writer: a briefkit document model to DOCX bytes
 * (docx 9), with real Word styles, SEQ-numbered captions, native charts,
 * footnotes and byte-identical output for identical input.
 */
export { type DocxOptions, writeDocx } from "./write.js";
