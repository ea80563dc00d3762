/**
 * The indicator functions: pure, unit-aware arithmetic on results.
 *
 * Every function takes results (`ok` or `na`) and returns a result, so
 * indicators compose and a gap anywhere upstream arrives as a typed `na` with
 * its original reason. Rules the functions enforce:
 *
 * - Units must match before adding, subtracting or dividing like quantities;
 *   scales are reconciled (million vs billion), units never are (US$ + Mt
 *   throws `IndicatorError` "unit-mismatch").
 * - A growth, share or coverage ratio is in percent; a change keeps its unit
 *   and scale (percent becomes percentage points); a multiple is a ratio.
 *   Growth and CAGR of a percentage throw "bad-argument": a share from 31%
 *   to 43% rose 12 percentage points (`change`), and "grew 38.7%" misleads.
 * - Comparisons over time are like for like: a half year against a full year
 *   is `na` "partial-period" (annualise first, by a named method, and the
 *   result is an estimate). Totals that cover different parts in the values
 *   compared are caught by the evaluator (see coverage.ts), which has the
 *   table; every result carries the coverage of the totals it was built on.
 * - Zero denominators, non-positive bases and missing inputs are `na`, never
 *   NaN or Infinity (see `ok()` in result.ts).
 */
import { mergeCoverage } from "./coverage.js";
import { IndicatorError } from "./errors.js";
import { bandText } from "./messages.js";
import {
  type PeriodRef,
  type PeriodSpan,
  parsePeriodLabel,
  parsePeriodRef,
  periodRefText,
  resolvePeriodRef,
} from "./periods.js";
import {
  type AnnualiseMethod,
  type IndicatorNa,
  type IndicatorOk,
  type IndicatorResult,
  type MultipleBand,
  type MultipleBandCode,
  na,
  ok,
  type Provenance,
  type RankEntry,
} from "./result.js";
import {
  type ConversionFactors,
  convertValue,
  DEFAULT_CONVERSION_FACTORS,
  DERIVED_UNITS,
  rescaleValue,
  type Scale,
} from "./units.js";

// ---------------------------------------------------------------------------
// Series and value at a period

/** One observation of a series. */
export interface SeriesPoint {
  /** Period label, e.g. "2004" or "2005-H1". */
  period: string;
  /** Finer than the table's frequency (2005-H1 in an annual table). */
  partial?: boolean;
  value: number | null;
  /** Where the number came from, carried into results. */
  input?: Provenance;
}

/** A series as the functions see it: ordered points with one unit and scale. */
export interface SeriesData {
  /** For messages, e.g. "bilateral-trade.total". */
  name: string;
  unit: string;
  scale: Scale;
  /** Ordered by period. */
  points: readonly SeriesPoint[];
}

function toPeriodRef(operation: string, period: PeriodRef | string | number): PeriodRef {
  if (typeof period === "object") return period;
  const ref = parsePeriodRef(period);
  if (ref === undefined) {
    throw new IndicatorError("bad-argument", {
      operation,
      argument: "period",
      expected: "latest, latest-N, first, first+N, latest-partial, a year or a period token",
      found: String(period),
    });
  }
  return ref;
}

/**
 * The value of a series at a period. Relative periods count full periods
 * only; a missing period or a null value is `na`.
 *
 * @example
 *   valueAt(total, "latest")  // 8.8 US$ billion, period 2004
 *   valueAt(total, "latest-partial") // 3.8, period 2005-H1, partial
 */
export function valueAt(series: SeriesData, period: PeriodRef | string | number): IndicatorResult {
  const ref = toPeriodRef("value", period);
  const points = series.points.map((p) => ({ label: p.period, partial: p.partial ?? false }));
  const resolved = resolvePeriodRef(ref, points);
  const context = { unit: series.unit, scale: series.scale };
  if (!resolved.ok) {
    return resolved.code === "missing-period"
      ? na(
          "missing-period",
          { what: series.name, period: resolved.period, available: resolved.available },
          context,
        )
      : na("no-periods", { what: series.name, partial: resolved.partial }, context);
  }
  const point = series.points.find((p) => p.period === resolved.label);
  return pointResult(series, resolved.label, resolved.partial, point);
}

