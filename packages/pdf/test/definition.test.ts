/**
 * Unit tests of step one (model → docDefinition): how each node type is laid
 * out, and the warnings for what cannot be shown. Documents are built with
 * the model's builders.
 */
import {
  advanceWidth,
  buildDocument,
  callout,
  cell,
  type Document,
  type DraftBlock,
  deletionWith,
  figure,
  footnote,
  heading,
  headingWith,
  inlines,
  insertion,
  keyFigures,
  link,
  loadFace,
  type Meta,
  noteRef,
  num,
  pageBreak,
  para,
  row,
  strong,
  table,
  toc,
} from "@briefkit/document";
import { describe, expect, it } from "vitest";
import { toDocDefinition, writePdf } from "../src/index.js";
import { REPLACEMENT_FONT } from "../src/replacement.js";
import { context, options } from "./helpers.js";

const meta: Meta = {
  title: "A brief",
  author: "Analyst",
  organisation: "Institute",
  edition: "2006",
  date: "2006-03-01",
  language: "en-GB",
  subject: "Testing",
  keywords: ["one", "two"],
};

type J = Record<string, unknown>;
const build = (blocks: DraftBlock[], notes: Parameters<typeof buildDocument>[2] = []) =>
  buildDocument(meta, blocks, notes);

function define(doc: Document, now?: string) {
  const ctx = context(now);
  const def = toDocDefinition(doc, options, ctx);
  // content[0] is the title block.
  return { def, body: def.content.slice(1) as J[], warnings: ctx.warnings };
}

const leaves = (node: J): string =>
  ((node.text as Array<{ text: string }>) ?? []).map((l) => l.text).join("");

function smallTable(): DraftBlock {
  return table({
    caption: inlines("Trade"),
    columns: [{ align: "left" }, { align: "right", numeric: true }],
    head: [row([cell("Year"), cell("Value")])],
    body: [
      row([cell("2004"), cell(num(5.7, "5.7", { table: "t" }))]),
      row([cell("2005"), cell()]),
      row([cell(strong("Total")), cell(num(5.7, "5.7", { table: "t" }))], "total"),
    ],
    notes: [inlines("A note.")],
    source: inlines("Ministry"),
  });
}

