/**
 * What this writer relies on inside pdfmake and pdfkit: the pinned version;
 * for src/shared-fonts.ts, `PDFDocument#provideFont` and `getFontFile` with
 * their signatures, the pdfkit font provideFont returns (its `font`, `subset`
 * and `layoutCache`, and how pdfkit fills the word cache), one fontkit per
 * process, and the same PDF bytes with shared faces as without; for
 * src/footnotes.ts, the layout methods it wraps, how pdfmake fits a line on
 * a page, and that documents rendered outside `withFootnotes` are untouched.
 *
 * If a pdfmake upgrade fails here, read those modules before changing
 * either: these are the assumptions that make them safe.
 */
import { createHash } from "node:crypto";
import { readFileSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { buildDocument, footnote, houseTheme, loadFace, noteRef, para } from "@briefkit/document";
import pdfmake from "pdfmake";
import type { TDocumentDefinitions } from "pdfmake/interfaces.js";
import { describe, expect, it } from "vitest";
import type { FootnoteArea } from "../src/definition.js";
import { fontDictionary, themeFontFiles } from "../src/fonts.js";
import { pdfmakeClasses, withFootnotes } from "../src/footnotes.js";
import { toDocDefinition } from "../src/index.js";
import { localPolicy, refuseUrl } from "../src/policy.js";
import { fontHostOf, PdfmakeContractError, withSharedFonts } from "../src/shared-fonts.js";

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, "..", "..", "..");
const theme = houseTheme();
const files = themeFontFiles(theme);
const documentModule = require("pdfmake/js/PDFDocument.js") as {
  default: new (fonts: object, ...rest: unknown[]) => PdfmakeDocument;
};

/** The part of pdfmake's PDFDocument and pdfkit's EmbeddedFont these tests look at. */
interface PdfkitFont {
  font: { postscriptName: string; createSubset(): unknown };
  subset: unknown;
  layoutCache: Record<string, unknown>;
  widthOfString(text: string, size: number): number;
}
interface PdfmakeDocument {
  fontCache: Record<string, Record<string, unknown>>;
  getFontFile(family: string, bold: boolean, italics: boolean): string | null;
  provideFont(family: string, bold: boolean, italics: boolean): PdfkitFont;
}

/** A pdfmake document as its Printer makes one: the theme's fonts, no first page. */
function openDocument(): PdfmakeDocument {
  return new documentModule.default(
    fontDictionary(theme),
    {},
    {},
    {},
    { autoFirstPage: false, font: null, fontLayoutCache: true },
    null,
    localPolicy(files),
  );
}

