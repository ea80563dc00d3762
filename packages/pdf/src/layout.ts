/**
 * The house style as pdfmake 0.3 sees it: page geometry (A4, margins from the
 * theme in mm), the `styles` dictionary built from the theme's tokens (style
 * lives in the theme, never in the model: docs/architecture.md, "The document
 * model") and the named table
 * layouts (pdfmake "tableLayouts": rules and paddings as functions).
 *
 * Tables follow booktabs practice: no vertical rules, a heavier rule above
 * the column heads and below the last row, thin rules under the heads, under
 * spanning heads and above totals.
 */
import type { Theme } from "@briefkit/document";
import { lineHeightFactor } from "./fonts.js";

/** Points per millimetre. */
const MM = 72 / 25.4;
/** A4 in points (ISO 216: 210 × 297 mm). */
const A4 = { width: 595.28, height: 841.89 };

export interface Geometry {
  pageWidth: number;
  pageHeight: number;
  /** [left, top, right, bottom] in pt, as pdfmake's `pageMargins`. */
  margins: [number, number, number, number];
  textWidth: number;
  textHeight: number;
}

const round = (x: number) => Math.round(x * 100) / 100;

export function geometry(theme: Theme): Geometry {
  const { marginLeft, marginTop, marginRight, marginBottom } = theme.page;
  const margins: Geometry["margins"] = [
    round(marginLeft * MM),
    round(marginTop * MM),
    round(marginRight * MM),
    round(marginBottom * MM),
  ];
  return {
    pageWidth: A4.width,
    pageHeight: A4.height,
    margins,
    textWidth: round(A4.width - margins[0] - margins[2]),
    textHeight: round(A4.height - margins[1] - margins[3]),
  };
}

/** Names of the table layouts registered with pdfmake (see `tableLayouts`). */
export const LAYOUT = {
  table: "briefkit-table",
  panel: "briefkit-panel",
  callout: "briefkit-callout",
} as const;

/** Left and right padding of a key-figures box's cells, pt. */
export const PANEL_PADDING = 10;

/** Letter spacing of the capitals over the title (the organisation) and over a key-figures box, pt. */
export const KICKER_SPACING = 0.8;
export const KEY_FIGURES_TITLE_SPACING = 0.4;

/** A pdfmake style: the subset of properties this writer sets. */
export interface PdfStyle {
  font?: string;
  fontSize?: number;
  bold?: boolean;
  italics?: boolean;
  color?: string;
  lineHeight?: number;
  alignment?: "left" | "right" | "center" | "justify";
  margin?: [number, number, number, number];
  characterSpacing?: number;
}

/** The `styles` dictionary: every style name the writer uses. */
export function styles(theme: Theme, align: "justify" | "left"): Record<string, PdfStyle> {
  const { body, heading } = theme.fonts;
  const { sizes, colors } = theme;
  const serif = (multiple: number) => lineHeightFactor(body, multiple);
  const sans = (multiple: number) => lineHeightFactor(heading, multiple);
  const h = (size: number, color: string, margin: PdfStyle["margin"]): PdfStyle => ({
    font: heading.name,
    fontSize: size,
    bold: true,
    color,
    lineHeight: sans(1.2),
    alignment: "left",
    margin,
  });
  return {
    body: { alignment: align, margin: [0, 0, 0, 6] },
    listItem: { alignment: "left", margin: [0, 0, 0, 2] },
    h1: h(sizes.h1, colors.accent, [0, 14, 0, 6]),
    h2: h(sizes.h2, colors.text, [0, 10, 0, 4]),
    h3: h(sizes.h3, colors.text, [0, 8, 0, 3]),
    headingNumber: { color: colors.accent },
    kicker: {
      font: heading.name,
      fontSize: sizes.caption,
      bold: true,
      color: colors.accent,
      characterSpacing: KICKER_SPACING,
      margin: [0, 0, 0, 6],
    },
    title: {
      font: heading.name,
      fontSize: sizes.title,
      bold: true,
      color: colors.text,
      lineHeight: sans(1.1),
      margin: [0, 10, 0, 6],
    },
    subtitle: {
      font: body.name,
      fontSize: sizes.subtitle,
      color: colors.muted,
      lineHeight: serif(1.25),
      margin: [0, 0, 0, 12],
    },
    byline: { font: heading.name, fontSize: sizes.body, color: colors.text, margin: [0, 0, 0, 2] },
    titleMeta: {
      font: heading.name,
      fontSize: sizes.caption,
      color: colors.muted,
      lineHeight: sans(1.3),
    },
    tocTitle: h(sizes.h2, colors.accent, [0, 0, 0, 6]),
    toc1: { font: heading.name, fontSize: sizes.body, bold: true, color: colors.text },
    toc2: { font: heading.name, fontSize: sizes.body, color: colors.text },
    toc3: { font: heading.name, fontSize: sizes.caption, color: colors.muted },
    tocNumber: { font: heading.name, fontSize: sizes.body, color: colors.muted },
    caption: {
      font: heading.name,
      fontSize: sizes.caption + 0.5,
      bold: true,
      color: colors.text,
      lineHeight: sans(1.2),
      alignment: "left",
    },
    captionLabel: { color: colors.accent },
    cell: {
      font: heading.name,
      fontSize: sizes.caption,
      color: colors.text,
      lineHeight: sans(1.2),
    },
    head: { bold: true },
    total: { bold: true },
    subheadingRow: { italics: true },
    smallPrint: {
      font: heading.name,
      fontSize: sizes.small,
      color: colors.muted,
      lineHeight: sans(1.3),
      alignment: "left",
    },
    keyFiguresTitle: {
      font: heading.name,
      fontSize: sizes.small,
      bold: true,
      color: colors.accent,
      characterSpacing: KEY_FIGURES_TITLE_SPACING,
    },
    keyFigureValue: {
      font: heading.name,
      fontSize: sizes.keyFigure,
      bold: true,
      color: colors.accent,
      lineHeight: sans(1.1),
    },
    keyFigureLabel: {
      font: heading.name,
      fontSize: sizes.caption,
      color: colors.text,
      lineHeight: sans(1.25),
    },
    calloutTitle: {
      font: heading.name,
      fontSize: sizes.body,
      bold: true,
      color: colors.accent,
      margin: [0, 0, 0, 3],
    },
    calloutBody: { alignment: "left", margin: [0, 0, 0, 3] },
    note: { fontSize: sizes.caption, lineHeight: serif(1.3), alignment: "left" },
    noteNumber: { font: heading.name, fontSize: sizes.caption, color: colors.accent },
    running: { font: heading.name, fontSize: sizes.small, color: colors.muted },
    link: { color: colors.accent },
    noteRef: { color: colors.accent },
  };
}

