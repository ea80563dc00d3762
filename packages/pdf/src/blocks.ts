/**
 * Block nodes → pdfmake content (docDefinition `content` entries: text,
 * stack, ul/ol, table, svg, toc). One function per node type, dispatched by
 * an exhaustive `switch (block.type)`.
 *
 * Page-flow rules a printed brief needs, in pdfmake terms:
 * - headings carry `headlineLevel`, which keep-with-next.ts reads to keep a
 *   heading off the foot of a page (keep-with-next);
 * - paragraphs of the body and of lists carry `orphans` and `widows`, which
 *   the renderer keeps (typesetting.ts): no line of theirs alone at the foot
 *   or head of a page;
 * - tables: caption as header row 0, so caption and column heads repeat on
 *   every page (`headerRows`), `keepWithHeaderRows`, `dontBreakRows`;
 *   a table whose words would not fit is fitted by `fitTable` (words.ts);
 * - figures, key-figure boxes and callouts are `unbreakable` stacks, so a
 *   chart never parts from its caption and source line.
 */
import {
  advanceWidth,
  assertNever,
  type Block,
  faceFile,
  type Inline,
  type List,
  loadFace,
  type Paragraph,
  plainText,
  type Row,
  type Table,
  type Terms,
} from "@briefkit/document";
import { type Env, sans, serif } from "./env.js";
import { inlineText, type Leaf } from "./inlines.js";
import { KEY_FIGURES_TITLE_SPACING, LAYOUT, PANEL_PADDING, tableLayouts } from "./layout.js";
import { pdfMessages } from "./messages.js";
import { scriptFallbacks, svgWithFallbackFonts } from "./scripts.js";
import { isSvgDocument, normaliseFontStyles, stripImages, svgText } from "./svg.js";
import { headingTag, type Tag } from "./tags.js";
import type { FaceRef } from "./text.js";
import { KEEP_LINES } from "./typesetting.js";
import { breakLongString, breakLongWords, type Setting, widestWord } from "./words.js";

/** A pdfmake content node, as plain JSON. */
export type Node = { [key: string]: unknown };

/** Converts a document's blocks, applying page breaks to the block that follows them. */
export function blocksContent(blocks: readonly Block[], env: Env): Node[] {
  const out: Node[] = [];
  const outline: Array<string | undefined> = [];
  let breakNext = false;
  blocks.forEach((block, i) => {
    const path = `blocks[${i}]`;
    if (block.type === "pageBreak") {
      breakNext = out.length > 0;
      return;
    }
    const node = blockContent(block, path, env, outline);
    if (node === null) return;
    if (breakNext) node.pageBreak = "before";
    breakNext = false;
    out.push(node);
  });
  return out;
}

function blockContent(
  block: Block,
  path: string,
  env: Env,
  outline: Array<string | undefined>,
): Node | null {
  switch (block.type) {
    case "heading":
      return heading(block.level, block.number, block.children, path, env, outline);
    case "paragraph":
      return paragraph(block, path, env);
    case "list":
      return list(block, path, env, 0);
    case "table":
      return table(block, path, env);
    case "figure":
      return figure(block, path, env);
    case "keyFigures":
      return keyFigures(block, path, env);
    case "callout":
      return callout(block, path, env);
    case "toc":
      return toc(block, path, env);
    case "pageBreak":
      // Handled by blocksContent: a break belongs to the block after it.
      return null;
    default:
      return unhandledBlock(block, path, env);
  }
}

/**
 * The `never` parameter makes a new block type a compile error here (as
 * `assertNever` does); at run time an unknown block is reported as
 * "not-rendered", never dropped silently.
 */
function unhandledBlock(block: never, path: string, env: Env): null {
  const type = (block as { type?: unknown }).type;
  env.log({
    code: "not-rendered",
    path,
    message: pdfMessages.notRendered(`block "${String(type)}"`),
  });
  return null;
}

