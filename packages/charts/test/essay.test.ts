/**
 * The essay's charts, checked against the essay's tables: marks, axis labels,
 * titles, the distinct styling of the 2005 first half, and alt text against
 * values worked out by hand from Table 1, Table 3 and the text.
 */
import { describe, expect, it } from "vitest";
import {
  compositionChart,
  exportsImportsChart,
  fixture,
  regionsChart,
  regionsSmallMultiples,
  stackedTradeChart,
  totalTradeChart,
} from "../examples/essay.js";
import { houseChartTheme, type RenderedChart, renderChart } from "../src/index.js";
import { ariaFields, barSize, marks, texts, textsOfRole } from "./svg-helpers.js";

function noNaN(chart: RenderedChart): void {
  for (const t of texts(chart.svg)) expect(t).not.toMatch(/NaN|Infinity|undefined/);
  expect(chart.svg).not.toMatch(/NaN/);
  expect(chart.alt).not.toMatch(/NaN|Infinity|undefined/);
}

describe("fixtures transcribe the essay", () => {
  it("Table 1: exports + imports = total within rounding, 2005 is the first half only", () => {
    const t1 = fixture("russia-japan-trade");
    const value = (flow: string, period: string) =>
      t1.rows.find((r) => r.flow === flow && r.period === period)?.value as number;
    for (const p of ["1998", "1999", "2000", "2001", "2002", "2003", "2004", "2005 H1"]) {
      expect(
        Math.abs(value("Exports", p) + value("Imports", p) - value("Total", p)),
      ).toBeLessThanOrEqual(0.1);
    }
    expect(t1.rows.filter((r) => r.partial === true).map((r) => r.period)).toEqual([
      "2005 H1",
      "2005 H1",
      "2005 H1",
    ]);
  });

  it("Table 3: 2003 regions sum to the stated totals (exports off by 0.1 from rounding)", () => {
    const t3 = fixture("far-east-trade");
    const sum = (flow: string) =>
      t3.rows
        .filter((r) => r.year === "2003" && r.flow === flow)
        .reduce((n, r) => n + (r.value as number), 0);
    expect(sum("Exports")).toBeCloseTo(869.1, 6);
    expect(sum("Imports")).toBeCloseTo(483.0, 6);
    const missing = t3.rows.filter((r) => r.value === null).map((r) => `${r.region} ${r.year}`);
    expect(missing.sort()).toEqual([
      "Magadanskaya Oblast 2002",
      "Magadanskaya Oblast 2002",
      "Yakutia 2002",
      "Yakutia 2002",
    ]);
  });
});

describe("total trade 1998–2004 with the 2005 first half apart (line)", async () => {
  const chart = await renderChart(totalTradeChart(), { png: true });

  it("has the title, the subtitle and every period on the x axis, in order", () => {
    const all = texts(chart.svg);
    expect(all).toContain("Russia–Japan trade, 1998–2005");
    expect(all).toContain("Total trade, US$ billion. 2005: first half of the year only");
    const [xLabels] = textsOfRole(chart.svg, "axis-label");
    expect(xLabels).toEqual(["1998", "1999", "2000", "2001", "2002", "2003", "2004", "2005 H1"]);
    expect(all).toContain("US$ billion");
    noNaN(chart);
  });

  it("draws seven full years on the line and the half year as one hollow, unjoined point", () => {
    const points = marks(chart.svg, "point");
    expect(points).toHaveLength(8);
    const full = points.filter((p) => ariaFields(p["aria-label"]).period !== "2005 H1");
    const half = points.filter((p) => ariaFields(p["aria-label"]).period === "2005 H1");
    expect(full).toHaveLength(7);
    expect(half).toHaveLength(1);
    expect(ariaFields(half[0]!["aria-label"]).value).toBe("3.8");
    expect(half[0]!.fill).toBe("#ffffff");
    expect(half[0]!.stroke).toBe("#1b365d");
    for (const p of full) expect(p.fill).toBe("#1b365d");
    const lines = marks(chart.svg, "line mark");
    expect(lines).toHaveLength(1);
    // The line joins the seven full years only: one move and six segments.
    expect(lines[0]!.d!.match(/L/g)).toHaveLength(6);
    expect(lines[0]!.d!.match(/M/g)).toHaveLength(1);
    expect(texts(chart.svg)).toContain("First half only");
  });

  it("places the points at the essay's values (y is linear in the value)", () => {
    const y = (period: string) => {
      const p = marks(chart.svg, "point").find(
        (m) => ariaFields(m["aria-label"]).period === period,
      )!;
      return Number(/translate\([-\d.]+,([-\d.]+)\)/.exec(p.transform!)![1]);
    };
    // (y1998 - y2004) / (y1998 - y2003) = (8.8 - 3.9) / (5.9 - 3.9)
    expect((y("1998") - y("2004")) / (y("1998") - y("2003"))).toBeCloseTo(4.9 / 2.0, 3);
  });

  it("writes alt text with range, first/last, extremes and the half year apart", () => {
    expect(chart.alt).toBe(
      "Line chart: Russia–Japan trade, 1998–2005. Values in US$ billion. " +
        "Covers 1998 to 2004, plus 2005 H1 (first half only, not a full period). " +
        "Values: 3.9 in 1998, 8.8 in 2004; highest 8.8 in 2004, lowest 3.9 in 1998; " +
        "2005 H1 (first half only): 3.8.",
    );
  });
});

