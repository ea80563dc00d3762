/** Text of compose's messages: one small function per problem. */
import { nearestName } from "@briefkit/data";
import { DIRECTIVES } from "./directives.js";

const list = (xs: readonly string[], max = 12) =>
  xs.length === 0
    ? "none"
    : xs.length > max
      ? `${xs.slice(0, max).join(", ")}, … (${xs.length} in all)`
      : xs.join(", ");

/** "did you mean "x"?" when a known name is near, else the names there are. */
const nearestOr = (name: string, known: readonly string[], plural: string) => {
  const guess = nearestName(name, known);
  return guess === undefined ? `${plural}: ${list(known)}` : `did you mean "${guess}"?`;
};

export const composeMessages = {
  /** The "did you mean" hint, when a known name is near. */
  nearest: (guess: string | undefined) =>
    guess === undefined ? undefined : `did you mean "${guess}"?`,
  /** "did you mean "x"?", else "<what>: a, b, c". */
  nearestOr: (name: string, known: readonly string[], what: string) => nearestOr(name, known, what),
  templateNotFound: (dir: string) => `no template.yaml in ${dir}`,
  templateYaml: (message: string) => `template.yaml is not valid YAML: ${message}`,
  templateSchema: (path: string, message: string) => `${path ? `${path}: ` : ""}${message}`,
  glyphMissing: (chars: readonly string[], fonts: readonly string[]) =>
    `${chars.map((c) => `"${c}"`).join(", ")} (${chars
      .map((c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`)
      .join(
        ", ",
      )}) cannot be drawn: ${fonts.length === 1 ? `the font ${fonts[0]} has` : `the fonts ${fonts.join(" and ")} have`} no glyph for ${chars.length === 1 ? "it" : "them"}, and the PDF would print U+FFFD`,
  glyphMissingHint:
    "the brief's fonts cannot draw this script: write the text in one they cover (Latin, Greek, Cyrillic, Japanese)",
  /** `__proto__` as an id: what zod says of any id that is not kebab-case. */
  prototypeId: (map: string) =>
    `${map}: key "__proto__": must be kebab-case: lower-case letters, digits and hyphens`,
  prototypeValue: (path: string) => `${path}: expected a string or a number`,
  extendsCycle: (chain: readonly string[]) =>
    `templates extend each other in a cycle: ${chain.join(" → ")}`,
  extendsNotFound: (target: string) => `extends: no template.yaml in ${target}`,
  sectionFileMissing: (file: string) => `section file ${file} does not exist`,
  sectionFileOutside: (file: string) => `section file ${file} resolves outside the template folder`,
  unknownAudience: (name: string, known: readonly string[]) =>
    `unknown audience "${name}" (${nearestOr(name, known, "audiences")})`,
  unknownSection: (name: string, audience: string, known: readonly string[]) =>
    `audience "${audience}" lists section "${name}", which is not declared (${nearestOr(name, known, "sections")})`,
  newSectionNeedsFile: (id: string) =>
    `section "${id}" is not inherited, so it needs file: (a section only changes blocks of a section it inherits)`,
  audienceNeeds: (key: "label" | "sections") =>
    `a new audience needs ${key}: (an audience changes only some fields when it has the id of an inherited one)`,
  omitNotListed: (name: string, audience: string, listed: readonly string[]) =>
    `omit: audience "${audience}" has no section "${name}" to leave out (its sections: ${list(listed)})`,
  omitUnknown: (name: string, known: readonly string[]) =>
    `omit: no section "${name}" is declared (sections: ${list(known)})`,
  audienceEmpty: (audience: string) =>
    `audience "${audience}" would have no sections left after omit:`,
  blockFileMissing: (file: string) => `block file ${file} does not exist`,
  blocksOfUnusedSection: (audience: string, section: string, used: readonly string[]) =>
    `audience "${audience}" changes blocks of section "${section}", which it does not use (its sections: ${list(used)})`,
  unknownBlock: (anchor: string, file: string, known: readonly string[]) =>
    `no block "${anchor}" in ${file} (blocks there: ${known.length > 0 ? list(known) : "none; mark one with {% block name %} … {% endblock %}"})`,
  blockBadName: (name: string) =>
    `block name "${name}" must be kebab-case: lower-case letters, digits and hyphens`,
  blockTwice: (name: string) => `block "${name}" is marked twice in this section`,
  blockStrayEnd: () => "{% endblock %} without a {% block name %} before it",
  blockEndMismatch: (found: string, open: string) =>
    `{% endblock ${found} %} closes block "${open}"`,
  blockTagAlone: () =>
    "a {% block %} or {% endblock %} tag must stand on a line of its own, around whole lines",
  blockUnclosed: (name: string) => `block "${name}" has no {% endblock %}`,
  partialNotAllowed: (name: string, known: readonly string[]) =>
    `include "${name}" is not allowed: templates may include only files in their partials/ folder (partials: ${list(known)})`,
  includeCycle: (chain: readonly string[]) =>
    `partials include each other in a cycle: ${chain.join(" → ")}`,
  liquid: (message: string) => message,
  figureNoteBlocks: () =>
    "note: a figure's note is a footnote: one or more paragraphs of inline text (no headings, lists, tables, directives or footnotes of its own)",
  figureNoteEmpty: () => "note: renders to no text",
  titleNotPlain: () => "a title or subtitle is plain text: it cannot hold Liquid ({{ }} or {% %})",
  titleNotPlainHint:
    "the title block prints the edition and its dates already; captions, notes and labels of charts, tables and key figures may hold Liquid",
  unknownDirective: (name: string) => `unknown directive "::${name}"`,
  directiveHint: `directives: ${Object.values(DIRECTIVES)
    .map((d) => d.example.split("\n")[0])
    .join(", ")} (docs/reference/directives.md)`,
  directiveBadSyntax: (name: string) =>
    `::${name}: cannot read its attributes; write them as {key=value key="a value"}`,
  directiveMissingAttr: (name: string, attr: string) =>
    `::${name} needs a ${attr} attribute, e.g. ::${name}{${attr}=some-id}`,
  directiveBadAttr: (name: string, attr: string, value: string, allowed: readonly string[]) =>
    `::${name}: ${attr}="${value}" is not one of ${list(allowed)}`,
  directiveUnknownAttr: (name: string, attrs: readonly string[], allowed: readonly string[]) =>
    `::${name}: unknown attribute${attrs.length > 1 ? "s" : ""} ${attrs.join(", ")} (allowed: ${list(allowed)})`,
  calloutContent: (kind: string) => `a callout may hold only paragraphs; this one holds a ${kind}`,
  calloutEmpty: () => "this callout is empty; write its text between :::callout{…} and :::",
  badChartPeriod: (table: string, value: string, known: readonly string[]) =>
    `table ${table}: "${value}" is not a period of the data (periods: ${list(known)}; or first, latest, latest-N, first+N, latest-partial)`,
  /** A `where` value (`column` given) or an `exclude` value that no row of the chart has. */
  noChartRow: (
    table: string,
    column: string | undefined,
    value: string,
    known: readonly string[],
  ) =>
    column === undefined
      ? `table ${table}: no row has "${value}" to leave out (values: ${list(known)})`
      : `table ${table}: no row has ${column} "${value}" (values: ${list(known)})`,
  unknownRef: (kind: string, ref: string, known: readonly string[], kinds = `${kind}s`) =>
    `unknown ${kind} "${ref}" (${nearestOr(ref, known, `${kinds} in template.yaml`)})`,
  dataMismatch: (
    folder: string,
    id: string,
    edition: string,
    absent: readonly string[],
    used: number,
  ) =>
    `the data loaded, ${folder} (dataset ${id}, edition ${edition}), lacks ${absent.length} of the ${used} tables this template uses: ${list(absent)}`,
  unknownDataTable: (table: string, what: string, folder: string, known: readonly string[]) =>
    `${what}: unknown table "${table}" in the data loaded, ${folder} (tables there: ${list(known)})`,
  otherData: (topic: string | undefined, loaded: string, newest: string | undefined) =>
    topic !== undefined && topic !== loaded
      ? `the template's topic is ${topic}: give its data with --data ${newest ?? `data/${topic}/<edition>`}`
      : `give the data this template was written for with --data data/<topic>/<edition>${topic === undefined ? ", and name the topic in template.yaml (topic: <folder under data/>)" : ""}`,
  unknownColumn: (table: string, column: string, known: readonly string[]) =>
    `table ${table} has no column "${column}" (${nearestOr(column, known, "columns")})`,
  tooManyRows: (table: string, rows: number, limit: number) =>
    `table ${table} would print ${rows.toLocaleString("en-GB")} rows, more than the ${limit.toLocaleString("en-GB")} a brief's table may hold; choose the rows to print (a pivot on fewer keys, or a smaller table in the data) and leave the rest to the data file`,
  tooManyColumns: (columns: number, limit: number) =>
    `the table would print ${columns} columns, more than the ${limit} a page can show; list fewer under columns:`,
  tooManyPeriods: (table: string, periods: number, limit: number) =>
    `table ${table} has ${periods} periods, more than the ${limit} period columns a page can show; print a pivot of fewer periods (a smaller table in the data)`,
  /** For an issue whose hint is the nearest column (`nearest`): the message does not repeat it. */
  noColumn: (table: string, column: string, known: readonly string[]) =>
    `table ${table} has no column "${column}" (columns: ${list(known)})`,
  chartError: (chart: string, message: string) => `chart ${chart}: ${message}`,
  indicatorUnavailable: (id: string, reason: string) =>
    `indicator ${id} is not available: ${reason}`,
  lengthTarget: (audience: string, words: number, target: number) =>
    `audience ${audience}: about ${words} words for a ${target}-page target`,
  documentInvalid: (path: string, message: string) =>
    `the composed document is invalid at ${path}: ${message}`,
  editionDiff: (message: string) => `comparing with the previous edition: ${message}`,
  paramNoTable: (param: string, table: string, edition: string) =>
    `parameter ${param}: edition ${edition} has no table "${table}"`,
  paramNoColumn: (param: string, table: string, column: string) =>
    `parameter ${param}: table ${table} has no column "${column}"`,
  paramExcludeUnknown: (param: string, value: string) =>
    `parameter ${param}: exclude lists "${value}", which is not one of its values`,
  paramEmpty: (param: string) =>
    `parameter ${param} has no values (after exclude): there would be no brief to build`,
  paramDuplicate: (param: string, value: string) => `parameter ${param} lists "${value}" twice`,
  paramUnknown: (name: string, declared: readonly string[]) =>
    declared.length === 0
      ? `a value was given for parameter ${name}, but the template declares no parameters`
      : `a value was given for parameter ${name}, which the template does not declare (parameters: ${list(declared)})`,
  paramMissing: (name: string) => `parameter ${name} has no value`,
  paramMissingHint: (name: string) =>
    `build one brief with --param ${name}=VALUE, or one per value with --all-params`,
  paramBadValue: (name: string, value: string) => `"${value}" is not a value of parameter ${name}`,
  paramValues: (values: readonly string[]) => `its values: ${list(values)}`,
  paramNotBound: (name: string, bound: readonly string[]) =>
    bound.length === 0
      ? `{{ param.${name} }}: no parameter has a value here (declare ${name} under params: and build with --param or --all-params)`
      : `{{ param.${name} }}: there is no parameter ${name} (parameters with a value: ${list(bound)})`,
} as const;
