/**
 * `template.yaml`, as users write it (zod 4). The JSON Schema in
 * `schemas/template.schema.json` is generated from this file for editors.
 *
 * A template names its sections (Markdown files), the indicators its prose
 * states, the charts, tables and key-figure boxes its directives place, and
 * its audiences: which sections, in which order, with which extras. A
 * template may `extends:` another and override any of these by id; an
 * inherited audience changes field by field, `omit:` drops sections, and a
 * section's `blocks:` change named blocks of the parent's Markdown.
 */

import { fileJsonSchema } from "@briefkit/data";
import { ThemeOverrides, WriterSettings } from "@briefkit/document";
import { indicatorDefinitionSchema } from "@briefkit/indicators";
import { z } from "zod";

const id = z
  .string()
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    "must be kebab-case: lower-case letters, digits and hyphens",
  );

/** A path inside the template folder: relative, no `..`, no dotfiles. */
const localPath = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith("/") && !/^[a-zA-Z]:[\\/]/.test(p), "must be a relative path")
  .refine((p) => !p.split(/[\\/]/).some((s) => s === ".." || s.startsWith(".")), {
    message: "must stay inside the template folder (no .. and no hidden files)",
  });

/** The periods a chart's from, to, where and exclude accept, relative ones included. */
const PERIODS =
  "a year (1998), a period token (2005-H1), or a period relative to the data: latest (the newest full period), latest-N, first, first+N (relative periods count full periods only), or latest-partial (the newest period, a part year included)";

const where = z
  .record(z.string(), z.union([z.string(), z.number()]))
  .describe(
    `Keep only the rows with these values, by column. On a period column the value is a period: ${PERIODS}, counted over the rows the other keys keep; so { year: latest } is next edition's latest year too. A value no row has is an error. @example { region: Total, year: latest }`,
  );

const period = z.union([z.int(), z.string()]);

/**
 * What a derived template does to one named block of a section it inherits.
 * The parent marks the block in its Markdown with `{% block name %}` and
 * `{% endblock %}`, each on a line of its own; the new text comes from a
 * file in the derived template's own folder.
 */
export const BlockEdit = z
  .strictObject({
    replace: localPath
      .optional()
      .describe("A file whose text replaces the block's text. @example sections/our-view.md"),
    before: localPath
      .optional()
      .describe("A file whose text is inserted just before the block, as a block of its own."),
    after: localPath
      .optional()
      .describe("A file whose text is inserted just after the block, as a block of its own."),
    remove: z.literal(true).optional().describe("true: leave the block's text out."),
  })
  .refine(
    (e) => e.replace !== undefined || e.before !== undefined || e.after !== undefined || e.remove,
    { message: "give replace, before, after or remove: true" },
  )
  .refine((e) => !(e.remove && e.replace !== undefined), {
    message: "give replace or remove, not both",
  })
  .describe("Replace, insert next to, or remove a named block of the section.");

/** One section: a Markdown file with Liquid expressions and directives. */
export const SectionDef = z
  .strictObject({
    file: localPath
      .optional()
      .describe(
        "Markdown file, relative to the template. Required for a new section; a derived template leaves it out to keep the parent's file. @example sections/01-introduction.md",
      ),
    blocks: z
      .record(id, BlockEdit)
      .optional()
      .describe(
        "Changes to named blocks of the section, by block name, without copying the file. @example { outlook: { after: sections/our-view.md } }",
      ),
  })
  .describe("A section of the brief.");

/** Keys that shape a preset's rows and axes; a spec reads the table's columns and titles its own axes. */
const PRESET_ONLY = ["x", "measures", "seriesBy", "yTitle", "xTitle", "seriesLabels"] as const;

