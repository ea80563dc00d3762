/**
 * The message catalog: every sentence this package shows a person.
 *
 * Code decides *what* went wrong (a stable `code`); these small functions
 * decide how to say it, so wording changes in one place and tests assert
 * codes, not copied strings. Messages name what was expected and what was
 * found.
 */
import { nearestName } from "@briefkit/data";
import type { IndicatorErrorCode, IndicatorErrorDetails } from "./errors.js";
import type { MultipleBandCode, NaCode, NaDetails } from "./result.js";

const list = (items: readonly string[], max = 12): string =>
  items.length === 0
    ? "none"
    : items.length > max
      ? `${items.slice(0, max).join(", ")}, … (${items.length} in all)`
      : items.join(", ");

/** "did you mean "x"?" when a known name is near, else what there is. */
const nearestOr = (name: string, known: readonly string[], what: string, max = 12): string => {
  const guess = nearestName(name, known);
  return guess === undefined ? `${what} ${list(known, max)}` : `did you mean "${guess}"?`;
};

// ---------------------------------------------------------------------------
// Errors thrown by the pure functions

const ERROR_MESSAGES: {
  [C in IndicatorErrorCode]: (d: IndicatorErrorDetails[C]) => string;
} = {
  "unit-mismatch": (d) => `${d.operation} cannot combine different units: ${d.units.join(" and ")}`,
  "no-conversion": (d) =>
    `no conversion from ${d.from} to ${d.to}; convertible units: ${list(d.known)}`,
  "bad-argument": (d) =>
    `${d.operation}: ${d.argument} must be ${d.expected}, found ${d.found || "nothing"}`,
};

/** Text of an `IndicatorError`. */
export function errorMessage<C extends IndicatorErrorCode>(
  code: C,
  details: IndicatorErrorDetails[C],
): string {
  return (ERROR_MESSAGES[code] as (d: IndicatorErrorDetails[C]) => string)(details);
}

// ---------------------------------------------------------------------------
// Reasons for "not available"

const NA_REASONS: { [C in NaCode]: (d: NaDetails[C]) => string } = {
  "missing-period": (d) => `${d.what} has no period ${d.period}; it has ${list(d.available)}`,
  "null-input": (d) =>
    `${d.what} has no value for ${d.period || "this period"} (missing in the data)`,
  "zero-denominator": (d) => `${d.operation} divides by zero (${d.denominator} is 0)`,
  "partial-period": (d) =>
    `${d.operation} needs like-for-like periods, found ${d.periods.join(" and ")} (a part year is not a full year; annualise it first)`,
  "non-positive-base": (d) =>
    `${d.operation} is not meaningful from a zero or negative value (${d.value})`,
  "period-mismatch": (d) =>
    `${d.operation} needs its inputs in one period, found ${d.periods.join(", ")}`,
  "not-finite": (d) => `${d.operation} has no finite result`,
  "range-fact": (d) => `fact ${d.fact} is a range; choose pick: low, high or mid`,
  "no-periods": (d) =>
    d.partial ? `${d.what} has no partial period` : `${d.what} has no full period to count from`,
  "input-not-available": (d) => `input ${d.input} is not available: ${d.reason}`,
  "invalid-definition": (d) => `indicator ${d.id} has errors in its definition`,
};

/** Text of a `{ status: "na" }` reason. */
export function naReason<C extends NaCode>(code: C, details: NaDetails[C]): string {
  return (NA_REASONS[code] as (d: NaDetails[C]) => string)(details);
}

// ---------------------------------------------------------------------------
// Verbal bands of a multiple

const BANDS: Record<MultipleBandCode, (fold: number) => string> = {
  "fell-by-more-than-half": () => "fell by more than half",
  halved: () => "halved",
  fell: () => "fell",
  unchanged: () => "was about unchanged",
  rose: () => "rose",
  "rose-by-more-than-half": () => "rose by more than half",
  doubled: () => "doubled",
  "more-than-doubled": () => "more than doubled",
  tripled: () => "tripled",
  "more-than-tripled": () => "more than tripled",
  "n-fold": (n) => `rose ${n}-fold`,
  "more-than-n-fold": (n) => `rose more than ${n}-fold`,
};

