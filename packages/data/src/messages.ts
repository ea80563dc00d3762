/**
 * The message catalog: every sentence an `Issue` or `DataAccessError`
 * carries is built here, so wording changes in one place and tests can
 * match codes instead of copied strings. Messages say what was expected and
 * what was found; hints say how to fix it.
 */
import type { IssueText } from "./issues.js";
import { nearestName } from "./nearest.js";

/** Renders a found value for a message: strings quoted, long ones cut. */
export function show(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") {
    const cut = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    return JSON.stringify(cut);
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return "a list";
  return "a mapping";
}

const list = (items: readonly string[], max = 12): string => {
  const shown = items.slice(0, max).map((s) => JSON.stringify(s));
  return items.length > max
    ? `${shown.join(", ")}, ... (${items.length} in all)`
    : shown.join(", ");
};

const didYouMean = (guess: string | undefined): string | undefined =>
  guess === undefined ? undefined : `did you mean "${guess}"?`;

// --- dataset.yaml ----------------------------------------------------------

export const manifestNotFound = (dir: string): IssueText => ({
  message: `no dataset.yaml in ${dir}`,
  hint: "a dataset folder holds a dataset.yaml and one file per table (see FORMAT.md)",
});

export const yamlSyntax = (detail: string): IssueText => ({
  message: `invalid YAML: ${detail}`,
  hint: "check the indentation: items of one mapping start in the same column, with spaces, not tabs",
});

export const yamlDuplicateKey = (key: string): IssueText => ({
  message: `duplicate key ${show(key)} in one mapping`,
  hint: "each key may appear once; remove or rename one of them",
});

export const yamlAlias = (
  reason: "limit" | "unresolved" | "cycle",
  name: string,
  limit: number,
): IssueText =>
  reason === "limit"
    ? {
        message: `too many YAML alias expansions (limit ${limit})`,
        hint: "aliases that expand into aliases grow exponentially; write the values out",
      }
    : reason === "unresolved"
      ? {
          message: `YAML alias *${name} with no anchor &${name} before it`,
          hint: `an alias *${name} repeats a value marked &${name} earlier in the file; write the value out`,
        }
      : {
          message: `YAML alias *${name} inside the value &${name} marks: the value would contain itself`,
          hint: "write the values out",
        };

export const yamlTag = (tag: string): IssueText => ({
  message: `YAML tags are not allowed; found ${tag}`,
  hint: "briefkit reads plain values (text, numbers, true/false, lists, mappings) and never runs or includes anything; remove the tag, and quote the value if it should be text",
});

export const nestingTooDeep = (format: "YAML" | "JSON", limit: number): IssueText => ({
  message: `${format} nested more than ${limit} levels deep`,
  hint: "no dataset or template needs this many lists and mappings inside each other",
});

export const schemaMissingKey = (key: string): IssueText => ({
  message: `missing required key ${show(key)}`,
});

export const schemaUnknownKey = (
  key: string,
  guess: string | undefined,
  known: readonly string[] = [],
): IssueText => ({
  message: `unknown key ${show(key)}`,
  hint: didYouMean(guess) ?? (known.length > 0 ? `keys here: ${list(known)}` : undefined),
});

export const schemaBadKey = (key: string, rule: string): IssueText => ({
  message: `key ${show(key)}: ${rule}`,
});

const and = (xs: readonly string[]) =>
  xs.length <= 1 ? (xs[0] ?? "") : `${xs.slice(0, -1).join(", ")} and ${xs.at(-1)}`;

/**
 * A union entry that matched none of its forms, told by the form it
 * evidently meant: "input: a table reference needs table and measure
 * (optional: where, period, label); found unknown key "measures"".
 */
export const schemaBranchKeys = (
  place: string,
  branch: string,
  required: readonly string[],
  optional: readonly string[],
  missing: readonly string[],
  unknown: string | undefined,
  guess: string | undefined,
): IssueText => ({
  message: `${place}: ${branch} needs ${and(required) || "no key"}${optional.length > 0 ? ` (optional: ${optional.join(", ")})` : ""}; ${
    unknown === undefined
      ? `${and(missing)} ${missing.length === 1 ? "is" : "are"} missing`
      : `found unknown key ${show(unknown)}`
  }`,
  hint: didYouMean(guess),
});

