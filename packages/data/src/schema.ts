/**
 * The zod schema of `dataset.yaml`: the source of truth for FORMAT.md and for
 * the generated JSON Schema (`schemas/dataset.schema.json`, JSON Schema
 * draft 2020-12). Descriptions state defaults and units because editors show
 * them as hints. Cross-field rules (ids that must exist, totals over number
 * columns) live in `manifest.ts`, where they get positions in the YAML.
 */
import * as z from "zod";

/** Lower-case words joined by hyphens, e.g. `bilateral-trade`. */
const kebab = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A unit name: `USD`, `percent`, `Mt`, `bcm-per-year`, `barrels/day`. */
const unitPattern = /^[A-Za-z][A-Za-z0-9]*(?:[-/][A-Za-z0-9]+)*$/;

const id = (what: string) =>
  z
    .string()
    .regex(kebab, { message: "kebab-case" })
    .meta({ description: `${what} id: kebab-case, e.g. \`bilateral-trade\`.` });

export const scaleSchema = z.enum(["one", "thousand", "million", "billion", "trillion"]).meta({
  description:
    "Multiplier of the stated numbers: `million` means a cell `2.9` is 2,900,000 units. Default: `one`.",
});
export type Scale = z.infer<typeof scaleSchema>;

export const unitSchema = z
  .string()
  .regex(unitPattern, { message: "unit" })
  .meta({
    description:
      "Unit of the numbers: `USD`, `JPY`, `percent`, `Mt`, `km`, `bcm`, `tonnes`, `barrels`, `count`, `years`... Free text, no spaces.",
    examples: ["USD", "percent", "Mt"],
  });

export const frequencySchema = z.enum(["annual", "half-yearly", "quarterly", "monthly"]).meta({
  description:
    "How often the table's periods occur. A finer period (`2005-H1` in an annual table) is marked partial. Default: `annual`.",
});
export type Frequency = z.infer<typeof frequencySchema>;

export const qualifierSchema = z
  .enum(["exact", "about", "almost", "more-than", "less-than", "up-to", "at-least"])
  .meta({
    description:
      "How the prose qualifies the figure (`almost $700 million` is `almost`). Default: `exact`.",
  });
export type Qualifier = z.infer<typeof qualifierSchema>;

const isoDate = (what: string) =>
  z.iso.date().meta({ description: `${what}: an ISO date, YYYY-MM-DD. Quote it in YAML.` });

const missingTokens = z.array(z.string()).meta({
  description: 'Cell texts read as a missing value (null, never 0). Default: `["—", "", "n/a"]`.',
});

export const sourceSchema = z
  .strictObject({
    id: id("Source"),
    title: z.string().min(1).meta({ description: "Name of the source as printed under a table." }),
    publisher: z.string().min(1).optional().meta({ description: "Optional publisher." }),
    url: z
      .url({ protocol: /^https?$/ })
      .optional()
      .meta({ description: "Optional link; http(s) only." }),
    note: z.string().optional().meta({ description: "Optional note." }),
    citedIn: z
      .string()
      .optional()
      .meta({ description: "Optional id of the source that quotes this one (e.g. `essay`)." }),
  })
  .meta({ description: "Where figures come from. Tables and facts name a source by id." });
export type SourceSpec = z.infer<typeof sourceSchema>;

const columnBase = {
  name: z.string().min(1).meta({
    description:
      "Column name: as in the file's header row (CSV, XLSX) or object keys (JSON/YAML), unless `header` says otherwise.",
  }),
  header: z.string().min(1).optional().meta({
    description:
      "The header cell (CSV, XLSX) or object key (JSON/YAML) that holds this column, when it differs from `name`, e.g. `Russia's exports`. Default: the name.",
  }),
  label: z.string().optional().meta({ description: "Display label. Default: the name." }),
  required: z.boolean().default(true).meta({
    description:
      "Whether every row needs a value. `false` allows missing tokens (read as null). Default: `true`.",
  }),
};

