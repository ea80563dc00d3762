/**
 * @briefkit/compose — Templates + data + indicators to the document model, per audience.
 *
 * Scaffolded by issue #2; its substance arrives with the issue that owns it.
 */
export const packageName = "@briefkit/compose";