export const schemaNoAlternative = (
  place: string,
  forms: readonly string[],
  found: unknown,
): IssueText => ({
  message: `${place}: expected ${forms.join(" or ")}, found ${show(found)}`,
});

export const schemaWrongType = (key: string, expected: string, found: unknown): IssueText => ({
  message: `${key}: expected ${expected}, found ${show(found)}`,
  hint:
    expected === "string" && typeof found === "number"
      ? `quote it: ${key}: "${String(found)}"`
      : undefined,
});

export const schemaNotOneOf = (
  key: string,
  options: readonly string[],
  found: unknown,
  guess: string | undefined,
): IssueText => ({
  message: `${key}: expected one of ${list(options)}, found ${show(found)}`,
  hint: didYouMean(guess),
});

export const schemaFormat = (key: string, format: string, found: unknown): IssueText => {
  const what: Record<string, string> = {
    "kebab-case": "a kebab-case id (lower-case words joined by hyphens)",
    "cell-range": "a cell range such as A3:D11",
    unit: "a unit name without spaces (e.g. USD, percent, Mt, barrels/day)",
    date: "an ISO date YYYY-MM-DD",
    url: "an http(s) URL",
  };
  return {
    message: `${key}: expected ${what[format] ?? format}, found ${show(found)}`,
    hint: format === "date" ? 'quote dates: published: "2005-09-08"' : undefined,
  };
};

export const schemaTooSmall = (key: string, minimum: number, what: string): IssueText => ({
  message:
    what === "array"
      ? `${key}: expected at least ${minimum} item${minimum === 1 ? "" : "s"}`
      : what === "string"
        ? `${key}: expected a non-empty text`
        : `${key}: expected a value of at least ${minimum}`,
});

export const schemaTooBig = (key: string, maximum: number): IssueText => ({
  message: `${key}: expected at most ${maximum}`,
});

export const factValueOrRange = (): IssueText => ({
  message: "a fact needs exactly one of value and range",
  hint: "write value: 82 for a single figure, or range: [2, 3] for a span",
});

export const factRangeOrder = (low: number, high: number): IssueText => ({
  message: `range: expected [low, high], found [${low}, ${high}]`,
});

export const schemaOther = (key: string, detail: string): IssueText => ({
  message: `${key}: ${detail}`,
});

export const duplicateId = (kind: string, id: string, firstLine: number): IssueText => ({
  message: `duplicate ${kind} id ${show(id)} (first declared on line ${firstLine})`,
});

export const unknownSource = (id: string, known: readonly string[]): IssueText => ({
  message: `unknown source ${show(id)}; declared sources: ${list(known)}`,
  hint: "add it under sources: or fix the id",
});

export const unknownColumnRef = (
  role: string,
  name: string,
  known: readonly string[],
): IssueText => ({
  message: `${role} names column ${show(name)}, which is not declared; columns: ${list(known)}`,
  hint: didYouMean(nearestName(name, known)),
});

export const columnNotNumber = (role: string, name: string, type: string): IssueText => ({
  message: `${role}: expected a number column, found ${show(name)} of type ${type}`,
});

export const dimensionIsNumber = (name: string): IssueText => ({
  message: `dimension: expected a non-number column, found number column ${show(name)}`,
});

export const dimensionNotInKey = (name: string, key: readonly string[]): IssueText => ({
  message: `dimension ${show(name)} is not part of the table's key (${list(key)})`,
  hint: "a total row is found by its key; add the dimension to key:",
});

export const duplicateColumn = (name: string): IssueText => ({
  message: `column ${show(name)} is declared twice`,
});

export const twoPeriodColumns = (first: string, second: string): IssueText => ({
  message: `a table has at most one period column; found ${show(first)} and ${show(second)}`,
});

export const optionalPeriod = (column: string): IssueText => ({
  message: `period column ${show(column)} must have a value in every row; found required: false`,
  hint: "remove required: false; a row without a period cannot be placed in a series",
});

export const periodWithPeriodColumn = (column: string): IssueText => ({
  message: `period: the table already has the period column ${show(column)}`,
  hint: "remove period: or the period column",
});

