/**
 * Evaluation against a small fixture dataset (test/fixtures/mini, loaded with
 * the real @briefkit/data loader): happy paths with hand-computed values,
 * provenance, and every bad input of issue #3 that concerns indicators.
 */
import { type Dataset, loadDataset } from "@briefkit/data";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type Evaluation,
  evaluateIndicators,
  INDICATOR_FUNCTIONS,
  type IndicatorFunction,
  type IndicatorResult,
  type LoadedIndicators,
  parseIndicatorYaml,
} from "../src/index.js";

let ds: Dataset;
beforeAll(async () => {
  const loaded = await loadDataset(new URL("./fixtures/mini", import.meta.url).pathname);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  ds = loaded.dataset;
});

/** Evaluates YAML definitions against the fixture. */
function run(yaml: string): Evaluation & { loaded: LoadedIndicators } {
  const loaded = parseIndicatorYaml(yaml, "test.yaml");
  expect(loaded.issues).toEqual([]);
  return { loaded, ...evaluateIndicators(ds, loaded.definitions, { source: loaded.source }) };
}

/** 1-based line and column of the first occurrence of `needle` in `text`. */
function at(text: string, needle: string): { line: number; column: number } {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`not found: ${needle}`);
  const before = text.slice(0, i).split("\n");
  return { line: before.length, column: (before[before.length - 1] as string).length + 1 };
}

function result(ev: Evaluation, id: string): IndicatorResult {
  const r = ev.results.find((x) => x.id === id);
  if (!r) throw new Error(`no result ${id}`);
  return r.result;
}
function value(ev: Evaluation, id: string): number {
  const r = result(ev, id);
  if (r.status !== "ok") throw new Error(`${id}: na ${r.code}: ${r.reason}`);
  return r.value;
}
function naCode(ev: Evaluation, id: string): string {
  const r = result(ev, id);
  if (r.status !== "na") throw new Error(`${id}: expected na, got ${r.value}`);
  return r.code;
}

