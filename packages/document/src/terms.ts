/**
 * Every word briefkit adds to a brief or a report, in one table per
 * language, in the manner of pandoc's `translateTerm`: the caption labels
 * the writers print, the running footer, the titles compose gives the table
 * of contents and its appendices, the sentences of those appendices, and
 * the edition diff report of the CLI. A term whose sentence holds a number or
 * a name is a function of it, so a translation can put it where its grammar
 * wants it.
 *
 * English, Japanese (`terms-ja.ts`) and Russian (`terms-ru.ts`); another
 * language is one more table of type `Terms` in `TERM_TABLES`, and the
 * compiler lists any term it lacks.
 * `termsFor` looks a BCP 47 tag up as RFC 4647 "lookup" does ("pt-BR", then
 * "pt") and falls back to English.
 */
import type { Provenance } from "./schema.js";
import { japanese } from "./terms-ja.js";
import { russian } from "./terms-ru.js";

/** How a fact's number is qualified (the dataset's `qualifier`, "exact" aside). */
export type Qualifier = "about" | "almost" | "more-than" | "less-than" | "up-to" | "at-least";

/** A calendar date as the reader sees it ("8 September 2005"). */
type DateText = string;

/** What a figure on a declared total covers (compose passes the indicator's record). */
export interface FigureCoverage {
  /** How the figure treats totals that differ; undefined when it compares none. */
  basis: "like-for-like" | "as-published" | undefined;
  /** The column naming the parts: "region". */
  dimension: string;
  /** How many parts the table has in all. */
  all: number;
  /** Per period read: the parts included, those without figures, those left out to compare like with like. */
  periods: readonly {
    period: string;
    parts: readonly string[];
    missing: readonly string[];
    leftOut: readonly string[];
  }[];
}

/** How a figure annualised a part year. */
export interface FigureAnnualised {
  method: "scale-by-months" | "double-half-year";
  /** The part-year period: "2005-H1". */
  from: string;
  factor: number;
}

/** The words of one language. */
export interface Terms {
  // ------------------------------------------------------------ writers
  /** Caption label of a table: "Table 1." */
  table: string;
  /** Caption label of a figure: "Figure 1." */
  figure: string;
  /**
   * What follows a caption's number, before the caption text: "." gives
   * "Table 1. Trade". Every writer takes it from here, so the house style
   * is one choice, not one per format.
   */
  captionEnd: string;
  /** The label before the notes under a table or figure (PDF). */
  notesLabel: (count: number) => string;
  /** Heading of the endnotes section. */
  endnotes: string;
  /** An empty numeric table cell. */
  missingValue: string;
  /** Titles of callouts that have none of their own. */
  calloutFinding: string;
  calloutNote: string;
  calloutRecommendation: string;
  /** Title of a key-figures box that has none of its own (HTML). */
  keyFigures: string;
  /** The word for an edition, as a label ("Edition"; the HTML title block's). */
  edition: string;
  /** An edition named in running text: "Edition 2005", "2005年版". */
  editionOf: (edition: string) => string;
  /** What joins the parts of a run-in list such as the byline: ", ", "、". */
  listComma: string;
  /** A remark in brackets after what it qualifies, with the space the language puts before it: " (2005)", "（2005年）". */
  parenthetical: (text: string) => string;
  /** "Data as of 30 June 2005". */
  dataAsOf: string;
  /** Labels of the HTML title block. */
  author: string;
  published: string;
  /** What "—" stands for, read out by screen readers; also an unavailable figure in the changes appendix. */
  notAvailable: string;
  /** Tooltip of a number that is an estimate (HTML). */
  estimate: string;
  /** Accessible name of a footnote reference: "Note 3". */
  noteReference: (note: number) => string;
  /** Accessible name of a back-link from a note to its reference: "Back to reference 3" (or "3.2"). */
  backToReference: (reference: string) => string;
  /**
   * The running footer, "Page 3 of 7". Writers call it with placeholders and
   * put a page field where each lands (see `slotted`).
   */
  pageOf: (page: string, pages: string) => string;
  /** The HTML skip link. */
  skipToContent: string;
  /** Tracked changes, read out before changed text and in its tooltip: "Inserted by briefkit on 8 September 2006". */
  inserted: string;
  deleted: string;
  changeBy: (author: string) => string;
  changeOn: (date: DateText) => string;

