/**
 * Keep-with-next in pdfmake's one layout pass: a heading (a node with
 * `headlineLevel`, or any node marked `keepWithNext: true`) is never the
 * last thing on its page.
 *
 * pdfmake's own hook for this, `pageBreakBefore`, is asked after a whole
 * layout and lays the whole document out again for each node it moves (the
 * example's full paper: four layouts). Here the rule is decided as the node
 * is about to be laid out (`LayoutBuilder#processNode`), by a look-ahead, as
 * the widows and orphans are (typesetting.ts): the node, the nodes marked
 * keep-with-next right after it, and the first block after those are laid
 * out on copies, by pdfmake itself, on a scratch copy of the page from where
 * the layout stands (its room, width and notes). The node moves to the next
 * page (pdfmake's own `pageBreak: "before"`) when that block would set
 * nothing under it on this page: not two lines of a paragraph (its orphans
 * rule runs in the look-ahead too), not a figure or key-figures box whole
 * (unbreakable), not a table's caption, head and first row (kept together).
 * A node in the last eighth of the page also needs the block to end on the
 * page, so a heading at the foot does not stand over a line or two of a
 * block that runs on. A node pdfmake would move anyway (nothing of it fits)
 * or that stands at the head of a page is left alone. What follows a node
 * is the next item of its stack (the body's blocks are one): a node that
 * ends its stack, or stands in a list or a table cell, is set as pdfmake
 * sets it.
 *
 * The look-ahead stops at the scratch page's end (nothing beyond it is
 * asked), leaves the real layout untouched (copies of the nodes, a writer
 * and context of its own, the builder's fields restored, a copy of the
 * page's notes, so a line that brings a note counts with its room, and the
 * tagging's structure aside) and costs about one more layout of the nodes
 * it looks at (the full paper: 38 look-aheads, some 65 ms).
 *
 * As with the other wraps (typesetting.ts, shared-fonts.ts): pdfmake is
 * pinned; the wrap is installed once per process, checks the shapes it
 * relies on then and as it runs, throwing a `PdfmakeContractError`, and acts
 * only inside `withTypesetting`. test/pdfmake-contract.test.ts pins what it
 * relies on, test/keep-with-next.test.ts what it does.
 */
import type { AsyncLocalStorage } from "node:async_hooks";
import { withScratchNotes } from "./footnotes.js";
import { PdfmakeContractError } from "./shared-fonts.js";
import { layoutAside } from "./tagging.js";

const RELIED =
  "LayoutBuilder#processNode, PageElementWriter and DocumentContext (addPage, moveToNextPage)";
const WHERE = "packages/pdf/src/keep-with-next.ts";

function contractBroken(detail: string): never {
  throw new PdfmakeContractError(detail, RELIED, WHERE);
}

/** Below this fraction of the text area, a node needs the block after it to end on the page, not just start. */
export const FOOT = 0.88;

/** What the look-ahead saw on the scratch copy of the page. */
export interface LookAhead {
  /** Content items (lines, pictures) of the node set on the page. */
  nodeItems: number;
  /** Whether all of the node (and the keep-with-next nodes after it) fit on the page. */
  nodeEnds: boolean;
  /** Where the node's first line starts, as a fraction of the real page's text area. */
  ratio: number;
  /** The block after them: its content items set on the page, and whether it ends there; undefined if none follows. */
  next: { items: number; ends: boolean } | undefined;
}

/**
 * Whether a node marked keep-with-next moves to the next page: when the
 * block after it would set nothing under it on this page, or, in the last
 * eighth of the page, would not end on it. A node nothing of which fits
 * (pdfmake moves it anyway) or with nothing after it stays.
 */
export function moveBefore(a: LookAhead): boolean {
  if (a.nodeItems === 0 || a.next === undefined) return false;
  if (!a.nodeEnds || a.next.items === 0) return true;
  return a.ratio > FOOT && !a.next.ends;
}

/** A pdfmake node as the layout sees it (preprocessed and measured). */
type LayoutNode = Record<string, unknown> & {
  stack?: unknown;
  pageBreak?: unknown;
  headlineLevel?: unknown;
  keepWithNext?: unknown;
};

/** Whether a node asks to stay with what follows it: a heading, or a node marked so. */
export function keepsWithNext(node: LayoutNode): boolean {
  return typeof node.headlineLevel === "number" || node.keepWithNext === true;
}

interface PageItem {
  type: string;
  item: { y?: unknown };
}

interface Page {
  items: PageItem[];
  pageSize: { width: number; height: number };
}

interface Context {
  page: number;
  x: number;
  y: number;
  availableWidth: number;
  availableHeight: number;
  pages: Page[];
  pageMargins: { top: number; bottom: number; left: number; right: number };
  addPage(size: { width: number; height: number }, margins: Context["pageMargins"]): unknown;
  moveToNextPage(orientation?: unknown): unknown;
  getCurrentPage(): Page | null;
  inSnakingColumns(): boolean;
}

interface Writer {
  context(): Context;
  transactionLevel: number;
  contextStack: unknown[];
}