describe("evaluateIndicators: values", () => {
  const yaml = `
indicators:
  - id: growth
    function: growth
    input: { table: bilateral-trade, measure: total }
  - id: multiple
    function: multiple
    input: { table: bilateral-trade, measure: total }
    from: first
    to: latest
  - id: cagr
    function: cagr
    input: { table: bilateral-trade, measure: total }
    from: 1998
    to: 2004
  - id: index
    function: index
    input: { table: bilateral-trade, measure: total }
    base: 1998
  - id: exports-share
    function: share
    part: { table: bilateral-trade, measure: exports }
    total: { table: bilateral-trade, measure: total }
  - id: balance
    function: balance
    exports: { table: bilateral-trade, measure: exports }
    imports: { table: bilateral-trade, measure: imports }
  - id: coverage
    function: coverage
    exports: { table: bilateral-trade, measure: exports }
    imports: { table: bilateral-trade, measure: imports }
  - id: h1
    function: value
    input: { table: bilateral-trade, measure: total, period: latest-partial }
  - id: annualised
    function: annualise
    input: { table: bilateral-trade, measure: total }
    method: double-half-year
  - id: fe-total-2003
    function: value
    input: { table: far-east-trade, measure: [exports, imports], where: { region: Total } }
    period: 2003
  - id: fe-growth
    function: growth
    input: { table: far-east-trade, measure: [exports, imports], where: { region: Total } }
    period: 2003
  - id: sakhalin-share
    function: share
    part: { table: far-east-trade, measure: [exports, imports], where: { region: Sakhalinskaya Oblast } }
    total: { indicator: fe-total-2003 }
    period: 2003
  - id: fe-rank
    function: rank
    items: { table: far-east-trade, measure: [exports, imports], across: region, exclude: [Total] }
    of: Sakhalinskaya Oblast
    period: 2003
  - id: fe-sum-regions
    function: sum
    items: { table: far-east-trade, measure: exports, across: region, exclude: [Total] }
    period: 2003
  - id: mean
    function: rolling-mean
    input: { table: bilateral-trade, measure: total }
    window: 3
  - id: bpd
    function: convert
    input: { fact: asia-pacific-crude-exports-2020 }
    unit: barrels-per-day
    scale: million
  - id: us-capacity-mid
    function: value
    input: { fact: us-oil-absorption-capacity, pick: mid }
  - id: later-dependency
    function: multiple
    from: { indicator: fe-total-2003 }
    to: { indicator: fe-total-2003 }
  - id: in-billions
    function: value
    input: { indicator: fe-total-2003 }
    scale: billion
`;
  let ev: Evaluation;
  beforeAll(() => {
    ev = run(yaml);
  });

  it("returns one result per definition, in order, and no issues", () => {
    expect(ev.issues).toEqual([]);
    expect(ev.results.map((r) => r.id)).toEqual(
      [...yaml.matchAll(/- id: (\S+)/g)].map((m) => m[1]),
    );
  });

  it("growth y/y defaults to latest (2004) over the year before: 8.8 / 5.9 - 1 = 49.15%", () => {
    expect(value(ev, "growth")).toBeCloseTo(49.1525, 4);
    expect(result(ev, "growth").periods).toEqual(["2003", "2004"]);
    expect(ev.results[0]?.text).toBe("49%");
  });

  it("multiple first -> latest = 8.8 / 3.9 = 2.256, more than doubled", () => {
    expect(value(ev, "multiple")).toBeCloseTo(2.2564, 4);
    const r = result(ev, "multiple");
    expect(r.status === "ok" && r.band?.text).toBe("more than doubled");
  });

  it("CAGR 1998-2004 = (8.8 / 3.9)^(1/6) - 1 = 14.53%; index 2004 = 225.6", () => {
    expect(value(ev, "cagr")).toBeCloseTo(14.5257, 3);
    expect(value(ev, "index")).toBeCloseTo(225.641, 3); // 8.8 / 3.9 x 100
  });

  it("share 5.7 / 8.8 = 64.8%; balance 5.7 - 3.1 = 2.6; coverage 5.7 / 3.1 = 183.9%", () => {
    expect(value(ev, "exports-share")).toBeCloseTo(64.7727, 3);
    expect(value(ev, "balance")).toBeCloseTo(2.6, 9);
    expect(value(ev, "coverage")).toBeCloseTo(183.871, 3);
  });

  it("the half year is reached only by latest-partial, and annualised is an estimate: 3.8 x 2 = 7.6", () => {
    expect(value(ev, "h1")).toBe(3.8);
    const a = result(ev, "annualised");
    expect(a.status === "ok" && [a.value, a.estimate, a.periods]).toEqual([7.6, true, ["2005"]]);
  });

  it("Far East 2003: 869.2 + 483.0 = 1,352.2; growth over 2002 (649.3 + 165.1 = 814.4) = 66.04%", () => {
    expect(value(ev, "fe-total-2003")).toBeCloseTo(1352.2, 9);
    expect(value(ev, "fe-growth")).toBeCloseTo(66.0363, 3);
  });

  it("Sakhalin share = (293.5 + 144.6) / 1,352.2 = 32.40%, and ranks first", () => {
    expect(value(ev, "sakhalin-share")).toBeCloseTo(32.399, 3);
    expect(value(ev, "fe-rank")).toBe(1);
    const r = result(ev, "fe-rank");
    // Yakutia 138.9 + 11.0 = 149.9; Primorskiy 154.9 + 221.7 = 376.6
    expect(
      r.status === "ok" && r.ranking?.map((e) => [e.label, Number(e.value.toFixed(1))]),
    ).toEqual([
      ["Sakhalinskaya Oblast", 438.1],
      ["Primorskiy Krai", 376.6],
      ["Yakutia", 149.9],
    ]);
  });

  it("sum across regions: 138.9 + 154.9 + 293.5 = 587.3", () => {
    expect(value(ev, "fe-sum-regions")).toBeCloseTo(587.3, 9);
  });

  it("rolling mean 2002-2004 = (4.2 + 5.9 + 8.8) / 3 = 6.3", () => {
    expect(value(ev, "mean")).toBeCloseTo(6.3, 9);
  });

  it("105 Mt a year = 2.1 million barrels a day (x 7.33 / 365), factors recorded", () => {
    expect(value(ev, "bpd")).toBeCloseTo(2.10863, 5);
    const item = ev.results.find((r) => r.id === "bpd");
    expect(item?.text).toBe("2.1 million barrels a day");
    const r = result(ev, "bpd");
    expect(r.status === "ok" && r.factors).toEqual({ barrelsPerTonne: 7.33, daysPerYear: 365 });
  });

  it("a range fact with pick: mid of 15-25 Mt is 20", () => {
    expect(value(ev, "us-capacity-mid")).toBe(20);
  });

  it("dependencies resolve regardless of order, and the declared scale rescales", () => {
    expect(value(ev, "later-dependency")).toBe(1);
    expect(value(ev, "in-billions")).toBeCloseTo(1.3522, 9);
    expect(ev.results.find((r) => r.id === "in-billions")?.text).toBe("US$1.4 billion");
    expect(ev.results.find((r) => r.id === "later-dependency")?.dependsOn).toEqual([
      "fe-total-2003",
    ]);
  });

  it("carries provenance: dataset, edition, table, measure, where, period, source, value", () => {
    const r = result(ev, "sakhalin-share");
    expect(r.inputs).toContainEqual({
      kind: "series",
      dataset: "mini",
      edition: "2005",
      table: "far-east-trade",
      measure: "exports",
      where: { region: "Sakhalinskaya Oblast" },
      period: "2003",
      source: "far-east-association",
      value: 293.5,
      unit: "USD",
      scale: "million",
    });
    expect(result(ev, "growth").inputs.map((i) => [i.period, i.value, i.source])).toEqual([
      ["2003", 5.9, "medt"],
      ["2004", 8.8, "medt"],
    ]);
    expect(result(ev, "bpd").inputs[0]).toMatchObject({
      kind: "fact",
      fact: "asia-pacific-crude-exports-2020",
    });
  });

  it("never lets NaN or Infinity out", () => {
    for (const r of ev.results) {
      if (r.result.status === "ok") expect(Number.isFinite(r.result.value)).toBe(true);
      expect(r.text).not.toMatch(/NaN|Infinity|∞/);
    }
  });
});

