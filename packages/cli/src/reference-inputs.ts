/**
 * What docs/reference/ is generated from: the JSON Schemas of template.yaml,
 * dataset.yaml and the batch file (made from their zod schemas) and compose's directive
 * and filter tables. Used by scripts/gen-reference.ts and its test.
 */
import { DIRECTIVES, FILTER_TABLE, templateJsonSchema } from "@briefkit/compose";
import { datasetJsonSchema, fileJsonSchema } from "@briefkit/data";
import { BatchFile } from "./batch/schema.js";
import type { ReferenceInputs, SchemaNode } from "./reference.js";

export function referenceInputs(): ReferenceInputs {
  return {
    template: templateJsonSchema() as SchemaNode,
    dataset: datasetJsonSchema() as SchemaNode,
    batch: fileJsonSchema(BatchFile, "batch.schema.json") as SchemaNode,
    directives: DIRECTIVES,
    filters: FILTER_TABLE,
  };
}
