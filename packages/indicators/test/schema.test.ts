/**
 * The schema accepts what the README documents and rejects what it forbids.
 * (Its JSON Schema for editors is part of template.yaml's, generated and
 * checked by @briefkit/compose.)
 */
import { describe, expect, it } from "vitest";
import { INDICATOR_FUNCTIONS, indicatorDefinitionSchema } from "../src/index.js";

describe("indicator definition schema", () => {
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
