/**
 * @briefkit/compose — templates + data + indicators → the document model,
 * per audience. The pipeline and its phases are documented at `compose()`
 * (src/compose.ts).
 */

export type { IndicatorChange, IndicatorState } from "./changes.js";
export {
  type ComposeCache,
  type ComposeOptions,
  type ComposeResult,
  compose,
  createComposeCache,
  relativeIssues,
  type TemplateSummary,
  templateAudiences,
  templateDataFit,
  templateIndicators,
  templateParams,
} from "./compose.js";
export {
  type AudienceChanges,
  type ChartChange,
  type DataChanges,
  type DiffEditionsOptions,
  type DiffEditionsResult,
  diffEditions,
  type EditionDiff,
  type EditionRef,
  type TableChange,
} from "./diff.js";
export {
  CALLOUT_KINDS,
  type CalloutKind,
  DIRECTIVES,
  type DirectiveAttribute,
  type DirectiveName,
  type DirectiveSpec,
} from "./directives.js";
export {
  type ChartRowsOptions,
  chartRows,
  defaultFigureRenderer,
  type FigureRenderer,
  type FigureWants,
} from "./figures.js";
export {
  type ArgKind,
  FILTER_TABLE,
  type FilterExample,
  type FilterInfo,
  type FilterKind,
  type PlainInput,
} from "./filters.js";
export type { ComposeIssue, ComposeIssueCode } from "./issues.js";
export type { ParamValues } from "./params.js";
export { type SentenceChange, type TrackOptions, trackChanges } from "./sentences.js";
export { TemplateFile, templateJsonSchema } from "./template-schema.js";
