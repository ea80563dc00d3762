/**
 * Every pure function against values worked out by hand from the essay's
 * tables. Table 1 (US$ billion): total 1998 3.9, 2003 5.9, 2004 8.8,
 * 2005-H1 3.8; exports 2004 5.7, imports 2004 3.1. Table 3 (US$ million):
 * Far East total trade 2002 814.4, 2003 1,352.2.
 */
import { describe, expect, it } from "vitest";
import {
  annualise,
  balance,
  cagr,
  change,
  convert,
  convertValue,
  coverage,
  growth,
  IndicatorError,
  type IndicatorResult,
  indexNumber,
  multiple,
  multipleBand,
  quantity,
  rank,
  rollingMean,
  type SeriesData,
  share,
  sum,
  valueAt,
} from "../src/index.js";

const usdBn = (value: number | null, period: string, partial = false) =>
  quantity(value, { unit: "USD", scale: "billion", period, partial });
const usdMn = (value: number | null, period: string) =>
  quantity(value, { unit: "USD", scale: "million", period });

/** Asserts ok and returns the value, so expectations read as numbers. */
function value(r: IndicatorResult): number {
  if (r.status !== "ok") throw new Error(`expected ok, got na ${r.code}: ${r.reason}`);
  return r.value;
}
function naCode(r: IndicatorResult): string {
  if (r.status !== "na") throw new Error(`expected na, got ${r.value}`);
  return r.code;
}

/** Table 1, total trade, as a series. */
const total: SeriesData = {
  name: "bilateral-trade.total",
  unit: "USD",
  scale: "billion",
  points: [
    { period: "1998", value: 3.9 },
    { period: "1999", value: 4.2 },
    { period: "2000", value: 5.2 },
    { period: "2001", value: 4.6 },
    { period: "2002", value: 4.2 },
    { period: "2003", value: 5.9 },
    { period: "2004", value: 8.8 },
    { period: "2005-H1", value: 3.8, partial: true },
  ],
};

describe("valueAt", () => {
  it("reads a year, and relative periods count full years only", () => {
    expect(value(valueAt(total, 1998))).toBe(3.9);
    // latest = 2004, not 2005-H1: a half year is not a year.
    const latest = valueAt(total, "latest");
    expect(value(latest)).toBe(8.8);
    expect(latest.periods).toEqual(["2004"]);
    expect(value(valueAt(total, "latest-1"))).toBe(5.9); // 2003
    expect(value(valueAt(total, "first"))).toBe(3.9); // 1998
    expect(value(valueAt(total, "first+2"))).toBe(5.2); // 2000
  });

  it("reaches the partial period only when asked", () => {
    const h1 = valueAt(total, "latest-partial");
    expect(value(h1)).toBe(3.8);
    expect(h1.status === "ok" && h1.partial).toBe(true);
    expect(value(valueAt(total, "2005-H1"))).toBe(3.8);
  });

  it("is na for a missing year, a period before the first and a null value", () => {
    expect(naCode(valueAt(total, 1997))).toBe("missing-period");
    expect(naCode(valueAt(total, "latest-7"))).toBe("missing-period"); // 2004 - 7 full years: none
    const withGap: SeriesData = { ...total, points: [{ period: "2002", value: null }] };
    expect(naCode(valueAt(withGap, 2002))).toBe("null-input");
  });

  it("throws bad-argument for text that is not a period", () => {
    expect(() => valueAt(total, "lastest")).toThrow(IndicatorError);
    expect(() => valueAt(total, "19988")).toThrow(/period/);
  });
});