describe("evaluateIndicators: not available (the brief still builds)", () => {
  it("a missing year is missing-period with a reason that lists the years", () => {
    const ev = run(`
indicators:
  - id: y1997
    function: value
    input: { table: bilateral-trade, measure: total, period: 1997 }
`);
    expect(ev.issues).toEqual([]);
    expect(naCode(ev, "y1997")).toBe("missing-period");
    const r = result(ev, "y1997");
    expect(r.status === "na" && r.reason).toMatch(/1997.*1998/);
    expect(ev.results[0]?.text).toBe("—");
  });

  it("a zero denominator is zero-denominator; a null input null-input", () => {
    const ev = run(`
indicators:
  - id: coverage-zero
    function: coverage
    exports: { table: edge, measure: a }
    imports: { table: edge, measure: b }
    period: 2003
  - id: growth-from-zero
    function: growth
    input: { table: edge, measure: a }
    from: 2001
    to: 2003
  - id: null-2002
    function: value
    input: { table: edge, measure: a, period: 2002 }
  - id: growth-over-null
    function: growth
    input: { table: edge, measure: a }
    period: 2003
  - id: fe-2002-rank
    function: rank
    items: { table: far-east-trade, measure: exports, across: region, exclude: [Total] }
    of: Yakutia
    period: 2002
`);
    expect(ev.issues).toEqual([]);
    expect(naCode(ev, "coverage-zero")).toBe("zero-denominator"); // b 2003 = 0
    expect(naCode(ev, "growth-from-zero")).toBe("zero-denominator"); // a 2001 = 0
    expect(naCode(ev, "null-2002")).toBe("null-input"); // a 2002 = —
    expect(naCode(ev, "growth-over-null")).toBe("null-input");
    expect(naCode(ev, "fe-2002-rank")).toBe("null-input"); // Yakutia 2002 = —
  });

  it("a partial year where a full year is required is partial-period", () => {
    const ev = run(`
indicators:
  - id: growth-to-h1
    function: growth
    input: { table: bilateral-trade, measure: total }
    from: 2004
    to: 2005-H1
  - id: cagr-to-h1
    function: cagr
    input: { table: bilateral-trade, measure: total }
    from: 1998
    to: latest-partial
  - id: yoy-h1
    function: growth
    input: { table: bilateral-trade, measure: total }
    period: latest-partial
`);
    expect(ev.issues).toEqual([]);
    expect(naCode(ev, "growth-to-h1")).toBe("partial-period");
    expect(naCode(ev, "cagr-to-h1")).toBe("partial-period");
    const r = result(ev, "growth-to-h1");
    expect(r.status === "na" && r.reason).toMatch(/2004 and 2005-H1/);
    // y/y for 2005-H1 compares with 2004-H1, which Table 1 does not have
    expect(naCode(ev, "yoy-h1")).toBe("missing-period");
  });

  it("a range fact without pick is range-fact", () => {
    const ev = run(`
indicators:
  - id: capacity
    function: value
    input: { fact: us-oil-absorption-capacity }
`);
    expect(naCode(ev, "capacity")).toBe("range-fact");
  });

  it("an indicator built on an unavailable one is input-not-available, naming it", () => {
    const ev = run(`
indicators:
  - id: base
    function: value
    input: { table: edge, measure: a, period: 2002 }
  - id: derived
    function: growth
    from: { indicator: base }
    to: { table: edge, measure: a, period: 2003 }
`);
    expect(naCode(ev, "derived")).toBe("input-not-available");
    const r = result(ev, "derived");
    expect(r.status === "na" && r.reason).toMatch(/base/);
  });
});

