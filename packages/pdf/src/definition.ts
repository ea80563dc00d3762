/**
 * Step one of the PDF writer: document model → pdfmake 0.3 docDefinition,
 * as plain JSON (writers work in two steps so tests can look at the
 * inspectable middle, docs/architecture.md "Writers"; the goldens in
 * test/golden are these objects).
 *
 * The definition holds everything about the page: A4 geometry and margins
 * from the theme, the `styles` dictionary, the title block, the content, the
 * endnotes, the running header and footer (with "{page}"/"{pages}"
 * placeholders), metadata (`info`, `language`) with dates as ISO strings.
 * What pdfmake only takes as functions or Date objects — page numbers, the
 * keep-with-next rule, table layouts, dates — is added by render.ts.
 *
 * Notes: each reference is a superscript number linked to its note. By
 * default the notes are footnotes: `footnotes` holds each note's node and
 * the look of the note area, and the renderer sets each note at the foot of
 * the page of its reference (footnotes.ts). With `notes: "endnotes"` they
 * are a "Notes" section at the end of `content` instead.
 */
import {
  type Document,
  longDate,
  type Meta,
  slotted,
  termsFor,
  type WriterContext,
} from "@briefkit/document";
import { blocksContent, heading, type Node, tocId } from "./blocks.js";
import { type Env, noteAnchor, sans, serif } from "./env.js";
import { fallbackFamilies } from "./fonts.js";
import { inlineText } from "./inlines.js";
import { defaultStyle, geometry, KICKER_SPACING, type PdfStyle, styles } from "./layout.js";
import { withReplacementFont } from "./replacement.js";
import type { Tag } from "./tags.js";
import { type FaceRef, makeCleaner } from "./text.js";
import { breakLongString, breakLongWords } from "./words.js";
import type { PdfOptions } from "./write.js";

/** Document information (the PDF Info dictionary), dates as ISO 8601 strings. */
export interface PdfInfo {
  title: string;
  author?: string;
  subject?: string;
  keywords?: string;
  creator: string;
  producer: string;
  creationDate: string;
  modDate: string;
}

/** One footnote: its node (its number, the link target of its references, and its paragraphs). */
export interface FootnoteNode {
  number: number;
  /** The `linkToDestination` of its references, and the `id` of its number. */
  anchor: string;
  node: Node;
}

/**
 * The footnotes and the look of the note area at the foot of a page: a short
 * rule, then the notes, flush with the foot of the text area. Lengths in pt.
 */
export interface FootnoteArea {
  notes: FootnoteNode[];
  /** The width the notes are set to: the text width. */
  width: number;
  rule: { length: number; lineWidth: number; color: string };
  /** Space at least between the text and the rule, between the rule and the first note, and between notes. */
  above: number;
  below: number;
  between: number;
  /** The share of a page's text height that a note continued from the page before may fill at most. */
  maxShare: number;
}

/**
 * The JSON docDefinition: pdfmake's own keys, no functions, no Dates, and
 * `footnotes`, which render.ts takes out and sets at the page feet.
 */
export interface PdfDefinition {
  pageSize: "A4";
  pageMargins: [number, number, number, number];
  info: PdfInfo;
  language: string;
  /** Shown on every page but the first (where the title block stands). */
  header: Node;
  footer: Node;
  defaultStyle: PdfStyle;
  styles: Record<string, PdfStyle>;
  content: Node[];
  /** Absent when the document has no notes or sets them as endnotes. */
  footnotes?: FootnoteArea;
}

/** Placeholders the renderer fills in per page. */
export const PAGE = "{page}";
export const PAGES = "{pages}";

/** A horizontal rule across the text width. */
function rule(env: Env, width: number, color: string): Node {
  return {
    canvas: [
      {
        type: "line",
        x1: 0,
        y1: 0,
        x2: env.geometry.textWidth,
        y2: 0,
        lineWidth: width,
        lineColor: color,
      },
    ],
  };
}

