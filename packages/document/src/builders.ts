/**
 * Builders for humans: small functions that make nodes, in the manner of
 * pandoc-types' Text.Pandoc.Builder. They normalise as they go (strings become
 * text, adjacent text merges, empty text drops), and `buildDocument` numbers
 * tables, figures and headings once, then validates the whole.
 *
 * compose and every test build documents with these, never with raw literals.
 */

import { assertNever } from "./assert-never.js";
import { documentMessages } from "./messages.js";
import type {
  Block,
  Callout,
  Cell,
  Document,
  Figure,
  Footnote,
  Heading,
  Inline,
  KeyFigures,
  List,
  Meta,
  NumberInline,
  Paragraph,
  Provenance,
  Row,
  Table,
} from "./schema.js";
import { MODEL_VERSION } from "./schema.js";
import { checkInvariants, type DocumentIssue } from "./validate.js";

/** What builders accept where inlines go: nodes, or strings for plain text. */
export type InlineInput = Inline | string | null | undefined | false;

/** Normalises inline input: strings to text, adjacent text merged, empty dropped. */
export function inlines(...xs: InlineInput[]): Inline[] {
  const out: Inline[] = [];
  for (const x of xs) {
    if (x === null || x === undefined || x === false) continue;
    const node: Inline = typeof x === "string" ? { type: "text", value: x } : x;
    if (node.type === "text") {
      if (node.value === "") continue;
      const last = out.at(-1);
      if (last?.type === "text") {
        out[out.length - 1] = { type: "text", value: last.value + node.value };
        continue;
      }
    }
    out.push(node);
  }
  return out;
}

export const text = (value: string): Inline => ({ type: "text", value });
export const emph = (...xs: InlineInput[]): Inline => ({
  type: "emphasis",
  children: inlines(...xs),
});
export const strong = (...xs: InlineInput[]): Inline => ({
  type: "strong",
  children: inlines(...xs),
});
export const link = (url: string, ...xs: InlineInput[]): Inline => ({
  type: "link",
  url,
  children: inlines(...xs),
});
export const lineBreak = (): Inline => ({ type: "lineBreak" });

/** Who made a tracked change and when (ISO date); both optional. */
export interface ChangeAttrs {
  author?: string;
  date?: string;
}

function changeAttrs(attrs: ChangeAttrs): ChangeAttrs {
  return {
    ...(attrs.author === undefined ? {} : { author: attrs.author }),
    ...(attrs.date === undefined ? {} : { date: attrs.date }),
  };
}

/** Text inserted since the edition compared with (a tracked change). */
export const insertion = (...xs: InlineInput[]): Inline => insertionWith({}, ...xs);
/** `insertion` with the change's author and date. */
export const insertionWith = (attrs: ChangeAttrs, ...xs: InlineInput[]): Inline => ({
  type: "insertion",
  ...changeAttrs(attrs),
  children: inlines(...xs),
});
/** Text of the earlier edition removed in this one (a tracked change). */
export const deletion = (...xs: InlineInput[]): Inline => deletionWith({}, ...xs);
/** `deletion` with the change's author and date. */
export const deletionWith = (attrs: ChangeAttrs, ...xs: InlineInput[]): Inline => ({
  type: "deletion",
  ...changeAttrs(attrs),
  children: inlines(...xs),
});
export const noteRef = (number: number): Inline => ({ type: "footnoteRef", number });

/** A number bound to data. `value` null renders as its `text` (usually "—"). */
export function num(
  value: number | null,
  text: string,
  provenance: Provenance,
  extra: { unit?: string; scale?: string; estimate?: boolean } = {},
): NumberInline {
  return {
    type: "number",
    value: value !== null && Number.isFinite(value) ? value : null,
    text,
    ...(extra.unit === undefined ? {} : { unit: extra.unit }),
    ...(extra.scale === undefined ? {} : { scale: extra.scale }),
    ...(extra.estimate ? { estimate: true } : {}),
    provenance,
  };
}

/** A heading as drafted: numbered by `buildDocument` unless `numbered: false`. */
export type DraftHeading = Omit<Heading, "number"> & { numbered?: boolean };
export type DraftTable = Omit<Table, "number">;
export type DraftFigure = Omit<Figure, "number">;
export type DraftBlock =
  | Exclude<Block, Heading | Table | Figure>
  | (DraftHeading & { type: "heading" })
  | (DraftTable & { type: "table" })
  | (DraftFigure & { type: "figure" });

export function heading(level: 1 | 2 | 3, ...xs: InlineInput[]): DraftBlock {
  return { type: "heading", level, children: inlines(...xs) };
}