/** The result of the point of `series` at `label` (the first with that label). */
function pointResult(
  series: SeriesData,
  label: string,
  partial: boolean,
  point: SeriesPoint | undefined,
): IndicatorResult {
  const context = { unit: series.unit, scale: series.scale };
  const inputs = point?.input ? [point.input] : [];
  if (point === undefined || point.value === null) {
    return na(
      "null-input",
      { what: series.name, period: label },
      { ...context, periods: [label], inputs },
    );
  }
  return ok(
    {
      value: point.value,
      unit: series.unit,
      scale: series.scale,
      periods: [label],
      partial,
      estimate: false,
      inputs,
    },
    "value",
  );
}

// ---------------------------------------------------------------------------
// Shared checks

function inputsOf(results: readonly IndicatorResult[]): Provenance[] {
  return results.flatMap((r) => r.inputs);
}

/** The distinct periods of `results`, in first-seen order. */
function periodsOf(results: readonly IndicatorResult[]): string[] {
  // A Set, not includes(): a sum across a column has a result per row.
  const seen = new Set<string>();
  for (const r of results) for (const p of r.periods) seen.add(p);
  return [...seen];
}

/**
 * Throws when results that carry a unit disagree. Checked before looking at
 * availability, so a unit mistake is reported whatever the data holds.
 */
function requireSameUnit(operation: string, results: readonly IndicatorResult[]): void {
  const units = [...new Set(results.map((r) => r.unit).filter((u) => u !== undefined))];
  if (units.length > 1) throw new IndicatorError("unit-mismatch", { operation, units });
}

/**
 * A growth rate of a percentage (a share from 31% to 43% "grew 38.7%") reads
 * as a change in points and misleads: the change of a percentage is `change`,
 * in percentage points.
 */
function requireQuantity(operation: string, results: readonly IndicatorResult[]): void {
  const unit = results
    .map((r) => r.unit)
    .find((u) => u === DERIVED_UNITS.percent || u === DERIVED_UNITS.percentagePoints);
  if (unit !== undefined) {
    throw new IndicatorError("bad-argument", {
      operation,
      argument: "function",
      expected:
        "used on a quantity, not a percentage: the change of a percentage is function: change, in percentage points",
      found: unit,
    });
  }
}

/** The first `na` among `results`, with the inputs of all of them. */
function firstNa(results: readonly IndicatorResult[]): IndicatorNa | undefined {
  const gap = results.find((r): r is IndicatorNa => r.status === "na");
  if (gap === undefined) return undefined;
  return { ...gap, inputs: inputsOf(results), periods: periodsOf(results) };
}

function spanOf(operation: string, r: IndicatorOk): PeriodSpan | undefined {
  if (r.periods.length === 0) return undefined;
  const [only] = r.periods;
  if (r.periods.length > 1 || only === undefined) {
    throw new IndicatorError("bad-argument", {
      operation,
      argument: "periods",
      expected: "an input that refers to one period",
      found: r.periods.join(", "),
    });
  }
  return parsePeriodLabel(only);
}

/** `na` "partial-period" when two periods differ in length (2004 vs 2005-H1). */
function likeForLike(
  operation: string,
  a: IndicatorOk,
  b: IndicatorOk,
  context: { unit: string; scale: Scale },
): IndicatorNa | undefined {
  const sa = spanOf(operation, a);
  const sb = spanOf(operation, b);
  if (sa === undefined || sb === undefined || sa.length === sb.length) return undefined;
  return na(
    "partial-period",
    { operation, periods: [sa.label, sb.label] },
    { ...context, periods: periodsOf([a, b]), inputs: inputsOf([a, b]) },
  );
}

/** `na` "period-mismatch" when results that must share a period do not. */
function samePeriod(
  operation: string,
  results: readonly IndicatorOk[],
  context: { unit: string; scale: Scale },
): IndicatorNa | undefined {
  const periods = periodsOf(results);
  if (periods.length <= 1) return undefined;
  return na(
    "period-mismatch",
    { operation, periods },
    { ...context, periods, inputs: inputsOf(results) },
  );
}

function okFields(results: readonly IndicatorOk[]) {
  const coverage = mergeCoverage(results);
  const annualised = results.find((r) => r.annualised !== undefined)?.annualised;
  return {
    periods: periodsOf(results),
    partial: results.some((r) => r.partial),
    estimate: results.some((r) => r.estimate),
    inputs: inputsOf(results),
    ...(coverage === undefined ? {} : { coverage }),
    ...(annualised === undefined ? {} : { annualised }),
  };
}

/** The plain quantity of a result, without the extras of a multiple or a rank. */
function baseFields(r: IndicatorOk) {
  const { value, unit, scale, periods, partial, estimate, inputs, coverage, annualised } = r;
  return {
    value,
    unit,
    scale,
    periods,
    partial,
    estimate,
    inputs,
    ...(coverage === undefined ? {} : { coverage }),
    ...(annualised === undefined ? {} : { annualised }),
  };
}

