/**
 * The function table has one entry per function of the schema, checked by
 * the compiler and here. (That each entry names every input a definition can
 * write is tested through evaluation, in evaluate.test.ts.)
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import { FUNCTION_TABLE, type FunctionTable } from "../src/function-table.js";
import { INDICATOR_FUNCTIONS, type IndicatorFunction } from "../src/index.js";

describe("the function table", () => {
  it("has an entry for every function in INDICATOR_FUNCTIONS, and no other", () => {
    expect(Object.keys(FUNCTION_TABLE).sort()).toEqual([...INDICATOR_FUNCTIONS].sort());
    for (const f of INDICATOR_FUNCTIONS) {
      expect(typeof FUNCTION_TABLE[f].inputs, f).toBe("function");
      expect(typeof FUNCTION_TABLE[f].evaluate, f).toBe("function");
    }
  });

  it("is typed over the schema's functions: a table without one does not compile", () => {
    expectTypeOf<keyof FunctionTable>().toEqualTypeOf<IndicatorFunction>();
    const { convert: _convert, ...withoutConvert } = FUNCTION_TABLE;
    // @ts-expect-error -- "convert" is missing
    const incomplete: FunctionTable = withoutConvert;
    expect(Object.keys(incomplete)).not.toContain("convert");
  });
});