export const unitMismatch = (
  total: string,
  totalUnit: string,
  part: string,
  partUnit: string,
): IssueText => ({
  message: `total ${show(total)} is in ${totalUnit} but its part ${show(part)} is in ${partUnit}`,
  hint: "a total adds numbers of one unit; convert the part or fix its unit",
});

export const scaleMismatch = (
  total: string,
  totalScale: string,
  part: string,
  partScale: string,
): IssueText => ({
  message: `total ${show(total)} is in scale ${totalScale} but its part ${show(part)} is in scale ${partScale}`,
  hint: "a total adds numbers of one scale; restate the part or fix its scale",
});

export const unknownFormat = (file: string): IssueText => ({
  message: `cannot tell the format of ${show(file)}: expected a .csv, .json, .yaml, .yml or .xlsx file`,
  hint: /\.xl(s|sb|sm)$/i.test(file)
    ? "save the workbook as an Excel Workbook (.xlsx)"
    : "rename the file or set format: csv|json|yaml|xlsx",
});

export const delimiterNotCsv = (format: string): IssueText => ({
  message: `delimiter applies to CSV files only; this table is ${format}`,
});

export const notXlsxKey = (key: "sheet" | "range", format: string): IssueText => ({
  message: `${key} applies to XLSX files only; this table is ${format}`,
});

export const rangeOrder = (range: string): IssueText => ({
  message: `range: expected the top-left cell first, found ${show(range)}`,
  hint: "write the range as TopLeft:BottomRight, e.g. A3:D11",
});

export const duplicateHeaderDeclared = (header: string, other: string): IssueText => ({
  message: `header ${show(header)} is also the header of column ${show(other)}`,
  hint: "each column is read from its own header cell",
});

// --- files -----------------------------------------------------------------

export const fileAbsolute = (file: string): IssueText => ({
  message: `file: expected a path relative to the dataset folder, found the absolute path ${show(file)}`,
  hint: "tables must live inside the dataset folder",
});

export const fileOutside = (file: string, viaLink: boolean): IssueText => ({
  message: viaLink
    ? `file: ${show(file)} is a link that leads outside the dataset folder`
    : `file: ${show(file)} lies outside the dataset folder`,
  hint: "copy the file into the dataset folder",
});

export const fileNotFound = (file: string): IssueText => ({
  message: `file: ${show(file)} does not exist`,
  hint: "check the name and its case; paths are relative to the dataset folder",
});

export const fileUnreadable = (file: string, reason: string): IssueText => ({
  message: `file: cannot read ${show(file)}: ${reason}`,
});

export const moreProblems = (count: number): IssueText => ({
  message: `${count.toLocaleString("en-GB")} more problems in this file are not listed here, the first of them at this place`,
  hint: "fix the ones above and run again: a fault repeated on every row is often one fault",
});

export const fileTooLarge = (file: string, size: number, limit: number): IssueText => ({
  message: `file: ${show(file)} is ${size} bytes, over the limit of ${limit} bytes`,
  hint: /\.(ya?ml|json)$/i.test(file)
    ? "save a table this big as CSV (YAML and JSON tables are for small tables), or split it"
    : "split the table into smaller ones (by period or by group); dataset.yaml's limits: { maxFileBytes } may lower the limit, never raise it",
});

export const tooManyRows = (limit: number): IssueText => ({
  message: `the table has more than ${limit} data rows; this is row ${limit + 1}`,
  hint: "split the table into smaller ones (by period or by group); dataset.yaml's limits: { maxRows } may lower the limit, never raise it",
});

export const tooManyCells = (limit: number): IssueText => ({
  message: `the table has more than ${limit} data cells; the limit is passed in this row`,
  hint: "split the table into smaller ones (by period or by group); dataset.yaml's limits: { maxCells } may lower the limit, never raise it",
});

