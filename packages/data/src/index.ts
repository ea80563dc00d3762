/**
 * @briefkit/data — the typed data core: dataset.yaml schema, CSV/JSON/YAML/XLSX
 * loaders with positions, validation that collects every problem, typed
 * access to series and facts, the editions of a topic and the diff between
 * two of them. The dataset format is specified in FORMAT.md.
 */
export { DataAccessError } from "./dataset.js";
export {
  type CellChange,
  type CellChangeKind,
  type DatasetDiff,
  type DiffValue,
  diffDatasets,
  type FactChange,
  type FactField,
  type FactState,
  type TableDiff,
  type TablePropertyChange,
} from "./diff.js";
export { type Edition, type EditionList, listEditions } from "./editions.js";
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
  ColumnDeclaration,
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
  TableDeclaration,
  TextCell,
} from "./model.js";
export { nearestName } from "./nearest.js";
export { comparePeriods, type Period, type PeriodKind, parsePeriod } from "./period.js";
export {
  type LocatedSchemaProblem,
  type Locator,
  type ParsedYaml,
  type ParseYamlOptions,
  parseYaml,
  validateYaml,
  type YamlPath,
  type YamlProblem,
  type YamlResult,
  type YamlValidation,
} from "./positioned-yaml.js";
export {
  type Column,
  type ColumnType,
  type DatasetManifest,
  datasetJsonSchema,
  datasetManifestSchema,
  type FactSpec,
  type Frequency,
  fileJsonSchema,
  type Qualifier,
  type Scale,
  type SourceSpec,
  type TableSpec,
  type TotalSpec,
} from "./schema.js";
export { explainSchemaIssues, type SchemaPath, type SchemaProblem } from "./schema-issues.js";
