/**
 * A tagged PDF from pdfmake: a structure tree in reading order, every drawn
 * thing marked as content of a structure element or as an artifact
 * (ISO 32000-1 14.8, PDF/UA-1).
 *
 * pdfmake 0.3 hands pdfkit `tagged: true` and the rest of the document
 * options, but never calls pdfkit's structure API (`struct`,
 * `markStructureContent`, `markContent('Artifact')`, `addStructure`). This
 * module does, from outside pdfmake, in two steps of one render:
 *
 * 1. Layout. pdfmake walks the docDefinition (`LayoutBuilder#processNode`,
 *    recursively, in reading order) and turns it into page items: lines of
 *    text, vectors, SVGs, images (`ElementWriter#addLine`, `#addVector`,
 *    `#addSVG`, `#addImage`). Wraps of those methods keep a stack of the
 *    nodes being laid out, build the logical structure from the nodes' `tag`
 *    markers (tags.ts) as they come, and stamp every item with its owner: the
 *    structure element it belongs to, or the kind of artifact it is. Items
 *    that pdfmake copies keep the stamp (`Line#clone` and `pack` copy own
 *    string keys); copies of a table's head rows that pdfmake repeats on a
 *    new page (`PageElementWriter#addFragment` of a repeatable) are
 *    re-stamped as pagination artifacts. Each layout pass
 *    (`LayoutBuilder#tryLayoutDocument`; keep-with-next can cause several)
 *    starts the structure afresh.
 * 2. Drawing. A wrap of `Renderer#renderPages` builds pdfkit's structure
 *    elements for the logical tree (elements nothing was drawn for are left
 *    out), then draws each item inside marked content: `markStructureContent`
 *    for content, added to its element, or `markContent('Artifact')`.
 *    Consecutive items of one element share one marked-content sequence.
 *    Within a line, each run of a link becomes a Link element (a footnote
 *    reference a Reference holding the Link), its annotation attached by
 *    object reference (OBJR, /StructParent) and given /Contents; pdfkit's
 *    `text` is wrapped while a line is drawn to know which inline it draws.
 *
 * Every vector pdfmake draws in a brief is decoration (rules, table borders,
 * cell fills, the callout bar), so vectors are Layout artifacts, except a
 * list's bullet, which is its item's Lbl. Pages get /Tabs /S from pdfkit.
 *
 * Like shared-fonts.ts, this wraps pdfmake's internals: only inside
 * `withTagging` (AsyncLocalStorage follows each render's promise chain), with
 * the shapes relied on checked when installed and as they are used, a
 * `PdfmakeContractError` when they differ, and test/pdfmake-contract.test.ts
 * pinning them.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { createRequire } from "node:module";
import { PdfmakeContractError } from "./shared-fonts.js";
import type { ArtifactKind, Tag } from "./tags.js";

const WHERE = "packages/pdf/src/tagging.ts";

/** An internal of pdfmake or pdfkit this module relies on is missing or changed. */
function contract(detail: string, relied: string): PdfmakeContractError {
  return new PdfmakeContractError(detail, relied, WHERE);
}

// ---------------------------------------------------------------------------
// The logical structure, built while pdfmake lays the document out.

/** Structure types that hold other elements, never content of their own. */
const GROUPING = new Set([
  "Document",
  "Div",
  "L",
  "LI",
  "LBody",
  "Table",
  "THead",
  "TBody",
  "TR",
  "TOC",
  "TOCI",
  "Note",
]);

/** One structure element of the logical tree. */
export interface LogicalElement {
  type: string;
  parent: LogicalElement | null;
  /** Child elements made during layout, in reading order. */
  children: LogicalElement[];
  alt?: string;
  scope?: "Column" | "Row";
  colSpan?: number;
  id?: string;
  /** /ActualText: a bullet drawn as a shape reads as "•". */
  actual?: string;
}

/** What a page item belongs to. */
export type Owner =
  | { kind: "element"; element: LogicalElement }
  | { kind: "artifact"; artifact: ArtifactKind };

/** The key a page item's owner is stamped under: a string, so pdfmake's copies keep it. */
const OWNER = "_briefkitOwner";

