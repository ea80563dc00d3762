/**
 * Indicator results: a value with its unit, periods and provenance, or a typed
 * "not available" with its reason.
 *
 * This module is the package's numeric boundary: every `ok` result is built by
 * `ok()`, which refuses NaN and Infinity (they become `na` with code
 * `not-finite`) and normalises -0 to 0, so no caller ever formats "NaN" or
 * "-0". Results are plain JSON-serialisable data.
 */
import { naReason } from "./messages.js";
import type { ConversionFactors, Scale } from "./units.js";

/** Where one input number came from: a dataset series point or a fact. */
export type Provenance =
  | {
      kind: "series";
      dataset: string;
      edition: string;
      table: string;
      measure: string;
      /** Filter on dimension columns, e.g. `{ region: "Total" }`. */
      where?: Readonly<Record<string, string>>;
      period: string;
      /** Source id from the dataset's `sources`. */
      source: string;
      value: number | null;
      unit: string;
      scale: Scale;
    }
  | {
      kind: "fact";
      dataset: string;
      edition: string;
      fact: string;
      period: string;
      source: string;
      value: number | null;
      unit: string;
      scale: Scale;
    };

/** A cell of a total's part that holds no figure ("—"), and where it is. */
export interface MissingCell {
  /** The part, a value of the total's dimension: "Yakutia". */
  part: string;
  measure: string;
  period: string;
  /** The table file, as `EvaluateOptions.showPath` shows it. */
  file: string;
  line: number;
  column: number;
  /** The cell as written ("—"). */
  raw: string;
}

/**
 * Which parts a declared total (`totals: kind: rows` in dataset.yaml) covers
 * in one period: a figure read from the total row, or from the parts summed
 * like for like. One per table, measure list and period a figure reads.
 */
export interface TotalCoverage {
  table: string;
  /** The table file, as `EvaluateOptions.showPath` shows it. */
  file: string;
  /** The dimension column that names the parts: "region". */
  dimension: string;
  /** The total row's value: "Total". */
  total: string;
  /** The part measures behind the total read (trade = exports + imports). */
  measures: readonly string[];
  period: string;
  /** Parts the figure includes. */
  parts: readonly string[];
  /** Cells of parts left out because they hold no figure ("—"). */
  missing: readonly MissingCell[];
  /** Parts the table has in other periods, with no row in this one. */
  absent: readonly string[];
  /** Parts with figures in this period that a like-for-like figure leaves out. */
  leftOut: readonly string[];
}

/**
 * How a figure that compares totals treats their coverage: the published
 * totals (whatever they cover) or only the parts present in every period
 * compared. Chosen in the definition (`coverage:`), never by default.
 */
export type CoverageBasis = "as-published" | "like-for-like";

/** Named ways of scaling a part-year flow to a year (`annualise`'s `method`). */
export type AnnualiseMethod = "scale-by-months" | "double-half-year";

/** How a figure annualised a part year: stated in the brief's appendix. */
export interface Annualised {
  method: AnnualiseMethod;
  /** The part-year period read: "2005-H1". */
  from: string;
  /** The factor applied: 2 for a half year. */
  factor: number;
}

/** The verbal reading of a multiple, e.g. 2.26 -> "more than doubled". */
export interface MultipleBand {
  code: MultipleBandCode;
  /** A verb phrase for prose: "more than doubled", "rose 5-fold". */
  text: string;
  /** For the `n-fold` bands: n. */
  fold?: number;
}

export type MultipleBandCode =
  | "fell-by-more-than-half"
  | "halved"
  | "fell"
  | "unchanged"
  | "rose"
  | "rose-by-more-than-half"
  | "doubled"
  | "more-than-doubled"
  | "tripled"
  | "more-than-tripled"
  | "n-fold"
  | "more-than-n-fold";

/** One row of a ranking, best first. */
export interface RankEntry {
  label: string;
  value: number;
  /** Competition ranking: ties share a rank (1, 2, 2, 4). */
  rank: number;
}

/** An available result. */
export interface IndicatorOk {
  status: "ok";
  /** Always finite. Percent units hold percent (49.2 means 49.2%). */
  value: number;
  unit: string;
  scale: Scale;
  /** Period labels the value refers to: one for a level, [from, to] for a change. */
  periods: readonly string[];
  /** True when the value covers part of a year only (2005-H1 in an annual table). */
  partial: boolean;
  /** True when the value is an estimate (an annualised half year, or built on one). */
  estimate: boolean;
  /** Every dataset number the value was computed from, in order. */
  inputs: readonly Provenance[];
  /** Conversion factors used (unit conversion only). */
  factors?: Partial<ConversionFactors>;
  /** Multiples only: the verbal band. */
  band?: MultipleBand;
  /** Figures built on a declared total: which parts it covers in each period read. */
  coverage?: readonly TotalCoverage[];
  /** Set when the definition compared totals and chose how (`coverage:`). */
  coverageBasis?: CoverageBasis;
  /** Set when the figure is, or is built on, an annualised part year. */
  annualised?: Annualised;
  /** Ranks only: the whole ranking, best first. */
  ranking?: readonly RankEntry[];
}

