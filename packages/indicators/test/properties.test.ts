/**
 * Properties (fast-check) that must hold for any numbers, not just the
 * essay's: they pin the definitions of the functions against each other.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  annualise,
  cagr,
  formatNumber,
  growth,
  type IndicatorResult,
  indexNumber,
  parseFormatted,
  quantity,
  type Scale,
  share,
  sum,
} from "../src/index.js";

const positive = fc.double({ min: 1e-3, max: 1e9, noNaN: true, noDefaultInfinity: true });
const scaleFactor = (s: Scale): number =>
  ({ one: 1, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 })[s];
const year = fc.integer({ min: 1800, max: 2099 });

function value(r: IndicatorResult): number {
  if (r.status !== "ok") throw new Error(`expected ok, got ${r.code}`);
  return r.value;
}

describe("properties", () => {
  it("CAGR over one period equals growth", () => {
    fc.assert(
      fc.property(positive, positive, year, (a, b, y) => {
        const from = quantity(a, { unit: "USD", period: String(y) });
        const to = quantity(b, { unit: "USD", period: String(y + 1) });
        const g = value(growth(from, to));
        const c = value(cagr(from, to));
        expect(Math.abs(c - g)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(g)));
      }),
    );
  });

  it("shares of a complete breakdown sum to 100 (and to 100 ± n/2 once rounded)", () => {
    fc.assert(
      fc.property(fc.array(positive, { minLength: 1, maxLength: 12 }), (parts) => {
        const items = parts.map((p) => quantity(p, { unit: "USD", period: "2003" }));
        const total = sum(items);
        const shares = items.map((p) => value(share(p, total)));
        const exact = shares.reduce((a, b) => a + b, 0);
        expect(exact).toBeCloseTo(100, 6);
        const rounded = shares.map((s) => Math.round(s)).reduce((a, b) => a + b, 0);
        expect(Math.abs(rounded - 100)).toBeLessThanOrEqual(parts.length / 2);
      }),
    );
  });

  it("the index at its base is 100", () => {
    fc.assert(
      fc.property(positive, year, (x, y) => {
        const base = quantity(x, { unit: "USD", scale: "million", period: String(y) });
        expect(value(indexNumber(base, base))).toBe(100);
      }),
    );
  });

  it("annualising a full year is the identity", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), year, (x, y) => {
        const full = quantity(x, { unit: "USD", scale: "billion", period: String(y) });
        expect(annualise(full, "scale-by-months")).toEqual(full);
        expect(annualise(full, "double-half-year")).toEqual(full);
      }),
    );
  });

  it("formatting then parsing a number round-trips", () => {
    const scales: Scale[] = ["one", "thousand", "million", "billion"];
    const cases = fc.record({
      x: fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }),
      decimals: fc.integer({ min: 0, max: 3 }),
      unit: fc.constantFrom(
        "USD",
        "EUR",
        "JPY",
        "percent",
        "multiple",
        "barrels-per-day",
        "Mt",
        "count",
      ),
      scale: fc.constantFrom(...scales),
      locale: fc.constantFrom(
        "en-GB",
        "en-US",
        "de-DE",
        "fr-FR",
        "ru-RU",
        "ja-JP",
        "hi-IN",
        "ar-EG",
      ),
      sign: fc.constantFrom("auto" as const, "always" as const),
    });
    fc.assert(
      fc.property(cases, ({ x, decimals, unit, scale, locale, sign }) => {
        const options = { unit, locale, format: { decimals, scale, sign } };
        const text = formatNumber(x, options);
        const parsed = parseFormatted(text, locale);
        expect(parsed, text).toBeDefined();
        const back = parsed?.value;
        expect(typeof back).toBe("number");
        // The parsed number is the displayed one, in the display scale for
        // money and plain numbers: within half a unit of the last decimal.
        const shownScale: Scale = unit === "percent" || unit === "multiple" ? "one" : scale;
        const factor = scaleFactor(shownScale);
        const expected = x / factor;
        expect(Math.abs((back as number) - expected)).toBeLessThanOrEqual(
          0.5 * 10 ** -decimals + 1e-9 * Math.abs(expected),
        );
        // ... and formatting the parsed value again gives the same text.
        expect(formatNumber((back as number) * factor, options)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it("no NaN or Infinity ever leaves a function", () => {
    const any = fc.oneof(fc.double(), fc.constant(0), fc.constant(null));
    fc.assert(
      fc.property(any, any, (a, b) => {
        const from = quantity(a, { unit: "USD", period: "2003" });
        const to = quantity(b, { unit: "USD", period: "2004" });
        for (const r of [growth(from, to), cagr(from, to), share(from, to), sum([from, to])]) {
          if (r.status === "ok") expect(Number.isFinite(r.value)).toBe(true);
        }
      }),
    );
  });
});