/** The parts of pdfmake's layout nodes, lines and items this module reads. */
interface LayoutNode {
  tag?: unknown;
  ul?: unknown[];
  ol?: unknown[];
  table?: { body?: unknown[][]; headerRows?: number };
  toc?: { _table?: unknown };
  listMarker?: { canvas?: unknown[]; _inlines?: unknown[] };
  colSpan?: number;
}
interface Inline {
  text: string;
  link?: string | null;
  linkToDestination?: string | null;
  linkToPage?: number | null;
  tag?: unknown;
}
interface Line {
  inlines: Inline[];
  id?: string;
  [OWNER]?: Owner;
}
interface Stamped {
  [OWNER]?: Owner;
  x?: number;
  y?: number;
  _width?: number;
  _height?: number;
}
interface PageItem {
  type: string;
  item?: Stamped;
}

/** How a table node's rows become structure. */
interface TableRows {
  kind: "Table" | "TOC";
  element: LogicalElement;
  /** Each cell's row and column. */
  rowOf: Map<unknown, { r: number; c: number }>;
  headerRows: number;
  rows: Map<number, LogicalElement>;
  head?: LogicalElement;
  body?: LogicalElement;
}

/** A node being laid out. */
interface Frame {
  node: LayoutNode;
  owner: Owner;
  /** Where a marked descendant's element goes. */
  container: LogicalElement;
  /** A list's items (when the list is an L). */
  items?: Set<unknown>;
  /** A table's rows (when it is a Table, or pdfmake's table of a TOC). */
  rows?: TableRows;
  /** A TOC node: its pdfmake-made table is the TOC. */
  toc?: boolean;
  /** A list item's Lbl, for its marker. */
  lbl?: LogicalElement;
  /** The P that holds this node's unmarked text inside a grouping element. */
  paragraph?: LogicalElement;
}

const ELEMENT_TAGS = new Set(["P", "H1", "H2", "H3", "H4", "Caption", "Lbl", "TD", "Div", "L"]);

/** A node's `tag`, checked: a marker this module does not know is a bug in a builder. */
function readTag(value: unknown): Tag | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string" && (ELEMENT_TAGS.has(value) || value === "Table" || value === "TOC"))
    return value as Tag;
  if (value !== null && typeof value === "object") {
    const v = value as Record<string, unknown>;
    if (v.type === "TH" && (v.scope === "Column" || v.scope === "Row")) return v as Tag;
    if (v.type === "Figure" && typeof v.alt === "string") return v as Tag;
    if (v.type === "Note" && typeof v.id === "string") return v as Tag;
    if (v.artifact === "Pagination" || v.artifact === "Layout") return v as Tag;
  }
  throw new Error(`@briefkit/pdf: unknown structure tag ${JSON.stringify(value)}`);
}

/** The logical structure of one layout pass. */
class Structure {
  readonly root: LogicalElement = { type: "Document", parent: null, children: [] };
  private readonly frames: Frame[] = [];

  private element(type: string, parent: LogicalElement): LogicalElement {
    const element: LogicalElement = { type, parent, children: [] };
    parent.children.push(element);
    return element;
  }

