/**
 * Which figures carry a PNG: only those Word cannot draw as a chart of its
 * own. A preset chart is native in the DOCX and vector in the PDF and HTML,
 * so rasterising it would be work no writer uses.
 */
import { join, resolve } from "node:path";
import { houseChartTheme } from "@briefkit/charts";
import { type Dataset, loadDataset } from "@briefkit/data";
import { type Figure, houseTheme } from "@briefkit/document";
import { beforeAll, describe, expect, it } from "vitest";
import { chartRows, specRows } from "../src/figures.js";
import { compose, defaultFigureRenderer, templateAudiences } from "../src/index.js";
import { IssueLog } from "../src/issues.js";
import type { ChartDef } from "../src/template-schema.js";

const root = resolve(import.meta.dirname, "../../..");
let dataset: Dataset;
/** Full years 2022–2024 and the half year 2025-H1, three provinces and their total (invented). */
let partYear: Dataset;

beforeAll(async () => {
  const r = await loadDataset(join(root, "data/russia-japan/2005"));
  if (!r.ok) throw new Error("the 2005 dataset must load");
  dataset = r.dataset;
  const p = await loadDataset(join(import.meta.dirname, "fixtures/data/part-year/2026"));
  if (!p.ok) throw new Error("the part-year fixture must load");
  partYear = p.dataset;
});

async function render(
  def: ChartDef,
  data: () => Dataset = () => dataset,
): Promise<{ figure: Figure | undefined; log: IssueLog }> {
  const log = new IssueLog();
  const at = { file: "template.yaml", line: 1, column: 1 };
  const blocks = await defaultFigureRenderer(
    data(),
    { id: "chart", def, dir: join(root, "templates/russia-japan"), at },
    log,
    houseTheme(),
  );
  return { figure: blocks.find((b): b is Figure => b.type === "figure"), log };
}

const trade: Omit<ChartDef, "preset"> = {
  table: "bilateral-trade",
  x: "year",
  measures: ["exports", "imports"],
  to: "latest",
  title: "Trade",
  caption: "Trade",
};