/** A heading: "2.1 Title", in the TOCs deep enough for it, and a PDF outline entry. */
export function heading(
  level: 1 | 2 | 3,
  number: string | undefined,
  children: readonly Inline[],
  path: string,
  env: Env,
  outline: Array<string | undefined>,
): Node {
  const face = sans(env, true);
  const text = breakLongWords(
    [
      ...(number === undefined ? [] : [{ text: `${env.clean(number, `${path}.number`, face)} ` }]),
      ...inlineText(children, `${path}.children`, face, env),
    ],
    env.geometry.textWidth - TOC_NUMBER_ROOM,
    { face, size: env.theme.sizes[`h${level}`] },
  );
  const id = `bk-${path.replace(/[^\w]/g, "-")}`;
  outline[level - 1] = id;
  outline.length = level;
  const tocItem = env.tocs.filter((t) => t.depth >= level).map((t) => t.id);
  const parent = level > 1 ? outline[level - 2] : undefined;
  const plain = `${number === undefined ? "" : `${number} `}${plainText(children)}`;
  return {
    text,
    style: `h${level}`,
    tag: headingTag(level),
    id,
    headlineLevel: level,
    outline: true,
    outlineText: env.scrub(plain, `${path}.children`),
    ...(parent === undefined ? {} : { outlineParentId: parent }),
    ...(tocItem.length === 0
      ? {}
      : {
          tocItem,
          tocStyle: `toc${level}`,
          tocMargin: [(level - 1) * 14, level === 1 ? 5 : 1.5, 0, 0],
          tocNumberStyle: "tocNumber",
        }),
  };
}

/**
 * The room a contents line leaves a heading's words: the page number column
 * and the deepest entry's indent (pdfmake sets the contents as a table of a
 * `*` and an `auto` column, so a wider word would push the numbers off the page).
 */
const TOC_NUMBER_ROOM = 72;

/**
 * A paragraph `room` points wide. In the flow of the page (body text and
 * lists) it asks for its orphans and widows to be kept (typesetting.ts): a
 * page break leaves at least two of its lines on either side.
 */
function paragraph(p: Paragraph, path: string, env: Env, style = "body", room?: number): Node {
  const text = breakLongWords(
    inlineText(p.children, `${path}.children`, serif(env), env),
    room ?? env.geometry.textWidth,
    { face: serif(env), size: env.theme.sizes.body },
  );
  return style === "body" || style === "listItem"
    ? { text, style, ...KEEP_LINES, tag: "P" }
    : { text, style, tag: "P" };
}

/** A list's indent and marker, pt (its margin and pdfmake's marker gap, a little over). */
const LIST_INDENT = 20;

function list(l: List, path: string, env: Env, depth: number): Node {
  const room = env.geometry.textWidth - (depth + 1) * LIST_INDENT;
  const items = l.items.map((item, i) => {
    const parts = item.map((b, j) => {
      const here = `${path}.items[${i}][${j}]`;
      return b.type === "paragraph"
        ? paragraph(b, here, env, "listItem", room)
        : list(b, here, env, depth + 1);
    });
    return parts.length === 1 ? parts[0] : { stack: parts };
  });
  return {
    [l.ordered ? "ol" : "ul"]: items,
    tag: "L",
    markerColor: env.theme.colors.accent,
    margin: depth === 0 ? [8, 0, 0, 6] : [4, 2, 0, 0],
  };
}

/** Between "Notes:" and the notes, pt. */
const NOTES_GAP = 3;

/** Notes and source under a table or figure, kept together: "Notes:" hangs beside its notes. */
function smallPrint(
  notes: readonly (readonly Inline[])[],
  source: readonly Inline[],
  path: string,
  env: Env,
): Node | null {
  const lines: Node[] = [];
  const setting: Setting = { face: sans(env), size: env.theme.sizes.small };
  const { textWidth } = env.geometry;
  if (notes.length > 0) {
    const label = env.terms.notesLabel(notes.length);
    const room = textWidth - widestWord([{ text: label }], setting) - NOTES_GAP;
    lines.push({
      columns: [
        { text: label, width: "auto", tag: "P" },
        {
          stack: notes.map((n, i) => ({
            text: breakLongWords(
              inlineText(n, `${path}.notes[${i}]`, sans(env), env),
              room,
              setting,
            ),
            tag: "P",
          })),
          width: "*",
        },
      ],
      columnGap: NOTES_GAP,
    });
  }
  // The model's source line is the whole line ("Source: …"), worded by
  // compose from the terms table; every writer prints it as it stands.
  if (source.length > 0) {
    const text = inlineText(source, `${path}.source`, sans(env), env);
    lines.push({ text: breakLongWords(text, textWidth, setting), tag: "P" });
  }
  if (lines.length === 0) return null;
  return { stack: lines, style: "smallPrint", margin: [0, 4, 0, 0], unbreakable: true };
}

