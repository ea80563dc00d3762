/**
 * Every filter a template can use: LiquidJS's standard set, each wrapped so
 * that it never prints a wrong number, and briefkit's wording filters.
 *
 * The rule: a filter applied to a figure (an indicator, a fact, or a figure
 * derived from them), or to a plain value (`edition`, `published`, a
 * literal), gives a correct result or a located error at the filter's
 * `line:column`, never a silent `0`, blank or `NaN`.
 *
 * - **numeric** filters (abs, at_least, at_most, ceil, divided_by, floor,
 *   minus, modulo, plus, round, times) on a figure give a new figure: the
 *   arithmetic is done on the number as displayed (8.812 for "US$8.8
 *   billion") and the result is written in the original's display format
 *   (style, scale, currency, unit word), with its provenance and the filter
 *   recorded in `provenance.method`. `round`, `ceil` and `floor` round the
 *   displayed number to `digits` places (default 0) and show that many
 *   decimals. Arguments are plain numbers, in the displayed unit: `plus: 1`
 *   on "US$8.8 billion" adds US$1 billion.
 * - **text** filters on a figure work on its printed text and keep it a
 *   figure, as long as the figure's own words stay intact (they may add words
 *   around it, or change the case of its words; currency and unit symbols
 *   keep their case).
 * - **wording** filters are briefkit's: `direction`, `ordinal`, `bare`.
 * - **pass-through**: `default` (a figure that is not available gives the
 *   fallback) and `raw`.
 * - **refused-on-figures**: list, date, URL, HTML, hashing and JSON filters
 *   work on plain values; on a figure they are an error that says what to
 *   use instead.
 * - **refused**: `sample` picks at random, and a brief must build the same
 *   every time.
 *
 * A number nobody knows (an `Unknown`, see liquid.ts: the `.value` of a
 * figure that is not available) goes into no filter, as the value or as an
 * argument, nor through the expression of a list filter (`where_exp` …).
 *
 * The table of filters (`FILTER_TABLE`) is built from LiquidJS's own list,
 * so a filter a new LiquidJS adds is refused until it is reviewed here.
 */
import { nearestName } from "@briefkit/data";
import { displayedValue, storedValue } from "@briefkit/indicators";
import { type FilterImplOptions, filters as liquidFilters, RenderError, toValue } from "liquidjs";
import {
  figureOf,
  hasBrokenPlaceholder,
  type NumberSink,
  numberValue,
  placeholdersIn,
  TemplateError,
  Unknown,
} from "./liquid.js";
import {
  displayedNumber,
  displayOptions,
  type Figure,
  figureCore,
  figureName,
  figureText,
  NUMBER_WORDS,
  ordinal,
  roundTo,
  shiftDecimal,
  writeNumber,
} from "./values.js";

// ---------------------------------------------------------------------------
// The table

/** How a filter treats a figure. */
export type FilterKind =
  | "numeric"
  | "text"
  | "wording"
  | "pass-through"
  | "refused-on-figures"
  | "refused";

/** The plain (non-figure) values a filter takes. */
export type PlainInput = "number" | "text" | "list" | "text-or-list" | "date" | "any" | "none";

/** An argument's kind: a number, a whole number, text, a list, or anything. */
export type ArgKind = "number" | "integer" | "text" | "list" | "any";

/** A template and what it prints with the example data, or the error it gives. */
export type FilterExample =
  | { readonly template: string; readonly output: string }
  | { readonly template: string; readonly error: string };

/** One row of the filter table: everything the reference documentation says about a filter. */
export interface FilterInfo {
  readonly name: string;
  /** LiquidJS's standard set, or briefkit's own. */
  readonly origin: "liquidjs" | "briefkit";
  readonly kind: FilterKind;
  /** What it does, in one line. */
  readonly description: string;
  /** What it does to a figure, or why it refuses one and what to use instead. */
  readonly onFigure: string;
  /** The plain values it takes ("none": refused on everything). */
  readonly input: PlainInput;
  /** Its arguments in order; the first `required` must be given. */
  readonly args: readonly ArgKind[];
  readonly required: number;
  /** Runs against the example brief's data (templates/russia-japan, edition 2005). */
  readonly example: FilterExample;
}

type Spec = Omit<FilterInfo, "name" | "origin">;

const NUMERIC_ON_FIGURE =
  "a new figure: the arithmetic on the unrounded value in its display scale (8.812 for “US$8.8 billion”), written in the same format, with the same provenance";
const ROUNDING_ON_FIGURE =
  "rounds the unrounded value in its display scale (8.812 for “US$8.8 billion”) to `digits` places (default 0) and shows that many decimals";
const TEXT_ON_FIGURE =
  "works on the printed text and keeps it a figure; the figure's own words must stay intact";
const refusedText = (what: string) =>
  `${what}; a figure is one number, so use its \`.text\` for the formatted text, or apply the filter to plain text`;
const LIST_ON_FIGURE = refusedText("it works on a list");
const HTML_ON_FIGURE =
  "HTML escaping is for web pages; the writers escape text themselves, so print the figure as it is";
const URL_ON_FIGURE =
  "it encodes text for a web address; a figure is printed, not linked (use `.text` if you need it)";
const HASH_ON_FIGURE = "it encodes text; use the figure's `.text` if you must";
const DATE_ON_FIGURE =
  "a figure is not a date; its period is `.period`, and `published` and `data_as_of` are dates";
const JSON_ON_FIGURE =
  "it would print the figure's internal fields; print the figure, or a field such as `.value`";

const I = "ind.total-trade-latest";

