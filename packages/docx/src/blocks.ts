/**
 * Block nodes to WordprocessingML body content (ECMA-376 Part 1 §17.3
 * paragraphs, §17.4 tables, §17.16 fields), one clause per block type, in
 * the manner of pandoc's Writers/Docx/OpenXML.hs:
 *
 * - headings → Heading 1–3 paragraphs (outline levels), the model's number first;
 * - tables → "Brief Table" tables with repeating header rows (`w:tblHeader`),
 *   rows that never split (`w:cantSplit`), a SEQ-numbered caption above and
 *   notes and source below;
 * - figures → a native chart (charts.ts) or the SVG with its PNG fallback,
 *   alt text on either, caption above, notes and source below;
 * - key figures and callouts → shaded one-row tables ("Brief Box");
 * - table of contents → a TOC field over Heading 1–depth, pre-filled.
 *
 * A block type this writer does not know is reported ("not-rendered").
 */
import {
  advanceWidth,
  assertNever,
  type Block,
  type Callout,
  type Cell,
  covers,
  type Figure,
  type FontFamily,
  faceFile,
  type Heading,
  type KeyFigures,
  type List,
  loadFace,
  type Paragraph as ModelParagraph,
  type Table as ModelTable,
  type Row,
} from "@briefkit/document";
import {
  AlignmentType,
  BorderStyle,
  type FileChild,
  ImageRun,
  PageBreak,
  Paragraph,
  type ParagraphChild,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from "docx";
import { nativeChart } from "./charts.js";
import { captionLabel } from "./fields.js";
import { type RunFormat, renderInlines } from "./inlines.js";
import { docxMessages } from "./messages.js";
import type { FontRole, Scope } from "./scope.js";
import { S } from "./styles.js";
import { eighths, halfPoints, hex, twipsToPx } from "./units.js";

/** Layout facts the blocks need from the page. */
export interface BodyLayout {
  /** Width between the margins, in twips. */
  textWidth: number;
}

/** Numbering references (numbering.xml) for bullet and ordered lists; see build.ts. */
export const LIST_REF = { bullet: "brief-bullet", ordered: "brief-ordered" } as const;

export function renderBlocks(
  blocks: readonly Block[],
  scope: Scope,
  layout: BodyLayout,
  path = "blocks",
): FileChild[] {
  return blocks.flatMap((b, i) => renderBlock(b, `${path}[${i}]`, scope, layout));
}

function renderBlock(block: Block, path: string, scope: Scope, layout: BodyLayout): FileChild[] {
  switch (block.type) {
    case "heading":
      return [heading(block, path, scope)];
    case "paragraph":
      return [paragraph(block, path, scope, S.normal, "body")];
    case "list":
      return list(block, path, scope, 0);
    case "table":
      return table(block, path, scope, layout);
    case "figure":
      return figure(block, path, scope, layout);
    case "keyFigures":
      return keyFigures(block, path, scope, layout);
    case "callout":
      return callout(block, path, scope, layout);
    case "pageBreak":
      return [new Paragraph({ style: S.pageBreak, children: [new PageBreak()] })];
    case "toc":
      return [
        new Paragraph({
          style: S.tocHeading,
          children: [new TextRun(scope.text(block.title, `${path}.title`, "heading"))],
        }),
        new TableOfContents(scope.xml(block.title, `${path}.title`), {
          hyperlink: true,
          headingStyleRange: `1-${block.depth}`,
        }),
      ];
    default:
      return unknownBlock(block, path, scope);
  }
}

/**
 * The exhaustive switch's last clause: `assertNever` takes `never`, so a new
 * block type breaks the build until it is handled. At run time (a document
 * from a newer model) its throw becomes a "not-rendered" warning: one
 * unknown block must not cost the whole brief, nor vanish silently.
 */
function unknownBlock(block: never, path: string, scope: Scope): FileChild[] {
  try {
    assertNever(block);
  } catch {
    const type = String((block as { type?: unknown }).type);
    scope.warn("not-rendered", path, docxMessages.notRendered(`block node "${type}"`));
  }
  return [];
}

function heading(h: Heading, path: string, scope: Scope): Paragraph {
  const style = S.heading[h.level - 1] ?? S.heading[0];
  // The section number is text, as the model gives it, set off by two
  // no-break spaces (Source Sans 3 has no en space) that also keep it on the
  // line of the title's first word.
  const number = h.number === undefined ? [] : [new TextRun(`${h.number}\u00A0\u00A0`)];
  return new Paragraph({
    style,
    children: [...number, ...renderInlines(h.children, `${path}.children`, scope, "heading")],
  });
}

function paragraph(
  p: ModelParagraph,
  path: string,
  scope: Scope,
  style: string,
  role: FontRole,
): Paragraph {
  return new Paragraph({
    style,
    children: renderInlines(p.children, `${path}.children`, scope, role),
  });
}

function list(l: List, path: string, scope: Scope, level: number): Paragraph[] {
  const reference = l.ordered ? LIST_REF.ordered : LIST_REF.bullet;
  const instance = scope.nextListInstance();
  const depth = Math.min(level, 8);
  return l.items.flatMap((item, i) =>
    item.flatMap((b, j): Paragraph[] => {
      const at = `${path}.items[${i}][${j}]`;
      if (b.type === "list") return list(b, at, scope, level + 1);
      const children = renderInlines(b.children, `${at}.children`, scope, "body");
      // The item's first paragraph carries the number; later ones align with its text.
      return j === 0
        ? [
            new Paragraph({
              style: S.listParagraph,
              numbering: { reference, level: depth, instance },
              children,
            }),
          ]
        : [
            new Paragraph({
              style: S.listParagraph,
              indent: { left: listIndent(depth) },
              children,
            }),
          ];
    }),
  );
}

/** Left indent of list level `level` in twips; build.ts uses the same for numbering.xml. */
export const listIndent = (level: number) => 360 * (level + 1);

// ---------------------------------------------------------------- tables

const thinRule = (color: string) => ({ style: BorderStyle.SINGLE, size: eighths(0.5), color });

/** Column widths in twips: label columns twice as wide as numeric ones, summing to the text width. */
function columnWidths(columns: ModelTable["columns"], textWidth: number): number[] {
  const weights = columns.map((c) => (c.numeric || c.align === "right" ? 1 : 2));
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const widths = weights.map((w) => Math.floor((textWidth * w) / total));
  // Rounding remainder to the first column, so the grid is exactly the text width.
  widths[0] = (widths[0] ?? 0) + textWidth - widths.reduce((a, b) => a + b, 0);
  return widths;
}

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
} as const;

