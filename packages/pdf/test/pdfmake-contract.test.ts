/**
 * What this writer relies on inside pdfmake and pdfkit: the pinned version;
 * for src/shared-fonts.ts, `PDFDocument#provideFont` and `getFontFile` with
 * their signatures, the pdfkit font provideFont returns (its `font`, `subset`
 * and `layoutCache`, and how pdfkit fills the word cache), one fontkit per
 * process, and the same PDF bytes with shared faces as without; for
 * src/footnotes.ts, the layout methods it wraps, how pdfmake fits a line on
 * a page, and that documents rendered outside `withFootnotes` are untouched;
 * for src/typesetting.ts, `ElementWriter#alignLine` and
 * `LayoutBuilder#buildNextLine` with their signatures, pdfmake's own
 * justification (every piece of a line moved apart, which the wrap replaces)
 * and its line breaker gluing two runs where their joined text has no break;
 * for src/tagging.ts, the layout and renderer methods it wraps, pdfkit's
 * structure API, wraps that act only inside its renders, and pdfkit's
 * unescaped XMP.
 *
 * If a pdfmake upgrade fails here, read those modules before changing
 * either: these are the assumptions that make the wraps safe.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildDocument, footnote, houseTheme, loadFace, noteRef, para } from "@briefkit/document";
import pdfmake from "pdfmake";
import type { TDocumentDefinitions } from "pdfmake/interfaces.js";
import { afterAll, describe, expect, it } from "vitest";
import type { FootnoteArea } from "../src/definition.js";
import { fontDictionary, themeFontFiles } from "../src/fonts.js";
import { pdfmakeClasses, withFootnotes } from "../src/footnotes.js";
import { toDocDefinition } from "../src/index.js";
import { keepClasses } from "../src/keep-with-next.js";
import { localPolicy, refuseUrl } from "../src/policy.js";
import { breakerOf, stylePropertyOf } from "../src/scripts.js";
import { fontHostOf, PdfmakeContractError, withSharedFonts } from "../src/shared-fonts.js";
import { checkDocument, PDFMAKE_METHODS, prototypeOf, withTagging } from "../src/tagging.js";
import { alignerOf, lineBuilderOf, withTypesetting } from "../src/typesetting.js";
import { boxLines } from "./helpers.js";

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

describe("ElementWriter#alignLine and LayoutBuilder#buildNextLine", () => {
  it("are methods of one argument (a line; a text node)", () => {
    expect(() => alignerOf(require("pdfmake/js/ElementWriter.js"))).not.toThrow();
    expect(() => lineBuilderOf(require("pdfmake/js/LayoutBuilder.js"))).not.toThrow();
  });

  it("fail loudly when they are missing or have another shape", () => {
    expect(() => alignerOf({})).toThrow(PdfmakeContractError);
    expect(() => alignerOf({ default: class {} })).toThrow(/ElementWriter#alignLine/);
    class NoArgument {
      buildNextLine() {}
    }
    expect(() => lineBuilderOf({ default: NoArgument })).toThrow(/LayoutBuilder#buildNextLine/);
    expect(() => lineBuilderOf({ default: NoArgument })).toThrow(/typesetting\.ts/);
  });
});

/** pdfmake's line breaker, and the style stack it reads `noWrap` from. */
const { default: TextBreaker } = require("pdfmake/js/TextBreaker.js") as {
  default: new () => {
    getBreaks(texts: object[], styles: object): Array<{ text: string; noNewLine?: boolean }>;
  };
};
const { default: StyleContextStack } = require("pdfmake/js/StyleContextStack.js") as {
  default: new (dictionary: object, defaults: object) => object;
};

