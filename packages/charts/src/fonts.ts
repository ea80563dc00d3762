/**
 * Text metrics for charts: vega measures every string with the theme's own
 * font files, through @briefkit/fonts (the faces the documents embed).
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
import {
  advanceWidth,
  eastAsianFontFile,
  type Face,
  houseFontFile,
  loadFace,
} from "@briefkit/fonts";
import * as vega from "vega";

export { FontFileError } from "@briefkit/fonts";

/** One font file of a family: its path and the weight/style it provides. */
export interface FontFaceFile {
  /** Absolute path of a `.ttf` or `.otf` file. */
  path: string;
  /** CSS weight, 100–900. */
  weight: number;
  style: "normal" | "italic";
}

/** A parsed face with the weight and style CSS font matching sees. */
interface MeasuredFace {
  readonly weight: number;
  readonly style: "normal" | "italic";
  readonly face: Face;
}

/** The faces a render measures with, keyed by lower-case family name. */
export interface MeasureContext {
  readonly family: string;
  readonly faces: readonly MeasuredFace[];
  /** Faces for the characters the family lacks, as resvg falls back to them. */
  readonly fallback?: readonly MeasuredFace[];
}

/**
 * The font files the house theme ships: Source Sans 3 from npm, in the three
 * faces charts use (regular labels, italic notes, semibold titles). Fewer
 * files also mean less for resvg to load on every PNG.
 */
export function houseFontFaces(): FontFaceFile[] {
  return [
    { path: houseFontFile("sans", "400Regular"), weight: 400, style: "normal" },
    { path: houseFontFile("sans", "400Regular_Italic"), weight: 400, style: "italic" },
    { path: houseFontFile("sans", "600SemiBold"), weight: 600, style: "normal" },
  ];
}

/**
 * The faces the house theme falls back to for what Source Sans 3 lacks:
 * Noto Sans JP, regular and bold (Japanese has no italics).
 */
export function eastAsianFontFaces(): FontFaceFile[] {
  return [
    { path: eastAsianFontFile("sans", "400Regular"), weight: 400, style: "normal" },
    { path: eastAsianFontFile("sans", "700Bold"), weight: 700, style: "normal" },
  ];
}

/**
 * Parse every face of a family (and of its fallback) once; throws
 * FontFileError on a bad file. A fallback face is parsed only when a text
 * needs it, so charts without Japanese never read the large Japanese files.
 */
export function measureContext(
  family: string,
  files: readonly FontFaceFile[],
  fallback: readonly FontFaceFile[] = [],
): MeasureContext {
  return {
    family: family.toLowerCase(),
    faces: files.map((f) => ({ face: loadFace(f.path), weight: f.weight, style: f.style })),
    fallback: fallback.map((f) => ({
      get face() {
        return loadFace(f.path);
      },
      weight: f.weight,
      style: f.style,
    })),
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
function pickFace(
  faces: readonly MeasuredFace[],
  weight: number,
  style: string,
): MeasuredFace | undefined {
  const sameStyle = faces.filter((f) => f.style === style);
  const pool = sameStyle.length > 0 ? sameStyle : faces;
  let best: MeasuredFace | undefined;
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
  const picked = pickFace(ctx.faces, weightOf(weight), style);
  if (!picked) return 0.8 * text.length * size;
  const own = picked.face;
  const other = ctx.fallback?.length ? pickFace(ctx.fallback, weightOf(weight), style) : undefined;
  if (other === undefined || [...text].every((c) => own.characters.has(c.codePointAt(0) ?? 0)))
    return advanceWidth(own, text, size);
  // Each character in the face resvg will draw it in: the family's, else the fallback's.
  let width = 0;
  for (const c of text) {
    const cp = c.codePointAt(0) ?? 0;
    const face = own.characters.has(cp) || !other.face.characters.has(cp) ? own : other.face;
    width += advanceWidth(face, c, size);
  }
  return width;
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