describe("change and growth", () => {
  it("change keeps unit and scale: 2004 - 2003 = 8.8 - 5.9 = 2.9 US$ billion", () => {
    const r = change(usdBn(5.9, "2003"), usdBn(8.8, "2004"));
    expect(value(r)).toBeCloseTo(2.9, 12);
    expect(r.unit).toBe("USD");
    expect(r.scale).toBe("billion");
    expect(r.periods).toEqual(["2003", "2004"]);
  });

  it("change reconciles scales: 1,352.2 million - 0.8144 billion = 537.8 million", () => {
    // 0.8144 billion = 814.4 million; 1352.2 - 814.4 = 537.8
    expect(value(change(usdBn(0.8144, "2002"), usdMn(1352.2, "2003")))).toBeCloseTo(537.8, 9);
  });

  it("the change of a percent is in percentage points", () => {
    const r = change(
      quantity(64.8, { unit: "percent", period: "2004" }),
      quantity(60.5, { unit: "percent", period: "2005" }),
    );
    // 60.5 - 64.8 = -4.3 points
    expect(value(r)).toBeCloseTo(-4.3, 12);
    expect(r.unit).toBe("percentage-points");
  });

  it("growth and CAGR of a percentage are errors that point to change (percentage points)", () => {
    const share = (v: number, period: string) => quantity(v, { unit: "percent", period });
    // 31% → 43%: "grew 38.7%" would read as points; it rose 12 percentage points.
    expect(() => growth(share(31, "1992"), share(43, "2001"))).toThrow(
      /growth: function must be used on a quantity, not a percentage: the change of a percentage is function: change, in percentage points, found percent/,
    );
    expect(() => cagr(share(31, "1992"), share(43, "2001"))).toThrow(IndicatorError);
    const points = quantity(12, { unit: "percentage-points", period: "2001" });
    expect(() => growth(points, points)).toThrow(/found percentage-points/);
    expect(value(change(share(31, "1992"), share(43, "2001")))).toBe(12);
  });

  it("growth 2003 -> 2004 = 8.8 / 5.9 - 1 = 49.15...%", () => {
    const r = growth(usdBn(5.9, "2003"), usdBn(8.8, "2004"));
    expect(value(r)).toBeCloseTo(49.152542, 5); // 2.9 / 5.9 = 0.4915254
    expect(r.unit).toBe("percent");
  });

  it("Far East growth 2002 -> 2003 = 1,352.2 / 814.4 - 1 = 66.04%", () => {
    // 537.8 / 814.4 = 0.660363...
    expect(value(growth(usdMn(814.4, "2002"), usdMn(1352.2, "2003")))).toBeCloseTo(66.0363, 3);
  });

  it("growth from zero is zero-denominator, from a negative base non-positive-base", () => {
    expect(naCode(growth(usdBn(0, "2003"), usdBn(1, "2004")))).toBe("zero-denominator");
    expect(naCode(growth(usdBn(-1, "2003"), usdBn(1, "2004")))).toBe("non-positive-base");
  });

  it("growth from a half year to a full year is partial-period", () => {
    const r = growth(usdBn(8.8, "2004"), usdBn(3.8, "2005-H1", true));
    expect(naCode(r)).toBe("partial-period");
    expect(r.status === "na" && r.reason).toMatch(/2005-H1/);
  });

  it("like-for-like halves compare: 2004-H1 -> 2005-H1", () => {
    // invented 2004-H1 of 3.0: 3.8 / 3.0 - 1 = 26.67%
    expect(value(growth(usdBn(3.0, "2004-H1", true), usdBn(3.8, "2005-H1", true)))).toBeCloseTo(
      26.6667,
      3,
    );
  });

  it("a null input propagates its na with both inputs' periods", () => {
    const r = growth(usdBn(null, "2003"), usdBn(8.8, "2004"));
    expect(naCode(r)).toBe("null-input");
    expect(r.periods).toEqual(["2003", "2004"]);
  });
});