describe("evaluateIndicators: errors name the definition and its position", () => {
  it("unknown table", () => {
    const yaml = `
indicators:
  - id: bad-table
    function: value
    input: { table: bilateral-trades, measure: total }
`;
    const ev = run(yaml);
    expect(ev.issues).toHaveLength(1);
    expect(ev.issues[0]).toMatchObject({
      code: "unknown-table",
      severity: "error",
      file: "test.yaml",
      ...at(yaml, "bilateral-trades"),
    });
    expect(ev.issues[0]?.message).toMatch(/bad-table.*bilateral-trades.*bilateral-trade/);
    expect(naCode(ev, "bad-table")).toBe("invalid-definition");
    expect(ev.results[0]?.text).toBe("—");
  });

  it("unknown series: a measure, a filter value, a filter column", () => {
    const yaml = `
indicators:
  - id: bad-measure
    function: value
    input: { table: bilateral-trade, measure: totl }
  - id: bad-region
    function: value
    input: { table: far-east-trade, measure: exports, where: { region: Sakhalin } }
  - id: bad-column
    function: value
    input: { table: far-east-trade, measure: exports, where: { province: Total } }
  - id: not-a-series
    function: value
    input: { table: far-east-trade, measure: exports }
`;
    const ev = run(yaml);
    expect(ev.issues.map((i) => [i.code, i.line, i.column])).toEqual([
      ["unknown-series", at(yaml, "totl").line, at(yaml, "totl").column],
      ["unknown-series", at(yaml, "Sakhalin }").line, at(yaml, "Sakhalin }").column],
      ["unknown-column", at(yaml, "Total } }").line, at(yaml, "Total } }").column],
      [
        "unknown-series",
        at(yaml, "{ table: far-east-trade, measure: exports }").line,
        expect.any(Number),
      ],
    ]);
    expect(ev.issues[1]?.message).toMatch(/bad-region/);
    // the data package says which dimension is left open
    expect(ev.issues[3]?.message).toMatch(/region/);
  });

  it("a problem with an input across a column is said once, not once per value", () => {
    const yaml = `
indicators:
  - id: bad-measure
    function: sum
    items: { table: far-east-trade, measure: nope, across: region }
  - id: bad-period
    function: sum
    items: { table: far-east-trade, measure: exports, across: region, period: 20x3 }
  - id: bad-column
    function: sum
    items: { table: far-east-trade, measure: exports, across: region, where: { province: 1 } }
  - id: bad-value
    function: sum
    items: { table: far-east-trade, measure: exports, across: region, where: { year: 1890 } }
  - id: per-value
    function: sum
    items: { table: far-east-trade, measure: exports, across: year }
`;
    const ev = run(yaml);
    const pos = (needle: string) => [at(yaml, needle).line, at(yaml, needle).column];
    const perValue = "{ table: far-east-trade, measure: exports, across: year }";
    expect(ev.issues.map((i) => [i.code, i.line, i.column])).toEqual([
      ["unknown-series", ...pos("nope")],
      ["bad-period", ...pos("20x3")],
      ["unknown-column", ...pos("1 } }")],
      ["unknown-series", ...pos("1890")],
      // A problem of one value stays one per value: each year has several regions.
      ["unknown-series", ...pos(perValue)],
      ["unknown-series", ...pos(perValue)],
    ]);
    expect(ev.issues[3]?.message).toMatch(/1890/);
    expect(ev.issues.slice(4).map((i) => i.message.match(/rows for (\d{4})/)?.[1])).toEqual([
      "2002",
      "2003",
    ]);
    for (const r of ev.results) expect(r.result).toMatchObject({ code: "invalid-definition" });
  });

  it("unknown period text", () => {
    const yaml = `
indicators:
  - id: bad-period
    function: value
    input: { table: bilateral-trade, measure: total }
    period: lastest
  - id: bad-year
    function: growth
    input: { table: bilateral-trade, measure: total }
    to: 19988
`;
    const ev = run(yaml);
    expect(ev.issues.map((i) => [i.code, i.line, i.column])).toEqual([
      ["bad-period", at(yaml, "lastest").line, at(yaml, "lastest").column],
      ["bad-period", at(yaml, "19988").line, at(yaml, "19988").column],
    ]);
    expect(ev.issues[0]?.message).toMatch(/bad-period.*lastest/);
    expect(ev.issues[0]?.hint).toBeDefined();
  });

  it("a cycle between indicators is named, a → b → a", () => {
    const yaml = `
indicators:
  - id: a
    function: value
    input: { indicator: b }
  - id: b
    function: value
    input: { indicator: a }
  - id: c
    function: value
    input: { indicator: a }
  - id: self
    function: value
    input: { indicator: self }
`;
    const ev = run(yaml);
    expect(ev.issues.map((i) => i.code)).toEqual(["cycle", "cycle"]);
    expect(ev.issues[0]?.message).toMatch(/a → b → a/);
    expect(ev.issues[0]).toMatchObject(at(yaml, "b }"));
    expect(ev.issues[1]?.message).toMatch(/self → self/);
    expect(naCode(ev, "a")).toBe("invalid-definition");
    expect(naCode(ev, "b")).toBe("invalid-definition");
    expect(naCode(ev, "c")).toBe("input-not-available");
  });

  it("unit mismatch: US$ + Mt, a declared unit that is not the result's, an impossible conversion", () => {
    const yaml = `
indicators:
  - id: dollars-plus-tonnes
    function: sum
    items:
      - { table: bilateral-trade, measure: total, period: 2003 }
      - { table: edge, measure: oil, period: 2003 }
  - id: declared
    function: growth
    input: { table: bilateral-trade, measure: total }
    unit: USD
  - id: dollars-to-barrels
    function: convert
    input: { table: bilateral-trade, measure: total }
    unit: barrels-per-day
`;
    const ev = run(yaml);
    expect(ev.issues.map((i) => i.code)).toEqual([
      "unit-mismatch",
      "unit-mismatch",
      "no-conversion",
    ]);
    expect(ev.issues[0]?.message).toMatch(/dollars-plus-tonnes.*USD and Mt-per-year/);
    expect(ev.issues[1]).toMatchObject(at(yaml, "USD\n"));
    expect(ev.issues[2]).toMatchObject(at(yaml, "barrels-per-day"));
    for (const r of ev.results) expect(r.result.status).toBe("na");
  });

  it("growth of a share is a definition error at its function, pointing to change", () => {
    const yaml = `
indicators:
  - id: share-1998
    function: share
    part: { table: bilateral-trade, measure: exports, period: 1998 }
    total: { table: bilateral-trade, measure: total, period: 1998 }
  - id: share-2000
    function: share
    part: { table: bilateral-trade, measure: exports, period: 2000 }
    total: { table: bilateral-trade, measure: total, period: 2000 }
  - id: share-growth
    function: growth
    from: { indicator: share-1998 }
    to: { indicator: share-2000 }
  - id: share-change
    function: change
    from: { indicator: share-1998 }
    to: { indicator: share-2000 }
`;
    const ev = run(yaml);
    expect(ev.issues.map((i) => [i.code, i.line])).toEqual([
      ["bad-argument", at(yaml, "function: growth").line],
    ]);
    expect(ev.issues[0]?.message).toMatch(/function: change, in percentage points/);
    const change = result(ev, "share-change");
    // 74.36% → 88.46%: 14.1 percentage points.
    expect(change).toMatchObject({ status: "ok", unit: "percentage-points" });
    expect(change.status === "ok" && change.value).toBeCloseTo((4.6 / 5.2 - 2.9 / 3.9) * 100, 10);
  });

  it("unknown fact, unknown indicator, a rank target that is not an item, a bad window", () => {
    const yaml = `
indicators:
  - id: bad-fact
    function: value
    input: { fact: pipeline-lenght }
  - id: bad-indicator
    function: value
    input: { indicator: nowhere }
  - id: bad-of
    function: rank
    items: { table: far-east-trade, measure: exports, across: region }
    of: Chukotka
    period: 2003
  - id: bad-exclude
    function: sum
    items: { table: far-east-trade, measure: exports, across: region, exclude: [total] }
    period: 2003
  - id: no-from
    function: cagr
    input: { table: bilateral-trade, measure: total }
`;
    const ev = run(yaml);
    expect(ev.issues.map((i) => [i.code, i.line])).toEqual([
      ["unknown-fact", at(yaml, "pipeline-lenght").line],
      ["unknown-indicator", at(yaml, "nowhere").line],
      ["bad-argument", at(yaml, "Chukotka").line],
      ["unknown-series", at(yaml, "[total]").line],
      ["bad-argument", at(yaml, "function: cagr").line],
    ]);
  });

  it("a dependency rejected by the loader makes dependents na, without a second issue", () => {
    const loaded = parseIndicatorYaml(
      `
indicators:
  - id: broken
    function: value
    input: { table: bilateral-trade }
  - id: dependent
    function: value
    input: { indicator: broken }
`,
      "test.yaml",
    );
    expect(loaded.issues.map((i) => i.code)).toEqual(["invalid-definition"]);
    const ev = evaluateIndicators(ds, loaded.definitions, { source: loaded.source });
    expect(ev.issues).toEqual([]);
    expect(naCode(ev, "dependent")).toBe("input-not-available");
  });

  it("duplicate ids passed directly are reported", () => {
    const def = {
      id: "twice",
      function: "value",
      input: { table: "bilateral-trade", measure: "total" },
    } as const;
    const ev = evaluateIndicators(ds, [def, def]);
    expect(ev.issues.map((i) => i.code)).toEqual(["duplicate-id"]);
    expect(ev.results.map((r) => r.result.status)).toEqual(["ok", "na"]);
  });
});