  // ------------------------------------------------------------ compose
  /**
   * The quotation marks of the language's prose, as
   * [open, close, inner open, inner close]: compose sets a quotation typed
   * with " in a template's prose in the first pair and one typed with ' in
   * the second (English “…” and ‘…’; German would give „…“ and ‚…‘).
   */
  quotes: readonly [open: string, close: string, innerOpen: string, innerClose: string];
  /** Title of the table of contents. */
  contents: string;
  /** A fact's number with its qualifier: "about US$12 billion", "up to 105 Mt a year". */
  qualified: (qualifier: Qualifier, number: string) => string;
  /** What joins the ends of a range written once with its unit: "US$3–4 billion", "30～40億米ドル". */
  rangeMark: string;
  /** A range with a negative end, both ends written in full: "−3% to 4%". */
  rangeWords: (low: string, high: string) => string;
  /** The note under a table with a missing value: "— not available." */
  missingNote: string;
  /** A chart's slice or bar for what the listed parts leave over. */
  remainder: string;
  /** The note under a chart whose rounded share labels do not add up to 100. */
  roundingNote: string;
  /** A chart's legend entry for a part year: "2005 (first half) only". */
  partYearLegend: (period: string) => string;
  /** The note under a chart that draws a part year. */
  partYearNote: (periods: string) => string;
  /** The source line under a table or figure: "Source: X." or "Source: X, as cited in Y (Z)." */
  sourceLine: (source: string, citedIn: string | undefined) => string;
  /** The "About the figures" appendix: its heading, its first paragraph and one item per figure (after the figure itself). */
  aboutFiguresHeading: string;
  aboutFiguresIntro: (dataset: string, edition: string) => string;
  aboutFigure: (provenance: Provenance, estimate: boolean) => string;
  /** What a figure built on a declared total covers, after its `aboutFigure` line. */
  aboutCoverage: (coverage: FigureCoverage) => string;
  /** How a figure annualised a part year, after its `aboutFigure` line. */
  aboutAnnualised: (annualised: FigureAnnualised) => string;

  // ------------------------------------------- compose: the changes appendix
  changesHeading: string;
  changesFirstEdition: (edition: string) => string;
  changesIntro: (
    edition: string,
    published: DateText,
    dataAsOf: DateText | undefined,
    previous: string,
    previousPublished: DateText,
  ) => string;
  changesNone: (previous: string) => string;
  changesFigures: string;
  changesData: string;
  changesFacts: string;
  changeTableAdded: string;
  changeTableRemoved: string;
  changeTableNotes: string;
  changeTableProperty: (property: string, from: string, to: string) => string;
  /** A table property that had, or now has, no value. */
  changeNoValue: string;
  changeColumnAdded: (column: string) => string;
  changeColumnRemoved: (column: string) => string;
  changeFactFields: (fields: readonly string[]) => string;
  /** Text in quotation marks: a label, an indicator's words. */
  quoted: (text: string) => string;
  /** A number of years ("7 years"): the unit `years`. */
  years: (count: string) => string;
  /** A change in percentage points or in per cent, signed: "+2.0 percentage points", "+1.7%". */
  percentagePoints: (signed: string) => string;
  percent: (signed: string) => string;
  /** What a changed cell is: "Exports (Yakutia) in 2003". */
  cellSubject: (column: string, keys: string | undefined, period: string | undefined) => string;
  /** A row with no name of its own. */
  aRow: string;
  /** `from`, `to` and `value` are slots (see `slotted`): the figures, as number nodes. */
  cellRevised: (subject: string, from: string, to: string, change: string) => string;
  cellFilled: (subject: string, value: string) => string;
  cellGone: (subject: string, value: string) => string;
  rowsAdded: (name: string, values: string) => string;
  rowsRemoved: (name: string, values: string) => string;
  factAdded: (label: string, value: string) => string;
  factRemoved: (label: string, value: string) => string;
  factRevised: (
    label: string,
    from: string,
    to: string,
    change: string,
    other: string | undefined,
  ) => string;
  factChanged: (label: string, other: string) => string;
  /** "Trade: US$10.7 billion (2005); it was US$8.8 billion (2004)." `now` and `was` are slots. */
  indicatorChanged: (
    label: string,
    now: string,
    nowDetail: string,
    was: string,
    wasDetail: string,
  ) => string;

