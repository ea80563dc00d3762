/**
 * Unit tests of the writer's small parts: the ZIP writer behind
 * reproducible packages and the embedded fonts' obfuscation. (The character
 * maps behind glyph checks are @briefkit/fonts', tested there.)
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { houseTheme } from "@briefkit/document";
import { strFromU8, strToU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { seriesColour } from "../src/charts.js";
import { obfuscatedFace, readPrecompressed } from "../src/fonts.js";
import { crc32, deflateEntry, writeZip } from "../src/zip.js";

describe("writeZip", () => {
  it("computes CRC-32 as ZIP does", () => {
    expect(crc32(strToU8("123456789"))).toBe(0xcbf43926);
  });

  it("writes a zip that fflate and Python's zipfile read back, entries in the order given", () => {
    const parts = {
      "[Content_Types].xml": strToU8("<Types/>"),
      "word/document.xml": strToU8("<w:document>".padEnd(5000, "x")),
      "word/media/a.png": new Uint8Array([137, 80, 78, 71, 1, 2, 3]),
      "ünïcode/名前.xml": strToU8("<a/>"),
    };
    const zip = writeZip(
      Object.entries(parts).map(([path, data]) => ({ path, data })),
      new Date("2005-09-08T10:20:30Z"),
    );
    const back = unzipSync(zip);
    expect(Object.keys(back)).toEqual(Object.keys(parts));
    for (const [path, data] of Object.entries(parts))
      expect(strFromU8(back[path] ?? new Uint8Array())).toBe(strFromU8(data));
    const dir = mkdtempSync(join(tmpdir(), "briefkit-zip-"));
    try {
      writeFileSync(join(dir, "t.zip"), zip);
      const out = execFileSync(
        "/usr/bin/python3",
        [
          "-c",
          "import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); print(z.testzip()); print([i.date_time for i in z.infolist()][0])",
          join(dir, "t.zip"),
        ],
        { encoding: "utf8" },
      );
      expect(out.trim().split("\n")).toEqual(["None", "(2005, 9, 8, 10, 20, 30)"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("seriesColour", () => {
  it("takes the palette in order, then tints of it, so series never share a colour", () => {
    const palette = ["1F4E79", "D9822B"];
    expect([0, 1, 2, 3, 4].map((i) => seriesColour(palette, i))).toEqual([
      "1F4E79",
      "D9822B",
      "8FA7BC",
      "ECC195",
      "577A9B",
    ]);
  });
});

describe("precompressed fonts (dist/fonts, written by pnpm build)", () => {
  const theme = houseTheme();
  const { hex, key, data } = obfuscatedFace(readFileSync(theme.fonts.body.regular));
  const crc = crc32(data);

  it("obfuscates only the first 32 bytes, with the key the GUID names", () => {
    const font = readFileSync(theme.fonts.body.regular);
    expect(key).toBe(
      `{${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}}`,
    );
    const keyBytes = (hex.match(/../g) ?? []).map((x) => Number.parseInt(x, 16)).reverse();
    for (let i = 0; i < 32; i += 1) expect(data[i]).toBe(font[i]! ^ keyBytes[i % 16]!);
    expect(Buffer.from(data.subarray(32)).equals(font.subarray(32))).toBe(true);
  });

  it("uses a file that inflates to the face, and ignores a stale, damaged or missing one", () => {
    const dir = mkdtempSync(join(tmpdir(), "briefkit-fonts-"));
    try {
      const url = new URL(`file://${dir}/`);
      expect(readPrecompressed(hex, data, crc, url)).toBeUndefined();

      const good = deflateEntry("font.odttf", data)!;
      writeFileSync(join(dir, `${hex}.deflate`), good);
      expect(Buffer.from(readPrecompressed(hex, data, crc, url)!).equals(Buffer.from(good))).toBe(
        true,
      );

      // The deflated form of another face under this face's name: valid deflate, wrong bytes.
      const other = obfuscatedFace(readFileSync(theme.fonts.body.bold)).data;
      writeFileSync(join(dir, `${hex}.deflate`), deflateEntry("font.odttf", other)!);
      expect(readPrecompressed(hex, data, crc, url)).toBeUndefined();

      writeFileSync(join(dir, `${hex}.deflate`), good.subarray(0, good.length >> 1));
      expect(readPrecompressed(hex, data, crc, url)).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
