/**
 * What Word needs to treat the brief as a real document, asserted on the
 * written package: named styles with outline levels, a TOC field, SEQ
 * captions with cached numbers, repeating header rows, native charts with
 * the model's data and the theme's colours, alt text, footnotes, running
 * header and footer fields and core properties. (Embedded fonts:
 * fonts.test.ts.)
 */
import {
  buildDocument,
  type ChartData,
  figure,
  heading,
  houseTheme,
  inlines,
} from "@briefkit/document";
import { beforeAll, describe, expect, it } from "vitest";
import { writeDocx } from "../src/index.js";
import {
  CHARTS,
  chartFigure,
  chartsDocument,
  context,
  fixture,
  options,
  TINY_PNG,
  unpack,
} from "./helpers.js";

let kitchen: ReturnType<typeof unpack>;
let longTable: ReturnType<typeof unpack>;
let charts: ReturnType<typeof unpack>;

beforeAll(async () => {
  kitchen = unpack(await writeDocx(fixture("kitchen-sink"), options, context()));
  longTable = unpack(await writeDocx(fixture("long-table"), options, context()));
  charts = unpack(await writeDocx(chartsDocument(), options, context()));
});

const part = (pkg: ReturnType<typeof unpack>, path: string) => {
  const xml = pkg.text[path];
  if (xml === undefined) throw new Error(`no part ${path}`);
  return xml;
};

/** The XML of each `w:style`, by style id. */
function styles(xml: string): Map<string, string> {
  return new Map(
    [...xml.matchAll(/<w:style\b[^>]*w:styleId="([^"]+)"[^>]*>.*?<\/w:style>/g)].map((m) => [
      m[1] as string,
      m[0],
    ]),
  );
}