  // ------------------------------------------- CLI: the edition diff report
  reportTitle: (from: string, to: string) => string;
  reportEditions: (
    template: string,
    from: { edition: string; published: string },
    to: { edition: string; published: string; dataAsOf?: string | undefined },
  ) => string;
  reportSummary: (counts: {
    data: number;
    figures: number;
    sentences: number;
    audiences: number;
    tables: number;
    charts: number;
  }) => string;
  reportData: string;
  reportFigures: string;
  reportTables: string;
  reportCharts: string;
  reportSentences: (audience: string) => string;
  /** A count of changes, or of indicators, after a section's title. */
  reportChanges: (count: number) => string;
  reportIndicators: (count: number) => string;
  reportNoChange: string;
  reportPreamble: string;
  reportSentenceCounts: (counts: {
    figures: number;
    wording: number;
    added: number;
    removed: number;
  }) => string;
  /** How a sentence changed, as the report tags it. */
  reportReworded: string;
  reportNewFigures: string;
  /** The terminal's shorter tag for a sentence with new figures. */
  reportFiguresTag: string;
  reportAdded: string;
  reportRemoved: string;
  reportIndicator: string;
  reportBefore: string;
  reportAfter: string;
  reportChange: string;
  /** Nouns of the terminal report's "+ column X" lines. */
  reportColumn: string;
  reportRow: string;
  reportSeries: string;
  reportColumnAdded: (column: string) => string;
  reportColumnRemoved: (column: string) => string;
  reportRowAdded: (row: string) => string;
  reportRowRemoved: (row: string) => string;
  reportSeriesAdded: (series: string) => string;
  reportSeriesRemoved: (series: string) => string;
  reportCategoryAdded: (category: string) => string;
  reportCategoryRemoved: (category: string) => string;
}

/** A term: a key of the table. */
export type Term = keyof Terms;

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "a, b and c". */
const andList = (xs: readonly string[]) => xs.join(", ").replace(/, ([^,]*)$/, " and $1");

const QUALIFIERS_EN: Record<Qualifier, string> = {
  about: "about",
  almost: "almost",
  "more-than": "more than",
  "less-than": "less than",
  "up-to": "up to",
  "at-least": "at least",
};

