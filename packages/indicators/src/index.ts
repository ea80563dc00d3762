/**
 * @briefkit/indicators — the figures a brief states, computed from its data:
 * unit-aware pure functions, declarative definitions (YAML, zod-checked) and
 * number formatting. One public door: every name is listed here.
 */
export { IndicatorError, type IndicatorErrorCode, type IndicatorErrorDetails } from "./errors.js";
export {
  type EvaluatedIndicator,
  type EvaluateOptions,
  type Evaluation,
  evaluateIndicators,
} from "./evaluate.js";
export {
  DEFAULT_LOCALE,
  type DisplayFormat,
  displayedValue,
  type FormatOptions,
  type FormatStyle,
  formatNumber,
  formatResult,
  NOT_AVAILABLE_TEXT,
  type ParsedNumber,
  parseFormatted,
  type ResolvedFormat,
  resolveFormat,
  storedValue,
} from "./format.js";
export {
  annualise,
  balance,
  cagr,
  change,
  convert,
  coverage,
  growth,
  indexNumber,
  multiple,
  multipleBand,
  type RankItem,
  rank,
  rollingMean,
  type SeriesData,
  type SeriesPoint,
  share,
  sum,
  valueAt,
} from "./functions.js";
export {
  INDICATOR_ISSUE_CODES,
  type IndicatorIssue,
  type IndicatorIssueCode,
  type Position,
} from "./issues.js";
export {
  type DefinitionPath,
  type DefinitionSource,
  type LoadedIndicators,
  parseIndicatorYaml,
} from "./load.js";
export {
  type PeriodRef,
  type PeriodSpan,
  parsePeriodLabel,
  parsePeriodRef,
} from "./periods.js";
export {
  type IndicatorNa,
  type IndicatorOk,
  type IndicatorResult,
  isOk,
  type MultipleBand,
  type MultipleBandCode,
  type NaCode,
  type NaDetails,
  type Provenance,
  type QuantityOptions,
  quantity,
  type RankEntry,
} from "./result.js";
export {
  type AcrossRef,
  INDICATOR_FUNCTIONS,
  type IndicatorDefinition,
  type IndicatorFunction,
  type InputRef,
  indicatorDefinitionSchema,
  type PeriodInput,
} from "./schema.js";
export {
  type ConversionFactors,
  convertValue,
  DEFAULT_CONVERSION_FACTORS,
  DERIVED_UNITS,
  SCALES,
  type Scale,
} from "./units.js";