/** LiquidJS's filters, as briefkit treats them. */
const LIQUID_SPECS: Readonly<Record<string, Spec>> = {
  // Numbers.
  abs: {
    kind: "numeric",
    input: "number",
    args: [],
    required: 0,
    description: "The absolute value: with `direction`, the magnitude of a change.",
    onFigure: `${NUMERIC_ON_FIGURE}; a plus sign (format sign: always) is dropped, since this is a magnitude`,
    example: { template: "{{ ind.total-trade-growth | abs }}", output: "49%" },
  },
  at_least: {
    kind: "numeric",
    input: "number",
    args: ["number"],
    required: 1,
    description: "The larger of the value and the argument.",
    onFigure: `${NUMERIC_ON_FIGURE}; the argument is in the displayed unit`,
    example: { template: `{{ ${I} | at_least: 10 }}`, output: "US$10.0 billion" },
  },
  at_most: {
    kind: "numeric",
    input: "number",
    args: ["number"],
    required: 1,
    description: "The smaller of the value and the argument.",
    onFigure: `${NUMERIC_ON_FIGURE}; the argument is in the displayed unit`,
    example: { template: `{{ ${I} | at_most: 5 }}`, output: "US$5.0 billion" },
  },
  ceil: {
    kind: "numeric",
    input: "number",
    args: ["integer"],
    required: 0,
    description: "Rounds up, to `digits` decimal places (default 0; briefkit adds the argument).",
    onFigure: ROUNDING_ON_FIGURE,
    example: { template: `{{ ${I} | ceil }}`, output: "US$9 billion" },
  },
  divided_by: {
    kind: "numeric",
    input: "number",
    args: ["number"],
    required: 1,
    description: "Divides by the argument (not by zero).",
    onFigure: NUMERIC_ON_FIGURE,
    example: { template: `{{ ${I} | divided_by: 4 }}`, output: "US$2.2 billion" },
  },
  floor: {
    kind: "numeric",
    input: "number",
    args: ["integer"],
    required: 0,
    description: "Rounds down, to `digits` decimal places (default 0; briefkit adds the argument).",
    onFigure: ROUNDING_ON_FIGURE,
    example: { template: `{{ ${I} | floor }}`, output: "US$8 billion" },
  },
  minus: {
    kind: "numeric",
    input: "number",
    args: ["number"],
    required: 1,
    description: "Subtracts the argument.",
    onFigure: `${NUMERIC_ON_FIGURE}; the argument is in the displayed unit. On a percentage it is an error (a level, or a gap in percentage points?): use a change indicator`,
    example: { template: `{{ ${I} | minus: 0.8 }}`, output: "US$8.0 billion" },
  },
  modulo: {
    kind: "numeric",
    input: "number",
    args: ["number"],
    required: 1,
    description: "The remainder after dividing by the argument (not by zero).",
    onFigure: `${NUMERIC_ON_FIGURE}; the argument is in the displayed unit`,
    example: { template: "{{ edition | modulo: 4 }}", output: "1" },
  },
  plus: {
    kind: "numeric",
    input: "number",
    args: ["number"],
    required: 1,
    description: "Adds the argument.",
    onFigure: `${NUMERIC_ON_FIGURE}; the argument is in the displayed unit (plus: 1 on “US$8.8 billion” adds US$1 billion). On a percentage it is an error (a level, or a gap in percentage points?): use a change indicator`,
    example: { template: `{{ ${I} | plus: 1 }}`, output: "US$9.8 billion" },
  },
  round: {
    kind: "numeric",
    input: "number",
    args: ["integer"],
    required: 0,
    description: "Rounds half away from zero, to `digits` decimal places (default 0).",
    onFigure: ROUNDING_ON_FIGURE,
    example: { template: "{{ ind.total-trade-growth | round: 1 }}", output: "49.2%" },
  },
  times: {
    kind: "numeric",
    input: "number",
    args: ["number"],
    required: 1,
    description: "Multiplies by the argument.",
    onFigure: NUMERIC_ON_FIGURE,
    example: { template: `{{ ${I} | times: 2 }}`, output: "US$17.6 billion" },
  },
  to_integer: {
    kind: "refused-on-figures",
    input: "number",
    args: [],
    required: 0,
    description:
      "A whole number as a number (a number with decimals is an error: say how to round it).",
    onFigure:
      "use `round`, `floor` or `ceil`, which say how the figure is rounded and keep it a figure",
    example: { template: '{{ "12" | to_integer | plus: 1 }}', output: "13" },
  },

  // Text.
  append: {
    kind: "text",
    input: "text",
    args: ["text"],
    required: 1,
    description: "Adds text at the end.",
    onFigure: TEXT_ON_FIGURE,
    example: {
      template: `{{ ${I} | append: " in 2004" }}`,
      output: "US$8.8 billion in 2004",
    },
  },
  prepend: {
    kind: "text",
    input: "text",
    args: ["text"],
    required: 1,
    description: "Adds text at the start.",
    onFigure: TEXT_ON_FIGURE,
    example: {
      template: `{{ ${I} | prepend: "some " }}`,
      output: "some US$8.8 billion",
    },
  },
  capitalize: {
    kind: "text",
    input: "text",
    args: [],
    required: 0,
    description: "Upper-cases the first letter (on plain text LiquidJS also lower-cases the rest).",
    onFigure:
      "upper-cases the first letter only, so “more than US$82 billion” starts a sentence as “More than US$82 billion”",
    example: { template: "{{ fact.fdi-stock | capitalize }}", output: "More than US$82 billion" },
  },
  downcase: {
    kind: "text",
    input: "text",
    args: [],
    required: 0,
    description: "Lower-cases the text.",
    onFigure:
      "lower-cases the figure's words; currency and unit symbols (US$, Mt, km) keep their case",
    example: {
      template: `{{ ${I} | prepend: "ABOUT " | downcase }}`,
      output: "about US$8.8 billion",
    },
  },
  upcase: {
    kind: "text",
    input: "text",
    args: [],
    required: 0,
    description: "Upper-cases the text.",
    onFigure:
      "upper-cases the figure's words; currency and unit symbols (US$, Mt, km) keep their case",
    example: { template: "{{ fact.fdi-stock | upcase }}", output: "MORE THAN US$82 BILLION" },
  },
  lstrip: {
    kind: "text",
    input: "text",
    args: ["text"],
    required: 0,
    description: "Removes white space (or the given characters) at the start.",
    onFigure: TEXT_ON_FIGURE,
    example: { template: `{{ ${I} | prepend: "  " | lstrip }}`, output: "US$8.8 billion" },
  },
  rstrip: {
    kind: "text",
    input: "text",
    args: ["text"],
    required: 0,
    description: "Removes white space (or the given characters) at the end.",
    onFigure: TEXT_ON_FIGURE,
    example: { template: `{{ ${I} | append: "  " | rstrip }}`, output: "US$8.8 billion" },
  },
  strip: {
    kind: "text",
    input: "text",
    args: ["text"],
    required: 0,
    description: "Removes white space (or the given characters) at both ends.",
    onFigure: TEXT_ON_FIGURE,
    example: { template: `{{ ${I} | append: "  " | strip }}`, output: "US$8.8 billion" },
  },
  strip_newlines: {
    kind: "text",
    input: "text",
    args: [],
    required: 0,
    description: "Removes line breaks.",
    onFigure: TEXT_ON_FIGURE,
    example: {
      template: `{{ ${I} | strip_newlines }}`,
      output: "US$8.8 billion",
    },
  },
  squish: {
    kind: "text",
    input: "text",
    args: [],
    required: 0,
    description: "Trims the ends and collapses runs of white space to one space.",
    onFigure: TEXT_ON_FIGURE,
    example: {
      template: `{{ ${I} | append: "   a year" | squish }}`,
      output: "US$8.8 billion a year",
    },
  },
  normalize_whitespace: {
    kind: "text",
    input: "text",
    args: [],
    required: 0,
    description: "Collapses runs of white space to one space.",
    onFigure: TEXT_ON_FIGURE,
    example: {
      template: `{{ ${I} | append: "   a year" | normalize_whitespace }}`,
      output: "US$8.8 billion a year",
    },
  },
  remove: {
    kind: "text",
    input: "text",
    args: ["text"],
    required: 1,
    description: "Removes every occurrence of the argument.",
    onFigure: `${TEXT_ON_FIGURE} (to drop a fact's qualifier use \`bare\`)`,
    example: {
      template: `{{ ${I} | append: " (est.)" | remove: " (est.)" }}`,
      output: "US$8.8 billion",
    },
  },
  remove_first: {
    kind: "text",
    input: "text",
    args: ["text"],
    required: 1,
    description: "Removes the first occurrence of the argument.",
    onFigure: `${TEXT_ON_FIGURE} (to drop a fact's qualifier use \`bare\`)`,
    example: {
      template: `{{ ${I} | append: " (est.)" | remove_first: " (est.)" }}`,
      output: "US$8.8 billion",
    },
  },
  remove_last: {
    kind: "text",
    input: "text",
    args: ["text"],
    required: 1,
    description: "Removes the last occurrence of the argument.",
    onFigure: `${TEXT_ON_FIGURE} (to drop a fact's qualifier use \`bare\`)`,
    example: {
      template: `{{ ${I} | append: " (est.)" | remove_last: " (est.)" }}`,
      output: "US$8.8 billion",
    },
  },
  replace: {
    kind: "text",
    input: "text",
    args: ["text", "text"],
    required: 2,
    description: "Replaces every occurrence of the first argument with the second.",
    onFigure: `${TEXT_ON_FIGURE}: replacing inside the figure (its number, scale, unit or qualifier) is an error`,
    example: {
      template: `{{ ${I} | append: " (est.)" | replace: "est.", "estimate" }}`,
      output: "US$8.8 billion (estimate)",
    },
  },
  replace_first: {
    kind: "text",
    input: "text",
    args: ["text", "text"],
    required: 2,
    description: "Replaces the first occurrence of the first argument with the second.",
    onFigure: `${TEXT_ON_FIGURE}: replacing inside the figure is an error`,
    example: {
      template: `{{ ${I} | append: " (est.)" | replace_first: "est.", "estimate" }}`,
      output: "US$8.8 billion (estimate)",
    },
  },
  replace_last: {
    kind: "text",
    input: "text",
    args: ["text", "text"],
    required: 2,
    description: "Replaces the last occurrence of the first argument with the second.",
    onFigure: `${TEXT_ON_FIGURE}: replacing inside the figure is an error`,
    example: {
      template: `{{ ${I} | append: " (est.)" | replace_last: "est.", "estimate" }}`,
      output: "US$8.8 billion (estimate)",
    },
  },
  truncate: {
    kind: "text",
    input: "text",
    args: ["integer", "text"],
    required: 0,
    description:
      "Shortens the text to a number of characters (default 50), ending with “...” (or the second argument).",
    onFigure: `${TEXT_ON_FIGURE}: cutting into the figure is an error`,
    example: {
      template: `{{ ${I} | append: " of trade in 2004" | truncate: 25 }}`,
      output: "US$8.8 billion of trad...",
    },
  },
  truncatewords: {
    kind: "text",
    input: "text",
    args: ["integer", "text"],
    required: 0,
    description:
      "Shortens the text to a number of words (default 15), ending with “...” (or the second argument).",
    onFigure: `${TEXT_ON_FIGURE}: cutting into the figure is an error`,
    example: {
      template: `{{ ${I} | append: " of trade in 2004" | truncatewords: 3 }}`,
      output: "US$8.8 billion of...",
    },
  },
  split: {
    kind: "refused-on-figures",
    input: "text",
    args: ["text"],
    required: 1,
    description: "Splits text into a list at the argument.",
    onFigure: refusedText("it cuts text into a list"),
    example: { template: '{{ published | split: "-" | first }}', output: "2005" },
  },
  number_of_words: {
    kind: "refused-on-figures",
    input: "text",
    args: ["text"],
    required: 0,
    description: "The number of words in the text.",
    onFigure: refusedText("it counts words"),
    example: { template: "{{ template.title | number_of_words }}", output: "5" },
  },
  slugify: {
    kind: "refused-on-figures",
    input: "text",
    args: ["text", "any"],
    required: 0,
    description: "Text as a URL slug (“russia-and-japan”).",
    onFigure: URL_ON_FIGURE,
    example: { template: "{{ template.title | slugify }}", output: "russia-and-japan-beyond-2005" },
  },

  // HTML.
  escape: {
    kind: "refused-on-figures",
    input: "text",
    args: [],
    required: 0,
    description: "Escapes HTML's special characters.",
    onFigure: HTML_ON_FIGURE,
    example: { template: '{{ "R&D" | escape }}', output: "R&D" },
  },
  escape_once: {
    kind: "refused-on-figures",
    input: "text",
    args: [],
    required: 0,
    description: "Escapes HTML's special characters, leaving entities alone.",
    onFigure: HTML_ON_FIGURE,
    example: { template: '{{ "R&D" | escape_once }}', output: "R&D" },
  },
  xml_escape: {
    kind: "refused-on-figures",
    input: "text",
    args: [],
    required: 0,
    description: "Escapes XML's special characters.",
    onFigure: HTML_ON_FIGURE,
    example: { template: '{{ "R&D" | xml_escape }}', output: "R&D" },
  },
  newline_to_br: {
    kind: "refused-on-figures",
    input: "text",
    args: [],
    required: 0,
    description: "Replaces line breaks with HTML <br /> tags.",
    onFigure: HTML_ON_FIGURE,
    example: { template: "{{ edition | newline_to_br }}", output: "2005" },
  },
  strip_html: {
    kind: "refused-on-figures",
    input: "text",
    args: [],
    required: 0,
    description: "Removes HTML tags.",
    onFigure: HTML_ON_FIGURE,
    example: {
      template: '{{ "<b>2005</b>" | strip_html }}',
      output: "2005",
    },
  },

  // URLs and encodings.
  url_encode: {
    kind: "refused-on-figures",
    input: "text",
    args: [],
    required: 0,
    description: "Percent-encodes text for a URL query (spaces as +).",
    onFigure: URL_ON_FIGURE,
    example: { template: '{{ "a b" | url_encode }}', output: "a+b" },
  },
  url_decode: {
    kind: "refused-on-figures",
    input: "text",
    args: [],
    required: 0,
    description: "Decodes percent-encoded text.",
    onFigure: URL_ON_FIGURE,
    example: { template: '{{ "a+b" | url_decode }}', output: "a b" },
  },
  cgi_escape: {
    kind: "refused-on-figures",
    input: "text",
    args: [],
    required: 0,
    description: "Percent-encodes text as CGI does.",
    onFigure: URL_ON_FIGURE,
    example: { template: '{{ "a b" | cgi_escape }}', output: "a+b" },
  },
  uri_escape: {
    kind: "refused-on-figures",
    input: "text",
    args: [],
    required: 0,
    description: "Percent-encodes a URI, keeping its reserved characters.",
    onFigure: URL_ON_FIGURE,
    example: { template: '{{ "a b" | uri_escape }}', output: "a%20b" },
  },
  base64_encode: {
    kind: "refused-on-figures",
    input: "text",
    args: [],
    required: 0,
    description: "Encodes text as Base64.",
    onFigure: HASH_ON_FIGURE,
    example: { template: "{{ edition | base64_encode }}", output: "MjAwNQ==" },
  },
  base64_decode: {
    kind: "refused-on-figures",
    input: "text",
    args: [],
    required: 0,
    description: "Decodes Base64 text.",
    onFigure: HASH_ON_FIGURE,
    example: {
      template: '{{ "MjAwNQ==" | base64_decode }}',
      output: "2005",
    },
  },
  sha256: {
    kind: "refused-on-figures",
    input: "text",
    args: [],
    required: 0,
    description: "The SHA-256 digest of the text, in hex.",
    onFigure: HASH_ON_FIGURE,
    example: {
      template: '{{ "abc" | sha256 }}',
      output: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    },
  },
  hmac_sha256: {
    kind: "refused-on-figures",
    input: "text",
    args: ["text"],
    required: 1,
    description: "The HMAC-SHA-256 of the text with the argument as key, in hex.",
    onFigure: HASH_ON_FIGURE,
    example: {
      template: '{{ "abc" | hmac_sha256: "k" }}',
      output: "342e519ce0ad6c03a36b98eeb3f1d130db4813b9df4d1160eda488d712dc78ee",
    },
  },

  // Lists.
  join: {
    kind: "refused-on-figures",
    input: "list",
    args: ["text"],
    required: 0,
    description: "Joins a list's items with the argument (default a space).",
    onFigure: LIST_ON_FIGURE,
    example: { template: '{{ published | split: "-" | join: "/" }}', output: "2005/09/08" },
  },
  first: {
    kind: "refused-on-figures",
    input: "list",
    args: [],
    required: 0,
    description: "A list's first item (an empty list is an error).",
    onFigure: LIST_ON_FIGURE,
    example: { template: '{{ published | split: "-" | first }}', output: "2005" },
  },
  last: {
    kind: "refused-on-figures",
    input: "list",
    args: [],
    required: 0,
    description: "A list's last item (an empty list is an error).",
    onFigure: LIST_ON_FIGURE,
    example: { template: '{{ published | split: "-" | last }}', output: "08" },
  },
  reverse: {
    kind: "refused-on-figures",
    input: "list",
    args: [],
    required: 0,
    description: "A list in reverse order.",
    onFigure: LIST_ON_FIGURE,
    example: {
      template: '{{ published | split: "-" | reverse | join: "." }}',
      output: "08.09.2005",
    },
  },
  sort: {
    kind: "refused-on-figures",
    input: "list",
    args: ["text"],
    required: 0,
    description: "A list sorted (by a property, if given).",
    onFigure: LIST_ON_FIGURE,
    example: { template: '{{ "b,a,c" | split: "," | sort | join: "" }}', output: "abc" },
  },
  sort_natural: {
    kind: "refused-on-figures",
    input: "list",
    args: ["text"],
    required: 0,
    description: "A list sorted, ignoring case.",
    onFigure: LIST_ON_FIGURE,
    example: { template: '{{ "b,A,c" | split: "," | sort_natural | join: "" }}', output: "Abc" },
  },
  size: {
    kind: "refused-on-figures",
    input: "text-or-list",
    args: [],
    required: 0,
    description: "The number of items in a list, or of characters in a text.",
    onFigure: refusedText("it counts items or characters"),
    example: { template: '{{ published | split: "-" | size }}', output: "3" },
  },
  map: {
    kind: "refused-on-figures",
    input: "list",
    args: ["text"],
    required: 1,
    description: "The given property of each item of a list.",
    onFigure: LIST_ON_FIGURE,
    example: {
      template:
        '{{ "a,b,cc" | split: "," | group_by_exp: "x", "x.size" | map: "name" | join: "," }}',
      output: "1,2",
    },
  },
  sum: {
    kind: "refused-on-figures",
    input: "list",
    args: ["text"],
    required: 0,
    description: "The sum of a list of numbers (an item that is not a number is an error).",
    onFigure:
      "to add figures, define a `sum` indicator in template.yaml so the unit and the sources are kept",
    example: { template: '{{ "1,2,3" | split: "," | sum }}', output: "6" },
  },
  compact: {
    kind: "refused-on-figures",
    input: "list",
    args: [],
    required: 0,
    description: "A list without its empty (nil) items.",
    onFigure: LIST_ON_FIGURE,
    example: { template: '{{ "a,b" | split: "," | compact | join: "" }}', output: "ab" },
  },
  concat: {
    kind: "refused-on-figures",
    input: "list",
    args: ["list"],
    required: 1,
    description: "Two lists joined into one.",
    onFigure: LIST_ON_FIGURE,
    example: {
      template:
        '{% assign more = "b,c" | split: "," %}{{ "a" | split: "," | concat: more | join: "" }}',
      output: "abc",
    },
  },
  push: {
    kind: "refused-on-figures",
    input: "list",
    args: ["any"],
    required: 1,
    description: "A list with an item added at the end.",
    onFigure: LIST_ON_FIGURE,
    example: { template: '{{ "a,b" | split: "," | push: "c" | join: "" }}', output: "abc" },
  },
  unshift: {
    kind: "refused-on-figures",
    input: "list",
    args: ["any"],
    required: 1,
    description: "A list with an item added at the start.",
    onFigure: LIST_ON_FIGURE,
    example: { template: '{{ "a,b" | split: "," | unshift: "c" | join: "" }}', output: "cab" },
  },
  pop: {
    kind: "refused-on-figures",
    input: "list",
    args: [],
    required: 0,
    description: "A list without its last item.",
    onFigure: LIST_ON_FIGURE,
    example: {
      template: '{{ "a,b" | split: "," | pop | join: "" }}',
      output: "a",
    },
  },
  shift: {
    kind: "refused-on-figures",
    input: "list",
    args: [],
    required: 0,
    description: "A list without its first item.",
    onFigure: LIST_ON_FIGURE,
    example: { template: '{{ "a,b" | split: "," | shift | join: "" }}', output: "b" },
  },
  slice: {
    kind: "refused-on-figures",
    input: "text-or-list",
    args: ["integer", "integer"],
    required: 1,
    description:
      "Part of a list or a text: from an index (negative counts from the end), a length (default 1).",
    onFigure: refusedText("slicing a figure's text would cut its number"),
    example: { template: "{{ published | slice: 0, 4 }}", output: "2005" },
  },
  uniq: {
    kind: "refused-on-figures",
    input: "list",
    args: [],
    required: 0,
    description: "A list without repeated items.",
    onFigure: LIST_ON_FIGURE,
    example: { template: '{{ "a,b,a" | split: "," | uniq | join: "" }}', output: "ab" },
  },
  where: {
    kind: "refused-on-figures",
    input: "list",
    args: ["text", "any"],
    required: 1,
    description: "The items of a list whose property is truthy (or equals the second argument).",
    onFigure: LIST_ON_FIGURE,
    example: {
      template:
        '{{ "a,b,cc" | split: "," | group_by_exp: "x", "x.size" | where: "name", 2 | size }}',
      output: "1",
    },
  },
  reject: {
    kind: "refused-on-figures",
    input: "list",
    args: ["text", "any"],
    required: 1,
    description:
      "The items of a list whose property is falsy (or differs from the second argument).",
    onFigure: LIST_ON_FIGURE,
    example: {
      template:
        '{{ "a,b,cc" | split: "," | group_by_exp: "x", "x.size" | reject: "name", 2 | size }}',
      output: "1",
    },
  },
  where_exp: {
    kind: "refused-on-figures",
    input: "list",
    args: ["text", "text"],
    required: 2,
    description: "The items of a list for which a Liquid expression is true.",
    onFigure: LIST_ON_FIGURE,
    example: {
      template: '{{ "a,bb" | split: "," | where_exp: "x", "x.size > 1" | join: "" }}',
      output: "bb",
    },
  },
  reject_exp: {
    kind: "refused-on-figures",
    input: "list",
    args: ["text", "text"],
    required: 2,
    description: "The items of a list for which a Liquid expression is false.",
    onFigure: LIST_ON_FIGURE,
    example: {
      template: '{{ "a,bb" | split: "," | reject_exp: "x", "x.size > 1" | join: "" }}',
      output: "a",
    },
  },
  group_by: {
    kind: "refused-on-figures",
    input: "list",
    args: ["text"],
    required: 1,
    description: "A list's items grouped by a property: a list of { name, items }.",
    onFigure: LIST_ON_FIGURE,
    example: {
      template:
        '{{ "a,b,cc" | split: "," | group_by_exp: "x", "x.size" | group_by: "name" | size }}',
      output: "2",
    },
  },
  group_by_exp: {
    kind: "refused-on-figures",
    input: "list",
    args: ["text", "text"],
    required: 2,
    description: "A list's items grouped by a Liquid expression.",
    onFigure: LIST_ON_FIGURE,
    example: {
      template: '{{ "a,b,cc" | split: "," | group_by_exp: "x", "x.size" | size }}',
      output: "2",
    },
  },
  has: {
    kind: "refused-on-figures",
    input: "list",
    args: ["text", "any"],
    required: 1,
    description:
      "Whether any item of a list has the property (equal to the second argument, if given).",
    onFigure: LIST_ON_FIGURE,
    example: {
      template: '{{ "a,b,cc" | split: "," | group_by_exp: "x", "x.size" | has: "name", 2 }}',
      output: "true",
    },
  },
  has_exp: {
    kind: "refused-on-figures",
    input: "list",
    args: ["text", "text"],
    required: 2,
    description: "Whether a Liquid expression is true for any item of a list.",
    onFigure: LIST_ON_FIGURE,
    example: { template: '{{ "a,bb" | split: "," | has_exp: "x", "x.size > 1" }}', output: "true" },
  },
  find: {
    kind: "refused-on-figures",
    input: "list",
    args: ["text", "any"],
    required: 1,
    description: "The first item of a list whose property equals the second argument.",
    onFigure: LIST_ON_FIGURE,
    example: {
      template:
        '{% assign g = "a,b,cc" | split: "," | group_by_exp: "x", "x.size" | find: "name", 2 %}{{ g.items | join: "" }}',
      output: "cc",
    },
  },
  find_exp: {
    kind: "refused-on-figures",
    input: "list",
    args: ["text", "text"],
    required: 2,
    description: "The first item of a list for which a Liquid expression is true.",
    onFigure: LIST_ON_FIGURE,
    example: { template: '{{ "a,bb" | split: "," | find_exp: "x", "x.size > 1" }}', output: "bb" },
  },
  find_index: {
    kind: "refused-on-figures",
    input: "list",
    args: ["text", "any"],
    required: 1,
    description: "The index of the first item of a list whose property equals the second argument.",
    onFigure: LIST_ON_FIGURE,
    example: {
      template: '{{ "a,b,cc" | split: "," | group_by_exp: "x", "x.size" | find_index: "name", 2 }}',
      output: "1",
    },
  },
  find_index_exp: {
    kind: "refused-on-figures",
    input: "list",
    args: ["text", "text"],
    required: 2,
    description: "The index of the first item of a list for which a Liquid expression is true.",
    onFigure: LIST_ON_FIGURE,
    example: {
      template: '{{ "a,bb" | split: "," | find_index_exp: "x", "x.size > 1" }}',
      output: "1",
    },
  },
  array_to_sentence_string: {
    kind: "refused-on-figures",
    input: "list",
    args: ["text"],
    required: 0,
    description:
      "A list as a sentence: “a, b and c” (the connector is the argument, default “and”).",
    onFigure: LIST_ON_FIGURE,
    example: {
      template: '{{ "oil,gas,coal" | split: "," | array_to_sentence_string }}',
      output: "oil, gas, and coal",
    },
  },
  sample: {
    kind: "refused",
    input: "none",
    args: [],
    required: 0,
    description: "A random item: refused everywhere, since a brief must build the same every time.",
    onFigure: "it picks at random, and the same inputs must give the same brief",
    example: {
      template: '{{ "a,b" | split: "," | sample }}',
      error: "sample: refused: it picks at random",
    },
  },

  // Dates.
  date: {
    kind: "refused-on-figures",
    input: "date",
    args: ["text", "any"],
    required: 1,
    description: "Formats an ISO date (2005-09-08) with strftime codes, in UTC.",
    onFigure: DATE_ON_FIGURE,
    example: { template: '{{ published | date: "%-d %B %Y" }}', output: "8 September 2005" },
  },
  date_to_xmlschema: {
    kind: "refused-on-figures",
    input: "date",
    args: [],
    required: 0,
    description: "An ISO date as XML Schema date-time.",
    onFigure: DATE_ON_FIGURE,
    example: {
      template: "{{ published | date_to_xmlschema }}",
      output: "2005-09-08T00:00:00+00:00",
    },
  },
  date_to_rfc822: {
    kind: "refused-on-figures",
    input: "date",
    args: [],
    required: 0,
    description: "An ISO date as an RFC 822 date.",
    onFigure: DATE_ON_FIGURE,
    example: {
      template: "{{ published | date_to_rfc822 }}",
      output: "Thu, 08 Sep 2005 00:00:00 +0000",
    },
  },
  date_to_string: {
    kind: "refused-on-figures",
    input: "date",
    args: ["text", "text"],
    required: 0,
    description: "An ISO date as “08 Sept 2005”.",
    onFigure: DATE_ON_FIGURE,
    example: { template: "{{ published | date_to_string }}", output: "08 Sept 2005" },
  },
  date_to_long_string: {
    kind: "refused-on-figures",
    input: "date",
    args: ["text", "text"],
    required: 0,
    description: "An ISO date as “08 September 2005”.",
    onFigure: DATE_ON_FIGURE,
    example: { template: "{{ published | date_to_long_string }}", output: "08 September 2005" },
  },

  // Anything.
  default: {
    kind: "pass-through",
    input: "any",
    args: ["any"],
    required: 1,
    description: "The argument when the value is empty, nil or false, else the value.",
    onFigure: "a figure that is not available gives the argument; any other figure is kept",
    example: { template: `{{ ${I} | default: "not yet published" }}`, output: "US$8.8 billion" },
  },
  raw: {
    kind: "pass-through",
    input: "any",
    args: [],
    required: 0,
    description:
      "The value printed as the template's own words: its straight quotes become typographic ones, like the prose around it. Anything else Liquid prints keeps its quotes as they are.",
    onFigure: "the figure as it is",
    example: { template: `{{ ${I} | raw }}`, output: "US$8.8 billion" },
  },
  json: {
    kind: "refused-on-figures",
    input: "any",
    args: ["integer"],
    required: 0,
    description: "The value as JSON.",
    onFigure: JSON_ON_FIGURE,
    example: {
      template: '{{ published | split: "-" | json }}',
      output: '["2005","09","08"]',
    },
  },
  jsonify: {
    kind: "refused-on-figures",
    input: "any",
    args: ["integer"],
    required: 0,
    description: "The value as JSON (the same as json).",
    onFigure: JSON_ON_FIGURE,
    example: { template: "{{ edition | jsonify }}", output: '"2005"' },
  },
  inspect: {
    kind: "refused-on-figures",
    input: "any",
    args: ["integer"],
    required: 0,
    description: "The value as JSON, for debugging.",
    onFigure: JSON_ON_FIGURE,
    example: { template: "{{ edition | inspect }}", output: '"2005"' },
  },
};