/** `heading` with attributes: an id, or `numbered: false` for unnumbered headings. */
export function headingWith(
  attrs: { id?: string; numbered?: boolean },
  level: 1 | 2 | 3,
  ...xs: InlineInput[]
): DraftBlock {
  return {
    type: "heading",
    level,
    children: inlines(...xs),
    ...(attrs.id === undefined ? {} : { id: attrs.id }),
    ...(attrs.numbered === undefined ? {} : { numbered: attrs.numbered }),
  };
}

export function para(...xs: InlineInput[]): Paragraph {
  return { type: "paragraph", children: inlines(...xs) };
}

export function list(ordered: boolean, items: Array<Array<Paragraph | List>>): List {
  return { type: "list", ordered, items };
}

export function cell(...xs: InlineInput[]): Cell {
  return { children: inlines(...xs) };
}

export function row(cells: Cell[], role?: Row["role"]): Row {
  return role === undefined || role === "body" ? { cells } : { cells, role };
}

export function table(t: Omit<DraftTable, "type">): DraftBlock {
  return { type: "table", ...t };
}

export function figure(f: Omit<DraftFigure, "type">): DraftBlock {
  return { type: "figure", ...f };
}

export function keyFigures(items: KeyFigures["items"], title?: string): DraftBlock {
  return { type: "keyFigures", items, ...(title === undefined ? {} : { title }) };
}

export function callout(kind: Callout["kind"], children: Paragraph[], title?: string): DraftBlock {
  return { type: "callout", kind, children, ...(title === undefined ? {} : { title }) };
}

export const pageBreak = (): DraftBlock => ({ type: "pageBreak" });
export const toc = (title: string, depth: 1 | 2 | 3 = 2): DraftBlock => ({
  type: "toc",
  title,
  depth,
});

export function footnote(number: number, children: Paragraph[]): Footnote {
  return { number, children };
}

/** Thrown when a built document breaks the model's rules; carries every issue. */
export class DocumentError extends Error {
  override name = "DocumentError";
  constructor(readonly issues: DocumentIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join("\n"));
  }
}

/**
 * Numbers tables and figures (1, 2, 3… in document order) and numbered
 * headings ("1", "1.1"), then validates the document. Numbering happens here
 * once; writers only print the numbers.
 */
export function buildDocument(
  meta: Meta,
  drafts: readonly DraftBlock[],
  footnotes: readonly Footnote[] = [],
): Document {
  let tables = 0;
  let figures = 0;
  const counters = [0, 0, 0];
  const blocks: Block[] = drafts.map((d): Block => {
    switch (d.type) {
      case "table":
        tables += 1;
        return { ...d, number: tables };
      case "figure":
        figures += 1;
        return { ...d, number: figures };
      case "heading": {
        const { numbered, ...h } = d;
        if (numbered === false) return h;
        const i = d.level - 1;
        counters[i] = (counters[i] ?? 0) + 1;
        for (let j = i + 1; j < counters.length; j += 1) counters[j] = 0;
        // Key order as in the schema (type, id, level, number, children) for readable JSON.
        return {
          type: "heading",
          ...(h.id === undefined ? {} : { id: h.id }),
          level: h.level,
          number: counters.slice(0, i + 1).join("."),
          children: h.children,
        };
      }
      default:
        return d;
    }
  });
  const doc: Document = { modelVersion: MODEL_VERSION, meta, blocks, footnotes: [...footnotes] };
  // The builders already give the schema's shape (the types say so); what
  // types cannot say — heading levels, row widths, alt text, footnotes,
  // numbering — is checked here. Untrusted JSON goes through validateDocument.
  const issues = checkInvariants(doc).filter((i) => i.severity === "error");
  if (issues.length > 0) throw new DocumentError(issues);
  return doc;
}

export { documentMessages };

/**
 * The inlines as the reader now sees them, without marks: for outlines,
 * accessible names, ids, reports and sentence comparison. Footnote numbers
 * and deleted text (tracked changes) are left out; inserted text is kept.
 */
export function plainText(
  xs: readonly Inline[],
  options: {
    /** How a number reads (default: as printed). */
    number?: (text: string) => string;
    /** What a line break reads as (default: a space). */
    lineBreak?: string;
  } = {},
): string {
  let out = "";
  for (const x of xs) {
    switch (x.type) {
      case "text":
        out += x.value;
        break;
      case "number":
        out += options.number ? options.number(x.text) : x.text;
        break;
      case "lineBreak":
        out += options.lineBreak ?? " ";
        break;
      case "emphasis":
      case "strong":
      case "link":
      case "insertion":
        out += plainText(x.children, options);
        break;
      case "footnoteRef":
      case "deletion":
        break;
      default:
        assertNever(x);
    }
  }
  return out;
}
