/**
 * The house theme: the design tokens every writer and the chart renderer read
 * (fonts, colours, sizes, page), so a brief looks the same in PDF, Word, HTML
 * and in its charts. Style lives here, never in the document model.
 *
 * Fonts are TTF files shipped in npm packages (Source Serif 4 for text, Source
 * Sans 3 for headings, tables and charts), resolved by @briefkit/fonts
 * through the module resolver: no system font is ever used, so output is the
 * same on every machine. Japanese is set in Noto Serif JP and Noto Sans JP,
 * the East Asian fallbacks of the two.
 */
import { eastAsianFamily, houseFamily } from "@briefkit/fonts";
import { z } from "zod";

const hex = z.string().regex(/^#[0-9a-fA-F]{6}$/, "a colour such as #1f4e79");

/** Four faces of one family, as absolute paths to TTF/OTF files. */
export const FontFamily = z
  .object({
    /** Family name as it appears in CSS, SVG and the PDF. @example "Source Serif 4" */
    name: z.string().min(1),
    regular: z.string(),
    bold: z.string(),
    italic: z.string(),
    boldItalic: z.string(),
  })
  .strict();
export type FontFamily = z.infer<typeof FontFamily>;

export const Theme = z
  .object({
    fonts: z
      .object({
        body: FontFamily,
        heading: FontFamily,
        /**
         * The families that set what body and heading cannot draw: Japanese
         * (kana, kanji, ideographic punctuation). Every writer names them as
         * the East Asian font and sets each such character in them; without
         * them such a character is a glyph-missing error.
         */
        eastAsian: z.object({ body: FontFamily, heading: FontFamily }).strict().optional(),
      })
      .strict(),
    colors: z
      .object({
        text: hex.describe("Body text."),
        muted: hex.describe("Secondary text: captions' notes, sources, running heads."),
        accent: hex.describe("Headings, the title block's rule, figure and table labels."),
        rule: hex.describe("Rules and table lines; the grey of a chart's remainder."),
        /** Background of key-figure boxes and callouts. */
        panel: hex.describe("Background of key-figure boxes and callouts."),
        /**
         * Tracked changes against the previous edition: inserted text is
         * underlined and deleted text struck through in this colour (the marks,
         * not the colour alone, tell them apart). @example "#b3261e"
         */
        change: hex.describe("Tracked changes: inserted and deleted text."),
        /** Series colours in order; chosen to stay distinct in greyscale print. */
        palette: z
          .array(hex)
          .min(2)
          .describe("Chart series colours, in order (charts and Word's native charts)."),
      })
      .strict()
      .describe("Colours, as #rrggbb."),
    /** Type sizes in points. */
    sizes: z
      .object({
        body: z.number().positive(),
        small: z.number().positive(),
        caption: z.number().positive(),
        h1: z.number().positive(),
        h2: z.number().positive(),
        h3: z.number().positive(),
        title: z.number().positive(),
        subtitle: z.number().positive(),
        keyFigure: z.number().positive(),
      })
      .strict()
      .describe("Type sizes in points: body, small, caption, h1–h3, title, subtitle, keyFigure."),
    /** Line height as a multiple of the type size. @example 1.35 */
    lineHeight: z.number().min(1).max(2).describe("Line height as a multiple of the type size."),
    /** A4 page with margins in millimetres. */
    page: z
      .object({
        size: z.literal("A4"),
        marginTop: z.number().nonnegative(),
        marginBottom: z.number().nonnegative(),
        marginLeft: z.number().nonnegative(),
        marginRight: z.number().nonnegative(),
      })
      .strict()
      .describe("The A4 page's margins, in millimetres."),
  })
  .strict();
export type Theme = z.infer<typeof Theme>;

/** What a template may override: colours, sizes and page, not font files. */
export const ThemeOverrides = z
  .object({
    colors: Theme.shape.colors.partial().optional().describe("Colours, as #rrggbb."),
    sizes: Theme.shape.sizes
      .partial()
      .optional()
      .describe("Type sizes in points: body, small, caption, h1–h3, title, subtitle, keyFigure."),
    lineHeight: Theme.shape.lineHeight.optional(),
    page: Theme.shape.page.partial().optional().describe("The A4 page's margins, in millimetres."),
  })
  .strict()
  .describe("Changes to the house look: only what is given changes.");
export type ThemeOverrides = z.infer<typeof ThemeOverrides>;

/**
 * The house series colours, for charts and Word's native charts alike: navy,
 * ochre, rust, pale blue, steel, grey, oxblood, sand. The first four differ by
 * at least 12 L* in lightness, so series stay apart in greyscale print; all
 * eight stay distinct for the three colour-vision deficiencies (the charts
 * package's theme test measures it).
 */
export const HOUSE_PALETTE = Object.freeze([
  "#1b365d",
  "#d9a441",
  "#b65c36",
  "#c9d6e3",
  "#5f8fb4",
  "#5e5e5e",
  "#611a1a",
  "#e3d3a8",
] as const);

/** The house theme, with font paths resolved on this machine. */
export function houseTheme(): Theme {
  return {
    fonts: {
      body: houseFamily("serif"),
      heading: houseFamily("sans"),
      eastAsian: { body: eastAsianFamily("serif"), heading: eastAsianFamily("sans") },
    },
    colors: {
      text: "#1b1b1b",
      muted: "#595959",
      accent: "#1b365d",
      rule: "#a6a6a6",
      panel: "#eef2f6",
      change: "#b3261e",
      palette: [...HOUSE_PALETTE],
    },
    sizes: {
      body: 10,
      small: 8,
      caption: 9,
      h1: 15,
      h2: 12,
      h3: 10.5,
      title: 24,
      subtitle: 14,
      keyFigure: 18,
    },
    lineHeight: 1.35,
    page: { size: "A4", marginTop: 22, marginBottom: 24, marginLeft: 25, marginRight: 25 },
  };
}

/** Applies a template's overrides to a theme (a new object; inputs untouched). */
export function applyThemeOverrides(theme: Theme, overrides: ThemeOverrides): Theme {
  return {
    ...theme,
    colors: { ...theme.colors, ...overrides.colors },
    sizes: { ...theme.sizes, ...overrides.sizes },
    lineHeight: overrides.lineHeight ?? theme.lineHeight,
    page: { ...theme.page, ...overrides.page },
  };
}
