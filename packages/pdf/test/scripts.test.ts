/**
 * Japanese in the PDF (src/scripts.ts): script runs set in the East Asian
 * fallback, kinsoku between pdfmake's words, chart text in the fallback.
 */
import { createRequire } from "node:module";
import { houseTheme } from "@briefkit/document";
import { describe, expect, it } from "vitest";
import {
  applyKinsoku,
  breakForbidden,
  scriptFallbacks,
  splitByScript,
  svgWithFallbackFonts,
  withScripts,
} from "../src/scripts.js";

const theme = houseTheme();
const fallbacks = scriptFallbacks(theme);
const serif = fallbacks.get("Source Serif 4")!;

describe("scriptFallbacks", () => {
  it("puts Noto Serif JP behind Source Serif 4 and Noto Sans JP behind Source Sans 3", () => {
    expect(serif.font).toBe("Noto Serif JP");
    expect(fallbacks.get("Source Sans 3")?.font).toBe("Noto Sans JP");
    expect(serif.own.has("日".codePointAt(0)!)).toBe(false);
    expect(serif.chars.has("日".codePointAt(0)!)).toBe(true);
  });

  it("is empty for a theme without East Asian families", () => {
    const { eastAsian: _none, ...fonts } = theme.fonts;
    expect(scriptFallbacks({ ...theme, fonts }).size).toBe(0);
  });
});

describe("splitByScript", () => {
  it("cuts where the characters change from the family's to the fallback's, spaces staying with the run before", () => {
    expect(splitByScript("貿易額は2004年に US$8.8 billion。", serif)).toEqual([
      { text: "貿易額は", fallback: true },
      { text: "2004", fallback: false },
      { text: "年に ", fallback: true },
      { text: "US$8.8 billion", fallback: false },
      { text: "。", fallback: true },
    ]);
  });

  it("keeps in the family what it has, even when the fallback has it too", () => {
    expect(splitByScript("Россия – “trade”", serif)).toEqual([
      { text: "Россия – “trade”", fallback: false },
    ]);
  });

  it("leaves a character neither has in the family's run (the cleaner reports it)", () => {
    expect(splitByScript("ไทย", serif)).toEqual([{ text: "ไทย", fallback: false }]);
  });
});

describe("breakForbidden (JIS X 4051 kinsoku)", () => {
  it("forbids a line starting with a closing bracket, 、。, ー, ・, a small kana, ～", () => {
    for (const c of ["」", "）", "、", "。", "ー", "・", "っ", "ゃ", "～", "！", "？"])
      expect(breakForbidden("政策", `${c}は`), c).toBe(true);
  });

  it("forbids a line ending with an opening bracket", () => {
    for (const c of ["「", "（", "『", "〔", "［", "《"])
      expect(breakForbidden(`は${c}`, "対"), c).toBe(true);
  });

  it("allows a break between two ideographs and at a space", () => {
    expect(breakForbidden("日", "本")).toBe(false);
    expect(breakForbidden("word ", "– word")).toBe(false);
    expect(breakForbidden("Shell ", "」")).toBe(false);
  });
});

type Word = Parameters<typeof applyKinsoku>[0][number];

describe("applyKinsoku", () => {
  it("keeps a word on the line of the one before where kinsoku forbids the break, and nowhere else", () => {
    const words: Word[] = [{ text: "1998" }, { text: "～" }, { text: "2005" }, { text: "年" }];
    applyKinsoku(words);
    expect(words.map((w) => w.noNewLine === true)).toEqual([true, false, false, false]);
  });

  it("never glues across a forced line end", () => {
    const words: Word[] = [{ text: "日本", lineEnd: true }, { text: "」" }];
    applyKinsoku(words);
    expect(words[0]?.noNewLine).toBeUndefined();
  });
});

describe("withScripts, around pdfmake's TextBreaker", () => {
  const require = createRequire(import.meta.url);
  const { default: TextBreaker } = require("pdfmake/js/TextBreaker.js") as {
    default: new () => {
      getBreaks(texts: unknown, styles: object): Array<Record<string, unknown>>;
    };
  };
  const { default: StyleContextStack } = require("pdfmake/js/StyleContextStack.js") as {
    default: new (dictionary: object, defaults: object) => object;
  };
  const stack = new StyleContextStack({ h: { font: "Source Sans 3" } }, { font: "Source Serif 4" });
  const breaks = (texts: unknown) =>
    withScripts(fallbacks, async () => new TextBreaker().getBreaks(texts, stack));

  it("sets the Japanese runs in the fallback of the font the styles give", async () => {
    const words = await breaks([{ text: "日本 GDP" }, { text: "見出し", style: "h" }]);
    expect(words.map((w) => [w.text, w.font])).toEqual([
      ["日", "Noto Serif JP"],
      ["本 ", "Noto Serif JP"],
      ["GDP", undefined],
      ["見", "Noto Sans JP"],
      ["出", "Noto Sans JP"],
      ["し", "Noto Sans JP"],
    ]);
  });

  it("keeps a number cut into runs on one line, and adds kinsoku's breaks", async () => {
    const words = await breaks(["額は", { text: "88億ドル", noWrap: true }, "、1998～2005年"]);
    const glued = words.map((w) => [w.text, w.noNewLine === true]);
    expect(glued).toContainEqual(["88", true]);
    expect(glued).toContainEqual(["億ドル", true]);
    expect(glued).toContainEqual(["1998", true]);
    expect(words.every((w) => !("_briefkitKeepWithNext" in w))).toBe(true);
  });

  it("leaves pdfmake's other documents alone", () => {
    const words = new TextBreaker().getBreaks([{ text: "日本" }], stack);
    expect(words.map((w) => w.font)).toEqual([undefined, undefined]);
  });
});

describe("svgWithFallbackFonts", () => {
  it("sets a text element with Japanese in the fallback family, and leaves the others", () => {
    const sans = fallbacks.get("Source Sans 3")!;
    const svg =
      '<svg><text font-family="Source Sans 3" x="1">1998年</text><text font-family="Source Sans 3">2004</text></svg>';
    expect(svgWithFallbackFonts(svg, sans)).toBe(
      '<svg><text font-family="Noto Sans JP" x="1">1998年</text><text font-family="Source Sans 3">2004</text></svg>',
    );
  });
});