describe("toDocDefinition", () => {
  it("sets A4, margins from the theme (mm → pt), language and info dated ctx.now", () => {
    const { def } = define(build([para("x")]), "2006-03-01T12:00:00Z");
    expect(def.pageSize).toBe("A4");
    expect(def.pageMargins).toEqual([70.87, 62.36, 70.87, 68.03]);
    expect(def.language).toBe("en-GB");
    expect(def.info).toEqual({
      title: "A brief",
      author: "Analyst, Institute",
      subject: "Testing",
      keywords: "one, two",
      creator: "briefkit",
      producer: "briefkit (pdfmake 0.3)",
      creationDate: "2006-03-01T12:00:00.000Z",
      modDate: "2006-03-01T12:00:00.000Z",
    });
  });

  it("opens with a title block: organisation, title, author, edition, date and audience", () => {
    const doc = buildDocument({ ...meta, subtitle: "Sub", audienceLabel: "Executive summary" }, [
      para("x"),
    ]);
    const { def } = define(doc);
    const text = JSON.stringify(def.content[0]);
    for (const s of [
      "INSTITUTE",
      "A brief",
      "Sub",
      "Analyst, Institute",
      "Edition 2006",
      "1 March 2006",
      "Executive summary",
    ]) {
      expect(text).toContain(s);
    }
  });

  it("numbers headings, marks them for keep-with-next, the outline and the TOC", () => {
    const { body } = define(
      build([toc("Contents", 2), heading(1, "Intro"), heading(2, "Detail"), heading(3, "Deep")]),
    );
    const [contents, h1, h2, h3] = body as [J, J, J, J];
    expect(contents.toc).toMatchObject({ id: expect.any(String), title: { text: "Contents" } });
    const tocId = (contents.toc as J).id;
    expect(leaves(h1)).toBe("1 Intro");
    expect(leaves(h2)).toBe("1.1 Detail");
    expect(leaves(h3)).toBe("1.1.1 Deep");
    expect(h1).toMatchObject({ style: "h1", headlineLevel: 1, outline: true, tocItem: [tocId] });
    expect(h2).toMatchObject({ style: "h2", outlineParentId: h1.id, tocItem: [tocId] });
    // depth 2: level-3 headings stay out of the contents.
    expect(h3.tocItem).toBeUndefined();
    expect(h3.outlineParentId).toBe(h2.id);
  });

  it("leaves unnumbered headings unnumbered", () => {
    const { body } = define(build([headingWith({ numbered: false }, 1, "Summary")]));
    expect(leaves(body[0] as J)).toBe("Summary");
  });

  it("lays tables out with repeating caption and heads, unsplit rows, tabular figures, — and a ruled total", () => {
    const { body } = define(build([smallTable()]));
    const stack = (body[0] as { stack: [J, J] }).stack;
    const t = stack[0].table as {
      headerRows: number;
      keepWithHeaderRows: number;
      dontBreakRows: boolean;
      widths: string[];
      body: J[][];
    };
    expect(t.headerRows).toBe(2);
    expect(t.keepWithHeaderRows).toBe(1);
    expect(t.dontBreakRows).toBe(true);
    expect(t.widths).toEqual(["*", "auto"]);
    const [caption, headRow, r2004, r2005, total] = t.body as [J[], J[], J[], J[], J[]];
    expect(leaves(caption[0] as J)).toBe("Table 1. Trade");
    expect(caption[0]).toMatchObject({ colSpan: 2 });
    expect(headRow[1]).toMatchObject({ style: "head", alignment: "right" });
    expect(r2004[1]).toMatchObject({ alignment: "right" });
    // Source Sans 3's default figures are tabular already: no OpenType feature needed (fonts.ts).
    expect(r2004[1]?.fontFeatures).toBeUndefined();
    expect(leaves(r2005[1] as J)).toBe("—");
    expect(total[1]).toMatchObject({ style: "total", border: [false, true, false, true] });
    expect(JSON.stringify(stack[1])).toContain('"Ministry"');
    expect(JSON.stringify(stack[1])).toContain("A note.");
    expect(stack[1].unbreakable).toBe(true);
  });

  it("prints the model's source line as it stands, adding no word of its own (as DOCX and HTML do)", () => {
    const t = smallTable() as Extract<DraftBlock, { type: "table" }>;
    for (const source of ["Sources: A; B", "Ministry"]) {
      const { body } = define(build([{ ...t, source: inlines(source) }]));
      const below = (body[0] as { stack: [J, { stack: J[] }] }).stack[1].stack;
      expect(leaves(below.at(-1) as J)).toBe(source);
    }
  });

  it("puts a figure's caption, vector SVG and source in one unbreakable stack, SVG fitted to the text width", () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="300"><text font-family="Source Sans 3">1998</text></svg>`;
    const { body } = define(
      build([
        figure({
          caption: inlines("Trade"),
          alt: "A chart",
          svg,
          width: 600,
          height: 300,
          notes: [],
          source: inlines("Source: X"),
        }),
      ]),
    );
    const fig = body[0] as { stack: J[]; unbreakable: boolean };
    expect(fig.unbreakable).toBe(true);
    expect(leaves(fig.stack[0] as J)).toBe("Figure 1. Trade");
    expect(fig.stack[1]).toMatchObject({
      svg,
      fit: [453.54, expect.any(Number)],
      font: "Source Sans 3",
    });
    expect(JSON.stringify(fig.stack[2])).toContain("Source: X");
  });

  it("strips <image> from chart SVG and warns", () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="/etc/passwd" width="5" height="5"/><rect width="1" height="1"/></svg>`;
    const { body, warnings } = define(
      build([
        figure({
          caption: inlines("X"),
          alt: "alt",
          svg,
          width: 10,
          height: 10,
          notes: [],
          source: [],
        }),
      ]),
    );
    expect(JSON.stringify(body)).not.toContain("passwd");
    expect(warnings.map((w) => w.code)).toEqual(["svg-sanitised"]);
    expect(warnings[0]?.path).toBe("blocks[0].svg");
  });

  it("draws key figures and callouts as unbreakable panels", () => {
    const { body } = define(
      build([
        keyFigures(
          [{ value: num(8.8, "US$8.8 billion", {}), label: inlines("trade") }],
          "Key figures",
        ),
        callout("recommendation", [para("Act.")]),
      ]),
    );
    const [kf, co] = body as [J, J];
    expect(kf).toMatchObject({ layout: "briefkit-panel", unbreakable: true });
    expect(JSON.stringify(kf)).toContain("US$8.8 billion");
    expect(JSON.stringify(kf)).toContain("KEY FIGURES");
    expect(co).toMatchObject({ layout: "briefkit-callout", unbreakable: true });
    expect(JSON.stringify(co)).toContain("Recommendation");
  });

  it("keeps a key-figures box inside the text width: fewer columns where the values would not fit at 11 pt", () => {
    const values = [
      "US$620–850 billion",
      "up to US$35 billion",
      "US$30–50 billion",
      "about US$12 billion",
    ];
    const { body } = define(
      build([
        keyFigures(
          values.map((v, i) => ({ value: num(i, v, {}), label: inlines("label") })),
          "The energy investment at stake",
        ),
      ]),
    );
    const table = (body[0] as { table: { widths: J[]; body: J[][] } }).table;
    const columns = table.widths.length;
    expect(columns).toBe(3);
    const face = loadFace(options.theme.fonts.heading.bold);
    const room = 453.54 / columns - 2 * 10;
    for (const cellNode of table.body.slice(1).flat() as Array<{ stack?: J[] }>) {
      const value = cellNode.stack?.[0] as { text: string; fontSize?: number } | undefined;
      if (value === undefined) continue;
      const size = value.fontSize ?? options.theme.sizes.keyFigure;
      expect(size).toBeGreaterThanOrEqual(11);
      expect(advanceWidth(face, value.text, size)).toBeLessThanOrEqual(room);
    }
  });

  it("sets notes as footnotes by default: the references link to notes the renderer sets at the page feet", () => {
    const doc = build(
      [para("Claim.", noteRef(1)), para("Another.", noteRef(2))],
      [footnote(1, [para("The note.")]), footnote(2, [para("First."), para("Second.")])],
    );
    const { def, body } = define(doc);
    const ref = (body[0] as { text: J[] }).text[1];
    expect(ref).toMatchObject({ text: "1", sup: true, linkToDestination: "bk-note-1" });
    // No Notes section in the flow: the notes are the definition's footnotes.
    expect(body).toHaveLength(2);
    const area = def.footnotes;
    expect(area?.notes.map((n) => [n.number, n.anchor])).toEqual([
      [1, "bk-note-1"],
      [2, "bk-note-2"],
    ]);
    const note = JSON.stringify(area?.notes[1]?.node);
    expect(note).toContain('"id":"bk-note-2"');
    expect(note).toContain("First.");
    expect(note).toContain("Second.");
    expect(area?.width).toBe(453.54);
    expect(area?.rule.length).toBeLessThan((area?.width ?? 0) / 2);
  });

  it('sets notes as endnotes with notes: "endnotes": a Notes section at the end, no page-foot notes', () => {
    const doc = build([para("Claim.", noteRef(1))], [footnote(1, [para("The note.")])]);
    const def = toDocDefinition(doc, { ...options, notes: "endnotes" }, context());
    const body = def.content.slice(1) as J[];
    expect(def.footnotes).toBeUndefined();
    expect(leaves(body[1] as J)).toBe("Notes");
    expect(JSON.stringify(body[2])).toContain('"id":"bk-note-1"');
    expect(JSON.stringify(body[2])).toContain("The note.");
  });

  it("has no footnotes key for a document without notes", () => {
    expect("footnotes" in define(build([para("x")])).def).toBe(false);
  });

  it("moves a page break onto the block after it", () => {
    const { body } = define(build([para("a"), pageBreak(), para("b")]));
    expect(body[0]?.pageBreak).toBeUndefined();
    expect(body[1]?.pageBreak).toBe("before");
  });

  it("refuses links that are not http(s) or mailto, keeping their text", () => {
    const doc = build([para(link("https://example.org/", "ok"))]);
    const bad = structuredClone(doc);
    (bad.blocks[0] as { children: Array<{ url: string }> }).children[0]!.url =
      "javascript:alert(1)";
    const { body, warnings } = define(bad);
    expect(JSON.stringify(body)).not.toContain("javascript");
    expect(leaves(body[0] as J)).toBe("ok");
    expect(warnings).toEqual([
      expect.objectContaining({ code: "unsafe-link", path: "blocks[0].children[0]" }),
    ]);
    expect(define(doc).body[0]).toMatchObject({
      text: [{ text: "ok", link: "https://example.org/" }],
    });
  });

  it("reports a node it has no rendering for as not-rendered, instead of dropping it silently", () => {
    const doc = build([para("a"), para("b")]);
    const odd = structuredClone(doc) as unknown as { blocks: unknown[] };
    odd.blocks[1] = { type: "sidebar", children: [] };
    (odd.blocks[0] as { children: unknown[] }).children.push({ type: "smallCaps", value: "x" });
    const { body, warnings } = define(odd as unknown as Document);
    expect(body).toHaveLength(1);
    expect(warnings.map((w) => [w.code, w.path])).toEqual([
      ["not-rendered", "blocks[0].children[1]"],
      ["not-rendered", "blocks[1]"],
    ]);
  });

  it("reports glyphs the fonts lack, with the node path and the characters", () => {
    // Japanese is the East Asian fallback's (kept, set in it by scripts.ts); Thai is in no font.
    const { body, warnings } = define(build([heading(1, "Title"), para("日本: ไท.")]));
    expect(leaves(body[1] as J)).toBe("日本: \uFFFD\uFFFD.");
    // The house fonts have no U+FFFD: it is set in the replacement face.
    expect((body[1] as { text: J[] }).text).toEqual([
      { text: "日本: " },
      { text: "\uFFFD\uFFFD", font: REPLACEMENT_FONT },
      { text: "." },
    ]);
    expect(warnings).toEqual([
      expect.objectContaining({ code: "glyph-missing", path: "blocks[1].children[0]" }),
    ]);
    expect(warnings[0]?.message).toContain("ไท");
    expect(warnings[0]?.message).not.toContain("日");
  });

  it("replaces characters no reader should see and reports them", () => {
    const { body, warnings } = define(build([para("a\uFFFEb\u0007c\tz")]));
    expect(leaves(body[0] as J)).toBe("a\uFFFDb\uFFFDc z");
    expect(warnings.map((w) => w.code)).toEqual(["char-replaced"]);
    expect(warnings[0]?.message).toContain("U+FFFE");
  });

  it("sets table figures in equal widths: the house table face's default digits are tabular", () => {
    const face = loadFace(options.theme.fonts.heading.bold);
    const widths = new Set(
      [..."0123456789"].map((d) => face.font.glyphForCodePoint(d.charCodeAt(0)).advanceWidth),
    );
    expect(widths.size).toBe(1);
    expect(face.tabular).toEqual([]);
  });

  it("keeps numbers on one line", () => {
    const { body } = define(build([para("Trade reached ", num(8.8, "US$8.8 billion", {}), ".")]));
    expect((body[0] as { text: J[] }).text[1]).toEqual({ text: "US$8.8 billion", noWrap: true });
  });

  it("honours the align option for body text", () => {
    expect(define(build([para("x")])).def.styles.body?.alignment).toBe("justify");
    const ctx = context();
    const left = toDocDefinition(build([para("x")]), { ...options, align: "left" }, ctx);
    expect(left.styles.body?.alignment).toBe("left");
  });
});

