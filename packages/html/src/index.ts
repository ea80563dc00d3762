/**
 * @briefkit/html — HTML writer: document model to one self-contained HTML file.
 *
 * Scaffolded by issue #2; its substance arrives with the issue that owns it.
 */
export const packageName = "@briefkit/html";
