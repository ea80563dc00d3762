/**
 * The writer options a template may set (`writers:` in template.yaml), one
 * zod schema per format. Each writer's options type is its settings plus the
 * contract's `WriterOptions` (theme, terms), so the template key, the
 * writers and the CLI that hands one to the other share one definition.
 * They live here, not in the writer packages, so compose can check a
 * template without loading pdfmake or docx.
 */
import { z } from "zod";

/** The output formats, in the order a build writes them. */
export const FORMATS = ["pdf", "docx", "html"] as const;
export type Format = (typeof FORMATS)[number];

/** Options of the PDF writer. */
export const PdfSettings = z
  .strictObject({
    align: z
      .enum(["justify", "left"])
      .optional()
      .describe(
        "Alignment of body paragraphs. Default justify: a full A4 measure (about 90 characters at 10 pt) justifies without rivers; left gives ragged-right text.",
      ),
    notes: z
      .enum(["footnotes", "endnotes"])
      .optional()
      .describe(
        "Where the notes go. Default footnotes: each at the foot of the page of its reference, under a short rule, continued on the next page if too long; endnotes: a Notes section at the end.",
      ),
  })
  .describe("Options of the PDF writer.");
export type PdfSettings = z.infer<typeof PdfSettings>;

/** Options of the DOCX writer. */
export const DocxSettings = z
  .strictObject({
    embedFonts: z
      .boolean()
      .optional()
      .describe(
        "Embed the theme's fonts, so Word and LibreOffice show them without installed fonts. Default true.",
      ),
    fonts: z
      .enum(["subset", "full"])
      .optional()
      .describe(
        'How embedded fonts are embedded: subset (default) keeps the characters the document shows, in the faces it uses (a few dozen kB; Word\'s "embed only the characters used"); full embeds every face whole (about 0.9 MB), for a document meant to be edited at length, since text typed later may need characters a subset lacks.',
      ),
    nativeCharts: z
      .boolean()
      .optional()
      .describe(
        "Redraw figures that carry chart data as native Word charts (editable, their data in an embedded workbook) instead of pictures. Default true.",
      ),
    estimatePages: z
      .boolean()
      .optional()
      .describe(
        "Estimate the page numbers of the table of contents by laying the pages out as Word does, so they show before a reader updates fields. Default true.",
      ),
  })
  .describe("Options of the Word writer.");
export type DocxSettings = z.infer<typeof DocxSettings>;

/** Options of the HTML writer. */
export const HtmlSettings = z
  .strictObject({
    fonts: z
      .enum(["subset", "none"])
      .optional()
      .describe(
        "How the theme's fonts reach the reader: subset (default) embeds the glyphs the brief uses as WOFF data; none embeds nothing and lets the browser's fonts stand in.",
      ),
  })
  .describe("Options of the HTML writer.");
export type HtmlSettings = z.infer<typeof HtmlSettings>;

/** Settings per format, as `writers:` in template.yaml takes them. */
export const WriterSettings = z
  .strictObject({
    pdf: PdfSettings.optional(),
    docx: DocxSettings.optional(),
    html: HtmlSettings.optional(),
  } satisfies Record<Format, z.ZodOptional<z.ZodType>>)
  .describe(
    "Options handed to the writers, by format; an audience's override the template's, option by option. @example { docx: { nativeCharts: false }, pdf: { align: left } }",
  );
export type WriterSettings = z.infer<typeof WriterSettings>;

/** `over`'s settings on top of `base`'s, format by format and option by option. */
export function mergeWriterSettings(base: WriterSettings, over: WriterSettings): WriterSettings {
  const out: WriterSettings = {};
  const merge = <F extends Format>(format: F) => {
    const a = base[format];
    const b = over[format];
    if (a !== undefined || b !== undefined) out[format] = { ...a, ...b } as WriterSettings[F];
  };
  for (const format of FORMATS) merge(format);
  return out;
}
