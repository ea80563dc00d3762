/**
 * @briefkit/indicators — Indicator calculations: unit-aware pure functions, declarative definitions and number formatting.
 *
 * Scaffolded by issue #2; its substance arrives with the issue that owns it.
 */
export const packageName = "@briefkit/indicators";