/** A chart placed by `::figure{ref=id}`. */
export const ChartDef = z
  .strictObject({
    preset: z
      .enum(["line", "grouped-bar", "stacked-bar", "share", "pie", "donut", "small-multiples"])
      .optional()
      .describe(
        "A house chart type: line, grouped-bar, stacked-bar, share (labelled percentage bars), pie, donut (a pie with a hole), small-multiples. Give either preset or spec.",
      ),
    spec: localPath
      .optional()
      .describe(
        "A Vega-Lite spec (JSON) in the template folder, for any mark (arc, bar, line, area, point, layers). It receives the table's rows as they are, keyed by the table's column names: numbers as numbers (null when missing), periods as their tokens (1998, 2005-H1), text as text; where, exclude, from and to still apply. Arcs, bars and lines become native Word charts, anything else a picture. Give either preset or spec.",
      ),
    table: z.string().min(1).describe("Dataset table id. @example bilateral-trade"),
    x: z
      .string()
      .optional()
      .describe("Presets: column on the x axis (a period or category column). @example year"),
    measures: z
      .array(z.string().min(1))
      .optional()
      .describe("Presets: number columns to draw as series. @example [exports, imports]"),
    seriesBy: z
      .string()
      .optional()
      .describe(
        "Presets: a category column whose values are the series (with one measure). @example region",
      ),
    where: where.optional(),
    exclude: z
      .array(z.union([z.string(), z.int()]))
      .optional()
      .describe(
        `Rows to leave out: a row goes when one of its category, text or date columns has a listed value, or when its period is a listed period (the x column's for a preset, the table's first period column's otherwise): ${PERIODS}. A listed value no row has is an error. @example [Total, 2025-H1]`,
      ),
    from: period.optional().describe(`First period shown: ${PERIODS}. Default: the first.`),
    to: period
      .optional()
      .describe(
        `Last period shown: ${PERIODS}. Default: the last, part years included; to: latest leaves a part year out.`,
      ),
    title: z
      .string()
      .min(1)
      .describe(
        "Title drawn in the chart (a spec's own title wins) and used by Word's chart. May hold Liquid.",
      ),
    caption: z
      .string()
      .min(1)
      .describe(
        "Figure caption (after 'Figure N.'). May hold Liquid, rendered with the edition's figures. @example Exports by partner, {{ ind.exports-latest.period }}",
      ),
    yTitle: z
      .string()
      .optional()
      .describe(
        "Presets: value axis title, in the chart and in Word's. Default: from the unit. May hold Liquid.",
      ),
    xTitle: z
      .string()
      .optional()
      .describe(
        "Presets: category axis title, in the chart and in Word's. Default: none. May hold Liquid.",
      ),
    seriesLabels: z
      .record(z.string().min(1), z.string().min(1))
      .optional()
      .describe(
        "Presets: the legend's name of a series, by measure (or seriesBy value), over the column's label: a chart in another language. @example { exports: Экспорт России в Японию }",
      ),
    notes: z
      .array(z.string())
      .optional()
      .describe("Notes under the figure, before its source line. May hold Liquid."),
  })
  .superRefine((c, ctx) => {
    if ((c.preset === undefined) === (c.spec === undefined)) {
      ctx.addIssue({ code: "custom", message: "give exactly one of preset or spec" });
    }
    if (c.spec === undefined) return;
    for (const key of PRESET_ONLY) {
      if (c[key] !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: `${key} applies to presets only: a spec reads the table's columns by name and titles its own axes`,
        });
      }
    }
  })
  .describe("A chart drawn from a dataset table.");

/** A column of a table placed by `::table{ref=id}`. */
const TableColumn = z.strictObject({
  field: z.string().min(1).describe("Column of the dataset table."),
  label: z
    .string()
    .optional()
    .describe("Header text. Default: the column's label. May hold Liquid."),
  decimals: z.int().min(0).max(6).optional().describe("Fraction digits for numbers. Default 1."),
});

/** A table placed by `::table{ref=id}`. */
export const TableDef = z
  .strictObject({
    table: z.string().min(1).describe("Dataset table id."),
    caption: z
      .string()
      .min(1)
      .describe(
        "Caption (after 'Table N.'). May hold Liquid, rendered with the edition's figures. @example Exports by partner, {{ ind.exports-first.period }}–{{ ind.exports-latest.period }}",
      ),
    layout: z
      .enum(["rows", "pivot"])
      .optional()
      .describe(
        "rows: one table row per data row (default). pivot: periods become columns, one row per row key and measure.",
      ),
    columns: z
      .array(TableColumn)
      .optional()
      .describe("rows layout: the columns in order. Default: every column."),
    rowKey: z
      .string()
      .optional()
      .describe("pivot: the category column naming rows. @example region"),
    period: z
      .string()
      .optional()
      .describe("pivot: the period column that becomes columns. @example year"),
    measures: z
      .array(z.strictObject({ field: z.string(), label: z.string().optional() }))
      .optional()
      .describe(
        "pivot: measures shown for each row key, in order. With more than one, a column names the measure of each row.",
      ),
    totalRows: z
      .array(z.string())
      .optional()
      .describe(
        "Row key values set as total rows: bold, and (in a pivot) after the other rows. @example [Total]",
      ),
    decimals: z.int().min(0).max(6).optional().describe("Default fraction digits. Default 1."),
    unitLabel: z
      .string()
      .optional()
      .describe("Unit line under the caption. May hold Liquid. @example US$ million"),
    notes: z
      .array(z.string())
      .optional()
      .describe("Notes under the table, after the data's own notes. May hold Liquid."),
    dataNotes: z.boolean().optional().describe("Print the dataset table's notes. Default true."),
  })
  .describe("A table rendered from a dataset table.");

