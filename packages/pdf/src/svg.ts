/**
 * Chart SVG made safe for pdfmake's `svg` node (drawn by svg-to-pdfkit).
 *
 * svg-to-pdfkit opens an `<image href>` with pdfkit's `openImage`, which
 * reads local files by absolute path and bypasses pdfmake's local access
 * policy (pdfmake 0.3, as test/security.test.ts shows). Charts reach the writer already drawn
 * and never need raster images, so every `<image>` and `<feImage>` element is
 * removed (and reported) before the SVG is handed over. Text inside the SVG
 * is returned too, so its characters can be checked against the chart font.
 *
 * svg-to-pdfkit picks the bold face only for `font-weight="bold"` and the
 * italic only for `font-style="italic"`; charts say `font-weight="600"`.
 * Weights are mapped as CSS font matching does with a regular and a bold
 * face (CSS Fonts 4, §5.2): 600 and above → bold, below → normal.
 */

/** A quoted attribute value may hold ">" — match quotes, not just up to the next ">". */
const ATTRS = `(?:[^>"']|"[^"]*"|'[^']*')*?`;
const IMAGE = new RegExp(
  `<((?:[A-Za-z_][\\w.-]*:)?(?:image|feImage))\\b${ATTRS}(?:/>|>[\\s\\S]*?</\\1\\s*>)`,
  "g",
);
const TEXT = /<(?:[A-Za-z_][\w.-]*:)?(?:text|tspan|textPath|title|desc)\b[^>]*>([^<]*)/g;

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
};

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]+);/g, (m, e: string) => {
    if (!e.startsWith("#")) return ENTITIES[e] ?? m;
    const cp = e.startsWith("#x")
      ? Number.parseInt(e.slice(2), 16)
      : Number.parseInt(e.slice(1), 10);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
  });
}

/** Removes `<image>`/`<feImage>` elements; returns the SVG and how many were removed. */
export function stripImages(svg: string): { svg: string; removed: number } {
  let removed = 0;
  const out = svg.replace(IMAGE, () => {
    removed += 1;
    return "";
  });
  return { svg: out, removed };
}

/** The text content of an SVG's text elements (what the chart font must cover). */
export function svgText(svg: string): string {
  const parts: string[] = [];
  for (const m of svg.matchAll(TEXT)) {
    const t = m[1];
    if (t !== undefined && t.trim() !== "") parts.push(decode(t));
  }
  return parts.join(" ");
}

/** The prologue an SVG document may have before its root: XML declaration, comments, doctype. */
const ROOT =
  /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<svg[\s>/]/;

/** Is this an SVG document (root element `<svg>`), as pdfmake's svg node requires? */
export function isSvgDocument(svg: string): boolean {
  return ROOT.test(svg) && /<\/svg\s*>\s*$|\/>\s*$/.test(svg);
}

const WEIGHT_ATTR = /(\sfont-weight\s*=\s*)(["'])\s*([^"']*?)\s*\2/g;
const WEIGHT_CSS = /(font-weight\s*:\s*)([\w-]+)/g;
const STYLE_ATTR = /(\sfont-style\s*=\s*)(["'])\s*oblique[^"']*\2/g;

function weight(value: string): string {
  const v = value.toLowerCase();
  if (v === "bold" || v === "bolder") return "bold";
  const n = Number(v);
  return Number.isFinite(n) && n >= 600 ? "bold" : "normal";
}

/** Numeric and relative font weights → "bold"/"normal"; oblique → italic. */
export function normaliseFontStyles(svg: string): string {
  return svg
    .replace(WEIGHT_ATTR, (_m, pre: string, q: string, v: string) => `${pre}${q}${weight(v)}${q}`)
    .replace(WEIGHT_CSS, (_m, pre: string, v: string) => `${pre}${weight(v)}`)
    .replace(STYLE_ATTR, (_m, pre: string, q: string) => `${pre}${q}italic${q}`);
}
