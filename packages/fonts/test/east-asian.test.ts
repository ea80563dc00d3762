/** The Japanese fallbacks of the house families: files, names, what they cover, and subsets of them. */
import { describe, expect, it } from "vitest";
import { coverage, eastAsianFamily, houseFamily, loadFace, subsetTtf } from "../src/index.js";

const serif = eastAsianFamily("serif");
const sans = eastAsianFamily("sans");
const cp = (s: string) => [...s].map((c) => c.codePointAt(0) ?? 0);

describe("East Asian families", () => {
  it("are Noto Serif JP and Noto Sans JP from npm, regular and bold, upright for italic", () => {
    expect([serif.name, sans.name]).toEqual(["Noto Serif JP", "Noto Sans JP"]);
    for (const [family, pkg] of [
      [serif, "noto-serif-jp"],
      [sans, "noto-sans-jp"],
    ] as const) {
      expect(family.regular).toMatch(new RegExp(`@expo-google-fonts/${pkg}/400Regular/.*\\.ttf$`));
      expect(family.bold).toMatch(new RegExp(`@expo-google-fonts/${pkg}/700Bold/.*\\.ttf$`));
      expect(family.italic).toBe(family.regular);
      expect(family.boldItalic).toBe(family.bold);
      expect(loadFace(family.regular).font.postscriptName).toMatch(/^NotoS(erif|ans)JP-Regular$/);
    }
  });

  it("cover the kana, kanji and ideographic punctuation the house fonts lack", () => {
    const japanese = cp("日露貿易は「潜在力」を、ちょっと・ロシアー。（）");
    const house = coverage(houseFamily("serif").regular);
    expect(japanese.filter((c) => house.has(c))).toEqual([]);
    for (const family of [serif, sans]) {
      const chars = coverage(family.regular);
      expect(japanese.filter((c) => !chars.has(c))).toEqual([]);
    }
  });

  it("subset to a few characters in a few kilobytes (of 7.5 MB and 15,000+ characters)", () => {
    const bytes = subsetTtf(serif.regular, cp("日本語"));
    expect(bytes.byteLength).toBeLessThan(20_000);
    expect(loadFace(serif.regular).characters.size).toBeGreaterThan(15_000);
  });
});
