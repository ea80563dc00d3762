/**
 * Units and scales: what a number means, and the only conversions allowed.
 *
 * A quantity is a value with a `unit` (a kebab-case id from the dataset, such
 * as `USD`, `Mt-per-year` or `percent`) and a `scale` (one, thousand,
 * million, billion). Arithmetic only combines equal units; scales are
 * reconciled explicitly. Crossing units (tonnes to barrels, a year to a day)
 * happens only in `convertValue`, with every factor named and overridable, so
 * a brief can always state the factor it used.
 */
import { IndicatorError } from "./errors.js";

/** Multiplier words a value may be stored or displayed in. */
export type Scale = "one" | "thousand" | "million" | "billion" | "trillion";

export const SCALES: readonly Scale[] = ["one", "thousand", "million", "billion", "trillion"];

const SCALE_FACTOR: Record<Scale, number> = {
  one: 1,
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
};

/** How many ones a scale stands for: `scaleFactor("billion")` is 1e9. */
export function scaleFactor(scale: Scale): number {
  return SCALE_FACTOR[scale];
}

/**
 * Re-expresses a value stored at one scale in another: 1,352.2 (million) is
 * 1.3522 (billion). Done as a ratio of factors so million -> billion divides
 * by exactly 1000 rather than multiplying up to 1e9 and back.
 */
export function rescaleValue(value: number, from: Scale, to: Scale): number {
  if (from === to) return value;
  const f = SCALE_FACTOR[from];
  const t = SCALE_FACTOR[to];
  return f >= t ? value * (f / t) : value / (t / f);
}

/**
 * Units the indicator functions produce themselves. Data units are free
 * kebab-case text; these are the derived ones.
 */
export const DERIVED_UNITS = {
  /** A growth rate, a share or a coverage ratio, in percent (49.2 means 49.2%). */
  percent: "percent",
  /** The change of a percent-valued series: 3 points, not 3%. */
  percentagePoints: "percentage-points",
  /** An index number, base period = 100. */
  index: "index",
  /** A ratio of two like quantities: 2.26 means 2.26 times. */
  multiple: "multiple",
  /** A position in a ranking, 1 = first. */
  rank: "rank",
} as const;

/**
 * Factors used to cross between physical units. Every conversion that uses
 * one records it, so the brief can footnote it.
 */
export interface ConversionFactors {
  /**
   * Barrels of crude oil per tonne. Default 7.33: the average-gravity factor
   * in the BP Statistical Review of World Energy, "Approximate conversion
   * factors" (crude oil: 1 tonne = 7.33 barrels). Russian Urals blend is
   * slightly denser (about 7.28); override for a specific grade.
   */
  barrelsPerTonne: number;
  /** Days in a year for per-year -> per-day flows. Default 365. */
  daysPerYear: number;
}

/** The defaults named in {@link ConversionFactors}. */
export const DEFAULT_CONVERSION_FACTORS: Readonly<ConversionFactors> = Object.freeze({
  barrelsPerTonne: 7.33,
  daysPerYear: 365,
});

/** Physical dimension of a unit the converter understands. */
type Dimension = "mass" | "oil-volume" | "mass-per-year" | "oil-volume-per-day" | "ratio";

/** Known physical units: their dimension and size in the dimension's base unit. */
const PHYSICAL_UNITS: Record<string, { dimension: Dimension; factor: number }> = {
  tonnes: { dimension: "mass", factor: 1 },
  kt: { dimension: "mass", factor: 1e3 },
  Mt: { dimension: "mass", factor: 1e6 },
  barrels: { dimension: "oil-volume", factor: 1 },
  "tonnes-per-year": { dimension: "mass-per-year", factor: 1 },
  "kt-per-year": { dimension: "mass-per-year", factor: 1e3 },
  "Mt-per-year": { dimension: "mass-per-year", factor: 1e6 },
  "barrels-per-day": { dimension: "oil-volume-per-day", factor: 1 },
  // A fraction (0.33) and a percent (33) are the same ratio.
  fraction: { dimension: "ratio", factor: 1 },
  percent: { dimension: "ratio", factor: 0.01 },
  // The dataset format also allows a slash: "Mt/year", "barrels/day".
  "tonnes/year": { dimension: "mass-per-year", factor: 1 },
  "kt/year": { dimension: "mass-per-year", factor: 1e3 },
  "Mt/year": { dimension: "mass-per-year", factor: 1e6 },
  "barrels/day": { dimension: "oil-volume-per-day", factor: 1 },
};

