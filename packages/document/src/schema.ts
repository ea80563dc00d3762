/**
 * The briefkit document model: a typed tree in the manner of Pandoc's AST
 * (`Document { meta, blocks }`), written as zod schemas so that the types are
 * inferred from them and a serialised document can be checked on load.
 *
 * Nodes are tagged with `type` and grouped into categories (`Block`,
 * `Inline`); every writer is an exhaustive switch over these unions, so a new
 * node type is a deliberate change here and in every writer. The model holds
 * structure and semantic roles (caption, source line, key figure, callout),
 * never fonts, margins or colours: style lives in the theme.
 */
import { z } from "zod";

/**
 * Version of the serialised model; a document of another version is refused.
 *
 * - 1: the first model.
 * - 2: adds the inline nodes `insertion` and `deletion` (tracked changes
 *   against a previous edition). A version-1 reader cannot render them, so
 *   the version moved even though every version-1 document is still valid.
 * - 3: chart data gains the kinds `pie` and `donut` and the optional
 *   `valueTitle`, `categoryTitle`, `orientation` and `remainder`. A
 *   version-2 reader would refuse or misdraw them (its schema is strict).
 */
export const MODEL_VERSION = 3;

/**
 * Where a number came from: enough to trace it back to a cell or a fact.
 * @example { dataset: "russia-japan", edition: "2005", table: "bilateral-trade", series: "total", period: "2004", source: "medt" }
 */
export const Provenance = z
  .object({
    dataset: z.string().optional(),
    edition: z.string().optional(),
    table: z.string().optional(),
    series: z.string().optional(),
    where: z.record(z.string(), z.string()).optional(),
    indicator: z.string().optional(),
    fact: z.string().optional(),
    /** Period or periods the value refers to, as tokens ("2004", "2005-H1"). */
    periods: z.array(z.string()).optional(),
    /** Source id in the dataset (its title is in `sourceTitle`). */
    source: z.string().optional(),
    sourceTitle: z.string().optional(),
    /** How the value was obtained, e.g. "cagr(total, 1998, 2004)". */
    method: z.string().optional(),
  })
  .strict();
export type Provenance = z.infer<typeof Provenance>;

const idAttr = {
  /** Optional anchor id, unique in the document. */
  id: z.string().optional(),
};

/** Plain text. @example { type: "text", value: "Trade rose to " } */
export const Text = z.object({ type: z.literal("text"), value: z.string() }).strict();

/**
 * A number bound to data: its value, the text the reader sees and where it
 * came from. `value` is null when the figure is not available (the text then
 * reads "—").
 * @example { type: "number", value: 8.8, text: "US$8.8 billion", unit: "USD", scale: "billion", provenance: {...} }
 */
export const NumberInline = z
  .object({
    type: z.literal("number"),
    value: z.number().finite().nullable(),
    text: z.string().min(1),
    unit: z.string().optional(),
    scale: z.string().optional(),
    /** True when the value is an estimate (e.g. a partial year annualised). */
    estimate: z.boolean().optional(),
    provenance: Provenance,
  })
  .strict();

/** A hard line break inside a paragraph. */
export const LineBreak = z.object({ type: z.literal("lineBreak") }).strict();

/**
 * Who made a tracked change and when: Word's `w:author` and `w:date`. The
 * date is a calendar day (ISO `YYYY-MM-DD`), the build date, never the clock.
 * @example { author: "briefkit", date: "2006-09-08" }
 */
const changeAttrs = {
  author: z.string().min(1).optional(),
  date: z.iso.date().optional(),
};

export type Inline =
  | z.infer<typeof Text>
  | z.infer<typeof NumberInline>
  | z.infer<typeof LineBreak>
  | { type: "emphasis"; children: Inline[] }
  | { type: "strong"; children: Inline[] }
  | { type: "link"; url: string; children: Inline[] }
  | { type: "footnoteRef"; number: number }
  | { type: "insertion"; author?: string; date?: string; children: Inline[] }
  | { type: "deletion"; author?: string; date?: string; children: Inline[] };

/** Links may only point at the web or at an e-mail address. */
export const SafeUrl = z
  .string()
  .refine((u) => /^(https?:\/\/|mailto:)/i.test(u), "links may only be http(s) or mailto");