describe("Russian exports and imports (grouped bars)", async () => {
  const chart = await renderChart(exportsImportsChart());
  const bars = marks(chart.svg, "bar");

  it("draws 16 bars, the two of 2005 H1 pale with a dashed outline", () => {
    expect(bars).toHaveLength(16);
    const half = bars.filter((b) => ariaFields(b["aria-label"]).period === "2005 H1");
    const full = bars.filter((b) => ariaFields(b["aria-label"]).period !== "2005 H1");
    expect(half).toHaveLength(2);
    for (const b of half) {
      expect(Number(b["fill-opacity"])).toBeLessThan(0.5);
      expect(b["stroke-dasharray"]).toBe("3,2");
      expect(Number(b["stroke-width"])).toBeGreaterThan(0);
    }
    for (const b of full) expect(b["fill-opacity"]).toBe("1");
    expect(texts(chart.svg)).toContain("First half only");
    noNaN(chart);
  });

  it("colours exports and imports far apart in lightness, with a legend", () => {
    const fillOf = (flow: string) =>
      new Set(bars.filter((b) => ariaFields(b["aria-label"]).flow === flow).map((b) => b.fill));
    expect(fillOf("Exports")).toEqual(new Set(["#1b365d"]));
    expect(fillOf("Imports")).toEqual(new Set(["#d9a441"]));
    const legend = textsOfRole(chart.svg, "legend-label").flat();
    expect(legend).toEqual(["Exports", "Imports"]);
  });

  it("draws bar heights in proportion to the values", () => {
    const h = (period: string, flow: string) =>
      barSize(
        bars.find((b) => {
          const f = ariaFields(b["aria-label"]);
          return f.period === period && f.flow === flow;
        })!.d!,
      ).height;
    expect(h("2004", "Exports") / h("1998", "Exports")).toBeCloseTo(5.7 / 2.9, 3);
    expect(h("2005 H1", "Imports") / h("1999", "Imports")).toBeCloseTo(1.5 / 0.5, 3);
  });

  it("alt text: per series first, last, extremes; the half year apart", () => {
    expect(chart.alt).toContain("Series: Exports and Imports.");
    expect(chart.alt).toContain(
      "Exports: 2.9 in 1998, 5.7 in 2004; highest 5.7 in 2004, lowest 2.9 in 1998; 2005 H1 (first half only): 2.3.",
    );
    expect(chart.alt).toContain(
      "Imports: 1.0 in 1998, 3.1 in 2004; highest 3.1 in 2004, lowest 0.5 in 1999; 2005 H1 (first half only): 1.5.",
    );
  });
});

describe("Far Eastern trade with Japan by region, 2003 (horizontal grouped bars)", async () => {
  const chart = await renderChart(regionsChart());
  const bars = marks(chart.svg, "bar");

  it("draws 14 bars, one per region and flow, with value labels as in Table 3", () => {
    expect(bars).toHaveLength(14);
    const all = texts(chart.svg);
    for (const v of [
      "138.9",
      "11.0",
      "154.9",
      "221.7",
      "169.2",
      "77.8",
      "21.9",
      "1.8",
      "70.6",
      "13.4",
      "20.1",
      "12.7",
      "293.5",
      "144.6",
    ]) {
      expect(all).toContain(v);
    }
    const [, regions] = textsOfRole(chart.svg, "axis-label");
    expect(regions).toEqual([
      "Yakutia",
      "Primorskiy Krai",
      "Khabarovskiy Krai",
      "Amurskaya Oblast",
      "Kamchatskaya Oblast",
      "Magadanskaya Oblast",
      "Sakhalinskaya Oblast",
    ]);
    noNaN(chart);
  });

  it("bar lengths follow the values", () => {
    const w = (region: string, flow: string) =>
      barSize(
        bars.find((b) => {
          const f = ariaFields(b["aria-label"]);
          return f.region === region && f.flow === flow;
        })!.d!,
      ).width;
    expect(w("Sakhalinskaya Oblast", "Exports") / w("Primorskiy Krai", "Imports")).toBeCloseTo(
      293.5 / 221.7,
      3,
    );
  });

  it("alt text names the extremes per flow", () => {
    expect(chart.alt).toContain(
      "highest 293.5 (Sakhalinskaya Oblast), lowest 20.1 (Magadanskaya Oblast)",
    );
    expect(chart.alt).toContain("highest 221.7 (Primorskiy Krai), lowest 1.8 (Amurskaya Oblast)");
    expect(chart.alt).toContain("Values in US$ million.");
  });
});

