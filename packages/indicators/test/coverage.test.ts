/**
 * Like-for-like totals: figures that compare a declared total (`totals: kind:
 * rows`) across values whose parts differ. The shipped 2005 edition
 * (data/russia-japan/2005) is the case: Table 3 has "—" for Yakutia and
 * Magadanskaya Oblast in 2002, so the 2002 totals cover five regions and the
 * 2003 totals seven.
 */
import { readFileSync } from "node:fs";
import { type Dataset, loadDataset } from "@briefkit/data";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type Evaluation,
  evaluateIndicators,
  type IndicatorOk,
  parseIndicatorYaml,
} from "../src/index.js";

const dir = new URL("../../../data/russia-japan/2005", import.meta.url).pathname;
const csv = readFileSync(`${dir}/far-east-trade.csv`, "utf8").split("\n");
let ds: Dataset;

beforeAll(async () => {
  const loaded = await loadDataset(dir);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  ds = loaded.dataset;
});

/** Line and column (1-based) of the n-th "—" on the CSV row that starts with `row`. */
function dash(row: string, n: number): string {
  const line = csv.findIndex((l) => l.startsWith(row)) + 1;
  let column = -1;
  for (let k = 0; k <= n; k++) column = (csv[line - 1] as string).indexOf("—", column + 1);
  return `${dir}/far-east-trade.csv:${line}:${column + 1}`;
}

function run(yaml: string): Evaluation {
  const loaded = parseIndicatorYaml(yaml, "template.yaml");
  expect(loaded.issues).toEqual([]);
  return evaluateIndicators(ds, loaded.definitions, { source: loaded.source });
}

function ok(ev: Evaluation, id: string): IndicatorOk {
  const r = ev.results.find((x) => x.id === id)?.result;
  if (r?.status !== "ok") throw new Error(`${id}: ${JSON.stringify(r)}`);
  return r;
}

const TOTAL = "{ table: far-east-trade, measure: trade, where: { region: Total } }";
const FIVE = [
  "Primorskiy Krai",
  "Khabarovskiy Krai",
  "Amurskaya Oblast",
  "Kamchatskaya Oblast",
  "Sakhalinskaya Oblast",
];

