/**
 * The message catalog of @briefkit/charts.
 *
 * Every sentence a chart issue carries is written here, once, by a small
 * function (the pattern of vega-lite's `src/log/message.ts`). Code elsewhere
 * only picks a function and passes the facts; tests match issue codes, not
 * copied strings, so wording can improve without breaking them.
 */

/** A short, quoted rendering of any value for a message. */
function show(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  const written = text === undefined ? String(value) : text;
  const clipped = written.length > 60 ? `${written.slice(0, 57)}...` : written;
  // A string is quoted; a number or an object is shown as the JSON it is (12, not "12").
  return typeof value === "string" ? JSON.stringify(clipped) : clipped;
}

function list(names: readonly string[]): string {
  if (names.length === 0) return "(none)";
  const shown = names.slice(0, 12).map((n) => JSON.stringify(n));
  return names.length > 12 ? `${shown.join(", ")} and ${names.length - 12} more` : shown.join(", ");
}

export const messages = {
  /** The note under a pie or shares chart whose rounded labels do not add up to 100%. */
  roundingNote: () => "Shares may not add up to 100% because of rounding.",
  jsonSyntax: (detail: string) => `the chart spec is not valid JSON: ${detail}`,
  tooDeep: (max: number) => `the chart spec nests objects and lists more than ${max} levels deep`,
  tooDeepHint: () => "a Vega-Lite spec needs a dozen levels at most; look for a runaway bracket",
  duplicateKey: (key: string) => `the key ${show(key)} appears twice in one object`,
  duplicateKeyHint: () => "JSON keeps only the last value of a repeated key; remove one of them",
  specNotObject: () => "a chart spec must be a JSON object (a Vega-Lite specification)",

  schemaUnknownProperty: (property: string) => `${show(property)} is not a Vega-Lite property here`,
  schemaEnum: (value: unknown, allowed: readonly unknown[]) =>
    `${show(value)} is not allowed here; expected one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`,
  schemaType: (value: unknown, types: readonly string[]) =>
    `${show(value)} has the wrong type; expected ${types.join(" or ")}`,
  schemaRequired: (property: string) => `the required property ${show(property)} is missing`,
  schemaOther: (detail: string) => `the spec does not match the Vega-Lite schema: ${detail}`,
  schemaHint: () =>
    "see https://vega.github.io/vega-lite/docs/ for the properties this element takes",

  dataUrl: (url: unknown) =>
    `the spec asks to load data from ${show(url)}; charts never load URLs or files`,
  dataUrlHint: () =>
    "declare the table in the template and let the chart receive its rows; no data.url",
  urlField: (value: unknown) =>
    `a "url" property (${show(value)}) is not allowed: charts never load URLs or files`,
  imageMark: () => "image marks are not allowed: a chart never loads or embeds pictures",
  imageMarkHint: () => "put the picture in the document as its own figure instead",
  unsafeLink: (value: unknown) =>
    `the link ${show(value)} is not allowed; links must be http:, https: or mailto: addresses`,
  javascriptUrl: (value: unknown) =>
    `the value ${show(value)} is a script link (javascript:/vbscript:); it is refused before rendering`,
  linkExpression: () =>
    "a link (href) must be a literal address or a field of the rows, not an expression or signal",
  linkComputedField: (field: string) =>
    `the link (href) field ${show(field)} is computed by a transform; links must come straight from the rows so they can be checked`,
  invalidExpression: (text: string) => `${show(text)} is not a valid Vega expression`,
  nondeterministic: (what: string) =>
    `${what} makes the chart differ from one build to the next; it is not allowed`,
  nondeterministicHint: () => "compute random or date-dependent values in the data, not the chart",

  oversize: (dimension: string, value: number, max: number) =>
    `the ${dimension} ${value} px is over the limit of ${max} px`,
  oversizeHint: () => "charts are sized for an A4 page; use the theme's size or a smaller value",
  outputOversize: (width: number, height: number, maxWidth: number, maxHeight: number) =>
    `the rendered chart is ${width} × ${height} px, over the limit of ${maxWidth} × ${maxHeight} px`,
  tooManyRows: (count: number, max: number) =>
    `the chart has ${count} data rows, over the limit of ${max}`,
  tooManyMarks: (count: number, max: number) =>
    `the chart draws ${count} marks, over the limit of ${max}`,
  tooManyHint: () => "aggregate or filter the data before charting it",
  generatorTooLarge: (count: number, max: number) =>
    `the data generator would make ${count} rows, over the limit of ${max}`,

  unknownField: (field: string, available: readonly string[]) =>
    `the field ${show(field)} is not in the data; available fields: ${list(available)}`,
  unknownFieldHint: (suggestion: string | undefined) =>
    suggestion
      ? `did you mean ${JSON.stringify(suggestion)}?`
      : "check the field name and the table",
  invalidRow: (index: number) => `row ${index} is not an object of named values`,
  invalidValue: (field: string, value: unknown) =>
    `the value of ${show(field)} is ${show(value)}; values must be text, numbers, true/false or null`,
  notNumeric: (field: string, value: unknown) =>
    `the field ${show(field)} is drawn as a quantity but holds ${show(value)}`,
  notNumericHint: () => "use numbers, and null for a missing value (never a dash or text)",
  nonFiniteValue: (field: string, value: number) =>
    `the value of ${show(field)} is ${String(value)}; use null for a missing value`,
  negativeSlice: (field: string, value: unknown) =>
    `the field ${show(field)} holds ${show(value)}; a pie cannot draw a negative slice`,
  negativeSliceHint: () => "use a bar chart for values that can be negative",
  noData: () => "the chart has no data rows",
  noValues: (field: string) =>
    `the field ${show(field)} has no numbers in any row (all missing); the chart would be empty`,
  emptyChart: () => "the chart draws no data marks: every row was filtered out or is missing",
  nanInOutput: (where: string) => `the rendered chart contains NaN (${where})`,
  nanInOutputHint: () => "a value is missing or not a number; check the data and the encodings",
  svgImage: () => "the rendered SVG contains an <image> element; it is refused",

  pngTooLarge: (width: number, height: number, max: number) =>
    `a ${width} × ${height} px image (${width * height} pixels) is over the limit of ${max} pixels`,
  pngTooLargeHint: () => "lower the density or the chart size",
  invalidSvg: () => "the input is not an SVG document with a width and height",

  invalidOptions: (what: string, detail: string) => `invalid ${what}: ${detail}`,
  invalidTheme: (detail: string) => `invalid chart theme: ${detail}`,
  fontFile: (path: string, reason: string) => `font file ${JSON.stringify(path)}: ${reason}`,

  loadRefused: (what: string) => `the chart tried to load ${show(what)}; every load is refused`,
  vegaLiteWarning: (detail: string) => `Vega-Lite: ${detail}`,
  renderFailed: (detail: string) => `the chart could not be rendered: ${detail}`,
  chartError: (count: number, first: string) =>
    count === 1 ? first : `${first} (and ${count - 1} more issue${count === 2 ? "" : "s"})`,
} as const;