/** The default style: body text. */
export function defaultStyle(theme: Theme): PdfStyle {
  return {
    font: theme.fonts.body.name,
    fontSize: theme.sizes.body,
    lineHeight: lineHeightFactor(theme.fonts.body, theme.lineHeight),
    color: theme.colors.text,
  };
}

/** The shape of a pdfmake table node as the layout functions read it. */
interface TableNode {
  table: { body: unknown[][]; widths?: unknown[] };
}

/** pdfmake custom table layout (functions of the line or column index). */
export interface TableLayout {
  defaultBorder?: boolean;
  hLineWidth?: (i: number, node: TableNode) => number;
  vLineWidth?: (i: number, node: TableNode) => number;
  hLineColor?: (i: number, node: TableNode) => string;
  vLineColor?: (i: number, node: TableNode) => string;
  paddingLeft?: (i: number, node: TableNode) => number;
  paddingRight?: (i: number, node: TableNode) => number;
  paddingTop?: (i: number, node: TableNode) => number;
  paddingBottom?: (i: number, node: TableNode) => number;
}

/**
 * The named table layouts. Data tables carry their caption as row 0 (so it
 * repeats with the column heads on every page); which rules are drawn is set
 * per cell (`border`), their weight here by line index.
 */
export function tableLayouts(theme: Theme): Record<string, TableLayout> {
  const columns = (node: TableNode) => node.table.widths?.length ?? node.table.body[0]?.length ?? 1;
  const heavy = (i: number, node: TableNode) => i === 1 || i === node.table.body.length;
  return {
    [LAYOUT.table]: {
      defaultBorder: false,
      hLineWidth: (i, node) => (i === 0 ? 0 : heavy(i, node) ? 0.9 : 0.5),
      vLineWidth: () => 0,
      hLineColor: (i, node) => (heavy(i, node) ? theme.colors.text : theme.colors.muted),
      paddingLeft: (i) => (i === 0 ? 0 : 8),
      paddingRight: (i, node) => (i === columns(node) - 1 ? 0 : 8),
      paddingTop: (i) => (i === 0 ? 0 : 1.8),
      paddingBottom: (i) => (i === 0 ? 5 : 1.8),
    },
    [LAYOUT.panel]: {
      defaultBorder: false,
      hLineWidth: () => 0,
      vLineWidth: () => 0,
      paddingLeft: () => PANEL_PADDING,
      paddingRight: () => PANEL_PADDING,
      // One box: space above its first row and below its last, little between rows.
      paddingTop: (i) => (i === 0 ? 8 : 3),
      paddingBottom: (i, node) => (i === node.table.body.length - 1 ? 9 : 0),
    },
    [LAYOUT.callout]: {
      defaultBorder: true,
      hLineWidth: () => 0,
      vLineWidth: (i) => (i === 0 ? 3 : 0),
      vLineColor: () => theme.colors.accent,
      paddingLeft: () => 12,
      paddingRight: () => 10,
      paddingTop: () => 8,
      paddingBottom: () => 6,
    },
  };
}
