/**
 * Drawing a tagged PDF: pdfkit's structure elements for the logical
 * structure of the layout (structure.ts), and every page item drawn inside
 * marked content of its element, or as an artifact. tagging.ts hands the
 * Renderer's drawing calls to a Painter.
 */
import { PdfmakeContractError } from "./shared-fonts.js";
import {
  GROUPING,
  type Inline,
  type Line,
  type LogicalElement,
  OWNER,
  type PageItem,
  type Stamped,
} from "./structure.js";
import type { ArtifactKind } from "./tags.js";

/** An internal of pdfmake or pdfkit the tagging relies on is missing or changed. */
export function contract(detail: string, relied: string): PdfmakeContractError {
  return new PdfmakeContractError(detail, relied, "packages/pdf/src/tagging.ts");
}

/** The parts of pdfkit's PDFStructureElement this module uses. */
interface PdfkitElement {
  dictionary: { data: Record<string, unknown> };
  add(child: unknown): PdfkitElement;
  end(): void;
}
/** The parts of pdfkit's document (through pdfmake's subclass) this module uses. */
export interface PdfkitDocument {
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
export const DOCUMENT_METHODS = [
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

/** An open Link element: its key, the element it is in, and its pdfkit element(s). */
interface OpenLink {
  key: string;
  base: LogicalElement;
  link: PdfkitElement;
  reference?: PdfkitElement;
  description: string;
}

/** Draws one document's pages inside marked content, against its logical structure. */
export class Painter {
  private readonly pdf = new Map<LogicalElement, PdfkitElement>();
  private readonly lines = new Map<LogicalElement, Line[]>();
  private readonly destinations = new Map<string, LogicalElement>();
  private readonly notes: Array<[string, PdfkitElement]> = [];
  private open: { element: PdfkitElement } | { artifact: ArtifactKind } | undefined;
  private link: OpenLink | undefined;
  private line: { line: Line; base: LogicalElement; next: number } | undefined;
  /** Drawing a line that is an artifact. */
  private artifactLine = false;
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
    if (pdf === undefined)
      throw new Error(`@briefkit/pdf: no structure element for ${element.type}`);
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
    if (owner === undefined)
      throw contract("a line was drawn that no layout node made", "ElementWriter#addLine");
    if (owner.kind === "artifact" || isBlank(line)) {
      this.artifact(owner.kind === "artifact" ? owner.artifact : "Layout");
      // A repeat of text read once (a long table's caption on each page): its links are not
      // drawn again, as an annotation has to belong to a Link element (PDF/UA-1 28-002).
      this.artifactLine = true;
      try {
        draw();
      } finally {
        this.artifactLine = false;
      }
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
    if (this.artifactLine) {
      const options = args[3] as TextOptions | undefined;
      if (typeof options === "object") {
        delete options.link;
        delete options.goTo;
      }
      return;
    }
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
    const width =
      (options.textWidth ?? 0) + (options.characterSpacing ?? 0) * (inline.text.length - 1);
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