  /** Enters a node: its owner follows from its tag, its parent and where it stands. */
  enter(node: LayoutNode): void {
    const parent = this.frames.at(-1);
    let owner: Owner = parent?.owner ?? { kind: "element", element: this.root };
    let container = parent?.container ?? this.root;
    let tag = readTag(node.tag);
    const frame: Partial<Frame> = { node };
    if (parent?.items?.has(node)) {
      const item = this.element("LI", container);
      if (node.listMarker !== undefined) frame.lbl = this.element("Lbl", item);
      container = this.element("LBody", item);
      owner = { kind: "element", element: container };
    } else if (parent?.rows?.rowOf.has(node)) {
      const rows = parent.rows;
      const { r, c } = rows.rowOf.get(node) ?? { r: 0, c: 0 };
      if (rows.kind === "TOC") {
        // An entry: its title, then its page number as a Reference.
        container = rows.rows.get(r) ?? this.element("TOCI", rows.element);
        rows.rows.set(r, container);
        if (c > 0) container = this.element("Reference", container);
        owner = { kind: "element", element: container };
      } else if (tag !== "Caption") {
        const group =
          r < rows.headerRows
            ? (rows.head ??= this.element("THead", rows.element))
            : (rows.body ??= this.element("TBody", rows.element));
        container = rows.rows.get(r) ?? this.element("TR", group);
        rows.rows.set(r, container);
        owner = { kind: "element", element: container };
        tag ??= "TD";
      }
    } else if (parent?.toc === true && node === parent.node.toc?._table) {
      container = this.element("TOC", container);
      owner = { kind: "element", element: container };
      frame.rows = this.rows(node, "TOC", container);
    }
    if (tag === "TOC") {
      // The title stays outside the TOC; pdfmake's table of the entries is the TOC.
      frame.toc = true;
    } else if (tag !== undefined) {
      if (typeof tag === "object" && "artifact" in tag) {
        owner = { kind: "artifact", artifact: tag.artifact };
      } else {
        const element = this.element(typeof tag === "string" ? tag : tag.type, container);
        if (typeof tag === "object") {
          if (tag.type === "Figure") element.alt = tag.alt;
          if (tag.type === "TH") element.scope = tag.scope;
          if (tag.type === "Note") element.id = tag.id;
        }
        if (
          (element.type === "TH" || element.type === "TD") &&
          typeof node.colSpan === "number" &&
          node.colSpan > 1
        )
          element.colSpan = node.colSpan;
        owner = { kind: "element", element };
        container = element;
        if (element.type === "L") frame.items = new Set(node.ul ?? node.ol ?? []);
        if (element.type === "Table") frame.rows = this.rows(node, "Table", element);
      }
    }
    this.frames.push({ ...frame, node, owner, container } as Frame);
  }

  leave(): void {
    this.frames.pop();
  }

  private rows(node: LayoutNode, kind: TableRows["kind"], element: LogicalElement): TableRows {
    const rowOf = new Map<unknown, { r: number; c: number }>();
    (node.table?.body ?? []).forEach((row, r) => {
      row.forEach((cell, c) => rowOf.set(cell, { r, c }));
    });
    return { kind, element, rowOf, headerRows: node.table?.headerRows ?? 0, rows: new Map() };
  }

  /**
   * The owner of text or a picture the current node draws. Inside a grouping
   * element, a node's unmarked text gets a P of its own, where it stands.
   */
  contentOwner(): Owner | undefined {
    const frame = this.frames.at(-1);
    if (frame === undefined || frame.owner.kind === "artifact") return frame?.owner;
    const { element } = frame.owner;
    if (!GROUPING.has(element.type)) return frame.owner;
    frame.paragraph ??= this.element("P", element);
    return { kind: "element", element: frame.paragraph };
  }

  /** The owner of a vector: the Lbl of the list item it marks, or an artifact. */
  vectorOwner(vector: unknown): Owner {
    const lbl = this.markerLbl((marker) => marker.canvas?.[0] === vector);
    if (lbl !== undefined) {
      lbl.actual = "•";
      return { kind: "element", element: lbl };
    }
    const owner = this.frames.at(-1)?.owner;
    return owner?.kind === "artifact" ? owner : { kind: "artifact", artifact: "Layout" };
  }

  /** The owner of a line: the Lbl of the list item whose number it is, or its node's. */
  lineOwner(line: Line): Owner | undefined {
    const first = line.inlines[0];
    const lbl =
      first === undefined
        ? undefined
        : this.markerLbl((marker) => marker._inlines?.[0] === first);
    return lbl === undefined ? this.contentOwner() : { kind: "element", element: lbl };
  }

  private markerLbl(
    isMarker: (marker: NonNullable<LayoutNode["listMarker"]>) => boolean,
  ): LogicalElement | undefined {
    for (let i = this.frames.length - 1; i >= 0; i -= 1) {
      const frame = this.frames[i];
      const marker = frame?.node.listMarker;
      if (frame?.lbl !== undefined && marker !== undefined) {
        return isMarker(marker) ? frame.lbl : undefined;
      }
    }
    return undefined;
  }
}

// ---------------------------------------------------------------------------
// Drawing: pdfkit's structure elements and marked content.

