/**
 * What docs/reference/ is generated from: the JSON Schemas of template.yaml
 * and dataset.yaml (made from their zod schemas) and compose's directive
 * and filter tables. Used by scripts/gen-reference.ts and its test.
 */
import { DIRECTIVES, FILTER_TABLE, templateJsonSchema } from "@briefkit/compose";
import { datasetJsonSchema } from "@briefkit/data";
import type { ReferenceInputs, SchemaNode } from "./reference.js";

export function referenceInputs(): ReferenceInputs {
  return {
    template: templateJsonSchema() as SchemaNode,
    dataset: datasetJsonSchema() as SchemaNode,
    directives: DIRECTIVES,
    filters: FILTER_TABLE,
  };
}
