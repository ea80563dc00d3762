/**
 * The logical structure of a tagged PDF, built while pdfmake lays the
 * document out (tagging.ts wraps the layout): which structure element each
 * page item belongs to, or which kind of artifact it is.
 *
 * Marked nodes (tags.ts) open elements under the nearest element above
 * them. Some elements follow from where a node stands: a list's items (LI,
 * its marker's Lbl, its content's LBody), a table's rows (TR in THead or
 * TBody, a cell without a marker a TD), pdfmake's table of a TOC (the TOC,
 * a TOCI a row, its page number a Reference). Text a grouping element would
 * hold directly gets a P of its own, where it stands, so elements hold
 * either elements or content, and the order of both is the reading order.
 */
import { type ArtifactKind, ELEMENT_TAGS, type Tag } from "./tags.js";

/** Structure types that hold other elements, never content of their own. */
export const GROUPING = new Set([
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
export const OWNER = "_briefkitOwner";

/** The parts of pdfmake's layout nodes, lines and items this module reads. */
export interface LayoutNode {
  tag?: unknown;
  ul?: unknown[];
  ol?: unknown[];
  table?: { body?: unknown[][]; headerRows?: number };
  toc?: { _table?: unknown };
  listMarker?: { canvas?: unknown[]; _inlines?: unknown[] };
  colSpan?: number;
}
export interface Inline {
  text: string;
  link?: string | null;
  linkToDestination?: string | null;
  linkToPage?: number | null;
  tag?: unknown;
}
export interface Line {
  inlines: Inline[];
  id?: string;
  [OWNER]?: Owner;
}
export interface Stamped {
  [OWNER]?: Owner;
  x?: number;
  y?: number;
  _width?: number;
  _height?: number;
}
export interface PageItem {
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

const ELEMENT_TAG_SET: ReadonlySet<string> = new Set(ELEMENT_TAGS);

/** A node's `tag`, checked: a marker this module does not know is a bug in a builder. */
function readTag(value: unknown): Tag | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string" && ELEMENT_TAG_SET.has(value)) return value as Tag;
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
export class Structure {
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
        if (r < rows.headerRows) rows.head ??= this.element("THead", rows.element);
        else rows.body ??= this.element("TBody", rows.element);
        const group = (r < rows.headerRows ? rows.head : rows.body) ?? rows.element;
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
      row.forEach((cell, c) => {
        rowOf.set(cell, { r, c });
      });
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
      first === undefined ? undefined : this.markerLbl((marker) => marker._inlines?.[0] === first);
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

/**
 * Where a note follows the block that refers to it: the document's flow, or
 * a list item's body. A Div (a figure with its caption, a callout) is read
 * whole first, as a table is.
 */
const BLOCK_HOLDERS = new Set(["Document", "LBody"]);

/** The element with no parent that `element` is in. */
function rootOf(element: LogicalElement): LogicalElement {
  let e = element;
  while (e.parent !== null) e = e.parent;
  return e;
}

/** The child of a root that holds `element`. */
function topOf(element: LogicalElement): LogicalElement {
  let e = element;
  while (e.parent?.parent != null) e = e.parent;
  return e;
}

/** The element, `element` or an ancestor, that stands in a block holder: where a note may follow it. */
function blockOf(element: LogicalElement): LogicalElement {
  let e = element;
  while (e.parent !== null && !BLOCK_HOLDERS.has(e.parent.type)) e = e.parent;
  return e;
}

const inToc = (element: LogicalElement) => {
  for (let e: LogicalElement | null = element; e !== null; e = e.parent)
    if (e.type === "TOC") return true;
  return false;
};

/**
 * Puts what was laid out aside (`Structure` of its own: the notes that
 * footnotes.ts measures before the layout and draws at the page feet) into
 * the document's tree `root`, in reading order: each right after the block
 * (in a list, the item's paragraph) that holds its first reference (a Reference inline linking to one of its
 * lines' ids, outside the table of contents), after the notes placed there
 * before it; a note referred to only from another note after that note; one
 * nothing refers to at the end of the document. Its drawn lines keep their
 * elements, so this decides only where the reader meets it.
 */
export function placeAsides(
  root: LogicalElement,
  pages: ReadonlyArray<{ items: PageItem[] }>,
): void {
  const asides: LogicalElement[] = [];
  const ids = new Map<LogicalElement, string[]>();
  const referrers = new Map<string, LogicalElement>();
  for (const page of pages) {
    for (const { type, item } of page.items) {
      const owner = item?.[OWNER];
      if (owner?.kind !== "element" || type !== "line") continue;
      const line = item as unknown as Line;
      if (rootOf(owner.element) !== root) {
        const aside = topOf(owner.element);
        if (!ids.has(aside)) {
          asides.push(aside);
          ids.set(aside, []);
        }
        if (typeof line.id === "string") ids.get(aside)?.push(line.id);
      }
      for (const inline of line.inlines) {
        const target = inline.linkToDestination;
        if (inline.tag !== "Reference" || typeof target !== "string") continue;
        if (!referrers.has(target) && !inToc(owner.element)) referrers.set(target, owner.element);
      }
    }
  }
  const placed = new Set<LogicalElement>();
  const adopt = (aside: LogicalElement, parent: LogicalElement, index: number) => {
    const old = aside.parent;
    if (old !== null) old.children.splice(old.children.indexOf(aside), 1);
    parent.children.splice(index, 0, aside);
    aside.parent = parent;
    placed.add(aside);
  };
  let pending = asides;
  while (pending.length > 0) {
    const waiting: LogicalElement[] = [];
    for (const aside of pending) {
      const referrer = (ids.get(aside) ?? [])
        .map((id) => referrers.get(id))
        .find((r) => r !== undefined);
      if (referrer === undefined || rootOf(referrer) !== root) {
        waiting.push(aside);
        continue;
      }
      const block = blockOf(referrer);
      const parent = block.parent ?? root;
      let index = parent.children.indexOf(block) + 1;
      while (placed.has(parent.children[index] as LogicalElement)) index += 1;
      adopt(aside, parent, index);
    }
    if (waiting.length === pending.length) {
      // Referred to by nothing drawn in the document: read last, as drawn last.
      for (const aside of waiting) adopt(aside, root, root.children.length);
      break;
    }
    pending = waiting;
  }
}