/** The parts of pdfkit's PDFStructureElement this module uses. */
interface PdfkitElement {
  dictionary: { data: Record<string, unknown> };
  add(child: unknown): PdfkitElement;
  end(): void;
}
/** The parts of pdfkit's document (through pdfmake's subclass) this module uses. */
interface PdfkitDocument {
  page: { height: number; dictionary: unknown };
  info: Record<string, unknown>;
  struct(type: string, options?: Record<string, unknown>): PdfkitElement;
  addStructure(element: PdfkitElement): unknown;
  markStructureContent(tag: string): unknown;
  markContent(tag: string, options?: Record<string, unknown>): unknown;
  endMarkedContent(): unknown;
  getStructTreeRoot(): { data: Record<string, unknown> };
  addPage(...args: unknown[]): unknown;
  text(...args: unknown[]): unknown;
  currentLineHeight(): number;
  link(x: number, y: number, w: number, h: number, url: string): unknown;
  goTo(x: number, y: number, w: number, h: number, name: string): unknown;
  annotate(x: number, y: number, w: number, h: number, options: Record<string, unknown>): unknown;
  _addInfo(): unknown;
}

/** The pdfkit methods used, checked on each document drawn. */
const DOCUMENT_METHODS = [
  "struct",
  "addStructure",
  "markStructureContent",
  "markContent",
  "endMarkedContent",
  "getStructTreeRoot",
  "addPage",
  "text",
  "currentLineHeight",
  "link",
  "goTo",
  "annotate",
  "_addInfo",
] as const;

/** The options pdfmake's Renderer#renderLine hands pdfkit's text() for an inline. */
interface TextOptions {
  textWidth?: number;
  characterSpacing?: number;
  link?: unknown;
  goTo?: unknown;
}

const isBlank = (line: Line) => line.inlines.every((inline) => inline.text.trim() === "");

/** A link's target: the URL or destination its annotation goes to. */
function linkTarget(inline: Inline): string | undefined {
  if (typeof inline.link === "string") return `uri:${inline.link}`;
  if (typeof inline.linkToDestination === "string") return `dest:${inline.linkToDestination}`;
  if (typeof inline.linkToPage === "number") return `page:${inline.linkToPage}`;
  return undefined;
}

const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** An open Link element: its key, the element it is in, and its pdfkit element(s). */
interface OpenLink {
  key: string;
  base: LogicalElement;
  link: PdfkitElement;
  reference?: PdfkitElement;
  description: string;
}

/** Draws one document's pages inside marked content, against its logical structure. */
class Painter {
  private readonly pdf = new Map<LogicalElement, PdfkitElement>();
  private readonly lines = new Map<LogicalElement, Line[]>();
  private readonly destinations = new Map<string, LogicalElement>();
  private readonly notes: Array<[string, PdfkitElement]> = [];
  private open: { element: PdfkitElement } | { artifact: ArtifactKind } | undefined;
  private link: OpenLink | undefined;
  private line: { line: Line; base: LogicalElement; next: number } | undefined;
  /** The area of the open link's words on the current line. */
  private area:
    | { x0: number; y0: number; x1: number; y1: number; link?: unknown; goTo?: unknown }
    | undefined;

  constructor(
    private readonly doc: PdfkitDocument,
    root: LogicalElement,
    pages: ReadonlyArray<{ items: PageItem[] }>,
  ) {
    const used = new Set<LogicalElement>();
    const use = (element: LogicalElement) => {
      for (let e: LogicalElement | null = element; e !== null && !used.has(e); e = e.parent)
        used.add(e);
    };
    for (const page of pages) {
      for (const { type, item } of page.items) {
        const owner = item?.[OWNER];
        if (owner?.kind !== "element") continue;
        if (type === "line") {
          const line = item as unknown as Line;
          if (isBlank(line)) continue;
          const list = this.lines.get(owner.element) ?? [];
          list.push(line);
          this.lines.set(owner.element, list);
          if (typeof line.id === "string") this.destinations.set(line.id, owner.element);
        }
        use(owner.element);
      }
    }
    const build = (element: LogicalElement): PdfkitElement => {
      const options: Record<string, unknown> = {};
      if (element.alt !== undefined) options.alt = element.alt;
      if (element.actual !== undefined) options.actual = element.actual;
      if (element.scope !== undefined) options.scope = element.scope;
      const pdf = doc.struct(element.type, options);
      if (element.colSpan !== undefined) {
        pdf.dictionary.data.A = {
          ...(pdf.dictionary.data.A as object | undefined),
          O: "Table",
          ColSpan: element.colSpan,
        };
      }
      if (element.id !== undefined) {
        pdf.dictionary.data.ID = new String(element.id);
        this.notes.push([element.id, pdf]);
      }
      this.pdf.set(element, pdf);
      const children = element.children.filter((c) => used.has(c));
      if (children.length > 0 && this.lines.has(element) && !GROUPING.has(element.type)) {
        throw new Error(
          `@briefkit/pdf: the ${element.type} element holds both text and elements; ` +
            "mark the text's node as well (tags.ts)",
        );
      }
      for (const child of children) pdf.add(build(child));
      return pdf;
    };
    doc.addStructure(build(root));
  }