describe("figures whose SVG pdfmake could not read", () => {
  const png = { base64: "iVBORw0KGgo=", widthPx: 1, heightPx: 1 };
  const fig = (svg: string, withPng: boolean) =>
    buildDocument(meta, [
      figure({
        caption: inlines("C"),
        alt: "Bars rising from 3.9 to 8.8",
        svg,
        width: 10,
        height: 10,
        notes: [],
        source: [],
        ...(withPng ? { png } : {}),
      }),
    ]);

  it("draws a real SVG document, prologue and all, as SVG", () => {
    const svg = `<?xml version="1.0"?>\n<!-- chart -->\n<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>\n`;
    const { body, warnings } = define(fig(svg, true));
    expect((body[0] as { stack: J[] }).stack[1]).toHaveProperty("svg");
    expect(warnings).toEqual([]);
  });

  it("falls back to the PNG, then to the alt text, and reports the figure", () => {
    const withPng = define(fig("<html>not a chart</html>", true));
    expect((withPng.body[0] as { stack: J[] }).stack[1]).toMatchObject({
      image: "data:image/png;base64,iVBORw0KGgo=",
    });
    expect(withPng.warnings.map((w) => [w.code, w.path])).toEqual([
      ["svg-invalid", "blocks[0].svg"],
    ]);
    const withoutPng = define(fig("<svg", false));
    expect((withoutPng.body[0] as { stack: J[] }).stack[1]).toMatchObject({
      text: "Bars rising from 3.9 to 8.8",
    });
    expect(withoutPng.warnings.map((w) => w.code)).toEqual(["svg-invalid"]);
  });
});