export const notUtf8 = (
  byte: number,
  encoding: "utf-16" | "other",
  asCp1252: string,
): IssueText => ({
  message:
    encoding === "utf-16"
      ? "expected UTF-8, found a UTF-16 byte order mark"
      : `expected UTF-8, found the byte 0x${byte.toString(16).toUpperCase().padStart(2, "0")}`,
  hint:
    encoding === "utf-16"
      ? "save the file as UTF-8"
      : `the file looks like Windows-1252 or Latin-1 (that byte would be ${show(asCp1252)} there); save it as UTF-8`,
});

export const emptyFile = (): IssueText => ({
  message: "expected a header row, found an empty file",
});

// --- spreadsheets ----------------------------------------------------------

export const notAZip = (kind: "ole2" | "text" | "binary" | "empty"): IssueText => ({
  message: `expected an XLSX workbook (a zip archive), found ${
    kind === "ole2"
      ? "an older Excel (.xls) or password-protected workbook"
      : kind === "text"
        ? "a text file"
        : kind === "empty"
          ? "an empty file"
          : "another kind of file"
  }`,
  hint:
    kind === "ole2"
      ? "save it as an Excel Workbook (.xlsx) without a password"
      : kind === "text"
        ? "a CSV file renamed to .xlsx stays CSV: name it .csv"
        : "save the sheet from Excel or LibreOffice as .xlsx",
});

export const damagedZip = (detail: string): IssueText => ({
  message: `expected an XLSX workbook, found a damaged zip archive (${detail})`,
  hint: "save the workbook again from Excel or LibreOffice",
});

export const zipNotWorkbook = (missing: readonly string[]): IssueText => ({
  message: `expected an XLSX workbook, found a zip archive without ${list(missing)}`,
  hint: "it may be another Office file (.docx, .pptx) or a plain zip; save the sheet as .xlsx",
});

export const workbookUnreadable = (detail: string): IssueText => ({
  message: `expected an XLSX workbook, found one that cannot be read: ${detail}`,
  hint: "save the workbook again from Excel or LibreOffice",
});

const mb = (bytes: number) => `${Math.round(bytes / 100_000) / 10} MB`;

export const zipTooLarge = (bytes: number, limits: { maxTotalBytes: number }): IssueText => ({
  message: `the workbook would unpack to ${mb(bytes)}, over the limit of ${mb(limits.maxTotalBytes)}; refused before unpacking (a zip bomb?)`,
  hint: "split the workbook, or remove unused sheets and images",
});

export const zipTooManyEntries = (count: number, limits: { maxEntries: number }): IssueText => ({
  message: `the workbook holds ${count} files, over the limit of ${limits.maxEntries}; refused before unpacking (a zip bomb?)`,
});

export const zipRatio = (
  name: string,
  compressed: number,
  size: number,
  limits: { maxRatio: number },
): IssueText => ({
  message: `${show(name)} would unpack from ${compressed} to ${size} bytes, more than ${limits.maxRatio} times its size; refused before unpacking (a zip bomb?)`,
  hint: "a real workbook compresses far less; save it again from Excel or LibreOffice",
});

export const zipLyingSize = (name: string, size: number): IssueText => ({
  message: `${show(name)} unpacks to more than the ${size} bytes its header declares; refused (a zip bomb?)`,
});

export const sheetNotFound = (
  sheet: string | undefined,
  sheets: readonly string[],
  guess: string | undefined,
): IssueText => ({
  message:
    sheet === undefined
      ? "expected a worksheet, found a workbook without one"
      : sheets.length === 0
        ? `sheet ${show(sheet)} is not in the workbook, which has no worksheets`
        : `sheet ${show(sheet)} is not in the workbook; its sheets: ${list(sheets)}`,
  hint: didYouMean(guess),
});

export const emptySheet = (): IssueText => ({
  message: "expected a header row, found an empty sheet",
  hint: "check sheet: and range: in dataset.yaml",
});

export const mergedHeader = (range: string): IssueText => ({
  message: `header cells ${range} are merged; each column needs a header cell of its own`,
  hint: "unmerge them and write one column name per cell, or set range: below the merged title",
});

export const mergedCells = (range: string): IssueText => ({
  message: `cells ${range} are merged; a merged cell holds one value for several rows or columns`,
  hint: "unmerge them and write the value in each cell",
});

