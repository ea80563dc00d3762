/**
 * Template specs read back as tables (what Word redraws natively): the
 * categories and series in the order Vega-Lite draws them — checked against
 * the rendered SVG's axis and legend labels — with aggregates applied, and
 * `undefined` for what a table cannot represent.
 */
import { describe, expect, it } from "vitest";
import { fixture } from "../examples/essay.js";
import { renderChart, tabulateChart } from "../src/index.js";
import { textsOfRole } from "./svg-helpers.js";

const t3 = fixture("far-east-trade").rows;
const exports = t3.filter((r) => r.flow === "Exports");
const composition = fixture("export-composition").rows;

async function drawn(spec: Record<string, unknown>, rows: typeof t3) {
  const chart = await renderChart({ spec, rows });
  return {
    axis: textsOfRole(chart.svg, "axis-label"),
    legend: textsOfRole(chart.svg, "legend-label").flat(),
    alt: chart.alt,
  };
}

describe("tabulateChart", () => {
  it("reads a pie: slices from colour in Vega-Lite's ascending order, values from theta", async () => {
    const spec = {
      mark: "arc",
      encoding: {
        theta: { field: "share", type: "quantitative" },
        color: { field: "product", type: "nominal" },
      },
    };
    const table = tabulateChart(spec, composition)!;
    expect(table).toMatchObject({ mark: "arc", donut: false });
    expect(table.categories).toEqual(composition.map((r) => String(r.product)).sort());
    expect(table.categories).toEqual((await drawn(spec, composition)).legend);
    const share = (p: string) => composition.find((r) => r.product === p)!.share;
    expect(table.series).toEqual([{ name: "share", values: table.categories.map(share) }]);
  });

  it("reads a ring from innerRadius and keeps data order with sort: null", () => {
    const table = tabulateChart(
      {
        mark: { type: "arc", innerRadius: 50 },
        encoding: {
          theta: { field: "share", type: "quantitative" },
          color: { field: "product", type: "nominal", sort: null },
        },
      },
      composition,
    )!;
    expect(table.donut).toBe(true);
    expect(table.categories).toEqual(composition.map((r) => String(r.product)));
  });

  it("reads stacked bars by region (Vega-Lite's default stack), summing repeated cells", async () => {
    const spec = {
      mark: "bar",
      encoding: {
        x: { field: "year", type: "ordinal", title: "Year" },
        y: { field: "value", type: "quantitative", axis: { title: "US$ million" } },
        color: { field: "region", type: "nominal" },
      },
    };
    const table = tabulateChart(spec, exports)!;
    expect(table).toMatchObject({
      mark: "bar",
      orientation: "vertical",
      stacked: true,
      categoryTitle: "Year",
      valueTitle: "US$ million",
    });
    const seen = await drawn(spec, exports);
    expect(table.categories).toEqual(seen.axis[0]);
    expect(table.series.map((s) => s.name)).toEqual(seen.legend);
    const yakutia = table.series.find((s) => s.name === "Yakutia")!;
    expect(yakutia.values).toEqual(
      table.categories.map((y) => {
        const v = exports.find((r) => r.region === "Yakutia" && r.year === y)?.value;
        return typeof v === "number" ? v : null;
      }),
    );
  });

  it("reads side-by-side bars from an offset channel or stack: null, and horizontal bars", () => {
    const both = t3.filter((r) => r.year === "2003");
    const grouped = tabulateChart(
      {
        mark: "bar",
        encoding: {
          y: { field: "region", type: "nominal", sort: null },
          x: { field: "value", type: "quantitative" },
          color: { field: "flow", type: "nominal" },
          yOffset: { field: "flow" },
        },
      },
      both,
    )!;
    expect(grouped).toMatchObject({ mark: "bar", orientation: "horizontal", stacked: false });
    expect(grouped.categories).toEqual([...new Set(both.map((r) => String(r.region)))]);
    expect(grouped.series.map((s) => s.name)).toEqual(["Exports", "Imports"]);
    const unstacked = tabulateChart(
      {
        mark: "bar",
        encoding: {
          x: { field: "region", type: "nominal" },
          y: { field: "value", type: "quantitative", stack: null },
          color: { field: "flow", type: "nominal" },
        },
      },
      both,
    )!;
    expect(unstacked.stacked).toBe(false);
  });

  it("reads lines with point layers and a text layer as one line chart", async () => {
    const spec = {
      encoding: {
        x: { field: "year", type: "ordinal" },
        y: { field: "value", type: "quantitative" },
        color: { field: "region", type: "nominal" },
      },
      layer: [
        { mark: "line" },
        { mark: "point" },
        { mark: { type: "text", dy: -8 }, encoding: { text: { field: "value" } } },
      ],
    };
    const table = tabulateChart(spec, exports)!;
    expect(table.mark).toBe("line");
    expect(table.series).toHaveLength(7);
    const seen = await drawn(spec, exports);
    expect(table.series.map((s) => s.name)).toEqual(seen.legend);
    expect(table.valueTitle).toBe("value");
  });

  it("applies the value channel's aggregate and sorts by it for sort: -y", async () => {
    const spec = {
      mark: "bar",
      encoding: {
        x: { field: "region", type: "nominal", sort: "-y" },
        y: { field: "value", aggregate: "sum", type: "quantitative" },
      },
    };
    const table = tabulateChart(spec, exports)!;
    const total = (region: string) =>
      exports
        .filter((r) => r.region === region && typeof r.value === "number")
        .reduce((n, r) => n + (r.value as number), 0);
    expect(table.series[0]!.values).toEqual(table.categories.map((c) => total(c)));
    const values = table.series[0]!.values as number[];
    expect([...values].sort((a, b) => b - a)).toEqual(values);
    expect(table.categories).toEqual((await drawn(spec, exports)).axis[0]);
    expect(table.valueTitle).toBe("Sum of value");
  });

  it("describes a tabulated spec's aggregate in the alt text as drawn", async () => {
    const spec = {
      title: "Exports by region, 1998–2003",
      usermeta: { unit: "US$ million" },
      mark: "bar",
      encoding: {
        x: { field: "region", type: "nominal", sort: "-y" },
        y: { field: "value", aggregate: "sum", type: "quantitative" },
      },
    };
    const { alt } = await drawn(spec, exports);
    expect(alt).toContain(
      "Bar chart: Exports by region, 1998–2003. Values in US$ million. 7 categories.",
    );
    // Largest total first, as the bars are sorted: the sums of the fixture's rows.
    const totals = [...new Set(exports.map((r) => String(r.region)))]
      .map((region) => ({
        region,
        total: exports
          .filter((r) => r.region === region && typeof r.value === "number")
          .reduce((n, r) => n + (r.value as number), 0),
      }))
      .sort((a, b) => b.total - a.total);
    const fmt = (v: number) =>
      v.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    expect(alt).toContain(
      `Values: ${totals.map((t) => `${t.region} ${fmt(t.total)}`).join(", ")}; highest ${fmt(totals[0]!.total)}`,
    );
  });

  it("gives undefined for what a table cannot show", () => {
    const base = {
      x: { field: "year", type: "ordinal" },
      y: { field: "value", type: "quantitative" },
      color: { field: "region", type: "nominal" },
    };
    const cannot = [
      { mark: "area", encoding: base },
      { mark: "line", transform: [{ filter: "datum.value > 10" }], encoding: base },
      { layer: [{ mark: "bar" }, { mark: "line" }], encoding: base },
      { mark: "bar", encoding: { ...base, y: { ...base.y, stack: "normalize" } } },
      {
        mark: "bar",
        encoding: { ...base, x: { field: "year", type: "ordinal", timeUnit: "year" } },
      },
      { mark: "point", encoding: base },
      { mark: "line", encoding: { ...base, size: { field: "value", type: "quantitative" } } },
      { facet: { field: "region" }, spec: { mark: "line", encoding: base } },
      // Repeated cells on a line would zigzag: not one value per point.
      { mark: "line", encoding: { x: base.x, y: base.y } },
    ];
    for (const spec of cannot)
      expect(tabulateChart(spec, exports), JSON.stringify(spec)).toBeUndefined();
  });
});