/** briefkit's own filters. */
const BRIEFKIT_SPECS = {
  direction: {
    kind: "wording",
    input: "number",
    args: ["text", "text", "text"],
    required: 2,
    description:
      'A word by the sign of the value: `direction: "rose", "fell", "held steady"` (the third defaults to “was unchanged”).',
    onFigure:
      "follows the sign of the number as displayed (a change that prints as 0 is unchanged); a figure that is not available is an error",
    example: {
      template: '{{ ind.east-asia-import-share-change | direction: "rose", "fell" }}',
      output: "rose",
    },
  },
  ordinal: {
    kind: "wording",
    input: "number",
    args: [],
    required: 0,
    description: "A rank as an ordinal: words up to ninth (“fifth”), then digits (“21st”).",
    onFigure:
      "keeps the figure (and its provenance) with the ordinal as its text; it needs a whole number of 1 or more and an exact figure (for a bound use `bare | ordinal`)",
    example: { template: "{{ fact.japan-economy-rank | ordinal }}", output: "second" },
  },
  bare: {
    kind: "wording",
    input: "none",
    args: [],
    required: 0,
    description: "A fact without its qualifier: “US$82 billion” for “more than US$82 billion”.",
    onFigure:
      "the figure with qualifier exact; on an indicator it changes nothing; on a value that is not a figure it is an error",
    example: { template: "{{ fact.fdi-stock | bare }}", output: "US$82 billion" },
  },
} satisfies Readonly<Record<string, Spec>>;