interface Builder {
  writer: Writer;
  linearNodeList: unknown[];
  nestedLevel: number;
  verticalAlignmentItemStack: unknown[];
  processNode(node: LayoutNode, verticalAlignment?: boolean): unknown;
}

type ProcessNode = (this: Builder, node: LayoutNode, ...rest: unknown[]) => unknown;

interface Classes {
  builder: { processNode: ProcessNode };
  PageElementWriter: new (context: Context) => Writer;
  DocumentContext: new () => Context;
}

/** pdfmake's classes this module uses (CommonJS, `exports.default`), checked for the methods it wraps or calls. */
export function keepClasses(load: (module: string) => unknown): Classes {
  const classOf = (name: string) => {
    const cls = (load(`pdfmake/js/${name}.js`) as { default?: unknown } | null)?.default;
    if (typeof cls !== "function") contractBroken(`pdfmake/js/${name}.js exports no default class`);
    return cls as { prototype: Record<string, unknown> };
  };
  const method = (
    cls: { prototype: Record<string, unknown> },
    owner: string,
    name: string,
    arity: number,
  ) => {
    const fn = cls.prototype[name];
    if (typeof fn !== "function" || fn.length !== arity) {
      contractBroken(`${owner}#${name} is not a method of ${arity} parameter(s)`);
    }
  };
  const builder = classOf("LayoutBuilder");
  method(builder, "LayoutBuilder", "processNode", 1);
  const writer = classOf("PageElementWriter");
  method(writer, "PageElementWriter", "moveToNextPage", 1);
  const context = classOf("DocumentContext");
  method(context, "DocumentContext", "addPage", 1);
  method(context, "DocumentContext", "moveToNextPage", 1);
  return {
    builder: builder.prototype as unknown as Classes["builder"],
    PageElementWriter: writer as unknown as Classes["PageElementWriter"],
    DocumentContext: context as unknown as Classes["DocumentContext"],
  };
}

/**
 * A copy of a laid-out-to-be node that its layout can consume: every plain
 * object and array copied (pdfmake takes pieces off `_inlines`, cuts them,
 * and writes positions and table state onto the nodes), anything else (a
 * pdfkit font, a function) shared. Shared references stay shared in the copy.
 */
export function fork<T>(value: T, seen = new Map<object, unknown>()): T {
  if (value === null || typeof value !== "object") return value;
  const done = seen.get(value);
  if (done !== undefined) return done as T;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const item of value) out.push(fork(item, seen));
    return out as T;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  // Object.keys, not entries: no [key, value] array per property of every node copied.
  for (const k of Object.keys(value)) out[k] = fork((value as Record<string, unknown>)[k], seen);
  return out as T;
}

/** Thrown from the scratch page's end: the look-ahead has seen all it needs. */
const PAGE_END = Symbol("keep-with-next: end of the scratch page");

/** Content items on a page: lines and pictures (a table's rules come and go with them). */
const contentOf = (page: Page | undefined) =>
  (page?.items ?? []).filter((i) => i.type !== "vector").length;

/**
 * Lays out copies of `nodes` (the node and the keep-with-next nodes after it)
 * and `next` (the block after them) on a scratch copy of the current page:
 * its size, margins and notes, from where the layout stands, with its room
 * and width; and says what landed there before the page's end.
 */
function lookAhead(
  builder: Builder,
  classes: Classes,
  original: ProcessNode,
  nodes: readonly LayoutNode[],
  next: LayoutNode | undefined,
): LookAhead {
  const real = builder.writer.context();
  const page = real.getCurrentPage();
  if (
    page === null ||
    typeof page.pageSize?.height !== "number" ||
    typeof real.x !== "number" ||
    typeof real.y !== "number" ||
    typeof real.availableWidth !== "number" ||
    typeof real.availableHeight !== "number"
  ) {
    contractBroken(
      "the document context has no current page, x, y, availableWidth, availableHeight",
    );
  }
  const scratch = new classes.DocumentContext();
  const saved = {
    writer: builder.writer,
    linearNodeList: builder.linearNodeList,
    nestedLevel: builder.nestedLevel,
    aligned: builder.verticalAlignmentItemStack.length,
  };
  const lay = (node: LayoutNode): boolean => {
    try {
      original.call(builder, fork(node));
      return true;
    } catch (e) {
      if (e === PAGE_END) return false;
      throw e;
    }
  };
  try {
    return withScratchNotes(real.page, () =>
      layoutAside(() => {
        builder.writer = new classes.PageElementWriter(scratch);
        builder.linearNodeList = [];
        scratch.addPage({ ...page.pageSize }, { ...real.pageMargins });
        Object.assign(scratch, {
          x: real.x,
          y: real.y,
          availableWidth: real.availableWidth,
          availableHeight: real.availableHeight,
        });
        const sheet = scratch.pages[0];
        if (sheet === undefined || !Array.isArray(sheet.items)) {
          contractBroken("DocumentContext#addPage made no page with items");
        }
        // An own property over the prototype's: only this context stops at its page's end.
        scratch.moveToNextPage = () => {
          throw PAGE_END;
        };
        const [first, ...rest] = nodes;
        const firstEnds = first === undefined || lay(first);
        const nodeItems = contentOf(sheet);
        const top = sheet.items.find((i) => i.type !== "vector")?.item.y;
        const nodeEnds = firstEnds && rest.every(lay);
        const before = contentOf(sheet);
        const ends = nodeEnds && next !== undefined && lay(next);
        const inner = page.pageSize.height - real.pageMargins.top - real.pageMargins.bottom;
        return {
          nodeItems,
          nodeEnds,
          ratio: ((typeof top === "number" ? top : real.y) - real.pageMargins.top) / inner,
          next: next === undefined ? undefined : { items: contentOf(sheet) - before, ends },
        };
      }),
    );
  } finally {
    builder.writer = saved.writer;
    builder.linearNodeList = saved.linearNodeList;
    builder.nestedLevel = saved.nestedLevel;
    builder.verticalAlignmentItemStack.length = saved.aligned;
  }
}

