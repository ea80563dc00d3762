/**
 * What this writer relies on inside pdfmake and pdfkit (src/shared-fonts.ts):
 * the pinned version, `PDFDocument#provideFont` and `getFontFile` with their
 * signatures, the pdfkit font provideFont returns (its `font`, `subset` and
 * `layoutCache`, and how pdfkit fills the word cache), one fontkit per
 * process, and the same PDF bytes with shared faces as without.
 *
 * And for src/typesetting.ts: `ElementWriter#alignLine` and
 * `LayoutBuilder#buildNextLine` with their signatures, pdfmake's own
 * justification (every piece of a line moved apart, which the wrap replaces)
 * and its line breaker gluing two runs where their joined text has no break.
 *
 * If a pdfmake upgrade fails here, read those modules before changing
 * either: these are the assumptions that make the wraps safe.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { houseTheme, loadFace } from "@briefkit/document";
import pdfmake from "pdfmake";
import type { TDocumentDefinitions } from "pdfmake/interfaces.js";
import { afterAll, describe, expect, it } from "vitest";
import { fontDictionary, themeFontFiles } from "../src/fonts.js";
import { localPolicy, refuseUrl } from "../src/policy.js";
import { breakerOf, stylePropertyOf } from "../src/scripts.js";
import { fontHostOf, PdfmakeContractError, withSharedFonts } from "../src/shared-fonts.js";
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
