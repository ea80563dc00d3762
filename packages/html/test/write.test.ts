/** The writer's structure and its handling of bad input, asserted on warning codes. */
import {
  buildDocument,
  cell,
  type Document,
  heading,
  inlines,
  link,
  para,
  row,
  table,
} from "@briefkit/document";
import { describe, expect, it } from "vitest";
import { copy, fixture, render } from "./helpers.js";

const meta: Document["meta"] = {
  title: 'A <brief> & "its" title',
  edition: "2005",
  date: "2005-09-08",
  language: "en-GB",
  keywords: [],
};

const codes = (ws: readonly { code: string }[]) => ws.map((w) => w.code);

describe("document shell", () => {
  const { html } = render(fixture("kitchen-sink"));

  it("is one HTML5 file with lang, charset, title, description and keywords", () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en-GB">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain("<title>Russia and Japan Beyond 2005 — Full paper</title>");
    expect(html).toContain(
      '<meta name="description" content="Trade, investment and energy: a policy brief">',
    );
    expect(html).toContain('<meta name="keywords" content="Russia, Japan, trade, energy">');
  });

  it("has no script and no reference to anything outside the file", () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    // Every URL is a fragment, a data: URI, or a link the reader clicks (http(s)/mailto in <a href>).
    const urls = [...html.matchAll(/(?:src|href)="([^"]*)"/g)].map((m) => m[1] ?? "");
    for (const u of urls) expect(u).toMatch(/^(#|data:|https?:\/\/|mailto:)/);
    expect(html).not.toMatch(/url\((?!data:|#)/);
    expect(html).not.toContain("@import");
  });

  it("allows its one stylesheet by hash in the Content-Security-Policy", async () => {
    const { createHash } = await import("node:crypto");
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? "";
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? "";
    expect(csp).toMatch(/^default-src 'none'; /);
    expect(csp).toContain(
      `style-src 'sha256-${createHash("sha256").update(css).digest("base64")}'`,
    );
    expect(csp).toContain("img-src data:; font-src data:");
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html).not.toMatch(/\sstyle="/);
  });

  it("embeds the fonts as WOFF subsets, a few kB each", () => {
    const faces = [
      ...html.matchAll(
        /font-family:"([^"]+)";font-style:(\w+);font-weight:(\d+);src:url\(data:font\/woff;base64,([^)]+)\)/g,
      ),
    ];
    expect(faces.map((f) => `${f[1]} ${f[3]} ${f[2]}`)).toEqual([
      "Source Serif 4 400 normal",
      "Source Serif 4 400 italic",
      "Source Serif 4 700 normal",
      "Source Sans 3 400 normal",
      "Source Sans 3 700 normal",
    ]);
    for (const f of faces) {
      const bytes = Buffer.from(f[4] ?? "", "base64");
      expect(bytes.subarray(0, 4).toString("latin1")).toBe("wOFF");
      expect(bytes.byteLength).toBeLessThan(40_000);
    }
  });

  it("embeds no font with fonts: 'none'", () => {
    const none = render(fixture("kitchen-sink"), { fonts: "none" }).html;
    expect(none).not.toContain("@font-face");
    expect(none).toContain('"Source Serif 4", "Source Serif Pro", Georgia');
  });

  it("writes the title block", () => {
    expect(html).toContain("<h1>Russia and Japan Beyond 2005</h1>");
    expect(html).toContain(
      '<p class="kicker"><span>Fixture Institute</span><span>Full paper</span></p>',
    );
    expect(html).toContain('<time datetime="2005-09-08">8 September 2005</time>');
    expect(html).toContain(
      '<dt>Data as of</dt><dd><time datetime="2005-06-30">30 June 2005</time>',
    );
  });

  it("links every internal href to an id that exists, and repeats no id", () => {
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of html.matchAll(/href="#([^"]+)"/g)) expect(ids).toContain(m[1]);
    for (const m of html.matchAll(/aria-(?:labelledby|describedby)="([^"]+)"/g))
      expect(ids).toContain(m[1]);
  });
});