describe("a comparison of totals over different parts", () => {
  it("without a coverage choice is an error at the definition naming each '—' cell", () => {
    const yaml = `indicators:
  - id: growth
    function: growth
    input: ${TOTAL}
    period: 2003
`;
    const ev = run(yaml);
    expect(ev.issues).toHaveLength(1);
    const [issue] = ev.issues;
    expect(issue).toMatchObject({
      code: "coverage-differs",
      severity: "error",
      file: "template.yaml",
      line: 3,
      column: 15,
    });
    // trade = exports + imports (the columns total): both cells of both regions.
    for (const cell of [
      dash("Yakutia,2002", 0),
      dash("Yakutia,2002", 1),
      dash("Magadanskaya Oblast,2002", 0),
      dash("Magadanskaya Oblast,2002", 1),
    ]) {
      expect(issue?.message).toContain(`${cell} "—"`);
    }
    expect(issue?.message).toContain("2002: no figures for Yakutia, Magadanskaya Oblast");
    expect(issue?.hint).toMatch(/coverage: like-for-like .* coverage: as-published/);
    expect(ev.results[0]?.result).toMatchObject({ status: "na", code: "invalid-definition" });
  });

  it("the same holds for a multiple, an index, a change and a CAGR", () => {
    const ev = run(`indicators:
  - { id: m, function: multiple, input: ${TOTAL}, from: 2002, to: 2003 }
  - { id: i, function: index, input: ${TOTAL}, base: 2002, period: 2003 }
  - { id: c, function: change, input: ${TOTAL}, from: 2002, to: 2003 }
  - { id: g, function: cagr, input: ${TOTAL}, from: 2001, to: 2002 }
`);
    expect(ev.issues.map((i) => [i.code, i.line])).toEqual([
      ["coverage-differs", 2],
      ["coverage-differs", 3],
      ["coverage-differs", 4],
      ["coverage-differs", 5],
    ]);
  });

  it("like-for-like: 1,169.4 / 814.1 - 1 = +43.6% on the five regions of both years, and says so", () => {
    const ev = run(`indicators:
  - id: growth
    function: growth
    input: ${TOTAL}
    period: 2003
    coverage: like-for-like
`);
    expect(ev.issues).toEqual([]);
    const r = ok(ev, "growth");
    // 2002: 281 + 204 + 17 + 83.8 + 228.3; 2003: 376.6 + 247 + 23.7 + 84 + 438.1
    expect(r.value).toBeCloseTo((1169.4 / 814.1 - 1) * 100, 9);
    expect(r.coverageBasis).toBe("like-for-like");
    expect(r.coverage?.map((c) => [c.period, c.parts, c.leftOut])).toEqual([
      ["2002", FIVE, []],
      ["2003", FIVE, ["Yakutia", "Magadanskaya Oblast"]],
    ]);
    const missing2002 = r.coverage?.[0]?.missing.map((m) => `${m.file}:${m.line}:${m.column}`);
    expect(missing2002).toEqual([
      dash("Yakutia,2002", 0),
      dash("Yakutia,2002", 1),
      dash("Magadanskaya Oblast,2002", 0),
      dash("Magadanskaya Oblast,2002", 1),
    ]);
  });

  it("imports like for like: 459.3 / 165.1 = 2.78, more than doubled, not 'tripled'", () => {
    const ev = run(`indicators:
  - id: imports
    function: multiple
    input: { table: far-east-trade, measure: imports, where: { region: Total } }
    from: 2002
    to: 2003
    coverage: like-for-like
`);
    const r = ok(ev, "imports");
    expect(r.value).toBeCloseTo(459.3 / 165.1, 9);
    expect(r.band?.code).toBe("more-than-doubled");
  });

  it("as-published keeps the totals (+66.0%) and records what each covers", () => {
    const ev = run(`indicators:
  - { id: growth, function: growth, input: ${TOTAL}, period: 2003, coverage: as-published }
`);
    expect(ev.issues).toEqual([]);
    const r = ok(ev, "growth");
    expect(r.value).toBeCloseTo((1352.2 / 814.4 - 1) * 100, 9);
    expect(r.coverageBasis).toBe("as-published");
    expect(r.coverage?.map((c) => [c.period, c.parts.length])).toEqual([
      ["2002", 5],
      ["2003", 7],
    ]);
  });

  it("where coverage is the same, like-for-like is the published totals' own growth (2001 on 2000)", () => {
    const ev = run(`indicators:
  - { id: growth, function: growth, input: ${TOTAL}, period: 2001, coverage: like-for-like }
  - { id: plain, function: growth, input: ${TOTAL}, period: 2001 }
`);
    expect(ev.issues).toEqual([]);
    expect(ok(ev, "growth").value).toBeCloseTo((841.3 / 853.5 - 1) * 100, 9);
    expect(ok(ev, "plain").value).toBe(ok(ev, "growth").value);
    expect(ok(ev, "plain").coverageBasis).toBeUndefined();
  });

  it("ends from other indicators are checked too; like-for-like then asks for table reads", () => {
    const defs = (choice: string) => `indicators:
  - { id: a, function: value, input: ${TOTAL}, period: 2002 }
  - { id: b, function: value, input: ${TOTAL}, period: 2003 }
  - id: g
    function: growth
    from: { indicator: a }
    to: { indicator: b }${choice}
`;
    expect(run(defs("")).issues.map((i) => [i.code, i.line])).toEqual([["coverage-differs", 5]]);
    const lfl = run(defs("\n    coverage: like-for-like"));
    expect(lfl.issues.map((i) => [i.code, i.line, i.column])).toEqual([["bad-argument", 8, 15]]);
    expect(lfl.issues[0]?.message).toMatch(/read from the table here/);
  });

  it("a share of a total in one period compares nothing across periods: no issue", () => {
    const ev = run(`indicators:
  - id: s
    function: share
    part: { table: far-east-trade, measure: [exports, imports], where: { region: Sakhalinskaya Oblast } }
    total: ${TOTAL}
    period: 2002
`);
    expect(ev.issues).toEqual([]);
    expect(ok(ev, "s").coverage?.[0]?.parts).toEqual(FIVE);
  });

  it("a balance of exports against imports of the same total, same parts: no issue", () => {
    const ev = run(`indicators:
  - id: b
    function: balance
    exports: { table: far-east-trade, measure: exports, where: { region: Total } }
    imports: { table: far-east-trade, measure: imports, where: { region: Total } }
    period: 2002
`);
    expect(ev.issues).toEqual([]);
    expect(ok(ev, "b").value).toBeCloseTo(649.3 - 165.1, 9);
  });

  it("coverage: is refused on a function that compares nothing", () => {
    const loaded = parseIndicatorYaml(
      `indicators:\n  - { id: v, function: value, input: ${TOTAL}, coverage: like-for-like }\n`,
      "template.yaml",
    );
    expect(loaded.issues.map((i) => [i.code, i.line])).toEqual([["invalid-definition", 2]]);
  });
});

