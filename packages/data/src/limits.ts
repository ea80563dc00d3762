/**
 * Limits on the shape of what the parsers read, shared by every reader. The
 * byte, row and cell limits of a table are in schema.ts beside the other
 * dataset.yaml defaults, since dataset.yaml may lower them.
 */

/**
 * Deepest nesting of lists and mappings (arrays and objects) in any YAML or
 * JSON file briefkit reads. The deepest real file (a Vega-Lite spec inside
 * template.yaml) nests about a dozen levels; the parsers recurse once per
 * level and overflow the stack in the high hundreds, so a file nested past
 * this is refused at the bracket or key that crosses it, before parsing.
 */
export const maxNestingDepth = 64;
