/**
 * Chart SVG, made safe to inline: a strict XML parse (saxes, the parser jsdom
 * uses) followed by an allow-list serializer. Only SVG 1.1 shape, text,
 * gradient and clipping elements and their geometry/presentation attributes
 * survive; everything else is dropped and reported: `<script>`, `<style>`,
 * `<foreignObject>`, `<image>`, animation, filters, event handlers, any
 * `href` or `url()` that is not a same-document `#fragment`, and CSS with
 * escapes or at-rules. An allow-list rather than a block-list, because a new
 * SVG feature must be opted into, not discovered by an attacker first.
 *
 * Inline SVGs share the page's id space, so every id is prefixed per figure
 * (vega names its clip paths `clip1`, `clip2`… in every chart) and every
 * `#id` reference rewritten to match.
 *
 * Reference: SVG 1.1 (Second Edition) element and attribute index; HTML
 * Standard §4.8.16 (SVG in HTML).
 */
import { SaxesParser } from "saxes";
import { escapeAttr, escapeText } from "./text.js";

const SVG_NS = "http://www.w3.org/2000/svg";
const XLINK_NS = "http://www.w3.org/1999/xlink";

/** Elements kept (with their allowed attributes). */
const ELEMENTS = new Set([
  "svg",
  "g",
  "defs",
  "symbol",
  "use",
  "clipPath",
  "mask",
  "linearGradient",
  "radialGradient",
  "stop",
  "pattern",
  "marker",
  "path",
  "rect",
  "circle",
  "ellipse",
  "line",
  "polyline",
  "polygon",
  "text",
  "tspan",
]);
/** Elements whose children are kept but which are themselves left out (links would be live). */
const UNWRAP = new Set(["a", "switch"]);
/** Replaced by the figure's own alt text, so silently dropped. */
const REPLACED = new Set(["title", "desc", "metadata"]);

const ATTRIBUTES = new Set([
  // geometry
  "x",
  "y",
  "x1",
  "y1",
  "x2",
  "y2",
  "cx",
  "cy",
  "r",
  "rx",
  "ry",
  "fx",
  "fy",
  "fr",
  "width",
  "height",
  "d",
  "points",
  "pathLength",
  "viewBox",
  "preserveAspectRatio",
  "transform",
  "dx",
  "dy",
  "rotate",
  "textLength",
  "lengthAdjust",
  "offset",
  "gradientUnits",
  "gradientTransform",
  "spreadMethod",
  "clipPathUnits",
  "maskUnits",
  "maskContentUnits",
  "patternUnits",
  "patternContentUnits",
  "patternTransform",
  "markerWidth",
  "markerHeight",
  "markerUnits",
  "refX",
  "refY",
  "orient",
  // presentation
  "fill",
  "fill-opacity",
  "fill-rule",
  "stroke",
  "stroke-width",
  "stroke-opacity",
  "stroke-dasharray",
  "stroke-dashoffset",
  "stroke-linecap",
  "stroke-linejoin",
  "stroke-miterlimit",
  "opacity",
  "clip-path",
  "clip-rule",
  "mask",
  "marker-start",
  "marker-mid",
  "marker-end",
  "color",
  "stop-color",
  "stop-opacity",
  "font-family",
  "font-size",
  "font-weight",
  "font-style",
  "font-variant",
  "font-stretch",
  "text-anchor",
  "dominant-baseline",
  "alignment-baseline",
  "baseline-shift",
  "letter-spacing",
  "word-spacing",
  "text-decoration",
  "direction",
  "writing-mode",
  "visibility",
  "display",
  "shape-rendering",
  "text-rendering",
  "vector-effect",
  "paint-order",
  "white-space",
  "pointer-events",
]);
/** Presentation attributes (and CSS properties) that may hold `url(#id)`. */
const URL_VALUED = new Set([
  "fill",
  "stroke",
  "clip-path",
  "mask",
  "marker-start",
  "marker-mid",
  "marker-end",
]);

