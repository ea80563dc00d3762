/** Number formatting and its inverse: the strings a brief prints. */
import { describe, expect, it } from "vitest";
import {
  DEFAULT_LOCALE,
  displayedValue,
  formatNumber,
  formatResult,
  NOT_AVAILABLE_TEXT,
  parseFormatted,
  quantity,
  resolveFormat,
  storedValue,
} from "../src/index.js";

describe("formatNumber", () => {
  it("defaults to en-GB, which writes the US dollar as US$", () => {
    expect(DEFAULT_LOCALE).toBe("en-GB");
    expect(formatNumber(8.8, { unit: "USD", scale: "billion" })).toBe("US$8.8 billion");
    expect(formatNumber(8.8, { unit: "USD", scale: "billion", locale: "en-US" })).toBe(
      "$8.8 billion",
    );
  });

  it("percent values are percent already: 126.4 -> 126%", () => {
    expect(formatNumber(126.4, { unit: "percent" })).toBe("126%");
    expect(formatNumber(49.1525, { unit: "percent", format: { decimals: 1 } })).toBe("49.2%");
    expect(formatNumber(49.1525, { unit: "percent", format: { sign: "always" } })).toBe("+49%");
  });

  it("rescales for display and writes the scale word before the unit word", () => {
    // 105 Mt a year = 2,108,630 barrels a day
    expect(
      formatNumber(2108630.137, { unit: "barrels-per-day", format: { scale: "million" } }),
    ).toBe("2.1 million barrels a day");
    // 1,352.2 US$ million shown in billions
    expect(
      formatNumber(1352.2, { unit: "USD", scale: "million", format: { scale: "billion" } }),
    ).toBe("US$1.4 billion");
    expect(formatNumber(1352.2, { unit: "USD", scale: "million" })).toBe("US$1,352.2 million");
  });

  it("multiples, indices, ranks and percentage points", () => {
    expect(formatNumber(2.2564, { unit: "multiple" })).toBe("2.3 times");
    expect(formatNumber(225.64, { unit: "index" })).toBe("226");
    expect(formatNumber(1, { unit: "rank" })).toBe("1");
    expect(formatNumber(-4.3, { unit: "percentage-points" })).toBe("-4.3 percentage points");
    expect(formatNumber(105, { unit: "Mt-per-year", format: { decimals: 0 } })).toBe(
      "105 Mt a year",
    );
  });

  it("separators follow the locale, digits stay Latin", () => {
    expect(formatNumber(1352.2, { unit: "USD", scale: "million", locale: "de-DE" })).toBe(
      "1.352,2 million\u00a0$", // Intl's no-break space before the symbol
    );
    expect(formatNumber(8.8, { unit: "USD", scale: "billion", locale: "ar-EG" })).toMatch(/8\.8/);
  });

  it("prints an em dash for anything not available, never NaN, Infinity or -0", () => {
    expect(NOT_AVAILABLE_TEXT).toBe("—");
    expect(formatNumber(null)).toBe("—");
    expect(formatNumber(undefined)).toBe("—");
    expect(formatNumber(Number.NaN)).toBe("—");
    expect(formatNumber(Number.NEGATIVE_INFINITY)).toBe("—");
    expect(formatNumber(-0.04, { format: { decimals: 1 } })).toBe("0.0");
  });

  it("formatResult uses the result's unit and scale, and — for na", () => {
    expect(formatResult(quantity(8.8, { unit: "USD", scale: "billion" }))).toBe("US$8.8 billion");
    expect(formatResult(quantity(null, { unit: "USD" }))).toBe("—");
    expect(formatResult(quantity(3.8, { unit: "USD", scale: "billion" }), { decimals: 2 })).toBe(
      "US$3.80 billion",
    );
  });
});

describe("parseFormatted", () => {
  it("reads back value, style, scale and unit", () => {
    expect(parseFormatted("US$8.8 billion")).toEqual({
      value: 8.8,
      style: "currency",
      scale: "billion",
      unit: "USD",
    });
    expect(parseFormatted("126%")).toEqual({
      value: 126,
      style: "percent",
      scale: "one",
      unit: "percent",
    });
    expect(parseFormatted("2.1 million barrels a day")).toMatchObject({
      value: 2.1,
      scale: "million",
    });
    expect(parseFormatted("-2.3 times")).toMatchObject({ value: -2.3, style: "multiple" });
    expect(parseFormatted("1.352,2 million\u00a0$", "de-DE")).toMatchObject({ value: 1352.2 });
  });

  it("reads — as null and refuses what is not a number", () => {
    expect(parseFormatted("—")).toEqual({ value: null, style: "number", scale: "one" });
    expect(parseFormatted("NaN")).toBeUndefined();
    expect(parseFormatted("about 8")).toBeUndefined();
    expect(parseFormatted("")).toBeUndefined();
  });
});

describe("percentage points", () => {
  it("one point is singular, every other count plural, and both read back", () => {
    const pp = (value: number, decimals: number) =>
      formatNumber(value, { unit: "percentage-points", format: { decimals } });
    expect(pp(1, 0)).toBe("1 percentage point");
    expect(pp(-1, 0)).toBe("-1 percentage point");
    expect(pp(1, 1)).toBe("1.0 percentage points");
    expect(pp(12, 0)).toBe("12 percentage points");
    expect(pp(0.6, 0)).toBe("1 percentage point");
    expect(parseFormatted("1 percentage point")).toMatchObject({
      value: 1,
      unit: "percentage-points",
    });
    expect(parseFormatted("12 percentage points")).toMatchObject({
      value: 12,
      unit: "percentage-points",
    });
  });
});

describe("resolveFormat, displayedValue and storedValue", () => {
  it("fill in the defaults formatNumber uses", () => {
    expect(resolveFormat({ unit: "USD", scale: "million", format: { scale: "billion" } })).toEqual({
      style: "currency",
      decimals: 1,
      scale: "billion",
      storedScale: "million",
      sign: "auto",
      currency: "USD",
    });
    expect(resolveFormat({ unit: "percent", scale: "billion" })).toEqual({
      style: "percent",
      decimals: 0,
      scale: "one",
      storedScale: "one",
      sign: "auto",
    });
    expect(resolveFormat({ unit: "rank" })).toMatchObject({ style: "number", decimals: 0 });
  });

  it("move a value between its stored and its displayed scale", () => {
    const o = { unit: "USD", scale: "million", format: { scale: "billion" } } as const;
    expect(displayedValue(8812, o)).toBeCloseTo(8.812, 12);
    expect(storedValue(9, o)).toBe(9000);
    expect(displayedValue(49.2, { unit: "percent" })).toBe(49.2);
    // What formatNumber prints is the displayed value, rounded to the decimals.
    expect(formatNumber(storedValue(17.6, o), o)).toBe("US$17.6 billion");
  });
});