/** `b`'s value expressed in `a`'s scale (units already checked equal). */
function inScaleOf(a: IndicatorOk, b: IndicatorOk): number {
  return rescaleValue(b.value, b.scale, a.scale);
}

const PERCENT = { unit: DERIVED_UNITS.percent, scale: "one" as Scale };

// ---------------------------------------------------------------------------
// Changes over time

/**
 * Absolute change `to - from`, in `to`'s unit and scale. The change of a
 * percent series is in percentage points.
 *
 * @example change(total1998, total2004) // 4.9 US$ billion
 */
export function change(from: IndicatorResult, to: IndicatorResult): IndicatorResult {
  requireSameUnit("change", [from, to]);
  const unit =
    (to.unit ?? from.unit) === DERIVED_UNITS.percent
      ? DERIVED_UNITS.percentagePoints
      : (to.unit ?? from.unit ?? "");
  const scale = to.scale ?? from.scale ?? "one";
  const gap = firstNa([from, to]);
  if (gap) return { ...gap, unit, scale };
  const [a, b] = [from as IndicatorOk, to as IndicatorOk];
  const mismatch = likeForLike("change", a, b, { unit, scale });
  if (mismatch) return mismatch;
  return ok({ value: b.value - inScaleOf(b, a), unit, scale, ...okFields([a, b]) }, "change");
}

/**
 * Growth from `from` to `to` in percent: (to / from - 1) x 100. Year on year
 * when the periods are a year apart. A zero base is `zero-denominator`, a
 * negative one `non-positive-base` (growth from a deficit means nothing).
 *
 * @example growth(total2003, total2004) // 49.15...% (8.8 / 5.9 - 1)
 */
export function growth(from: IndicatorResult, to: IndicatorResult): IndicatorResult {
  requireQuantity("growth", [from, to]);
  return ratioOverTime("growth", from, to, PERCENT, (a, b) => (b / a - 1) * 100);
}

/**
 * Compound annual growth rate in percent between two periods:
 * ((to / from)^(1 / years) - 1) x 100, `years` from the period labels unless
 * given. Over one year it equals `growth`.
 *
 * @example cagr(total1998, total2004) // 14.5...% ((8.8 / 3.9)^(1/6) - 1)
 */
export function cagr(from: IndicatorResult, to: IndicatorResult, years?: number): IndicatorResult {
  requireQuantity("cagr", [from, to]);
  let span = years;
  if (span === undefined && from.status === "ok" && to.status === "ok") {
    const sa = spanOf("cagr", from);
    const sb = spanOf("cagr", to);
    if (sa !== undefined && sb !== undefined) span = sb.start - sa.start;
  }
  if (span !== undefined && !(span > 0)) {
    throw new IndicatorError("bad-argument", {
      operation: "cagr",
      argument: "years",
      expected: "an end period after the start period",
      found: `${from.periods.join(", ")} to ${to.periods.join(", ")}`,
    });
  }
  if (span === undefined && from.status === "ok" && to.status === "ok") {
    throw new IndicatorError("bad-argument", {
      operation: "cagr",
      argument: "years",
      expected: "inputs with period labels, or years",
      found: "no periods",
    });
  }
  const y = span ?? 1;
  return ratioOverTime("cagr", from, to, PERCENT, (a, b) => ((b / a) ** (1 / y) - 1) * 100);
}

/**
 * How many times `to` is `from`, with a verbal band for prose.
 *
 * @example multiple(total1998, total2004) // 2.256..., band "more than doubled"
 */
export function multiple(from: IndicatorResult, to: IndicatorResult): IndicatorResult {
  const r = ratioOverTime(
    "multiple",
    from,
    to,
    { unit: DERIVED_UNITS.multiple, scale: "one" },
    (a, b) => b / a,
  );
  return r.status === "ok" ? { ...r, band: multipleBand(r.value) } : r;
}

/**
 * Index number: `at` relative to `base`, base = 100.
 *
 * @example indexNumber(total1998, total2004) // 225.6
 */
export function indexNumber(base: IndicatorResult, at: IndicatorResult): IndicatorResult {
  return ratioOverTime(
    "index",
    base,
    at,
    { unit: DERIVED_UNITS.index, scale: "one" },
    (a, b) => (b / a) * 100,
  );
}