describe("a ragged table that skipped validation", () => {
  it("is mended and reported instead of aborting pdfmake", async () => {
    const doc = build([smallTable()]);
    const bad = structuredClone(doc) as unknown as { blocks: Array<{ body: unknown[] }> };
    bad.blocks[0]?.body.push({ cells: [{ children: [{ type: "text", value: "short" }] }] });
    bad.blocks[0]?.body.push({
      cells: [{ children: [] }, { children: [] }, { children: [{ type: "text", value: "long" }] }],
    });
    const ctx = context();
    const bytes = await writePdf(bad as unknown as Document, options, ctx);
    expect(bytes.length).toBeGreaterThan(1000);
    expect(ctx.warnings.map((w) => [w.code, w.path])).toEqual([
      ["not-rendered", "blocks[0].body[3]"],
      ["not-rendered", "blocks[0].body[4]"],
    ]);
  });
});

describe("tracked changes", () => {
  it("underlines insertions and strikes deletions through, in the theme's change colour", () => {
    const by = { author: "briefkit", date: "2006-03-01" };
    const { body, warnings } = define(
      build([
        heading(1, "A"),
        para("Kept. ", deletionWith(by, "Trade rose."), insertion("Trade ", strong("fell"), ".")),
      ]),
    );
    expect(warnings).toEqual([]);
    const colour = options.theme.colors.change;
    expect((body[1] as J).text).toEqual([
      { text: "Kept. " },
      { text: "Trade rose.", decoration: "lineThrough", color: colour, decorationColor: colour },
      { text: "Trade ", decoration: "underline", color: colour, decorationColor: colour },
      {
        text: "fell",
        bold: true,
        decoration: "underline",
        color: colour,
        decorationColor: colour,
      },
      { text: ".", decoration: "underline", color: colour, decorationColor: colour },
    ]);
  });
});