const NAME = /^[A-Za-z_][\w.-]*$/;
const LOCAL_URL = /^url\(\s*(['"]?)#([A-Za-z_][\w.-]*)\1\s*\)$/;

export class SvgError extends Error {}

export interface SanitisedSvg {
  /** The SVG in HTML syntax, root first. */
  svg: string;
  /** What was removed, e.g. ["<script>", "onclick", "href=http://…"], sorted. */
  removed: string[];
}

export interface SanitiseOptions {
  /** Prefix for every id in this SVG, unique in the page. @example "figure-1" */
  idPrefix: string;
  /** The figure's alt text: becomes the SVG's `<title>` and accessible name. */
  alt: string;
  /** Figure size in CSS px, used when the SVG has no viewBox. */
  width: number;
  height: number;
  /** Cleans a text node (forbidden characters); returns the text to write. */
  cleanText: (text: string) => string;
}

interface Element {
  name: string;
  ns: string;
  attrs: Array<{ name: string; local: string; uri: string; value: string }>;
  children: Array<Element | string>;
}

function parse(source: string): Element {
  const parser = new SaxesParser({ xmlns: true, position: false });
  const root: Element = { name: "#root", ns: "", attrs: [], children: [] };
  const stack: Element[] = [root];
  let failure: Error | undefined;
  parser.on("error", (e) => {
    failure ??= e;
  });
  parser.on("doctype", () => {
    // A DTD could declare entities; charts never need one.
    failure ??= new SvgError("a DOCTYPE is not allowed");
  });
  parser.on("opentag", (tag) => {
    const el: Element = {
      name: tag.local,
      ns: tag.uri,
      attrs: Object.values(tag.attributes).map((a) => ({
        name: a.name,
        local: a.local,
        uri: a.uri,
        value: a.value,
      })),
      children: [],
    };
    stack.at(-1)?.children.push(el);
    stack.push(el);
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  const text = (t: string) => {
    stack.at(-1)?.children.push(t);
  };
  parser.on("text", text);
  parser.on("cdata", text);
  try {
    parser.write(source).close();
  } catch (e) {
    failure ??= e instanceof Error ? e : new Error(String(e));
  }
  if (failure) throw new SvgError(failure.message.split("\n")[0] ?? "not well-formed XML");
  const top = root.children.filter((c): c is Element => typeof c !== "string");
  const first = top[0];
  if (top.length !== 1 || first === undefined || first.name !== "svg" || first.ns !== SVG_NS) {
    throw new SvgError("the root element is not an SVG <svg>");
  }
  return first;
}

/** Parses, filters and re-serialises chart SVG; throws SvgError when it is not well-formed SVG. */
export function sanitiseSvg(source: string, opts: SanitiseOptions): SanitisedSvg {
  const root = parse(source);
  const removed = new Set<string>();
  const prefixed = (id: string) => `${opts.idPrefix}-${id}`;

  /** A checked attribute value, or undefined to drop it. */
  const checkValue = (name: string, value: string): string | undefined => {
    if (/url\s*\(/i.test(value)) {
      const local = LOCAL_URL.exec(value.trim());
      if (!URL_VALUED.has(name) || !local) return undefined;
      return `url(#${prefixed(local[2] ?? "")})`;
    }
    // Geometry, colours, lengths, transforms and font names need no more than
    // these characters; escapes, at-rules, schemes (`:`) and paths (`/`) are refused.
    if (!/^[\w\s#.,%()+\-'"!*]*$/.test(value) || /expression\s*\(/i.test(value)) return undefined;
    return value;
  };

  /**
   * CSS declarations of a `style` attribute, checked one by one. They come back
   * as presentation attributes: the page's CSP allows its one stylesheet by
   * hash, so an inline `style` would be refused (and logged) by the browser.
   */
  const styleDeclarations = (style: string): Array<[string, string]> => {
    const kept: Array<[string, string]> = [];
    for (const decl of style.split(";")) {
      if (decl.trim() === "") continue;
      const colon = decl.indexOf(":");
      const prop = decl.slice(0, colon).trim().toLowerCase();
      const value = colon < 0 ? undefined : checkValue(prop, decl.slice(colon + 1).trim());
      if (colon < 0 || !ATTRIBUTES.has(prop) || value === undefined) removed.add(`style ${prop}`);
      else kept.push([prop, value]);
    }
    return kept;
  };

  /** The element's attributes after the allow-list, in source order; style declarations win. */
  const attributes = (el: Element, isRoot: boolean): Map<string, string> => {
    const out = new Map<string, string>();
    const styles: Array<[string, string]> = [];
    for (const a of el.attrs) {
      // Namespace declarations and `version` mean nothing once the SVG is inside HTML.
      const isXmlns = a.name === "xmlns" || a.name.startsWith("xmlns:");
      if (isXmlns || (isRoot && a.local === "version")) continue;
      if (a.uri === XLINK_NS || (a.uri === "" && a.local === "href")) {
        const target = /^#([A-Za-z_][\w.-]*)$/.exec(a.value.trim());
        if (a.local === "href" && target && el.name === "use") {
          out.set("href", `#${prefixed(target[1] ?? "")}`);
        } else removed.add(`${a.name}=${a.value.slice(0, 40)}`);
        continue;
      }
      if (a.uri !== "") {
        // xml:space and friends: meaningless once serialised as HTML.
        if (a.uri !== "http://www.w3.org/XML/1998/namespace") removed.add(a.name);
        continue;
      }
      if (a.local === "id") {
        if (NAME.test(a.value)) out.set("id", prefixed(a.value));
        else removed.add(`id=${a.value.slice(0, 40)}`);
        continue;
      }
      // Vega's roles and aria-* describe marks to assistive technology; the figure's
      // own alt text replaces them (role="img" makes the children presentational).
      if (a.local === "role" || a.local.startsWith("aria-") || a.local === "class") continue;
      if (a.local === "style") {
        styles.push(...styleDeclarations(a.value));
        continue;
      }
      if (!ATTRIBUTES.has(a.local)) {
        removed.add(a.local);
        continue;
      }
      const value = checkValue(a.local, a.value);
      if (value === undefined) removed.add(`${a.local}=${a.value.slice(0, 40)}`);
      else out.set(a.local, value);
    }
    for (const [prop, value] of styles) out.set(prop, value);
    if (isRoot && !out.has("viewBox")) out.set("viewBox", `0 0 ${opts.width} ${opts.height}`);
    return out;
  };

  const serialise = (attrs: Map<string, string>): string =>
    [...attrs].map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join("");

  const children = (el: Element): string => {
    let out = "";
    for (const c of el.children) {
      if (typeof c === "string") out += escapeText(opts.cleanText(c));
      else out += element(c);
    }
    return out;
  };

  const element = (el: Element): string => {
    if (el.ns !== SVG_NS) {
      removed.add(`<${el.name}>`);
      return "";
    }
    if (REPLACED.has(el.name)) return "";
    if (UNWRAP.has(el.name)) {
      removed.add(`<${el.name}>`);
      return children(el);
    }
    if (!ELEMENTS.has(el.name) || el.name === "svg") {
      // Nested <svg> could reset the id prefix scope; charts do not need it.
      removed.add(`<${el.name}>`);
      return "";
    }
    const attrs = attributes(el, false);
    // A <use> whose reference was removed would draw nothing.
    if (el.name === "use" && !attrs.has("href")) return "";
    const inner = children(el);
    const a = serialise(attrs);
    return inner === "" ? `<${el.name}${a}/>` : `<${el.name}${a}>${inner}</${el.name}>`;
  };

  const titleId = prefixed("title");
  const rootAttrs = attributes(root, true);
  // Ours, not the chart's: the accessible name is the figure's alt text.
  for (const name of ["role", "aria-labelledby"]) rootAttrs.delete(name);
  const svg =
    `<svg role="img" aria-labelledby="${escapeAttr(titleId)}"${serialise(rootAttrs)}>` +
    `<title id="${escapeAttr(titleId)}">${escapeText(opts.alt)}</title>${children(root)}</svg>`;
  return { svg, removed: [...removed].sort() };
}
