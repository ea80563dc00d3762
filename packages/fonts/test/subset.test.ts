/** Font subsetting and WOFF wrapping, checked on the house fonts' real TTFs. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { coverage, houseFontFile, loadFace, subsetTtf, toWoff } from "../src/index.js";

const serif = houseFontFile("serif", "400Regular");
const cps = (s: string) =>
  [...new Set([...s].map((c) => c.codePointAt(0) ?? 0))].sort((a, b) => a - b);

describe("subsets", () => {
  it("subsets to a small TrueType font that keeps the requested characters", () => {
    const full = readFileSync(serif).byteLength;
    const ttf = subsetTtf(serif, cps("Russia and Japan 2005 – “—”"));
    expect(ttf.byteLength).toBeLessThan(full / 10);
    const view = new DataView(ttf.buffer, ttf.byteOffset);
    expect(view.getUint32(0)).toBe(0x00010000); // TrueType outlines
    expect(coverage(serif).has(0x2014)).toBe(true);
  });

  it("keeps exactly the requested characters' glyphs, with the full font's widths", () => {
    const asked = cps("Russia and Japan 2005 – “—”");
    const dir = mkdtempSync(join(tmpdir(), "briefkit-subset-"));
    try {
      const file = join(dir, "subset.ttf");
      writeFileSync(file, subsetTtf(serif, asked));
      const subset = loadFace(file);
      expect([...subset.characters].sort((a, b) => a - b)).toEqual(asked);
      const full = loadFace(serif);
      for (const cp of asked) expect(subset.advance(cp), String(cp)).toBe(full.advance(cp));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("wraps it as WOFF 1.0 with a consistent table directory", () => {
    const ttf = subsetTtf(serif, cps("Hello, world 0123456789"));
    const woff = toWoff(ttf);
    const v = new DataView(woff.buffer, woff.byteOffset, woff.byteLength);
    expect(v.getUint32(0)).toBe(0x774f4646); // wOFF
    expect(v.getUint32(4)).toBe(0x00010000);
    expect(v.getUint32(8)).toBe(woff.byteLength);
    const tables = v.getUint16(12);
    expect(tables).toBe(new DataView(ttf.buffer, ttf.byteOffset).getUint16(4));
    let sfntSize = 12 + 16 * tables;
    for (let i = 0; i < tables; i += 1) {
      const rec = 44 + 20 * i;
      const offset = v.getUint32(rec + 4);
      const comp = v.getUint32(rec + 8);
      const orig = v.getUint32(rec + 12);
      expect(offset % 4).toBe(0);
      expect(offset + comp).toBeLessThanOrEqual(woff.byteLength);
      expect(comp).toBeLessThanOrEqual(orig);
      sfntSize += (orig + 3) & ~3;
    }
    expect(v.getUint32(16)).toBe(sfntSize);
    expect(woff.byteLength).toBeLessThan(ttf.byteLength);
  });

  it("is deterministic", () => {
    const a = toWoff(subsetTtf(serif, cps("abc")));
    const b = toWoff(subsetTtf(serif, cps("abc")));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});