/** "Table 1. …": its words fitted to `room`. */
function captionText(
  label: string,
  number: number,
  caption: readonly Inline[],
  path: string,
  env: Env,
  room: number,
): Leaf[] {
  return breakLongWords(
    [
      { text: `${label} ${number}${env.terms.captionEnd} `, style: "captionLabel" },
      ...inlineText(caption, `${path}.caption`, sans(env, true), env),
    ],
    room,
    { face: sans(env, true), size: env.theme.sizes.caption + 0.5 },
  );
}

function isBlank(xs: readonly Inline[]): boolean {
  return plainText(xs).trim() === "";
}

/**
 * A cell's structure role, as the HTML writer gives it: a head cell heads its
 * column, a body row's first cell its row; a blank cell heads nothing.
 */
function cellTag(kind: "head" | "body", first: boolean, children: readonly Inline[]): Tag {
  if (isBlank(children) || (kind === "body" && !first)) return "TD";
  return { type: "TH", scope: kind === "head" ? "Column" : "Row" };
}

/** `fontFeatures` for tabular figures in a table face, if its default figures are not tabular. */
function tabular(env: Env, bold: boolean, italic: boolean): { fontFeatures?: string[] } {
  const { tabular: features } = loadFace(faceFile(env.theme.fonts.heading, bold, italic));
  return features.length === 0 ? {} : { fontFeatures: [...features] };
}

/** A table cell's text, where it stands and how it is set: what fitTable measures. */
interface CellText {
  node: Node & { text: Leaf[] };
  col: number;
  span: number;
  face: FaceRef;
  size: number;
}

/** Cells of one row, with pdfmake's `{}` placeholders after a spanning cell. */
function rowCells(
  row: Row,
  r: number,
  kind: "head" | "body",
  t: Table,
  path: string,
  env: Env,
  rule: { top: boolean; bottom: boolean },
  texts: CellText[],
): Node[] {
  const cells: Node[] = [];
  let col = 0;
  row.cells.forEach((cell, c) => {
    const span = cell.colSpan ?? 1;
    const column = t.columns[col];
    const numeric = column?.numeric === true || column?.align === "right";
    const role = row.role ?? "body";
    const bold = kind === "head" || role === "total";
    const italic = role === "subheading";
    const here = `${path}.${kind}[${r}].cells[${c}].children`;
    let text = inlineText(cell.children, here, sans(env, bold, italic), env);
    if (kind === "body" && numeric && isBlank(cell.children))
      text = [{ text: env.terms.missingValue }];
    const style =
      kind === "head"
        ? "head"
        : role === "total"
          ? "total"
          : role === "subheading"
            ? "subheadingRow"
            : undefined;
    const align = span > 1 && kind === "head" ? "center" : (column?.align ?? "left");
    const node = {
      text,
      tag: cellTag(kind, col === 0, cell.children),
      ...(style === undefined ? {} : { style }),
      alignment: align,
      ...(numeric && kind === "body" ? tabular(env, bold, italic) : {}),
      ...(span > 1 ? { colSpan: span } : {}),
      border: [false, rule.top, false, rule.bottom || (kind === "head" && span > 1)],
    };
    cells.push(node);
    texts.push({
      node,
      col,
      span,
      face: sans(env, bold, italic),
      size: env.theme.sizes.caption,
    });
    for (let k = 1; k < span; k += 1) cells.push({});
    col += span;
  });
  // The model rejects ragged rows; a document that skipped validation would
  // make pdfmake abort with "Malformed table row". Mend the row and say so.
  const width = t.columns.length;
  if (cells.length !== width) {
    env.log({
      code: "not-rendered",
      path: `${path}.${kind}[${r}]`,
      message: pdfMessages.raggedRow(t.number, cells.length, width),
    });
    cells.length = Math.min(cells.length, width);
    cells.forEach((c, i) => {
      // A span cut by the last column ends there.
      if (typeof c.colSpan === "number" && i + c.colSpan > width) c.colSpan = width - i;
    });
    while (cells.length < width)
      cells.push({ text: "", border: [false, rule.top, false, rule.bottom], tag: "TD" });
  }
  return cells;
}