/** Shared body of growth, CAGR, multiple and index: a ratio of like periods. */
function ratioOverTime(
  operation: string,
  from: IndicatorResult,
  to: IndicatorResult,
  out: { unit: string; scale: Scale },
  compute: (from: number, to: number) => number,
): IndicatorResult {
  requireSameUnit(operation, [from, to]);
  const gap = firstNa([from, to]);
  if (gap) return { ...gap, ...out };
  const [a, b] = [from as IndicatorOk, to as IndicatorOk];
  const mismatch = likeForLike(operation, a, b, out);
  if (mismatch) return mismatch;
  const base = a.value;
  const context = { ...out, periods: periodsOf([a, b]), inputs: inputsOf([a, b]) };
  if (base === 0) {
    return na("zero-denominator", { operation, denominator: a.periods[0] ?? "base" }, context);
  }
  if (base < 0 || b.value < 0) {
    return na("non-positive-base", { operation, value: base < 0 ? base : b.value }, context);
  }
  return ok({ value: compute(base, inScaleOf(a, b)), ...out, ...okFields([a, b]) }, operation);
}

/**
 * The verbal band of a ratio. "About" means within 2.5% of the round figure,
 * so 2.256 "more than doubled" while 1.98 "doubled".
 */
export function multipleBand(ratio: number): MultipleBand {
  const near = (n: number) => Math.abs(ratio - n) <= n * 0.025;
  const band = (code: MultipleBandCode, fold?: number): MultipleBand =>
    fold === undefined
      ? { code, text: bandText(code) }
      : { code, text: bandText(code, fold), fold };
  if (near(0.5)) return band("halved");
  if (ratio < 0.5) return band("fell-by-more-than-half");
  if (near(1)) return band("unchanged");
  if (ratio < 1) return band("fell");
  if (near(2)) return band("doubled");
  if (near(3)) return band("tripled");
  if (ratio < 1.5) return band("rose");
  if (ratio < 2) return band("rose-by-more-than-half");
  if (ratio < 3) return band("more-than-doubled");
  if (ratio < 3.9) return band("more-than-tripled");
  const n = Math.round(ratio);
  if (near(n)) return band("n-fold", n);
  return band("more-than-n-fold", Math.floor(ratio));
}

// ---------------------------------------------------------------------------
// Structure within a period

/**
 * `part` as a percent of `total` (same unit; scales reconciled; same period).
 *
 * @example share(exports2004, total2004) // 64.77...% (5.7 / 8.8)
 */
export function share(part: IndicatorResult, total: IndicatorResult): IndicatorResult {
  return ratioWithinPeriod("share", part, total, (p, t) => (p / t) * 100, "total");
}

/**
 * Coverage ratio: exports as a percent of imports (above 100 = surplus).
 *
 * @example coverage(exports2004, imports2004) // 183.87...% (5.7 / 3.1)
 */
export function coverage(exports: IndicatorResult, imports: IndicatorResult): IndicatorResult {
  return ratioWithinPeriod("coverage", exports, imports, (e, i) => (e / i) * 100, "imports");
}

function ratioWithinPeriod(
  operation: string,
  numerator: IndicatorResult,
  denominator: IndicatorResult,
  compute: (n: number, d: number) => number,
  denominatorName: string,
): IndicatorResult {
  requireSameUnit(operation, [numerator, denominator]);
  const gap = firstNa([numerator, denominator]);
  if (gap) return { ...gap, ...PERCENT };
  const [n, d] = [numerator as IndicatorOk, denominator as IndicatorOk];
  const mismatch = samePeriod(operation, [n, d], PERCENT);
  if (mismatch) return mismatch;
  if (d.value === 0) {
    return na(
      "zero-denominator",
      { operation, denominator: denominatorName },
      { ...PERCENT, periods: periodsOf([n, d]), inputs: inputsOf([n, d]) },
    );
  }
  return ok(
    { value: compute(inScaleOf(d, n), d.value), ...PERCENT, ...okFields([n, d]) },
    operation,
  );
}

/**
 * Trade balance: exports - imports, in the exports' unit and scale.
 *
 * @example balance(exports2004, imports2004) // 2.6 US$ billion
 */
export function balance(exports: IndicatorResult, imports: IndicatorResult): IndicatorResult {
  requireSameUnit("balance", [exports, imports]);
  const unit = exports.unit ?? imports.unit ?? "";
  const scale = exports.scale ?? imports.scale ?? "one";
  const gap = firstNa([exports, imports]);
  if (gap) return { ...gap, unit, scale };
  const [e, i] = [exports as IndicatorOk, imports as IndicatorOk];
  const mismatch = samePeriod("balance", [e, i], { unit, scale });
  if (mismatch) return mismatch;
  return ok({ value: e.value - inScaleOf(e, i), unit, scale, ...okFields([e, i]) }, "balance");
}

