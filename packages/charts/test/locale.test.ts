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

describe("alt text in the document's language", () => {
  const description = {
    kind: "stacked-bar" as const,
    title: "Торговля",
    unit: "%",
    category: { field: "year", isPeriod: true },
    value: { field: "value" },
    series: { field: "series" },
  };
  const rows = [
    { year: "2003", series: "Экспорт", value: 4.25 },
    { year: "2004", series: "Экспорт", value: 5.75 },
    { year: "2003", series: "Импорт", value: 1.5 },
    { year: "2004", series: "Импорт", value: 3.25 },
  ];

  it("writes the words and the numbers in Russian", async () => {
    const { alt } = await renderChart({ spec: bars.spec, rows, description }, { locale: "ru" });
    expect(alt).toBe(
      "Столбчатая диаграмма с накоплением: Торговля. Значения в процентах. Период: 2003–2004. " +
        "Ряды: Экспорт и Импорт. " +
        "Экспорт: 4,25\u00a0% в 2003, 5,75\u00a0% в 2004; максимум 5,75\u00a0% в 2004, минимум 4,25\u00a0% в 2003. " +
        "Импорт: 1,50\u00a0% в 2003, 3,25\u00a0% в 2004; максимум 3,25\u00a0% в 2004, минимум 1,50\u00a0% в 2003.",
    );
  });

  it("keeps English for English, and writes Japanese for Japanese", async () => {
    const en = (await renderChart({ spec: bars.spec, rows, description })).alt;
    expect(en).toMatch(/^Stacked bar chart: Торговля\. Values in percent\. Covers 2003 to 2004\./);
    expect(en).toContain("highest 5.75% in 2004");
    const ja = (await renderChart({ spec: bars.spec, rows, description }, { locale: "ja" })).alt;
    expect(ja).toBe(
      "積み上げ棒グラフ：Торговля。単位：％。期間：2003～2004。系列：Экспорт、Импорт。" +
        "Экспорт：4.25%（2003）、5.75%（2004）、最大は5.75%（2004）、最小は4.25%（2003）。" +
        "Импорт：1.50%（2003）、3.25%（2004）、最大は3.25%（2004）、最小は1.50%（2003）。",
    );
  });
});