function titleBlock(meta: Meta, env: Env): Node {
  const face = sans(env);
  const { sizes } = env.theme;
  // Each line's words fitted to the text width (words.ts).
  const clean = (text: string, path: string, f: FaceRef, size: number, spacing = 0) =>
    breakLongString(env.clean(text, path, f), env.geometry.textWidth, { face: f, size, spacing });
  const byline = [meta.author, meta.organisation].filter(
    (x): x is string => x !== undefined && x !== "",
  );
  const details = [
    env.terms.editionOf(meta.edition),
    longDate(meta.date, meta.language),
    ...(meta.audienceLabel === undefined ? [] : [meta.audienceLabel]),
  ];
  const stack: Node[] = [];
  if (meta.organisation !== undefined) {
    stack.push({
      text: clean(
        meta.organisation.toUpperCase(),
        "meta.organisation",
        sans(env, true),
        sizes.caption,
        KICKER_SPACING,
      ),
      style: "kicker",
      tag: "P",
    });
  }
  stack.push(rule(env, 1.5, env.theme.colors.accent));
  stack.push({
    text: clean(meta.title, "meta.title", sans(env, true), sizes.title),
    style: "title",
    tag: "H1",
  });
  if (meta.subtitle !== undefined) {
    stack.push({
      text: clean(meta.subtitle, "meta.subtitle", serif(env), sizes.subtitle),
      style: "subtitle",
      tag: "P",
    });
  }
  if (byline.length > 0) {
    stack.push({
      text: clean(byline.join(env.terms.listComma), "meta.author", face, sizes.body),
      style: "byline",
      tag: "P",
    });
  }
  stack.push({
    text: clean(details.join("  ·  "), "meta.edition", face, sizes.caption),
    style: "titleMeta",
    tag: "P",
  });
  if (meta.dataAsOf !== undefined) {
    stack.push({
      text: `${env.terms.dataAsOf} ${longDate(meta.dataAsOf, meta.language)}`,
      style: "titleMeta",
      tag: "P",
    });
  }
  stack.push({ ...rule(env, 0.5, env.theme.colors.rule), margin: [0, 10, 0, 0] });
  return { stack, margin: [0, 0, 0, 18] };
}

/** The column of a note's number, and the gap after it, pt. */
const NOTE_NUMBER_WIDTH = 16;
const NOTE_GAP = 2;

/** The notes in number order, with their index in `doc.footnotes` (their path). */
function sortedNotes(doc: Document): Array<{ note: Document["footnotes"][number]; i: number }> {
  return doc.footnotes
    .map((note, i) => ({ note, i }))
    .sort((a, b) => a.note.number - b.note.number);
}

/** A note: its number (the link target of its references) beside its paragraphs. */
function noteNode(note: Document["footnotes"][number], i: number, env: Env): Node {
  const tag: Tag = { type: "Note", id: noteAnchor(note.number) };
  return {
    tag,
    columns: [
      {
        width: NOTE_NUMBER_WIDTH,
        text: `${note.number}.`,
        style: "noteNumber",
        id: noteAnchor(note.number),
        tag: "Lbl",
      },
      {
        width: "*",
        stack: note.children.map((p, j) => ({
          text: breakLongWords(
            inlineText(p.children, `footnotes[${i}].children[${j}].children`, serif(env), env),
            env.geometry.textWidth - NOTE_NUMBER_WIDTH - NOTE_GAP,
            { face: serif(env), size: env.theme.sizes.caption },
          ),
          style: "note",
          margin: [0, 0, 0, j === note.children.length - 1 ? 0 : 2],
          tag: "P",
        })),
      },
    ],
    columnGap: NOTE_GAP,
  };
}

/** The Notes section: a heading, then every note. */
function endnotes(doc: Document, env: Env): Node[] {
  if (doc.footnotes.length === 0) return [];
  const title = heading(
    1,
    undefined,
    [{ type: "text", value: env.terms.endnotes }],
    "notes",
    env,
    [],
  );
  return [
    title,
    ...sortedNotes(doc).map(({ note, i }) => ({ ...noteNode(note, i, env), margin: [0, 0, 0, 5] })),
  ];
}

/** The notes for the page feet, and how their area looks. */
function footnotes(doc: Document, env: Env): FootnoteArea | undefined {
  if (doc.footnotes.length === 0) return undefined;
  const { textWidth } = env.geometry;
  return {
    notes: sortedNotes(doc).map(({ note, i }) => ({
      number: note.number,
      anchor: noteAnchor(note.number),
      node: noteNode(note, i, env),
    })),
    width: textWidth,
    // As in print: a short rule, a third of the measure.
    rule: {
      length: Math.round(textWidth / 3),
      lineWidth: 0.5,
      color: env.theme.colors.rule,
    },
    above: 10,
    below: 5,
    between: 3,
    maxShare: 0.75,
  };
}