/** Paragraphs (`w:p`) of a part, outermost only. */
const paragraphs = (xml: string) => [...xml.matchAll(/<w:p\b[^>]*>.*?<\/w:p>/g)].map((m) => m[0]);
/** The visible text of some XML. */
const textOf = (xml: string) =>
  [...xml.matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");

describe("styles", () => {
  it("defines Word's built-in styles with the theme's fonts and sizes", () => {
    const s = styles(part(kitchen, "word/styles.xml"));
    for (const id of [
      "Normal",
      "Title",
      "Subtitle",
      "Heading1",
      "Heading2",
      "Heading3",
      "Caption",
      "TOC1",
    ])
      expect(s.has(id), id).toBe(true);
    const theme = houseTheme();
    expect(s.get("Heading1")).toContain(`w:ascii="${theme.fonts.heading.name}"`);
    expect(s.get("Heading1")).toContain(`<w:sz w:val="${theme.sizes.h1 * 2}"/>`);
    expect(s.get("Title")).toContain(`<w:sz w:val="${theme.sizes.title * 2}"/>`);
    expect(s.get("Heading1")).toContain('<w:name w:val="heading 1"/>');
    expect(s.get("Caption")).toContain('<w:name w:val="caption"/>');
  });

  it("gives Heading 1–3 outline levels 0–2, for the navigation pane and TOC fields", () => {
    const s = styles(part(kitchen, "word/styles.xml"));
    for (const level of [1, 2, 3])
      expect(s.get(`Heading${level}`)).toContain(`<w:outlineLvl w:val="${level - 1}"/>`);
  });

  it("has styles for source lines, notes, key figures, callouts and a table style", () => {
    const s = styles(part(kitchen, "word/styles.xml"));
    for (const id of [
      "BriefSource",
      "BriefNote",
      "BriefKeyFigure",
      "BriefCalloutText",
      "BriefTable",
      "BriefBox",
    ])
      expect(s.has(id), id).toBe(true);
    expect(s.get("BriefTable")).toContain('w:type="table"');
  });

  it("sets the body font, size and the document's language in the defaults", () => {
    const xml = part(kitchen, "word/styles.xml");
    const defaults = /<w:docDefaults>.*<\/w:docDefaults>/.exec(xml)?.[0] ?? "";
    expect(defaults).toContain('w:ascii="Source Serif 4"');
    expect(defaults).toContain('<w:lang w:val="en-GB"/>');
  });
});

describe("document body", () => {
  it("writes headings in heading styles, the model's number first", () => {
    const ps = paragraphs(part(kitchen, "word/document.xml"));
    const h1 = ps.filter((p) => p.includes('<w:pStyle w:val="Heading1"/>')).map(textOf);
    expect(h1).toEqual(["Key findings", "1\u00A0\u00A0Introduction", "2\u00A0\u00A0Conclusions"]);
    const h3 = ps.filter((p) => p.includes('<w:pStyle w:val="Heading3"/>')).map(textOf);
    expect(h3).toEqual(["1.1.1\u00A0\u00A0Detail"]);
  });

  it("writes a TOC field over the toc's depth, pre-filled with the headings, updated on open", () => {
    const xml = part(kitchen, "word/document.xml");
    expect(xml).toContain("TOC \\h \\o &quot;1-2&quot;");
    expect(xml).toMatch(/<w:hyperlink w:history="1" w:anchor="_Toc2">.*?Introduction/);
    expect(part(kitchen, "word/settings.xml")).toContain("<w:updateFields/>");
    // No TOC, no prompt to update fields.
    expect(part(longTable, "word/settings.xml")).not.toContain("<w:updateFields/>");
  });

  it("numbers captions with SEQ fields whose cached result is the model's number", () => {
    const ps = paragraphs(part(charts, "word/document.xml")).filter((p) =>
      p.includes('<w:pStyle w:val="Caption"/>'),
    );
    expect(ps).toHaveLength(CHARTS.length + 1);
    ps.forEach((p, i) => {
      expect(p).toContain(
        '<w:instrText xml:space="preserve"> SEQ Figure \\* ARABIC </w:instrText>',
      );
      expect(textOf(p).startsWith(`Figure ${i + 1}. `)).toBe(true);
    });
    const table = paragraphs(part(kitchen, "word/document.xml")).find((p) =>
      p.includes("SEQ Table"),
    );
    expect(textOf(table ?? "")).toBe("Table 1. Russia–Japan bilateral trade (US$ billion)");
  });

  it("repeats header rows, never splits a row, right-aligns numbers and bolds totals", () => {
    const xml = part(longTable, "word/document.xml");
    const rows = [...xml.matchAll(/<w:tr\b[^>]*>.*?<\/w:tr>/g)].map((m) => m[0]);
    expect(rows).toHaveLength(2 + 98);
    expect(rows.slice(0, 2).every((r) => r.includes("<w:tblHeader/>"))).toBe(true);
    expect(rows.slice(2).some((r) => r.includes("<w:tblHeader/>"))).toBe(false);
    expect(rows.every((r) => r.includes("<w:cantSplit/>"))).toBe(true);
    const body = rows[2] ?? "";
    const cells = [...body.matchAll(/<w:tc>.*?<\/w:tc>/g)].map((m) => m[0]);
    expect(textOf(cells[1] ?? "")).toBe("2.9");
    expect(cells[1]).toContain('<w:jc w:val="right"/>');
    const total = rows.at(-1) ?? "";
    expect(textOf(total)).toContain("Total");
    expect(total).toContain("<w:b/>");
    expect(xml).toContain('<w:tblStyle w:val="BriefTable"/>');
  });

  it("writes the source line and notes under the table", () => {
    const xml = part(kitchen, "word/document.xml");
    const after = xml.slice(xml.indexOf("</w:tbl>", xml.indexOf("SEQ Table")));
    const ps = paragraphs(after).slice(0, 3);
    expect(ps.map(textOf)).toEqual([
      "— not available.",
      "Fixture data: 2002 imports blanked on purpose.",
      "Source: Ministry of Economic Development and Trade, Russia",
    ]);
    expect(ps[2]).toContain('<w:pStyle w:val="BriefSource"/>');
  });

  it("writes links only as external relationships to http(s) and mailto targets", () => {
    const rels = part(kitchen, "word/_rels/document.xml.rels");
    expect(rels).toContain('Target="https://www.erina.or.jp/" TargetMode="External"');
    expect(rels).toContain('Target="mailto:info@example.org" TargetMode="External"');
  });
});

describe("figures", () => {
  it("draws every chart kind as a native chart part with the model's data", () => {
    const expected = [
      ["c:lineChart"],
      ["c:barChart", '<c:barDir val="bar"/>'],
      ["c:barChart", '<c:barDir val="col"/>', '<c:grouping val="clustered"/>'],
      ["c:barChart", '<c:barDir val="col"/>', '<c:grouping val="stacked"/>'],
      ["c:pieChart"],
      ["c:barChart", '<c:grouping val="percentStacked"/>'],
      ["c:pieChart"],
      ["c:doughnutChart", '<c:holeSize val="55"/>'],
      ["c:barChart", '<c:barDir val="bar"/>', '<c:grouping val="stacked"/>'],
    ];
    expected.forEach((marks, i) => {
      const xml = part(charts, `word/charts/chart${i + 1}.xml`);
      for (const m of marks)
        expect(xml, `chart ${i + 1}`).toContain(m.startsWith("<") ? m : `<${m}>`);
      const chart = CHARTS[i];
      expect(xml).toContain(`<a:t>${chart?.title.replace(/&/g, "&amp;")}</a:t>`);
      for (const s of chart?.series ?? [])
        for (const v of s.values) if (v !== null) expect(xml).toContain(`<c:v>${v}</c:v>`);
      expect(charts.bytes[`word/embeddings/Microsoft_Excel_Worksheet${i + 1}.xlsx`]).toBeDefined();
    });
  });

  it("colours series with the theme's palette, in order", () => {
    const palette = houseTheme().colors.palette.map((c) => c.slice(1).toUpperCase());
    const grouped = part(charts, "word/charts/chart3.xml");
    const series = [...grouped.matchAll(/<c:ser>.*?<\/c:ser>/g)].map((m) => m[0]);
    expect(series).toHaveLength(2);
    for (const [i, s] of series.entries()) expect(s).toContain(`<a:srgbClr val="${palette[i]}"/>`);
    const pie = part(charts, "word/charts/chart5.xml");
    const points = [...pie.matchAll(/<c:dPt>.*?<\/c:dPt>/g)].map((m) => m[0]);
    for (const [i, p] of points.entries()) expect(p).toContain(`<a:srgbClr val="${palette[i]}"/>`);
  });

  it("links every chart to its part, also charts after a picture", async () => {
    const picture = figure({
      caption: inlines("A picture"),
      alt: "A picture.",
      svg: '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"/></svg>',
      png: { base64: TINY_PNG, widthPx: 1, heightPx: 1 },
      width: 40,
      height: 20,
      notes: [],
      source: inlines("Source: test"),
    });
    const doc = buildDocument(fixture("kitchen-sink").meta, [
      heading(1, "Charts around a picture"),
      chartFigure(CHARTS[0]!, "First chart."),
      picture,
      chartFigure(CHARTS[6]!, "Second chart."),
      chartFigure(CHARTS[7]!, "Third chart."),
    ]);
    const { text } = unpack(await writeDocx(doc, options, context()));
    const rels = part({ text } as ReturnType<typeof unpack>, "word/_rels/document.xml.rels");
    const targets = new Map(
      [...rels.matchAll(/Id="([^"]+)" Type="[^"]*\/chart" Target="([^"]+)"/g)].map((m) => [
        m[1],
        m[2],
      ]),
    );
    const ids = [...text["word/document.xml"]!.matchAll(/<c:chart [^>]*r:id="([^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(ids.map((id) => targets.get(id))).toEqual([
      "charts/chart1.xml",
      "charts/chart2.xml",
      "charts/chart3.xml",
    ]);
  });

  it("titles the value axis (valueTitle, else the unit) and the category axis where the model has one", () => {
    const axisTitles = (xml: string, axis: "c:valAx" | "c:catAx") => {
      const body = new RegExp(`<${axis}>(.*?)</${axis}>`).exec(xml)?.[1] ?? "";
      const title = /<c:title>(.*?)<\/c:title>/.exec(body)?.[1];
      return title === undefined
        ? undefined
        : [...title.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]).join("");
    };
    const line = part(charts, "word/charts/chart1.xml");
    expect(axisTitles(line, "c:valAx")).toBe("US$ billion");
    expect(axisTitles(line, "c:catAx")).toBeUndefined();
    const horizontal = part(charts, "word/charts/chart9.xml");
    expect(axisTitles(horizontal, "c:valAx")).toBe("Trade, US$ million");
    expect(axisTitles(horizontal, "c:catAx")).toBe("Region");
    // No unit and no title: no value axis title.
    expect(axisTitles(part(charts, "word/charts/chart4.xml"), "c:valAx")).toBeUndefined();
  });

  it("draws a pie's remainder slice in the theme's rule grey and a donut as a doughnut chart", () => {
    const palette = houseTheme().colors.palette.map((c) => c.slice(1).toUpperCase());
    const rule = houseTheme().colors.rule.slice(1).toUpperCase();
    const pie = part(charts, "word/charts/chart7.xml");
    const points = [...pie.matchAll(/<c:dPt>.*?<\/c:dPt>/g)].map((m) => m[0]);
    expect(points).toHaveLength(4);
    expect(points.map((p) => /<a:srgbClr val="(\w+)"\/>/.exec(p)?.[1])).toEqual([
      ...palette.slice(0, 3),
      rule,
    ]);
    for (const v of [37, 27, 11, 25]) expect(pie).toContain(`<c:v>${v}</c:v>`);
    const donut = part(charts, "word/charts/chart8.xml");
    expect(donut).toContain("<c:doughnutChart>");
    expect(donut).not.toContain("<c:valAx>");
  });

  it("labels value axes with thousands separators and the step's decimals, at the SVG's step", async () => {
    /** The value axis's number format, major unit and minimum, as written. */
    const axis = (xml: string) => {
      const body = /<c:valAx>(.*?)<\/c:valAx>/.exec(xml)?.[1] ?? "";
      return {
        format: /<c:numFmt formatCode="([^"]*)" sourceLinked="0"\/>/
          .exec(body)?.[1]
          ?.replaceAll("&quot;", '"'),
        step: /<c:majorUnit val="([^"]*)"\/>/.exec(body)?.[1],
        min: /<c:min val="([^"]*)"\/>/.exec(body)?.[1],
      };
    };
    const data = (kind: ChartData["kind"], values: number[][]): ChartData => ({
      kind,
      title: kind,
      categories: values[0]!.map((_, i) => String(2019 + i)),
      series: values.map((v, i) => ({ name: `S${i}`, values: v })),
    });
    const cases: [ChartData, { format: string; step: string; min?: string }][] = [
      // Generation in GWh: 14,000 not 14000; steps of 2,000 as the SVG's 0–14,000.
      [data("line", [[6180, 9350, 12690, 14050]]), { format: "#,##0", step: "2000", min: "0" }],
      // A stack is as tall as its sum: 41,200 + 12,100 + 8,600 = 61,900, steps of 10,000.
      [
        data("stacked-bar", [
          [41200, 42300],
          [12100, 12800],
          [8600, 11900],
        ]),
        { format: "#,##0", step: "10000", min: "0" },
      ],
      // Small values: ticks 0.1 apart need a decimal, or 0.1 and 0.2 both read "0".
      [data("grouped-bar", [[0.3, 0.7, 0.12]]), { format: "#,##0.0", step: "0.1", min: "0" }],
      // Below zero: no fixed minimum, and the SVG's minus sign.
      [data("bar", [[-3.2, 4.1, 12.5]]), { format: '#,##0;"\u2212"#,##0', step: "2" }],
    ];
    const doc = buildDocument(
      fixture("kitchen-sink").meta,
      cases.map(([c]) => chartFigure(c, `${c.kind}.`)),
    );
    const { text } = unpack(await writeDocx(doc, options, context()));
    cases.forEach(([c, expected], i) => {
      const xml = part({ text } as ReturnType<typeof unpack>, `word/charts/chart${i + 1}.xml`);
      expect(axis(xml), c.kind).toEqual({ min: undefined, ...expected });
    });
    // Charts without a value axis of numbers keep Word's own: slices, 100% stacks.
    expect(part(charts, "word/charts/chart5.xml")).not.toContain("<c:valAx>");
    const stack = /<c:valAx>(.*?)<\/c:valAx>/.exec(part(charts, "word/charts/chart6.xml"))?.[1];
    expect(stack).toContain('<c:numFmt formatCode="0%" sourceLinked="1"/>');
    expect(stack).not.toContain("<c:majorUnit");
  });

  it("gives a pie of percentages with decimals labels with those decimals, as the SVG's", async () => {
    const pie: ChartData = {
      kind: "pie",
      title: "Shares",
      categories: ["A", "B", "C"],
      series: [{ name: "Share", values: [62.5, 25, 12.5] }],
      unitLabel: "%",
    };
    const doc = buildDocument(fixture("kitchen-sink").meta, [chartFigure(pie, "Shares.")]);
    const { text } = unpack(await writeDocx(doc, options, context()));
    const xml = part({ text } as ReturnType<typeof unpack>, "word/charts/chart1.xml");
    const labels = /<c:dLbls>(.*?)<\/c:dLbls>/.exec(xml)?.[1] ?? "";
    expect(labels).toContain('<c:numFmt formatCode="0.0%" sourceLinked="0"/>');
    expect(labels).toContain('<c:showPercent val="1"/>');
    // Whole-number shares keep Word's "0%".
    expect(part(charts, "word/charts/chart7.xml")).not.toContain('formatCode="0.0%"');
  });

  it("puts the figure's alt text on every chart and picture, with unique drawing ids", () => {
    const xml = part(charts, "word/document.xml");
    const docPr = [...xml.matchAll(/<wp:docPr id="(\d+)" name="([^"]*)" descr="([^"]*)"\/>/g)];
    expect(docPr).toHaveLength(CHARTS.length + 1);
    expect(new Set(docPr.map((m) => m[1])).size).toBe(docPr.length);
    expect(docPr[0]?.[3]).toBe("Alt text of chart 1: Line: total trade.");
    expect(docPr.at(-1)?.[3]).toBe("A shaded rectangle standing in for a map.");
  });

  it("writes a figure without chart data as its SVG with the PNG fallback", () => {
    const media = Object.keys(charts.bytes).filter((p) => p.startsWith("word/media/"));
    expect(media.some((p) => p.endsWith(".svg"))).toBe(true);
    expect(media.some((p) => p.endsWith(".png"))).toBe(true);
    expect(part(charts, "word/document.xml")).toContain("asvg:svgBlip");
  });
});

