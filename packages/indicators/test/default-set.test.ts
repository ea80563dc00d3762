/**
 * A broad set of definitions (test/fixtures/default-set.yaml, every
 * function) on the 2005 edition (data/russia-japan/2005): it parses and
 * evaluates without issues, and every figure matches a computation by hand
 * from the essay's tables.
 */

import { readFileSync } from "node:fs";
import { loadDataset } from "@briefkit/data";
import { beforeAll, describe, expect, it } from "vitest";
import { type Evaluation, evaluateIndicators, parseIndicatorYaml } from "../src/index.js";

const root = new URL("../../../data/russia-japan/", import.meta.url).pathname;
let ev: Evaluation;

beforeAll(async () => {
  const data = await loadDataset(`${root}2005`);
  if (!data.ok) throw new Error(JSON.stringify(data.issues.filter((i) => i.severity === "error")));
  const file = new URL("./fixtures/default-set.yaml", import.meta.url).pathname;
  const loaded = parseIndicatorYaml(readFileSync(file, "utf8"), file);
  expect(loaded.issues).toEqual([]);
  ev = evaluateIndicators(data.dataset, loaded.definitions, { source: loaded.source });
});

function get(id: string) {
  const r = ev.results.find((x) => x.id === id);
  if (!r) throw new Error(`no indicator ${id}`);
  if (r.result.status !== "ok") throw new Error(`${id}: na ${r.result.code}: ${r.result.reason}`);
  return { ...r.result, text: r.text };
}