describe("defaultFigureRenderer", () => {
  it("gives a preset chart Word's chart data and no PNG", async () => {
    const { figure, log } = await render({ ...trade, preset: "stacked-bar" });
    expect(log.issues).toEqual([]);
    expect(figure?.chart?.kind).toBe("stacked-bar");
    expect(figure?.chart?.series.map((s) => s.name)).toEqual(["Exports", "Imports"]);
    expect(figure?.png).toBeUndefined();
    expect(figure?.svg).toMatch(/^<svg/);
  });

  it("gives a chart Word cannot draw (small multiples) a PNG at twice its size and no chart data", async () => {
    const { figure, log } = await render({ ...trade, preset: "small-multiples" });
    expect(log.issues).toEqual([]);
    expect(figure?.chart).toBeUndefined();
    const png = Buffer.from(figure?.png?.base64 ?? "", "base64");
    // The PNG signature, then IHDR's width: twice the SVG's.
    expect(png.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    expect(png.readUInt32BE(16)).toBe(Math.round((figure?.width ?? 0) * 2));
    expect(figure?.png?.widthPx).toBe(png.readUInt32BE(16));
  });
});

/** The fill colours of an SVG's legend symbols, in order. */
function legendFills(svg: string): string[] {
  return [...svg.matchAll(/<g class="mark-symbol role-legend-symbol"[^>]*>(.*?)<\/g>/g)].flatMap(
    (g) =>
      [...g[1]!.matchAll(/<path\b[^>]*?\bfill="(#[0-9a-f]+)"/gi)].map((m) => m[1]!.toLowerCase()),
  );
}

describe("series colours in the example templates", () => {
  const templates = [
    "templates/russia-japan",
    "packages/compose/test/fixtures/templates/board-brief",
    "packages/compose/test/fixtures/templates/spec-charts",
  ];
  it("never give two series (or slices) of one chart the same colour", async () => {
    const palette = houseTheme().colors.palette;
    let checked = 0;
    let largest = 0;
    for (const t of templates) {
      const templateDir = join(root, t);
      const listed = templateAudiences(templateDir);
      if (!listed.ok) throw new Error(`${t} must load`);
      for (const audience of listed.audiences) {
        const r = await compose({ templateDir, dataset, audience });
        expect(r.ok, `${t} ${audience}`).toBe(true);
        if (!r.ok) continue;
        for (const b of r.document.blocks) {
          if (b.type !== "figure") continue;
          // In the SVG: one distinct colour per legend entry.
          const fills = legendFills(b.svg);
          expect(new Set(fills).size, `${t} figure "${b.alt.slice(0, 60)}"`).toBe(fills.length);
          checked += fills.length > 1 ? 1 : 0;
          // In Word: series (or a pie's slices) within the palette, so none is repeated.
          const chart = b.chart;
          if (!chart) continue;
          const onePie = chart.kind === "pie" || chart.kind === "donut" || chart.kind === "share";
          const count =
            onePie && chart.series.length === 1 ? chart.categories.length : chart.series.length;
          largest = Math.max(largest, count);
          expect(count, `${t} ${chart.title}`).toBeLessThanOrEqual(palette.length);
        }
      }
    }
    // Figure 3 (seven regions) and the spec fixture's seven-region lines are among them.
    expect(largest).toBe(7);
    expect(checked).toBeGreaterThanOrEqual(4);
    // Every audience of three templates, charts drawn: seconds of work on a loaded machine.
  }, 60_000);

  it("keeps the document palette and the chart house palette the same colours", () => {
    expect(houseTheme().colors.palette).toEqual([...houseChartTheme.palette.categorical]);
    expect(houseTheme().colors.rule).toBe(houseChartTheme.palette.remainder);
  });
});

describe("specRows: what a spec receives", () => {
  const def = (extra: Partial<ChartDef>): ChartDef => ({
    spec: "x.vl.json",
    table: "far-east-trade",
    title: "T",
    caption: "C",
    ...extra,
  });

  it("gives the table's rows keyed by column name: periods as tokens, numbers as numbers, missing as null", () => {
    const { rows, units } = specRows(dataset, def({}));
    const t = dataset.table("far-east-trade");
    expect(rows).toHaveLength(t.rows.length);
    expect(Object.keys(rows[0]!)).toEqual(t.columns.map((c) => c.name));
    expect(rows[0]).toEqual({
      region: "Yakutia",
      year: "1998",
      exports: 33.7,
      imports: 9.7,
      trade: null,
    });
    expect(units.get("exports")).toBe("US$ million");
  });

  it("applies where, exclude, from and to", () => {
    const { rows } = specRows(
      dataset,
      def({ exclude: ["Total", "Yakutia"], from: 2000, to: 2001 }),
    );
    expect(new Set(rows.map((r) => r.region)).has("Total")).toBe(false);
    expect(new Set(rows.map((r) => r.region)).has("Yakutia")).toBe(false);
    expect([...new Set(rows.map((r) => r.year))]).toEqual(["2000", "2001"]);
    const total = specRows(dataset, def({ where: { region: "Total" } })).rows;
    expect(total.every((r) => r.region === "Total")).toBe(true);
    expect(total.map((r) => r.year)).toEqual(["1998", "1999", "2000", "2001", "2002", "2003"]);
  });

  it("keeps a part year as its token, and leaves it out with to: latest", () => {
    const all = specRows(dataset, def({ table: "bilateral-trade" })).rows;
    expect(all.at(-1)?.year).toBe("2005-H1");
    const full = specRows(dataset, def({ table: "bilateral-trade", to: "latest" })).rows;
    expect(full.at(-1)?.year).toBe("2004");
  });
});

describe("relative periods in where and exclude", () => {
  const byProvince = (extra: Partial<ChartDef>): ChartDef => ({
    preset: "pie",
    table: "generation",
    x: "province",
    measures: ["renewable"],
    exclude: ["Total"],
    title: "T",
    caption: "C",
    ...extra,
  });
  /** The renewable generation of each province in one period, from the table itself. */
  const inPeriod = (token: string) =>
    partYear
      .table("generation")
      .rows.filter((r) => r.cells[0]?.raw === token && r.cells[1]?.value !== "Total")
      .map((r) => r.cells[2]?.value);

  it("takes latest, latest-N, first, first+N, latest-partial, a year and a token as where values on a period column", () => {
    const cases: [string | number, string][] = [
      ["latest", "2024"],
      ["latest-1", "2023"],
      ["first", "2022"],
      ["first+1", "2023"],
      ["latest-partial", "2025-H1"],
      [2023, "2023"],
      ["2025-H1", "2025-H1"],
    ];
    for (const [year, token] of cases) {
      const r = chartRows(partYear, byProvince({ where: { year } }));
      expect(r.categories, String(year)).toEqual(["Arland", "Brecon Vale", "Coastmark"]);
      expect(
        r.rows.map((x) => x.value),
        String(year),
      ).toEqual(inPeriod(token));
    }
  });

  it("counts latest-1 over distinct periods, not over rows (four rows a year)", () => {
    const r = chartRows(partYear, {
      preset: "line",
      table: "generation",
      x: "year",
      seriesBy: "province",
      measures: ["renewable"],
      exclude: ["Total"],
      from: "latest-1",
      to: "latest",
      title: "T",
      caption: "C",
    });
    expect(r.categories).toEqual(["2023", "2024"]);
  });

  it("leaves out a part year by its token, a relative period or a year, and a category", () => {
    const line = (exclude: (string | number)[]): ChartDef => ({
      preset: "line",
      table: "generation",
      x: "year",
      seriesBy: "province",
      measures: ["renewable"],
      exclude,
      title: "T",
      caption: "C",
    });
    const token = chartRows(partYear, line(["Total", "2025-H1"]));
    expect(token.categories).toEqual(["2022", "2023", "2024"]);
    expect(token.series).toEqual(["Arland", "Brecon Vale", "Coastmark"]);
    expect(token.partYear).toBeUndefined();
    expect(token.rows.some((r) => r.partial === true)).toBe(false);
    expect(chartRows(partYear, line(["Total", "latest-partial"])).categories).toEqual([
      "2022",
      "2023",
      "2024",
    ]);
    expect(chartRows(partYear, line([2022, "first+1"])).categories).toEqual([
      "2024",
      "2025 (first half)",
    ]);
    // A spec: the same rule on the table's first period column.
    const spec = specRows(partYear, {
      spec: "x.vl.json",
      table: "generation",
      exclude: ["Total", "2025-H1"],
      title: "T",
      caption: "C",
    });
    expect([...new Set(spec.rows.map((r) => r.year))]).toEqual(["2022", "2023", "2024"]);
    expect(spec.rows.some((r) => r.province === "Total")).toBe(false);
  });
});

describe("a part year in a chart", () => {
  const withHalfYear = (preset: "line" | "stacked-bar"): ChartDef => ({
    preset,
    table: "generation",
    x: "year",
    seriesBy: "province",
    measures: ["total"],
    exclude: ["Total"],
    title: "T",
    caption: "C",
  });

  it("is the picture in Word, not a native chart that joins or stacks it as a full year", async () => {
    for (const preset of ["line", "stacked-bar"] as const) {
      const { figure, log } = await render(withHalfYear(preset), () => partYear);
      expect(log.issues).toEqual([]);
      expect(figure?.chart, preset).toBeUndefined();
      expect(figure?.png?.base64.length, preset).toBeGreaterThan(0);
      expect(
        figure?.notes.map((n) => n.map((i) => ("value" in i ? i.value : "")).join("")),
      ).toEqual(["2025 (first half): part of the year only; not comparable with full years."]);
    }
  });

  it("is the picture in Word for a spec that draws it too, with the note", async () => {
    const templateDir = join(import.meta.dirname, "fixtures/templates/part-year-charts");
    const r = await compose({ templateDir, dataset: partYear, audience: "full" });
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("\n"));
    const spec = r.document.blocks.find(
      (b): b is Figure => b.type === "figure" && b.alt.includes("all provinces"),
    );
    expect(spec?.chart).toBeUndefined();
    expect(spec?.png?.base64.length).toBeGreaterThan(0);
    expect(spec?.notes.map((n) => n.map((i) => ("value" in i ? i.value : "")).join(""))).toEqual([
      "2025 (first half): part of the year only; not comparable with full years.",
    ]);
    // Every figure of the fixture: only those without the half year are native.
    const figures = r.document.blocks.filter((b): b is Figure => b.type === "figure");
    expect(figures.map((f) => f.chart?.kind ?? "picture")).toEqual([
      "picture",
      "picture",
      "stacked-bar",
      "picture",
      "pie",
      "pie",
    ]);
  });

  it("stays native in Word when the part year is left out", async () => {
    const { figure } = await render(
      { ...withHalfYear("stacked-bar"), exclude: ["Total", "2025-H1"] },
      () => partYear,
    );
    expect(figure?.chart?.categories).toEqual(["2022", "2023", "2024"]);
    expect(figure?.png).toBeUndefined();
  });

  it("keeps a time series on a horizontal time axis however long the part year's label", async () => {
    const { figure } = await render(withHalfYear("stacked-bar"), () => partYear);
    expect(figure?.svg).toContain(
      'aria-label="X-axis for a discrete scale with 4 values: 2022, 2023, 2024, 2025 (first half)"',
    );
    expect(figure?.alt).toContain("Covers 2022 to 2024, plus 2025 (first half)");
  });

  it("turns bars of long category names horizontal, and does not call short names periods", async () => {
    const technologies = await render(
      {
        preset: "grouped-bar",
        table: "capacity",
        x: "technology",
        measures: ["capacity"],
        title: "T",
        caption: "C",
      },
      () => partYear,
    );
    expect(technologies.figure?.chart?.orientation).toBe("horizontal");
    const partners = await render({
      preset: "grouped-bar",
      table: "far-east-trade-partners",
      x: "partner",
      measures: ["share"],
      title: "T",
      caption: "C",
    });
    expect(partners.figure?.chart?.orientation).toBe("vertical");
    expect(partners.figure?.alt).not.toContain("Covers");
    expect(partners.figure?.alt).toContain("3 categories");
  });
});

describe("the rounding note", () => {
  const noteTexts = (figure: Figure | undefined) =>
    (figure?.notes ?? []).map((n) => n.map((i) => ("value" in i ? i.value : "")).join(""));

  it("goes under a pie whose rounded shares add up to 101%, after the definition's notes", async () => {
    const { figure } = await render(
      {
        preset: "pie",
        table: "capacity",
        x: "technology",
        measures: ["capacity"],
        title: "T",
        caption: "C",
        notes: ["Capacity at the end of the year."],
      },
      () => partYear,
    );
    expect(noteTexts(figure)).toEqual([
      "Capacity at the end of the year.",
      "Shares may not add up to 100% because of rounding.",
    ]);
  });

  it("is not under a pie whose shares add up to 100%", async () => {
    const { figure } = await render({
      preset: "pie",
      table: "far-east-trade-partners",
      x: "partner",
      measures: ["share"],
      title: "T",
      caption: "C",
    });
    expect(noteTexts(figure)).toEqual([]);
  });
});