/** Why a result is not available. */
export interface NaDetails {
  /** The period asked for is not in the series. */
  "missing-period": { what: string; period: string; available: readonly string[] };
  /** The data holds a missing value (`—`, empty) at that period. */
  "null-input": { what: string; period: string };
  /** A division whose denominator is zero. */
  "zero-denominator": { operation: string; denominator: string };
  /** A part-year period used where a full year (or a like-for-like period) is needed. */
  "partial-period": { operation: string; periods: readonly string[] };
  /** Growth, CAGR or a multiple from a zero or negative base. */
  "non-positive-base": { operation: string; value: number };
  /** Inputs refer to different periods where one is needed (share of 2003 in 2004). */
  "period-mismatch": { operation: string; periods: readonly string[] };
  /** The computation overflowed or was undefined. */
  "not-finite": { operation: string };
  /** A fact given as a range needs `pick: low|high|mid`. */
  "range-fact": { fact: string };
  /** The series has no period that `latest`/`first` could pick. */
  "no-periods": { what: string; partial: boolean };
  /** An indicator this one depends on is not available. */
  "input-not-available": { input: string; reason: string };
  /** The definition itself has errors (see the issues). */
  "invalid-definition": { id: string };
}

export type NaCode = keyof NaDetails;

/** A typed "not available": the brief prints "—" and can footnote `reason`. */
export interface IndicatorNa {
  status: "na";
  code: NaCode;
  /** Human text from the message catalog. */
  reason: string;
  unit?: string;
  scale?: Scale;
  periods: readonly string[];
  inputs: readonly Provenance[];
}

export type IndicatorResult = IndicatorOk | IndicatorNa;

/** Fields of an ok result other than its status. */
export type OkFields = Omit<IndicatorOk, "status">;

/**
 * The only way to make an ok result: refuses non-finite values (they become
 * `na`/`not-finite` naming `operation`) and turns -0 into 0.
 */
export function ok(fields: OkFields, operation: string): IndicatorResult {
  if (!Number.isFinite(fields.value)) {
    return na("not-finite", { operation }, fields);
  }
  return { status: "ok", ...fields, value: fields.value === 0 ? 0 : fields.value };
}

/** Builds a not-available result; `reason` comes from the message catalog. */
export function na<C extends NaCode>(
  code: C,
  details: NaDetails[C],
  context: {
    unit?: string | undefined;
    scale?: Scale | undefined;
    periods?: readonly string[];
    inputs?: readonly Provenance[];
  } = {},
): IndicatorNa {
  const result: IndicatorNa = {
    status: "na",
    code,
    reason: naReason(code, details as never),
    periods: context.periods ?? [],
    inputs: context.inputs ?? [],
  };
  if (context.unit !== undefined) result.unit = context.unit;
  if (context.scale !== undefined) result.scale = context.scale;
  return result;
}

/** Options of {@link quantity}. */
export interface QuantityOptions {
  unit: string;
  /** Default "one". */
  scale?: Scale;
  /** Period label, e.g. "2004" or "2005-H1". */
  period?: string;
  partial?: boolean;
  estimate?: boolean;
  inputs?: readonly Provenance[];
}

/**
 * A result from a plain number, for tests and for callers with their own
 * figures. `null` gives `na`/`null-input`.
 *
 * @example
 *   quantity(8.8, { unit: "USD", scale: "billion", period: "2004" })
 */
export function quantity(value: number | null, options: QuantityOptions): IndicatorResult {
  const periods = options.period === undefined ? [] : [options.period];
  const inputs = options.inputs ?? [];
  const scale = options.scale ?? "one";
  if (value === null) {
    return na(
      "null-input",
      { what: "value", period: options.period ?? "" },
      { unit: options.unit, scale, periods, inputs },
    );
  }
  return ok(
    {
      value,
      unit: options.unit,
      scale,
      periods,
      partial: options.partial ?? false,
      estimate: options.estimate ?? false,
      inputs,
    },
    "quantity",
  );
}

/** Type guard for available results. */
export function isOk(result: IndicatorResult): result is IndicatorOk {
  return result.status === "ok";
}