describe("blocks", () => {
  const { html } = render(fixture("kitchen-sink"));

  it("numbers headings and nests the contents", () => {
    expect(html).toContain('<h2 id="sec-1"><span class="secno">1</span> Introduction</h2>');
    expect(html).toContain('<h3 id="sec-1-1"><span class="secno">1.1</span> Economic links</h3>');
    expect(html).toContain('<h2 id="sec-key-findings">Key findings</h2>');
    expect(html).toMatch(
      /<nav class="toc" aria-labelledby="toc-title">\n<h2 id="toc-title">Contents<\/h2>/,
    );
    expect(html).toContain(
      '<li><a href="#sec-1"><span class="secno">1</span> Introduction</a>\n<ol>\n<li><a href="#sec-1-1">',
    );
    // depth 2: the level-3 heading is not in the contents
    expect(html).not.toContain('href="#sec-1-1-1"');
  });

  it("writes tables with caption, thead/tbody, scoped headers, numeric cells and totals", () => {
    expect(html).toContain(
      '<caption id="table-1-caption"><span class="label">Table 1.</span> Russia–Japan bilateral trade (US$ billion)</caption>',
    );
    // The wrapper scrolls a wide table on a narrow screen: focusable, so the keyboard can
    // scroll it, and a region named by the caption.
    expect(html).toContain(
      '<section class="table-block" id="table-1" aria-labelledby="table-1-caption" tabindex="0">\n<table',
    );
    expect(html).toContain(
      '<tr><td></td><th scope="colgroup" colspan="2" class="span">Trade flow</th></tr>',
    );
    expect(html).toContain('<th scope="col" class="num">Exports</th>');
    expect(html).toContain(
      '<tr><th scope="row">1998</th><td class="num"><data value="2.9">2.9</data></td>',
    );
    expect(html).toContain('<tr class="total"><th scope="row"><strong>Total</strong></th>');
    expect(html).toContain('<td class="num"><abbr class="na" title="not available">—</abbr></td>');
    expect(html).toContain('<table aria-describedby="table-1-notes">');
    expect(html).toContain(
      '<p class="source">Source: Ministry of Economic Development and Trade, Russia</p>',
    );
  });

  it("makes a label a row header for the rows under it left empty, and a column without heading a column of row headers", () => {
    const doc = buildDocument(meta, [
      table({
        caption: inlines("Trade by region"),
        columns: [{ align: "left" }, { align: "left" }, { align: "right", numeric: true }],
        head: [row([cell("Region"), cell(""), cell("2003")])],
        body: [
          row([cell("Yakutia"), cell("Exports"), cell("138.9")]),
          row([cell(""), cell("Imports"), cell("11.0")]),
          row([cell("Sakhalin"), cell("Exports"), cell("121.7")]),
          row([cell(""), cell("Imports"), cell("20.7")]),
          row([cell("Total"), cell("Exports"), cell("260.6")], "total"),
          row([cell(""), cell("Imports"), cell("31.7")], "total"),
          row([cell(""), cell("Trade"), cell("292.3")], "total"),
        ],
        notes: [],
        source: [],
      }),
    ]);
    const rows = [...render(doc).html.matchAll(/<tr[^>]*>.*?<\/tr>/g)].map((m) => m[0]);
    expect(rows).toEqual([
      '<tr><th scope="col">Region</th><td></td><th scope="col" class="num">2003</th></tr>',
      '<tr><th scope="row" rowspan="2">Yakutia</th><th scope="row">Exports</th><td class="num">138.9</td></tr>',
      '<tr class="spanned"><th scope="row">Imports</th><td class="num">11.0</td></tr>',
      '<tr><th scope="row" rowspan="2">Sakhalin</th><th scope="row">Exports</th><td class="num">121.7</td></tr>',
      '<tr class="spanned"><th scope="row">Imports</th><td class="num">20.7</td></tr>',
      // A span never runs from body rows into the totals.
      '<tr class="total"><th scope="row" rowspan="3">Total</th><th scope="row">Exports</th><td class="num">260.6</td></tr>',
      '<tr class="total spanned"><th scope="row">Imports</th><td class="num">31.7</td></tr>',
      '<tr class="total spanned"><th scope="row">Trade</th><td class="num">292.3</td></tr>',
    ]);
  });

  it("spans no label over a row of another role, and makes a headed text column data", () => {
    const doc = buildDocument(meta, [
      table({
        caption: inlines("Loans"),
        columns: [{ align: "left" }, { align: "left" }, { align: "right", numeric: true }],
        head: [row([cell("Date"), cell("Recipient"), cell("Amount")])],
        body: [
          row([cell("March 2002"), cell("Vneshtorgbank"), cell("40")]),
          row([cell(""), cell("Gloverbel"), cell("5")], "total"),
        ],
        notes: [],
        source: [],
      }),
    ]);
    const rows = [...render(doc).html.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)].map((m) => m[1]);
    expect(rows.slice(1)).toEqual([
      '<th scope="row">March 2002</th><td>Vneshtorgbank</td><td class="num">40</td>',
      '<td></td><td>Gloverbel</td><td class="num">5</td>',
    ]);
  });

  it("writes figures with a numbered caption, an accessible SVG and a source line", () => {
    expect(html).toContain(
      '<figure class="figure" id="figure-1">\n<figcaption><span class="label">Figure 1.</span> Russia–Japan bilateral trade, 1998–2004</figcaption>\n<svg role="img" aria-labelledby="figure-1-title"',
    );
    expect(html).toContain('<title id="figure-1-title">Line chart of total Russia–Japan trade');
  });

  it("writes key figures, callouts and a page break", () => {
    expect(html).toContain(
      '<div class="key-figures" role="group" id="key-figures-1" aria-labelledby="key-figures-1-title">',
    );
    expect(html).toContain(
      '<div><dt>bilateral trade in 2004</dt><dd><data value="8.8">US$8.8 billion</data></dd></div>',
    );
    expect(html).toContain(
      '<aside class="callout finding" role="note" id="callout-1" aria-labelledby="callout-1-title">',
    );
    expect(html).toContain('<p class="box-title" id="callout-2-title">Recommendation</p>');
    expect(html).toContain('<div class="page-break"></div>');
  });

  it("writes footnotes as endnotes with references and back-links", () => {
    expect(html).toContain(
      '<sup class="footnote-ref"><a href="#fn-1" id="fnref-1" role="doc-noteref" aria-label="Note 1">1</a></sup>',
    );
    expect(html).toContain(
      '<section class="endnotes" role="doc-endnotes" aria-labelledby="notes-title">',
    );
    expect(html).toMatch(
      /<li id="fn-1" value="1"><p>Presented at .*<a class="backlink" href="#fnref-1" role="doc-backlink" aria-label="Back to reference 1">↑<\/a><\/p><\/li>/,
    );
  });

  it("gives each reference to the same note its own id and back-link", () => {
    const doc = buildDocument(
      meta,
      [
        heading(1, "A"),
        para("x", { type: "footnoteRef", number: 1 }, " y", { type: "footnoteRef", number: 1 }),
      ],
      [{ number: 1, children: [para("Note.")] }],
    );
    const { html: out } = render(doc);
    expect(out).toContain('id="fnref-1"');
    expect(out).toContain('id="fnref-1-2"');
    expect(out).toContain(
      'href="#fnref-1-2" role="doc-backlink" aria-label="Back to reference 1.2">↑<sup>2</sup></a>',
    );
  });

  it("uses the terms it is given", () => {
    const { html: out } = render(fixture("kitchen-sink"), {
      terms: {
        figure: "Abbildung",
        table: "Tabelle",
        endnotes: "Anmerkungen",
        pageOf: (page, pages) => `Seite ${page} von ${pages}`,
      },
    });
    expect(out).toContain('<span class="label">Abbildung 1.</span>');
    expect(out).toContain('<span class="label">Tabelle 1.</span>');
    expect(out).toContain('<h2 id="notes-title">Anmerkungen</h2>');
    expect(out).toContain('@bottom-right{content:"Seite " counter(page) " von " counter(pages);');
  });
});