/**
 * A numbered table. Row 0 is the caption ("Table 1. …") spanning every
 * column; it and the model's head rows form pdfmake's `headerRows`, so they
 * repeat on each page a long table runs to. Numbers are right-aligned in
 * tabular figures (the face's own, or OpenType `tnum` via pdfmake's
 * `fontFeatures` where its default figures are proportional: see fonts.ts);
 * an empty numeric cell reads "—".
 */
function table(t: Table, path: string, env: Env): Node {
  const n = t.columns.length;
  const widths = t.columns.map((c) => (c.numeric === true || c.align === "right" ? "auto" : "*"));
  if (!widths.includes("*") && widths.length > 0) widths[0] = "*";
  const captionNode = {
    text: captionText(env.terms.table, t.number, t.caption, path, env, Infinity),
    style: "caption",
    tag: "Caption",
    colSpan: n,
    border: [false, false, false, true],
  };
  const caption: Node[] = [captionNode, ...Array.from({ length: n - 1 }, () => ({}))];
  const texts: CellText[] = [
    {
      node: captionNode,
      col: 0,
      span: n,
      face: sans(env, true),
      size: env.theme.sizes.caption + 0.5,
    },
  ];
  const head = t.head.map((row, r) =>
    rowCells(row, r, "head", t, path, env, { top: false, bottom: r === t.head.length - 1 }, texts),
  );
  const body = t.body.map((row, r) =>
    rowCells(
      row,
      r,
      "body",
      t,
      path,
      env,
      { top: row.role === "total", bottom: r === t.body.length - 1 },
      texts,
    ),
  );
  // A row with a long string broken into a narrow column can be taller than
  // a page, and pdfmake drops a table whose unbreakable row cannot fit on one.
  const fitted = fitTable(texts, widths, env);
  const broken = fitted !== null;
  const tableNode: Node = {
    table: {
      headerRows: 1 + head.length,
      ...(broken ? {} : { keepWithHeaderRows: 1 }),
      dontBreakRows: !broken,
      widths: fitted ?? widths,
      body: [caption, ...head, ...body],
    },
    layout: LAYOUT.table,
    style: "cell",
    tag: "Table",
  };
  const below = smallPrint(t.notes, t.source, path, env);
  // A table that fits on a page is kept whole with its notes, as a printed
  // brief would set it; a longer one breaks between rows and repeats its head.
  const fitsOnAPage = t.head.length + t.body.length <= KEEP_WHOLE_ROWS && !broken;
  return {
    stack: below === null ? [tableNode] : [tableNode, below],
    tag: "Div",
    margin: [0, 6, 0, 12],
    ...(fitsOnAPage ? { unbreakable: true } : {}),
  };
}

/**
 * Fits a table whose words would push it off the page. pdfmake's rule
 * (pdfmake/js/columnCalculator.js and DocMeasure#measureTable): a column
 * needs its widest word; a spanning cell's widest word, beyond the columns it
 * spans, is shared among them; and if the `auto` columns' needs plus the
 * widest `*` need times the number of `*` columns reach the room, every
 * column gets its need and the table runs over the margin, taking columns
 * with it. A table that fits by that rule is left alone (`null`).
 *
 * One that does not gets the widest cap on a word under which its columns'
 * needs fit; every word wider than the cap gets break opportunities
 * (words.ts); and the table gets fixed column widths: each column its need,
 * then the rest of the room shared out evenly among the columns whose text
 * is wider than that, none beyond its text. pdfmake's own `auto` would give
 * all of it to a column holding a long string and leave the others at their
 * narrowest word.
 */
