/**
 * Charts beyond the presets, end to end: the spec-charts fixture template
 * (compose's test fixtures) builds in all three formats; its Vega-Lite pie,
 * lines and layered bars, and the pie and donut presets, are native charts in
 * the DOCX with the table's values; the area spec is a picture; PDF and HTML
 * draw every chart with its full legend names and alt text.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../src/index.js";

const root = resolve(import.meta.dirname, "../../..");
const template = "packages/compose/test/fixtures/templates/spec-charts";
const tmp = mkdtempSync(join(tmpdir(), "briefkit-spec-charts-"));
const out = join(tmp, "out");
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let code = -1;
let err = "";
beforeAll(async () => {
  code = await run(
    ["build", "--template", template, "--data", "data/russia-japan/2005", "--out", out],
    { cwd: root, out: () => {}, err: (s) => (err += s) },
  );
});

const file = (ext: string) => join(out, `spec-charts-2005-full.${ext}`);
const unzip = (path: string) =>
  execFileSync("unzip", ["-p", file("docx"), path], { encoding: "utf8", maxBuffer: 1 << 26 });

/** Each chart part's chart type and the values of its series, in order. */
function wordCharts(): { type: string; series: number; values: number[]; categories: string[] }[] {
  const parts = execFileSync("unzip", ["-Z1", file("docx")], { encoding: "utf8" })
    .split("\n")
    .filter((p) => /^word\/charts\/chart\d+\.xml$/.test(p))
    .sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]));
  return parts.map((p) => {
    const xml = unzip(p);
    const type = /<c:(\w+Chart)>/.exec(xml)![1]!;
    const sers = [...xml.matchAll(/<c:ser>.*?<\/c:ser>/g)].map((m) => m[0]);
    const values = [...(sers[0] ?? "").matchAll(/<c:val>.*?<\/c:val>/g)]
      .flatMap((m) => [...m[0].matchAll(/<c:v>([^<]*)<\/c:v>/g)])
      .map((m) => Number(m[1]));
    const categories = [...(sers[0] ?? "").matchAll(/<c:cat>.*?<\/c:cat>/g)]
      .flatMap((m) => [...m[0].matchAll(/<c:v>([^<]*)<\/c:v>/g)])
      .map((m) => m[1]!);
    return { type, series: sers.length, values, categories };
  });
}

describe("the spec-charts fixture", () => {
  it("builds in all three formats", () => {
    expect(code, err).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      ".briefkit-outputs.json",
      "spec-charts-2005-full.docx",
      "spec-charts-2005-full.html",
      "spec-charts-2005-full.pdf",
    ]);
  });

  it("draws the spec pie, lines and bars and the pie presets as native Word charts, with the table's values", () => {
    const charts = wordCharts();
    expect(charts.map((c) => c.type)).toEqual([
      "pieChart",
      "lineChart",
      "barChart",
      "doughnutChart",
      "pieChart",
    ]);
    // The pie spec: the table's shares in row order (its colour scale keeps data order).
    const [pie, line, bars, donut, presetPie] = charts;
    expect(pie?.categories).toEqual([
      "Precious and non-ferrous metals",
      "Fish and marine products",
      "Timber",
      "Fuels (coal, oil and oil products)",
    ]);
    expect(pie?.values).toEqual([37, 27, 11, 20]);
    // Seven regions, Total excluded; Yakutia's exports 1998–2003 in order.
    expect(line?.series).toBe(7);
    // (2002 is missing in the table: no point, not a zero.)
    expect(line?.categories).toEqual(["1998", "1999", "2000", "2001", "2002", "2003"]);
    expect(line?.values).toEqual([33.7, 106.3, 111.7, 27.8, 138.9]);
    expect(bars?.values).toEqual([2.9, 3.7, 4.6, 3.9, 3.3, 4.2, 5.7]);
    // The presets: largest first and the rest not itemised as the last slice.
    expect(donut?.categories).toEqual(["China", "Japan", "ROK", "Other or not stated"]);
    expect(donut?.values).toEqual([37, 22, 15, 26]);
    expect(presetPie?.categories.at(-1)).toBe("Other or not stated");
    expect(presetPie?.values.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 6);
  });

  it("links every chart to its part and shows the area spec as a picture", () => {
    const document = unzip("word/document.xml");
    const rels = unzip("word/_rels/document.xml.rels");
    const ids = [...document.matchAll(/<c:chart [^>]*r:id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(5);
    for (const id of ids) expect(rels).toMatch(new RegExp(`Id="${id}" Type="[^"]*/chart"`));
    expect(document.match(/asvg:svgBlip/g)).toHaveLength(1);
    expect(document).toContain('descr="Area chart: Exports and imports.');
  });

  it("titles the native charts' axes as the specs do", () => {
    const line = unzip("word/charts/chart2.xml");
    const title = (axis: string) =>
      [
        ...(new RegExp(`<${axis}>.*?<c:title>(.*?)</c:title>`).exec(line)?.[1] ?? "").matchAll(
          /<a:t>([^<]*)<\/a:t>/g,
        ),
      ]
        .map((m) => m[1])
        .join("");
    expect(title("c:valAx")).toBe("US$ million");
    expect(title("c:catAx")).toBe("Year");
  });

  it("writes every chart into the PDF and the HTML, legend names whole, with alt text", () => {
    const pdf = execFileSync("pdftotext", ["-layout", file("pdf"), "-"], { encoding: "utf8" });
    for (const name of [
      "Kamchatskaya Oblast",
      "Sakhalinskaya Oblast",
      "Fuels (coal, oil and oil products)",
    ])
      expect(pdf).toContain(name);
    expect(pdf).toMatch(/Figure 6\./);
    const html = readFileSync(file("html"), "utf8");
    expect(html.match(/<figure\b/g)).toHaveLength(6);
    expect(html).toContain("Pie chart: What Russia sells to Japan. Values in percent. 4 slices:");
    expect(html).toContain("Donut chart: Far Eastern Russia’s main trading partners");
  });
});
