import type { WriterWarning } from "@briefkit/document";
import { houseTheme } from "@briefkit/document";
import { describe, expect, it } from "vitest";
import { normaliseFontStyles, svgText } from "../src/svg.js";
import { makeCleaner } from "../src/text.js";

const theme = houseTheme();
const serif = { family: theme.fonts.body, bold: false, italic: false };
const sans = { family: theme.fonts.heading, bold: true, italic: false };

function cleaner() {
  const warnings: WriterWarning[] = [];
  const c = makeCleaner((w) => warnings.push(w));
  return { ...c, warnings };
}

describe("text cleaning against the fonts' cmaps", () => {
  it("keeps Latin, Cyrillic, Greek, dashes and quotes untouched, without warnings", () => {
    const { clean, flush, warnings } = cleaner();
    const s = "Россия и Япония — Ελλάδα “x” ‘y’ 8–10 €";
    expect(clean(s, "p", serif)).toBe(s);
    expect(clean(s, "p", sans)).toBe(s);
    flush();
    expect(warnings).toEqual([]);
  });

  it("turns tabs and newlines into spaces silently", () => {
    const { clean, flush, warnings } = cleaner();
    expect(clean("a\tb\nc\r", "p", serif)).toBe("a b c ");
    flush();
    expect(warnings).toEqual([]);
  });

  it("drops invisible format characters the font lacks, reporting them", () => {
    const { clean, flush, warnings } = cleaner();
    expect(clean("a\u2060b\ufe0f", "p", serif)).toBe("ab");
    flush();
    expect(warnings.map((w) => w.code)).toEqual(["char-replaced"]);
  });

  it("groups warnings per path and code", () => {
    const { clean, flush, warnings } = cleaner();
    clean("日", "a", serif);
    clean("本", "a", serif);
    clean("\ud800", "b", serif);
    flush();
    expect(warnings.map((w) => [w.code, w.path])).toEqual([
      ["char-replaced", "b"],
      ["glyph-missing", "a"],
    ]);
    expect(warnings[1]?.message).toContain("日本");
    flush();
    expect(warnings).toHaveLength(2);
  });

  it("scrubs Info strings without a glyph check", () => {
    const { scrub, flush, warnings } = cleaner();
    expect(scrub("日本\u0000", "meta.keywords")).toBe("日本\uFFFD");
    flush();
    expect(warnings.map((w) => w.code)).toEqual(["char-replaced"]);
  });
});

describe("svgText", () => {
  it("collects the text of text elements, entities decoded", () => {
    expect(
      svgText(`<svg><text x="1">A &amp; B</text><g><tspan>&#x65E5;</tspan></g><rect/></svg>`),
    ).toBe("A & B 日");
    expect(svgText(`<svg><text>&#x110000;</text></svg>`)).toBe("&#x110000;");
  });
});

describe("normaliseFontStyles", () => {
  it("maps weights as CSS does with a regular and a bold face, and oblique to italic", () => {
    expect(
      normaliseFontStyles(
        `<text font-weight="600">a</text><text font-weight='400'>b</text><text font-weight="bold">c</text><text style="font-weight: 700; fill: red">d</text><text font-style="oblique 10deg">e</text>`,
      ),
    ).toBe(
      `<text font-weight="bold">a</text><text font-weight='normal'>b</text><text font-weight="bold">c</text><text style="font-weight: bold; fill: red">d</text><text font-style="italic">e</text>`,
    );
  });
});
