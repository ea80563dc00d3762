/** Property tests (fast-check): escaping and the SVG allow-list hold for any input, not just the cases we thought of. */
import { buildDocument, heading, para } from "@briefkit/document";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SvgError, sanitiseSvg } from "../src/svg.js";
import { render } from "./helpers.js";

/** Any UTF-16 string: controls, noncharacters and lone surrogates included. */
const anyUtf16 = fc.oneof(
  fc.string(),
  fc
    .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 })
    .map((u) => String.fromCharCode(...u)),
);

const FORBIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point of this pattern
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const unescapeHtml = (s: string) =>
  s.replace(
    /&(lt|gt|amp|quot);/g,
    (_, e: string) => ({ lt: "<", gt: ">", amp: "&", quot: '"' })[e] ?? "",
  );

describe("properties", () => {
  it("any text comes back escaped, with forbidden characters replaced and reported", () => {
    fc.assert(
      fc.property(anyUtf16, anyUtf16, (title, body) => {
        const meta = {
          title: `T${title}`,
          edition: "2005",
          date: "2005-09-08",
          language: "en",
          keywords: [],
        };
        const doc = buildDocument(meta, [heading(1, "H"), { ...para(body), id: "p" }]);
        const { html, warnings } = render(doc, { fonts: "none" });
        expect(html).not.toMatch(FORBIDDEN);
        const content = /<p id="p">([\s\S]*?)<\/p>/.exec(html)?.[1] ?? "";
        expect(content).not.toMatch(/[<>]/);
        const expected = body.replace(new RegExp(FORBIDDEN.source, "g"), "\uFFFD");
        expect(unescapeHtml(content)).toBe(expected);
        const reported = warnings.some(
          (w) => w.code === "char-replaced" && w.path.startsWith("blocks[1]"),
        );
        expect(reported).toBe(FORBIDDEN.test(body));
      }),
      { numRuns: 150 },
    );
  });

  it("the SVG sanitiser fails only with SvgError, whatever it is given", () => {
    const opts = { idPrefix: "f", alt: "a", width: 1, height: 1, cleanText: (s: string) => s };
    fc.assert(
      fc.property(anyUtf16, (s) => {
        try {
          sanitiseSvg(`<svg xmlns="http://www.w3.org/2000/svg">${s}</svg>`, opts);
        } catch (e) {
          expect(e).toBeInstanceOf(SvgError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("no generated SVG, however hostile, keeps a script, a handler or an outside reference", () => {
    const names = [
      "g",
      "rect",
      "text",
      "path",
      "use",
      "a",
      "script",
      "foreignObject",
      "image",
      "style",
      "animate",
      "set",
      "iframe",
      "clipPath",
      "svg",
    ];
    const attrNames = [
      "fill",
      "href",
      "xlink:href",
      "onload",
      "onclick",
      "style",
      "id",
      "clip-path",
      "x",
      "mask",
      "filter",
    ];
    const values = [
      "#a",
      "url(#a)",
      "url('#a')",
      "javascript:alert(1)",
      "https://evil.example/x",
      "url(https://evil.example/x)",
      "red",
      "expression(alert(1))",
      "fill:url(//evil.example/y)",
      "a",
      "\\75rl(x)",
    ];
    const attr = fc.tuple(fc.constantFrom(...attrNames), fc.constantFrom(...values));
    const { node } = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        fc.constantFrom("text", "&lt;script&gt;"),
        fc.record({
          name: fc.constantFrom(...names),
          attrs: fc.uniqueArray(attr, { selector: (a) => a[0], maxLength: 4 }),
          children: fc.array(tie("node"), { maxLength: 3 }),
        }),
      ),
    }));
    type Node = string | { name: string; attrs: Array<[string, string]>; children: Node[] };
    const xml = (n: Node): string => {
      if (typeof n === "string") return n;
      const ns = n.name === "iframe" ? ' xmlns="http://www.w3.org/1999/xhtml"' : "";
      const a = n.attrs.map(([k, v]) => ` ${k}="${v.replace(/"/g, "&quot;")}"`).join("");
      return `<${n.name}${ns}${a}>${n.children.map(xml).join("")}</${n.name}>`;
    };
    const opts = { idPrefix: "f", alt: "a", width: 1, height: 1, cleanText: (s: string) => s };
    fc.assert(
      fc.property(fc.array(node, { maxLength: 4 }), (nodes) => {
        const source = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">${(nodes as Node[]).map(xml).join("")}</svg>`;
        const { svg } = sanitiseSvg(source, opts);
        expect(svg).not.toMatch(/<(script|foreignObject|image|style|animate|set|iframe|a)[\s>/]/);
        expect(svg).not.toMatch(/\son\w+=/);
        expect(svg).not.toMatch(/evil|javascript|expression|\\/);
        for (const m of svg.matchAll(/url\(([^)]*)\)/g)) expect(m[1]).toMatch(/^#f-/);
        for (const m of svg.matchAll(/\shref="([^"]*)"/g)) expect(m[1]).toMatch(/^#f-/);
      }),
      { numRuns: 300 },
    );
  });
});