/**
 * Sum across series (same unit; the first item's scale). Periods may differ
 * (a cumulative total); the result lists them all.
 *
 * @example sum([sakhalinExports2003, sakhalinImports2003]) // 438.1 US$ million
 */
export function sum(items: readonly IndicatorResult[]): IndicatorResult {
  const [first] = items;
  if (first === undefined) {
    throw new IndicatorError("bad-argument", {
      operation: "sum",
      argument: "items",
      expected: "at least one item",
      found: "none",
    });
  }
  requireSameUnit("sum", items);
  const unit = first.unit ?? "";
  const scale = first.scale ?? "one";
  const gap = firstNa(items);
  if (gap) return { ...gap, unit, scale };
  const oks = items as readonly IndicatorOk[];
  const head = oks[0] as IndicatorOk;
  const total = oks.reduce((acc, r) => acc + inScaleOf(head, r), 0);
  return ok({ value: total, unit, scale, ...okFields(oks) }, "sum");
}

/** An item to rank. */
export interface RankItem {
  label: string;
  result: IndicatorResult;
}

/**
 * The rank of `of` among `items` (1 = largest unless `order` is "asc"). Items
 * that are not available are left out of the ranking; ties share a rank.
 * The whole ranking is returned in `ranking`.
 *
 * @example rank(regions2003, "Sakhalinskaya Oblast") // 1 (438.1 of US$ million)
 */
export function rank(
  items: readonly RankItem[],
  of: string,
  order: "desc" | "asc" = "desc",
): IndicatorResult {
  const target = items.find((i) => i.label === of);
  if (target === undefined) {
    throw new IndicatorError("bad-argument", {
      operation: "rank",
      argument: "of",
      expected: `one of ${items.map((i) => i.label).join(", ")}`,
      found: of,
    });
  }
  requireSameUnit(
    "rank",
    items.map((i) => i.result),
  );
  const out = { unit: DERIVED_UNITS.rank, scale: "one" as Scale };
  if (target.result.status === "na") return { ...target.result, ...out };
  const available = items.filter(
    (i): i is { label: string; result: IndicatorOk } => i.result.status === "ok",
  );
  const mismatch = samePeriod(
    "rank",
    available.map((i) => i.result),
    out,
  );
  if (mismatch) return mismatch;
  const head = target.result;
  const scored = available.map((i) => ({ label: i.label, value: inScaleOf(head, i.result) }));
  scored.sort((x, y) => (order === "desc" ? y.value - x.value : x.value - y.value));
  const ranking: RankEntry[] = [];
  scored.forEach((s, k) => {
    const prev = ranking[k - 1];
    ranking.push({ ...s, rank: prev && prev.value === s.value ? prev.rank : k + 1 });
  });
  const mine = ranking.find((r) => r.label === of) as RankEntry;
  return ok(
    { value: mine.rank, ...out, ...okFields(available.map((i) => i.result)), ranking },
    "rank",
  );
}

// ---------------------------------------------------------------------------
// Periods: annualisation and rolling means

/**
 * Scales a part-year flow to a full year by a named `method`, flags it an
 * estimate and records the method, so the brief can say how (there is no
 * default: doubling a half year is a judgement the template makes). The
 * result's period is the year. A full year is returned unchanged. Only
 * meaningful for flows (trade), not stocks or rates.
 *
 * - `scale-by-months`: x 12 / the months the period covers (H1 x 2, Q1 x 4);
 * - `double-half-year`: a half year x 2; any other part year is an error.
 *
 * @example annualise(total2005H1, "double-half-year") // 7.6 US$ billion, period 2005, estimate
 */
export function annualise(input: IndicatorResult, method: AnnualiseMethod): IndicatorResult {
  if (input.status === "na") return input;
  const span = spanOf("annualise", input);
  if (span === undefined || span.length === 0) {
    throw new IndicatorError("bad-argument", {
      operation: "annualise",
      argument: "period",
      expected: "a period with a length (a year, half, quarter or month)",
      found: input.periods.join(", ") || "none",
    });
  }
  if (span.length === 1) return input;
  if (method === "double-half-year" && span.length !== 0.5) {
    throw new IndicatorError("bad-argument", {
      operation: "annualise",
      argument: "method",
      expected:
        "scale-by-months for a period that is not a half year (double-half-year doubles halves only)",
      found: `double-half-year for ${span.label}`,
    });
  }
  const factor = annualFactor(method, span.length);
  return ok(
    {
      ...baseFields(input),
      value: input.value * factor,
      periods: [String(span.year)],
      partial: false,
      estimate: true,
      annualised: { method, from: span.label, factor },
    },
    "annualise",
  );
}