describe("rows and cells", () => {
  it('a part with no row in one period (recorded from 2025) differs like a "—": both are left out', async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = mkdtempSync(join(tmpdir(), "coverage-rows-"));
    writeFileSync(
      join(dir, "dataset.yaml"),
      `id: rows
title: Rows
edition: "2026"
published: "2026-01-01"
sources: [{ id: s, title: S }]
tables:
  - id: t
    title: T
    file: t.csv
    source: s
    frequency: annual
    columns:
      - { name: partner, type: category }
      - { name: year, type: period }
      - { name: v, type: number, unit: USD, required: false }
    key: [partner, year]
    totals: [{ kind: rows, dimension: partner, total: Total, measures: [v] }]
`,
    );
    writeFileSync(
      join(dir, "t.csv"),
      "partner,year,v\nA,2024,1\nA,2025,2\nB,2025,3\nC,2024,4\nC,2025,—\nTotal,2024,5\nTotal,2025,5\n",
    );
    const loaded = await loadDataset(dir);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    const evaluate = (choice: string) => {
      const defs = parseIndicatorYaml(
        `indicators:\n  - { id: g, function: growth, input: { table: t, measure: v, where: { partner: Total } }, period: 2025${choice} }\n`,
        "template.yaml",
      );
      return evaluateIndicators(loaded.dataset, defs.definitions, { source: defs.source });
    };
    const [issue] = evaluate("").issues;
    expect(issue?.code).toBe("coverage-differs");
    expect(issue?.message).toContain(`2024: no figures for B (no row for B in ${dir}/t.csv)`);
    expect(issue?.message).toContain(`2025: no figures for C (${dir}/t.csv:6:8 "—")`);
    const ev = evaluate(", coverage: like-for-like");
    expect(ev.issues).toEqual([]);
    const r = ok(ev, "g");
    // B has no 2024 row, C is "—" in 2025: both left out. 2024: A 1; 2025: A 2.
    expect(r.value).toBeCloseTo((2 / 1 - 1) * 100, 9);
    expect(r.coverage?.map((c) => [c.period, c.parts, c.leftOut])).toEqual([
      ["2024", ["A"], ["C"]],
      ["2025", ["A"], ["B"]],
    ]);
    // The inputs are the part cells summed, not the published totals.
    expect(
      r.inputs.map((p) =>
        p.kind === "series" ? `${p.where?.partner} ${p.period} ${p.value}` : "",
      ),
    ).toEqual(["A 2024 1", "A 2025 2"]);
  });
});