describe("pdfmake", () => {
  it("is the exact version pnpm-workspace.yaml pins", () => {
    const workspace = readFileSync(join(root, "pnpm-workspace.yaml"), "utf8");
    const pinned = /^ {2}pdfmake: (\S+)$/m.exec(workspace)?.[1];
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect((require("pdfmake/package.json") as { version: string }).version).toBe(pinned);
  });

  it("has PDFDocument#provideFont and #getFontFile of (family, bold, italics)", () => {
    expect(() => fontHostOf(documentModule)).not.toThrow();
  });

  it("fails loudly when they are missing or have another shape", () => {
    expect(() => fontHostOf({})).toThrow(PdfmakeContractError);
    expect(() => fontHostOf({ default: class {} })).toThrow(/PDFDocument#provideFont/);
    class TwoArguments {
      provideFont(_family: string, _bold: boolean) {}
      getFontFile(_family: string, _bold: boolean, _italics: boolean) {}
    }
    expect(() => fontHostOf({ default: TwoArguments })).toThrow(/PDFDocument#provideFont/);
  });
});

describe("PDFDocument#provideFont, as pdfmake makes it", () => {
  it("opens the theme's file with pdfkit, once per document, with font, subset and word cache", () => {
    const doc = openDocument();
    const file = doc.getFontFile("Source Sans 3", true, false);
    expect(file).toBe(realpathSync(theme.fonts.heading.bold));
    const font = doc.provideFont("Source Sans 3", true, false);
    expect(font.font.postscriptName).toBe("SourceSans3-Bold");
    expect(typeof font.font.createSubset).toBe("function");
    expect(font.subset).toBeTypeOf("object");
    expect(font.layoutCache).toEqual({});
    expect(doc.provideFont("Source Sans 3", true, false)).toBe(font);
    expect(doc.getFontFile("Roboto", false, false)).toBeNull();
  });

  it("keeps each word pdfkit shapes in layoutCache, under the word", () => {
    const font = openDocument().provideFont("Source Serif 4", false, false);
    font.widthOfString("Russia and Japan", 10);
    expect(Object.keys(font.layoutCache).sort()).toEqual(["Japan", "Russia ", "and "]);
  });

  it("parses with the fontkit @briefkit/fonts loads: one copy per process", () => {
    const font = openDocument().provideFont("Source Serif 4", false, true);
    expect(font.font.constructor).toBe(loadFace(theme.fonts.body.italic).font.constructor);
  });
});

describe("withSharedFonts", () => {
  it("gives every document of its renders the shared face and word cache, and its own subset", async () => {
    const face = loadFace(theme.fonts.body.regular);
    const [first, second] = await withSharedFonts(files, async () => [
      openDocument().provideFont("Source Serif 4", false, false),
      openDocument().provideFont("Source Serif 4", false, false),
    ]);
    expect(first!.font).toBe(face.font);
    expect(second!.font).toBe(face.font);
    expect(second!.layoutCache).toBe(first!.layoutCache);
    expect(second!.subset).not.toBe(first!.subset);
  });

  it("leaves pdfmake's other documents alone", () => {
    const font = openDocument().provideFont("Source Serif 4", false, false);
    expect(font.font).not.toBe(loadFace(theme.fonts.body.regular).font);
  });

  it("throws when provideFont hands back something other than a pdfkit font", async () => {
    await expect(
      withSharedFonts(files, async () => {
        const doc = openDocument();
        doc.fontCache["Source Sans 3"] = { normal: { font: undefined } };
        return doc.provideFont("Source Sans 3", false, false);
      }),
    ).rejects.toThrow(PdfmakeContractError);
  });

  it("writes the same bytes as pdfmake alone, document after document", async () => {
    // Two documents with different text: each PDF's glyph subset must hold its own glyphs only.
    const definition = (words: string): TDocumentDefinitions => ({
      info: { title: "Shared faces", creationDate: new Date(0), modDate: new Date(0) },
      defaultStyle: { font: "Source Serif 4", fontSize: 10 },
      content: [
        { text: `${words}: trade in “goods” – 1 234 million — up 12%.` },
        {
          text: [
            { text: "Bold, ", bold: true },
            { text: "italic ", italics: true },
            { text: words, bold: true, italics: true },
          ],
        },
        { text: `${words} 0123456789`, font: "Source Sans 3", bold: true },
      ],
    });
    const render = async (words: string) => {
      pdfmake.setFonts(fontDictionary(theme));
      pdfmake.setUrlAccessPolicy(refuseUrl);
      pdfmake.setLocalAccessPolicy(localPolicy(files));
      const bytes = await pdfmake.createPdf(definition(words)).getBuffer();
      return createHash("sha256").update(bytes).digest("hex");
    };
    const latin = "Russia and Japan, 2005";
    const cyrillic = "Россия и Япония, Сахалинская область";
    const alone = [await render(latin), await render(cyrillic)];
    expect(alone[0]).not.toBe(alone[1]);
    const shared = [];
    for (const words of [latin, cyrillic, latin, cyrillic]) {
      shared.push(await withSharedFonts(files, () => render(words)));
    }
    expect(shared).toEqual([...alone, ...alone]);
  });
});

/** pdfmake's layout classes, as src/footnotes.ts uses them. */
const layout = {
  DocumentContext: require("pdfmake/js/DocumentContext.js").default as new () => {
    page: number;
    y: number;
    availableHeight: number;
    pages: Array<{ items: Array<{ type: string; item: unknown }> }>;
    addPage(size: object, margins: object): unknown;
    initializePage(): void;
  },
  PageElementWriter: require("pdfmake/js/PageElementWriter.js").default as new (
    context: unknown,
  ) => { addLine(line: unknown): unknown },
  Line: require("pdfmake/js/Line.js").default as new (
    width: number,
  ) => { addInline(inline: object): void; getHeight(): number },
};

/** A line `height` pt high, as pdfmake's text layout makes one. */
function lineOf(height: number) {
  const line = new layout.Line(100);
  line.addInline({ text: "x", width: 10, height, font: { ascender: 800 }, fontSize: 10 });
  return line;
}

describe("the layout internals src/footnotes.ts wraps", () => {
  it("are LayoutBuilder, ElementWriter, PageElementWriter and DocumentContext methods of the expected shape", () => {
    expect(() => pdfmakeClasses(require)).not.toThrow();
  });

  it("fail loudly when a class or method is missing or has another shape", () => {
    const real = (name: string) => require(`pdfmake/js/${name}.js`) as { default: unknown };
    const without = (skip: string, replace?: unknown) => (module: string) =>
      module.endsWith(`/${skip}.js`) ? replace : real(module.replace(/^pdfmake\/js\/|\.js$/g, ""));
    expect(() => pdfmakeClasses(without("LayoutBuilder", {}))).toThrow(PdfmakeContractError);
    class Writer {
      addLine(_line: unknown) {}
      addFragment(_a: unknown, _b: unknown, _c: unknown, _d: unknown) {}
    }
    expect(() => pdfmakeClasses(without("ElementWriter", { default: Writer }))).toThrow(
      /ElementWriter#addLine is not a method of 3 parameters/,
    );
    class Detached {}
    expect(() => pdfmakeClasses(without("PageElementWriter", { default: Detached }))).toThrow(
      /PageElementWriter no longer extends ElementWriter/,
    );
  });

  it("give a new page its full text height in initializePage, which footnotes.ts shortens", () => {
    const context = new layout.DocumentContext();
    context.addPage({ width: 200, height: 300 }, { left: 10, top: 20, right: 10, bottom: 30 });
    expect(context.y).toBe(20);
    expect(context.availableHeight).toBe(250);
  });

  it("move a line that does not fit to a new page and offer it once more (PageElementWriter#_fitOnPage)", () => {
    const context = new layout.DocumentContext();
    context.addPage({ width: 200, height: 300 }, { left: 10, top: 20, right: 10, bottom: 30 });
    const writer = new layout.PageElementWriter(context);
    context.availableHeight = 5;
    expect(writer.addLine(lineOf(12))).not.toBe(false);
    expect(context.pages).toHaveLength(2);
    expect(context.page).toBe(1);
    expect(context.pages[1]?.items).toHaveLength(1);
    // Taller than a page: refused twice, then dropped (why footnotes.ts never refuses a second offer).
    expect(writer.addLine(lineOf(400))).toBe(false);
    expect(context.pages).toHaveLength(3);
  });

  it("keep a leaf's linkToDestination on the inlines of its lines (how a reference is found)", async () => {
    const area = toDocDefinition(
      buildDocument(
        {
          title: "t",
          edition: "1",
          date: "2005-09-08",
          language: "en-GB",
          keywords: [],
        },
        [para("Claim.", noteRef(1))],
        [footnote(1, [para("A note.")])],
      ),
      { theme },
      { now: new Date(0), log: () => {} },
    ).footnotes;
    expect(area?.notes[0]?.anchor).toBe("bk-note-1");
    const seen: string[] = [];
    const writerModule = require("pdfmake/js/ElementWriter.js") as {
      default: {
        prototype: { addLine(this: unknown, line: unknown, ...rest: unknown[]): unknown };
      };
    };
    const addLine = writerModule.default.prototype.addLine;
    // Spy on the (wrapped) method for one render, then put it back.
    writerModule.default.prototype.addLine = function (line: unknown, ...rest: unknown[]) {
      for (const i of (line as { inlines: Array<{ linkToDestination?: string }> }).inlines)
        if (i.linkToDestination !== undefined && i.linkToDestination !== null)
          seen.push(i.linkToDestination);
      return addLine.call(this, line, ...rest);
    };
    try {
      pdfmake.setFonts(fontDictionary(theme));
      pdfmake.setUrlAccessPolicy(refuseUrl);
      pdfmake.setLocalAccessPolicy(localPolicy(files));
      await pdfmake
        .createPdf({
          defaultStyle: { font: "Source Serif 4" },
          content: [
            {
              text: [{ text: "Claim." }, { text: "1", sup: true, linkToDestination: "bk-note-1" }],
            },
          ],
        })
        .getBuffer();
    } finally {
      writerModule.default.prototype.addLine = addLine;
    }
    expect(seen).toEqual(["bk-note-1"]);
  });

  it("leave pdfmake's other documents alone, before and after a render with footnotes", async () => {
    const definition = (): TDocumentDefinitions => ({
      info: { title: "Alone", creationDate: new Date(0), modDate: new Date(0) },
      defaultStyle: { font: "Source Serif 4", fontSize: 10 },
      content: [
        {
          text: [{ text: "A reference" }, { text: "1", sup: true, linkToDestination: "bk-note-1" }],
        },
        { text: "1.", id: "bk-note-1" },
      ],
    });
    const render = async () => {
      pdfmake.setFonts(fontDictionary(theme));
      pdfmake.setUrlAccessPolicy(refuseUrl);
      pdfmake.setLocalAccessPolicy(localPolicy(files));
      const bytes = await pdfmake.createPdf(definition()).getBuffer();
      return createHash("sha256").update(bytes).digest("hex");
    };
    const before = await render();
    const area: FootnoteArea = {
      notes: [{ number: 1, anchor: "bk-note-1", node: { text: "A note." } }],
      width: 400,
      rule: { length: 100, lineWidth: 0.5, color: "#000000" },
      above: 10,
      below: 5,
      between: 3,
      maxShare: 0.75,
    };
    const noted = await withFootnotes(area, render);
    expect(noted).not.toBe(before);
    expect(await render()).toBe(before);
    // The wraps keep the shape the install checks (a second copy of the module checks them again).
    expect(() => pdfmakeClasses(require)).not.toThrow();
  });
});