export const Inline: z.ZodType<Inline> = z.lazy(() =>
  z.discriminatedUnion("type", [
    Text,
    NumberInline,
    LineBreak,
    z.object({ type: z.literal("emphasis"), children: z.array(Inline) }).strict(),
    z.object({ type: z.literal("strong"), children: z.array(Inline) }).strict(),
    z.object({ type: z.literal("link"), url: SafeUrl, children: z.array(Inline) }).strict(),
    z.object({ type: z.literal("footnoteRef"), number: z.number().int().positive() }).strict(),
    /**
     * Text added since the edition the document is compared with (a tracked
     * change). Writers mark it: Word as a real tracked insertion, HTML as
     * `<ins>`, PDF underlined in the change colour.
     * @example { type: "insertion", author: "briefkit", date: "2006-09-08", children: [{ type: "text", value: "Trade fell." }] }
     */
    z.object({ type: z.literal("insertion"), ...changeAttrs, children: z.array(Inline) }).strict(),
    /**
     * Text of the earlier edition that this one removes (a tracked change):
     * Word as a tracked deletion, HTML as `<del>`, PDF struck through.
     * Never nested in another insertion or deletion.
     * @example { type: "deletion", author: "briefkit", date: "2006-09-08", children: [{ type: "text", value: "Trade rose." }] }
     */
    z.object({ type: z.literal("deletion"), ...changeAttrs, children: z.array(Inline) }).strict(),
  ]),
);

const Inlines = z.array(Inline);

/** A heading, levels 1–3. `number` is the section number text, e.g. "2" or "2.1". */
export const Heading = z
  .object({
    type: z.literal("heading"),
    ...idAttr,
    level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    number: z.string().optional(),
    children: Inlines,
  })
  .strict();

/** A paragraph of inlines. */
export const Paragraph = z
  .object({ type: z.literal("paragraph"), ...idAttr, children: Inlines })
  .strict();
export type Paragraph = z.infer<typeof Paragraph>;

/** Alignment of a table column; numbers are right-aligned. */
export const Align = z.enum(["left", "center", "right"]);

/** A table cell: inlines, possibly spanning columns (header cells only). */
export const Cell = z
  .object({
    children: Inlines,
    /** Columns this cell spans; default 1. */
    colSpan: z.number().int().positive().optional(),
  })
  .strict();
export type Cell = z.infer<typeof Cell>;

/** A body row; `role: "total"` marks a total row (set in bold by writers). */
export const Row = z
  .object({
    cells: z.array(Cell),
    role: z.enum(["body", "total", "subheading"]).optional(),
  })
  .strict();
export type Row = z.infer<typeof Row>;

/** A numbered table with its caption, source line and notes. */
export const Table = z
  .object({
    type: z.literal("table"),
    ...idAttr,
    /** Table number, assigned once by compose. */
    number: z.number().int().positive(),
    caption: Inlines,
    columns: z.array(z.object({ align: Align, numeric: z.boolean().optional() }).strict()),
    head: z.array(Row),
    body: z.array(Row),
    notes: z.array(Inlines),
    /** The whole source line as printed ("Source: IMF."): compose words it, writers add no word to it. */
    source: Inlines,
  })
  .strict();
export type Table = z.infer<typeof Table>;

/**
 * Kinds of chart a writer may redraw natively (Word charts); others are
 * pictures only. `share` is parts of a whole (a pie in Word when it has one
 * series); `pie` and `donut` are slices, one series, one value per category.
 */
export const ChartKind = z.enum([
  "line",
  "bar",
  "grouped-bar",
  "stacked-bar",
  "share",
  "pie",
  "donut",
]);

/**
 * The data behind a figure's chart, so a writer can redraw it natively
 * (editable Word charts) with the same values as the picture.
 */
export const ChartData = z
  .object({
    kind: ChartKind,
    title: z.string(),
    categories: z.array(z.string()),
    series: z.array(
      z.object({ name: z.string(), values: z.array(z.number().finite().nullable()) }).strict(),
    ),
    /** Unit of the values. @example "US$ billion" */
    unitLabel: z.string().optional(),
    /** Title of the value axis; default: `unitLabel`; empty for none. */
    valueTitle: z.string().optional(),
    /** Title of the category axis; default: none. */
    categoryTitle: z.string().optional(),
    /** Bars: upright columns or horizontal bars; default: the writer's choice from the categories. */
    orientation: z.enum(["vertical", "horizontal"]).optional(),
    /** Shares and slices: the last category is the part not itemised ("Other or not stated"). */
    remainder: z.boolean().optional(),
  })
  .strict();
export type ChartData = z.infer<typeof ChartData>;

