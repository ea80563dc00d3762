/** Pins the public door: adding or removing an export is a deliberate change. */
import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";

describe("@briefkit/indicators public API", () => {
  it("exposes exactly the documented names", () => {
    expect(Object.keys(api).sort()).toEqual([
      "DEFAULT_CONVERSION_FACTORS",
      "DEFAULT_LOCALE",
      "DERIVED_UNITS",
      "INDICATOR_FUNCTIONS",
      "INDICATOR_ISSUE_CODES",
      "IndicatorError",
      "NOT_AVAILABLE_TEXT",
      "SCALES",
      "annualise",
      "balance",
      "cagr",
      "change",
      "convert",
      "convertValue",
      "coverage",
      "displayedValue",
      "evaluateIndicators",
      "formatNumber",
      "formatResult",
      "growth",
      "indexNumber",
      "indicatorDefinitionSchema",
      "isOk",
      "multiple",
      "multipleBand",
      "parseFormatted",
      "parseIndicatorYaml",
      "parsePeriodLabel",
      "parsePeriodRef",
      "quantity",
      "rank",
      "resolveFormat",
      "rollingMean",
      "share",
      "storedValue",
      "sum",
      "valueAt",
    ]);
  });
});
