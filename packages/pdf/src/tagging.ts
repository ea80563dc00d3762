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
 *    (`LayoutBuilder#tryLayoutDocument`; one per render, as keep-with-next
 *    decides in the pass, but a second would start afresh)
 *    starts the structure afresh. Nodes laid out out of the flow
 *    (`layoutAside`: the footnotes, measured once before the layout and
 *    drawn at the page feet) get a structure of their own, placed in the
 *    document's tree when the pages are drawn, by their first reference.
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
import { contract, DOCUMENT_METHODS, Painter, type PdfkitDocument } from "./painter.js";
import {
  type LayoutNode,
  type Line,
  OWNER,
  type PageItem,
  placeAsides,
  type Stamped,
  Structure,
} from "./structure.js";

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
      throw contract(
        `${name}#${method} is not a method of ${arity} parameters`,
        `${name}#${method}`,
      );
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

/** XML text: pdfkit writes the Info strings into the XMP packet as they are. */
const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

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
    placeAsides(render.structure.root, pages);
    const painter = new Painter(doc, render.structure.root, pages);
    const own = (name: string) => (r[name] as Method).bind(r);
    const [line, vector, image, svg] = [
      "renderLine",
      "renderVector",
      "renderImage",
      "renderSVG",
    ].map(own);
    r.renderLine = (l: Line, x: number, y: number) => painter.drawLine(l, () => line?.(l, x, y));
    r.renderVector = (v: Stamped) => painter.drawVector(v, () => vector?.(v));
    r.renderImage = (i: Stamped) => painter.drawPicture(i, () => image?.(i));
    r.renderSVG = (s: Stamped) => painter.drawPicture(s, () => svg?.(s));
    for (const name of ["beginClip", "endClip", "beginVerticalAlignment", "endVerticalAlignment"]) {
      const fn = own(name);
      r[name] = (...a: unknown[]) => painter.drawUnmarked(() => fn(...a));
    }
    const watermark = own("renderWatermark");
    r.renderWatermark = (page: unknown) =>
      painter.drawArtifact("Pagination", () => watermark(page));
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
 * Runs `layout`, a layout of nodes outside the document's flow (footnotes.ts
 * measures each note this way before the layout, then draws copies of its
 * lines at a page's foot), with a structure of its own: the elements it
 * makes join no layout pass's tree, and the lines it stamps keep them. When
 * the pages are drawn, each such element is placed in the document's tree by
 * its first reference (`placeAsides`, structure.ts), if anything of it was
 * drawn. Outside a tagged render, just runs `layout`.
 */
export function layoutAside<T>(layout: () => T): T {
  const render = install().getStore();
  if (render === undefined) return layout();
  const structure = render.structure;
  render.structure = new Structure();
  try {
    return layout();
  } finally {
    render.structure = structure;
  }
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
