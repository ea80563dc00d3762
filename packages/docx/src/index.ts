/**
 * @briefkit/docx — Word writer: document model to DOCX bytes (docx).
 *
 * Scaffolded by issue #2; its substance arrives with the issue that owns it.
 */
export const packageName = "@briefkit/docx";
