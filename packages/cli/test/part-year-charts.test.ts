/**
 * A part year in Word, end to end: compose's part-year fixture (a table of
 * full years and 2025-H1) builds; the charts that draw the half year are
 * pictures in the DOCX (a native chart would join the line down to the half
 * year's total or stack it as a full year), the others native charts whose
 * categories hold no part year and whose value axes read "70,000", not
 * "70000"; the pies' rounding note is under them in every format.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../src/index.js";

const root = resolve(import.meta.dirname, "../../..");
const template = "packages/compose/test/fixtures/templates/part-year-charts";
const data = "packages/compose/test/fixtures/data/part-year/2026";
const tmp = mkdtempSync(join(tmpdir(), "briefkit-part-year-"));
const out = join(tmp, "out");
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let code = -1;
let err = "";
beforeAll(async () => {
  code = await run(["build", "--template", template, "--data", data, "--out", out], {
    cwd: root,
    out: () => {},
    err: (s) => (err += s),
  });
});

const file = (ext: string) => join(out, `part-year-charts-2026-full.${ext}`);
const unzip = (path: string) =>
  execFileSync("unzip", ["-p", file("docx"), path], { encoding: "utf8", maxBuffer: 1 << 26 });
const chartParts = () =>
  execFileSync("unzip", ["-Z1", file("docx")], { encoding: "utf8" })
    .split("\n")
    .filter((p) => /^word\/charts\/chart\d+\.xml$/.test(p))
    .sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]));
const ROUNDING = "Shares may not add up to 100% because of rounding.";

describe("charts with a part year in Word", () => {
  it("builds", () => {
    expect(code, err).toBe(0);
  });

  it("draws the charts with the half year as pictures and the others natively", () => {
    const document = unzip("word/document.xml");
    // In document order: the figure's alt text, and whether it is a chart or a picture.
    const drawings = [
      ...document.matchAll(/<wp:docPr [^>]*descr="([^"]*)"\/>.*?(<c:chart |asvg:svgBlip)/g),
    ].map((m) => `${m[2] === "<c:chart " ? "chart" : "picture"}: ${m[1]!.split(".")[0]}`);
    expect(drawings).toEqual([
      "picture: Line chart: Renewable generation by province",
      "picture: Stacked bar chart: Total generation by province",
      "chart: Stacked bar chart: Total generation by province, full years",
      "picture: Line chart: Renewable generation, all provinces",
      "chart: Pie chart: Renewable generation by province, latest year",
      "chart: Pie chart: Renewable capacity by technology",
    ]);
    // No native chart has the half year among its categories.
    const parts = chartParts();
    expect(parts).toHaveLength(3);
    for (const p of parts) {
      const xml = unzip(p);
      expect(xml).not.toContain("2025 (first half)");
      expect(xml).not.toContain("2025-H1");
    }
  });

  it("gives the native stacked bars the full years and a value axis with thousands separators", () => {
    const stack = unzip(chartParts()[0]!);
    const categories = [
      ...(/<c:cat>(.*?)<\/c:cat>/.exec(stack)?.[1] ?? "").matchAll(/<c:v>([^<]*)<\/c:v>/g),
    ].map((m) => m[1]);
    expect(categories).toEqual(["2022", "2023", "2024"]);
    const axis = /<c:valAx>(.*?)<\/c:valAx>/.exec(stack)?.[1] ?? "";
    expect(axis).toContain('<c:numFmt formatCode="#,##0" sourceLinked="0"/>');
    // 42,300 + 12,800 + 11,900 = 67,000 at most: the SVG's steps of 10,000.
    expect(axis).toContain('<c:majorUnit val="10000"/>');
  });

  it("puts the latest full year in the pie (where: { year: latest }) and the rounding note under both pies", () => {
    const pie = unzip(chartParts()[1]!);
    const values = [
      ...(/<c:val>(.*?)<\/c:val>/.exec(pie)?.[1] ?? "").matchAll(/<c:v>([^<]*)<\/c:v>/g),
    ].map((m) => Number(m[1]));
    expect(values).toEqual([12690, 8450, 7260]);
    const text = (xml: string) =>
      [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
    expect(text(unzip("word/document.xml")).split(ROUNDING)).toHaveLength(3);
    const pdf = execFileSync("pdftotext", [file("pdf"), "-"], { encoding: "utf8" });
    expect(pdf.replace(/\s+/g, " ").split(ROUNDING)).toHaveLength(3);
    const html = readFileSync(file("html"), "utf8");
    expect(html.split(ROUNDING)).toHaveLength(3);
  });
});