function caption(
  kind: "Table" | "Figure",
  number: number,
  inlines: ModelTable["caption"],
  path: string,
  scope: Scope,
): Paragraph {
  const accent = hex(scope.theme.colors.accent);
  return new Paragraph({
    style: S.caption,
    children: [
      ...captionLabel(kind, kind === "Table" ? scope.terms.table : scope.terms.figure, number, {
        color: accent,
      }),
      new TextRun({ text: `${scope.terms.captionEnd} `, color: accent }),
      ...renderInlines(inlines, `${path}.caption`, scope, "heading"),
    ],
  });
}

/** Notes, then the source line: under every table and figure. */
function notesAndSource(
  node: { notes: ModelTable["notes"]; source: ModelTable["source"] },
  path: string,
  scope: Scope,
): Paragraph[] {
  const out = node.notes.map(
    (n, i) =>
      new Paragraph({
        style: S.note,
        children: renderInlines(n, `${path}.notes[${i}]`, scope, "heading"),
      }),
  );
  if (node.source.length > 0) {
    out.push(
      new Paragraph({
        style: S.source,
        children: renderInlines(node.source, `${path}.source`, scope, "heading"),
      }),
    );
  } else {
    out.push(new Paragraph({ style: S.spacer }));
  }
  return out;
}

function table(t: ModelTable, path: string, scope: Scope, layout: BodyLayout): FileChild[] {
  const widths = columnWidths(t.columns, layout.textWidth);
  const rule = hex(scope.theme.colors.text);
  const lastHead = t.head.length - 1;
  const cells = (row: Row, rowPath: string, kind: "head" | "body", isLastHead: boolean) => {
    let column = 0;
    return row.cells.map((cell: Cell, c) => {
      const span = cell.colSpan ?? 1;
      const first = t.columns[column];
      const width = widths.slice(column, column + span).reduce((a, b) => a + b, 0);
      column += span;
      const align =
        span > 1 ? AlignmentType.CENTER : (ALIGN[first?.align ?? "left"] ?? AlignmentType.LEFT);
      const format: RunFormat =
        row.role === "total" ? { bold: true } : row.role === "subheading" ? { italics: true } : {};
      const borders =
        kind === "head"
          ? isLastHead || span > 1
            ? { bottom: thinRule(rule) }
            : undefined
          : row.role === "total"
            ? { top: thinRule(rule) }
            : undefined;
      return new TableCell({
        width: { size: width, type: WidthType.DXA },
        columnSpan: span > 1 ? span : undefined,
        verticalAlign: kind === "head" ? VerticalAlignTable.BOTTOM : VerticalAlignTable.TOP,
        ...(borders ? { borders } : {}),
        children: [
          new Paragraph({
            style: kind === "head" ? S.tableHead : S.tableText,
            alignment: align,
            children: renderInlines(
              cell.children,
              `${rowPath}.cells[${c}].children`,
              scope,
              "heading",
              format,
            ),
          }),
        ],
      });
    });
  };
  const rows = [
    ...t.head.map(
      (row, r) =>
        new TableRow({
          tableHeader: true,
          cantSplit: true,
          children: cells(row, `${path}.head[${r}]`, "head", r === lastHead),
        }),
    ),
    ...t.body.map(
      (row, r) =>
        new TableRow({
          cantSplit: true,
          children: cells(row, `${path}.body[${r}]`, "body", false),
        }),
    ),
  ];
  return [
    caption("Table", t.number, t.caption, path, scope),
    new Table({
      style: S.dataTable,
      layout: TableLayoutType.FIXED,
      width: { size: layout.textWidth, type: WidthType.DXA },
      columnWidths: widths,
      rows,
    }),
    ...notesAndSource(t, path, scope),
  ];
}

