/**
 * SVG → PNG with @resvg/resvg-js, for writers that need a bitmap (Word's
 * ImageRun wants a PNG fallback next to SVG).
 *
 * resvg is given the theme's font files and nothing else
 * (`loadSystemFonts: false`): a system fallback picked a serif font here.
 * The output size is fixed up front as CSS size × density and checked
 * against a pixel cap before resvg allocates anything (a 20000² render took
 * 3.2 GB). A `pHYs` chunk (PNG spec §11.3.5.3) records the density as
 * pixels per metre, so a PNG at density 2 places at the chart's CSS size in
 * Word and image viewers, at 192 dpi.
 */
import { crc32 } from "node:zlib";
import { coverage } from "@briefkit/fonts";
import { Resvg } from "@resvg/resvg-js";
import { ChartError, chartIssue } from "./issues.js";
import { defaultChartLimits } from "./limits.js";
import { messages } from "./messages.js";
import { svgSize } from "./svg.js";
import { type ChartTheme, type ChartThemeOverrides, resolveChartTheme } from "./theme.js";

/** How to rasterize. */
export interface RasterOptions {
  /** Device pixels per CSS px; default: the theme's (2). */
  density?: number;
  /** Refuse images with more pixels than this; default `defaultChartLimits.maxPixels`. */
  maxPixels?: number;
  /** Theme overrides; only the font is used. */
  theme?: ChartThemeOverrides;
}