  private pdfOf(element: LogicalElement): PdfkitElement {
    const pdf = this.pdf.get(element);
    if (pdf === undefined) throw new Error(`@briefkit/pdf: no structure element for ${element.type}`);
    return pdf;
  }

  private close(): void {
    if (this.open === undefined) return;
    this.doc.endMarkedContent();
    this.open = undefined;
  }

  private content(element: PdfkitElement, type: string): void {
    if (this.open !== undefined && "element" in this.open && this.open.element === element) return;
    this.close();
    element.add(this.doc.markStructureContent(type));
    this.open = { element };
  }

  private artifact(artifact: ArtifactKind): void {
    this.endLink();
    if (this.open !== undefined && "artifact" in this.open && this.open.artifact === artifact)
      return;
    this.close();
    this.doc.markContent("Artifact", { type: artifact });
    this.open = { artifact };
  }

  private endLink(): void {
    const link = this.link;
    if (link === undefined) return;
    this.annotate();
    if (this.open !== undefined && "element" in this.open && this.open.element === link.link)
      this.close();
    // Ended while its page is pdfkit's current page: the OBJR's /Pg is that page.
    link.link.end();
    link.reference?.end();
    this.link = undefined;
  }

  /** Text of an element and what it holds, for a link's /Contents. */
  private textOf(element: LogicalElement): string {
    const own = (this.lines.get(element) ?? []).flatMap((l) => l.inlines.map((i) => i.text));
    return [...own, ...element.children.map((c) => this.textOf(c))].join(" ");
  }

  /** A link's /Contents: its URL, or the text of what it leads to (a heading, a note). */
  private describe(target: string, inline: Inline): string {
    if (typeof inline.link === "string") return inline.link;
    const id = inline.linkToDestination;
    let element = typeof id === "string" ? this.destinations.get(id) : undefined;
    for (let e = element; e !== undefined && e !== null; e = e.parent ?? undefined) {
      if (e.type === "Note") element = e;
    }
    const text = element === undefined ? inline.text : this.textOf(element);
    return text.replace(/\s+/g, " ").trim() || target;
  }

  private enterInline(inline: Inline): void {
    const current = this.line;
    if (current === undefined) return;
    const target = linkTarget(inline);
    if (target === undefined) {
      this.endLink();
      this.content(this.pdfOf(current.base), current.base.type);
      return;
    }
    const reference = inline.tag === "Reference";
    const key = `${reference ? "ref " : ""}${target}`;
    if (this.link?.key !== key || this.link.base !== current.base) {
      this.endLink();
      const base = this.pdfOf(current.base);
      const link = this.doc.struct("Link");
      let wrapper: PdfkitElement | undefined;
      if (reference) {
        wrapper = this.doc.struct("Reference");
        base.add(wrapper);
        wrapper.add(link);
      } else {
        base.add(link);
      }
      this.link = {
        key,
        base: current.base,
        link,
        ...(wrapper === undefined ? {} : { reference: wrapper }),
        description: this.describe(target, inline),
      };
    }
    this.content(this.link.link, "Link");
  }

  /** Draws a line of text: its inlines in its element, links and references in theirs. */
  drawLine(line: Line, draw: () => void): void {
    const owner = line[OWNER];
    if (owner === undefined) throw contract("a line was drawn that no layout node made", "ElementWriter#addLine");
    if (owner.kind === "artifact" || isBlank(line)) {
      this.artifact(owner.kind === "artifact" ? owner.artifact : "Layout");
      draw();
      return;
    }
    this.line = { line, base: owner.element, next: 0 };
    const first = line.inlines[0];
    if (first !== undefined) this.enterInline(first);
    draw();
    this.annotate();
    const drawn = this.line.next;
    this.line = undefined;
    if (drawn !== line.inlines.length) {
      throw contract(
        `Renderer#renderLine drew ${drawn} of a line's ${line.inlines.length} inlines with text()`,
        "Renderer#renderLine",
      );
    }
  }