/** Running headers and footers are read once, from the title block: artifacts. */
const PAGINATION: Tag = { artifact: "Pagination" };

function running(meta: Meta, env: Env): { header: Node; footer: Node } {
  const [left, , right] = env.geometry.margins;
  const face = sans(env);
  // Two columns a line: each gets at most half the width for its longest word.
  const half = (text: string, path: string) =>
    breakLongString(env.clean(text, path, face), env.geometry.textWidth / 2 - 1, {
      face,
      size: env.theme.sizes.small,
    });
  const title = half(`${meta.title}  ·  ${env.terms.editionOf(meta.edition)}`, "meta.title");
  // "Page {page} of {pages}", the renderer filling each placeholder on each page.
  const pageOf = slotted([PAGE, PAGES], (page, pages) => env.terms.pageOf(page ?? "", pages ?? ""));
  const header: Node = {
    columns: [
      {
        text: half(meta.organisation ?? meta.title, "meta.organisation"),
        alignment: "left",
      },
      { text: half(meta.audienceLabel ?? "", "meta.audienceLabel"), alignment: "right" },
    ],
    style: "running",
    margin: [left, 30, env.geometry.margins[2], 0],
    tag: PAGINATION,
  };
  const footer: Node = {
    stack: [
      rule(env, 0.5, env.theme.colors.rule),
      {
        columns: [
          { text: title, alignment: "left", width: "*" },
          {
            text: pageOf.map((text) => ({ text })),
            alignment: "right",
            width: "auto",
          },
        ],
        margin: [0, 4, 0, 0],
      },
    ],
    style: "running",
    margin: [left, 18, right, 0],
    tag: PAGINATION,
  };
  return { header, footer };
}

/**
 * The pdfmake docDefinition for a document, as plain JSON. Warnings (glyphs
 * the fonts lack, replaced characters, refused links, stripped SVG images,
 * nodes without a rendering) go to `ctx.log`.
 */
export function toDocDefinition(
  doc: Document,
  options: PdfOptions,
  ctx: WriterContext,
): PdfDefinition {
  const { theme } = options;
  const { clean, scrub, flush } = makeCleaner(ctx.log, fallbackFamilies(theme));
  const tocs = doc.blocks.flatMap((b, i) =>
    b.type === "toc" ? [{ id: tocId(`blocks[${i}]`), depth: b.depth }] : [],
  );
  const terms = termsFor(doc.meta.language, options.terms);
  const env: Env = { theme, terms, geometry: geometry(theme), clean, scrub, log: ctx.log, tocs };
  const meta = doc.meta;
  const asEndnotes = options.notes === "endnotes";
  const content = withReplacementFont([
    titleBlock(meta, env),
    ...blocksContent(doc.blocks, env),
    ...(asEndnotes ? endnotes(doc, env) : []),
  ]);
  const notes = asEndnotes ? undefined : footnotes(doc, env);
  const { header, footer } = withReplacementFont(running(meta, env));
  const author = [meta.author, meta.organisation]
    .filter((x) => x !== undefined && x !== "")
    .join(", ");
  const now = ctx.now.toISOString();
  const info: PdfInfo = {
    title: scrub(meta.title, "meta.title"),
    ...(author === "" ? {} : { author: scrub(author, "meta.author") }),
    ...((meta.subject ?? meta.subtitle)
      ? { subject: scrub(meta.subject ?? meta.subtitle ?? "", "meta.subject") }
      : {}),
    ...(meta.keywords.length > 0
      ? { keywords: scrub(meta.keywords.join(", "), "meta.keywords") }
      : {}),
    creator: "briefkit",
    producer: "briefkit (pdfmake 0.3)",
    creationDate: now,
    modDate: now,
  };
  flush();
  return {
    pageSize: "A4",
    pageMargins: env.geometry.margins,
    info,
    language: meta.language,
    header,
    footer,
    defaultStyle: defaultStyle(theme),
    styles: styles(theme, options.align ?? "justify"),
    content,
    ...(notes === undefined ? {} : { footnotes: withReplacementFont(notes) }),
  };
}
