/**
 * The committed JSON Schema matches the zod schema (run with
 * UPDATE_SCHEMAS=1 to regenerate), and the schema accepts what the README
 * documents and rejects what it forbids.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { INDICATOR_FUNCTIONS, indicatorDefinitionSchema } from "../src/index.js";
import { indicatorsJsonSchema } from "../src/schema.js";

const file = new URL("../schemas/indicators.schema.json", import.meta.url);

describe("indicator definition schema", () => {
  it("the committed JSON Schema has not drifted from the zod schema", () => {
    const generated = `${JSON.stringify(indicatorsJsonSchema(), null, 2)}\n`;
    if (process.env.UPDATE_SCHEMAS === "1" || !existsSync(file)) writeFileSync(file, generated);
    expect(readFileSync(file, "utf8")).toBe(generated);
  });

  it("knows fourteen functions", () => {
    expect([...INDICATOR_FUNCTIONS].sort()).toEqual([
      "annualise",
      "balance",
      "cagr",
      "change",
      "convert",
      "coverage",
      "growth",
      "index",
      "multiple",
      "rank",
      "rolling-mean",
      "share",
      "sum",
      "value",
    ]);
  });

  it("accepts the README's example and rejects unknown fields and ids that are not kebab-case", () => {
    const ok = indicatorDefinitionSchema.safeParse({
      id: "total-trade-growth",
      function: "growth",
      input: { table: "bilateral-trade", measure: "total" },
      period: "latest",
      format: { style: "percent", decimals: 0 },
    });
    expect(ok.success).toBe(true);
    expect(
      indicatorDefinitionSchema.safeParse({
        id: "x",
        function: "value",
        input: { table: "t", measure: "m" },
        colour: "red",
      }).success,
    ).toBe(false);
    expect(
      indicatorDefinitionSchema.safeParse({
        id: "Total Trade",
        function: "value",
        input: { fact: "f" },
      }).success,
    ).toBe(false);
  });
});
