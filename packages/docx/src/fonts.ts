/**
 * The theme's font files: read once, embedded in the package (the docx
 * library's `fonts` option writes them as obfuscated `word/fonts/*.odttf`,
 * ECMA-376 Part 1 §17.8.1), and asked which characters they can show.
 *
 * The character check reads the font's `cmap` table (OpenType spec,
 * https://learn.microsoft.com/typography/opentype/spec/cmap): format 12 (full
 * Unicode) when present, else format 4 (BMP). A small reader of our own keeps
 * the writer free of a font library.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { inflateRawSync } from "node:zlib";
import type { FontFamily } from "@briefkit/document";
import { crc32, deflateEntry } from "./zip.js";

/** One face as the package embeds it: obfuscated with its key, and deflated once. */
export interface EmbeddedFace {
  /** The obfuscation key, a GUID in braces, as `w:fontKey` writes it. */
  key: string;
  /** The obfuscated file (`word/fonts/*.odttf`). */
  data: Uint8Array;
  deflated?: Uint8Array;
  crc: number;
}

/** A family to embed: its name, its kind for `w:family`, and its four faces. */
export interface EmbeddedFamily {
  name: string;
  generic: "roman" | "swiss";
  faces: Record<"regular" | "bold" | "italic" | "boldItalic", EmbeddedFace>;
}

/** Which code points a font maps to a glyph. */
export interface Coverage {
  name: string;
  has: (codePoint: number) => boolean;
}

// Font files never change while the process runs; reading ~2 MB per write
// would dominate a warm build, so they are memoised by path (immutable data).
const files = new Map<string, Buffer>();
const coverages = new Map<string, Coverage>();
const embedded = new Map<string, EmbeddedFace>();

function readFont(path: string): Buffer {
  let data = files.get(path);
  if (!data) {
    data = readFileSync(path);
    files.set(path, data);
  }
  return data;
}

/** A family's four faces as files to measure text with (docx/layout). */
export function fontFiles(family: FontFamily): Array<{ data: Buffer; name: string }> {
  return [family.regular, family.bold, family.italic, family.boldItalic].map((path) => ({
    data: readFont(path),
    name: family.name,
  }));
}

export function embeddedFamily(family: FontFamily, generic: "roman" | "swiss"): EmbeddedFamily {
  return {
    name: family.name,
    generic,
    faces: {
      regular: embeddedFace(family.regular),
      bold: embeddedFace(family.bold),
      italic: embeddedFace(family.italic),
      boldItalic: embeddedFace(family.boldItalic),
    },
  };
}

/**
 * Where `pnpm build` leaves the deflated faces of the house theme
 * (scripts/precompress-fonts.mjs), named by their obfuscation key: next to
 * the compiled module, and copied next to the CLI's bundle. Deflating ~2 MB
 * of fonts took a fifth of a cold DOCX write, for the same bytes every time.
 * From the sources (tests) the folder is absent and the faces are deflated
 * here, as they are for any other font.
 */
const precompressed = new URL("./fonts/", import.meta.url);

/**
 * A face obfuscated as ECMA-376 Part 1 §17.8.1 asks: the first 32 bytes XORed
 * with the key's 16 bytes, taken from the end of the GUID. The key is the
 * font's own SHA-256 (as a GUID), not a random one, so the package is the
 * same on every write; it hides nothing (the key is in fontTable.xml), the
 * scheme only marks the file as embedded.
 * Returned before deflating, with the key as hex (the precompressed file's name).
 */
export function obfuscatedFace(font: Uint8Array): { key: string; hex: string; data: Uint8Array } {
  const hex = createHash("sha256").update(font).digest("hex").slice(0, 32).toUpperCase();
  const key = `{${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}}`;
  const bytes = (hex.match(/../g) ?? []).map((x) => Number.parseInt(x, 16)).reverse();
  const data = new Uint8Array(font);
  for (let i = 0; i < 32 && i < data.length; i += 1)
    data[i] = (data[i] ?? 0) ^ (bytes[i % 16] ?? 0);
  return { key, hex, data };
}

