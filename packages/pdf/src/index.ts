/**
 * @briefkit/pdf — PDF writer: document model to PDF bytes (pdfmake).
 *
 * Scaffolded by issue #2; its substance arrives with the issue that owns it.
 */
export const packageName = "@briefkit/pdf";
