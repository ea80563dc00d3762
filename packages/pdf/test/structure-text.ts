/**
 * The structure tree as poppler reads it (`pdfinfo -struct-text`), and the
 * reading order a brief's document model says it must have: the PDF tests and
 * the CLI's test of the example briefs compare the two.
 */
import { execFileSync } from "node:child_process";
import { type Block, type Document, type Inline, type List, termsFor } from "@briefkit/document";

/** A structure element: its type, and its marked content and child elements, in order. */
export interface StructNode {
  type: string;
  items: Array<string | StructNode>;
  children: StructNode[];
}

/** Parses `pdfinfo -struct-text` output into its tree (the root is the Document). */
export function parseStructText(out: string): StructNode {
  const root: StructNode = { type: "(root)", items: [], children: [] };
  const stack: Array<{ indent: number; node: StructNode }> = [{ indent: -1, node: root }];
  for (const line of out.split("\n")) {
    const indent = line.length - line.trimStart().length;
    const body = line.trim();
    if (body === "" || body.startsWith("/") || /^Object \d+ \d+$/.test(body)) continue;
    while ((stack.at(-1)?.indent ?? -1) >= indent) stack.pop();
    const parent = stack.at(-1)?.node ?? root;
    if (body.startsWith('"') && body.endsWith('"')) {
      parent.items.push(body.slice(1, -1));
      continue;
    }
    const element = /^(\w+)(?: <[^>]*>)?(?: \((?:block|inline)\))?:?$/.exec(body);
    if (element?.[1] === undefined)
      throw new Error(`pdfinfo -struct-text: unexpected line ${line}`);
    const node: StructNode = { type: element[1], items: [], children: [] };
    parent.items.push(node);
    parent.children.push(node);
    stack.push({ indent, node });
  }
  return root;
}

/** `pdfinfo -struct-text` of a file, parsed. */
export function structText(file: string): StructNode {
  const out = execFileSync("pdfinfo", ["-struct-text", file], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    stdio: ["ignore", "pipe", "pipe"],
  });
  return parseStructText(out);
}

/**
 * Text as compared: one space between words, typographic quotes as plain
 * ones, and what the fonts cannot show (noncharacters, lone surrogates,
 * Thai) as the U+FFFD the PDF shows.
 */
export const normalise = (s: string) =>
  s
    .normalize("NFC")
    .replace(/[\uFFFE\uFFFF]|\p{Script=Thai}/gu, "\uFFFD")
    .replace(/[\uD800-\uDFFF]/g, "\uFFFD")
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, " ")
    .trim();

/** An element's text: its own and its descendants', footnote and page references left out. */
export function textOf(node: StructNode): string {
  return normalise(
    node.items
      .map((x) => (typeof x === "string" ? x : x.type === "Reference" ? "" : textOf(x)))
      .join(""),
  );
}

/** Elements in reading order (pre-order), each with its text. */
export function readingOrder(root: StructNode): Array<{ type: string; text: string }> {
  const out: Array<{ type: string; text: string }> = [];
  const walk = (node: StructNode) => {
    out.push({ type: node.type, text: textOf(node) });
    node.children.forEach(walk);
  };
  root.children.forEach(walk);
  return out;
}

/** What the model says an element reads; `includes` when the PDF adds a label ("Table 1."). */
export interface Expected {
  type: string;
  text: string;
  includes?: boolean;
}

/** A model text as the PDF sets it (a deletion struck through), footnote references left out. */
function plain(xs: readonly Inline[]): string {
  return xs
    .map((x) => {
      switch (x.type) {
        case "text":
          return x.value;
        case "number":
          return x.text;
        case "lineBreak":
          return " ";
        case "footnoteRef":
          return "";
        default:
          return "children" in x ? plain(x.children) : "";
      }
    })
    .join("");
}

/** A list's paragraphs, each followed by what `after` adds for it (its footnotes, read in its item). */
function listItems(l: List, out: Expected[], after: (paragraph: unknown) => void): void {
  for (const item of l.items) {
    for (const b of item) {
      if (b.type === "paragraph") {
        out.push({ type: "P", text: normalise(plain(b.children)) });
        after(b);
      } else listItems(b, out, after);
    }
  }
}