describe("cagr, multiple, index", () => {
  it("CAGR 1998-2004 = (8.8 / 3.9)^(1/6) - 1 = 14.53%", () => {
    // 8.8 / 3.9 = 2.25641; ln = 0.81377; / 6 = 0.135628; e^ - 1 = 0.145257
    expect(value(cagr(usdBn(3.9, "1998"), usdBn(8.8, "2004")))).toBeCloseTo(14.5257, 3);
  });

  it("CAGR takes explicit years when periods carry none", () => {
    // (4 / 1)^(1/2) - 1 = 100%
    expect(value(cagr(quantity(1, { unit: "x" }), quantity(4, { unit: "x" }), 2))).toBeCloseTo(
      100,
      9,
    );
  });

  it("CAGR with the end before the start is a bad argument", () => {
    expect(() => cagr(usdBn(8.8, "2004"), usdBn(3.9, "1998"))).toThrow(IndicatorError);
  });

  it("multiple 1998 -> 2004 = 8.8 / 3.9 = 2.256: more than doubled", () => {
    const r = multiple(usdBn(3.9, "1998"), usdBn(8.8, "2004"));
    expect(value(r)).toBeCloseTo(2.25641, 5);
    expect(r.status === "ok" && r.band?.code).toBe("more-than-doubled");
    expect(r.status === "ok" && r.band?.text).toBe("more than doubled");
  });

  it("verbal bands", () => {
    expect(multipleBand(0.4).code).toBe("fell-by-more-than-half");
    expect(multipleBand(0.5).code).toBe("halved");
    expect(multipleBand(0.8).code).toBe("fell");
    expect(multipleBand(1.01).code).toBe("unchanged");
    expect(multipleBand(1.3).code).toBe("rose");
    expect(multipleBand(1.6).code).toBe("rose-by-more-than-half");
    expect(multipleBand(1.98).code).toBe("doubled");
    expect(multipleBand(3.1).code).toBe("more-than-tripled"); // imports 2004 / 1998 = 3.1 / 1.0
    expect(multipleBand(483.0 / 165.1).code).toBe("tripled"); // Far East imports 2003 / 2002 = 2.9255
    expect(multipleBand(5.02)).toEqual({ code: "n-fold", text: "rose 5-fold", fold: 5 });
    expect(multipleBand(5.6)).toEqual({
      code: "more-than-n-fold",
      text: "rose more than 5-fold",
      fold: 5,
    });
  });

  it("index 2004 on 1998 = 8.8 / 3.9 x 100 = 225.64", () => {
    const r = indexNumber(usdBn(3.9, "1998"), usdBn(8.8, "2004"));
    expect(value(r)).toBeCloseTo(225.641, 3);
    expect(r.unit).toBe("index");
  });

  it("index on a zero base is zero-denominator", () => {
    expect(naCode(indexNumber(usdBn(0, "1998"), usdBn(8.8, "2004")))).toBe("zero-denominator");
  });
});

