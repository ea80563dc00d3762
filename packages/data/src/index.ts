/**
 * @briefkit/data — the typed data core: dataset.yaml schema, CSV/JSON/YAML
 * loaders with positions, validation that collects every problem, and typed
 * access to series and facts. The dataset format is specified in FORMAT.md.
 */
export { DataAccessError } from "./dataset.js";
export {
  formatIssue,
  type Issue,
  type IssueCode,
  issueCodes,
  type Position,
  type Severity,
} from "./issues.js";
export { type LoadOptions, type LoadResult, loadDataset } from "./load.js";
export type {
  Cell,
  Dataset,
  DatasetMeta,
  Fact,
  NumberCell,
  PeriodCell,
  Row,
  Series,
  SeriesFilter,
  SeriesPoint,
  Source,
  Table,
  TextCell,
} from "./model.js";
export { comparePeriods, type Period, type PeriodKind, parsePeriod } from "./period.js";
export {
  type Column,
  type ColumnType,
  type DatasetManifest,
  datasetManifestSchema,
  type FactSpec,
  type Frequency,
  type Qualifier,
  type Scale,
  type SourceSpec,
  type TableSpec,
  type TotalSpec,
} from "./schema.js";