export const formulaNoCache = (formula: string): IssueText => ({
  message: `the cell holds a formula (=${formula.length > 40 ? `${formula.slice(0, 37)}...` : formula}) without a cached value`,
  hint: "open the workbook in Excel or LibreOffice and save it, so the values are calculated and stored; or paste the values",
});

export const formulasCached = (count: number): IssueText => ({
  message:
    count === 1
      ? "1 cell is a formula; its cached value was used"
      : `${count} cells are formulas; their cached values were used`,
  hint: "the values are those Excel last calculated; recalculate and save before importing if the inputs changed",
});

// --- structure -------------------------------------------------------------

export const unclosedQuote = (): IssueText => ({
  message: "a quoted field opens here and is never closed",
  hint: 'close the quote; write a quote inside a quoted field as ""',
});

export const csvSyntax = (parserCode: string): IssueText => ({
  message: `invalid CSV: ${
    parserCode === "CSV_INVALID_CLOSING_QUOTE"
      ? "a quoted field is followed by text before the next delimiter"
      : parserCode === "INVALID_OPENING_QUOTE"
        ? "a quote appears inside an unquoted field"
        : `the parser stopped here (${parserCode})`
  }`,
  hint: 'quote a field that contains quotes, and double the inner quotes: "say ""yes"""',
});

export const wrongDelimiter = (found: string, declared: string): IssueText => ({
  message: `expected fields separated by ${show(declared)}, found one column that contains ${show(found)}`,
  hint: `the file is ${found === ";" ? "semicolon" : found === "\t" ? "tab" : show(found)}-separated; set delimiter: ${JSON.stringify(found)} on the table in dataset.yaml`,
});

export const raggedRow = (expected: number, found: number): IssueText => ({
  message: `expected ${expected} fields as in the header, found ${found}`,
  hint:
    found > expected
      ? "a field may contain an unquoted delimiter (e.g. 1,352.2); quote it or drop the separator"
      : "fill every field; use a missing token such as — for a missing value",
});

export const duplicateHeader = (name: string, firstColumn: number): IssueText => ({
  message: `duplicate column ${show(name)} in the header (first at column ${firstColumn})`,
  hint: "each column appears once; rename or remove one",
});

export const emptyHeader = (): IssueText => ({
  message: "expected a column name, found an empty header cell",
  hint: "name the column (and declare it) or delete it, including a trailing delimiter",
});

export const unknownColumn = (
  name: string,
  declared: readonly string[],
  guess: string | undefined,
): IssueText => ({
  message: `unknown column ${show(name)}; declared columns: ${list(declared)}`,
  hint: didYouMean(guess) ?? "declare it under columns: in dataset.yaml, or remove it",
});

export const missingColumn = (name: string, found: readonly string[]): IssueText => ({
  message: `missing column ${show(name)}; the file has: ${list(found)}`,
  hint: `if the file titles it otherwise, declare the column with header: "<the file's title>" in dataset.yaml`,
});

export const misspeltColumn = (inFile: string, declared: string): IssueText => ({
  message: `the file's column ${show(inFile)} matches no declared column, and dataset.yaml declares ${show(declared)}, which the file lacks`,
  hint: `one of the two is misspelt: make the header and the column's name: (or header:) in dataset.yaml the same`,
});

export const missingKeyInRecords = (name: string, count: number): IssueText => ({
  message:
    count === 1
      ? `missing column ${show(name)} in this record`
      : `missing column ${show(name)} in this record and ${count - 1} more`,
  hint: "write null for a missing value",
});

export const unknownKeyInRecords = (
  name: string,
  count: number,
  declared: readonly string[],
  guess: string | undefined,
): IssueText => ({
  message: `unknown column ${show(name)}${count > 1 ? ` (in ${count} records)` : ""}; declared columns: ${list(declared)}`,
  hint: didYouMean(guess),
});

export const headerOnly = (): IssueText => ({
  message: "expected data rows after the header, found none",
});

export const noRecords = (): IssueText => ({
  message: "expected at least one record, found an empty list",
});

export const jsonSyntax = (detail: string, hint?: string): IssueText => ({
  message: `invalid JSON: ${detail}`,
  hint,
});