/** The note numbers a model value (a block, a note) refers to, in order. */
function refsIn(value: unknown): number[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value === null || typeof value !== "object") return [];
  const v = value as { type?: unknown; number?: unknown };
  if (v.type === "footnoteRef" && typeof v.number === "number") return [v.number];
  return Object.values(value).flatMap(refsIn);
}

/**
 * The elements the model's blocks must appear as, in order: headings (H2–H4
 * under the title's H1), paragraphs, list items, captions, table cells,
 * figures with their captions, key figures, callouts, and the notes: as
 * footnotes (the writer's default) each right after the block of its first
 * reference (in a list, after the item's paragraph; a note referred to from a note after that note, the others at
 * the end), as endnotes under their heading (the language's word for them;
 * the documents tested override no term).
 */
export function expectedOrder(
  doc: Document,
  notes: "footnotes" | "endnotes" = "footnotes",
): Expected[] {
  const out: Expected[] = [{ type: "H1", text: normalise(doc.meta.title) }];
  const p = (xs: readonly Inline[]) => out.push({ type: "P", text: normalise(plain(xs)) });
  const sorted = [...doc.footnotes].sort((a, b) => a.number - b.number);
  const read = new Set<number>();
  const note = (n: (typeof sorted)[number]) => {
    read.add(n.number);
    out.push({ type: "Note", text: "", includes: true });
    for (const para of n.children) p(para.children);
  };
  const notesOf = (value: unknown) => {
    if (notes !== "footnotes") return;
    for (const number of refsIn(value)) {
      const n = sorted.find((x) => x.number === number);
      if (n === undefined || read.has(number)) continue;
      note(n);
      notesOf(n.children);
    }
  };
  const block = (b: Block) => {
    switch (b.type) {
      case "heading":
        out.push({
          type: `H${b.level + 1}`,
          text: normalise(`${b.number === undefined ? "" : `${b.number} `}${plain(b.children)}`),
        });
        return;
      case "paragraph":
        p(b.children);
        return;
      case "list":
        out.push({ type: "L", text: "", includes: true });
        listItems(b, out, notesOf);
        return;
      case "table": {
        out.push({ type: "Table", text: "", includes: true });
        out.push({ type: "Caption", text: normalise(plain(b.caption)), includes: true });
        for (const row of b.head)
          for (const cell of row.cells)
            if (plain(cell.children).trim() !== "")
              out.push({ type: "TH", text: normalise(plain(cell.children)) });
        for (const row of b.body)
          row.cells.forEach((cell, i) => {
            const text = normalise(plain(cell.children));
            if (text !== "") out.push({ type: i === 0 ? "TH" : "TD", text });
          });
        for (const n of b.notes) p(n);
        if (b.source.length > 0) p(b.source);
        return;
      }
      case "figure":
        out.push({ type: "Caption", text: normalise(plain(b.caption)), includes: true });
        out.push({ type: "Figure", text: "", includes: true });
        for (const n of b.notes) p(n);
        if (b.source.length > 0) p(b.source);
        return;
      case "keyFigures":
        for (const item of b.items) {
          out.push({ type: "P", text: normalise(item.value.text) });
          p(item.label);
        }
        return;
      case "callout":
        if (b.title !== undefined) out.push({ type: "P", text: normalise(b.title) });
        for (const c of b.children) p(c.children);
        return;
      case "toc":
        out.push({ type: "H2", text: normalise(b.title) });
        out.push({ type: "TOC", text: "", includes: true });
        return;
      case "pageBreak":
        return;
      default:
        throw new Error(`expectedOrder: block ${(b as { type: string }).type}`);
    }
  };
  for (const b of doc.blocks) {
    block(b);
    notesOf(b);
  }
  if (notes === "endnotes" && sorted.length > 0)
    out.push({ type: "H2", text: normalise(termsFor(doc.meta.language).endnotes) });
  for (const n of sorted) if (!read.has(n.number)) note(n);
  return out;
}

/**
 * The first expected element not found in order in `actual` (each after the
 * one before it), or undefined when all are.
 */
export function firstOutOfOrder(
  actual: ReadonlyArray<{ type: string; text: string }>,
  expected: readonly Expected[],
): Expected | undefined {
  let i = 0;
  for (const e of expected) {
    const found = actual.findIndex(
      (a, j) =>
        j >= i &&
        a.type === e.type &&
        (e.includes === true ? a.text.includes(e.text) : a.text === e.text),
    );
    if (found < 0) return e;
    i = found + 1;
  }
  return undefined;
}