describe("pdfmake's line breaker across runs", () => {
  /** Each piece, and whether pdfmake keeps it on the line of the next. */
  const breaks = (...runs: object[]) =>
    new TextBreaker()
      .getBreaks(runs, new StyleContextStack({}, {}))
      .map((b) => [b.text, b.noNewLine === true]);

  it("glues a run to the next where their joined text has no break opportunity", () => {
    expect(breaks({ text: "ranks 11" }, { text: "th, and" })).toEqual([
      ["ranks ", false],
      ["11", true],
      ["th, ", false],
      ["and", false],
    ]);
    expect(breaks({ text: "US$8.8 billion", noWrap: true }, { text: "; then" })).toEqual([
      ["US$8.8 billion", true],
      ["; ", false],
      ["then", false],
    ]);
    expect(breaks({ text: "trade (" }, { text: "US$377 million", noWrap: true })).toEqual([
      ["trade ", false],
      ["(", true],
      ["US$377 million", false],
    ]);
  });

  it("lets a line break where the source has a space or a hyphen", () => {
    expect(breaks({ text: "ranks " }, { text: "11" })).toEqual([
      ["ranks ", false],
      ["11", false],
    ]);
    expect(breaks({ text: "expert-" }, { text: "level" })).toEqual([
      ["expert-", false],
      ["level", false],
    ]);
  });
});

