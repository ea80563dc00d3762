/** The chart SVG sanitiser: what survives, what is removed and reported, and what is refused. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SvgError, sanitiseSvg } from "../src/svg.js";
import { copy, fixture, render } from "./helpers.js";

const opts = {
  idPrefix: "figure-1",
  alt: "A chart",
  width: 600,
  height: 300,
  cleanText: (s: string) => s,
};
const svg = (inner: string, rootAttrs = "") =>
  `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="600" height="300"${rootAttrs}>${inner}</svg>`;
const clean = (inner: string, rootAttrs = "") => sanitiseSvg(svg(inner, rootAttrs), opts);

describe("sanitiseSvg", () => {
  it("keeps shapes, text and presentation attributes, and names the chart by its alt text", () => {
    const out = clean(
      '<g transform="translate(10,10)"><rect x="1" y="2" width="3" height="4" fill="#1f4e79"/><text font-family="Source Sans 3" font-size="11">2004 &amp; &lt;after&gt;</text></g>',
    );
    expect(out.removed).toEqual([]);
    expect(out.svg).toBe(
      '<svg role="img" aria-labelledby="figure-1-title" width="600" height="300" viewBox="0 0 600 300"><title id="figure-1-title">A chart</title><g transform="translate(10,10)"><rect x="1" y="2" width="3" height="4" fill="#1f4e79"/><text font-family="Source Sans 3" font-size="11">2004 &amp; &lt;after&gt;</text></g></svg>',
    );
  });

  it("removes scripts, styles, foreign content, images and animation, and says so", () => {
    const out = clean(
      "<script>alert(1)</script><script><![CDATA[alert(2)]]></script><style>@import url(https://evil.example/x.css);</style>" +
        '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><img src="https://evil.example/p.png"/></div></foreignObject>' +
        '<image href="https://evil.example/i.png"/><image xlink:href="/etc/passwd"/><animate attributeName="href" to="javascript:alert(1)"/>' +
        '<set attributeName="onclick" to="alert(1)"/><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example/"/><rect width="1" height="1"/>',
    );
    expect(out.svg).not.toMatch(
      /script|style|foreignObject|image|animate|set|iframe|evil|alert|passwd/,
    );
    expect(out.svg).toContain('<rect width="1" height="1"/>');
    expect(out.removed).toEqual([
      "<animate>",
      "<foreignObject>",
      "<iframe>",
      "<image>",
      "<script>",
      "<set>",
      "<style>",
    ]);
  });

  it("removes event handlers, external references and unsafe style, keeps local references", () => {
    const out = clean(
      '<defs><clipPath id="clip1"><rect width="5" height="5"/></clipPath><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>' +
        '<g clip-path="url(#clip1)" onclick="alert(1)" onmouseover="alert(2)"><rect fill="url(#g)" stroke="url(https://evil.example/#x)" width="1" height="1"/></g>' +
        '<use href="#clip1"/><use xlink:href="https://evil.example/sprite.svg#a"/><use href="data:image/svg+xml,&lt;svg/&gt;"/>' +
        '<path d="M0,0" style="fill:#000;stroke:url(http://evil.example/);behavior:url(x.htc);font-size:11px"/>',
    );
    expect(out.svg).toContain('<clipPath id="figure-1-clip1">');
    expect(out.svg).toContain('<g clip-path="url(#figure-1-clip1)">');
    expect(out.svg).toContain('<rect fill="url(#figure-1-g)" width="1" height="1"/>');
    expect(out.svg).toContain('<use href="#figure-1-clip1"/>');
    // Style declarations become presentation attributes, so the page CSP needs no 'unsafe-inline'.
    expect(out.svg).toContain('<path d="M0,0" fill="#000" font-size="11px"/>');
    expect(out.svg).not.toMatch(/evil|alert|onclick|style=|behavior|data:/);
    expect(out.removed).toContain("onclick");
    expect(out.removed).toContain("onmouseover");
    expect(out.removed).toContain("stroke=url(https://evil.example/#x)");
    expect(out.removed).toContain("style behavior");
    expect(out.removed).toContain("style stroke");
  });

  it("unwraps links (their children stay, the link goes) and drops nested svg", () => {
    const out = clean(
      '<a href="javascript:alert(1)"><text>label</text></a><a xlink:href="https://example.org"><rect width="1" height="1"/></a><svg><rect width="9" height="9"/></svg>',
    );
    expect(out.svg).toContain('<text>label</text><rect width="1" height="1"/></svg>');
    expect(out.svg).not.toMatch(/<a|javascript|example\.org|width="9"/);
    expect(out.removed).toEqual(["<a>", "<svg>"]);
  });

  it("drops vega's roles, aria attributes and classes (role=img makes the children presentational)", () => {
    const out = clean(
      '<g class="mark-line role-mark" role="graphics-object" aria-roledescription="line mark"><path d="M0,0"/></g>',
      ' class="marks" role="graphics-document" aria-label="old"',
    );
    expect(out.svg).toBe(
      '<svg role="img" aria-labelledby="figure-1-title" width="600" height="300" viewBox="0 0 600 300"><title id="figure-1-title">A chart</title><g><path d="M0,0"/></g></svg>',
    );
  });

  it("keeps an existing viewBox and adds one from the figure size otherwise", () => {
    expect(clean("", ' viewBox="0 0 60 30"').svg).toContain('viewBox="0 0 60 30"');
    expect(clean("").svg).toContain('viewBox="0 0 600 300"');
  });

  it("replaces the chart's own title and desc with the alt text", () => {
    const out = clean('<title>old</title><desc>older</desc><rect width="1" height="1"/>');
    expect(out.svg).not.toMatch(/old/);
    expect(out.svg.match(/<title/g)).toHaveLength(1);
  });

  it("refuses what is not well-formed SVG", () => {
    const bad = [
      "<svg xmlns='http://www.w3.org/2000/svg'><g></svg>",
      "<html><body/></html>",
      "<svg><rect/></svg>", // no SVG namespace
      "not xml at all",
      "<svg xmlns='http://www.w3.org/2000/svg'>&nbsp;</svg>",
      '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>',
      "<svg xmlns='http://www.w3.org/2000/svg'/><svg xmlns='http://www.w3.org/2000/svg'/>",
    ];
    for (const s of bad) expect(() => sanitiseSvg(s, opts), s).toThrow(SvgError);
  });
});

describe("figures with hostile or broken SVG", () => {
  const withSvg = (svgText: string, png = true) => {
    const doc = copy(fixture("kitchen-sink"));
    const fig = doc.blocks.find((b) => b.type === "figure");
    if (fig?.type !== "figure") throw new Error("fixture");
    fig.svg = svgText;
    if (!png) delete fig.png;
    return render(doc);
  };

  it("reports what the sanitiser removed", () => {
    const { html, warnings } = withSvg(
      svg('<script>alert(1)</script><rect width="1" height="1" onload="alert(2)"/>'),
    );
    expect(warnings.map((w) => [w.code, w.path])).toEqual([["svg-sanitised", "blocks[12].svg"]]);
    expect(warnings[0]?.message).toContain("<script>, onload");
    expect(html).not.toContain("alert");
  });

  it("falls back to the PNG, then to the alt text, when the SVG is refused", () => {
    const a = withSvg("<svg><oops></svg>");
    expect(a.warnings.map((w) => w.code)).toEqual(["svg-invalid"]);
    expect(a.html).toMatch(
      /<img src="data:image\/png;base64,[A-Za-z0-9+/=]+" width="120" height="60" alt="Line chart of total/,
    );
    const b = withSvg("<svg><oops></svg>", false);
    expect(b.warnings.map((w) => w.code)).toEqual(["svg-invalid"]);
    expect(b.html).toContain('<p class="fallback">Line chart of total');
  });
});

describe("real vega output", () => {
  // Written by vega 6 / vega-lite 6.4 headless (renderer "none"), as @briefkit/charts does.
  for (const name of ["vega-stacked-bar", "vega-line"]) {
    it(`${name}: nothing of the chart is removed`, () => {
      const source = readFileSync(join(import.meta.dirname, "fixtures", `${name}.svg`), "utf8");
      const out = sanitiseSvg(source, opts);
      expect(out.removed).toEqual([]);
      const count = (s: string, tag: string) =>
        (s.match(new RegExp(`<${tag}[ >/]`, "g")) ?? []).length;
      for (const tag of ["g", "path", "line", "rect", "text"]) {
        expect(count(out.svg, tag), tag).toBe(count(source, tag));
      }
      const texts = (s: string) => [...s.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
      expect(texts(out.svg)).toEqual(texts(source));
    });
  }
});
