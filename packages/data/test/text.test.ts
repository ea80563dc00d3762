/** Decoding: strict UTF-8 with or without BOM, and where a bad byte is. */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { decodeUtf8, firstInvalidUtf8, lineIndex } from "../src/text.js";

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(
    parts.flatMap((p) => (typeof p === "string" ? [...new TextEncoder().encode(p)] : p)),
  );

describe("decodeUtf8", () => {
  test("drops a BOM", () => {
    expect(decodeUtf8(bytes([0xef, 0xbb, 0xbf], "a,b"))).toEqual({ ok: true, text: "a,b" });
  });

  test("finds the first invalid byte by line and column, counting characters", () => {
    const r = decodeUtf8(bytes("year,name\r\n1998,Щука ", [0xe9], "t\n"));
    expect(r).toEqual({ ok: false, at: { line: 2, column: 11 }, byte: 0xe9, encoding: "other" });
  });

  test("a BOM does not shift the column", () => {
    const r = decodeUtf8(bytes([0xef, 0xbb, 0xbf], "ab", [0x80]));
    expect(r).toMatchObject({ ok: false, at: { line: 1, column: 3 }, byte: 0x80 });
  });

  test("UTF-16 is named as such", () => {
    expect(decodeUtf8(bytes([0xff, 0xfe], "a"))).toMatchObject({ ok: false, encoding: "utf-16" });
  });

  test.each([
    ["overlong", [0xc0, 0xaf]],
    ["surrogate", [0xed, 0xa0, 0x80]],
    ["truncated", [0xe2, 0x82]],
    ["above U+10FFFF", [0xf4, 0x90, 0x80, 0x80]],
  ])("rejects %s sequences", (_, seq) => {
    expect(firstInvalidUtf8(bytes("ok", seq))).toBe(2);
  });

  test("agrees with the platform decoder on arbitrary bytes", () => {
    const strict = new TextDecoder("utf-8", { fatal: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        let valid = true;
        try {
          strict.decode(b);
        } catch {
          valid = false;
        }
        expect(firstInvalidUtf8(b) === b.length).toBe(valid);
        if (!valid) {
          // The prefix before the reported byte is valid UTF-8.
          expect(() => strict.decode(b.subarray(0, firstInvalidUtf8(b)))).not.toThrow();
        }
      }),
    );
  });
});

test("lineIndex maps offsets to 1-based positions", () => {
  const at = lineIndex("ab\r\ncd\n\nef");
  expect(at(0)).toEqual({ line: 1, column: 1 });
  expect(at(4)).toEqual({ line: 2, column: 1 });
  expect(at(5)).toEqual({ line: 2, column: 2 });
  expect(at(7)).toEqual({ line: 3, column: 1 });
  expect(at(9)).toEqual({ line: 4, column: 2 });
});