/** The review a LiquidJS filter gets until briefkit has one for it: refused. */
const UNREVIEWED: Spec = {
  kind: "refused",
  input: "none",
  args: [],
  required: 0,
  description: "A LiquidJS filter briefkit has not reviewed yet: refused until it is.",
  onFigure: "not reviewed",
  example: { template: "", error: "refused" },
};

/** LiquidJS filters without a review here (a test keeps this empty). */
export const UNREVIEWED_FILTERS: readonly string[] = Object.keys(liquidFilters).filter(
  (name) => !(name in LIQUID_SPECS),
);

/**
 * Every filter a template can use, LiquidJS's (from its own list, in its
 * order) then briefkit's: the source of docs/reference/filters.md.
 */
export const FILTER_TABLE: readonly FilterInfo[] = [
  ...Object.keys(liquidFilters).map(
    (name): FilterInfo => ({ name, origin: "liquidjs", ...(LIQUID_SPECS[name] ?? UNREVIEWED) }),
  ),
  ...Object.entries(BRIEFKIT_SPECS).map(
    ([name, s]): FilterInfo => ({ name, origin: "briefkit", ...s }),
  ),
];

const TABLE = new Map(FILTER_TABLE.map((f) => [f.name, f]));

/** The filter name nearest to an unknown one, for "did you mean …?". */
export function nearestFilter(name: string): string | undefined {
  return nearestName(name, TABLE.keys());
}