describe("notes, header, footer, properties", () => {
  it("writes real footnotes referenced from the text", () => {
    const notes = part(kitchen, "word/footnotes.xml");
    expect(notes).toMatch(/<w:footnote w:id="1">.*Portsmouth centennial conference/);
    expect(notes).toMatch(/<w:footnote w:id="2">.*A second note with a .*styled/);
    const body = part(kitchen, "word/document.xml");
    expect(body).toContain('<w:footnoteReference w:id="1"/>');
    expect(body).toContain('<w:footnoteReference w:id="2"/>');
  });

  it("runs title and edition in the header and 'Page X of Y' in the footer", () => {
    const headers = Object.keys(kitchen.text).filter((p) => /^word\/header\d+\.xml$/.test(p));
    const footers = Object.keys(kitchen.text).filter((p) => /^word\/footer\d+\.xml$/.test(p));
    expect(headers.map((h) => textOf(part(kitchen, h)))).toContain(
      "Russia and Japan Beyond 2005\tEdition 2005",
    );
    for (const f of footers) {
      const xml = part(kitchen, f);
      expect(xml).toContain(">PAGE<");
      expect(xml).toContain(">NUMPAGES<");
      expect(textOf(xml)).toContain("Page  of ");
    }
  });

  it("writes core properties from the metadata, dated ctx.now", () => {
    const core = part(kitchen, "docProps/core.xml");
    expect(core).toContain("<dc:title>Russia and Japan Beyond 2005</dc:title>");
    expect(core).toContain("<dc:subject>Russia–Japan economic relations</dc:subject>");
    expect(core).toContain("<dc:creator>Research Division</dc:creator>");
    expect(core).toContain("<cp:keywords>Russia; Japan; trade; energy</cp:keywords>");
    expect(core).toContain("<dc:language>en-GB</dc:language>");
    expect(core).toContain("<cp:lastModifiedBy>Research Division</cp:lastModifiedBy>");
    expect(core).toContain(
      "<dc:description>Trade, investment and energy: a policy brief — Full paper</dc:description>",
    );
    expect(core).toContain(
      '<dcterms:created xsi:type="dcterms:W3CDTF">2005-09-08T00:00:00Z</dcterms:created>',
    );
    expect(core).toContain(
      '<dcterms:modified xsi:type="dcterms:W3CDTF">2005-09-08T00:00:00Z</dcterms:modified>',
    );
  });

  it("states the document's language in every part that has one: styles, settings, charts, core", async () => {
    const base = chartsDocument();
    const doc = { ...base, meta: { ...base.meta, language: "fr-FR" } };
    const pkg = unpack(await writeDocx(doc, options, context()));
    const langs = (xml: string, pattern: RegExp) => [...xml.matchAll(pattern)].map((m) => m[1]);
    const defaults = /<w:docDefaults>.*<\/w:docDefaults>/.exec(part(pkg, "word/styles.xml"))?.[0];
    expect(langs(defaults ?? "", /<w:lang w:val="([^"]*)"\/>/g)).toEqual(["fr-FR"]);
    expect(part(pkg, "word/settings.xml")).toMatch(
      /<\/w:compat><w:themeFontLang w:val="fr-FR"\/><\/w:settings>$/,
    );
    expect(part(pkg, "docProps/core.xml")).toContain("<dc:language>fr-FR</dc:language>");
    const chartParts = Object.keys(pkg.text).filter((p) => /^word\/charts\/chart\d+\.xml$/.test(p));
    expect(chartParts).toHaveLength(CHARTS.length);
    for (const path of chartParts) {
      const xml = part(pkg, path);
      expect(langs(xml, /<c:lang val="([^"]*)"\/>/g), path).toEqual(["fr-FR"]);
      const textLangs = langs(xml, /<a:(?:rPr|defRPr|endParaRPr)\b[^>]*\slang="([^"]*)"/g);
      expect(textLangs.length, path).toBeGreaterThan(0);
      expect(new Set(textLangs), path).toEqual(new Set(["fr-FR"]));
    }
    // No run, paragraph or style anywhere says another language.
    for (const [path, xml] of Object.entries(pkg.text)) {
      for (const lang of langs(xml, /\b(?:w:val|val|lang)="([a-z]{2}-[A-Z]{2})"/g))
        expect(lang, path).toBe("fr-FR");
    }
  });
});

