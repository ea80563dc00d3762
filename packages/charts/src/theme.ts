/**
 * The chart theme: one typed object that becomes a Vega-Lite `config`
 * (https://vega.github.io/vega-lite/docs/config.html).
 *
 * A theme is plain data, validated with zod, so a template can override any
 * part of it (deep-merged over `houseChartTheme`). The house theme is a sober
 * research-institute look: Source Sans 3 (the documents' font, shipped from
 * npm), black text on white, light horizontal grid lines, no chart border,
 * and a palette whose colours differ strongly in lightness so they stay
 * distinct when printed in greyscale; lines add dash patterns and point
 * shapes so they never rely on colour alone.
 */
import { HOUSE_PALETTE } from "@briefkit/document";
import { z } from "zod";
import { eastAsianFontFaces, type FontFaceFile, houseFontFaces } from "./fonts.js";
import { type ChartIssue, chartIssue, pointer } from "./issues.js";
import { LEGEND_COLUMN_PADDING, LEGEND_SYMBOL_SIZE } from "./legends.js";
import { messages } from "./messages.js";

const colour = z
  .string()
  .regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, "a colour is a hex value such as #1b365d");

const fontFace = z
  .object({
    /** Absolute path of a .ttf/.otf file. */
    path: z.string().min(1),
    /** CSS weight, 100–900. @example 600 */
    weight: z.number().int().min(100).max(900),
    style: z.enum(["normal", "italic"]),
  })
  .strict();

/** The zod schema of a complete chart theme. */
export const chartThemeSchema = z
  .object({
    /** A name for messages and docs. @example "briefkit house" */
    name: z.string().min(1),
    font: z
      .object({
        /** The family name inside the font files (resvg matches on it). @example "Source Sans 3" */
        family: z.string().min(1),
        /** The files of the family: at least the regular face. */
        faces: z.array(fontFace).min(1),
        /** Weight of titles and facet headers. @example 600 */
        titleWeight: z.number().int().min(100).max(900),
        /**
         * Faces of a second family for the characters the family lacks
         * (Japanese: Noto Sans JP in the house theme). resvg falls back to
         * them and the text measurer measures such characters in them.
         */
        fallback: z.array(fontFace).optional(),
      })
      .strict(),
    size: z
      .object({
        /** Total chart width in CSS px (96 px = 1 in), axes and legend included. @example 600 */
        width: z.number().int().min(120).max(2000),
        /** Total chart height in CSS px for single-panel charts. @example 320 */
        height: z.number().int().min(80).max(2000),
        /** Padding around the chart in CSS px. @example 4 */
        padding: z.number().min(0).max(64),
        /** Height of one small-multiple panel in CSS px. @example 120 */
        panelHeight: z.number().int().min(40).max(1000),
        /** Band size per category of a horizontal bar chart, in CSS px. @example 22 */
        barStep: z.number().min(8).max(200),
      })
      .strict(),
    text: z
      .object({
        color: colour,
        /** Axis titles, subtitles, notes. */
        muted: colour,
        /** Font sizes in CSS px; at 600 px = 160 mm, 12 px prints at 9 pt. */
        titleSize: z.number().min(6).max(48),
        subtitleSize: z.number().min(6).max(48),
        labelSize: z.number().min(6).max(48),
        axisTitleSize: z.number().min(6).max(48),
        legendSize: z.number().min(6).max(48),
        annotationSize: z.number().min(6).max(48),
      })
      .strict(),
    palette: z
      .object({
        /** Series colours in order; neighbours differ strongly in lightness. */
        categorical: z.array(colour).min(2),
        /** The colour of a single-series chart. */
        single: colour,
        /** Bars that stand for a remainder ("other, not specified"). */
        remainder: colour,
        grid: colour,
        axis: colour,
        background: colour,
      })
      .strict(),
    lines: z
      .object({
        strokeWidth: z.number().min(0.25).max(10),
        /** Point area in px² (Vega's `size`). */
        pointSize: z.number().min(4).max(400),
        /** Dash pattern per series, in order; `[1, 0]` is solid. */
        dashes: z.array(z.array(z.number().min(0).max(50))).min(1),
        /** Point shape per series, in order (Vega symbol names). */
        shapes: z.array(z.string().min(1)).min(1),
      })
      .strict(),
    partial: z
      .object({
        /** Fill opacity of a partial period's bar (1 = like a full period). */
        fillOpacity: z.number().min(0).max(1),
        /** Outline dash of a partial period's bar or the link to a partial point. */
        strokeDash: z.array(z.number().min(0).max(50)),
      })
      .strict(),
    png: z
      .object({
        /** Device pixels per CSS px for PNG output (2 = 192 dpi at print size). */
        density: z.number().min(0.5).max(4),
      })
      .strict(),
  })
  .strict();