// ---------------------------------------------------------------------------
// Errors and values

type FilterHandler = Exclude<FilterImplOptions, { handler: unknown }>;
type FilterThis = ThisParameterType<FilterHandler>;

/** Throws an error LiquidJS reports at the filter's own line and column. */
function fail(self: FilterThis, name: string, message: string): never {
  throw new RenderError(new Error(`${name}: ${message}`), { token: self.token } as never);
}

/** The same, for an error that carries a hint (an unknown number's). */
function failWith(self: FilterThis, name: string, error: TemplateError): never {
  throw new RenderError(new TemplateError(`${name}: ${error.message}`, error.hint), {
    token: self.token,
  } as never);
}

/** How a value is named in a message. */
function nameOf(x: unknown): string {
  const f = figureOf(x);
  if (f) return `${figureName(f)} (“${figureText(f)}”)`;
  if (x === null || x === undefined) return "nothing (nil)";
  if (typeof x === "string") return x.length > 40 ? `"${x.slice(0, 37)}…"` : `"${x}"`;
  if (typeof x === "number" || typeof x === "boolean") return String(x);
  if (Array.isArray(x)) return `a list of ${x.length}`;
  return "an object";
}

const NUMERIC_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A plain number, or a text that is one ("12", "-0.5"); undefined otherwise. */
function plainNumber(x: unknown): number | undefined {
  if (typeof x === "number") return Number.isFinite(x) ? x : undefined;
  if (typeof x === "string" && NUMERIC_TEXT.test(x.trim())) {
    const n = Number(x.trim());
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** Drops floating-point noise: 8.8 × 3 is 26.4, not 26.400000000000002. */
function tidy(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(15));
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Checks an argument against its kind; a figure is never a filter's argument here. */
function checkArg(
  self: FilterThis,
  name: string,
  kind: ArgKind,
  x: unknown,
  position: number,
): void {
  const which = `its ${["first", "second", "third"][position] ?? `${position + 1}th`} argument`;
  if (figureOf(x)) {
    fail(
      self,
      name,
      `${which} is the figure ${nameOf(x)}: a filter's argument must be a plain value; to combine figures define an indicator (change, share, sum, balance …) in template.yaml, so the unit and the sources are kept`,
    );
  }
  switch (kind) {
    case "number":
      if (plainNumber(x) === undefined) fail(self, name, `${which} ${nameOf(x)} is not a number`);
      return;
    case "integer": {
      const n = plainNumber(x);
      if (n === undefined || !Number.isInteger(n))
        fail(self, name, `${which} ${nameOf(x)} is not a whole number`);
      return;
    }
    case "text":
      if (typeof x !== "string" && typeof x !== "number")
        fail(self, name, `${which} ${nameOf(x)} is not text`);
      return;
    case "list":
      if (!Array.isArray(x)) fail(self, name, `${which} must be a list; ${nameOf(x)} is not one`);
      return;
    case "any":
      return;
  }
}

/** Which arguments were written `name: value` (LiquidJS passes them as [name, value] pairs). */
function keywordPositions(self: FilterThis): boolean[] {
  return ((self.token?.args ?? []) as unknown[]).map((a) => Array.isArray(a));
}

/** Checks the number and the kinds of a filter's arguments. */
function checkArgs(
  self: FilterThis,
  info: FilterInfo,
  args: readonly unknown[],
  figureArgs: boolean,
): void {
  const named = keywordPositions(self);
  // `default` takes `allow_false: true`; nothing else takes named arguments.
  if (named.some(Boolean) && info.name !== "default") {
    fail(self, info.name, "takes no named arguments");
  }
  const positional = args.filter((_, i) => !named[i]);
  if (positional.length < info.required || positional.length > info.args.length) {
    const count =
      info.required === info.args.length
        ? `${info.required}`
        : `${info.required} to ${info.args.length}`;
    fail(
      self,
      info.name,
      `takes ${count} argument${info.args.length === 1 ? "" : "s"}, not ${positional.length}; e.g. ${info.example.template}`,
    );
  }
  positional.forEach((a, i) => {
    if (figureArgs && figureOf(a)) return;
    checkArg(self, info.name, info.args[i] ?? "any", a, i);
  });
}

/** Checks a plain input against what the filter takes. */
function checkInput(self: FilterThis, info: FilterInfo, v: unknown): void {
  const bad = (what: string, noun: string) =>
    fail(self, info.name, `works on ${what}; ${nameOf(v)} is not ${noun}`);
  switch (info.input) {
    case "number":
      if (plainNumber(v) === undefined) bad("a number", "one");
      return;
    case "text":
      if (typeof v !== "string" && typeof v !== "number") bad("text", "text");
      return;
    case "list":
      if (!Array.isArray(v)) bad("a list", "one");
      return;
    case "text-or-list":
      if (typeof v !== "string" && !Array.isArray(v)) bad("text or a list", "either");
      return;
    case "date":
      if (typeof v !== "string" || !ISO_DATE.test(v) || Number.isNaN(Date.parse(v)))
        bad("an ISO date such as 2005-09-08", "one");
      return;
    case "any":
      return;
    case "none":
      fail(self, info.name, info.onFigure);
  }
}

// ---------------------------------------------------------------------------
// Numeric filters

type NumericName =
  | "abs"
  | "at_least"
  | "at_most"
  | "ceil"
  | "divided_by"
  | "floor"
  | "minus"
  | "modulo"
  | "plus"
  | "round"
  | "times";

const NUMERIC_NAMES: ReadonlySet<string> = new Set<NumericName>([
  "abs",
  "at_least",
  "at_most",
  "ceil",
  "divided_by",
  "floor",
  "minus",
  "modulo",
  "plus",
  "round",
  "times",
]);

function isNumericName(name: string): name is NumericName {
  return NUMERIC_NAMES.has(name);
}

function rounded(mode: "round" | "ceil" | "floor", x: number, digits: number): number {
  if (mode === "round") return roundTo(x, digits);
  const f = mode === "ceil" ? Math.ceil : Math.floor;
  return shiftDecimal(f(shiftDecimal(x, digits)), -digits);
}

/** Decimal places round, ceil and floor may round to (a double holds about 15 digits). */
const MAX_DIGITS = 15;

/** Refuses an argument no value could take: a zero divisor, too many decimal places. */
function checkOperand(self: FilterThis, name: NumericName, k: number | undefined): void {
  if (name === "divided_by" && k === 0) fail(self, name, "division by zero");
  if (name === "modulo" && k === 0) fail(self, name, "modulo by zero");
  if ((name === "round" || name === "ceil" || name === "floor") && Math.abs(k ?? 0) > MAX_DIGITS) {
    fail(self, name, `rounds to -${MAX_DIGITS} to ${MAX_DIGITS} decimal places, not ${k}`);
  }
}

/** The arithmetic of a numeric filter on one number; `k` its argument (checked). */
function arithmetic(self: FilterThis, name: NumericName, x: number, k: number | undefined): number {
  const arg = k ?? 0;
  let r: number;
  switch (name) {
    case "abs":
      r = Math.abs(x);
      break;
    case "at_least":
      r = Math.max(x, arg);
      break;
    case "at_most":
      r = Math.min(x, arg);
      break;
    case "ceil":
    case "floor":
    case "round":
      r = rounded(name, x, arg);
      break;
    case "divided_by":
      r = x / arg;
      break;
    case "minus":
      r = x - arg;
      break;
    case "modulo":
      r = ((x % arg) + arg) % arg;
      break;
    case "plus":
      r = x + arg;
      break;
    case "times":
      r = x * arg;
      break;
  }
  const t = tidy(r);
  if (!Number.isFinite(t)) fail(self, name, `the result (${r}) is not a finite number`);
  return t;
}

/** Units whose numbers are whole: a rank, a count, a year, a day. */
const WHOLE_UNITS = new Set(["rank", "count", "year", "day-of-month"]);
/** Units that are points in time: moved by plus and minus, never scaled. */
const CALENDAR_UNITS = new Set(["year", "day-of-month"]);
/** Qualifiers that make a figure a bound: only increasing arithmetic keeps them true. */
const BOUNDS = new Set(["more-than", "less-than", "up-to", "at-least", "almost"]);

/** A numeric filter on a figure: a new figure, or a located error. */
function numericOnFigure(self: FilterThis, name: NumericName, f: Figure, k?: number): Figure {
  const who = `${figureName(f)} (“${figureText(f)}”)`;
  if (f.rewritten) {
    fail(
      self,
      name,
      `${who} was already rewritten by ${f.rewritten.by}; apply numeric filters first, e.g. {{ ${figureName(f)} | ${name}${k === undefined ? "" : `: ${k}`} | ${f.rewritten.by} }}`,
    );
  }
  checkOperand(self, name, k);
  const unit = f.form.unit;
  if (
    f.form.origin === "fact" &&
    unit === "fraction" &&
    !["abs", "times", "divided_by"].includes(name)
  ) {
    fail(
      self,
      name,
      `${who} is a fraction written in words; only times, divided_by and abs apply to it`,
    );
  }
  // A percentage plus or minus a number is a gap or a level, and the filter
  // cannot tell which: "60% minus 42" would print a gap of 18 points as "18%".
  if (unit === "percent" && (name === "plus" || name === "minus")) {
    fail(
      self,
      name,
      `${who} is a percentage, and ${name} ${k ?? ""} could be read as a level or as a difference in percentage points; define a change indicator (function: change) for a difference between two percentages, which prints in percentage points, or a value indicator for a level`,
    );
  }
  if (
    unit !== undefined &&
    CALENDAR_UNITS.has(unit) &&
    ["times", "divided_by", "modulo"].includes(name)
  ) {
    fail(
      self,
      name,
      `${who} is a date on the calendar, not a quantity; plus and minus move it, ${name} has no meaning for it`,
    );
  }
  const increasing =
    name === "plus" ||
    name === "minus" ||
    ((name === "times" || name === "divided_by") && (k ?? 0) > 0);
  if (BOUNDS.has(f.qualifier) && !increasing) {
    fail(
      self,
      name,
      `${who} is a bound ("${f.qualifier}"), and ${name}${k === undefined ? "" : ` ${k}`} would not keep it true; apply it to the bound itself with {{ ${figureName(f)} | bare | ${name}${k === undefined ? "" : `: ${k}`} }}`,
    );
  }
  if (f.range !== undefined) {
    if (name === "modulo") fail(self, name, `${who} is a range; modulo has no meaning for it`);
    if (name === "abs" && f.range[0] < 0 && f.range[1] > 0) {
      fail(self, name, `${who} is a range across zero; its absolute value is not a range`);
    }
  }
  const options = displayOptions(f.form);
  const apply = (x: number): number => {
    const shown = arithmetic(self, name, displayedValue(x, options), k);
    if (unit !== undefined && WHOLE_UNITS.has(unit) && !Number.isInteger(shown)) {
      fail(self, name, `${who} is a whole number (${unit}); ${name} gives ${shown}`);
    }
    return tidy(storedValue(shown, options));
  };
  let format = f.form.format;
  if (name === "round" || name === "ceil" || name === "floor") {
    // A rank, a count or a year prints whole, however it was rounded.
    format = {
      ...format,
      decimals: unit !== undefined && WHOLE_UNITS.has(unit) ? 0 : Math.max(0, k ?? 0),
    };
  }
  if (name === "abs" && format.sign === "always") format = { ...format, sign: "auto" };
  const form = { ...f.form, format };
  const method = `${f.provenance.method ? `${f.provenance.method} ` : ""}| ${name}${k === undefined ? "" : `: ${k}`}`;
  const provenance = { ...f.provenance, method };
  if (f.value === null) return { ...f, provenance };
  let value: number;
  let range: readonly [number, number] | undefined;
  if (f.range !== undefined) {
    const ends = [apply(f.range[0]), apply(f.range[1])].sort((a, b) => a - b) as [number, number];
    if (ends[0] === ends[1]) value = ends[0];
    else {
      range = ends;
      value = tidy((ends[0] + ends[1]) / 2);
    }
  } else value = apply(f.value);
  // The words described the original number; the ends of a fact are the new ones.
  const fields = Object.fromEntries(
    Object.entries(f.fields)
      .filter(([key]) => key !== "words")
      .map(([key, x]) => [
        key,
        key === "low" ? (range?.[0] ?? value) : key === "high" ? (range?.[1] ?? value) : x,
      ]),
  );
  return {
    form,
    value,
    ...(range === undefined ? {} : { range }),
    qualifier: f.qualifier,
    numberText: writeNumber(form, value, range),
    inline: f.inline,
    provenance,
    fields,
  };
}

/** A numeric filter on a plain value (a number, or text that is one). */
function numericOnPlain(self: FilterThis, name: NumericName, v: unknown, k?: number): number {
  const x = plainNumber(v);
  if (x === undefined) {
    fail(self, name, `${nameOf(v)} is not a number`);
  }
  checkOperand(self, name, k);
  return arithmetic(self, name, x, k);
}

// ---------------------------------------------------------------------------
// Text filters

/** Words a figure's text may hold whose case a text filter may change. */
const FIGURE_WORDS = new Set([
  ...["about", "almost", "more", "less", "than", "up", "to", "at", "least"],
  ...["thousand", "million", "billion", "trillion"],
  ...["times", "time", "percentage", "point", "points", "a", "per", "day", "year", "years"],
  ...["month", "months", "barrel", "barrels", "tonne", "tonnes", "th", "st", "nd", "rd"],
  ...NUMBER_WORDS.flatMap((w) => w.split(/[\s-]/)),
]);

/** Letter runs in a figure's number that are symbols (US, km, Mt): their case is fixed. */
function symbolsOf(f: Figure): Set<string> {
  const runs = f.numberText.match(/\p{L}+/gu) ?? [];
  return new Set(runs.filter((r) => !FIGURE_WORDS.has(r.toLowerCase())));
}

function changeCase(
  text: string,
  symbols: Set<string>,
  mode: "upcase" | "downcase" | "capitalize",
) {
  let first = true;
  return text.replace(/\p{L}+/gu, (run) => {
    const isFirst = first;
    first = false;
    if (symbols.has(run)) return run;
    switch (mode) {
      case "upcase":
        return run.toUpperCase();
      case "downcase":
        return run.toLowerCase();
      case "capitalize":
        return isFirst ? `${run[0]!.toUpperCase()}${run.slice(1)}` : run;
    }
  });
}

/** Where `core` stands whole in `text` (not glued to a digit or letter that would change it). */
function intactAt(text: string, core: string): number | undefined {
  for (let at = text.indexOf(core); at >= 0; at = text.indexOf(core, at + 1)) {
    const before = text[at - 1] ?? " ";
    const after = text[at + core.length] ?? " ";
    if (!/[\p{L}\p{N}.,+\-−]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return at;
  }
  return undefined;
}

/** Runs a LiquidJS filter, resolving a generator or promise it may return. */
function* run(
  self: FilterThis,
  impl: FilterHandler,
  v: unknown,
  args: readonly unknown[],
): Generator<unknown, unknown, unknown> {
  return yield impl.apply(self, [v, ...args]);
}

const CASE_FILTERS = new Set(["upcase", "downcase", "capitalize"]);

function* textOnFigure(
  self: FilterThis,
  name: string,
  impl: FilterHandler,
  f: Figure,
  args: readonly unknown[],
): Generator<unknown, Figure, unknown> {
  const current = figureText(f);
  const core = figureCore(f);
  let text: string;
  let newCore = core;
  if (CASE_FILTERS.has(name)) {
    const mode = name as "upcase" | "downcase" | "capitalize";
    text = changeCase(current, symbolsOf(f), mode);
    // Case mapping keeps the length of these words: the core is where it was.
    const at = intactAt(current, core);
    newCore =
      at !== undefined && text.length === current.length
        ? text.slice(at, at + core.length)
        : changeCase(core, symbolsOf(f), mode === "capitalize" ? "downcase" : mode);
  } else {
    const out = yield* run(self, impl, current, args);
    text = String(out);
    if (intactAt(text, core) === undefined) {
      const bare = f.qualifier !== "exact" ? "; to drop the qualifier use | bare" : "";
      fail(
        self,
        name,
        `this would change the figure ${figureName(f)} itself (${core === current ? "" : `“${core}” in `}“${current}” → “${text}”); text filters may add words around a figure, not change it${bare}`,
      );
    }
  }
  if (text === current) return f;
  return { ...f, rewritten: { by: name, text, core: newCore } };
}

// ---------------------------------------------------------------------------
// Wording

function direction(self: FilterThis, v: unknown, words: readonly unknown[]): string {
  const [up, down, flat = "was unchanged"] = words.map(String);
  const f = figureOf(v);
  let sign: number;
  if (f) {
    if (f.value === null) {
      fail(
        self,
        "direction",
        `${figureName(f)} is not available (“—”), so it has no direction; test {% if ${figureName(f)}.available %} first`,
      );
    }
    const ends = (f.range ?? [f.value]).map((x) => Math.sign(displayedNumber(f.form, x)));
    if (new Set(ends).size > 1) {
      fail(self, "direction", `${figureName(f)} is a range across zero; it has no one direction`);
    }
    sign = ends[0]!;
  } else {
    const n = plainNumber(v);
    if (n === undefined) fail(self, "direction", `${nameOf(v)} is not a number, so it has no sign`);
    sign = Math.sign(n);
  }
  return sign > 0 ? up! : sign < 0 ? down! : flat;
}

function ordinalOf(self: FilterThis, v: unknown): string | Figure {
  const f = figureOf(v);
  const whole = (n: number | undefined, who: string): number => {
    if (n === undefined || !Number.isInteger(n) || n < 1) {
      fail(self, "ordinal", `${who} is not a whole number of 1 or more, so it has no ordinal`);
    }
    return n;
  };
  if (!f) return ordinal(whole(plainNumber(v), nameOf(v)));
  const who = `${figureName(f)} (“${figureText(f)}”)`;
  if (f.form.unit !== "rank") {
    fail(
      self,
      "ordinal",
      `${who} is not a rank (its unit is ${f.form.unit ?? "none"}); ordinal writes ranks`,
    );
  }
  if (f.rewritten) fail(self, "ordinal", `${who} was already rewritten by ${f.rewritten.by}`);
  if (f.qualifier !== "exact") {
    fail(
      self,
      "ordinal",
      `${who} is a bound ("${f.qualifier}"); for the bound itself write {{ ${figureName(f)} | bare | ordinal }}`,
    );
  }
  if (f.range !== undefined) fail(self, "ordinal", `${who} is a range; it has no one ordinal`);
  if (f.value === null) return f;
  const n = whole(displayedNumber(f.form, f.value), who);
  const text = ordinal(n);
  return { ...f, rewritten: { by: "ordinal", text, core: text } };
}

function bareOf(self: FilterThis, v: unknown): Figure {
  const f = figureOf(v);
  if (!f) {
    fail(
      self,
      "bare",
      `${nameOf(v)} is not a figure; bare removes a fact's qualifier ("about", "more than")`,
    );
  }
  if (f.rewritten) {
    fail(
      self,
      "bare",
      `${figureName(f)} was already rewritten by ${f.rewritten.by}; apply bare first, e.g. {{ ${figureName(f)} | bare | ${f.rewritten.by} }}`,
    );
  }
  if (f.qualifier === "exact") return f;
  return { ...f, qualifier: "exact", fields: { ...f.fields, qualifier: "exact" } };
}

type WordingName = keyof typeof BRIEFKIT_SPECS;

function wording(
  self: FilterThis,
  name: WordingName,
  v: unknown,
  args: readonly unknown[],
): string | Figure {
  switch (name) {
    case "direction":
      return direction(self, v, args);
    case "ordinal":
      return ordinalOf(self, v);
    case "bare":
      return bareOf(self, v);
  }
}

// ---------------------------------------------------------------------------
// The filters a sandbox registers

/** List filters whose first argument names a property of the items. */
const PROPERTY_FILTERS = new Set([
  "map",
  "sum",
  "sort",
  "sort_natural",
  "where",
  "reject",
  "group_by",
  "has",
  "find",
  "find_index",
]);
const EXP_OF: Readonly<Record<string, string>> = {
  where: "where_exp",
  reject: "reject_exp",
  group_by: "group_by_exp",
  has: "has_exp",
  find: "find_exp",
  find_index: "find_index_exp",
};

/** List filters that evaluate a Liquid expression for each item: `where_exp: "x", "x.size > 1"`. */
const EXPRESSION_FILTERS: ReadonlySet<string> = new Set(Object.values(EXP_OF));

/**
 * The filter appended to such an expression. LiquidJS tests the expression's
 * result as JavaScript does, so a number nobody knows (an `Unknown`, see
 * liquid.ts) would count as true or false without a word; this filter
 * refuses it. It is registered only for this evaluation (`decidedSelf`), so
 * a template cannot name it.
 */
const DECIDED = "briefkit_decided";

function decided(v: unknown): unknown {
  if (v instanceof Unknown) throw Unknown.error(v);
  return v;
}

/** The filter's `this`, with a Liquid that also knows `DECIDED`. */
function decidedSelf(self: FilterThis): FilterThis {
  const liquid = Object.create(self.liquid, {
    filters: { value: { ...self.liquid.filters, [DECIDED]: decided } },
  }) as FilterThis["liquid"];
  return { ...self, liquid };
}

/** An expression filter's arguments (item name, expression) with the expression guarded. */
function decidedArgs(args: readonly unknown[]): unknown[] {
  return [args[0], `${String(args[1])} | ${DECIDED}`, ...args.slice(2)];
}

/** Filters that may take a figure as an argument: they print it, or fall back to it. */
const FIGURE_ARGS = new Set(["append", "prepend", "default"]);

/**
 * The filters a template's sandbox registers: every LiquidJS filter wrapped
 * (registered under the same name, so it replaces the original) and
 * briefkit's own. Figures they give print through `sink`.
 */
export function templateFilters(sink: NumberSink): Record<string, FilterImplOptions> {
  const out: Record<string, FilterImplOptions> = {};
  const figure = (f: Figure) => numberValue(f, sink);
  for (const info of FILTER_TABLE) {
    const original = liquidFilters[info.name];
    const impl: FilterHandler | undefined =
      original === undefined
        ? undefined
        : typeof original === "function"
          ? original
          : original.handler;
    const handler = function* (
      this: FilterThis,
      v: unknown,
      ...args: unknown[]
    ): Generator<unknown, unknown, unknown> {
      return yield* apply(this, info, impl, v, args, figure);
    };
    out[info.name] = info.name === "raw" ? { raw: true, handler } : handler;
  }
  return out;
}

function* apply(
  self: FilterThis,
  info: FilterInfo,
  impl: FilterHandler | undefined,
  raw: unknown,
  rawArgs: unknown[],
  figure: (f: Figure) => unknown,
): Generator<unknown, unknown, unknown> {
  const name = info.name;
  // A number nobody knows (the .value of a figure that is not available) goes into no filter.
  const unknown = [raw, ...rawArgs].find((x) => x instanceof Unknown);
  if (unknown) failWith(self, name, Unknown.error(unknown));
  const f = figureOf(raw);
  // Liquid's nil, empty and blank are drops: filters see the value they stand for.
  const v = f ? raw : toValue(raw);
  const args = rawArgs.map((a) => (figureOf(a) ? a : toValue(a)));
  // Infinity or NaN (a number literal too long to hold, an overflow) would print as a word.
  const notFinite = [v, ...args].find((x) => typeof x === "number" && !Number.isFinite(x));
  if (notFinite !== undefined) {
    fail(
      self,
      name,
      `${String(notFinite)} is not a finite number (a number literal too large to hold?)`,
    );
  }
  // A figure may be an argument only where the filter prints it, or falls back to it.
  if (info.kind !== "refused") {
    checkArgs(self, info, args, name === "default" || (!f && FIGURE_ARGS.has(name)));
  }
  switch (info.kind) {
    case "numeric": {
      if (!isNumericName(name)) throw new Error(`${name} is not a numeric filter`);
      const k = args.length > 0 ? plainNumber(args[0]) : undefined;
      return f ? figure(numericOnFigure(self, name, f, k)) : numericOnPlain(self, name, v, k);
    }
    case "wording": {
      const r = wording(self, name as WordingName, v, args);
      return typeof r === "string" ? r : figure(r);
    }
    case "pass-through":
      if (f) {
        if (name === "default" && f.value === null) return args[0];
        return v;
      }
      return unprintable(name, yield* run(self, impl!, v, args));
    case "text":
      if (f) return figure(yield* textOnFigure(self, name, impl!, f, args));
      return yield* textOnPlain(self, info, impl!, v, args);
    case "refused-on-figures":
      if (f) fail(self, name, `cannot take the figure ${nameOf(v)}: ${info.onFigure}`);
      return yield* otherOnPlain(self, info, impl!, v, args);
    case "refused":
      return fail(self, name, `refused: ${info.onFigure}`);
  }
}

/** A text filter on plain text: the figures the text holds must come out as they went in. */
function* textOnPlain(
  self: FilterThis,
  info: FilterInfo,
  impl: FilterHandler,
  v: unknown,
  args: readonly unknown[],
): Generator<unknown, unknown, unknown> {
  checkInput(self, info, v);
  const before = placeholdersIn(String(v));
  let out: unknown;
  let expected = before;
  if (info.name === "append" || info.name === "prepend") {
    // Printing a figure argument leaves its placeholder: do it once, here.
    const added = String(args[0]);
    // LiquidJS's own append charges the memory limit; this one must too (a doubling loop).
    self.context.memoryLimit.use(String(v).length + added.length);
    out = info.name === "append" ? `${v}${added}` : `${added}${v}`;
    expected =
      info.name === "append"
        ? [...before, ...placeholdersIn(added)]
        : [...placeholdersIn(added), ...before];
  } else {
    out = yield* run(self, impl, v, args);
  }
  const text = String(out ?? "");
  const after = placeholdersIn(text);
  if (hasBrokenPlaceholder(text) || after.join(",") !== expected.join(",")) {
    fail(
      self,
      info.name,
      "this text holds a figure, and the filter would change or cut it; apply text filters to the figure itself before joining it to text",
    );
  }
  return out;
}

/** Any other LiquidJS filter on a plain value: its input checked, its result checked. */
function* otherOnPlain(
  self: FilterThis,
  info: FilterInfo,
  impl: FilterHandler,
  v: unknown,
  args: readonly unknown[],
): Generator<unknown, unknown, unknown> {
  const name = info.name;
  checkInput(self, info, v);
  if (typeof v === "string" && placeholdersIn(v).length > 0) {
    fail(self, name, "this text holds a figure; apply the filter to the figure or to plain text");
  }
  if (name === "to_integer") {
    const n = plainNumber(v)!;
    if (!Number.isInteger(n)) {
      fail(
        self,
        name,
        `${nameOf(v)} is not a whole number; say how to round it with round, floor or ceil`,
      );
    }
    return n;
  }
  if (name === "sum" && args.length === 0) {
    const items = v as unknown[];
    const bad = items.find((x) => plainNumber(x) === undefined);
    if (bad !== undefined) fail(self, name, `the list holds ${nameOf(bad)}, which is not a number`);
    return tidy(items.reduce((s: number, x) => s + plainNumber(x)!, 0));
  }
  if ((name === "first" || name === "last") && (v as unknown[]).length === 0) {
    fail(self, name, "the list is empty");
  }
  if (PROPERTY_FILTERS.has(name) && args.length > 0) {
    const item = (v as unknown[]).find(
      (x) => x === null || typeof x !== "object" || Array.isArray(x),
    );
    if (item !== undefined) {
      const exp = EXP_OF[name];
      fail(
        self,
        name,
        `the list holds ${nameOf(item)}, which has no property "${String(args[0])}"${exp ? `; test each item with an expression instead, e.g. ${exp}: "x", "x.size > 1"` : ""}`,
      );
    }
  }
  let out: unknown;
  try {
    out = EXPRESSION_FILTERS.has(name)
      ? yield* run(decidedSelf(self), impl, v, decidedArgs(args))
      : yield* run(self, impl, v, args);
  } catch (error) {
    if (error instanceof RenderError) throw error;
    if (error instanceof TemplateError) failWith(self, name, error);
    fail(self, name, error instanceof Error ? error.message : String(error));
  }
  if (typeof out === "number" && !Number.isFinite(out)) {
    fail(self, name, `the result (${out}) is not a finite number`);
  }
  return unprintable(name, out);
}

/**
 * An object a filter gives (group_by's `{ name, items }`, or one `find`
 * picks) keeps its fields but cannot be printed: printing it is an error,
 * not "[object Object]".
 */
function unprintable(name: string, x: unknown): unknown {
  if (Array.isArray(x)) return x.map((item) => unprintable(name, item));
  if (x === null || typeof x !== "object" || figureOf(x)) return x;
  const proto = Object.getPrototypeOf(x);
  if (proto !== Object.prototype && proto !== null) return x;
  const o = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(x)) o[k] = unprintable(name, v);
  const refuse = () => {
    throw new Error(
      `cannot print what ${name} gave (an object with ${Object.keys(o).join(", ")}); print one of its fields, e.g. .${Object.keys(o)[0] ?? "name"}`,
    );
  };
  Object.defineProperty(o, "toString", { value: refuse });
  Object.defineProperty(o, "valueOf", { value: refuse });
  return o;
}