/** A key-figures box placed by `::keyfigures{ref=id}`. */
const keyFigureLabel = z
  .string()
  .min(1)
  .describe("What the figure is, under it. May hold Liquid. @example Trade in {{ ind.x.period }}");

export const KeyFiguresDef = z
  .strictObject({
    title: z.string().optional().describe("The box's title. May hold Liquid."),
    items: z
      .array(
        z.union([
          z
            .strictObject({ indicator: id, label: keyFigureLabel })
            .describe("An indicator of template.yaml."),
          z
            .strictObject({ fact: z.string().min(1), label: keyFigureLabel })
            .describe("A fact of dataset.yaml."),
        ]),
      )
      .min(1)
      .describe("The figures, in order: each an indicator or a fact, with a label."),
  })
  .describe("A box of headline figures.");

/** A well-formed BCP 47 language tag ("en-GB", "ru", "ja-JP"), as Intl reads it. */
export const languageTag = z
  .string()
  .min(2)
  .refine((tag) => {
    try {
      return Intl.getCanonicalLocales(tag).length === 1;
    } catch {
      return false;
    }
  }, "must be a BCP 47 language tag, such as en-GB, ru or ja");

/**
 * A parameter: one brief per value. The values are a literal list or the
 * distinct values of a table column (in the table's order), less `exclude`.
 */
export const ParamDef = z
  .strictObject({
    from: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*\.[^.\s]+$/, "must be <table>.<column>")
      .optional()
      .describe(
        "The values: every value of a dataset table's column, in the table's order, as text (a period as its token). @example far-east-trade.region",
      ),
    values: z
      .array(z.union([z.string().min(1), z.int()]))
      .min(1)
      .optional()
      .describe(
        "The values, listed. Give either from or values. @example [Yakutia, Sakhalinskaya Oblast]",
      ),
    exclude: z
      .array(z.union([z.string(), z.int()]))
      .optional()
      .describe(
        "Values left out, such as a total row. A value that is not there is an error. @example [Total]",
      ),
    label: z
      .string()
      .min(1)
      .optional()
      .describe("What the parameter is, for messages and listings. @example Region"),
  })
  .superRefine((p, ctx) => {
    if ((p.from === undefined) === (p.values === undefined)) {
      ctx.addIssue({ code: "custom", message: "give exactly one of from or values" });
    }
  })
  .describe(
    'A parameter of the template: `briefkit build --param name=VALUE` builds one brief, `--all-params` one per value. Sections read it as {{ param.name }}; where: values of indicators and charts and the plain-text title, subtitle and subject may hold "{{ param.name }}", replaced by the value.',
  );

/**
 * An audience: one variant of the brief. In a derived template, an entry
 * with the id of an inherited audience changes only the fields it gives.
 */
export const AudienceDef = z
  .strictObject({
    label: z
      .string()
      .min(1)
      .optional()
      .describe("Shown on the title page. Required unless inherited. @example Executive summary"),
    description: z
      .string()
      .optional()
      .describe("What the audience's brief is for (for the people who maintain the template)."),
    title: z
      .string()
      .min(1)
      .optional()
      .describe(
        "Overrides the template's title for this audience: title page, document properties, HTML title. Plain text.",
      ),
    subtitle: z
      .string()
      .optional()
      .describe("Overrides the template's subtitle for this audience."),
    author: z
      .string()
      .optional()
      .describe("Overrides the template's author line (a translated audience's)."),
    organisation: z
      .string()
      .optional()
      .describe("Overrides the template's organisation (a translated audience's)."),
    subject: z
      .string()
      .optional()
      .describe("Overrides the template's subject, in the document properties."),
    keywords: z
      .array(z.string())
      .optional()
      .describe("Overrides the template's keywords, in the document properties."),
    sections: z
      .array(id)
      .min(1)
      .optional()
      .describe(
        "Section ids in reading order. Required unless inherited; given, it replaces the inherited list.",
      ),
    omit: z
      .array(id)
      .min(1)
      .optional()
      .describe(
        "Section ids to leave out of the inherited list, keeping its order. @example [geopolitical-context]",
      ),
    blocks: z
      .record(id, z.record(id, BlockEdit))
      .optional()
      .describe(
        "Changes to named blocks for this audience only, by section id and block name; applied after the section's own. @example { conclusions: { recommendations: { replace: sections/board-asks.md } } }",
      ),
    toc: z.boolean().optional().describe("Print a table of contents. Default false."),
    aboutFigures: z
      .boolean()
      .optional()
      .describe("Append 'About the figures': each number's source and calculation. Default false."),
    changes: z
      .boolean()
      .optional()
      .describe(
        "Append 'Changes since the last edition': what changed in the data and in the figures the brief states, against the previous edition (or a note that this is the first). Default false.",
      ),
    theme: ThemeOverrides.optional(),
    // The template's `writers:`, overridden option by option (template.ts).
    writers: WriterSettings.optional(),
    maxPages: z
      .int()
      .positive()
      .optional()
      .describe("Length target in A4 pages; exceeding it is a warning."),
    language: languageTag
      .optional()
      .describe(
        "This audience's language (BCP 47), overriding the template's: a translated edition of the brief. `--language` overrides both. @example ru-RU",
      ),
  })
  .describe("A variant of the brief for one readership.");