/** A complete chart theme. */
export type ChartTheme = z.infer<typeof chartThemeSchema>;

type DeepPartial<T> = T extends readonly (infer _U)[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** What a template may override: any part of a theme; arrays replace, objects merge. */
export type ChartThemeOverrides = DeepPartial<ChartTheme>;

/** Freeze an object and everything in it: the house theme is shared by every render. */
function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * The house theme.
 *
 * Sizes: 600 CSS px wide (158.75 mm at 96 px/in, the 160 mm text width of a
 * one-column A4 page with 25 mm margins), 320 px high. Text: 12 px labels
 * (9 pt in print), 15 px semibold titles. Palette lightness (CIE L*):
 * navy 23, ochre 71, rust 49, pale blue 85, steel 57, grey 40, oxblood 21,
 * sand 85 — the first two, used for exports and imports, are almost 50 L*
 * apart. Eight colours, so the largest chart of the example brief (seven
 * regions) never repeats one; any two of them, and the remainder grey, stay at
 * least 13 CIEDE2000 apart for normal vision and simulated protanopia,
 * deuteranopia and tritanopia (Machado et al. 2009; test/theme.test.ts).
 */
export const houseChartTheme: ChartTheme = deepFreeze({
  name: "briefkit house",
  font: {
    family: "Source Sans 3",
    faces: houseFontFaces(),
    titleWeight: 600,
    fallback: eastAsianFontFaces(),
  },
  size: { width: 600, height: 320, padding: 4, panelHeight: 110, barStep: 22 },
  text: {
    color: "#1a1a1a",
    muted: "#4d4d4d",
    titleSize: 15,
    subtitleSize: 12,
    labelSize: 12,
    axisTitleSize: 12,
    legendSize: 12,
    annotationSize: 11.5,
  },
  palette: {
    // The house colours, the same the documents and Word's charts use.
    categorical: [...HOUSE_PALETTE],
    single: "#1b365d",
    remainder: "#a6a6a6",
    grid: "#dedede",
    axis: "#6e6e6e",
    background: "#ffffff",
  },
  lines: {
    strokeWidth: 2,
    pointSize: 42,
    dashes: [
      [1, 0],
      [7, 3],
      [2, 2],
      [9, 3, 2, 3],
      [1, 3],
    ],
    shapes: ["circle", "square", "triangle-up", "diamond", "cross"],
  },
  partial: { fillOpacity: 0.25, strokeDash: [3, 2] },
  png: { density: 2 },
});

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Deep merge: objects merge key by key, anything else (arrays too) replaces. */
function deepMerge(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) out[key] = deepMerge(base[key], value);
  return out;
}

/** Issues from a zod error, with JSON Pointer paths under `prefix`. */
export function zodIssues(
  error: z.ZodError,
  make: (path: string, detail: string) => ChartIssue,
): ChartIssue[] {
  return error.issues.map((i) =>
    make(pointer(i.path.map((p) => (typeof p === "symbol" ? String(p) : p))), i.message),
  );
}

/**
 * The house theme with `overrides` deep-merged over it (or over `base`),
 * validated. Returns the theme or the issues that make it invalid.
 */