describe("share, balance, coverage, sum", () => {
  it("exports share 2004 = 5.7 / 8.8 = 64.77%", () => {
    const r = share(usdBn(5.7, "2004"), usdBn(8.8, "2004"));
    expect(value(r)).toBeCloseTo(64.7727, 4);
    expect(r.unit).toBe("percent");
  });

  it("Sakhalin share of Far East trade 2003 = (293.5 + 144.6) / 1,352.2 = 32.40%", () => {
    const sakhalin = sum([usdMn(293.5, "2003"), usdMn(144.6, "2003")]); // 438.1
    expect(value(sakhalin)).toBeCloseTo(438.1, 9);
    expect(value(share(sakhalin, usdMn(1352.2, "2003")))).toBeCloseTo(32.399, 3);
  });

  it("share reconciles scales: 438.1 million of 1.3522 billion is still 32.40%", () => {
    expect(value(share(usdMn(438.1, "2003"), usdBn(1.3522, "2003")))).toBeCloseTo(32.399, 3);
  });

  it("share of a zero total is zero-denominator; of another period period-mismatch", () => {
    expect(naCode(share(usdBn(1, "2004"), usdBn(0, "2004")))).toBe("zero-denominator");
    expect(naCode(share(usdBn(5.7, "2004"), usdBn(5.9, "2003")))).toBe("period-mismatch");
  });

  it("balance 2004 = 5.7 - 3.1 = 2.6 US$ billion", () => {
    const r = balance(usdBn(5.7, "2004"), usdBn(3.1, "2004"));
    expect(value(r)).toBeCloseTo(2.6, 12);
    expect([r.unit, r.scale]).toEqual(["USD", "billion"]);
  });

  it("coverage 2004 = 5.7 / 3.1 = 183.87%; zero imports are zero-denominator", () => {
    expect(value(coverage(usdBn(5.7, "2004"), usdBn(3.1, "2004")))).toBeCloseTo(183.871, 3);
    expect(naCode(coverage(usdBn(5.7, "2004"), usdBn(0, "2004")))).toBe("zero-denominator");
  });

  it("sum of exports and imports 2004 = 5.7 + 3.1 = 8.8 (Table 1's total)", () => {
    expect(value(sum([usdBn(5.7, "2004"), usdBn(3.1, "2004")]))).toBeCloseTo(8.8, 12);
  });

  it("sum keeps the first item's scale: 1 billion + 500 million = 1.5 billion", () => {
    const r = sum([usdBn(1, "2004"), usdMn(500, "2004")]);
    expect(value(r)).toBeCloseTo(1.5, 12);
    expect(r.scale).toBe("billion");
  });

  it("cannot add US$ and Mt: unit-mismatch", () => {
    const mt = quantity(105, { unit: "Mt-per-year", period: "2004" });
    expect(() => sum([usdBn(1, "2004"), mt])).toThrow(
      expect.objectContaining({ code: "unit-mismatch" }),
    );
    expect(() => share(usdBn(1, "2004"), mt)).toThrow(IndicatorError);
    // even when a side is not available: the definition is wrong whatever the data
    expect(() => balance(usdBn(null, "2004"), mt)).toThrow(IndicatorError);
  });
});

describe("rank", () => {
  // Table 3, 2003, exports + imports (US$ million)
  const regions = [
    { label: "Yakutia", result: usdMn(138.9 + 11.0, "2003") }, // 149.9
    { label: "Primorskiy Krai", result: usdMn(154.9 + 221.7, "2003") }, // 376.6
    { label: "Khabarovskiy Krai", result: usdMn(169.2 + 77.8, "2003") }, // 247.0
    { label: "Sakhalinskaya Oblast", result: usdMn(293.5 + 144.6, "2003") }, // 438.1
    { label: "Magadanskaya Oblast", result: usdMn(null, "2003") },
  ];

  it("Sakhalin ranks first, Primorskiy second; the ranking comes along", () => {
    const r = rank(regions, "Sakhalinskaya Oblast");
    expect(value(r)).toBe(1);
    expect(value(rank(regions, "Primorskiy Krai"))).toBe(2);
    expect(r.status === "ok" && r.ranking?.map((e) => e.label)).toEqual([
      "Sakhalinskaya Oblast",
      "Primorskiy Krai",
      "Khabarovskiy Krai",
      "Yakutia",
    ]);
  });

  it("ascending order, ties, and a missing target", () => {
    expect(value(rank(regions, "Yakutia", "asc"))).toBe(1);
    const tied = [
      { label: "a", result: usdMn(2, "2003") },
      { label: "b", result: usdMn(2, "2003") },
      { label: "c", result: usdMn(1, "2003") },
    ];
    expect(value(rank(tied, "b"))).toBe(1);
    expect(value(rank(tied, "c"))).toBe(3);
    expect(naCode(rank(regions, "Magadanskaya Oblast"))).toBe("null-input");
    expect(() => rank(regions, "Chukotka")).toThrow(IndicatorError);
  });
});