/** A PNG and its geometry. */
export interface RasterImage {
  /** PNG file bytes. */
  png: Uint8Array;
  /** Pixel width and height. */
  width: number;
  height: number;
  /** Device pixels per CSS px. */
  density: number;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** Insert (or replace) the pHYs chunk right after IHDR. */
function withDensity(png: Uint8Array, density: number): Uint8Array {
  const ppm = Math.round((96 * density) / 0.0254);
  const data = new Uint8Array(9);
  const view = new DataView(data.buffer);
  view.setUint32(0, ppm);
  view.setUint32(4, ppm);
  data[8] = 1; // unit: metre
  const phys = chunk("pHYs", data);
  // Signature (8) + IHDR chunk (4 length + 4 type + 13 data + 4 crc).
  const ihdrEnd = 33;
  const parts: Uint8Array[] = [png.subarray(0, ihdrEnd), phys];
  let at = ihdrEnd;
  const src = new DataView(png.buffer, png.byteOffset, png.byteLength);
  while (at + 8 <= png.length) {
    const len = src.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const end = at + 12 + len;
    if (type !== "pHYs") parts.push(png.subarray(at, end));
    at = end;
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/**
 * The theme faces an SVG can use: resvg parses every file it is given on each
 * render, so italic and heavy faces are passed only when the SVG asks for
 * them. The regular face is always passed (the default family).
 */
function facesUsed(svg: string, theme: ChartTheme): ChartTheme["font"]["faces"] {
  const italic = /font-style="(?:italic|oblique)"/.test(svg);
  const weights = new Set([400]);
  for (const m of svg.matchAll(/font-weight="([^"]+)"/g)) {
    const w = m[1] === "bold" ? 700 : m[1] === "normal" ? 400 : Number(m[1]);
    if (Number.isFinite(w)) weights.add(w);
  }
  const nearest = (w: number) =>
    theme.font.faces
      .filter((f) => f.style === "normal")
      .reduce<ChartTheme["font"]["faces"][number] | undefined>(
        (best, f) => (!best || Math.abs(f.weight - w) < Math.abs(best.weight - w) ? f : best),
        undefined,
      );
  const chosen = new Set<ChartTheme["font"]["faces"][number]>();
  for (const w of weights) {
    const f = nearest(w);
    if (f) chosen.add(f);
  }
  for (const f of theme.font.faces) if (f.style === "italic" && italic) chosen.add(f);
  // Keep theme order so resvg sees the same list for the same SVG.
  const used = theme.font.faces.filter((f) => chosen.has(f));
  return used.length > 0 ? used : theme.font.faces;
}

/**
 * The fallback faces (Japanese) when the SVG's text has a character the
 * family's regular face lacks: resvg falls back to a loaded font that has the
 * glyph, and a 5 MB Japanese face is parsed only for the charts that need it.
 */
function fallbackUsed(svg: string, theme: ChartTheme): ChartTheme["font"]["faces"] {
  const fallback = theme.font.fallback ?? [];
  const regular = theme.font.faces.find((f) => f.style === "normal") ?? theme.font.faces[0];
  if (fallback.length === 0 || regular === undefined) return [];
  const own = coverage(regular.path);
  for (const m of svg.matchAll(/>([^<]+)</g)) {
    for (const ch of decodeXml(m[1] ?? "")) {
      const cp = ch.codePointAt(0) ?? 0;
      if (cp > 0x7f && !/\s/u.test(ch) && !own.has(cp)) return fallback;
    }
  }
  return [];
}

/** Character references of SVG text, decoded (what resvg draws). */
function decodeXml(text: string): string {
  return text.replace(/&#(x[0-9a-fA-F]+|[0-9]+);/g, (m, n: string) => {
    const cp = n.startsWith("x") ? Number.parseInt(n.slice(1), 16) : Number.parseInt(n, 10);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
  });
}

/**
 * Rasterize an SVG (typically `renderChart(...).svg`) to PNG at `density`
 * device pixels per CSS px. Throws `ChartError` (`invalid-svg`, `svg-image`,
 * `png-too-large`, `invalid-options`, `font-file`).
 *
 * @example
 * const { png, width, height } = rasterize(chart.svg, { density: 2 });
 */
export function rasterize(svg: string, options: RasterOptions = {}): RasterImage {
  const resolved = resolveChartTheme(options.theme);
  if (!resolved.theme) throw new ChartError(resolved.issues);
  const theme = resolved.theme;
  const density = options.density ?? theme.png.density;
  const maxPixels = options.maxPixels ?? defaultChartLimits.maxPixels;
  if (!(density > 0 && density <= 8)) {
    throw new ChartError([
      chartIssue(
        "invalid-options",
        "density",
        messages.invalidOptions("density", "a number above 0, at most 8"),
      ),
    ]);
  }
  if (/<image[\s/>]/i.test(svg) || /<foreignObject[\s/>]/i.test(svg)) {
    throw new ChartError([chartIssue("svg-image", "", messages.svgImage())]);
  }
  const size = svgSize(svg);
  if (!size) throw new ChartError([chartIssue("invalid-svg", "", messages.invalidSvg())]);
  const width = Math.round(size.width * density);
  const height = Math.round(size.height * density);
  if (width * height > maxPixels) {
    throw new ChartError([
      chartIssue(
        "png-too-large",
        "",
        messages.pngTooLarge(width, height, maxPixels),
        messages.pngTooLargeHint(),
      ),
    ]);
  }
  const family = theme.font.family;
  const resvg = new Resvg(svg, {
    fitTo: { mode: "width", value: width },
    font: {
      loadSystemFonts: false,
      fontFiles: [...facesUsed(svg, theme), ...fallbackUsed(svg, theme)].map((f) => f.path),
      defaultFontFamily: family,
      sansSerifFamily: family,
      serifFamily: family,
      monospaceFamily: family,
      cursiveFamily: family,
      fantasyFamily: family,
    },
    shapeRendering: 2,
    textRendering: 1,
    imageRendering: 0,
    background: theme.palette.background,
    logLevel: "off",
  });
  const rendered = resvg.render();
  if (rendered.width * rendered.height > maxPixels) {
    throw new ChartError([
      chartIssue(
        "png-too-large",
        "",
        messages.pngTooLarge(rendered.width, rendered.height, maxPixels),
        messages.pngTooLargeHint(),
      ),
    ]);
  }
  const png = withDensity(new Uint8Array(rendered.asPng()), density);
  return { png, width: rendered.width, height: rendered.height, density };
}