// ---------------------------------------------------------------- figures

function figure(f: Figure, path: string, scope: Scope, layout: BodyLayout): FileChild[] {
  const maxWidth = twipsToPx(layout.textWidth);
  const scale = Math.min(1, maxWidth / f.width);
  const size = { width: f.width * scale, height: f.height * scale };
  const drawing = figureDrawing(f, size, path, scope);
  return [
    caption("Figure", f.number, f.caption, path, scope),
    new Paragraph({ style: S.figure, children: drawing }),
    ...notesAndSource(f, path, scope),
  ];
}

function figureDrawing(
  f: Figure,
  size: { width: number; height: number },
  path: string,
  scope: Scope,
): ParagraphChild[] {
  if (f.chart && scope.nativeCharts) {
    const chart = nativeChart({ ...f, chart: f.chart }, size, path, scope);
    // ChartRun is a Run; the library's ParagraphChild union predates charts.
    if (chart) return [chart as unknown as ParagraphChild];
  }
  const alt = {
    id: String(scope.nextDrawingId()),
    name: `${scope.terms.figure} ${f.number}`,
    description: scope.xml(f.alt, `${path}.alt`),
  };
  const transformation = { width: Math.round(size.width), height: Math.round(size.height) };
  if (f.png) {
    return [
      new ImageRun({
        type: "svg",
        data: Buffer.from(scope.xml(f.svg, `${path}.svg`), "utf8"),
        fallback: { type: "png", data: Buffer.from(f.png.base64, "base64") },
        transformation,
        altText: alt,
      }),
    ];
  }
  // Word needs a raster fallback for SVG; without one, say what the figure shows.
  scope.warn("not-rendered", path, docxMessages.figureWithoutPicture(f.number));
  return [new TextRun({ text: alt.description, italics: true })];
}

// ---------------------------------------------------------------- boxes

/** A shaded box as a table: the only construct Word and LibreOffice both draw as one block. */
function box(rows: TableRow[], columns: number, layout: BodyLayout): FileChild[] {
  const width = Math.floor(layout.textWidth / columns);
  // A table has no spacing of its own: small empty paragraphs keep the text
  // above and below off the box.
  return [
    new Paragraph({ style: S.spacer }),
    new Table({
      style: S.boxTable,
      layout: TableLayoutType.FIXED,
      width: { size: width * columns, type: WidthType.DXA },
      columnWidths: Array.from({ length: columns }, () => width),
      rows,
    }),
    new Paragraph({ style: S.spacer }),
  ];
}

/** A box cell's padding on each side, twips (the box table style's w:tblCellMar). */
const BOX_CELL_MARGIN = 200;

/** The smallest size a key figure's value is set in, pt (as in the PDF). */
const MIN_KEY_FIGURE_SIZE = 11;

/**
 * Width of `text` in pt at `size` in a bold face of `family`, a character the
 * family lacks measured in its East Asian fallback: Word and LibreOffice set
 * the value in these embedded fonts, so the measure is theirs.
 */
function boldWidth(text: string, size: number, family: FontFamily, fallback?: FontFamily): number {
  const face = loadFace(faceFile(family, true, false));
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    const other =
      fallback !== undefined && !covers(face, cp)
        ? loadFace(faceFile(fallback, true, false))
        : undefined;
    width += advanceWidth(other ?? face, ch, size);
  }
  return width;
}

