/**
 * The declarative definition format (zod 4): what an item of the
 * `indicators:` list of a `template.yaml` may say. Editors get it through
 * the template's JSON Schema (schemas/template.schema.json).
 *
 * One definition = one figure a brief states. It names a function, its
 * inputs (a table series, a fact or another indicator) and their periods, and
 * how to display the result:
 *
 * ```yaml
 * - id: total-trade-growth
 *   label: Growth of total trade, year on year
 *   function: growth
 *   input: { table: bilateral-trade, measure: total }
 *   period: latest            # growth from latest-1 to latest
 *   format: { style: percent, decimals: 0 }
 * ```
 *
 * The schema checks shape only. Whether a table, series, fact, indicator or
 * period exists is checked by the evaluator against a dataset, with the
 * definition's position.
 */
import { z } from "zod";

/** kebab-case id, as the dataset uses. */
const id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be kebab-case: lower-case letters, digits and hyphens")
  .describe("kebab-case id. @example total-trade-growth");

/**
 * A period as written: a year (1998), a token ("2005-H1") or a relative
 * reference (latest, latest-N, first, first+N, latest-partial). The text is
 * checked by the evaluator, which reports `bad-period` with a position.
 */
const period = z
  .union([z.int(), z.string()])
  .describe(
    "A period: latest, latest-N, first, first+N, latest-partial (the newest part-year period), a year such as 1998, or a token such as 2005-H1. Relative periods count full periods only. @example latest-1",
  );

const scale = z
  .enum(["one", "thousand", "million", "billion", "trillion"])
  .describe("Multiplier of the value. Default: one.");

const where = z
  .record(z.string(), z.union([z.string(), z.number()]))
  .describe("Filter on dimension columns. @example { region: Total }");

const label = z.string().min(1).describe("Name for rankings and messages.");

/** A series of a table: one measure, or several summed (exports + imports). */
const seriesFields = {
  table: z.string().min(1).describe("Table id in dataset.yaml. @example bilateral-trade"),
  measure: z
    .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
    .describe(
      "Number column; a list sums the columns (same unit). @example total  @example [exports, imports]",
    ),
  where: where.optional(),
  label: label.optional(),
};

const seriesRef = z
  .strictObject({ ...seriesFields, period: period.optional() })
  .describe("A value of a table series at a period (default: the definition's period).");

/** A series without a period, for functions that take periods separately. */
const seriesOnly = z
  .strictObject(seriesFields)
  .describe("A table series; periods come from the definition (from/to/base/period).");

const indicatorRef = z
  .strictObject({ indicator: id, label: label.optional() })
  .describe("The result of another indicator.");

const factRef = z
  .strictObject({
    fact: z.string().min(1).describe("Fact id in dataset.yaml. @example pipeline-capacity"),
    pick: z
      .enum(["low", "high", "mid"])
      .optional()
      .describe("For a fact given as a range: which end, or the midpoint."),
    label: label.optional(),
  })
  .describe("A scalar fact of the dataset.");

const inputRef = z
  .union([seriesRef, indicatorRef, factRef])
  .describe("An input: { table, measure, where?, period? }, { indicator } or { fact }.");

/** Every value of a column (e.g. each region) as one item; for sum and rank. */
const acrossRef = z
  .strictObject({
    ...seriesFields,
    period: period.optional(),
    across: z
      .string()
      .min(1)
      .describe("Dimension column whose values become the items. @example region"),
    exclude: z
      .array(z.string())
      .optional()
      .describe("Values to leave out, such as the total row. @example [Total]"),
  })
  .describe("One item per value of a dimension column.");

const items = z
  .union([z.array(inputRef).min(1), acrossRef])
  .describe("A list of inputs, or one input expanded across a dimension column.");

/** One end of a comparison: a period of `input`, or an input of its own. */
const endpoint = z.union([period, inputRef]);

const format = z
  .strictObject({
    style: z
      .enum(["number", "percent", "currency", "multiple"])
      .optional()
      .describe("Default from the unit: a currency code -> currency, percent -> percent."),
    decimals: z.int().min(0).max(6).optional().describe("Fraction digits. Default 1 (percent 0)."),
    scale: scale
      .optional()
      .describe("Display scale, printed as a word (billion). Default: the value's."),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional()
      .describe("ISO 4217 code. Default: the unit if it is one, else USD."),
    sign: z.enum(["auto", "always"]).optional().describe("always: +49%. Default auto."),
    units: z
      .enum(["western", "myriad"])
      .optional()
      .describe(
        "myriad: in Japanese, a scaled number is written in 万, 億 and 兆 at the precision the scale and decimals give (US$8.8 billion, one decimal: 88億米ドル; US$1,352 million: 13億5200万米ドル). Other languages write it as western. Default western.",
      ),
  })
  .describe("How to display the result. @example { style: currency, decimals: 1, scale: billion }");

/**
 * How a figure comparing totals treats a total whose parts differ between
 * the values compared (a region with "—" in one year). Required when they
 * differ: without it the definition is an error naming the missing cells.
 */
const coverageChoice = z
  .enum(["like-for-like", "as-published"])
  .optional()
  .describe(
    'When the totals compared cover different parts (a region missing, "—", in one period and present in the other; see the table\'s `totals: kind: rows`): like-for-like compares only the parts present in every value compared, summed; as-published compares the published totals and the appendix states the difference. Required when the coverage differs (an error names the missing cells); kept when it does not, so the next edition is covered. @example like-for-like',
  );