/** Where each child of a stack stands: the stack's items and its index. */
type Siblings = WeakMap<object, { items: readonly unknown[]; index: number }>;

const isNode = (x: unknown): x is LayoutNode => x !== null && typeof x === "object";

/** The keep-with-next nodes from `index` on, and the block after them (if any). */
function runFrom(
  items: readonly unknown[],
  index: number,
): { nodes: LayoutNode[]; next: LayoutNode | undefined } {
  const nodes: LayoutNode[] = [];
  let i = index;
  for (; i < items.length; i++) {
    const item = items[i];
    if (!isNode(item)) break;
    if (i > index && !keepsWithNext(item)) break;
    nodes.push(item);
  }
  const next = items[i];
  return { nodes, next: isNode(next) ? next : undefined };
}

/** Decides, before pdfmake lays `node` out, whether it starts a new page to stay with what follows. */
function keep(
  builder: Builder,
  classes: Classes,
  original: ProcessNode,
  siblings: Siblings,
  node: LayoutNode,
): void {
  if (!keepsWithNext(node) || node.pageBreak !== undefined) return;
  const place = siblings.get(node);
  if (place === undefined) return;
  const writer = builder.writer;
  if (
    typeof writer?.context !== "function" ||
    typeof writer.transactionLevel !== "number" ||
    !Array.isArray(writer.contextStack)
  ) {
    contractBroken(
      "LayoutBuilder has no page writer with context(), transactionLevel, contextStack",
    );
  }
  if (
    !Array.isArray(builder.linearNodeList) ||
    typeof builder.nestedLevel !== "number" ||
    !Array.isArray(builder.verticalAlignmentItemStack)
  ) {
    contractBroken("LayoutBuilder has no linearNodeList, nestedLevel, verticalAlignmentItemStack");
  }
  const context = writer.context();
  if (
    typeof context.inSnakingColumns !== "function" ||
    typeof context.pageMargins?.top !== "number"
  ) {
    contractBroken("the document context has no inSnakingColumns() or pageMargins");
  }
  // Inside an unbreakable block, a header or footer, or snaking columns, pdfmake places it its own way;
  // at the head of a page, moving cannot help.
  if (writer.transactionLevel > 0 || writer.contextStack.length > 0 || context.inSnakingColumns())
    return;
  if (context.y <= context.pageMargins.top) return;
  const { nodes, next } = runFrom(place.items, place.index);
  if (moveBefore(lookAhead(builder, classes, original, nodes, next))) node.pageBreak = "before";
}

/** What the wrap reads: installed once per process, on LayoutBuilder's prototype. */
const KEEP = Symbol.for("briefkit.pdf.keep-with-next");

/**
 * Wraps `LayoutBuilder#processNode` to keep nodes with what follows them,
 * while `scope` has a store (a render of this writer). Installed once.
 */
export function installKeepWithNext(
  load: (module: string) => unknown,
  scope: AsyncLocalStorage<true>,
): void {
  const classes = keepClasses(load);
  const proto = classes.builder as unknown as Record<string | symbol, unknown> & {
    processNode: ProcessNode;
  };
  if (proto[KEEP] !== undefined) return;
  const original = proto.processNode;
  const siblings: Siblings = new WeakMap();
  /** Set while a look-ahead runs: its own nodes are not looked ahead of. */
  let looking = false;
  const processNode: ProcessNode = function (node, ...rest) {
    if (scope.getStore() !== undefined && isNode(node)) {
      if (Array.isArray(node.stack)) {
        node.stack.forEach((item, index) => {
          if (isNode(item)) siblings.set(item, { items: node.stack as unknown[], index });
        });
      }
      if (!looking && keepsWithNext(node)) {
        looking = true;
        try {
          keep(this, classes, original, siblings, node);
        } finally {
          looking = false;
        }
      }
    }
    return original.call(this, node, ...rest);
  };
  // Same parameter count: the other wraps check it when they install.
  Object.defineProperty(processNode, "length", { value: original.length });
  proto.processNode = processNode;
  proto[KEEP] = true;
}
