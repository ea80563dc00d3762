/** Text of compose's messages: one small function per problem. */

const list = (xs: readonly string[], max = 12) =>
  xs.length === 0
    ? "none"
    : xs.length > max
      ? `${xs.slice(0, max).join(", ")}, … (${xs.length} in all)`
      : xs.join(", ");

export const composeMessages = {
  templateNotFound: (dir: string) => `no template.yaml in ${dir}`,
  templateYaml: (message: string) => `template.yaml is not valid YAML: ${message}`,
  templateSchema: (path: string, message: string) => `${path ? `${path}: ` : ""}${message}`,
  extendsCycle: (chain: readonly string[]) =>
    `templates extend each other in a cycle: ${chain.join(" → ")}`,
  extendsNotFound: (target: string) => `extends: no template.yaml in ${target}`,
  sectionFileMissing: (file: string) => `section file ${file} does not exist`,
  sectionFileOutside: (file: string) => `section file ${file} resolves outside the template folder`,
  unknownAudience: (name: string, known: readonly string[]) =>
    `unknown audience "${name}" (audiences: ${list(known)})`,
  unknownSection: (name: string, audience: string, known: readonly string[]) =>
    `audience "${audience}" lists section "${name}", which is not declared (sections: ${list(known)})`,
  partialNotAllowed: (name: string, known: readonly string[]) =>
    `include "${name}" is not allowed: templates may include only files in their partials/ folder (partials: ${list(known)})`,
  includeCycle: (chain: readonly string[]) =>
    `partials include each other in a cycle: ${chain.join(" → ")}`,
  liquid: (message: string) => message,
  unknownDirective: (name: string) => `unknown directive "::${name}"`,
  directiveHint:
    'directives: ::figure{ref=chart-id}, ::table{ref=table-id}, ::keyfigures{ref=id}, ::pagebreak, :::callout{kind=finding|note|recommendation title="…"}',
  directiveBadSyntax: (name: string) =>
    `::${name}: cannot read its attributes; write them as {key=value key="a value"}`,
  directiveMissingRef: (name: string) =>
    `::${name} needs a ref attribute, e.g. ::${name}{ref=some-id}`,
  directiveBadAttr: (name: string, attr: string, value: string, allowed: readonly string[]) =>
    `::${name}: ${attr}="${value}" is not one of ${list(allowed)}`,
  directiveUnknownAttr: (name: string, attrs: readonly string[], allowed: readonly string[]) =>
    `::${name}: unknown attribute${attrs.length > 1 ? "s" : ""} ${attrs.join(", ")} (allowed: ${list(allowed)})`,
  calloutContent: (kind: string) => `a callout may hold only paragraphs; this one holds a ${kind}`,
  calloutEmpty: () => "this callout is empty; write its text between :::callout{…} and :::",
  badChartPeriod: (chart: string, value: string, known: readonly string[]) =>
    `chart ${chart}: period "${value}" is not in the data (periods: ${list(known)}; or first, latest, latest-N, first+N, latest-partial)`,
  unknownRef: (kind: string, ref: string, known: readonly string[]) =>
    `unknown ${kind} "${ref}" (${kind}s in template.yaml: ${list(known)})`,
  unknownColumn: (table: string, column: string, known: readonly string[]) =>
    `table ${table} has no column "${column}" (columns: ${list(known)})`,
  chartError: (chart: string, message: string) => `chart ${chart}: ${message}`,
  indicatorUnavailable: (id: string, reason: string) =>
    `indicator ${id} is not available: ${reason}`,
  lengthTarget: (audience: string, words: number, target: number) =>
    `audience ${audience}: about ${words} words for a ${target}-page target`,
  documentInvalid: (path: string, message: string) =>
    `the composed document is invalid at ${path}: ${message}`,
  editionDiff: (message: string) => `comparing with the previous edition: ${message}`,

  // The "Changes since the last edition" appendix (document text, not issues).
  changesFirstEdition: (edition: string) =>
    `This is the first edition of this brief (edition ${edition}): there is no earlier edition to compare it with.`,
  changesIntro: (
    edition: string,
    published: string,
    dataAsOf: string | undefined,
    previous: string,
    previousPublished: string,
  ) =>
    `This is edition ${edition}, published ${published}${dataAsOf ? ` with data as of ${dataAsOf}` : ""}. Compared with edition ${previous} (published ${previousPublished}), the figures this brief states and the data behind them changed as listed below; every other figure is as it was.`,
  changesNone: (previous: string) => `No figure and no data changed since edition ${previous}.`,
  changeTableAdded: () => "A new table in this edition.",
  changeTableRemoved: () => "Removed in this edition.",
  changeTableNotes: () => "The notes under the table changed.",
  changeTableProperty: (property: string, from: string, to: string) =>
    `Its ${property} changed from “${from}” to “${to}”.`,
  changeColumnAdded: (column: string) => `New column: ${column}.`,
  changeColumnRemoved: (column: string) => `Column removed: ${column}.`,
  changeFactFields: (fields: readonly string[]) =>
    `its ${fields.join(", ").replace(/, ([^,]*)$/, " and $1")} changed`,
} as const;