/** How the brief writes its numbers, beyond what the language decides. */
export const NumberSettings = z
  .strictObject({
    units: z
      .enum(["western", "myriad"])
      .optional()
      .describe(
        "The default of every indicator's `format.units` and the form of the dataset's facts: myriad writes a scaled number in Japanese 万, 億 and 兆 (US$3–4 billion: 30–40億米ドル; 105 Mt: 1億500万トン). Other languages write it as western whatever this says, so one template serves every language. An indicator's own `format.units` wins. Default western.",
      ),
  })
  .describe("How numbers are written: @example { units: myriad }");

/** template.yaml as written. */
export const TemplateFile = z
  .strictObject({
    id: id.describe("Template id; output files are named <id>-<edition>-<audience>."),
    extends: z
      .string()
      .min(1)
      .refine((p) => !p.startsWith("/") && !/^[a-zA-Z]:[\\/]/.test(p), "must be a relative path")
      .optional()
      .describe(
        "A template to inherit from: the relative path of its folder. @example ../russia-japan",
      ),
    topic: id
      .optional()
      .describe(
        "Data topic: the folder data/<topic>/ whose newest edition the commands use unless --data or --edition says otherwise. Inherited through extends. @example russia-japan",
      ),
    title: z
      .string()
      .min(1)
      .optional()
      .describe(
        "The brief's title: title page, running footer, document properties. Plain text. Required here or in the template extended.",
      ),
    subtitle: z.string().optional().describe("Printed under the title. Plain text."),
    author: z.string().optional().describe("The author line of the title page and the properties."),
    organisation: z
      .string()
      .optional()
      .describe("The institute: above the title and in the running header."),
    language: languageTag
      .optional()
      .describe(
        "BCP 47 tag of the brief's language: its `lang` in every format, the words briefkit adds (terms) and how numbers and dates are written. Default en-GB. @example en-GB",
      ),
    subject: z.string().optional().describe("The subject, in the document properties."),
    keywords: z.array(z.string()).optional().describe("Keywords, in the document properties."),
    numbers: NumberSettings.optional(),
    theme: ThemeOverrides.optional(),
    writers: WriterSettings.optional(),
    sections: z.record(id, SectionDef).optional(),
    omit: z
      .array(id)
      .min(1)
      .optional()
      .describe(
        "Sections left out of every audience (a derived template dropping an inherited section). @example [geopolitical-context]",
      ),
    params: z
      .record(id, ParamDef)
      .optional()
      .describe(
        "Parameters, by name: one brief per value (briefkit build --all-params). @example { region: { from: far-east-trade.region, exclude: [Total] } }",
      ),
    indicators: z.array(indicatorDefinitionSchema).optional(),
    charts: z.record(id, ChartDef).optional(),
    tables: z.record(id, TableDef).optional(),
    keyFigures: z.record(id, KeyFiguresDef).optional(),
    audiences: z.record(id, AudienceDef).optional(),
  })
  .describe("A briefkit template.");

export type TemplateFile = z.infer<typeof TemplateFile>;
export type ChartDef = z.infer<typeof ChartDef>;
export type TableDef = z.infer<typeof TableDef>;
export type KeyFiguresDef = z.infer<typeof KeyFiguresDef>;
export type AudienceDef = z.infer<typeof AudienceDef>;
export type SectionDef = z.infer<typeof SectionDef>;
export type ParamDef = z.infer<typeof ParamDef>;
export type NumberSettings = z.infer<typeof NumberSettings>;
export type BlockEdit = z.infer<typeof BlockEdit>;

/** JSON Schema of template.yaml (draft 2020-12), for editors; committed as schemas/template.schema.json. */
export function templateJsonSchema(): Record<string, unknown> {
  return fileJsonSchema(TemplateFile, "template.schema.json", { unrepresentable: "any" });
}
