/**
 * Post-processing of the SVG that vega's headless SVG renderer
 * (vega-scenegraph `SVGStringRenderer`) produces.
 *
 * vega numbers clip paths and gradients from process-wide counters, so the
 * same chart gets `clip7` in one build and `clip12` in the next; we renumber
 * ids in order of appearance to make the output byte-identical. We also
 * refuse an `<image>` (resvg and PDF writers would read its href from disk)
 * and any NaN/Infinity in attributes or text.
 */
import { type ChartIssue, chartIssue } from "./issues.js";
import { messages } from "./messages.js";

/** Renumber every `id` (and its `url(#…)` / `href="#…"` references) as b0, b1, … */
export function canonicalIds(svg: string): string {
  const map = new Map<string, string>();
  for (const m of svg.matchAll(/\sid="([^"]+)"/g)) {
    if (!map.has(m[1]!)) map.set(m[1]!, `b${map.size}`);
  }
  if (map.size === 0) return svg;
  return svg
    .replace(/(\sid=")([^"]+)(")/g, (all, a: string, id: string, b: string) =>
      map.has(id) ? `${a}${map.get(id)}${b}` : all,
    )
    .replace(/url\(#([^)]+)\)/g, (all, id: string) => (map.has(id) ? `url(#${map.get(id)})` : all))
    .replace(/(href=")#([^"]+)(")/g, (all, a: string, id: string, b: string) =>
      map.has(id) ? `${a}#${map.get(id)}${b}` : all,
    );
}

/** Issues for content a briefkit SVG must never carry. */
export function checkSvg(svg: string): ChartIssue[] {
  const issues: ChartIssue[] = [];
  if (/<image[\s/>]/i.test(svg) || /<foreignObject[\s/>]/i.test(svg)) {
    issues.push(chartIssue("svg-image", "", messages.svgImage()));
  }
  const badAttr = /\s([\w:-]+)="[^"]*\b(NaN|Infinity)\b[^"]*"/.exec(svg);
  if (badAttr) {
    issues.push(
      chartIssue(
        "nan-in-output",
        "",
        messages.nanInOutput(`attribute ${badAttr[1]}`),
        messages.nanInOutputHint(),
      ),
    );
  }
  const badText = />([^<]*\b(?:NaN|Infinity)\b[^<]*)</.exec(svg);
  if (badText) {
    issues.push(
      chartIssue(
        "nan-in-output",
        "",
        messages.nanInOutput(`text "${badText[1]!.trim()}"`),
        messages.nanInOutputHint(),
      ),
    );
  }
  return issues;
}

/** Width and height of an SVG root element, in CSS px. */
export function svgSize(svg: string): { width: number; height: number } | undefined {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0];
  if (!root) return undefined;
  const width = Number(/\swidth="([\d.]+)(?:px)?"/.exec(root)?.[1]);
  const height = Number(/\sheight="([\d.]+)(?:px)?"/.exec(root)?.[1]);
  if (!(width > 0) || !(height > 0)) return undefined;
  return { width, height };
}
