/**
 * @briefkit/charts — Chart renderer: Vega-Lite spec + rows to deterministic SVG and PNG, with the house theme and presets.
 *
 * Scaffolded by issue #2; its substance arrives with the issue that owns it.
 */
export const packageName = "@briefkit/charts";
