/** Period tokens: parsing, labels, partial flags and ordering. */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { comparePeriods, parsePeriod } from "../src/index.js";
import { guessYear } from "../src/period.js";

describe("parsePeriod", () => {
  test.each([
    ["1998", "year", 1998, 1, "1998"],
    ["2005-H1", "half", 2005, 1, "2005 (first half)"],
    ["2005-H2", "half", 2005, 2, "2005 (second half)"],
    ["2003-Q2", "quarter", 2003, 2, "2003 (second quarter)"],
    ["2004-05", "month", 2004, 5, "May 2004"],
  ])("%s", (token, kind, year, index, label) => {
    expect(parsePeriod(token)).toEqual({
      token,
      kind,
      year,
      index,
      label,
      partial: kind !== "year",
    });
  });

  test.each([
    "19988",
    "98",
    "1799",
    "2101",
    "2005-H3",
    "2003-Q5",
    "2004-13",
    "2004-5",
    "2005 ",
    "2005-h1",
    "",
  ])("rejects %j", (token) => {
    expect(parsePeriod(token)).toBeUndefined();
  });

  test("partial is relative to the table's frequency", () => {
    expect(parsePeriod("2005-H1", "half-yearly")?.partial).toBe(false);
    expect(parsePeriod("2005-Q1", "half-yearly")?.partial).toBe(true);
    expect(parsePeriod("2005", "monthly")?.partial).toBe(false);
    expect(parsePeriod("2005-03", "monthly")?.partial).toBe(false);
  });

  test("guessYear suggests the year a doubled digit hides", () => {
    expect(guessYear("19988")).toBe(1998);
    expect(guessYear("20005")).toBe(2005);
    expect(guessYear("1998")).toBeUndefined();
    expect(guessYear("99999")).toBeUndefined();
  });
});

describe("comparePeriods", () => {
  const token = fc.oneof(
    fc.integer({ min: 1800, max: 2100 }).map(String),
    fc
      .tuple(fc.integer({ min: 1800, max: 2100 }), fc.integer({ min: 1, max: 2 }))
      .map(([y, h]) => `${y}-H${h}`),
    fc
      .tuple(fc.integer({ min: 1800, max: 2100 }), fc.integer({ min: 1, max: 4 }))
      .map(([y, q]) => `${y}-Q${q}`),
    fc
      .tuple(fc.integer({ min: 1800, max: 2100 }), fc.integer({ min: 1, max: 12 }))
      .map(([y, m]) => `${y}-${String(m).padStart(2, "0")}`),
  );

  test("orders by start, then shorter first", () => {
    const order = [
      "2004",
      "2004-12",
      "2005-01",
      "2005-Q1",
      "2005-H1",
      "2005",
      "2005-04",
      "2005-Q2",
      "2005-H2",
    ];
    const shuffled = [...order].reverse();
    const sorted = shuffled.map((t) => parsePeriod(t)!).sort(comparePeriods);
    expect(sorted.map((p) => p.token)).toEqual([
      "2004",
      "2004-12",
      "2005-01",
      "2005-Q1",
      "2005-H1",
      "2005",
      "2005-04",
      "2005-Q2",
      "2005-H2",
    ]);
  });

  test("is a consistent total order (antisymmetric, transitive, zero only for equal tokens)", () => {
    fc.assert(
      fc.property(token, token, token, (a, b, c) => {
        const [pa, pb, pc] = [parsePeriod(a)!, parsePeriod(b)!, parsePeriod(c)!];
        // `|| 0`: for equal tokens -Math.sign(0) is -0, which toBe tells from 0.
        expect(Math.sign(comparePeriods(pa, pb))).toBe(-Math.sign(comparePeriods(pb, pa)) || 0);
        expect(comparePeriods(pa, pb) === 0).toBe(a === b);
        if (comparePeriods(pa, pb) <= 0 && comparePeriods(pb, pc) <= 0) {
          expect(comparePeriods(pa, pc)).toBeLessThanOrEqual(0);
        }
      }),
    );
  });
});