  /**
   * pdfkit's text(text, x, y, options) inside drawLine: the next inline of the
   * line, checked. pdfkit would make an annotation for each inline of a link,
   * that is each word; its area joins the link's other words on the line
   * instead, and the link gets one annotation a line (annotate()).
   */
  drawInline(args: unknown[]): void {
    const current = this.line;
    if (current === undefined) return;
    const [text, x, y, options] = args as [unknown, number, number, TextOptions];
    const inline = current.line.inlines[current.next];
    current.next += 1;
    if (inline === undefined || inline.text !== text || typeof options !== "object") {
      throw contract(
        `Renderer#renderLine drew ${JSON.stringify(text)} where its inline holds ${JSON.stringify(inline?.text)}`,
        "Renderer#renderLine",
      );
    }
    this.enterInline(inline);
    const { link, goTo } = options;
    if (typeof link !== "string" && typeof goTo !== "string") return;
    delete options.link;
    delete options.goTo;
    if (inline.text.replace(/\n/g, "") === "") return;
    // The area pdfkit's _fragment gives a link: the inline's width, the font's line height.
    const width = (options.textWidth ?? 0) + (options.characterSpacing ?? 0) * (inline.text.length - 1);
    const height = this.doc.currentLineHeight();
    const area = this.area;
    if (area === undefined) {
      this.area = { x0: x, y0: y, x1: x + width, y1: y + height, link, goTo };
    } else {
      area.x0 = Math.min(area.x0, x);
      area.y0 = Math.min(area.y0, y);
      area.x1 = Math.max(area.x1, x + width);
      area.y1 = Math.max(area.y1, y + height);
    }
  }

  /** The open link's annotation for its words so far on this line. */
  private annotate(): void {
    const area = this.area;
    if (area === undefined) return;
    this.area = undefined;
    const { x0, y0, x1, y1, link, goTo } = area;
    if (typeof link === "string") this.doc.link(x0, y0, x1 - x0, y1 - y0, link);
    else if (typeof goTo === "string") this.doc.goTo(x0, y0, x1 - x0, y1 - y0, goTo);
  }

  /** An annotation pdfkit makes while drawing a link: part of the Link, described. */
  annotation(options: Record<string, unknown>): void {
    const link = this.link;
    if (link === undefined) {
      throw contract("an annotation was made outside a link's text", "Renderer#renderLine");
    }
    options.structParent = link.link;
    options.Contents ??= new String(link.description);
  }

  drawVector(vector: Stamped, draw: () => void): void {
    const owner = vector[OWNER];
    if (owner?.kind === "element") {
      this.endLink();
      this.content(this.pdfOf(owner.element), owner.element.type);
    } else {
      this.artifact(owner?.artifact ?? "Layout");
    }
    draw();
  }

  /** An SVG or image: its Figure's content, and the Figure's /BBox. */
  drawPicture(picture: Stamped, draw: () => void): void {
    const owner = picture[OWNER];
    if (owner?.kind !== "element") {
      this.artifact(owner?.artifact ?? "Layout");
      draw();
      return;
    }
    this.endLink();
    const pdf = this.pdfOf(owner.element);
    this.content(pdf, owner.element.type);
    draw();
    const { x = 0, y = 0, _width: w = 0, _height: h = 0 } = picture;
    const height = this.doc.page.height;
    pdf.dictionary.data.A = {
      O: "Layout",
      Placement: "Block",
      BBox: [x, height - y - h, x + w, height - y],
    };
  }

  /** Drawing that is no content (clips, alignment, a watermark): outside any marked content. */
  drawUnmarked(draw: () => void): void {
    this.endLink();
    this.close();
    draw();
  }

  drawArtifact(artifact: ArtifactKind, draw: () => void): void {
    this.artifact(artifact);
    draw();
  }

  /** Before pdfkit starts a page: marked content and links end on the page they began on. */
  pageBreak(): void {
    this.endLink();
    this.close();
  }

