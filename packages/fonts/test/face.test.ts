/** The house fonts, parsed: files, character maps, widths and bad files, on the real TTFs. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  advanceWidth,
  coverage,
  covers,
  FontFileError,
  faceFile,
  fontFile,
  houseFamily,
  houseFontFile,
  loadFace,
  subsetTtf,
} from "../src/index.js";

const serif = houseFamily("serif");
const sans = houseFamily("sans");

function inScratch(run: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), "briefkit-fonts-"));
  try {
    run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("house fonts", () => {
  it("are Source Serif 4 and Source Sans 3 from npm, never a system font", () => {
    expect(serif.name).toBe("Source Serif 4");
    expect(sans.name).toBe("Source Sans 3");
    for (const [family, pkg] of [
      [serif, "source-serif-4"],
      [sans, "source-sans-3"],
    ] as const) {
      for (const file of [family.regular, family.bold, family.italic, family.boldItalic]) {
        expect(file).toMatch(new RegExp(`node_modules/.*@expo-google-fonts/${pkg}/.*\\.ttf$`));
      }
    }
  });

  it("name the face each file holds", () => {
    const names = [
      loadFace(serif.regular),
      loadFace(serif.bold),
      loadFace(serif.italic),
      loadFace(serif.boldItalic),
      loadFace(houseFontFile("sans", "600SemiBold")),
    ].map((f) => f.font.postscriptName);
    expect(names).toEqual([
      "SourceSerif4-Regular",
      "SourceSerif4-Bold",
      "SourceSerif4-Italic",
      "SourceSerif4-BoldItalic",
      "SourceSans3-SemiBold",
    ]);
  });

  it("picks a family's face by weight and style", () => {
    expect(faceFile(sans, false, false)).toBe(sans.regular);
    expect(faceFile(sans, true, false)).toBe(sans.bold);
    expect(faceFile(sans, false, true)).toBe(sans.italic);
    expect(faceFile(sans, true, true)).toBe(sans.boldItalic);
  });
});

describe("loadFace", () => {
  it("parses a file once per process, whatever path leads to it", () => {
    inScratch((dir) => {
      const link = join(dir, "linked.ttf");
      symlinkSync(sans.regular, link);
      const face = loadFace(link);
      expect(face).toBe(loadFace(sans.regular));
      expect(face.path).not.toBe(link);
      expect(fontFile(link)).toBe(fontFile(sans.regular));
      expect(Buffer.from(fontFile(link)).equals(readFileSync(sans.regular))).toBe(true);
    });
  });

  it("loads fontkit only for a face's fontkit font, as the CommonJS build pdfkit loads", () => {
    const out = execFileSync(
      process.execPath,
      [
        "--conditions=@briefkit/source",
        "--import",
        "tsx",
        join(import.meta.dirname, "load-probe.ts"),
      ],
      { encoding: "utf8" },
    );
    const loaded = JSON.parse(out) as Record<"onImport" | "afterMetrics" | "afterFont", string[]>;
    expect(loaded.onImport).toEqual([]);
    expect(loaded.afterMetrics).toEqual([]);
    expect(loaded.afterFont).toContain("fontkit/dist/main.cjs");
    expect(loaded.afterFont.some((p) => p.startsWith("harfbuzzjs"))).toBe(false);
  });

  it("refuses a missing file, a file that is no font and a damaged font, naming the file", () => {
    inScratch((dir) => {
      const text = join(dir, "notes.ttf");
      writeFileSync(text, "not a font, just text that is long enough to be read as one\n");
      const truncated = join(dir, "truncated.ttf");
      writeFileSync(truncated, readFileSync(sans.regular).subarray(0, 2000));
      // The same font with its cmap renamed in the table directory, then with an empty cmap.
      const bytes = readFileSync(sans.regular);
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      let record = 12;
      while (bytes.subarray(record, record + 4).toString("latin1") !== "cmap") record += 16;
      const renamed = Buffer.from(bytes);
      renamed.write("xmap", record, "latin1");
      const noCmap = join(dir, "no-cmap.ttf");
      writeFileSync(noCmap, renamed);
      const emptied = Buffer.from(bytes);
      emptied.writeUInt16BE(0, view.getUint32(record + 8) + 2);
      const noUnicode = join(dir, "no-unicode.ttf");
      writeFileSync(noUnicode, emptied);
      const reason = (file: string) => {
        try {
          loadFace(file);
        } catch (error) {
          expect(error).toBeInstanceOf(FontFileError);
          expect((error as FontFileError).path).toBe(file);
          return (error as FontFileError).reason;
        }
        return "loaded";
      };
      expect(reason(join(dir, "missing.ttf"))).toBe("font file cannot be read");
      expect(reason(text)).toBe("not a TrueType/OpenType font file");
      expect(reason(truncated)).toBe("font file is truncated or malformed");
      expect(reason(noCmap)).toBe("font has no 'cmap' table");
      expect(reason(noUnicode)).toBe("font has no Unicode character map");
    });
  });
});

describe("character maps", () => {
  for (const family of [serif, sans]) {
    it(`${family.name}: Latin, Cyrillic, Greek and typographic punctuation in, Japanese out`, () => {
      const characters = coverage(family.regular);
      for (const ch of "AzЯяΩω–—“”€") expect(characters.has(ch.codePointAt(0)!), ch).toBe(true);
      for (const ch of "日本ロ↩\uFFFF") expect(characters.has(ch.codePointAt(0)!), ch).toBe(false);
    });
  }

  it("answers covers() from the same map", () => {
    const face = loadFace(sans.italic);
    for (const cp of [0x41, 0x416, 0x65e5, 0x1f600]) {
      expect(covers(face, cp)).toBe(face.characters.has(cp));
    }
    expect(covers(face, 0x41)).toBe(true);
    expect(covers(face, 0x65e5)).toBe(false);
  });

  it("agree with fontkit's reading of every house face: characters, widths, metrics", () => {
    const files = [serif, sans].flatMap((f) => [f.regular, f.bold, f.italic, f.boldItalic]);
    for (const file of [...files, houseFontFile("sans", "600SemiBold")]) {
      const face = loadFace(file);
      const { font } = face;
      const mapped = font.characterSet.filter((cp) => font.hasGlyphForCodePoint(cp));
      expect(
        [...face.characters].sort((a, b) => a - b),
        file,
      ).toEqual([...mapped].sort((a, b) => a - b));
      for (const cp of [...mapped, 0x65e5, 0x1f600]) {
        expect(face.advance(cp), `${file} U+${cp.toString(16)}`).toBe(
          font.glyphForCodePoint(cp).advanceWidth,
        );
      }
      expect([face.unitsPerEm, face.ascent, face.descent]).toEqual([
        font.unitsPerEm,
        font.ascent,
        font.descent,
      ]);
    }
  });

  it("read a BMP-only map (format 4) as the full one (format 12)", () => {
    const full = loadFace(sans.regular);
    const bmp = [...full.characters].filter((cp) => cp <= 0xffff).sort((a, b) => a - b);
    inScratch((dir) => {
      // HarfBuzz writes a subset's map as format 4 only when every character is in the BMP.
      const file = join(dir, "bmp.ttf");
      writeFileSync(file, subsetTtf(sans.regular, bmp));
      const subset = loadFace(file);
      expect([...subset.characters].sort((a, b) => a - b)).toEqual(bmp);
      for (const cp of bmp) expect(subset.advance(cp), String(cp)).toBe(full.advance(cp));
    });
  });
});

describe("text widths", () => {
  const face = loadFace(sans.regular);

  it("add up the glyphs' advance widths, scaled to the size", () => {
    const units = [..."Oblast"].reduce((n, ch) => n + face.advance(ch.codePointAt(0)!), 0);
    expect(advanceWidth(face, "Oblast", 12)).toBe((units * 12) / face.unitsPerEm);
    expect(advanceWidth(face, "", 12)).toBe(0);
  });

  it("measure proportional text, tabular digits and heavier faces", () => {
    expect(advanceWidth(face, "iiii", 10)).toBeLessThan(advanceWidth(face, "MMMM", 10) / 2);
    const digits = new Set([..."0123456789"].map((d) => advanceWidth(face, d, 10)));
    expect(digits.size).toBe(1);
    expect(face.tabular).toEqual([]);
    const bold = loadFace(sans.bold);
    expect(advanceWidth(bold, "Bold", 12)).toBeGreaterThan(advanceWidth(face, "Bold", 12));
  });

  it("give a character without a glyph the width of .notdef", () => {
    expect(face.advance(0x65e5)).toBe(face.font.glyphForCodePoint(0).advanceWidth);
    expect(face.advance(0x65e5)).toBeGreaterThan(0);
  });
});