/** The deflated face left by the build, if it is there and inflates to exactly `data`. */
export function readPrecompressed(
  hex: string,
  data: Uint8Array,
  crc: number,
  dir: URL = precompressed,
): Uint8Array | undefined {
  let deflated: Buffer;
  try {
    deflated = readFileSync(new URL(`${hex}.deflate`, dir));
  } catch {
    return undefined;
  }
  // Inflating is native and exact: a stale or damaged file is never written into a brief.
  try {
    const inflated = inflateRawSync(deflated);
    return inflated.length === data.length && crc32(inflated) === crc ? deflated : undefined;
  } catch {
    return undefined;
  }
}

function embeddedFace(path: string): EmbeddedFace {
  let face = embedded.get(path);
  if (!face) {
    const { key, hex, data } = obfuscatedFace(readFont(path));
    const crc = crc32(data);
    const deflated = readPrecompressed(hex, data, crc) ?? deflateEntry("font.odttf", data);
    face = { key, data, crc, ...(deflated ? { deflated } : {}) };
    embedded.set(path, face);
  }
  return face;
}

/** The coverage of a family's regular face (the other faces of Source Serif/Sans cover the same scripts). */
export function coverageOf(family: FontFamily): Coverage {
  let c = coverages.get(family.regular);
  if (!c) {
    const set = readCmap(readFont(family.regular));
    c = { name: family.name, has: (cp) => set.has(cp) };
    coverages.set(family.regular, c);
  }
  return c;
}

/** Code points with a glyph other than .notdef, from the best Unicode subtable of `cmap`. */
export function readCmap(font: Uint8Array): Set<number> {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const numTables = view.getUint16(4);
  let cmap = -1;
  for (let i = 0; i < numTables; i += 1) {
    const rec = 12 + i * 16;
    const tag = String.fromCharCode(
      view.getUint8(rec),
      view.getUint8(rec + 1),
      view.getUint8(rec + 2),
      view.getUint8(rec + 3),
    );
    if (tag === "cmap") cmap = view.getUint32(rec + 8);
  }
  if (cmap < 0) throw new Error("font has no cmap table");
  const subtables: Array<{ platform: number; encoding: number; offset: number }> = [];
  const count = view.getUint16(cmap + 2);
  for (let i = 0; i < count; i += 1) {
    const rec = cmap + 4 + i * 8;
    subtables.push({
      platform: view.getUint16(rec),
      encoding: view.getUint16(rec + 2),
      offset: cmap + view.getUint32(rec + 4),
    });
  }
  const formatOf = (s: { offset: number }) => view.getUint16(s.offset);
  const full = subtables.find(
    (s) => formatOf(s) === 12 && (s.platform === 0 || (s.platform === 3 && s.encoding === 10)),
  );
  if (full) return readFormat12(view, full.offset);
  const bmp = subtables.find(
    (s) => formatOf(s) === 4 && (s.platform === 0 || (s.platform === 3 && s.encoding === 1)),
  );
  if (bmp) return readFormat4(view, bmp.offset);
  throw new Error("font has no Unicode cmap subtable of format 4 or 12");
}

function readFormat12(view: DataView, at: number): Set<number> {
  const set = new Set<number>();
  const groups = view.getUint32(at + 12);
  for (let g = 0; g < groups; g += 1) {
    const rec = at + 16 + g * 12;
    const start = view.getUint32(rec);
    const end = view.getUint32(rec + 4);
    const glyph = view.getUint32(rec + 8);
    for (let cp = start; cp <= end; cp += 1) if (glyph + (cp - start) !== 0) set.add(cp);
  }
  return set;
}

function readFormat4(view: DataView, at: number): Set<number> {
  const set = new Set<number>();
  const segX2 = view.getUint16(at + 6);
  const ends = at + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const rangeOffsets = deltas + segX2;
  for (let s = 0; s < segX2; s += 2) {
    const end = view.getUint16(ends + s);
    const start = view.getUint16(starts + s);
    const delta = view.getInt16(deltas + s);
    const rangeOffset = view.getUint16(rangeOffsets + s);
    for (let cp = start; cp <= end && cp !== 0xffff; cp += 1) {
      let glyph: number;
      if (rangeOffset === 0) {
        glyph = (cp + delta) & 0xffff;
      } else {
        const addr = rangeOffsets + s + rangeOffset + (cp - start) * 2;
        const raw = view.getUint16(addr);
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (glyph !== 0) set.add(cp);
    }
  }
  return set;
}
