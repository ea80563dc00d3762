/**
 * Axis and value labels in the document's language: d3-format's locale built
 * from Intl's separators, so a Russian chart reads "2,5" as its text does.
 */
import { describe, expect, it } from "vitest";
import { renderChart } from "../src/index.js";
import { numberLocale, numberLocaleFor } from "../src/locale.js";

const bars = {
  spec: {
    mark: "bar",
    encoding: {
      x: { field: "year", type: "ordinal" },
      y: { field: "value", type: "quantitative", axis: { format: ",.1f" } },
    },
  },
  rows: [
    { year: "2003", value: 1250.5 },
    { year: "2004", value: 2500.25 },
  ],
};

/** The text of every <text> element of an SVG. */
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

describe("chart number locale", () => {
  it("takes Intl's separators for a language, and keeps the fixed one for English", () => {
    const parts = new Intl.NumberFormat("ru", { numberingSystem: "latn" }).formatToParts(12345.6);
    const ru = numberLocaleFor("ru");
    expect(ru.decimal).toBe(parts.find((p) => p.type === "decimal")?.value);
    expect(ru.thousands).toBe(parts.find((p) => p.type === "group")?.value);
    expect(ru.decimal).toBe(",");
    expect(numberLocaleFor("en-GB")).toBe(numberLocale);
    expect(numberLocaleFor(undefined)).toBe(numberLocale);
    expect(numberLocaleFor("ja").decimal).toBe(".");
  });

  it("writes the axis in the language's separators", async () => {
    const en = texts((await renderChart(bars)).svg);
    const ru = texts((await renderChart(bars, { locale: "ru" })).svg);
    expect(en).toContain("2,500.0");
    const group = numberLocaleFor("ru").thousands;
    expect(ru).toContain(`2${group}500,0`);
    expect(ru.some((t) => t?.includes("."))).toBe(false);
  });
});