describe("composition of Russia's exports to Japan (shares)", async () => {
  const chart = await renderChart(compositionChart());
  const bars = marks(chart.svg, "bar");

  it("draws the four named shares largest first and the unstated 5% as a grey remainder", () => {
    expect(bars).toHaveLength(5);
    expect(bars.map((b) => ariaFields(b["aria-label"]).product)).toEqual([
      "Precious and non-ferrous metals",
      "Fish and marine products",
      "Fuels (coal, oil, oil products)",
      "Timber",
      "Other (not specified)",
    ]);
    expect(bars.map((b) => b.fill)).toEqual([
      "#1b365d",
      "#1b365d",
      "#1b365d",
      "#1b365d",
      houseChartTheme.palette.remainder,
    ]);
    const labels = texts(chart.svg).filter((t) => t.endsWith("%"));
    expect(labels).toEqual(["37%", "27%", "20%", "11%", "5%"]);
    const w = bars.map((b) => barSize(b.d!).width);
    expect(w[0]! / w[3]!).toBeCloseTo(37 / 11, 3);
    noNaN(chart);
  });

  it("alt text lists every share", () => {
    expect(chart.alt).toBe(
      "Bar chart of shares: Composition of Russia's exports to Japan. Values in percent. 5 categories. " +
        "Values: Precious and non-ferrous metals 37%, Fish and marine products 27%, " +
        "Fuels (coal, oil, oil products) 20%, Timber 11%, Other (not specified) 5%; " +
        "highest 37% (Precious and non-ferrous metals), lowest 5% (Other (not specified)).",
    );
  });
});

describe("template specs get alt text too", () => {
  it("derives the description from the encoding", async () => {
    const t1 = fixture("russia-japan-trade");
    const spec = {
      title: "Russian exports to Japan",
      usermeta: { unit: "US$ billion" },
      mark: "line",
      encoding: {
        x: { field: "period", type: "ordinal" },
        y: { field: "value", type: "quantitative" },
      },
    };
    const rows = t1.rows.filter((r) => r.flow === "Exports" && r.partial !== true);
    const chart = await renderChart({ spec, rows });
    expect(chart.alt).toBe(
      "Line chart: Russian exports to Japan. Values in US$ billion. Covers 1998 to 2004. " +
        "Values: 2.9 in 1998, 5.7 in 2004; highest 5.7 in 2004, lowest 2.9 in 1998.",
    );
  });
});

describe("more views of the same tables", () => {
  it("small multiples: one panel per region, gaps where Table 3 has no figure", async () => {
    const chart = await renderChart(regionsSmallMultiples());
    const titles = textsOfRole(chart.svg, "title-text").flat();
    const regions = [...new Set(fixture("far-east-trade").rows.map((r) => r.region))];
    expect(titles.filter((t) => t !== "Far Eastern regions' trade with Japan, 1998–2003")).toEqual(
      regions,
    );
    // 7 regions × 2 flows × 6 years, minus the 4 missing figures.
    expect(marks(chart.svg, "point")).toHaveLength(7 * 2 * 6 - 4);
    expect(chart.alt).toContain(
      "Yakutia — Exports: 33.7 in 1998, 138.9 in 2003; highest 138.9 in 2003, lowest 27.8 in 2001; no data for 2002.",
    );
    expect(chart.width).toBeLessThanOrEqual(600);
    noNaN(chart);
  });

  it("stacked bars: exports under imports, totals as in Table 1", async () => {
    const chart = await renderChart(stackedTradeChart());
    const bars = marks(chart.svg, "bar");
    expect(bars).toHaveLength(16);
    const top = (period: string) =>
      Math.min(
        ...bars
          .filter((b) => ariaFields(b["aria-label"]).period === period)
          .map((b) => Number(/^M[-\d.]+,([-\d.]+)/.exec(b.d!)![1])),
      );
    const base = (period: string) =>
      Math.max(
        ...bars
          .filter((b) => ariaFields(b["aria-label"]).period === period)
          .map((b) => {
            const m = /^M[-\d.]+,([-\d.]+)h[-\d.]+v([-\d.]+)/.exec(b.d!)!;
            return Number(m[1]) + Number(m[2]);
          }),
      );
    const stack = (p: string) => base(p) - top(p);
    expect(stack("2004") / stack("1998")).toBeCloseTo((5.7 + 3.1) / (2.9 + 1.0), 3);
    expect(chart.alt).toContain("Stacked bar chart");
    noNaN(chart);
  });
});