/**
 * Columns and value size of a key-figures box: at most three to a row, rows
 * as even as they can be (4 → 2 + 2, 5 → 3 + 2), each value on one line. A
 * value too wide for its column makes every value smaller, not below 11 pt;
 * where even that is too wide, the box has fewer columns. Word cannot shrink
 * text to fit, and LibreOffice wrapped "US$1,352 | million" across two lines,
 * pushing the full paper a page longer than its contents said.
 */
export function keyFiguresFit(
  widest: number,
  count: number,
  size: number,
  textWidth: number,
): { perRow: number; size: number } {
  // 2% slack: the applications kern and round where the advance widths do not.
  const room = (columns: number) => ((textWidth / columns - 2 * BOX_CELL_MARGIN) / 20) * 0.98;
  let most = Math.min(3, count);
  while (most > 1 && (widest * MIN_KEY_FIGURE_SIZE) / size > room(most)) most -= 1;
  const perRow = Math.ceil(count / Math.ceil(count / most));
  const fitted =
    widest <= room(perRow)
      ? size
      : Math.max(MIN_KEY_FIGURE_SIZE, Math.floor(((size * room(perRow)) / widest) * 2) / 2);
  return { perRow, size: fitted };
}

function keyFigures(k: KeyFigures, path: string, scope: Scope, layout: BodyLayout): FileChild[] {
  const { fonts, sizes } = scope.theme;
  const values = k.items.map((item, i) =>
    scope.text(item.value.text, `${path}.items[${i}].value`, "heading"),
  );
  const widest = Math.max(
    0,
    ...values.map((v) => boldWidth(v, sizes.keyFigure, fonts.heading, fonts.eastAsian?.heading)),
  );
  const { perRow, size } = keyFiguresFit(widest, k.items.length, sizes.keyFigure, layout.textWidth);
  const panel = hex(scope.theme.colors.panel);
  const accent = hex(scope.theme.colors.accent);
  const shading = { type: ShadingType.CLEAR, fill: panel, color: "auto" };
  const rows: TableRow[] = [];
  if (k.title !== undefined) {
    rows.push(
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({
            columnSpan: perRow > 1 ? perRow : undefined,
            shading,
            borders: { top: { style: BorderStyle.SINGLE, size: eighths(2), color: accent } },
            margins: { bottom: 0 },
            children: [
              new Paragraph({
                style: S.keyTitle,
                children: [new TextRun(scope.text(k.title, `${path}.title`, "heading"))],
              }),
            ],
          }),
        ],
      }),
    );
  }
  for (let start = 0; start < k.items.length; start += perRow) {
    const slice = k.items.slice(start, start + perRow);
    const cells = slice.map((item, j) => {
      const at = `${path}.items[${start + j}]`;
      return new TableCell({
        shading,
        ...(k.title === undefined && start === 0
          ? { borders: { top: { style: BorderStyle.SINGLE, size: eighths(2), color: accent } } }
          : {}),
        children: [
          new Paragraph({
            style: S.keyValue,
            children: [
              new TextRun({
                text: values[start + j] ?? "",
                ...(size === sizes.keyFigure ? {} : { size: halfPoints(size) }),
              }),
            ],
          }),
          new Paragraph({
            style: S.keyLabel,
            children: renderInlines(item.label, `${at}.label`, scope, "heading"),
          }),
        ],
      });
    });
    while (cells.length < perRow)
      cells.push(new TableCell({ shading, children: [new Paragraph({})] }));
    rows.push(new TableRow({ cantSplit: true, children: cells }));
  }
  return box(rows, perRow, layout);
}

function callout(c: Callout, path: string, scope: Scope, layout: BodyLayout): FileChild[] {
  const { colors } = scope.theme;
  const edge = hex(
    c.kind === "recommendation"
      ? (colors.palette[1] ?? colors.accent)
      : c.kind === "note"
        ? colors.muted
        : colors.accent,
  );
  const title =
    c.title === undefined
      ? []
      : [
          new Paragraph({
            style: S.calloutTitle,
            children: [new TextRun(scope.text(c.title, `${path}.title`, "heading"))],
          }),
        ];
  const cell = new TableCell({
    shading: { type: ShadingType.CLEAR, fill: hex(colors.panel), color: "auto" },
    borders: { left: { style: BorderStyle.SINGLE, size: eighths(3), color: edge } },
    children: [
      ...title,
      ...c.children.map((p, i) => paragraph(p, `${path}.children[${i}]`, scope, S.callout, "body")),
    ],
  });
  return box([new TableRow({ cantSplit: true, children: [cell] })], 1, layout);
}