const english: Terms = {
  table: "Table",
  figure: "Figure",
  captionEnd: ".",
  notesLabel: (n) => (n === 1 ? "Note:" : "Notes:"),
  endnotes: "Notes",
  missingValue: "—",
  calloutFinding: "Key finding",
  calloutNote: "Note",
  calloutRecommendation: "Recommendation",
  keyFigures: "Key figures",
  edition: "Edition",
  editionOf: (e) => `Edition ${e}`,
  listComma: ", ",
  parenthetical: (t) => ` (${t})`,
  dataAsOf: "Data as of",
  author: "Author",
  published: "Published",
  notAvailable: "not available",
  estimate: "estimate",
  noteReference: (n) => `Note ${n}`,
  backToReference: (reference) => `Back to reference ${reference}`,
  pageOf: (page, pages) => `Page ${page} of ${pages}`,
  skipToContent: "Skip to content",
  inserted: "Inserted",
  deleted: "Deleted",
  changeBy: (author) => `by ${author}`,
  changeOn: (date) => `on ${date}`,

  quotes: ["“", "”", "‘", "’"],
  contents: "Contents",
  qualified: (q, n) => `${QUALIFIERS_EN[q]} ${n}`,
  rangeMark: "–",
  rangeWords: (low, high) => `${low} to ${high}`,
  missingNote: "— not available.",
  remainder: "Other or not stated",
  roundingNote: "Shares may not add up to 100% because of rounding.",
  partYearLegend: (period) => `${period} only`,
  partYearNote: (periods) => `${periods}: part of the year only; not comparable with full years.`,
  sourceLine: (source, citedIn) =>
    `Source: ${source}${citedIn === undefined ? "" : `, as cited in ${citedIn}`}.`,
  aboutFiguresHeading: "About the figures",
  aboutFiguresIntro: (dataset, edition) =>
    `Every figure in this brief is computed from the ${dataset} dataset, edition ${edition}. The list gives, for each figure stated in the text, the calculation and the source behind it.`,
  aboutFigure: (p, estimate) => {
    const what = p.indicator
      ? `indicator ${p.indicator} (${p.method ?? "calculation"}${p.table ? ` on table ${p.table}` : ""}${p.fact ? ` from fact ${p.fact}` : ""})`
      : p.fact
        ? `fact ${p.fact}${p.method ? ` (${p.method})` : ""}`
        : p.table
          ? `table ${p.table}, ${p.series ?? ""}`
          : "the data";
    const ps = p.periods ?? [];
    // A sum over many periods reads as its span, not as a list.
    const periods =
      ps.length === 0 ? "" : `, ${ps.length > 2 ? `${ps[0]} to ${ps.at(-1)}` : ps.join("–")}`;
    const source = p.sourceTitle ? `; source: ${p.sourceTitle}` : "";
    return ` — ${what}${periods}${source}${estimate ? " (estimate)" : ""}.`;
  },
  aboutCoverage: (c) => {
    const each = c.periods
      .map((p) => {
        const without = p.missing.length > 0 ? ` (no figures for ${andList(p.missing)})` : "";
        const left =
          p.leftOut.length > 0
            ? `, leaving out ${andList(p.leftOut)}, which ${p.leftOut.length === 1 ? "has" : "have"} figures that year`
            : "";
        return `in ${p.period}, ${p.parts.length} of the ${c.all} ${c.dimension} values${without}${left}`;
      })
      .join("; ");
    switch (c.basis) {
      case "like-for-like":
        return ` Compared like for like, on the ${c.dimension} values with figures in every period compared (${andList(c.periods[0]?.parts ?? [])}): ${each}.`;
      case "as-published":
        return ` Compares the published totals, which cover different ${c.dimension} values: ${each}.`;
      case undefined:
        return ` The total covers, ${each}.`;
    }
  },
  aboutAnnualised: (a) =>
    ` Annualised from ${a.from} ${a.method === "double-half-year" ? "by doubling the half year" : `by scaling the months covered to twelve`} (× ${a.factor}): an estimate, not a recorded figure.`,

  changesHeading: "Changes since the last edition",
  changesFirstEdition: (edition) =>
    `This is the first edition of this brief (edition ${edition}): there is no earlier edition to compare it with.`,
  changesIntro: (edition, published, dataAsOf, previous, previousPublished) =>
    `This is edition ${edition}, published ${published}${dataAsOf ? ` with data as of ${dataAsOf}` : ""}. Compared with edition ${previous} (published ${previousPublished}), the figures this brief states and the data behind them changed as listed below; every other figure is as it was.`,
  changesNone: (previous) => `No figure and no data changed since edition ${previous}.`,
  changesFigures: "Figures stated in this brief",
  changesData: "The data",
  changesFacts: "Facts quoted in the text",
  changeTableAdded: "A new table in this edition.",
  changeTableRemoved: "Removed in this edition.",
  changeTableNotes: "The notes under the table changed.",
  changeTableProperty: (property, from, to) => `Its ${property} changed from “${from}” to “${to}”.`,
  changeNoValue: "none",
  changeColumnAdded: (column) => `New column: ${column}.`,
  changeColumnRemoved: (column) => `Column removed: ${column}.`,
  changeFactFields: (fields) => `its ${andList(fields)} changed`,
  quoted: (text) => `“${text}”`,
  years: (n) => `${n} years`,
  percentagePoints: (signed) => `${signed} percentage points`,
  percent: (signed) => `${signed}%`,
  cellSubject: (column, keys, period) =>
    `${column}${keys === undefined ? "" : ` (${keys})`}${period === undefined ? "" : ` in ${period}`}`,
  aRow: "A row",
  cellRevised: (subject, from, to, change) => `${subject} revised from ${from} to ${to}${change}.`,
  cellFilled: (subject, value) => `${subject}, not available before, is now ${value}.`,
  cellGone: (subject, value) => `${subject} is no longer available (it was ${value}).`,
  rowsAdded: (name, values) => `${name} added: ${values}.`,
  rowsRemoved: (name, values) => `${name} removed: ${values}.`,
  factAdded: (label, value) => `${label}: new, ${value}.`,
  factRemoved: (label, value) => `${label}: removed (it was ${value}).`,
  factRevised: (label, from, to, change, other) =>
    `${label}: revised from ${from} to ${to}${change}${other ? `; ${other}` : ""}.`,
  factChanged: (label, other) => `${label}: ${other}.`,
  indicatorChanged: (label, now, nowDetail, was, wasDetail) =>
    `${label}: ${now}${nowDetail}; it was ${was}${wasDetail}.`,

  reportTitle: (from, to) => `Changes from edition ${from} to edition ${to}`,
  reportEditions: (template, from, to) =>
    `${template}: edition ${from.edition} (published ${from.published}) → edition ${to.edition} (published ${to.published}${to.dataAsOf ? `, data as of ${to.dataAsOf}` : ""})`,
  reportSummary: (n) =>
    `${count(n.data, "data change")}, ${count(n.figures, "figure")} stated differently, ${count(n.sentences, "sentence")} changed over ${count(n.audiences, "audience")}, ${count(n.tables, "table")} and ${count(n.charts, "chart")} changed`,
  reportData: "Data",
  reportFigures: "Figures the brief states",
  reportTables: "Tables",
  reportCharts: "Charts",
  reportSentences: (audience) => `Sentences: ${audience}`,
  reportChanges: (n) => count(n, "change"),
  reportIndicators: (n) => count(n, "indicator"),
  reportNoChange: "no change",
  reportPreamble: "before the first heading",
  reportSentenceCounts: (n) =>
    [
      n.figures ? `${n.figures} with new figures` : "",
      n.wording ? `${n.wording} reworded` : "",
      n.added ? `${n.added} added` : "",
      n.removed ? `${n.removed} removed` : "",
    ]
      .filter(Boolean)
      .join(", "),
  reportReworded: "reworded",
  reportNewFigures: "new figures",
  reportFiguresTag: "figures",
  reportAdded: "added",
  reportRemoved: "removed",
  reportIndicator: "Indicator",
  reportBefore: "Before",
  reportAfter: "After",
  reportChange: "Change",
  reportColumn: "column",
  reportRow: "row",
  reportSeries: "series",
  reportColumnAdded: (column) => `new column: ${column}`,
  reportColumnRemoved: (column) => `column removed: ${column}`,
  reportRowAdded: (row) => `new row: ${row}`,
  reportRowRemoved: (row) => `row removed: ${row}`,
  reportSeriesAdded: (series) => `new series: ${series}`,
  reportSeriesRemoved: (series) => `series removed: ${series}`,
  reportCategoryAdded: (category) => `new: ${category}`,
  reportCategoryRemoved: (category) => `removed: ${category}`,
};