/** Named ways of scaling a part year to a year; there is no default. */
const annualiseMethod = z
  .enum(["scale-by-months", "double-half-year"])
  .describe(
    "How the part year becomes a year, stated in the appendix. scale-by-months: x 12 / the months the period covers (a half year x 2, a quarter x 4, a month x 12); double-half-year: a half year x 2, and an error for any other period. No default: an annualised figure is an estimate the template must choose. @example double-half-year",
  );

const common = {
  id,
  label: z.string().optional().describe("What the figure is, for people."),
  description: z.string().optional(),
  note: z
    .string()
    .min(1)
    .optional()
    .describe(
      "A note on the figure, printed as a footnote wherever the prose states it, in every format, numbered with the Markdown footnotes. Inline Markdown; may hold Liquid figures ({{ fact.x }}, {{ ind.y }}). For figures a source gives in ways that do not agree. @example The essay prints 22%; Table 3 gives {{ ind.far-east-trade-2003-billion }}, about {{ ind.share-table-3 }}.",
    ),
  unit: z
    .string()
    .min(1)
    .optional()
    .describe("Expected unit of the result (checked); for convert, the target unit."),
  scale: scale.optional().describe("Scale of the result; the value is rescaled to it."),
  period: period.optional().describe("Default period of the inputs. Default: latest."),
  format: format.optional(),
};

const overTime = {
  coverage: coverageChoice,
  input: seriesOnly.optional(),
  from: endpoint.optional().describe("Start: a period of input, or an input. @example 1998"),
  to: endpoint
    .optional()
    .describe("End: a period of input, or an input. Default: period, else latest."),
};

const definitions = [
  z
    .strictObject({ ...common, function: z.literal("value"), input: inputRef })
    .describe("The value of an input at a period."),
  z
    .strictObject({ ...common, function: z.literal("change"), ...overTime })
    .describe("Absolute change to - from, in the input's unit (percent -> percentage points)."),
  z
    .strictObject({ ...common, function: z.literal("growth"), ...overTime })
    .describe("Percent growth; year on year when from is omitted."),
  z
    .strictObject({
      ...common,
      function: z.literal("cagr"),
      ...overTime,
      years: z
        .number()
        .positive()
        .optional()
        .describe("Years between from and to. Default: from the periods."),
    })
    .describe("Compound annual growth rate, percent."),
  z
    .strictObject({ ...common, function: z.literal("multiple"), ...overTime })
    .describe("to / from, with a verbal band (more than doubled)."),
  z
    .strictObject({
      ...common,
      function: z.literal("index"),
      input: seriesOnly,
      base: period.describe("Base period, = 100. @example 1998"),
      coverage: coverageChoice,
    })
    .describe("Index number at period (default latest), base = 100."),
  z
    .strictObject({
      ...common,
      function: z.literal("share"),
      part: inputRef,
      total: inputRef,
      coverage: coverageChoice,
    })
    .describe("part as a percent of total, same period."),
  z
    .strictObject({
      ...common,
      function: z.literal("balance"),
      exports: inputRef,
      imports: inputRef,
      coverage: coverageChoice,
    })
    .describe("exports - imports."),
  z
    .strictObject({
      ...common,
      function: z.literal("coverage"),
      exports: inputRef,
      imports: inputRef,
      coverage: coverageChoice,
    })
    .describe("exports as a percent of imports."),
  z.strictObject({ ...common, function: z.literal("sum"), items }).describe("Sum across inputs."),
  z
    .strictObject({
      ...common,
      function: z.literal("rank"),
      items,
      of: z
        .string()
        .min(1)
        .describe("The item whose rank is the value. @example Sakhalinskaya Oblast"),
      order: z.enum(["desc", "asc"]).optional().describe("desc: 1 = largest (default)."),
    })
    .describe("Rank of one item among items; the whole ranking comes with the result."),
  z
    .strictObject({
      ...common,
      function: z.literal("annualise"),
      input: inputRef,
      method: annualiseMethod,
    })
    .describe(
      "A part-year flow scaled to a year by a named method, flagged as an estimate; the appendix states the method. Period default latest-partial.",
    ),
  z
    .strictObject({
      ...common,
      function: z.literal("rolling-mean"),
      input: seriesOnly,
      window: z.int().min(1).describe("Number of full periods. @example 3"),
    })
    .describe("Mean of the window of full periods ending at period (default latest)."),
  z
    .strictObject({
      ...common,
      function: z.literal("convert"),
      input: inputRef,
      unit: z.string().min(1).describe("Target unit. @example barrels-per-day"),
      barrelsPerTonne: z
        .number()
        .positive()
        .optional()
        .describe(
          "Barrels of crude per tonne. Default 7.33 (BP Statistical Review, average gravity).",
        ),
      daysPerYear: z.number().positive().optional().describe("Default 365."),
    })
    .describe("Unit or scale conversion with explicit factors."),
] as const;

/** One indicator definition: a discriminated union on `function`. */
export const indicatorDefinitionSchema = z.discriminatedUnion("function", definitions);

export type IndicatorDefinition = z.infer<typeof indicatorDefinitionSchema>;
export type IndicatorFunction = IndicatorDefinition["function"];
/** An input reference as written in a definition. */
export type InputRef = z.infer<typeof inputRef>;
/** One input expanded across a dimension column (sum and rank items). */
export type AcrossRef = z.infer<typeof acrossRef>;
/** A definition's `coverage:` choice. */
export type CoverageChoice = z.infer<typeof coverageChoice>;
/** A period as written: a year or a token/relative reference. */
export type PeriodInput = z.infer<typeof period>;

/** The function names a definition may use. */
export const INDICATOR_FUNCTIONS: readonly IndicatorFunction[] = definitions.map(
  (d) => d.shape.function.value,
);