describe("annualise and rolling mean", () => {
  it("2005-H1 3.8 annualised = 3.8 x 2 = 7.6, flagged an estimate for 2005, with its method", () => {
    for (const method of ["double-half-year", "scale-by-months"] as const) {
      const r = annualise(usdBn(3.8, "2005-H1", true), method);
      expect(value(r)).toBeCloseTo(7.6, 12);
      expect(r.status === "ok" && r.estimate).toBe(true);
      expect(r.status === "ok" && r.partial).toBe(false);
      expect(r.status === "ok" && r.annualised).toEqual({ method, from: "2005-H1", factor: 2 });
      expect(r.periods).toEqual(["2005"]);
    }
  });

  it("double-half-year doubles halves only; a quarter is an error naming the method", () => {
    expect(() => annualise(usdBn(1, "2005-Q1", true), "double-half-year")).toThrow(
      /double-half-year for 2005-Q1/,
    );
  });

  it("a growth built on an annualised figure carries the method for the appendix", () => {
    const r = growth(
      usdBn(8.8, "2004"),
      annualise(usdBn(3.8, "2005-H1", true), "double-half-year"),
    );
    expect(r.status === "ok" && r.annualised?.method).toBe("double-half-year");
  });

  it("an annualised half year compares with a full year, as an estimate", () => {
    // 7.6 / 8.8 - 1 = -13.64%
    const r = growth(usdBn(8.8, "2004"), annualise(usdBn(3.8, "2005-H1", true), "scale-by-months"));
    expect(value(r)).toBeCloseTo(-13.636, 3);
    expect(r.status === "ok" && r.estimate).toBe(true);
  });

  it("a quarter is x4, a month x12; a date cannot be annualised", () => {
    expect(value(annualise(usdBn(1, "2005-Q1", true), "scale-by-months"))).toBe(4);
    expect(value(annualise(usdBn(1, "2005-03", true), "scale-by-months"))).toBe(12);
    expect(() => annualise(usdBn(1, "2005-09-01"), "scale-by-months")).toThrow(IndicatorError);
  });

  it("rolling mean of 2002-2004 = (4.2 + 5.9 + 8.8) / 3 = 6.3", () => {
    const r = rollingMean(total, 3, "latest");
    expect(value(r)).toBeCloseTo(6.3, 12);
    expect(r.periods).toEqual(["2002", "2003", "2004"]);
  });

  it("rolling mean over a window with a gap is null-input at the gap, with every input", () => {
    const input = (period: string) => ({
      kind: "fact" as const,
      dataset: "d",
      edition: "1",
      fact: `f${period}`,
      period,
      source: "s",
      value: 1,
      unit: "USD",
      scale: "billion" as const,
    });
    const gappy: SeriesData = {
      ...total,
      points: total.points.map((p) => ({
        ...p,
        value: p.period === "2003" ? null : p.value,
        input: input(p.period),
      })),
    };
    const r = rollingMean(gappy, 3, "latest");
    expect(naCode(r)).toBe("null-input");
    expect(r.periods).toEqual(["2002", "2003", "2004"]);
    expect(r.inputs.map((i) => i.period)).toEqual(["2002", "2003", "2004"]);
    // Ending at the partial period takes it with the full years before it.
    const h1 = rollingMean(gappy, 2, "latest-partial");
    expect(value(h1)).toBeCloseTo((8.8 + 3.8) / 2, 12);
    expect(h1.status === "ok" && h1.partial).toBe(true);
    expect(h1.periods).toEqual(["2004", "2005-H1"]);
  });

  it("rolling mean: too long a window is missing-period; a bad window throws", () => {
    expect(naCode(rollingMean(total, 8))).toBe("missing-period"); // 7 full years only
    expect(() => rollingMean(total, 0)).toThrow(IndicatorError);
  });
});