/** The terms tables by language tag (canonical case: "en", "pt-BR"). English is the fallback. */
export const TERM_TABLES: Readonly<Record<string, Terms>> = {
  en: english,
  ja: japanese,
  ru: russian,
};

/** The tag in canonical form, or undefined when it is not a well-formed BCP 47 tag. */
function canonicalTag(language: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(language)[0];
  } catch {
    return undefined;
  }
}

/**
 * The words for a document in `language` (a BCP 47 tag): the table of the
 * tag, else of its shorter prefixes ("pt-BR", then "pt"), else English;
 * `overrides` replace single terms.
 */
export function termsFor(language: string, overrides: Partial<Terms> = {}): Terms {
  let tag = canonicalTag(language) ?? "";
  let table: Terms = english;
  while (tag !== "") {
    const found = TERM_TABLES[tag];
    if (found !== undefined) {
      table = found;
      break;
    }
    const cut = tag.lastIndexOf("-");
    tag = cut < 0 ? "" : tag.slice(0, cut);
  }
  const given = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  return { ...table, ...given };
}

/** First private marker: noncharacters, which no text a term is given holds (the writers replace them). */
const MARKER = 0xfdd0;

/**
 * A term's text with values that are not text put where the term puts them:
 * a number node in a sentence, a page field in "Page X of Y". `render` gets
 * one marker per value and calls the term with them; its text is cut at the
 * markers. Empty pieces of text are left out.
 *
 * @example slotted([pageField, pagesField], (p, n) => terms.pageOf(p, n))
 *   // ["Page ", pageField, " of ", pagesField]
 */
export function slotted<T>(
  values: readonly T[],
  render: (...markers: string[]) => string,
): Array<string | T> {
  const markers = values.map((_, i) => String.fromCharCode(MARKER + i));
  const out: Array<string | T> = [];
  let piece = "";
  for (const ch of render(...markers)) {
    const i = (ch.codePointAt(0) ?? 0) - MARKER;
    const value = i >= 0 && i < values.length ? values[i] : undefined;
    if (value === undefined) {
      piece += ch;
      continue;
    }
    if (piece !== "") out.push(piece);
    piece = "";
    out.push(value);
  }
  if (piece !== "") out.push(piece);
  return out;
}
