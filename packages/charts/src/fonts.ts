/**
 * Font files and text metrics for charts.
 *
 * Implements just enough of the OpenType / TrueType font file format
 * (https://learn.microsoft.com/typography/opentype/spec/: the `head`, `hhea`,
 * `hmtx` and `cmap` format 4 / 12 tables) to measure the advance width of a
 * string, and plugs that measure into vega's `textMetrics.width` hook.
 *
 * Why: without node-canvas, vega estimates every string as
 * `0.8 × length × fontSize` wide, roughly 1.6 times the real width of Source
 * Sans 3. Legends then leave gaps, titles misalign and label-overlap checks
 * drop labels that would have fitted. Measuring with the very font files
 * resvg and the documents embed keeps layout and drawing in agreement.
 * Kerning (GPOS) is ignored: it only ever narrows text, so a measured string
 * is never clipped.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as vega from "vega";

/** One font file of a family: its path and the weight/style it provides. */
export interface FontFaceFile {
  /** Absolute path of a `.ttf` or `.otf` file. */
  path: string;
  /** CSS weight, 100–900. */
  weight: number;
  style: "normal" | "italic";
}

/** Parsed metrics of one face: advance widths per code point, in em units. */
interface FaceMetrics {
  readonly weight: number;
  readonly style: "normal" | "italic";
  readonly unitsPerEm: number;
  readonly advance: (codePoint: number) => number;
}

/** The faces a render measures with, keyed by lower-case family name. */
export interface MeasureContext {
  readonly family: string;
  readonly faces: readonly FaceMetrics[];
}

const require = createRequire(import.meta.url);

/**
 * Absolute path of a file inside an installed package, found through the
 * module resolver (never a system font directory), so the same TTF is used
 * wherever the workspace is installed.
 */
export function packageFile(pkg: string, file: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), file);
}

/**
 * The font files the house theme ships: Source Sans 3 from npm, in the three
 * faces charts use (regular labels, italic notes, semibold titles). Fewer
 * files also mean less for resvg to load on every PNG.
 */
export function houseFontFaces(): FontFaceFile[] {
  const pkg = "@expo-google-fonts/source-sans-3";
  return [
    {
      path: packageFile(pkg, "400Regular/SourceSans3_400Regular.ttf"),
      weight: 400,
      style: "normal",
    },
    {
      path: packageFile(pkg, "400Regular_Italic/SourceSans3_400Regular_Italic.ttf"),
      weight: 400,
      style: "italic",
    },
    {
      path: packageFile(pkg, "600SemiBold/SourceSans3_600SemiBold.ttf"),
      weight: 600,
      style: "normal",
    },
  ];
}

/** Thrown (and turned into an issue by the caller) when a font file is unusable. */
export class FontFileError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

// Parsed font metrics, keyed by absolute path. A cache of immutable values:
// parsing a 380 kB TTF costs ~1 ms, and every render of a theme needs it.
const metricsCache = new Map<string, Omit<FaceMetrics, "weight" | "style">>();

function tableOffsets(
  view: DataView,
  path: string,
): Map<string, { offset: number; length: number }> {
  const tag = view.getUint32(0);
  // 0x00010000 = TrueType outlines, 'OTTO' = CFF outlines; both carry hmtx/cmap.
  if (tag !== 0x00010000 && tag !== 0x4f54544f && tag !== 0x74727565) {
    throw new FontFileError(path, "not a TrueType/OpenType font file");
  }
  const count = view.getUint16(4);
  const tables = new Map<string, { offset: number; length: number }>();
  for (let i = 0; i < count; i++) {
    const rec = 12 + 16 * i;
    const name = String.fromCharCode(
      view.getUint8(rec),
      view.getUint8(rec + 1),
      view.getUint8(rec + 2),
      view.getUint8(rec + 3),
    );
    tables.set(name, { offset: view.getUint32(rec + 8), length: view.getUint32(rec + 12) });
  }
  for (const need of ["head", "hhea", "hmtx", "cmap"]) {
    if (!tables.has(need)) throw new FontFileError(path, `font has no '${need}' table`);
  }
  return tables;
}

/** Code point -> glyph id, from the best Unicode cmap subtable (format 12, else 4). */
function readCmap(view: DataView, base: number, path: string): (cp: number) => number {
  const n = view.getUint16(base + 2);
  let format4 = -1;
  let format12 = -1;
  for (let i = 0; i < n; i++) {
    const rec = base + 4 + 8 * i;
    const platform = view.getUint16(rec);
    const encoding = view.getUint16(rec + 2);
    const sub = base + view.getUint32(rec + 4);
    const format = view.getUint16(sub);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    if (format === 12 && format12 < 0) format12 = sub;
    if (format === 4 && format4 < 0) format4 = sub;
  }
  if (format12 >= 0) {
    const groups = view.getUint32(format12 + 12);
    const starts: number[] = [];
    const ends: number[] = [];
    const glyphs: number[] = [];
    for (let g = 0; g < groups; g++) {
      const at = format12 + 16 + 12 * g;
      starts.push(view.getUint32(at));
      ends.push(view.getUint32(at + 4));
      glyphs.push(view.getUint32(at + 8));
    }
    return (cp) => {
      let lo = 0;
      let hi = groups - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (cp < starts[mid]!) hi = mid - 1;
        else if (cp > ends[mid]!) lo = mid + 1;
        else return glyphs[mid]! + (cp - starts[mid]!);
      }
      return 0;
    };
  }
  if (format4 >= 0) {
    const segX2 = view.getUint16(format4 + 6);
    const segs = segX2 / 2;
    const endAt = format4 + 14;
    const startAt = endAt + segX2 + 2;
    const deltaAt = startAt + segX2;
    const rangeAt = deltaAt + segX2;
    return (cp) => {
      if (cp > 0xffff) return 0;
      for (let s = 0; s < segs; s++) {
        if (cp > view.getUint16(endAt + 2 * s)) continue;
        const start = view.getUint16(startAt + 2 * s);
        if (cp < start) return 0;
        const delta = view.getInt16(deltaAt + 2 * s);
        const rangeOffset = view.getUint16(rangeAt + 2 * s);
        if (rangeOffset === 0) return (cp + delta) & 0xffff;
        const glyphAt = rangeAt + 2 * s + rangeOffset + 2 * (cp - start);
        const glyph = view.getUint16(glyphAt);
        return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
      }
      return 0;
    };
  }
  throw new FontFileError(path, "font has no Unicode character map");
}