export const columnSchema = z
  .discriminatedUnion("type", [
    z
      .strictObject({ ...columnBase, type: z.literal("period") })
      .meta({ description: "Periods: `1998`, `2005-H1`, `2003-Q2`, `2004-05`. Years 1800–2100." }),
    z
      .strictObject({
        ...columnBase,
        type: z.literal("number"),
        unit: unitSchema,
        scale: scaleSchema.default("one"),
        min: z.number().optional().meta({ description: "Inclusive lower bound, in the unit." }),
        max: z.number().optional().meta({ description: "Inclusive upper bound, in the unit." }),
      })
      .meta({
        description: "Numbers like `1352.2`, `-4`, `1e6`: no thousands separators, no `%`.",
      }),
    z.strictObject({ ...columnBase, type: z.literal("text") }).meta({ description: "Free text." }),
    z
      .strictObject({
        ...columnBase,
        type: z.literal("category"),
        values: z
          .array(z.string())
          .optional()
          .meta({ description: "Allowed values. Default: any text." }),
      })
      .meta({ description: "A dimension such as a region or a product." }),
    z
      .strictObject({ ...columnBase, type: z.literal("date") })
      .meta({ description: "ISO dates, `2003-06-12`." }),
  ])
  .meta({ description: "One column of a table: its name, type and, for numbers, unit and scale." });
export type Column = z.infer<typeof columnSchema>;
export type ColumnType = Column["type"];

const tolerance = z.number().nonnegative().default(0).meta({
  description:
    "Allowed absolute difference between the total and the sum of its parts, in the column's unit and scale. A non-zero difference within it is a warning. Default: `0`.",
});

export const totalSchema = z
  .discriminatedUnion("kind", [
    z
      .strictObject({
        kind: z.literal("columns"),
        total: z.string().min(1).meta({ description: "The number column holding the total." }),
        parts: z
          .array(z.string().min(1))
          .min(1)
          .meta({ description: "The number columns it sums, per row." }),
        tolerance,
      })
      .meta({ description: "Per row: `total` = sum of `parts`." }),
    z
      .strictObject({
        kind: z.literal("rows"),
        dimension: z
          .string()
          .min(1)
          .meta({ description: "The key column that names the total row, e.g. `region`." }),
        total: z
          .string()
          .min(1)
          .meta({ description: "The dimension value of the total row, e.g. `Total`." }),
        measures: z
          .array(z.string().min(1))
          .min(1)
          .meta({ description: "The number columns checked." }),
        tolerance,
      })
      .meta({
        description:
          "Per measure and per value of the other key columns (e.g. per year): the total row = sum of the other rows.",
      }),
  ])
  .meta({ description: "A declared total, checked against the sum of its parts." });
export type TotalSpec = z.infer<typeof totalSchema>;

export const tableSchema = z
  .strictObject({
    id: id("Table"),
    title: z.string().min(1).meta({ description: "Caption of the table." }),
    file: z.string().min(1).meta({
      description:
        "Data file, relative to the dataset folder and inside it: `bilateral-trade.csv`, `trade.xlsx`.",
    }),
    format: z.enum(["csv", "json", "yaml", "xlsx"]).optional().meta({
      description: "File format. Default: from the extension (.csv, .json, .yaml/.yml, .xlsx).",
    }),
    sheet: z.string().min(1).optional().meta({
      description: "XLSX only: the worksheet's name, e.g. `Table 1`. Default: the first sheet.",
    }),
    range: z
      .string()
      .regex(/^\$?[A-Za-z]{1,3}\$?[1-9][0-9]*(?::\$?[A-Za-z]{1,3}\$?[1-9][0-9]*)?$/, {
        message: "cell-range",
      })
      .optional()
      .meta({
        description:
          "XLSX only: the cells of the table, e.g. `A3:D11`; its first row is the header. Empty rows are skipped. Default: every cell that holds a value.",
      }),
    delimiter: z
      .enum([",", ";", "\t", "|"])
      .optional()
      .meta({ description: 'CSV field delimiter. Default: `","`.' }),
    source: z.string().min(1).meta({ description: "Id of the table's source." }),
    frequency: frequencySchema.default("annual"),
    period: z.string().optional().meta({
      description: "The period of a table without a period column, e.g. `2004`.",
    }),
    missing: missingTokens.optional(),
    notes: z.array(z.string()).optional().meta({ description: "Notes printed under the table." }),
    columns: z
      .array(columnSchema)
      .min(1)
      .meta({ description: "Every column of the file, in any order." }),
    key: z.array(z.string().min(1)).optional().meta({
      description:
        "Columns that identify a row; two rows with the same key are an error. Default: every non-number column.",
    }),
    totals: z.array(totalSchema).optional().meta({ description: "Declared totals to check." }),
  })
  .meta({ description: "A table: one data file with declared columns." });
export type TableSpec = z.infer<typeof tableSchema>;