function fitTable(
  texts: readonly CellText[],
  widths: readonly string[],
  env: Env,
): number[] | null {
  const layout = tableLayouts(env.theme)[LAYOUT.table];
  const shape = { table: { body: [], widths: [...widths] } };
  const padLeft = (i: number) => layout?.paddingLeft?.(i, shape) ?? 0;
  const padRight = (i: number) => layout?.paddingRight?.(i, shape) ?? 0;
  // What pdfmake puts between column i-1 and column i (its "offsets").
  const gaps = widths.map((_, i) => (i === 0 ? 0 : padRight(i - 1)) + padLeft(i));
  const offsets = gaps.reduce((a, b) => a + b, 0) + padLeft(0) + padRight(widths.length - 1);
  const room = env.geometry.textWidth - offsets;
  // Each column is given a point more than its measured need, for the
  // kerning and rounding advanceWidth leaves out.
  const slack = widths.length;
  // A cell a ragged row pushed out of the table (unvalidated documents only) needs no room.
  const inside = texts.filter((c) => c.col + c.span <= widths.length);
  const needs = inside.map((c) => widestWord(c.node.text, { face: c.face, size: c.size }));
  const columnNeeds = (cap: number): number[] => {
    const columns = widths.map(() => 0);
    inside.forEach((c, i) => {
      if (c.span === 1)
        columns[c.col] = Math.max(columns[c.col] ?? 0, Math.min(needs[i] ?? 0, cap));
    });
    inside.forEach((c, i) => {
      if (c.span === 1) return;
      let spanned = 0;
      for (let k = 0; k < c.span; k += 1)
        spanned += (columns[c.col + k] ?? 0) + (k > 0 ? (gaps[c.col + k] ?? 0) : 0);
      const extra = Math.min(needs[i] ?? 0, cap) - spanned;
      if (extra > 0)
        for (let k = 0; k < c.span; k += 1)
          columns[c.col + k] = (columns[c.col + k] ?? 0) + extra / c.span;
    });
    return columns;
  };
  const natural = columnNeeds(Number.POSITIVE_INFINITY);
  const stars = natural.filter((_, i) => widths[i] === "*");
  const autos = natural.filter((_, i) => widths[i] !== "*");
  const pdfmakeNeed = autos.reduce((a, b) => a + b, 0) + stars.length * Math.max(0, ...stars);
  if (pdfmakeNeed < room - slack) return null;
  const total = (cap: number) => columnNeeds(cap).reduce((a, b) => a + b, 0);
  // The widest cap that fits, to a tenth of a point: words narrower stay whole.
  let fits = 0;
  let over = room;
  while (over - fits > 0.1) {
    const mid = (fits + over) / 2;
    if (total(mid) < room - slack) fits = mid;
    else over = mid;
  }
  for (const c of texts)
    c.node.text = breakLongWords(c.node.text, fits, { face: c.face, size: c.size });
  // Each column's widest text on one line: how much room it could use.
  const wants = columnNeeds(fits).map((n) => n + 1);
  inside.forEach((c) => {
    if (c.span !== 1) return;
    const line = c.node.text.reduce(
      (sum, leaf) => sum + widestWord([{ ...leaf, noWrap: true }], { face: c.face, size: c.size }),
      0,
    );
    wants[c.col] = Math.max(wants[c.col] ?? 0, line + 1);
  });
  const fixed = columnNeeds(fits).map((n) => n + 1);
  let left = room - fixed.reduce((a, b) => a + b, 0);
  // Share the rest evenly among the columns that want more, until each has its text or none is left.
  for (
    let hungry = fixed.filter((w, i) => w < (wants[i] ?? 0)).length;
    left > 0.01 && hungry > 0;
  ) {
    const share = left / hungry;
    hungry = 0;
    fixed.forEach((w, i) => {
      const more = Math.min(share, (wants[i] ?? 0) - w);
      if (more <= 0) return;
      fixed[i] = w + more;
      left -= more;
      if (fixed[i] < (wants[i] ?? 0)) hungry += 1;
    });
  }
  // Room no column wants goes to all alike, so the table spans the text width as before.
  return fixed.map((w) => Math.floor((w + Math.max(0, left) / fixed.length) * 100) / 100);
}

/** Tables with at most this many rows are never split across pages. */
const KEEP_WHOLE_ROWS = 25;

/**
 * A numbered figure: caption, the chart as vector SVG scaled to the text
 * width (at most 55% of the text height), notes and source, in one
 * unbreakable stack. `<image>` elements are stripped from the SVG first.
 */