describe("tracked changes", () => {
  let tracked: ReturnType<typeof unpack>;
  beforeAll(async () => {
    tracked = unpack(await writeDocx(fixture("tracked-changes"), options, context()));
  });

  it("writes insertions as w:ins and deletions as w:del runs (w:delText), with author and date", () => {
    const xml = part(tracked, "word/document.xml");
    const ins = [
      ...xml.matchAll(/<w:ins w:id="(\d+)" w:author="([^"]*)" w:date="([^"]*)">(.*?)<\/w:ins>/g),
    ];
    const del = [
      ...xml.matchAll(/<w:del w:id="(\d+)" w:author="([^"]*)" w:date="([^"]*)">(.*?)<\/w:del>/g),
    ];
    expect(ins.length).toBeGreaterThan(5);
    expect(del.length).toBeGreaterThan(5);
    expect(del.map((m) => m[4]).join("")).toContain(
      '<w:delText xml:space="preserve">grew</w:delText>',
    );
    expect(del.every((m) => !m[4]!.includes("<w:t"))).toBe(true);
    expect(ins.map((m) => m[4]).join("")).toContain(
      '<w:t xml:space="preserve">keeps growing</w:t>',
    );
    // Signed and dated as the model says; a change with neither gets "briefkit" and the build date.
    expect(new Set([...ins, ...del].map((m) => `${m[2]} ${m[3]}`))).toEqual(
      new Set(["briefkit 2006-09-08T00:00:00Z", `briefkit ${context().now.toISOString()}`]),
    );
    // Revision ids are unique.
    const ids = [...ins, ...del].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("keeps deleted text out of the contents' cached entries", () => {
    const xml = part(tracked, "word/document.xml");
    expect(xml).toContain("Trade keeps growing</w:t>");
    expect(xml).not.toContain("Trade grewkeeps growing");
  });
});
