/**
 * Bad input: what the writer reports instead of failing, dropping content
 * silently or writing a file readers refuse. Tests assert warning codes and
 * paths, not message text (that lives in src/messages.ts).
 */
import {
  buildDocument,
  type Document,
  figure,
  heading,
  inlines,
  link,
  para,
} from "@briefkit/document";
import { describe, expect, it } from "vitest";
import { writeDocx } from "../src/index.js";
import { chartFigure, context, fixture, options, unpack } from "./helpers.js";

const meta = () => fixture("kitchen-sink").meta;

/** The text of every `w:t` in the body. */
const bodyText = (docx: Uint8Array) =>
  [...(unpack(docx).text["word/document.xml"] ?? "").matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>/g)]
    .map((m) => m[1])
    .join("");

describe("characters XML forbids", () => {
  it("are replaced by U+FFFD and reported with the node's path", async () => {
    const ctx = context();
    const docx = await writeDocx(fixture("unicode"), options, ctx);
    const replaced = ctx.warnings.filter((w) => w.code === "char-replaced");
    expect(replaced.map((w) => w.path)).toEqual(["blocks[2].children[0]"]);
    const text = bodyText(docx);
    expect(text).toContain("Forbidden in XML: [\uFFFD] [\uFFFD] [\uFFFD].");
    expect(text).not.toMatch(/[\uFFFE\uFFFF]/);
    // The bytes hold neither U+FFFE (EF BF BE) nor U+FFFF (EF BF BF) in UTF-8.
    const raw = Buffer.from(unpack(docx).bytes["word/document.xml"] ?? []);
    expect(raw.includes(Buffer.from([0xef, 0xbf, 0xbe]))).toBe(false);
    expect(raw.includes(Buffer.from([0xef, 0xbf, 0xbf]))).toBe(false);
  });

  it("are replaced in metadata, chart labels and alt text too", async () => {
    const doc = buildDocument({ ...meta(), title: "Brief\uFFFF", keywords: ["a\uFFFEb"] }, [
      heading(1, "Charts"),
      chartFigure(
        {
          kind: "bar",
          title: "Title\uFFFF",
          categories: ["2004", "2005\uFFFE"],
          series: [{ name: "S\uD800", values: [1, 2] }],
        },
        "Alt\uFFFF text",
      ),
    ]);
    const ctx = context();
    const { text } = unpack(await writeDocx(doc, options, ctx));
    const paths = ctx.warnings.filter((w) => w.code === "char-replaced").map((w) => w.path);
    for (const p of [
      "meta.title",
      "meta.keywords[0]",
      "blocks[1].chart.title",
      "blocks[1].chart.categories[1]",
      "blocks[1].chart.series[0].name",
      "blocks[1].alt",
    ])
      expect(paths).toContain(p);
    // The title is set three times (title block, header, properties), reported once.
    expect(paths.filter((p) => p === "meta.title")).toHaveLength(1);
    expect(text["docProps/core.xml"]).toContain("<dc:title>Brief\uFFFD</dc:title>");
    expect(text["word/charts/chart1.xml"]).toContain("Title\uFFFD");
    for (const xml of Object.values(text)) expect(xml).not.toMatch(/[\uFFFE\uFFFF]/);
  });
});

describe("glyphs the embedded fonts lack", () => {
  it("are reported with the node's path and the position in its text", async () => {
    const ctx = context();
    await writeDocx(fixture("unicode"), options, ctx);
    const missing = ctx.warnings.filter((w) => w.code === "glyph-missing");
    expect(missing).toHaveLength(1);
    expect(missing[0]?.path).toBe("blocks[3].children[0]");
    // Thai is in no font; the Japanese before it is Noto Serif JP's (the East Asian font), so not reported.
    expect(missing[0]?.message).toContain("ไทย");
    expect(missing[0]?.message).not.toContain("日本");
    expect(missing[0]?.message).toContain("character 24");
    expect(missing[0]?.message).toContain("Source Serif 4 / Noto Serif JP");
  });

  it("are not reported for Cyrillic, Greek and typographic punctuation", async () => {
    const ctx = context();
    await writeDocx(fixture("kitchen-sink"), options, ctx);
    expect(ctx.warnings).toEqual([]);
  });
});