  /** After the last page: notes listed by their /ID (the structure tree's /IDTree). */
  finish(): void {
    this.pageBreak();
    if (this.notes.length > 0) {
      const sorted = [...this.notes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      this.doc.getStructTreeRoot().data.IDTree = {
        Names: sorted.flatMap(([id, pdf]) => [new String(id), pdf.dictionary]),
      };
    }
  }
}

// ---------------------------------------------------------------------------
// The wraps, installed once per process on pdfmake's prototypes.

/** What one render keeps: its structure (of the last layout pass). */
interface Render {
  structure: Structure;
}

type Method = (this: unknown, ...args: unknown[]) => unknown;
type Prototype = Record<string, unknown>;

/**
 * The prototype of a pdfmake class, from its module (CommonJS,
 * `exports.default`), checked to have `methods` taking at least the given
 * number of parameters.
 */
export function prototypeOf(
  mod: unknown,
  name: string,
  methods: Readonly<Record<string, number>>,
): Prototype {
  const cls = (mod as { default?: unknown } | null)?.default;
  if (typeof cls !== "function") {
    throw contract(`pdfmake/js/${name}.js exports no default class`, name);
  }
  const proto = cls.prototype as Prototype;
  for (const [method, arity] of Object.entries(methods)) {
    const fn = proto[method];
    if (typeof fn !== "function" || fn.length < arity) {
      throw contract(`${name}#${method} is not a method of ${arity} parameters`, `${name}#${method}`);
    }
  }
  return proto;
}

/** The pdfmake methods wrapped or called, with their parameter counts. */
export const PDFMAKE_METHODS = {
  LayoutBuilder: { processNode: 1, tryLayoutDocument: 8 },
  ElementWriter: { addLine: 3, addImage: 2, addSVG: 2, addVector: 5 },
  PageElementWriter: { addFragment: 4, moveToNextPage: 1 },
  Renderer: {
    renderPages: 1,
    renderLine: 3,
    renderVector: 1,
    renderImage: 1,
    renderSVG: 1,
    beginClip: 1,
    endClip: 0,
    beginVerticalAlignment: 1,
    endVerticalAlignment: 1,
    renderWatermark: 1,
  },
} as const;

/** Checks a pdfkit document has what the Painter calls. */
export function checkDocument(doc: unknown): PdfkitDocument {
  const d = doc as Partial<Record<string, unknown>> | null;
  for (const method of DOCUMENT_METHODS) {
    if (typeof d?.[method] !== "function") {
      throw contract(`pdfkit's PDFDocument has no ${method}()`, `PDFDocument#${method} (pdfkit)`);
    }
  }
  return doc as PdfkitDocument;
}

/** Wraps `proto[name]`, calling `wrap` only inside a tagged render. */
function around(
  proto: Prototype,
  name: string,
  scope: AsyncLocalStorage<Render>,
  wrap: (render: Render, original: Method, self: never, args: unknown[]) => unknown,
): void {
  const original = proto[name] as Method;
  const wrapped = function (this: never, ...args: unknown[]) {
    const render = scope.getStore();
    return render === undefined ? original.apply(this, args) : wrap(render, original, this, args);
  };
  // Same parameter count, so a second check of the prototype still passes.
  Object.defineProperty(wrapped, "length", { value: original.length });
  proto[name] = wrapped;
}

const TAGGING = Symbol.for("briefkit.pdf.tagging");

function install(): AsyncLocalStorage<Render> {
  const require = createRequire(import.meta.url);
  const load = (name: keyof typeof PDFMAKE_METHODS) =>
    prototypeOf(require(`pdfmake/js/${name}.js`), name, PDFMAKE_METHODS[name]);
  const layout = load("LayoutBuilder");
  // Installed once per process, even by a second copy of this module (a test
  // runner's fresh module graph): the wraps sit on pdfmake's prototypes.
  const installed = (layout as { [TAGGING]?: AsyncLocalStorage<Render> })[TAGGING];
  if (installed !== undefined) return installed;
  const writer = load("ElementWriter");
  const pageWriter = load("PageElementWriter");
  const renderer = load("Renderer");
  const scope = new AsyncLocalStorage<Render>();

  around(layout, "tryLayoutDocument", scope, (render, original, self, args) => {
    render.structure = new Structure();
    return original.apply(self, args);
  });
  around(layout, "processNode", scope, (render, original, self, args) => {
    render.structure.enter(args[0] as LayoutNode);
    try {
      return original.apply(self, args);
    } finally {
      render.structure.leave();
    }
  });
  around(writer, "addLine", scope, (render, original, self, args) => {
    const line = args[0] as Line;
    const owner = render.structure.lineOwner(line);
    if (owner !== undefined) line[OWNER] = owner;
    return original.apply(self, args);
  });
  for (const name of ["addImage", "addSVG"]) {
    around(writer, name, scope, (render, original, self, args) => {
      const owner = render.structure.contentOwner();
      if (owner !== undefined) (args[0] as Stamped)[OWNER] = owner;
      return original.apply(self, args);
    });
  }
  around(writer, "addVector", scope, (render, original, self, args) => {
    (args[0] as Stamped)[OWNER] = render.structure.vectorOwner(args[0]);
    return original.apply(self, args);
  });
  // A table's head rows, repeated on a new page: drawn again, read once.
  around(pageWriter, "addFragment", scope, (_render, original, self, args) => {
    const writer = self as {
      repeatables?: unknown[];
      context(): { getCurrentPage(): { items: PageItem[] } | null };
    };
    if (!Array.isArray(writer.repeatables)) {
      throw contract("PageElementWriter has no repeatables", "PageElementWriter#repeatables");
    }
    if (!writer.repeatables.includes(args[0])) return original.apply(self, args);
    const page = writer.context().getCurrentPage();
    const before = new Set(page?.items ?? []);
    const result = original.apply(self, args);
    for (const item of page?.items ?? []) {
      if (!before.has(item) && item.item !== undefined)
        item.item[OWNER] = { kind: "artifact", artifact: "Pagination" };
    }
    return result;
  });
  around(renderer, "renderPages", scope, (render, original, self, args) => {
    const r = self as Record<string, unknown> & { pdfDocument: unknown };
    const doc = checkDocument(r.pdfDocument);
    const pages = args[0] as ReadonlyArray<{ items: PageItem[] }>;
    const painter = new Painter(doc, render.structure.root, pages);
    const own = (name: string) => (r[name] as Method).bind(r);
    const [line, vector, image, svg] = ["renderLine", "renderVector", "renderImage", "renderSVG"].map(own);
    r.renderLine = (l: Line, x: number, y: number) => painter.drawLine(l, () => line?.(l, x, y));
    r.renderVector = (v: Stamped) => painter.drawVector(v, () => vector?.(v));
    r.renderImage = (i: Stamped) => painter.drawPicture(i, () => image?.(i));
    r.renderSVG = (s: Stamped) => painter.drawPicture(s, () => svg?.(s));
    for (const name of ["beginClip", "endClip", "beginVerticalAlignment", "endVerticalAlignment"]) {
      const fn = own(name);
      r[name] = (...a: unknown[]) => painter.drawUnmarked(() => fn(...a));
    }
    const watermark = own("renderWatermark");
    r.renderWatermark = (page: unknown) => painter.drawArtifact("Pagination", () => watermark(page));
    const { addPage, text, annotate, _addInfo } = doc;
    doc.addPage = function (this: PdfkitDocument, ...a: unknown[]) {
      painter.pageBreak();
      return addPage.apply(this, a);
    };
    doc.text = function (this: PdfkitDocument, ...a: unknown[]) {
      painter.drawInline(a);
      return text.apply(this, a);
    };
    doc.annotate = function (this: PdfkitDocument, x, y, w, h, options) {
      painter.annotation(options);
      return annotate.call(this, x, y, w, h, options);
    };
    // pdfkit writes the Info strings into the XMP packet as they are: escape them there.
    doc._addInfo = function (this: PdfkitDocument) {
      const info = this.info;
      this.info = Object.fromEntries(
        Object.entries(info).map(([k, v]) => [k, typeof v === "string" ? escapeXml(v) : v]),
      );
      try {
        return _addInfo.call(this);
      } finally {
        this.info = info;
      }
    };
    try {
      return original.apply(self, args);
    } finally {
      painter.finish();
      Object.assign(doc, { addPage, text, annotate });
    }
  });
  (layout as { [TAGGING]?: AsyncLocalStorage<Render> })[TAGGING] = scope;
  return scope;
}

/**
 * Runs `render` (which must call pdfmake's `createPdf` synchronously) with
 * every document it lays out and draws tagged: structure tree, marked
 * content, artifacts. The definition must ask pdfkit for a tagged PDF
 * (`tagged: true`, render.ts).
 */
export function withTagging<T>(render: () => Promise<T>): Promise<T> {
  return install().run({ structure: new Structure() }, render);
}