describe("convert", () => {
  it("105 Mt a year = 105e6 x 7.33 / 365 = 2.1086 million barrels a day", () => {
    const r = convert(quantity(105, { unit: "Mt-per-year", period: "2020" }), {
      unit: "barrels-per-day",
      scale: "million",
    });
    // 105e6 t x 7.33 bbl/t = 769.65e6 bbl a year; / 365 = 2,108,630 bbl a day
    expect(value(r)).toBeCloseTo(2.10863, 5);
    expect(r.status === "ok" && r.factors).toEqual({ barrelsPerTonne: 7.33, daysPerYear: 365 });
  });

  it("the tonne-to-barrel factor is a parameter: Urals at 7.28 gives 2.0942", () => {
    // 105e6 x 7.28 / 365 = 2,094,247
    const r = convert(
      quantity(105, { unit: "Mt-per-year" }),
      { unit: "barrels-per-day", scale: "million" },
      { barrelsPerTonne: 7.28 },
    );
    expect(value(r)).toBeCloseTo(2.094247, 5);
  });

  it("US$ million <-> billion via scale: 1,352.2 million = 1.3522 billion", () => {
    expect(value(convert(usdMn(1352.2, "2003"), { unit: "USD", scale: "billion" }))).toBeCloseTo(
      1.3522,
      12,
    );
    expect(convertValue(8.8, "USD", "billion", "USD", "million").value).toBeCloseTo(8800, 9);
  });

  it("a fraction is a percent: 0.3333 -> 33.33%", () => {
    expect(
      value(convert(quantity(0.3333, { unit: "fraction" }), { unit: "percent", scale: "one" })),
    ).toBeCloseTo(33.33, 9);
  });

  it("US$ never becomes Mt; reserves (a stock) never become barrels a day", () => {
    expect(() => convert(usdBn(1, "2004"), { unit: "Mt", scale: "one" })).toThrow(
      expect.objectContaining({ code: "no-conversion" }),
    );
    expect(() => convertValue(1000, "Mt", "one", "barrels-per-day", "one")).toThrow(IndicatorError);
  });

  it("crosses each way with the factors it names: 7.33 barrels a tonne, 365 days", () => {
    // 2 Mt x 7.33 = 14.66 million barrels, and back
    expect(convertValue(2, "Mt", "one", "barrels", "million")).toEqual({
      value: expect.closeTo(14.66, 9),
      factorsUsed: ["barrelsPerTonne"],
    });
    expect(convertValue(14.66, "barrels", "million", "Mt", "one")).toEqual({
      value: expect.closeTo(2, 9),
      factorsUsed: ["barrelsPerTonne"],
    });
    // 2,108,630 barrels a day x 365 / 7.33 = 105 Mt a year
    expect(convertValue(2108630.137, "barrels-per-day", "one", "Mt-per-year", "one")).toEqual({
      value: expect.closeTo(105, 6),
      factorsUsed: ["barrelsPerTonne", "daysPerYear"],
    });
    // Within a dimension only the unit sizes count: 2,500 kt = 2.5 Mt, no factor.
    expect(convertValue(2500, "kt", "one", "Mt", "one")).toEqual({
      value: expect.closeTo(2.5, 12),
      factorsUsed: [],
    });
  });

  it("refuses a non-positive factor", () => {
    expect(() =>
      convert(
        quantity(1, { unit: "Mt" }),
        { unit: "barrels", scale: "one" },
        { barrelsPerTonne: 0 },
      ),
    ).toThrow(expect.objectContaining({ code: "bad-argument" }));
  });
});

describe("the numeric boundary", () => {
  it("never returns NaN or Infinity, and never -0", () => {
    expect(naCode(quantity(Number.NaN, { unit: "USD" }))).toBe("not-finite");
    expect(naCode(quantity(Number.POSITIVE_INFINITY, { unit: "USD" }))).toBe("not-finite");
    // 1e308 x 10 overflows
    expect(naCode(sum([quantity(1e308, { unit: "x" }), quantity(1e308, { unit: "x" })]))).toBe(
      "not-finite",
    );
    expect(Object.is(value(change(usdBn(1, "2003"), usdBn(1, "2004"))), 0)).toBe(true);
  });
});
