/**
 * @briefkit/document — The document model: a versioned zod schema, inferred types and small builders.
 *
 * Scaffolded by issue #2; its substance arrives with the issue that owns it.
 */
export const packageName = "@briefkit/document";