describe("bad input", () => {
  it("escapes text everywhere, meta included", () => {
    const doc = buildDocument(meta, [
      heading(1, "<script>alert(1)</script>"),
      para('a & b < c > d "e"'),
    ]);
    const { html } = render(doc);
    expect(html).toContain('<title>A &lt;brief&gt; &amp; "its" title</title>');
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain('<p>a &amp; b &lt; c &gt; d "e"</p>');
    expect(html).not.toContain("<script>");
  });

  it("cannot break out of the stylesheet through the running header", () => {
    const doc = buildDocument({ ...meta, title: 'x</style><script>alert(1)</script>"' }, [
      heading(1, "A"),
    ]);
    const { html } = render(doc);
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? "";
    expect(css).not.toMatch(/<\//);
    expect(css).toContain(
      '@top-left{content:"x\\3c /style\\3e \\3c script\\3e alert(1)\\3c /script\\3e \\22 "',
    );
    expect(html).not.toContain("<script>");
  });

  it("replaces characters HTML forbids and reports each node", () => {
    const { html, warnings } = render(fixture("unicode"));
    expect(html).toContain("Forbidden in XML: [\uFFFD] [\uFFFD] [\uFFFD].");
    expect(html).not.toMatch(/[\uFFFE\uFFFF]/);
    const replaced = warnings.filter((w) => w.code === "char-replaced");
    expect(replaced.map((w) => w.path)).toEqual(["blocks[2].children[0]"]);
  });

  it("replaces C0 controls and astral noncharacters, and keeps valid astral characters", () => {
    const doc = buildDocument(meta, [
      heading(1, "A"),
      para("bell\u0007 nul\u0000 nonchar\u{1FFFE} ok\u{1D400} tab\tnl"),
    ]);
    const { html, warnings } = render(doc);
    expect(html).toContain("bell\uFFFD nul\uFFFD nonchar\uFFFD ok\u{1D400} tab\tnl");
    expect(codes(warnings)).toContain("char-replaced");
  });

  it("reports text the embedded fonts cannot show, with its position", () => {
    const { warnings } = render(fixture("unicode"));
    const fallback = warnings.filter((w) => w.code === "glyph-missing");
    expect(fallback.map((w) => w.path)).toEqual(["blocks[3].children[0]"]);
    // Thai is in no font; the Japanese beside it is the East Asian fallback's, so not reported.
    expect(fallback[0]?.message).toContain("U+0E44");
    expect(fallback[0]?.message).not.toContain("U+65E5");
  });

  it("writes a link that is not http(s) or mailto as plain text, with a warning", () => {
    const doc = copy(
      buildDocument(meta, [heading(1, "A"), para(link("https://example.org/", "ok"))]),
    );
    const bad = [
      "javascript:alert(1)",
      "JAVASCRIPT:alert(1)",
      "file:///etc/passwd",
      "data:text/html,x",
      " https://x.org",
      "//evil.example/",
    ];
    for (const url of bad) {
      const p = doc.blocks[1];
      if (p?.type !== "paragraph" || p.children[0]?.type !== "link") throw new Error("fixture");
      p.children[0].url = url;
      const { html, warnings } = render(doc);
      expect(html).toContain("<p>ok</p>");
      expect(warnings.map((w) => [w.code, w.path])).toEqual([
        ["unsafe-link", "blocks[1].children[0]"],
      ]);
    }
  });

  it("reports a node type it does not know instead of dropping it silently", () => {
    const doc = copy(fixture("kitchen-sink"));
    (doc.blocks as unknown[]).splice(2, 0, { type: "video", src: "https://example.org/v.mp4" });
    const at = doc.blocks.findIndex((b) => b.type === "paragraph");
    const p = doc.blocks[at];
    if (p?.type !== "paragraph") throw new Error("fixture");
    (p.children as unknown[]).push({ type: "math", tex: "x" });
    const { html, warnings } = render(doc);
    const notRendered = warnings.filter((w) => w.code === "not-rendered");
    expect(notRendered.map((w) => w.path)).toEqual([
      "blocks[2]",
      `blocks[${at}].children[${p.children.length - 1}]`,
    ]);
    expect(notRendered[0]?.message).toContain('"video"');
    expect(html).not.toContain("v.mp4");
  });

  it("writes a reference to a missing footnote without a link, with a warning", () => {
    const doc = copy(fixture("kitchen-sink"));
    doc.footnotes = doc.footnotes.filter((f) => f.number !== 2);
    const { html, warnings } = render(doc);
    expect(codes(warnings)).toEqual(["footnote-missing"]);
    expect(html).not.toContain('href="#fn-2"');
  });
});

describe("tracked changes", () => {
  const { html, warnings } = render(fixture("tracked-changes"));

  it("writes insertions as <ins> and deletions as <del>, with the day and who in the tooltip", () => {
    expect(warnings).toEqual([]);
    expect(html).toContain(
      '<del class="change" datetime="2006-09-08" title="Deleted by briefkit on 8 September 2006">Trade reached <data value="8.8">US$8.8 billion</data> in 2004 and rose.</del>',
    );
    expect(html).toContain(
      '<ins class="change" datetime="2006-09-08" title="Inserted by briefkit on 8 September 2006">Trade reached <data value="10.7">',
    );
    expect(html).toContain(
      '<ins class="change" title="Inserted">A change with no author or date.</ins>',
    );
  });

  it("styles them in the theme's change colour, only in documents that have some", () => {
    expect(html).toMatch(/ins\.change,del\.change\{color:#b3261e/);
    expect(html).toContain("del.change{text-decoration-line:line-through}");
    expect(render(fixture("kitchen-sink")).html).not.toContain(".change");
  });
});