function figure(f: Extract<Block, { type: "figure" }>, path: string, env: Env): Node {
  const stripped = stripImages(f.svg);
  const fallback = scriptFallbacks(env.theme).get(env.theme.fonts.heading.name);
  const styled = normaliseFontStyles(stripped.svg);
  const svg = fallback === undefined ? styled : svgWithFallbackFonts(styled, fallback);
  const removed = stripped.removed;
  if (removed > 0) {
    env.log({
      code: "svg-sanitised",
      path: `${path}.svg`,
      message: pdfMessages.svgImageRemoved(f.number, removed),
    });
  }
  // Only for the warnings: the chart's own text must be covered by the chart font.
  env.clean(svgText(svg), `${path}.svg`, sans(env));
  const below = smallPrint(f.notes, f.source, path, env);
  return {
    stack: [
      {
        text: captionText(env.terms.figure, f.number, f.caption, path, env, env.geometry.textWidth),
        style: "caption",
        tag: "Caption",
        margin: [0, 0, 0, 6],
      },
      picture(f, svg, path, env),
      ...(below === null ? [] : [below]),
    ],
    tag: "Div",
    unbreakable: true,
    margin: [0, 8, 0, 12],
  };
}

/**
 * The chart: vector SVG fitted to the text width (at most 55% of the text
 * height), its text in the theme's heading face. An SVG pdfmake cannot read
 * would abort the whole PDF: its PNG (a data URL, no file access) or its alt
 * text stands in, and the figure is reported.
 */
function picture(f: Extract<Block, { type: "figure" }>, svg: string, path: string, env: Env): Node {
  const { textWidth, textHeight } = env.geometry;
  const fit = [textWidth, Math.round(textHeight * 0.55)];
  const tag: Tag = { type: "Figure", alt: env.scrub(f.alt, `${path}.alt`) };
  if (isSvgDocument(svg)) {
    return { svg, fit, alignment: "center", font: env.theme.fonts.heading.name, tag };
  }
  const standIn = f.png === undefined ? "alt" : "png";
  env.log({
    code: "svg-invalid",
    path: `${path}.svg`,
    message: pdfMessages.svgUnreadable(f.number, standIn),
  });
  if (f.png !== undefined) {
    return { image: `data:image/png;base64,${f.png.base64}`, fit, alignment: "center", tag };
  }
  const face = sans(env, false, true);
  return {
    text: breakLongString(env.clean(f.alt, `${path}.alt`, face), textWidth, {
      face,
      size: env.theme.sizes.small,
    }),
    style: "smallPrint",
    italics: true,
    margin: [0, 4, 0, 4],
    tag: "P",
  };
}

/** A key-figures box: big numbers over their labels, in rows of up to four, on the panel colour. */
/** The smallest size a key figure's value is set in, pt. */
const MIN_KEY_FIGURE_SIZE = 11;