/** The factor of a method for a period `length` years long (checked above for double-half-year). */
function annualFactor(method: AnnualiseMethod, length: number): number {
  switch (method) {
    case "scale-by-months":
      return 12 / Math.round(length * 12);
    case "double-half-year":
      return 2;
  }
}

/**
 * Mean of the `window` consecutive full periods of `series` ending at `end`
 * (default `latest`). Any missing value in the window is `na`.
 *
 * @example rollingMean(total, 3, 2004) // 6.3 ((4.2 + 5.9 + 8.8) / 3)
 */
export function rollingMean(
  series: SeriesData,
  window: number,
  end: PeriodRef | string | number = "latest",
): IndicatorResult {
  if (!Number.isInteger(window) || window < 1) {
    throw new IndicatorError("bad-argument", {
      operation: "rolling-mean",
      argument: "window",
      expected: "a whole number >= 1",
      found: String(window),
    });
  }
  const ref = toPeriodRef("rolling-mean", end);
  const last = valueAt(series, ref);
  if (last.status === "na" && last.code !== "null-input") return last;
  const endLabel = last.periods[0] as string;
  const full = series.points.filter((p) => !(p.partial ?? false) || p.period === endLabel);
  const at = full.findIndex((p) => p.period === endLabel);
  const startIndex = at - window + 1;
  const context = { unit: series.unit, scale: series.scale };
  if (startIndex < 0) {
    return na(
      "missing-period",
      {
        what: series.name,
        period: `${window} periods to ${periodRefText(ref)}`,
        available: full.map((p) => p.period),
      },
      context,
    );
  }
  // Each period's value as valueAt gives it, without a scan of the series per period.
  const firstByLabel = new Map<string, SeriesPoint>();
  for (const p of series.points) if (!firstByLabel.has(p.period)) firstByLabel.set(p.period, p);
  const values = full.slice(startIndex, at + 1).map((p) => {
    const point = firstByLabel.get(p.period);
    return pointResult(series, p.period, point?.partial ?? false, point);
  });
  const gap = firstNa(values);
  if (gap) return { ...gap, ...context };
  const oks = values as IndicatorOk[];
  const mean = oks.reduce((acc, r) => acc + r.value, 0) / window;
  return ok({ value: mean, ...context, ...okFields(oks) }, "rolling-mean");
}

// ---------------------------------------------------------------------------
// Units

/**
 * Converts to another unit and/or scale with explicit factors (see
 * `ConversionFactors`; defaults 7.33 barrels a tonne, 365 days a year). The
 * factors used are recorded on the result so the brief can state them.
 *
 * @example
 *   convert(capacity105Mt, { unit: "barrels-per-day", scale: "million" })
 *   // 2.1086 million barrels a day (105e6 t x 7.33 / 365)
 */
export function convert(
  input: IndicatorResult,
  to: { unit: string; scale: Scale },
  factors: Partial<ConversionFactors> = {},
): IndicatorResult {
  const all: ConversionFactors = { ...DEFAULT_CONVERSION_FACTORS, ...factors };
  for (const name of ["barrelsPerTonne", "daysPerYear"] as const) {
    if (!(all[name] > 0) || !Number.isFinite(all[name])) {
      throw new IndicatorError("bad-argument", {
        operation: "convert",
        argument: name,
        expected: "a positive number",
        found: String(all[name]),
      });
    }
  }
  if (input.status === "na") {
    // Check the units anyway: an impossible conversion is a definition error.
    if (input.unit !== undefined) convertValue(1, input.unit, "one", to.unit, to.scale, all);
    return { ...input, unit: to.unit, scale: to.scale };
  }
  const conversion = convertValue(input.value, input.unit, input.scale, to.unit, to.scale, all);
  const result = ok(
    { ...baseFields(input), value: conversion.value, unit: to.unit, scale: to.scale },
    "convert",
  );
  if (result.status === "ok" && conversion.factorsUsed.length > 0) {
    result.factors = Object.fromEntries(conversion.factorsUsed.map((f) => [f, all[f]]));
  }
  return result;
}
