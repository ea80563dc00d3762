/**
 * Footnotes at the foot of the page, in pdfmake 0.3, in the one layout pass
 * pdfmake makes anyway (the way TeX sets insertions).
 *
 * pdfmake lays a document out top to bottom, line by line (an unbreakable
 * block, such as a callout or a table row, as one fragment), and checks each
 * against the height left on the page. This module joins in at that check:
 * - before the layout, each note is laid out once by pdfmake itself, at the
 *   text width, in a scratch context: its lines and where a page may split it;
 * - when a line (or fragment) that references a note not yet set is about to
 *   go on a page, it goes there only if its notes fit below it too; then the
 *   page's text area is shortened by their height (the note area). If they do
 *   not fit, the line moves to the next page and takes its notes with it. A
 *   note that does not fit whole is split between two lines, when at least two
 *   of its lines fit, and continued at the foot of the next page;
 * - after the layout, before the running header and footer, each page's notes
 *   are drawn flush with the foot of its text area, under a short rule.
 * A note is set once, on the page of its first reference; a note no line
 * refers to (the model allows one, with a warning) is set at the foot of the
 * last page. The cost is the layout of the notes, once per render: no second
 * pass over the document.
 *
 * pdfmake has no public way in, so this wraps five internal methods:
 * `LayoutBuilder#tryLayoutDocument` (one layout run) and
 * `#addHeadersAndFooters` (the body is done), `ElementWriter#addLine` and
 * `#addFragment` (the fit check, which `PageElementWriter#_fitOnPage` retries
 * once on the next page), and `DocumentContext#initializePage` (a page's text
 * height). As with shared-fonts.ts: pdfmake is pinned, the wraps check what
 * they rely on when installed and when they run and throw a
 * `PdfmakeContractError`, test/pdfmake-contract.test.ts checks them against
 * the pinned pdfmake, and they act only inside `withFootnotes`, on the
 * documents this writer renders (AsyncLocalStorage).
 *
 * The notes are measured inside tagging.ts's `layoutAside`, so their
 * structure elements join no layout pass; their drawn lines keep them, and
 * the tagging places each Note after its reference. typesetting.ts's
 * widows and orphans ask `noteCosts` what a line's notes take off a page.
 *
 * For the tagging of notes (`NoteMarks`): each line drawn for a note carries
 * `footnote` (its number) and the rule `footnoteRule: true`, on the line or
 * vector object the Renderer draws; they follow the body's items on their
 * page and come before the running header and footer. A reference is an
 * inline whose `linkToDestination` is its note's anchor (leaf style
 * "noteRef"), and the first line of a note has the anchor as its `id` (the
 * link's destination).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { createRequire } from "node:module";
import type { Node } from "./blocks.js";
import type { FootnoteArea } from "./definition.js";
import { PdfmakeContractError } from "./shared-fonts.js";
import { layoutAside } from "./tagging.js";

/** A page's margins and size, as pdfmake keeps them. */
interface Margins {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** A laid-out line (pdfmake/js/Line.js). */
interface Line {
  x: number;
  y: number;
  inlines: Array<{ linkToDestination?: unknown }>;
  /** Set on a table-of-contents line (its page number refers to a heading). */
  _pageNodeRef?: unknown;
  getHeight(): number;
  clone(): Line;
}

/** An entry of a page's `items`, as pdfmake's Renderer draws them. */
interface PageItem {
  type: string;
  item: unknown;
}

/** What this module marks the items it draws with (on the line or vector itself): a note's lines, the rule. */
export interface NoteMarks {
  /** On each line of a note (or of the part of it on this page): its number. */
  footnote?: number;
  /** On the rule over the notes. */
  footnoteRule?: true;
}

interface Page {
  items: PageItem[];
  pageSize: { width: number; height: number };
  pageMargins: Margins;
}

/** A saved position of a column group (a table row, `columns`). */
interface Snapshot {
  page: number;
  availableHeight: number;
  bottomMost?: { page: number; availableHeight: number };
}

/** pdfmake/js/DocumentContext.js: where the layout stands. */
interface Context {
  page: number;
  y: number;
  availableHeight: number;
  pages: Page[];
  pageMargins: Margins;
  snapshots: Snapshot[];
  addPage(size: { width: number; height: number }, margins: Margins): unknown;
}

/** pdfmake/js/PageElementWriter.js. */
interface Writer {
  context(): Context;
  /** Contexts under the current one: pushed for unbreakable blocks, headers and footers. */
  contextStack: Context[];
  /** Blocks repeated at the top of each page (a table's header rows). */
  repeatables: Array<{ height: number }>;
  moveToNextPage(): void;
}

/** An unbreakable block laid out on its own, then added to the page as one. */
interface Fragment {
  items: PageItem[];
  height: number;
}

/** pdfmake/js/LayoutBuilder.js, during a layout. */
interface Builder {
  writer?: Writer;
  linearNodeList?: unknown[];
  docPreprocessor?: { preprocessBlock(node: Node): Node };
  docMeasure?: { measureBlock(node: Node): Node };
  processNode(node: Node): void;
}

type Method = (this: unknown, ...args: unknown[]) => unknown;

/** The constructor of each pdfmake module this module uses (CommonJS, `exports.default`). */
interface Classes {
  LayoutBuilder: { prototype: Record<string, unknown> };
  ElementWriter: { prototype: Record<string, unknown> };
  PageElementWriter: new (context: Context) => Writer;
  DocumentContext: new () => Context;
}

/** What is wrapped, with its parameter count. */
const WRAPPED = {
  LayoutBuilder: { tryLayoutDocument: 8, addHeadersAndFooters: 2, processNode: 1 },
  ElementWriter: { addLine: 3, addFragment: 4 },
  DocumentContext: { initializePage: 0, addPage: 1 },
} as const;

/**
 * The pdfmake classes, checked to have the methods this module wraps or
 * calls, of the shape it relies on.
 */
export function pdfmakeClasses(load: (module: string) => unknown): Classes {
  const classOf = (name: string): { prototype: Record<string, unknown> } => {
    const cls = (load(`pdfmake/js/${name}.js`) as { default?: unknown } | null)?.default;
    if (typeof cls !== "function") {
      throw new PdfmakeContractError(
        `pdfmake/js/${name}.js exports no default class`,
        RELIED,
        WHERE,
      );
    }
    return cls as { prototype: Record<string, unknown> };
  };
  const classes = {
    LayoutBuilder: classOf("LayoutBuilder"),
    ElementWriter: classOf("ElementWriter"),
    PageElementWriter: classOf("PageElementWriter"),
    DocumentContext: classOf("DocumentContext"),
  };
  for (const [name, methods] of Object.entries(WRAPPED)) {
    const proto = classes[name as keyof typeof WRAPPED].prototype;
    for (const [method, arity] of Object.entries(methods)) {
      const fn = proto[method];
      if (typeof fn !== "function" || fn.length !== arity) {
        throw new PdfmakeContractError(
          `${name}#${method} is not a method of ${arity} parameters`,
          RELIED,
          WHERE,
        );
      }
    }
  }
  // PageElementWriter#addLine and #addFragment fit a line on the page through
  // ElementWriter's, which return false when it does not fit.
  if (
    Object.getPrototypeOf(classes.PageElementWriter.prototype) !== classes.ElementWriter.prototype
  ) {
    throw new PdfmakeContractError(
      "PageElementWriter no longer extends ElementWriter",
      RELIED,
      WHERE,
    );
  }
  return classes as unknown as Classes;
}

/** Where the error sends a reader. */
const RELIED =
  "LayoutBuilder#tryLayoutDocument and #addHeadersAndFooters, ElementWriter#addLine and #addFragment, DocumentContext#initializePage";
const WHERE = "packages/pdf/src/footnotes.ts";

/** How close two positions are to be the same, pt. */
const EPSILON = 0.01;

/** A note, or the part of it one page holds: its lines between `from` and `to` (pt from the note's top). */
interface Piece {
  note: number;
  lines: readonly Line[];
  from: number;
  to: number;
  /** Where a page may split it: the tops of its lines after the first, ascending. */
  breaks: readonly number[];
}

const height = (p: Piece) => p.to - p.from;

/** A note as pdfmake sets it, and the notes its own text refers to. */
interface Measured {
  whole: Piece;
  inner: number[];
}

/** One layout run (`LayoutBuilder#tryLayoutDocument`; one per render: keep-with-next needs no second). */
interface Run {
  builder: Builder;
  area: FootnoteArea;
  notes: ReadonlyMap<number, Measured>;
  /** Note numbers by anchor. */
  anchors: ReadonlyMap<string, number>;
  /** The notes of each page, by page index. */
  pages: Piece[][];
  placed: Set<number>;
  /** Parts of notes continued on a page not made yet, by page index. */
  pending: Map<number, Piece[]>;
  /** Lines and fragments already offered once: the second offer is pdfmake's retry on a new page. */
  offered: WeakSet<object>;
}

/** What the wraps share: installed once per process, on pdfmake's prototypes. */
interface State {
  scope: AsyncLocalStorage<FootnoteArea>;
  /** The run in progress: a layout is synchronous, so at most one at a time. */
  current: Run | undefined;
  /** The notes as pdfmake sets them, per layout (pdfmake's LayoutBuilder, one per document). */
  measured: WeakMap<object, ReadonlyMap<number, Measured>>;
}

// In the global symbol registry, so that a second copy of this module (a
// test runner's fresh module graph) finds the wraps and uses them.
const STATE = Symbol.for("briefkit.pdf.footnotes");

/** Height of a page's note area, rule and space above it included. */
function areaHeight(area: FootnoteArea, pieces: readonly Piece[]): number {
  if (pieces.length === 0) return 0;
  const notes = pieces.reduce((sum, p) => sum + height(p), 0);
  return area.above + area.below + notes + area.between * (pieces.length - 1);
}

/** The lowest point of what is on a page so far (a column laid out earlier may reach below the current one). */
function contentBottom(page: Page): number {
  let bottom = 0;
  for (const { type, item } of page.items) {
    if (type === "line") {
      const line = item as Line;
      bottom = Math.max(bottom, line.y + line.getHeight());
    } else if (type === "vector") {
      const v = item as { type?: string; y?: number; h?: number; y1?: number; y2?: number };
      if (v.type === "rect") bottom = Math.max(bottom, (v.y ?? 0) + (v.h ?? 0));
      else if (v.type === "line") bottom = Math.max(bottom, v.y1 ?? 0, v.y2 ?? 0);
    } else if (type === "image" || type === "svg") {
      const image = item as { y?: number; _height?: number };
      bottom = Math.max(bottom, (image.y ?? 0) + (image._height ?? 0));
    }
  }
  return bottom;
}

/**
 * Splits `notes` into the pieces that fit in `room` under the pieces a page
 * already has, and those for the next page. A note that does not fit whole
 * is split at the lowest break that fits, leaving at least `minLines` of its
 * lines on this page; the notes after it wait for the next page.
 */
function plan(
  area: FootnoteArea,
  existing: readonly Piece[],
  notes: readonly Piece[],
  room: number,
  minLines: number,
): { here: Piece[]; later: Piece[] } {
  const here: Piece[] = [];
  const later: Piece[] = [];
  for (const piece of notes) {
    if (later.length > 0) {
      later.push(piece);
      continue;
    }
    if (areaHeight(area, [...existing, ...here, piece]) <= room + EPSILON) {
      here.push(piece);
      continue;
    }
    const left = room - areaHeight(area, [...existing, ...here, { ...piece, to: piece.from }]);
    const cut = piece.breaks
      .filter((b, i) => i + 1 >= minLines && b - piece.from <= left + EPSILON)
      .at(-1);
    if (cut === undefined) {
      later.push(piece);
    } else {
      here.push({ ...piece, to: cut, breaks: piece.breaks.filter((b) => b < cut) });
      later.push({ ...piece, from: cut, breaks: piece.breaks.filter((b) => b > cut) });
    }
  }
  return { here, later };
}

/** The page's notes, made on first use with the parts of notes continued from the page before. */
function pageNotes(run: Run, index: number, page: Page): Piece[] {
  const existing = run.pages[index];
  if (existing !== undefined) return existing;
  const pieces: Piece[] = [];
  run.pages[index] = pieces;
  const carried = run.pending.get(index);
  if (carried !== undefined) {
    run.pending.delete(index);
    const textHeight = page.pageSize.height - page.pageMargins.top - page.pageMargins.bottom;
    const { here, later } = plan(run.area, [], carried, textHeight * run.area.maxShare, 1);
    // Each page takes at least one line of a continued note, so a note longer than a page still ends.
    const first = carried[0];
    if (here.length === 0 && first !== undefined) {
      const cut = first.breaks[0] ?? first.to;
      here.push({ ...first, to: cut, breaks: [] });
      later.splice(
        0,
        1,
        ...(cut < first.to ? [{ ...first, from: cut, breaks: first.breaks.slice(1) }] : []),
      );
    }
    pieces.push(...here);
    if (later.length > 0) carry(run, index + 1, later);
  }
  return pieces;
}

/** Continues `pieces` at the foot of page `index`: now if the page is made already, else when it is. */
function carry(run: Run, index: number, pieces: Piece[]): void {
  const made = run.pages[index];
  const context = mainContext(run);
  if (made === undefined || context === undefined) {
    run.pending.set(index, [...(run.pending.get(index) ?? []), ...pieces]);
    return;
  }
  // Only a column laid out before this one can have reached the next page.
  const before = areaHeight(run.area, made);
  made.unshift(...pieces);
  shorten(context, index, areaHeight(run.area, made) - before);
}

/** The main context of the run's layout: the one its pages are made in. */
function mainContext(run: Run): Context | undefined {
  const writer = run.builder.writer;
  return writer === undefined ? undefined : (writer.contextStack[0] ?? writer.context());
}

/** Shortens the text area of page `index` by `by`: every height the layout keeps for that page. */
function shorten(context: Context, index: number, by: number): void {
  if (by === 0) return;
  if (context.page === index) context.availableHeight -= by;
  for (const saved of context.snapshots) {
    if (saved.page === index) saved.availableHeight -= by;
    if (saved.bottomMost?.page === index) saved.bottomMost.availableHeight -= by;
  }
}

/** The notes `refs` bring that are not set yet, each followed by those its text refers to. */
function newNotes(run: Run, refs: readonly number[]): number[] {
  const out: number[] = [];
  const add = (n: number) => {
    const note = run.notes.get(n);
    if (note === undefined || run.placed.has(n) || out.includes(n)) return;
    out.push(n);
    note.inner.forEach(add);
  };
  refs.forEach(add);
  return out;
}

/** The note numbers `lines` refer to, in order. */
function refsIn(anchors: ReadonlyMap<string, number>, lines: readonly Line[]): number[] {
  const refs: number[] = [];
  for (const line of lines) {
    for (const inline of line.inlines) {
      const n =
        typeof inline.linkToDestination === "string"
          ? anchors.get(inline.linkToDestination)
          : undefined;
      if (n !== undefined) refs.push(n);
    }
  }
  return refs;
}

/**
 * Offers a line or fragment `tall` pt high, referring to `refs`, to the
 * current page: `place` puts it there (pdfmake's own fit check). It goes
 * there with its new notes below it, split if need be, or is refused
 * (false), and pdfmake moves it to the next page and offers it again. A
 * second offer, one at the top of a page, or one pdfmake does not let fail
 * (`mayRefuse` false) is taken, its notes split or carried over as they fit.
 */
function offer(
  run: Run,
  writer: Writer,
  subject: object,
  tall: number,
  refs: readonly number[],
  mayRefuse: boolean,
  place: () => unknown,
): unknown {
  const numbers = newNotes(run, refs);
  if (numbers.length === 0) return place();
  const context = writer.context();
  const index = context.page;
  const page = context.pages[index];
  if (page === undefined) return place();
  const repeated = writer.repeatables.reduce((sum, r) => sum + r.height, 0);
  const atTop = context.y <= context.pageMargins.top + repeated + EPSILON;
  const forced = !mayRefuse || atTop || run.offered.has(subject);
  run.offered.add(subject);
  const existing = pageNotes(run, index, page);
  const textBottom = page.pageSize.height - context.pageMargins.bottom;
  const room = textBottom - Math.max(context.y + tall, contentBottom(page));
  const notes = numbers.map((n) => (run.notes.get(n) as Measured).whole);
  const { here, later } = plan(run.area, existing, notes, room, forced ? 1 : 2);
  if (!forced && later.length > 0 && !numbers.every((n) => here.some((p) => p.note === n))) {
    return false;
  }
  const placed = place();
  if (placed === false) return placed;
  const before = areaHeight(run.area, existing);
  existing.push(...here);
  shorten(context, index, areaHeight(run.area, existing) - before);
  for (const n of numbers) run.placed.add(n);
  if (later.length > 0) carry(run, index + 1, later);
  return placed;
}

/** Lays out each note once with pdfmake, at the text width, in a context of its own. */
function measure(builder: Builder, area: FootnoteArea, classes: Classes): Map<number, Measured> {
  const { docPreprocessor, docMeasure } = builder;
  if (
    typeof docPreprocessor?.preprocessBlock !== "function" ||
    typeof docMeasure?.measureBlock !== "function"
  ) {
    throw new PdfmakeContractError(
      "LayoutBuilder has no docPreprocessor.preprocessBlock or docMeasure.measureBlock during a layout",
      RELIED,
      WHERE,
    );
  }
  const anchors = new Map(area.notes.map((n) => [n.anchor, n.number]));
  const saved = { writer: builder.writer, linearNodeList: builder.linearNodeList };
  const out = new Map<number, Measured>();
  try {
    for (const note of area.notes) {
      const context = new classes.DocumentContext();
      context.addPage(
        { width: area.width, height: Number.POSITIVE_INFINITY },
        { left: 0, top: 0, right: 0, bottom: 0 },
      );
      builder.writer = new classes.PageElementWriter(context);
      builder.linearNodeList = [];
      const node = docMeasure.measureBlock(
        docPreprocessor.preprocessBlock(structuredClone(note.node)),
      );
      // Out of the document's flow for the tagging too: its elements are placed by its reference.
      layoutAside(() => builder.processNode(node));
      const items = context.pages[0]?.items ?? [];
      const lines = items.map(({ type, item }) => {
        const line = item as Partial<Line>;
        if (
          type !== "line" ||
          typeof line.getHeight !== "function" ||
          typeof line.clone !== "function" ||
          !Array.isArray(line.inlines)
        ) {
          throw new PdfmakeContractError(
            `a note laid out to a "${type}" item, not a line with inlines, getHeight and clone`,
            RELIED,
            WHERE,
          );
        }
        return line as Line;
      });
      const tops = [...new Set(lines.map((l) => l.y))].sort((a, b) => a - b);
      // A page may split a note where no line straddles the cut.
      const breaks = tops.filter(
        (t) =>
          t > EPSILON &&
          lines.every((l) => l.y >= t - EPSILON || l.y + l.getHeight() <= t + EPSILON),
      );
      out.set(note.number, {
        whole: { note: note.number, lines, from: 0, to: context.y, breaks },
        inner: refsIn(anchors, lines),
      });
    }
  } finally {
    builder.writer = saved.writer;
    builder.linearNodeList = saved.linearNodeList;
  }
  return out;
}

/** After the body: notes no line referred to at the foot of the last page, then the pages continued notes need. */
function finish(run: Run): void {
  const writer = run.builder.writer;
  if (writer === undefined) return;
  const rest = [...run.notes.keys()].filter((n) => !run.placed.has(n));
  if (rest.length > 0) offer(run, writer, {}, 0, rest, false, () => true);
  const context = writer.context();
  while ([...run.pending.keys()].some((i) => i >= context.pages.length)) {
    writer.moveToNextPage();
  }
}

/** Draws each page's notes: flush with the foot of its text area, under a short rule. */
function draw(run: Run, context: Context): void {
  const { area } = run;
  run.pages.forEach((pieces, index) => {
    const page = context.pages[index];
    if (page === undefined || pieces.length === 0) return;
    const left = page.pageMargins.left;
    const bottom = page.pageSize.height - page.pageMargins.bottom;
    let y = bottom - (areaHeight(area, pieces) - area.above);
    page.items.push({
      type: "vector",
      item: {
        type: "line",
        x1: left,
        y1: y,
        x2: left + area.rule.length,
        y2: y,
        lineWidth: area.rule.lineWidth,
        lineColor: area.rule.color,
        footnoteRule: true,
      } satisfies NoteMarks & Record<string, unknown>,
    });
    y += area.below;
    for (const piece of pieces) {
      for (const line of piece.lines) {
        if (line.y < piece.from - EPSILON || line.y >= piece.to - EPSILON) continue;
        const copy: Line & NoteMarks = line.clone();
        copy.x = line.x + left;
        copy.y = y + line.y - piece.from;
        copy.footnote = piece.note;
        page.items.push({ type: "line", item: copy });
      }
      y += height(piece) + area.between;
    }
  });
}

/** `wrap` with the parameter count of `original`, which the install checks read. */
function wrapping<T>(original: Method, wrap: (this: T, ...args: unknown[]) => unknown): Method {
  Object.defineProperty(wrap, "length", { value: original.length });
  return wrap as Method;
}

function install(): State {
  const load = createRequire(import.meta.url);
  const layoutBuilder = (
    load("pdfmake/js/LayoutBuilder.js") as { default?: { prototype?: object } }
  ).default;
  const installed = (layoutBuilder?.prototype as Record<symbol, State | undefined> | undefined)?.[
    STATE
  ];
  if (installed !== undefined) return installed;
  const classes = pdfmakeClasses(load);
  const builderProto = classes.LayoutBuilder.prototype as Record<string | symbol, unknown>;
  const state: State = {
    scope: new AsyncLocalStorage(),
    current: undefined,
    measured: new WeakMap(),
  };
  const writerProto = classes.ElementWriter.prototype;
  const contextProto = (
    classes.DocumentContext as unknown as { prototype: Record<string, unknown> }
  ).prototype;
  const original = {
    tryLayoutDocument: builderProto.tryLayoutDocument as Method,
    addHeadersAndFooters: builderProto.addHeadersAndFooters as Method,
    addLine: writerProto.addLine as Method,
    addFragment: writerProto.addFragment as Method,
    initializePage: contextProto.initializePage as Method,
  };

  builderProto.tryLayoutDocument = wrapping(
    original.tryLayoutDocument,
    function (this: Builder, ...args: unknown[]) {
      const area = state.scope.getStore();
      if (area === undefined || area.notes.length === 0)
        return original.tryLayoutDocument.apply(this, args);
      let notes = state.measured.get(this);
      if (notes === undefined) {
        notes = measure(this, area, classes);
        state.measured.set(this, notes);
      }
      const outer = state.current;
      state.current = {
        builder: this,
        area,
        notes,
        anchors: new Map(area.notes.map((n) => [n.anchor, n.number])),
        pages: [],
        placed: new Set(),
        pending: new Map(),
        offered: new WeakSet(),
      };
      try {
        return original.tryLayoutDocument.apply(this, args);
      } finally {
        state.current = outer;
      }
    },
  );

  builderProto.addHeadersAndFooters = wrapping(
    original.addHeadersAndFooters,
    function (this: Builder, ...args: unknown[]) {
      const run = state.current;
      if (run !== undefined && run.builder === this) {
        finish(run);
        const context = mainContext(run);
        if (context !== undefined) draw(run, context);
      }
      return original.addHeadersAndFooters.apply(this, args);
    },
  );

  /** The run, if `writer` is laying out its body (not a block, header or footer of its own). */
  const bodyRun = (writer: Writer): Run | undefined => {
    const run = state.current;
    if (run === undefined || run.builder.writer !== writer) return undefined;
    if (!Array.isArray(writer.contextStack) || !Array.isArray(writer.repeatables)) {
      throw new PdfmakeContractError(
        "PageElementWriter has no contextStack or repeatables",
        RELIED,
        WHERE,
      );
    }
    return writer.contextStack.length === 0 ? run : undefined;
  };

  writerProto.addLine = wrapping(original.addLine, function (this: Writer, ...args: unknown[]) {
    const run = bodyRun(this);
    const line = args[0] as Line;
    if (run === undefined) return original.addLine.apply(this, args);
    const refs = refsIn(run.anchors, [line]);
    if (refs.length === 0) return original.addLine.apply(this, args);
    return offer(run, this, line, line.getHeight(), refs, true, () =>
      original.addLine.apply(this, args),
    );
  });

  writerProto.addFragment = wrapping(
    original.addFragment,
    function (this: Writer, ...args: unknown[]) {
      const run = bodyRun(this);
      const fragment = args[0] as Fragment;
      if (run === undefined) return original.addFragment.apply(this, args);
      const lines = fragment.items.filter((i) => i.type === "line").map((i) => i.item as Line);
      // A row of a table of contents repeats a heading's text, references and all.
      if (lines.some((l) => l._pageNodeRef !== undefined))
        return original.addFragment.apply(this, args);
      const refs = refsIn(run.anchors, lines);
      if (refs.length === 0) return original.addFragment.apply(this, args);
      // With useBlockXOffset (a repeated table header) pdfmake places the fragment whatever its height.
      return offer(run, this, fragment, fragment.height, refs, args[1] !== true, () =>
        original.addFragment.apply(this, args),
      );
    },
  );

  contextProto.initializePage = wrapping(
    original.initializePage,
    function (this: Context, ...args: unknown[]) {
      const result = original.initializePage.apply(this, args);
      const run = state.current;
      if (run !== undefined && mainContext(run) === this) {
        const page = this.pages[this.page];
        if (page === undefined || !Array.isArray(this.snapshots)) {
          throw new PdfmakeContractError(
            "DocumentContext has no current page or snapshots",
            RELIED,
            WHERE,
          );
        }
        this.availableHeight -= areaHeight(run.area, pageNotes(run, this.page, page));
      }
      return result;
    },
  );

  builderProto[STATE] = state;
  return state;
}

/**
 * Runs `render` (which must call pdfmake's `createPdf` synchronously) with
 * `area`'s notes set at the foot of the pages of the documents it lays out.
 */
export function withFootnotes<T>(area: FootnoteArea, render: () => Promise<T>): Promise<T> {
  return install().scope.run(area, render);
}

/** The wraps' state, if installed in this process. */
function installedState(): State | undefined {
  const load = createRequire(import.meta.url);
  const proto = (load("pdfmake/js/LayoutBuilder.js") as { default?: { prototype?: object } })
    .default?.prototype as Record<symbol, State | undefined> | undefined;
  return proto?.[STATE];
}

/**
 * Runs `layout`, a look-ahead on a scratch copy of page `page` (keep-with-next.ts),
 * with a copy of the run's notes: the scratch page starts with the notes
 * the real page has, its lines place and cost notes as they would there
 * (`offer`, `noteCosts`), and the copy is dropped after, the real run untouched.
 * Outside a run with notes, just runs `layout`.
 */
export function withScratchNotes<T>(page: number, layout: () => T): T {
  const state = installedState();
  const run = state?.current;
  if (state === undefined || run === undefined) return layout();
  const pages: Piece[][] = [];
  pages[0] = [...(run.pages[page] ?? [])];
  state.current = {
    ...run,
    pages,
    placed: new Set(run.placed),
    pending: new Map(),
    offered: new WeakSet(),
  };
  try {
    return layout();
  } finally {
    state.current = run;
  }
}

/**
 * For a look-ahead over the lines `builder` is about to set on its current
 * page (typesetting.ts, widows and orphans): a function that gives, line by
 * line in order, how much its notes not yet set would take off the page (the
 * growth of the note area), given the height `left` under the line; or
 * Infinity when the line would not go on this page for its notes, as
 * `offer` decides (each new note at least partly here, two lines of a split
 * one). Undefined when `builder` lays out no body with notes now.
 */
export function noteCosts(
  builder: unknown,
): ((line: { inlines: Line["inlines"] }, left: number) => number) | undefined {
  const run = installedState()?.current;
  if (run === undefined || run.builder !== builder) return undefined;
  const writer = run.builder.writer;
  if (writer === undefined || writer.contextStack.length !== 0) return undefined;
  const context = writer.context();
  const page = context.pages[context.page];
  if (page === undefined) return undefined;
  const counted = [...pageNotes(run, context.page, page)];
  const seen = new Set<number>();
  return (line, left) => {
    const numbers = newNotes(run, refsIn(run.anchors, [line as Line])).filter((n) => !seen.has(n));
    if (numbers.length === 0) return 0;
    const before = areaHeight(run.area, counted);
    const notes = numbers.map((n) => (run.notes.get(n) as Measured).whole);
    const { here } = plan(run.area, counted, notes, left + before, 2);
    if (!numbers.every((n) => here.some((p) => p.note === n))) return Number.POSITIVE_INFINITY;
    for (const n of numbers) seen.add(n);
    counted.push(...here);
    return areaHeight(run.area, counted) - before;
  };
}