describe("TextBreaker#getBreaks and StyleContextStack.getStyleProperty (scripts.ts)", () => {
  it("are a method of (texts, styleContextStack) and a function of (item, stack, property, default)", () => {
    expect(() => breakerOf(require("pdfmake/js/TextBreaker.js"))).not.toThrow();
    const style = stylePropertyOf(require("pdfmake/js/StyleContextStack.js"));
    const stack = new StyleContextStack(
      { h: { font: "Source Sans 3" } },
      { font: "Source Serif 4" },
    );
    expect(style({}, stack, "font", null)).toBe("Source Serif 4");
    expect(style({ style: "h" }, stack, "font", null)).toBe("Source Sans 3");
  });

  it("fail loudly when they are missing or have another shape", () => {
    expect(() => breakerOf({})).toThrow(PdfmakeContractError);
    class NoArgument {
      getBreaks() {}
    }
    expect(() => breakerOf({ default: NoArgument })).toThrow(/TextBreaker#getBreaks/);
    expect(() => stylePropertyOf({ default: class {} })).toThrow(/scripts\.ts/);
  });
});

describe("pdfmake's line breaker in Japanese (UAX #14)", () => {
  const breaks = (...runs: object[]) =>
    new TextBreaker()
      .getBreaks(runs, new StyleContextStack({}, {}))
      .map((b) => [b.text, b.noNewLine === true]);

  it("breaks between ideographs and kana, not before 」、。 nor after 「 inside one run", () => {
    expect(breaks({ text: "日本の「対外」は、重視。" }).map(([t]) => t)).toEqual([
      "日",
      "本",
      "の",
      "「対",
      "外」",
      "は、",
      "重",
      "視。",
    ]);
  });

  it("keeps the same rules across runs (a closing bracket glued to the run before)", () => {
    expect(breaks({ text: "政策" }, { text: "」は" })).toEqual([
      ["政", false],
      ["策", true],
      ["」", false],
      ["は", false],
    ]);
    expect(breaks({ text: "は「" }, { text: "対外" })).toEqual([
      ["は", false],
      ["「", true],
      ["対", false],
      ["外", false],
    ]);
  });

  it("allows a break before a fullwidth tilde (JIS forbids it at a line's start: scripts.ts adds it)", () => {
    expect(breaks({ text: "1998～2005年" }).map(([t]) => t)).toEqual(["1998", "～", "2005", "年"]);
  });
});

describe("pdfmake's justification, and withTypesetting's", () => {
  const dir = mkdtempSync(join(tmpdir(), "briefkit-pdf-contract-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const words = "An expert-level, policy-oriented review of 1992–2001 ranked it 11th; ";

  /** The words pdftotext reads inside the lines (not at their ends) of a justified paragraph. */
  async function inside(name: string, render: (def: TDocumentDefinitions) => Promise<Buffer>) {
    pdfmake.setFonts(fontDictionary(theme));
    pdfmake.setUrlAccessPolicy(refuseUrl);
    pdfmake.setLocalAccessPolicy(localPolicy(files));
    const bytes = await render({
      info: { title: "Justified", creationDate: new Date(0), modDate: new Date(0) },
      defaultStyle: { font: "Source Serif 4", fontSize: 10 },
      content: [{ text: words.repeat(12), alignment: "justify" }],
    });
    const file = join(dir, `${name}.pdf`);
    writeFileSync(file, bytes);
    return boxLines(file).lines.flatMap((line) => line.slice(0, -1).map((w) => w.text));
  }

  it("pdfmake alone moves every piece of a justified line apart", async () => {
    const alone = await inside("alone", (def) => pdfmake.createPdf(def).getBuffer());
    expect(alone.filter((w) => w === "expert-" || w === "1992–").length).toBeGreaterThan(3);
  });

  it("withTypesetting opens a justified line at its spaces only", async () => {
    const set = await inside("set", (def) =>
      withTypesetting(() => pdfmake.createPdf(def).getBuffer()),
    );
    expect(set.filter((w) => w === "expert-level,").length).toBeGreaterThan(3);
    expect(set).not.toContain("expert-");
    expect(set).not.toContain("1992–");
  });
});

describe("what the tagging relies on (src/tagging.ts)", () => {
  const layoutModule = (name: string) => require(`pdfmake/js/${name}.js`) as unknown;

  it("finds LayoutBuilder, ElementWriter, PageElementWriter and Renderer with the methods it wraps", () => {
    for (const [name, methods] of Object.entries(PDFMAKE_METHODS)) {
      expect(() => prototypeOf(layoutModule(name), name, methods), name).not.toThrow();
    }
  });

  it("fails loudly when a class or a method is missing or takes fewer parameters", () => {
    expect(() => prototypeOf({}, "Renderer", PDFMAKE_METHODS.Renderer)).toThrow(
      PdfmakeContractError,
    );
    class OneLess {
      addLine(_line: unknown, _dontUpdate: unknown) {}
    }
    expect(() => prototypeOf({ default: OneLess }, "ElementWriter", { addLine: 3 })).toThrow(
      /ElementWriter#addLine is not a method of 3 parameters/,
    );
    expect(() => prototypeOf({ default: class {} }, "Renderer", { renderPages: 1 })).toThrow(
      /Renderer#renderPages/,
    );
  });

  it("finds pdfkit's structure API on pdfmake's document, and fails loudly without it", () => {
    expect(() => checkDocument(openDocument())).not.toThrow();
    expect(() => checkDocument({ struct() {} })).toThrow(
      /pdfkit's PDFDocument has no addStructure/,
    );
  });

  it("leaves pdfmake's other documents untagged, after tagged renders in the same process", async () => {
    const render = () => {
      pdfmake.setFonts(fontDictionary(theme));
      pdfmake.setUrlAccessPolicy(refuseUrl);
      pdfmake.setLocalAccessPolicy(localPolicy(files));
      return pdfmake
        .createPdf({
          info: { title: "Untagged", creationDate: new Date(0), modDate: new Date(0) },
          compress: false,
          defaultStyle: { font: "Source Serif 4" },
          content: [{ text: "Plain", tag: "P" } as never],
        })
        .getBuffer();
    };
    const inside = Buffer.from(await withTagging(() => render())).toString("latin1");
    const outside = Buffer.from(await render()).toString("latin1");
    // tagged: false in the definition: the wraps mark content, but pdfkit keeps no tree.
    expect(inside).toContain("/MCID 0");
    expect(outside).not.toContain("/MCID");
    expect(outside).not.toContain("/StructTreeRoot");
  });

  it("pdfkit writes the Info strings into the XMP as they are (tagging.ts escapes them)", async () => {
    pdfmake.setFonts(fontDictionary(theme));
    pdfmake.setUrlAccessPolicy(refuseUrl);
    pdfmake.setLocalAccessPolicy(localPolicy(files));
    const bytes = await pdfmake
      .createPdf({
        version: "1.7",
        info: { title: "R&D <in> Japan", creationDate: new Date(0), modDate: new Date(0) },
        defaultStyle: { font: "Source Serif 4" },
        content: [{ text: "Plain" }],
      } as TDocumentDefinitions)
      .getBuffer();
    expect(Buffer.from(bytes).toString("utf8")).toContain(
      '<rdf:li xml:lang="x-default">R&D <in> Japan</rdf:li>',
    );
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

describe("the layout internals src/keep-with-next.ts relies on", () => {
  it("are LayoutBuilder#processNode, PageElementWriter and DocumentContext of the expected shape", () => {
    expect(() => keepClasses(require)).not.toThrow();
  });

  it("fail loudly when a class or method is missing or has another shape", () => {
    const real = (name: string) => require(`pdfmake/js/${name}.js`) as { default: unknown };
    const without = (skip: string, replace?: unknown) => (module: string) =>
      module.endsWith(`/${skip}.js`) ? replace : real(module.replace(/^pdfmake\/js\/|\.js$/g, ""));
    expect(() => keepClasses(without("LayoutBuilder", {}))).toThrow(PdfmakeContractError);
    class Builder {
      processNode() {}
    }
    expect(() => keepClasses(without("LayoutBuilder", { default: Builder }))).toThrow(
      /LayoutBuilder#processNode is not a method of 1 parameter\(s\).*keep-with-next\.ts/s,
    );
    class Context {
      addPage(_size: unknown) {}
    }
    expect(() => keepClasses(without("DocumentContext", { default: Context }))).toThrow(
      /DocumentContext#moveToNextPage/,
    );
  });

  it("lay a scratch page out in a context of its own: a page break goes through that context's moveToNextPage", () => {
    const { PageElementWriter, DocumentContext } = keepClasses(require);
    const context = new DocumentContext();
    context.addPage({ width: 200, height: 300 }, { left: 10, top: 20, right: 10, bottom: 30 });
    expect(context.pages[0]?.items).toEqual([]);
    const end = new Error("end of the scratch page");
    context.moveToNextPage = () => {
      throw end;
    };
    const writer = new PageElementWriter(context) as unknown as { moveToNextPage(): void };
    expect(() => writer.moveToNextPage()).toThrow(end);
    expect(context.pages.length).toBe(1);
  });

  it("keeps a heading with what follows only inside withTypesetting: pdfmake alone leaves it at the foot", async () => {
    const dir = mkdtempSync(join(tmpdir(), "briefkit-pdf-keep-contract-"));
    try {
      const pageOfHeading = async (
        name: string,
        render: (d: TDocumentDefinitions) => Promise<Buffer>,
      ) => {
        pdfmake.setFonts(fontDictionary(theme));
        pdfmake.setUrlAccessPolicy(refuseUrl);
        pdfmake.setLocalAccessPolicy(localPolicy(files));
        const bytes = await render({
          info: { title: "Keep", creationDate: new Date(0), modDate: new Date(0) },
          pageSize: { width: 300, height: 200 },
          pageMargins: 20,
          defaultStyle: { font: "Source Serif 4", fontSize: 10 },
          content: [
            // 140 pt of the 160 pt text area: room for the heading, none for a line after it.
            { canvas: [{ type: "rect", x: 0, y: 0, w: 10, h: 140 }] },
            { text: "Heading", fontSize: 12, headlineLevel: 1 },
            { text: "after one after two after three" },
          ],
        } as TDocumentDefinitions);
        const file = join(dir, `${name}.pdf`);
        writeFileSync(file, bytes);
        return boxLines(file).lines.find((l) => l[0]?.text === "Heading")?.[0]?.page;
      };
      expect(await pageOfHeading("alone", (d) => pdfmake.createPdf(d).getBuffer())).toBe(1);
      expect(
        await pageOfHeading("kept", (d) => withTypesetting(() => pdfmake.createPdf(d).getBuffer())),
      ).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
