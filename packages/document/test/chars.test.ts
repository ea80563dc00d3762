import { describe, expect, it } from "vitest";
import {
  isForbiddenCodePoint,
  isInvisibleFormatChar,
  REPLACEMENT_CHARACTER,
  replaceForbidden,
} from "../src/index.js";

describe("replaceForbidden", () => {
  it("replaces controls, lone surrogates and noncharacters by U+FFFD and lists them", () => {
    const input = "a\u0007b\u0085c\uD800d\uFDD0e\uFFFEf\u{1FFFF}g";
    const { text, replaced } = replaceForbidden(input);
    expect(text).toBe("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFDg");
    expect(replaced).toEqual(["\u0007", "\u0085", "\uD800", "\uFDD0", "\uFFFE", "\u{1FFFF}"]);
  });

  it("keeps white space, paired surrogates, private use and U+FFFD itself", () => {
    const input = "tab\tLF\nCR\r Россия 日本 😀 \uE000 \uFFFD \u{10FFFD}";
    expect(replaceForbidden(input)).toEqual({ text: input, replaced: [] });
  });

  it("agrees with isForbiddenCodePoint on every code point", () => {
    const disagree: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp += 1) {
      const ch = String.fromCodePoint(cp);
      const replaced = replaceForbidden(ch).replaced.length === 1;
      if (replaced !== isForbiddenCodePoint(cp)) disagree.push(`U+${cp.toString(16)}`);
    }
    expect(disagree).toEqual([]);
    expect(replaceForbidden("\u0001").text).toBe(REPLACEMENT_CHARACTER);
  });
});

describe("isInvisibleFormatChar", () => {
  it("is true for soft hyphens, zero-width characters, variation selectors and the BOM", () => {
    for (const cp of [0xad, 0x034f, 0x200b, 0x200d, 0x2060, 0xfe0f, 0xfeff, 0xe0100]) {
      expect(isInvisibleFormatChar(cp), cp.toString(16)).toBe(true);
    }
  });
  it("is false for anything a reader sees, spaces included", () => {
    for (const cp of [0x20, 0x41, 0xa0, 0x2011, 0x3000, 0x65e5, 0xfffd]) {
      expect(isInvisibleFormatChar(cp), cp.toString(16)).toBe(false);
    }
  });
});