function keyFigures(k: Extract<Block, { type: "keyFigures" }>, path: string, env: Env): Node {
  const fill = env.theme.colors.panel;
  const face = loadFace(env.theme.fonts.heading.bold);
  const size = env.theme.sizes.keyFigure;
  const values = k.items.map((item, i) =>
    env.clean(item.value.text, `${path}.items[${i}].value`, sans(env, true)),
  );
  const widest = Math.max(...values.map((v) => advanceWidth(face, v, size)));
  // Values stay on one line; if one would not fit its column, all are set
  // smaller, not below 11 pt. Where even that is too wide, the box has fewer
  // columns: pdfmake would otherwise widen every column past the margin.
  const roomFor = (columns: number) => env.geometry.textWidth / columns - 2 * PANEL_PADDING;
  let perRow = Math.min(4, k.items.length);
  while (perRow > 1 && (widest * MIN_KEY_FIGURE_SIZE) / size > roomFor(perRow)) perRow -= 1;
  const room = roomFor(perRow);
  const fitted =
    widest <= room
      ? size
      : Math.max(MIN_KEY_FIGURE_SIZE, Math.floor(((size * room) / widest) * 10) / 10);
  const labelSetting: Setting = { face: sans(env), size: env.theme.sizes.caption };
  const cells: Node[] = k.items.map((item, i) => {
    const value = values[i] ?? "";
    // A value with a word wider than its column even at the smallest size
    // breaks like any long word; one that is only long as a whole stays on
    // its line, as it always has.
    const valueSetting: Setting = { face: sans(env, true), size: fitted };
    const tooWide = widestWord([{ text: value }], valueSetting) > room;
    return {
      stack: [
        {
          text: tooWide ? breakLongString(value, room, valueSetting) : value,
          style: "keyFigureValue",
          tag: "P",
          ...(tooWide ? {} : { noWrap: true }),
          ...(fitted === size ? {} : { fontSize: fitted }),
        },
        {
          text: breakLongWords(
            inlineText(item.label, `${path}.items[${i}].label`, sans(env), env),
            room,
            labelSetting,
          ),
          style: "keyFigureLabel",
          margin: [0, 2, 0, 0],
          tag: "P",
        },
      ],
      tag: "Div",
      fillColor: fill,
    };
  });
  while (cells.length % perRow !== 0) cells.push({ text: "", fillColor: fill });
  const rows: Node[][] = [];
  for (let i = 0; i < cells.length; i += perRow) rows.push(cells.slice(i, i + perRow));
  if (k.title !== undefined) {
    rows.unshift([
      {
        text: breakLongString(
          env.clean(k.title.toUpperCase(), `${path}.title`, sans(env, true)),
          room,
          {
            face: sans(env, true),
            size: env.theme.sizes.small,
            spacing: KEY_FIGURES_TITLE_SPACING,
          },
        ),
        style: "keyFiguresTitle",
        tag: "P",
        colSpan: perRow,
        fillColor: fill,
      },
      ...Array.from({ length: perRow - 1 }, () => ({})),
    ]);
  }
  return {
    table: { widths: Array.from({ length: perRow }, () => "*"), body: rows, dontBreakRows: true },
    layout: LAYOUT.panel,
    tag: "Div",
    unbreakable: true,
    margin: [0, 4, 0, 12],
  };
}

function calloutTitle(kind: "finding" | "note" | "recommendation", terms: Terms): string {
  switch (kind) {
    case "finding":
      return terms.calloutFinding;
    case "note":
      return terms.calloutNote;
    case "recommendation":
      return terms.calloutRecommendation;
    default:
      return assertNever(kind);
  }
}

/** A callout's accent bar and paddings (layout.ts, `briefkit-callout`), pt. */
const CALLOUT_INSET = 3 + 12 + 10;

/** A callout: a panel with an accent bar at the left, its title, then its paragraphs. */
function callout(c: Extract<Block, { type: "callout" }>, path: string, env: Env): Node {
  const title = c.title ?? calloutTitle(c.kind, env.terms);
  const room = env.geometry.textWidth - CALLOUT_INSET;
  const face = sans(env, true);
  return {
    table: {
      widths: ["*"],
      body: [
        [
          {
            stack: [
              {
                text: breakLongString(env.clean(title, `${path}.title`, face), room, {
                  face,
                  size: env.theme.sizes.body,
                }),
                style: "calloutTitle",
                tag: "P",
              },
              ...c.children.map((p, i) =>
                paragraph(p, `${path}.children[${i}]`, env, "calloutBody", room),
              ),
            ],
            fillColor: env.theme.colors.panel,
          },
        ],
      ],
    },
    layout: LAYOUT.callout,
    tag: "Div",
    unbreakable: true,
    margin: [0, 4, 0, 12],
  };
}

/** A table of contents: pdfmake's `toc`, filled with the headings that name its id (page numbers by pdfmake). */
function toc(t: Extract<Block, { type: "toc" }>, path: string, env: Env): Node {
  const id = tocId(path);
  const face = sans(env, true);
  const title = breakLongString(env.clean(t.title, `${path}.title`, face), env.geometry.textWidth, {
    face,
    size: env.theme.sizes.h2,
  });
  return {
    toc: {
      id,
      title: { text: title, style: "tocTitle", tag: "H2" },
      textStyle: "toc2",
      numberStyle: "tocNumber",
    },
    tag: "TOC",
    margin: [0, 0, 0, 16],
  };
}

/** The pdfmake id of the TOC at a block path. */
export const tocId = (path: string) => `bk-toc-${path.replace(/[^\w]/g, "-")}`;