/**
 * Per function, a definition with an unknown indicator in every slot that
 * takes an input (the same kind of Record, so a new function needs a line
 * here too: the function table's inputs are what the dependency graph
 * sees). Functions whose input is a table series take no indicator.
 */
const everyInput: Record<IndicatorFunction, string> = {
  value: "input: { indicator: a }",
  change: "from: { indicator: a }, to: { indicator: b }",
  growth: "from: { indicator: a }, to: { indicator: b }",
  cagr: "from: { indicator: a }, to: { indicator: b }",
  multiple: "from: { indicator: a }, to: { indicator: b }",
  index: "input: { table: bilateral-trade, measure: total }, base: 1998",
  share: "part: { indicator: a }, total: { indicator: b }",
  balance: "exports: { indicator: a }, imports: { indicator: b }",
  coverage: "exports: { indicator: a }, imports: { indicator: b }",
  sum: "items: [{ indicator: a }, { indicator: b }]",
  rank: "items: [{ indicator: a }, { indicator: b }], of: a",
  annualise: "input: { indicator: a }, method: scale-by-months",
  "rolling-mean": "input: { table: bilateral-trade, measure: total }, window: 3",
  convert: "input: { indicator: a }, unit: barrels-per-day",
};

describe("each function's inputs", () => {
  it.each(INDICATOR_FUNCTIONS)(
    "%s: every indicator it uses is a dependency, at its position",
    (f) => {
      const line = `  - { id: target, function: ${f}, ${everyInput[f]} }`;
      const yaml = `indicators:\n${line}\n`;
      const loaded = parseIndicatorYaml(yaml, "test.yaml");
      expect(loaded.issues).toEqual([]);
      const ev = evaluateIndicators(ds, loaded.definitions, { source: loaded.source });
      const used = [...everyInput[f].matchAll(/indicator: (\w+)/g)].map((m) => m[1] as string);
      expect(ev.results[0]?.dependsOn).toEqual(used);
      // Each issue is at the id's value, on line 2.
      const column = (id: string) => line.indexOf(`indicator: ${id}`) + "indicator: ".length + 1;
      expect(ev.issues.map((i) => [i.code, i.line, i.column])).toEqual(
        used.map((id) => ["unknown-indicator", 2, column(id)]),
      );
      expect(ev.results[0]?.result.status).toBe(used.length > 0 ? "na" : "ok");
    },
  );
});