/** A verb phrase for a band: "more than doubled", "rose 5-fold". */
export function bandText(code: MultipleBandCode, fold = 0): string {
  return BANDS[code](fold);
}

// ---------------------------------------------------------------------------
// Issues raised while loading and evaluating definitions

export const issueText = {
  yamlSyntax: (reason: string) => `YAML syntax error: ${reason}`,
  notAList: (found: string) =>
    `expected a mapping with an "indicators" list of definitions, found ${found}`,
  schema: (id: string | undefined, message: string) => `${id ? `indicator ${id}: ` : ""}${message}`,
  duplicateId: (id: string, line: number) =>
    `indicator ${id} is defined twice (first on line ${line})`,
  unknownTable: (id: string, table: string, known: readonly string[]) =>
    `indicator ${id}: unknown table "${table}"; ${nearestOr(table, known, "the dataset has")}`,
  unknownSeries: (id: string, table: string, detail: string) =>
    `indicator ${id}: no such series in table ${table}: ${detail}`,
  unknownColumn: (id: string, table: string, column: string, known: readonly string[]) =>
    `indicator ${id}: table ${table} has no column "${column}"; ${nearestOr(column, known, "it has")}`,
  unknownFact: (id: string, fact: string, known: readonly string[]) =>
    `indicator ${id}: unknown fact "${fact}"; ${nearestOr(fact, known, "the dataset has", 8)}`,
  unknownIndicator: (id: string, ref: string) =>
    `indicator ${id}: depends on unknown indicator "${ref}"`,
  badPeriod: (id: string, found: string) =>
    `indicator ${id}: "${found}" is not a period; expected latest, latest-N, first, first+N, latest-partial, a year (1998) or a period token (2005-H1)`,
  cycle: (path: readonly string[]) =>
    `indicators depend on each other in a cycle: ${path.join(" → ")}`,
  definitionError: (id: string, message: string) => `indicator ${id}: ${message}`,
  unitMismatchDeclared: (id: string, declared: string, computed: string) =>
    `indicator ${id}: declared unit ${declared}, but ${computed} is what the function gives`,
  notANumberColumn: (id: string, table: string, measure: string, numbers: readonly string[]) =>
    `indicator ${id}: table ${table} has no number column "${measure}"; ${nearestOr(measure, numbers, "it has")}`,
  dataAccess: (id: string, detail: string) => `indicator ${id}: ${detail}`,
  noSuchValue: (
    id: string,
    table: string,
    column: string,
    value: string,
    values: readonly string[],
  ) =>
    `indicator ${id}: column ${column} of table ${table} has no value "${value}"; it has ${list(values)}`,
  endMustBePeriod: (id: string, end: string) =>
    `indicator ${id}: ${end} must be a period (latest, 1998...) when input is given`,
  endsMustBeInputs: (id: string) =>
    `indicator ${id}: without input, from and to must both be inputs ({ table, measure }, { fact } or { indicator })`,
  needsFrom: (id: string, fn: string) => `indicator ${id}: ${fn} needs from: a start period`,
  noPreviousYear: (id: string, period: string) =>
    `indicator ${id}: ${period} has no "one year before"; give from: explicitly`,
  oneMeasure: (id: string, fn: string) => `indicator ${id}: ${fn} takes one measure, not a list`,
  rejectedInput: (ref: string) => `indicator ${ref} has errors in its definition`,
  coverageDiffers: (id: string, differences: readonly string[]) =>
    `indicator ${id} compares totals that do not cover the same parts: ${differences.join("; ")}`,
  likeForLikeNeedsTable: (id: string) =>
    `indicator ${id}: coverage: like-for-like recomputes totals from their parts, so the values compared must be read from the table here ({ table, measure, where }), not taken from another indicator or a fact`,
} as const;

/** Hints that follow some issues. */
export const hintText = {
  cycle: () => "break the cycle: an indicator cannot depend on itself, directly or through others",
  period: () => "relative periods count full periods only; use latest-partial for 2005-H1",
  convert: () => "use function: convert with a target unit",
  coverage: () =>
    "choose coverage: like-for-like (only the parts present in every period compared) or coverage: as-published (the published totals; the appendix states what each covers)",
} as const;