export function resolveChartTheme(
  overrides?: ChartThemeOverrides | unknown,
  base: ChartTheme = houseChartTheme,
): { theme: ChartTheme; issues: [] } | { theme: undefined; issues: ChartIssue[] } {
  if (overrides === undefined) return { theme: base, issues: [] };
  const parsed = chartThemeSchema.safeParse(deepMerge(base, overrides));
  if (parsed.success) return { theme: parsed.data, issues: [] };
  return {
    theme: undefined,
    issues: zodIssues(parsed.error, (path, detail) =>
      chartIssue("invalid-theme", path, messages.invalidTheme(`${path || "/"}: ${detail}`)),
    ),
  };
}

/** The faces of a theme, as font files for resvg and the text measurer. */
export function themeFontFiles(theme: ChartTheme): FontFaceFile[] {
  return theme.font.faces.map((f) => ({ path: f.path, weight: f.weight, style: f.style }));
}

/** The theme's fallback faces (Japanese), as font files. */
export function themeFallbackFiles(theme: ChartTheme): FontFaceFile[] {
  return (theme.font.fallback ?? []).map((f) => ({
    path: f.path,
    weight: f.weight,
    style: f.style,
  }));
}

/**
 * The Vega-Lite `config` of a theme. Presets still set per-chart details
 * (scale ranges, legends); this holds everything a raw template spec should
 * inherit so it looks like the rest of the brief.
 */
export function chartThemeConfig(theme: ChartTheme): Record<string, unknown> {
  const { font, text, palette, lines, size } = theme;
  const family = font.family;
  return {
    font: family,
    background: palette.background,
    padding: size.padding,
    view: {
      stroke: null,
      continuousWidth: size.width - 80,
      continuousHeight: size.height - 80,
    },
    title: {
      font: family,
      fontSize: text.titleSize,
      fontWeight: font.titleWeight,
      color: text.color,
      anchor: "start",
      // Align the title with the chart's left edge, not the plot area's.
      frame: "bounds",
      offset: 10,
      subtitleFont: family,
      subtitleFontSize: text.subtitleSize,
      subtitleColor: text.muted,
      subtitlePadding: 3,
    },
    axis: {
      labelFont: family,
      labelFontSize: text.labelSize,
      labelColor: text.color,
      titleFont: family,
      titleFontSize: text.axisTitleSize,
      titleFontWeight: 400,
      titleColor: text.muted,
      domainColor: palette.axis,
      tickColor: palette.axis,
      gridColor: palette.grid,
      gridWidth: 0.8,
      labelPadding: 4,
      tickSize: 4,
      titlePadding: 8,
      labelOverlap: true,
    },
    axisX: { grid: false, labelAngle: 0 },
    axisY: { grid: true, domain: false, ticks: false, labelPadding: 6 },
    axisBand: { grid: false, ticks: false },
    legend: {
      labelFont: family,
      labelFontSize: text.legendSize,
      labelColor: text.color,
      titleFont: family,
      titleFontSize: text.legendSize,
      titleFontWeight: 400,
      titleColor: text.muted,
      // No direction: Vega-Lite's default lays a top or bottom legend out in
      // rows and a left or right one in a column, as a spec's orient asks.
      orient: "top",
      symbolStrokeWidth: lines.strokeWidth,
      symbolSize: LEGEND_SYMBOL_SIZE,
      columnPadding: LEGEND_COLUMN_PADDING,
      // Never truncate a legend label: wrapLegends gives a long legend more rows instead.
      labelLimit: 0,
      offset: 8,
    },
    header: {
      labelFont: family,
      labelFontSize: text.labelSize,
      labelFontWeight: font.titleWeight,
      labelColor: text.color,
      labelAnchor: "start",
      titleFont: family,
      titleFontSize: text.axisTitleSize,
      titleColor: text.muted,
    },
    range: {
      category: palette.categorical,
      ordinal: palette.categorical,
      symbol: lines.shapes,
    },
    line: { strokeWidth: lines.strokeWidth, strokeCap: "round", strokeJoin: "round" },
    point: { size: lines.pointSize, filled: true, strokeWidth: 1.5 },
    bar: { color: palette.single, continuousBandSize: 16 },
    rect: { color: palette.single },
    arc: { stroke: palette.background, strokeWidth: 1 },
    text: { font: family, fontSize: text.annotationSize, color: text.color },
    mark: { color: palette.single },
  };
}
