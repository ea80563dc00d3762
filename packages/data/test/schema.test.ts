/** The committed JSON Schema must be what the zod schema generates. */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { expect, test } from "vitest";
import { datasetJsonSchema } from "../src/schema.js";

const committedPath = resolve(import.meta.dirname, "../../../schemas/dataset.schema.json");

test("schemas/dataset.schema.json matches the zod schema", () => {
  const committed = readFileSync(committedPath, "utf8");
  const generated = `${JSON.stringify(datasetJsonSchema(), null, 2)}\n`;
  expect(
    committed === generated,
    "schemas/dataset.schema.json is stale: run `npx -y pnpm@12.4.2 --filter @briefkit/data schema` and commit it",
  ).toBe(true);
});

test("the JSON Schema carries editor hints with defaults", () => {
  const schema = datasetJsonSchema() as {
    properties: Record<string, { description?: string }>;
  };
  expect(schema.properties.tables?.description).toMatch(/Default/);
  const text = JSON.stringify(schema);
  expect(text).toContain("Default: `one`");
  expect(text).toContain("20000000");
});