/** A numbered figure: vector SVG, PNG fallback, alt text, caption and source. */
export const Figure = z
  .object({
    type: z.literal("figure"),
    ...idAttr,
    number: z.number().int().positive(),
    caption: Inlines,
    /** Text alternative, generated from the data; required. */
    alt: z.string().min(1, "every figure needs alt text"),
    svg: z.string().min(1),
    /** PNG rendering (base64) for formats that need a raster fallback. */
    png: z
      .object({
        base64: z.string().min(1),
        widthPx: z.number().int().positive(),
        heightPx: z.number().int().positive(),
      })
      .strict()
      .optional(),
    /** Size of the SVG in CSS px (1/96 in). */
    width: z.number().positive(),
    height: z.number().positive(),
    chart: ChartData.optional(),
    notes: z.array(Inlines),
    /** The whole source line as printed ("Source: IMF."): compose words it, writers add no word to it. */
    source: Inlines,
  })
  .strict();
export type Figure = z.infer<typeof Figure>;

/** A box of headline figures. */
export const KeyFigures = z
  .object({
    type: z.literal("keyFigures"),
    ...idAttr,
    title: z.string().optional(),
    items: z
      .array(
        z
          .object({
            value: NumberInline,
            label: Inlines,
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

/** A highlighted box: a key finding, a note or a recommendation. */
export const Callout = z
  .object({
    type: z.literal("callout"),
    ...idAttr,
    kind: z.enum(["finding", "note", "recommendation"]),
    title: z.string().optional(),
    children: z.array(Paragraph),
  })
  .strict();

/** A forced page break (print formats). */
export const PageBreak = z.object({ type: z.literal("pageBreak") }).strict();

/** A table of contents, filled in by each writer from the headings. */
export const Toc = z
  .object({
    type: z.literal("toc"),
    title: z.string(),
    depth: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  })
  .strict();

export type List = {
  type: "list";
  ordered: boolean;
  items: Array<Array<z.infer<typeof Paragraph> | List>>;
};

export const List: z.ZodType<List> = z.lazy(() =>
  z
    .object({
      type: z.literal("list"),
      ordered: z.boolean(),
      items: z.array(z.array(z.union([Paragraph, List]))),
    })
    .strict(),
);

/** Every block node. */
export const Block = z.union([
  Heading,
  Paragraph,
  List,
  Table,
  Figure,
  KeyFigures,
  Callout,
  PageBreak,
  Toc,
]);
export type Block =
  | z.infer<typeof Heading>
  | Paragraph
  | List
  | Table
  | Figure
  | z.infer<typeof KeyFigures>
  | z.infer<typeof Callout>
  | z.infer<typeof PageBreak>
  | z.infer<typeof Toc>;
export type BlockType = Block["type"];
export type InlineType = Inline["type"];

/** A footnote's text, numbered in order of first reference. */
export const Footnote = z
  .object({ number: z.number().int().positive(), children: z.array(Paragraph).min(1) })
  .strict();
export type Footnote = z.infer<typeof Footnote>;

/** Document metadata: what the title block, properties and headers show. */
export const Meta = z
  .object({
    title: z.string().min(1),
    subtitle: z.string().optional(),
    author: z.string().optional(),
    organisation: z.string().optional(),
    /** Edition id, e.g. "2005". */
    edition: z.string(),
    /** Publication date, ISO `YYYY-MM-DD`; writers stamp it, never the clock. */
    date: z.iso.date(),
    /** Figures as known on this date (ISO), if stated. */
    dataAsOf: z.iso.date().optional(),
    /** Audience id and its display label, e.g. "executive" / "Executive summary". */
    audience: z.string().optional(),
    audienceLabel: z.string().optional(),
    /** BCP 47 language tag. @example "en-GB" */
    language: z.string().min(2),
    subject: z.string().optional(),
    keywords: z.array(z.string()),
  })
  .strict();
export type Meta = z.infer<typeof Meta>;

/** The whole document. */
export const Document = z
  .object({
    modelVersion: z.literal(MODEL_VERSION),
    meta: Meta,
    blocks: z.array(Block),
    footnotes: z.array(Footnote),
  })
  .strict();
export type Document = z.infer<typeof Document>;
export type Heading = z.infer<typeof Heading>;
export type NumberInline = z.infer<typeof NumberInline>;
export type KeyFigures = z.infer<typeof KeyFigures>;
export type Callout = z.infer<typeof Callout>;
