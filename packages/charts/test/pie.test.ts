/** The pie preset: slices largest first, a grey remainder, share labels, a ring on request. */
import { describe, expect, it } from "vitest";
import { fixture } from "../examples/essay.js";
import { ChartError, houseChartTheme, pieChart, renderChart, sharesChart } from "../src/index.js";
import { ariaFields, marks, texts, textsOfRole } from "./svg-helpers.js";

const composition = fixture("export-composition").rows;
const regions2003 = fixture("far-east-trade").rows.filter(
  (r) => r.flow === "Exports" && r.year === "2003",
);

/** Angle (radians) swept by a pie slice path "M x1,y1 A r,r,0,large,sweep,x2,y2 L0,0Z". */
function sweep(d: string): number {
  const m = /^M([-\d.]+),([-\d.]+)A[\d.]+,[\d.]+,0,(\d),\d,([-\d.]+),([-\d.]+)/.exec(d);
  if (!m) throw new Error(`not a slice: ${d}`);
  const a1 = Math.atan2(Number(m[2]), Number(m[1]));
  const a2 = Math.atan2(Number(m[5]), Number(m[4]));
  const small = (((a1 - a2) % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
  return m[3] === "1" ? Math.max(small, 2 * Math.PI - small) : Math.min(small, 2 * Math.PI - small);
}

/** Circles an arc path follows: one for a pie slice, two (outer and inner) for a ring's. */
function arcCommands(d: string): number {
  return (d.match(/A/g) ?? []).length;
}

describe("pieChart", () => {
  it("draws the four named shares largest first and the unstated rest as a grey slice", async () => {
    const chart = await renderChart(
      pieChart(composition, {
        category: "product",
        value: "share",
        unit: "%",
        remainderLabel: "Other or not stated",
        title: "Composition of Russia's exports to Japan",
      }),
    );
    const slices = marks(chart.svg, "arc mark");
    expect(slices.map((s) => ariaFields(s["aria-label"]).product)).toEqual([
      "Precious and non-ferrous metals",
      "Fish and marine products",
      "Fuels (coal, oil, oil products)",
      "Timber",
      "Other or not stated",
    ]);
    const { categorical, remainder } = houseChartTheme.palette;
    expect(slices.map((s) => s.fill)).toEqual([...categorical.slice(0, 4), remainder]);
    expect(textsOfRole(chart.svg, "legend-label").flat()).toEqual([
      "Precious and non-ferrous metals",
      "Fish and marine products",
      "Fuels (coal, oil, oil products)",
      "Timber",
      "Other or not stated",
    ]);
    const labels = texts(chart.svg).filter((t) => t.endsWith("%"));
    expect(labels).toEqual(["37%", "27%", "20%", "11%", "5%"]);
    expect(chart.alt).toBe(
      "Pie chart: Composition of Russia's exports to Japan. Values in percent. 5 slices: " +
        "Precious and non-ferrous metals 37%, Fish and marine products 27%, " +
        "Fuels (coal, oil, oil products) 20%, Timber 11%, Other or not stated 5%.",
    );
    for (const s of slices) expect(arcCommands(s.d!)).toBe(1);
    // Each slice sweeps its share of the circle.
    const shares = [37, 27, 20, 11, 5];
    slices.forEach((s, i) => {
      expect(sweep(s.d!) / (2 * Math.PI)).toBeCloseTo(shares[i]! / 100, 2);
    });
  });

  it("draws a ring with donut: true, and gives each slice its share of the whole in the alt text", async () => {
    const chart = await renderChart(
      pieChart(regions2003, {
        category: "region",
        value: "value",
        unit: "US$ million",
        donut: true,
        title: "Exports by region, 2003",
      }),
    );
    const slices = marks(chart.svg, "arc mark");
    expect(slices).toHaveLength(7);
    // A ring: each slice follows the outer and the inner circle.
    for (const s of slices) expect(arcCommands(s.d!)).toBe(2);
    expect(new Set(slices.map((s) => s.fill)).size).toBe(7);
    expect(chart.alt).toContain("Donut chart: Exports by region, 2003. Values in US$ million.");
    expect(chart.alt).toContain(
      "7 slices: Sakhalinskaya Oblast 293.5 (34%), Khabarovskiy Krai 169.2 (19%)",
    );
    expect(chart.alt).toContain("; total 869.1.");
  });

  it("keeps row order with sort: none and adds no remainder without a label", async () => {
    const input = pieChart(composition, { category: "product", value: "share", sort: "none" });
    expect((input.rows ?? []).map((r) => r.product)).toEqual(composition.map((r) => r.product));
  });

  it("refuses a negative slice, naming the row", () => {
    const rows = [
      { name: "A", value: 60 },
      { name: "B", value: -10 },
    ];
    let error: unknown;
    try {
      pieChart(rows, { category: "name", value: "value" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ChartError);
    expect((error as ChartError).issues[0]).toMatchObject({
      code: "invalid-row",
      path: "rows/1/value",
    });
  });
});

describe("rounded shares that do not add up to 100%", () => {
  const capacity = [
    { technology: "Onshore wind", capacity: 5200 },
    { technology: "Solar PV", capacity: 3800 },
    { technology: "Hydro", capacity: 2450 },
    { technology: "Offshore wind", capacity: 2100 },
    { technology: "Biomass", capacity: 650 },
  ];
  const labelSum = (svg: string) =>
    texts(svg)
      .filter((t) => t.endsWith("%"))
      .reduce((sum, t) => sum + Number(t.slice(0, -1)), 0);

  it("notes the rounding under a pie or donut whose slice labels add up to 101%, labels as rounded", async () => {
    for (const donut of [false, true]) {
      const input = pieChart(capacity, {
        category: "technology",
        value: "capacity",
        unit: "MW",
        donut,
      });
      const chart = await renderChart(input);
      expect(texts(chart.svg).filter((t) => t.endsWith("%"))).toEqual([
        "37%",
        "27%",
        "17%",
        "15%",
        "5%",
      ]);
      expect(labelSum(chart.svg)).toBe(101);
      expect(input.notes).toEqual(["Shares may not add up to 100% because of rounding."]);
    }
  });

  it("adds no note when the labels add up to 100%", async () => {
    const input = pieChart(composition, {
      category: "product",
      value: "share",
      unit: "%",
      remainderLabel: "Other or not stated",
    });
    expect(labelSum((await renderChart(input)).svg)).toBe(100);
    expect(input.notes).toBeUndefined();
  });

  it("counts the labels at their decimals: 33.3% three times is 99.9%", () => {
    const thirds = ["A", "B", "C"].map((name) => ({ name, value: 1 }));
    const whole = pieChart(thirds, { category: "name", value: "value" });
    expect(whole.notes).toHaveLength(1);
    const tenths = pieChart(
      thirds.map((r) => ({ ...r, value: 33.3 })),
      { category: "name", value: "value", unit: "%" },
    );
    expect((tenths.rows ?? []).map((r) => r.__label)).toEqual(["33.3%", "33.3%", "33.3%"]);
    expect(tenths.notes).toHaveLength(1);
  });

  it("notes a shares chart of a whole, not one of several answers or of a part", async () => {
    const whole = sharesChart(
      [
        { party: "A", share: 33.4 },
        { party: "B", share: 33.3 },
        { party: "C", share: 33.3 },
      ],
      { category: "party", value: "share" },
    );
    expect(labelSum((await renderChart(whole)).svg)).toBe(99);
    expect(whole.notes).toEqual(["Shares may not add up to 100% because of rounding."]);
    // Several answers each: 180% is no whole, and no rounding made it so.
    const answers = sharesChart(
      [
        { reason: "Price", share: 70.4 },
        { reason: "Quality", share: 60.3 },
        { reason: "Habit", share: 49.3 },
      ],
      { category: "reason", value: "share" },
    );
    expect(answers.notes).toBeUndefined();
    // A part of a whole with its rest shown: 37 + 22 + 15 + 26.
    const partners = sharesChart(
      [
        { partner: "China", share: 37 },
        { partner: "Japan", share: 22 },
        { partner: "ROK", share: 15 },
      ],
      { category: "partner", value: "share", remainderLabel: "Other" },
    );
    expect(partners.notes).toBeUndefined();
  });
});