describe("default indicator set, 2005 edition", () => {
  it("evaluates with no issues, 20–35 indicators, all available", () => {
    expect(ev.issues).toEqual([]);
    expect(ev.results.length).toBeGreaterThanOrEqual(20);
    expect(ev.results.length).toBeLessThanOrEqual(35);
    for (const r of ev.results) expect(r.result.status, r.id).toBe("ok");
  });

  it("total trade: latest full year is 2004, US$8.8 billion; 2003 US$5.9 billion", () => {
    expect(get("total-trade-latest")).toMatchObject({
      value: 8.8,
      periods: ["2004"],
      text: "US$8.8 billion",
    });
    expect(get("total-trade-previous")).toMatchObject({ value: 5.9, periods: ["2003"] });
  });

  it("growth y/y = 8.8 / 5.9 - 1 = 49.15% -> 49%; change = 8.8 - 5.9 = US$2.9 billion", () => {
    expect(get("total-trade-growth").value).toBeCloseTo(49.1525, 4);
    expect(get("total-trade-growth").text).toBe("49%");
    expect(get("total-trade-change").value).toBeCloseTo(2.9, 9);
    expect(get("total-trade-change").text).toBe("US$2.9 billion");
  });

  it("since 1998: multiple 8.8 / 3.9 = 2.256 (more than doubled), CAGR (8.8/3.9)^(1/6) - 1 = 14.5%, index 225.6", () => {
    const m = get("total-trade-multiple-1998");
    expect(m.value).toBeCloseTo(2.2564, 4);
    expect(m.band?.text).toBe("more than doubled");
    expect(m.text).toBe("2.3 times");
    expect(get("total-trade-cagr-1998").value).toBeCloseTo(14.5257, 3);
    expect(get("total-trade-cagr-1998").text).toBe("14.5%");
    expect(get("total-trade-index-1998").value).toBeCloseTo(225.641, 3);
  });

  it("three-year mean 2002-2004 = (4.2 + 5.9 + 8.8) / 3 = US$6.3 billion", () => {
    expect(get("total-trade-3y-mean").value).toBeCloseTo(6.3, 9);
  });

  it("exports 5.7 (+35.7% = 5.7 / 4.2 - 1), imports 3.1 (+82.4% = 3.1 / 1.7 - 1)", () => {
    expect(get("exports-latest").value).toBe(5.7);
    expect(get("imports-latest").value).toBe(3.1);
    expect(get("exports-growth").value).toBeCloseTo(35.714, 3);
    expect(get("imports-growth").value).toBeCloseTo(82.353, 3);
  });

  it("imports 2004 / 1998 = 3.1 / 1.0 = 3.1: more than tripled", () => {
    expect(get("imports-multiple-1998").value).toBeCloseTo(3.1, 9);
    expect(get("imports-multiple-1998").band?.code).toBe("more-than-tripled");
  });

  it("shares 5.7 / 8.8 = 64.8% and 3.1 / 8.8 = 35.2%; balance 5.7 - 3.1 = 2.6; coverage 5.7 / 3.1 = 183.9%", () => {
    expect(get("exports-share").value).toBeCloseTo(64.7727, 3);
    expect(get("imports-share").value).toBeCloseTo(35.2273, 3);
    expect(get("trade-balance").value).toBeCloseTo(2.6, 9);
    expect(get("trade-balance").text).toBe("US$2.6 billion");
    expect(get("coverage-ratio").value).toBeCloseTo(183.871, 3);
    expect(get("coverage-ratio").text).toBe("184%");
  });

  it("2005 first half: 3.8, annualised 3.8 x 2 = 7.6 and flagged an estimate", () => {
    expect(get("total-trade-partial")).toMatchObject({
      value: 3.8,
      partial: true,
      periods: ["2005-H1"],
    });
    expect(get("total-trade-annualised")).toMatchObject({
      value: 7.6,
      estimate: true,
      periods: ["2005"],
      text: "US$7.6 billion",
    });
  });

  it("Far East: 1,352.2 in 2003 vs 814.4 in 2002 = +66.0% as published; +43.6% and imports x2.78 on the five regions of both years", () => {
    expect(get("far-east-trade-2003")).toMatchObject({ value: 1352.2, text: "US$1,352.2 million" });
    expect(get("far-east-trade-2002").value).toBe(814.4);
    expect(get("far-east-trade-growth-2003").value).toBeCloseTo(66.0363, 3); // 537.8 / 814.4
    expect(get("far-east-trade-growth-2003").coverageBasis).toBe("as-published");
    // 1,169.4 / 814.1 - 1: the five regions reported in both years
    expect(get("far-east-trade-growth-2003-lfl").value).toBeCloseTo(43.6433, 3);
    // 459.3 / 165.1 (published 483.0 / 165.1 = 2.93 "tripled")
    expect(get("far-east-imports-multiple-2003").value).toBeCloseTo(2.78195, 4);
    expect(get("far-east-imports-multiple-2003").band?.code).toBe("more-than-doubled");
    expect(get("far-east-balance-2003").value).toBeCloseTo(386.2, 9); // 869.2 - 483.0
  });

  it("Sakhalinskaya ranks first in 2003 (293.5 + 144.6 = 438.1), 32.4% of 1,352.2", () => {
    const r = get("far-east-rank-sakhalin-2003");
    expect(r.value).toBe(1);
    // Primorskiy 154.9 + 221.7 = 376.6; Khabarovskiy 169.2 + 77.8 = 247.0 (the essay's 377 and 247)
    expect(r.ranking?.slice(0, 3).map((e) => [e.label, Number(e.value.toFixed(1))])).toEqual([
      ["Sakhalinskaya Oblast", 438.1],
      ["Primorskiy Krai", 376.6],
      ["Khabarovskiy Krai", 247],
    ]);
    expect(r.ranking).toHaveLength(7);
    expect(get("sakhalin-trade-2003").value).toBeCloseTo(438.1, 9);
    expect(get("sakhalin-share-2003").value).toBeCloseTo(32.399, 3); // 438.1 / 1352.2
  });

  it("105 Mt a year = 105e6 x 7.33 / 365 = 2.11 million barrels a day: 'a little more than 2 million'", () => {
    const r = get("asia-pacific-crude-exports-bpd");
    expect(r.value).toBeCloseTo(2.10863, 5);
    expect(r.text).toBe("2.1 million barrels a day");
    expect(r.value).toBeGreaterThan(2);
    // 25 Mt a year = 25e6 x 7.33 / 365 = 502,055 barrels a day
    expect(get("sakhalin-crude-exports-bpd").value).toBeCloseTo(502.055, 3);
    // 0.3333 as a fraction = 33%
    expect(get("asia-pacific-share-of-oil-exports-2020").text).toBe("33%");
  });
});