describe("links", () => {
  it("to anything but http(s) or mailto are refused, their text kept", async () => {
    // The model refuses such links; a document that skipped validation still must not carry one.
    const doc = buildDocument(meta(), [
      heading(1, "Links"),
      para("Open ", link("https://example.org/", "this"), " now."),
    ]);
    const bad = structuredClone(doc) as Document;
    const p = bad.blocks[1];
    if (p?.type !== "paragraph" || p.children[1]?.type !== "link") throw new Error("fixture shape");
    p.children[1].url = "javascript:alert(1)";
    const ctx = context();
    const docx = await writeDocx(bad, options, ctx);
    expect(ctx.warnings.map((w) => [w.code, w.path])).toEqual([
      ["unsafe-link", "blocks[1].children[1]"],
    ]);
    const { text } = unpack(docx);
    expect(text["word/_rels/document.xml.rels"]).not.toContain("javascript:");
    expect(text["word/document.xml"]).not.toContain("<w:hyperlink");
    expect(bodyText(docx)).toContain("Open this now.");
  });
});

describe("nodes the writer does not know", () => {
  it("are reported as not-rendered and the rest of the document is written", async () => {
    const doc = structuredClone(fixture("kitchen-sink")) as Document;
    // A document from a newer model: node types this writer has never seen.
    (doc.blocks as unknown[]).splice(2, 0, { type: "video", src: "x" });
    const first = doc.blocks.find((b) => b.type === "paragraph");
    (first?.type === "paragraph" ? (first.children as unknown[]) : []).push({ type: "sparkline" });
    const ctx = context();
    const docx = await writeDocx(doc, options, ctx);
    const notRendered = ctx.warnings.filter((w) => w.code === "not-rendered");
    expect(notRendered.map((w) => w.path).sort()).toEqual(
      ["blocks[2]", `blocks[${doc.blocks.indexOf(first as never)}].children[13]`].sort(),
    );
    expect(notRendered[0]?.message).toMatch(/video|sparkline/);
    expect(bodyText(docx)).toContain("Watch the pipeline decision.");
  });
});

describe("figures", () => {
  it("whose chart data Word cannot draw fall back to the picture, reported", async () => {
    const doc = buildDocument(meta(), [
      heading(1, "Shares"),
      chartFigure(
        {
          kind: "share",
          title: "Net shares",
          categories: ["A", "B"],
          series: [{ name: "2004", values: [120, -20] }],
        },
        "A pie of two shares, one negative.",
      ),
    ]);
    const ctx = context();
    const { text, bytes } = unpack(await writeDocx(doc, options, ctx));
    expect(ctx.warnings.map((w) => [w.code, w.path])).toEqual([
      ["chart-not-native", "blocks[1].chart"],
    ]);
    expect(Object.keys(bytes).some((p) => p.startsWith("word/charts/"))).toBe(false);
    expect(text["word/document.xml"]).toContain("asvg:svgBlip");
    expect(text["word/document.xml"]).toContain('descr="A pie of two shares, one negative."');
  });

  it("whose chart kind this writer does not know fall back to the picture, reported", async () => {
    const doc = structuredClone(
      buildDocument(meta(), [
        heading(1, "Radar"),
        chartFigure(
          {
            kind: "line",
            title: "Radar",
            categories: ["a", "b"],
            series: [{ name: "s", values: [1, 2] }],
          },
          "A radar chart.",
        ),
      ]),
    ) as Document;
    const f = doc.blocks[1];
    if (f?.type !== "figure" || !f.chart) throw new Error("fixture shape");
    (f.chart as { kind: string }).kind = "radar";
    const ctx = context();
    const { text } = unpack(await writeDocx(doc, options, ctx));
    expect(ctx.warnings.map((w) => [w.code, w.path])).toEqual([
      ["chart-not-native", "blocks[1].chart"],
    ]);
    expect(text["word/document.xml"]).toContain("asvg:svgBlip");
  });

  it("with neither chart data nor a PNG are reported, their alt text standing in", async () => {
    const doc = buildDocument(meta(), [
      heading(1, "Pictures"),
      figure({
        caption: inlines("Vector only"),
        alt: "A map of the pipeline route.",
        svg: '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
        width: 10,
        height: 10,
        notes: [],
        source: [],
      }),
    ]);
    const ctx = context();
    const docx = await writeDocx(doc, options, ctx);
    expect(ctx.warnings.map((w) => [w.code, w.path])).toEqual([["not-rendered", "blocks[1]"]]);
    expect(bodyText(docx)).toContain("A map of the pipeline route.");
  });

  it("can be kept as pictures when native charts are turned off", async () => {
    const ctx = context();
    const { bytes, text } = unpack(
      await writeDocx(fixture("kitchen-sink"), { ...options, nativeCharts: false }, ctx),
    );
    expect(Object.keys(bytes).some((p) => p.startsWith("word/charts/"))).toBe(false);
    expect(text["word/document.xml"]).toContain("asvg:svgBlip");
    expect(ctx.warnings).toEqual([]);
  });
});
