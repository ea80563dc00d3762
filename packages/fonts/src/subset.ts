/**
 * Embedded fonts: the glyphs a brief uses, cut from the theme's TTFs with
 * HarfBuzz's subsetter (harfbuzzjs' `harfbuzz-subset.wasm`, called through its
 * C API) and wrapped as WOFF 1.0 (W3C Recommendation 2012: per-table zlib).
 *
 * Why subset: the four Source Serif 4 faces and two Source Sans 3 faces are
 * 2.1 MB of TTF (2.8 MB as base64); a brief's few hundred distinct characters
 * need about 12 kB of WOFF per face. Why WOFF 1 and not WOFF 2: it is zlib
 * only, so node:zlib encodes it synchronously and byte-for-byte the same
 * every time; WOFF 2's Brotli + glyf transform would need another wasm module
 * for about a quarter less.
 *
 * The HTML writer embeds these in @font-face rules.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { deflateSync } from "node:zlib";
import { fontFile } from "./face.js";

// The workspace's lib (ES2023, no DOM) has no WebAssembly types: declare the
// two constructors used here.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
};

interface HbSubset {
  memory: { buffer: ArrayBuffer };
  malloc(size: number): number;
  free(ptr: number): void;
  hb_blob_create(data: number, length: number, mode: number, user: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, codepoint: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_input_set_flags(input: number, flags: number): void;
  hb_subset_input_set(input: number, which: number): number;
  hb_subset_or_fail(face: number, input: number): number;
}

const HB_MEMORY_MODE_WRITABLE = 2;
// Hinting instructions only matter for low-resolution Windows rasterisers; dropping them saves bytes.
const HB_SUBSET_FLAGS_NO_HINTING = 0x1;

const HB_SUBSET_SETS_LAYOUT_FEATURE_TAG = 6;
// Kept on top of HarfBuzz's defaults (kern, liga...): the figure styles the
// stylesheet asks for (tabular lining figures in tables). Each feature pulls
// its alternate glyphs into the subset, so only these two.
const EXTRA_FEATURES = ["tnum", "lnum"];
const tag = (s: string) =>
  ((s.charCodeAt(0) << 24) | (s.charCodeAt(1) << 16) | (s.charCodeAt(2) << 8) | s.charCodeAt(3)) >>>
  0;

// The wasm instance, made on first use and kept for the process: making it
// costs milliseconds, and only the HTML writer ever needs it.
let harfbuzz: HbSubset | undefined;

function hb(): HbSubset {
  if (harfbuzz === undefined) {
    const path = createRequire(import.meta.url).resolve("harfbuzzjs/dist/harfbuzz-subset.wasm");
    // The module has no imports, so it can be instantiated synchronously.
    const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(path)), {});
    harfbuzz = instance.exports as HbSubset;
  }
  return harfbuzz;
}

/** The font at `path`, cut down to `codePoints` (plus .notdef), as TrueType bytes. */
export function subsetTtf(path: string, codePoints: readonly number[]): Uint8Array {
  const x = hb();
  const font = fontFile(path);
  const ptr = x.malloc(font.byteLength);
  new Uint8Array(x.memory.buffer).set(font, ptr);
  const blob = x.hb_blob_create(ptr, font.byteLength, HB_MEMORY_MODE_WRITABLE, 0, 0);
  const face = x.hb_face_create(blob, 0);
  x.hb_blob_destroy(blob);
  const input = x.hb_subset_input_create_or_fail();
  try {
    if (input === 0) throw new Error("harfbuzz: cannot create a subset input");
    const set = x.hb_subset_input_unicode_set(input);
    for (const cp of codePoints) x.hb_set_add(set, cp);
    const features = x.hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG);
    for (const f of EXTRA_FEATURES) x.hb_set_add(features, tag(f));
    x.hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING);
    const subset = x.hb_subset_or_fail(face, input);
    if (subset === 0) throw new Error(`harfbuzz: cannot subset ${path}`);
    const result = x.hb_face_reference_blob(subset);
    const offset = x.hb_blob_get_data(result, 0);
    const length = x.hb_blob_get_length(result);
    // Copy out before freeing: the wasm heap may be reused or grown.
    const bytes = new Uint8Array(x.memory.buffer).slice(offset, offset + length);
    x.hb_blob_destroy(result);
    x.hb_face_destroy(subset);
    if (length === 0) throw new Error(`harfbuzz: empty subset of ${path}`);
    return bytes;
  } finally {
    if (input !== 0) x.hb_subset_input_destroy(input);
    x.hb_face_destroy(face);
    x.free(ptr);
  }
}

/** Wraps an sfnt (TrueType/OpenType) font as WOFF 1.0, each table zlib-compressed when that helps. */
export function toWoff(sfnt: Uint8Array): Uint8Array {
  const view = new DataView(sfnt.buffer, sfnt.byteOffset, sfnt.byteLength);
  const numTables = view.getUint16(4);
  const pad4 = (n: number) => (n + 3) & ~3;
  const tables: Array<{ tag: number; checksum: number; orig: Uint8Array; data: Uint8Array }> = [];
  let totalSfntSize = 12 + 16 * numTables;
  for (let i = 0; i < numTables; i += 1) {
    const rec = 12 + 16 * i;
    const offset = view.getUint32(rec + 8);
    const length = view.getUint32(rec + 12);
    const orig = sfnt.subarray(offset, offset + length);
    // zlib's default level: level 9 costs 2.5x the time for 0.5% fewer bytes here.
    const packed = deflateSync(orig);
    tables.push({
      tag: view.getUint32(rec),
      checksum: view.getUint32(rec + 4),
      orig,
      // WOFF §5: store a table uncompressed when zlib does not make it smaller.
      data: packed.byteLength < length ? packed : orig,
    });
    totalSfntSize += pad4(length);
  }
  const headerSize = 44 + 20 * numTables;
  const size = tables.reduce((n, t) => n + pad4(t.data.byteLength), headerSize);
  const out = new Uint8Array(size);
  const w = new DataView(out.buffer);
  w.setUint32(0, 0x774f4646); // "wOFF"
  w.setUint32(4, view.getUint32(0)); // flavor: the sfnt version
  w.setUint32(8, size);
  w.setUint16(12, numTables);
  w.setUint32(16, totalSfntSize);
  // Version, metadata and private block stay 0: none is written.
  let offset = headerSize;
  tables.forEach((t, i) => {
    const rec = 44 + 20 * i;
    w.setUint32(rec, t.tag);
    w.setUint32(rec + 4, offset);
    w.setUint32(rec + 8, t.data.byteLength);
    w.setUint32(rec + 12, t.orig.byteLength);
    w.setUint32(rec + 16, t.checksum);
    out.set(t.data, offset);
    offset += pad4(t.data.byteLength);
  });
  return out;
}