export const factSchema = z
  .strictObject({
    id: id("Fact"),
    label: z.string().min(1).meta({ description: "What the figure is." }),
    value: z.number().optional().meta({ description: "The figure (or give `range`)." }),
    range: z
      .tuple([z.number(), z.number()])
      .optional()
      .meta({ description: "A range `[low, high]` (or give `value`)." }),
    qualifier: qualifierSchema.default("exact"),
    unit: unitSchema,
    scale: scaleSchema.default("one"),
    period: z.union([z.string(), z.number()]).optional().meta({
      description:
        'The period the figure refers to: a period token (`"2005"`, `"2005-H1"`) or an ISO date.',
    }),
    source: z.string().min(1).meta({ description: "Id of the fact's source." }),
    note: z.string().optional().meta({ description: "Optional note." }),
  })
  .superRefine((fact, ctx) => {
    // Exactly one of value/range: checked here so the error points at the fact.
    if ((fact.value === undefined) === (fact.range === undefined)) {
      ctx.addIssue({
        code: "custom",
        message: "value-or-range",
        params: { rule: "value-or-range" },
      });
    }
    if (fact.range && fact.range[0] > fact.range[1]) {
      ctx.addIssue({
        code: "custom",
        path: ["range"],
        message: "range-order",
        params: { rule: "range-order" },
      });
    }
  })
  .meta({ description: "A scalar figure quoted in prose, with unit and source." });
export type FactSpec = z.infer<typeof factSchema>;

export const datasetManifestSchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: "Optional JSON Schema reference." }),
    id: id("Dataset"),
    title: z.string().min(1).meta({ description: "Title of the dataset." }),
    edition: z
      .string()
      .min(1)
      .meta({ description: 'The vintage id, usually the year. A string: write `"2005"`.' }),
    published: isoDate("The day the edition was published"),
    dataAsOf: isoDate("Optional: figures as known on that day").optional(),
    description: z.string().optional().meta({ description: "Optional description." }),
    missing: missingTokens.optional(),
    limits: z
      .strictObject({
        maxFileBytes: z.int().positive().optional().meta({
          description:
            "Largest table file read, in bytes. Default: 20000000 (20 MB). It can only lower the caller's limit.",
        }),
        maxRows: z.int().positive().optional().meta({
          description:
            "Most data rows in one table. Default: 200000. It can only lower the caller's limit.",
        }),
        maxCells: z.int().positive().optional().meta({
          description:
            "Most data cells (rows times fields) in one table. Default: 2000000. It can only lower the caller's limit.",
        }),
      })
      .optional()
      .meta({ description: "Resource limits." }),
    sources: z
      .array(sourceSchema)
      .min(1)
      .meta({ description: "Sources named by tables and facts." }),
    tables: z.array(tableSchema).default([]).meta({ description: "Tables. Default: none." }),
    facts: z.array(factSchema).default([]).meta({ description: "Facts. Default: none." }),
  })
  .meta({
    title: "briefkit dataset",
    description: "dataset.yaml: one edition (vintage) of a briefkit dataset.",
  });
export type DatasetManifest = z.infer<typeof datasetManifestSchema>;

/** Default missing-value tokens. */
export const defaultMissingTokens: readonly string[] = ["—", "", "n/a"];

/** Default and ceiling of `limits.maxFileBytes`: 20 MB. */
export const defaultMaxFileBytes = 20_000_000;

/**
 * The bytes a YAML or JSON table may have, below `maxFileBytes`: their
 * parsers keep a node with a position per value, about 60 times the text in
 * memory and a second per megabyte on this project's machines, where CSV
 * streams through in a twentieth of that. A table bigger than this is a
 * CSV table.
 */
export const maxStructuredTableBytes = { yaml: 2_000_000, json: 5_000_000 } as const;

/** Default and ceiling of `limits.maxRows`: data rows in one table. */
export const defaultMaxRows = 200_000;

/** Default and ceiling of `limits.maxCells`: data cells (rows times fields) in one table. */
export const defaultMaxCells = 2_000_000;

/**
 * The JSON Schema (draft 2020-12) of a file format's zod schema, as committed
 * in `schemas/` for editors, with its `$id` under https://briefkit.dev/schemas/.
 * One function for dataset.yaml and template.yaml, so both read alike.
 */
export function fileJsonSchema(
  schema: z.ZodType,
  file: string,
  options: { unrepresentable?: "any" | "throw" } = {},
): Record<string, unknown> {
  const json = z.toJSONSchema(schema, {
    io: "input",
    target: "draft-2020-12",
    ...options,
  }) as Record<string, unknown>;
  return {
    $schema: json.$schema,
    $id: `https://briefkit.dev/schemas/${file}`,
    ...json,
  };
}

/** The JSON Schema of `dataset.yaml`, as committed in `schemas/dataset.schema.json`. */
export function datasetJsonSchema(): Record<string, unknown> {
  return fileJsonSchema(datasetManifestSchema, "dataset.schema.json");
}