export const jsonDuplicateKey = (key: string, firstLine: number): IssueText => ({
  message: `duplicate key ${show(key)} in one object (first on line ${firstLine})`,
  hint: "JSON readers keep only one of them; remove or rename one",
});

export const tableShape = (expected: string, found: string): IssueText => ({
  message: `expected ${expected}, found ${found}`,
  hint: 'a JSON or YAML table is a list of records: [{"year": 1998, "exports": 2.9}, ...]',
});

// --- cells -----------------------------------------------------------------

export const inexactNumber = (
  column: string,
  found: string,
  why: "too-large" | "not-finite" | "inexact",
): IssueText => {
  const shown = found.length > 40 ? `${found.slice(0, 37)}...` : found;
  const held = Number(found.replace(/^\+/, ""));
  return {
    message:
      why === "too-large"
        ? `column ${show(column)}: ${shown} is too large to be held as a number`
        : why === "not-finite"
          ? `column ${show(column)}: expected a finite number, found ${shown}`
          : `column ${show(column)}: ${shown} has more digits than a number holds exactly${
              Number.isFinite(held) ? ` (it would read as ${String(held)})` : ""
            }`,
    hint: `if the column holds codes or identifiers, declare it as text (type: text on the column in dataset.yaml)${
      why === "inexact" ? "; if it is a measure, round it to 15 significant digits" : ""
    }`,
  };
};