function parseFont(path: string): Omit<FaceMetrics, "weight" | "style"> {
  const cached = metricsCache.get(path);
  if (cached) return cached;
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new FontFileError(path, "font file cannot be read");
  }
  if (bytes.length < 12) throw new FontFileError(path, "not a TrueType/OpenType font file");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    const tables = tableOffsets(view, path);
    const head = tables.get("head")!.offset;
    const hhea = tables.get("hhea")!.offset;
    const hmtx = tables.get("hmtx")!.offset;
    const unitsPerEm = view.getUint16(head + 18);
    const longMetrics = view.getUint16(hhea + 34);
    const glyphOf = readCmap(view, tables.get("cmap")!.offset, path);
    // Copy the advances out so the font buffer itself is not retained.
    const advances = new Uint16Array(longMetrics);
    for (let g = 0; g < longMetrics; g++) advances[g] = view.getUint16(hmtx + 4 * g);
    const last = advances[longMetrics - 1] ?? unitsPerEm / 2;
    const metrics = Object.freeze({
      unitsPerEm,
      advance: (cp: number) => {
        const glyph = glyphOf(cp);
        return glyph < longMetrics ? advances[glyph]! : last;
      },
    });
    metricsCache.set(path, metrics);
    return metrics;
  } catch (error) {
    if (error instanceof FontFileError) throw error;
    throw new FontFileError(path, "font file is truncated or malformed");
  }
}

/** Parse every face of a family once; throws FontFileError on a bad file. */
export function measureContext(family: string, files: readonly FontFaceFile[]): MeasureContext {
  return {
    family: family.toLowerCase(),
    faces: files.map((f) => ({ ...parseFont(f.path), weight: f.weight, style: f.style })),
  };
}

function weightOf(value: unknown): number {
  if (typeof value === "number") return value;
  if (value === "bold" || value === "bolder") return 700;
  if (value === "lighter") return 300;
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : 400;
}

/** The face CSS font matching would pick: same style if any, then nearest weight. */
function pickFace(ctx: MeasureContext, weight: number, style: string): FaceMetrics | undefined {
  const sameStyle = ctx.faces.filter((f) => f.style === style);
  const pool = sameStyle.length > 0 ? sameStyle : ctx.faces;
  let best: FaceMetrics | undefined;
  for (const f of pool) {
    if (!best || Math.abs(f.weight - weight) < Math.abs(best.weight - weight)) best = f;
  }
  return best;
}

/** Advance width of `text` in px at `size` px, with the face's own metrics. */
export function measureText(
  ctx: MeasureContext,
  text: string,
  size: number,
  weight: unknown = 400,
  style = "normal",
): number {
  const face = pickFace(ctx, weightOf(weight), style);
  if (!face) return 0.8 * text.length * size;
  let units = 0;
  for (const ch of text) units += face.advance(ch.codePointAt(0)!);
  return (units * size) / face.unitsPerEm;
}

// The measure context of the render in progress. vega's dataflow is
// asynchronous, so a plain variable would leak between concurrent renders;
// AsyncLocalStorage follows each render's own promise chain instead.
const activeMeasure = new AsyncLocalStorage<MeasureContext>();

interface TextItem {
  text?: unknown;
  font?: unknown;
  fontSize?: unknown;
  fontWeight?: unknown;
  fontStyle?: unknown;
}

/**
 * The replacement for vega's `textMetrics.width`. It returns the raw width of
 * the line (no truncation): vega's own `truncate` calls back into this
 * function and needs untruncated widths for its binary search.
 */
function hookedWidth(item: TextItem, text: unknown): number {
  const size = item.fontSize == null ? 11 : Number(item.fontSize) || 0;
  const line = text == null ? "" : String(text).trim();
  const ctx = activeMeasure.getStore();
  const font = typeof item.font === "string" ? item.font.toLowerCase() : "";
  if (!ctx || size <= 0 || !font.includes(ctx.family)) {
    // Outside a briefkit render, or a font we have no file for: vega's estimate.
    return Math.trunc(0.8 * line.length * size);
  }
  const style = item.fontStyle === "italic" || item.fontStyle === "oblique" ? "italic" : "normal";
  return measureText(ctx, line, size, item.fontWeight, style);
}

/**
 * Run `fn` with vega measuring text through `ctx`. vega exposes a single,
 * process-wide `textMetrics` object (vl-convert swaps it the same way); we
 * install one stateless hook, idempotently, that reads the current render's
 * context from AsyncLocalStorage and falls back to vega's estimate elsewhere.
 */
export function withTextMetrics<T>(ctx: MeasureContext, fn: () => Promise<T>): Promise<T> {
  // Not in vega's typings, but exported by vega (from vega-scenegraph).
  const metrics = (
    vega as unknown as { textMetrics: { width: (item: TextItem, text: unknown) => number } }
  ).textMetrics;
  if (metrics.width !== hookedWidth) metrics.width = hookedWidth;
  return activeMeasure.run(ctx, fn);
}