/** How a value in base units crosses from one dimension to another, and the factors it uses. */
interface Crossing {
  apply(base: number, factors: ConversionFactors): number;
  factors: readonly (keyof ConversionFactors)[];
}

const SAME_DIMENSION: Crossing = { apply: (base) => base, factors: [] };

/** The only crossings between dimensions; every other pair is refused. */
const CROSSINGS: Partial<Record<`${Dimension}>${Dimension}`, Crossing>> = {
  "mass>oil-volume": {
    apply: (base, f) => base * f.barrelsPerTonne,
    factors: ["barrelsPerTonne"],
  },
  "oil-volume>mass": {
    apply: (base, f) => base / f.barrelsPerTonne,
    factors: ["barrelsPerTonne"],
  },
  "mass-per-year>oil-volume-per-day": {
    apply: (base, f) => (base * f.barrelsPerTonne) / f.daysPerYear,
    factors: ["barrelsPerTonne", "daysPerYear"],
  },
  "oil-volume-per-day>mass-per-year": {
    apply: (base, f) => (base * f.daysPerYear) / f.barrelsPerTonne,
    factors: ["barrelsPerTonne", "daysPerYear"],
  },
};

/** The unit pairs `convertValue` can cross, for messages and docs. */
export function knownConversions(): string[] {
  return Object.keys(PHYSICAL_UNITS).sort();
}

/** What a conversion did: the converted value and the factors it relied on. */
export interface Conversion {
  value: number;
  /** Names of the factors used, e.g. `["barrelsPerTonne", "daysPerYear"]`. */
  factorsUsed: (keyof ConversionFactors)[];
}

/**
 * Converts `value` (unit `from`, scale `fromScale`) to unit `to`, scale
 * `toScale`. Equal units only rescale. Mass <-> oil volume uses
 * `barrelsPerTonne`; a per-year mass flow -> per-day oil flow uses both
 * factors. Anything else is an `IndicatorError` ("no-conversion"): US$ never
 * becomes Mt.
 *
 * @example
 *   convertValue(105, "Mt-per-year", "one", "barrels-per-day", "million")
 *   // { value: 2.1086..., factorsUsed: ["barrelsPerTonne", "daysPerYear"] }
 */
export function convertValue(
  value: number,
  from: string,
  fromScale: Scale,
  to: string,
  toScale: Scale,
  factors: ConversionFactors = DEFAULT_CONVERSION_FACTORS,
): Conversion {
  if (from === to) return { value: rescaleValue(value, fromScale, toScale), factorsUsed: [] };
  const a = PHYSICAL_UNITS[from];
  const b = PHYSICAL_UNITS[to];
  if (a === undefined || b === undefined) {
    throw new IndicatorError("no-conversion", { from, to, known: knownConversions() });
  }
  // Work in base units of the source dimension (tonnes, barrels, t/yr, bbl/d).
  const base = rescaleValue(value, fromScale, "one") * a.factor;
  const crossing =
    a.dimension === b.dimension ? SAME_DIMENSION : CROSSINGS[`${a.dimension}>${b.dimension}`];
  // A pair with no crossing is refused: a stock cannot become a flow
  // (reserves in Mt are not barrels a day).
  if (crossing === undefined) {
    throw new IndicatorError("no-conversion", { from, to, known: knownConversions() });
  }
  return {
    value: rescaleValue(crossing.apply(base, factors) / b.factor, "one", toScale),
    factorsUsed: [...crossing.factors],
  };
}