export const wrongType = (column: string, expected: string, found: string): IssueText => ({
  message: `column ${show(column)}: expected ${expected}, found ${found}`,
  hint: /^[$€£¥]/.test(found.replace(/^"/, ""))
    ? "drop the currency symbol; the column's unit states it"
    : undefined,
});

export const decimalComma = (column: string, found: string, fixed: string): IssueText => ({
  message: `column ${show(column)}: expected a number, found ${show(found)} (a decimal comma)`,
  hint: `write the decimal with a point: ${fixed}`,
});

export const thousandsSeparator = (column: string, found: string, fixed: string): IssueText => ({
  message: `column ${show(column)}: expected a number, found ${show(found)} (with thousands separators)`,
  hint: `write it without separators: ${fixed}`,
});

export const percentSign = (column: string, found: string, unit: string): IssueText => ({
  message: `column ${show(column)}: expected a number, found ${show(found)} (with a percent sign)`,
  hint:
    unit === "percent"
      ? `write ${found.replace(/\s*%$/, "")}; the column's unit is already percent`
      : `the column's unit is ${unit}; write the number alone, and put percentages in a column with unit: percent`,
});

export const badPeriod = (
  column: string,
  found: string,
  reason: "syntax" | "year-range",
  guess: number | undefined,
): IssueText => ({
  message: `${column === "" ? "period" : `column ${show(column)}`}: expected a period (1998, 2005-H1, 2003-Q2 or 2004-05; years 1800–2100), found ${show(found)}${reason === "year-range" ? " (year out of range)" : ""}`,
  hint: guess === undefined ? undefined : `did you mean ${guess}?`,
});

export const badDate = (column: string, found: string): IssueText => ({
  message: `column ${show(column)}: expected an ISO date YYYY-MM-DD, found ${show(found)}`,
});

export const unknownCategory = (
  column: string,
  found: string,
  values: readonly string[],
  guess: string | undefined,
): IssueText => ({
  message: `column ${show(column)}: expected one of ${list(values)}, found ${show(found)}`,
  hint: didYouMean(guess),
});

export const missingValue = (column: string, token: string): IssueText => ({
  message: `column ${show(column)}: expected a value, found the missing token ${show(token)}`,
  hint: `declare required: false on column "${column}" if values may be missing`,
});

export const outOfRange = (
  column: string,
  value: string,
  min: number | undefined,
  max: number | undefined,
): IssueText => ({
  message: `column ${show(column)}: expected a value ${
    min !== undefined && max !== undefined
      ? `from ${min} to ${max}`
      : min !== undefined
        ? `of at least ${min}`
        : `of at most ${max}`
  }, found ${value}`,
  hint:
    min === 0
      ? "a negative value here is usually a sign error or a balance in the wrong column"
      : undefined,
});

export const duplicateKey = (key: string, firstLine: number): IssueText => ({
  message: `duplicate key ${key}: another row has the same key (line ${firstLine})`,
  hint: "each combination of key columns appears once; remove the repeated row or fix its key",
});

// --- totals ----------------------------------------------------------------

export const totalRounding = (
  what: string,
  total: string,
  sum: string,
  tolerance: number,
): IssueText => ({
  message: `${what}: total ${total} differs from the sum of its parts ${sum} (within tolerance ${tolerance}; rounding)`,
});

export const totalMismatch = (
  what: string,
  total: string,
  sum: string,
  tolerance: number,
): IssueText => ({
  message: `${what}: total ${total} differs from the sum of its parts ${sum} by more than the tolerance ${tolerance}`,
  hint: "check the parts and the total; raise tolerance only for documented rounding",
});

export const totalMissingParts = (
  what: string,
  total: string,
  missing: readonly string[],
  knownSum: string,
): IssueText => ({
  message: `${what}: total ${total} cannot be checked: missing ${list(missing)}; the known parts sum to ${knownSum}`,
});

// --- typed access ----------------------------------------------------------

/** "did you mean "x"?" when a known name is near, else "<what>: a, b, c". */
const nearestOr = (name: string, known: readonly string[], what: string): string => {
  const guess = nearestName(name, known);
  return guess === undefined ? `${what}: ${list(known, 50)}` : `did you mean ${show(guess)}?`;
};

export const unknownTable = (id: string, known: readonly string[]): string =>
  `unknown table ${show(id)}; ${nearestOr(id, known, "tables")}`;

export const unknownFact = (id: string, known: readonly string[]): string =>
  `unknown fact ${show(id)}; ${nearestOr(id, known, "facts")}`;

export const unknownSourceAccess = (id: string, known: readonly string[]): string =>
  `unknown source ${show(id)}; ${nearestOr(id, known, "sources")}`;

export const unknownMeasure = (table: string, measure: string, known: readonly string[]): string =>
  `table ${show(table)} has no number column ${show(measure)}; ${nearestOr(measure, known, "measures")}`;

export const unknownFilterColumn = (
  table: string,
  column: string,
  known: readonly string[],
): string =>
  `table ${show(table)} cannot be filtered by ${show(column)}; ${nearestOr(column, known, "filter columns")}`;

export const unknownFilterValue = (
  table: string,
  column: string,
  value: string,
  known: readonly string[],
): string =>
  `table ${show(table)} has no ${column} ${show(value)}; ${nearestOr(value, known, "values")}`;

export const ambiguousSeries = (
  table: string,
  measure: string,
  period: string,
  dims: readonly string[],
): string =>
  `series ${show(measure)} of table ${show(table)} has several rows for ${period}; filter by ${list(dims)}`;

export const noPeriod = (table: string): string =>
  `table ${show(table)} has no period column and no period:, so it has no series`;

// --- editions ----------------------------------------------------------------

export const unitChanged = (
  table: string,
  column: string,
  before: string,
  after: string,
  edition: string,
): IssueText => ({
  message: `column ${show(column)} of table ${show(table)}: the unit changed from ${before} (edition ${edition}) to ${after}; restated figures are not revisions, so the column is not compared`,
  hint: `restate the new figures in ${before}, or declare them as a new column or table`,
});

export const scaleChanged = (
  table: string,
  column: string,
  before: string,
  after: string,
  edition: string,
): IssueText => ({
  message: `column ${show(column)} of table ${show(table)}: the scale changed from ${before} (edition ${edition}) to ${after}; restated figures are not revisions, so the column is not compared`,
  hint: `restate the new figures in scale ${before}, or declare them as a new column or table`,
});

export const duplicateEdition = (edition: string, firstFolder: string): IssueText => ({
  message: `edition ${show(edition)} is declared twice: the folder ${show(firstFolder)} declares it too`,
  hint: "each vintage has its own edition id; fix the edition: field or remove the copy",
});

export const editionFolderMismatch = (edition: string, folder: string): IssueText => ({
  message: `edition: expected ${show(folder)}, the name of its folder, found ${show(edition)}`,
  hint: `rename the folder to ${edition} or set edition: "${folder}"`,
});
