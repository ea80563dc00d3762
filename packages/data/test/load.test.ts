/** Loading good datasets: values, positions, missing values, totals warnings, formats. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { type Dataset, loadDataset } from "../src/index.js";

const fixture = (...p: string[]) => resolve(import.meta.dirname, "fixtures", ...p);

async function load(dir: string): Promise<Dataset> {
  const r = await loadDataset(dir);
  if (!r.ok)
    throw new Error(r.issues.map((i) => `${i.code} ${i.line}:${i.column} ${i.message}`).join("\n"));
  return r.dataset;
}

describe("the essay excerpt (Tables 1 and 3)", () => {
  test("Table 1: exports by year, the 2005 first half marked partial", async () => {
    const ds = await load(fixture("essay", "mini"));
    const s = ds.table("bilateral-trade").series("exports");
    expect(s.points.map((p) => [p.period.token, p.value])).toEqual([
      ["1998", 2.9],
      ["1999", 3.7],
      ["2000", 4.6],
      ["2001", 3.9],
      ["2002", 3.3],
      ["2003", 4.2],
      ["2004", 5.7],
      ["2005-H1", 2.3],
    ]);
    expect(s.points.at(-1)?.period).toMatchObject({ partial: true, label: "2005 (first half)" });
    expect(s.points[0]?.period.partial).toBe(false);
    expect(s).toMatchObject({
      table: "bilateral-trade",
      measure: "exports",
      label: "Exports",
      unit: "USD",
      scale: "billion",
    });
    expect(s.source.id).toBe("medt");
  });

  test("Table 3: a region's series keeps missing years as null with the token", async () => {
    const ds = await load(fixture("essay", "mini"));
    const s = ds.table("far-east-trade").series("exports", { region: "Yakutia" });
    expect(s.points.map((p) => p.value)).toEqual([33.7, 106.3, 111.7, 27.8, null, 138.9]);
    expect(s.points[4]).toMatchObject({ value: null, raw: "—" });
    expect(s.where).toEqual({ region: "Yakutia" });
    const imports = ds.table("far-east-trade").series("imports", { region: "Yakutia" });
    expect(imports.points[5]).toMatchObject({ value: 11, raw: "11.0" });
  });

  test("totals: rounding differences are warnings with both numbers; missing parts are named", async () => {
    const r = await loadDataset(fixture("essay", "mini"));
    expect(r.ok).toBe(true);
    const warnings = r.issues.filter((i) => i.severity === "warning");
    expect(r.issues.every((i) => i.severity === "warning")).toBe(true);
    // Total exports 1998: 739.7 printed, parts sum to 739.6 (line 44 of the CSV).
    const w1998 = warnings.find(
      (i) => i.code === "total-rounding" && i.line === 44 && i.column === 12,
    );
    expect(w1998?.message).toContain("739.7");
    expect(w1998?.message).toContain("739.6");
    const missing = warnings.filter((i) => i.code === "total-missing-parts");
    expect(missing.map((i) => [i.line, i.column])).toEqual([
      [48, 12],
      [48, 18],
    ]);
    expect(missing[0]?.message).toContain('"Yakutia", "Magadanskaya Oblast"');
    expect(missing[0]?.message).toContain("649.0");
    // Every year but 2002 exports and 1998/2003 imports differs: 9 warnings in all.
    expect(warnings.map((w) => w.code).sort()).toEqual([
      ...Array(2).fill("total-missing-parts"),
      ...Array(7).fill("total-rounding"),
    ]);
  });

  test("rows carry typed cells with raw text and positions", async () => {
    const ds = await load(fixture("essay", "mini"));
    const t = ds.table("far-east-trade");
    expect(t.columns.map((c) => c.name)).toEqual(["region", "year", "exports", "imports"]);
    expect(t.key).toEqual(["region", "year"]);
    const row = t.rows.find(
      (r) => r.cells[0]?.value === "Magadanskaya Oblast" && r.cells[2]?.value === null,
    );
    expect(row?.cells.map((c) => c.raw)).toEqual(["Magadanskaya Oblast", "2002", "—", "—"]);
    expect(row?.cells[2]).toMatchObject({ type: "number", value: null, line: 36, column: 26 });
    expect(t.rows).toHaveLength(48);
  });

  test("facts: value or range, with unit, scale, period and source", async () => {
    const ds = await load(fixture("essay", "mini"));
    const f = ds.fact("fdi-stock");
    expect(f).toMatchObject({ value: 700, qualifier: "almost", unit: "USD", scale: "million" });
    expect(f.period?.token).toBe("2005");
    expect(f.source.title).toContain("Ivanov");
    const r = ds.fact("sakhalin-investment");
    expect(r.range).toEqual([2, 3]);
    expect(r.value).toBeUndefined();
    expect(r.qualifier).toBe("exact");
  });

  test("meta, sources and the table list", async () => {
    const ds = await load(fixture("essay", "mini"));
    expect(ds.meta).toEqual({
      id: "russia-japan",
      title: "Russia and Japan — economic relations (test excerpt)",
      edition: "2005",
      published: "2005-09-08",
      dataAsOf: "2005-09-01",
    });
    expect(ds.tables.map((t) => t.id)).toEqual(["bilateral-trade", "far-east-trade"]);
    expect(ds.sources.map((s) => s.id)).toEqual(["medt", "far-east-association", "essay"]);
    expect(ds.facts.map((f) => f.id)).toEqual(["fdi-stock", "sakhalin-investment"]);
    expect(ds.source("medt").title).toContain("Ministry");
  });
});

describe("formats", () => {
  const expected = {
    yakutia: [
      ["1998", 33.7],
      ["1999", 106.3],
      ["2002", null],
    ],
    sakhalin: [
      ["1998", 121.7],
      ["2002", 201],
    ],
  };
  test.each(["csv-bom-crlf", "json", "yaml"])("%s gives the same values", async (name) => {
    const ds = await load(fixture("formats", name));
    const t = ds.table("trade");
    const pairs = (region: string) =>
      t.series("exports", { region }).points.map((p) => [p.period.token, p.value]);
    expect(pairs("Yakutia")).toEqual(expected.yakutia);
    expect(pairs("Sakhalin")).toEqual(expected.sakhalin);
    const notes = t.rows.map((r) => r.cells[4]?.value);
    expect(notes).toEqual([
      "first",
      null,
      "not reported",
      'says "hi", twice',
      "line one\nline two",
    ]);
  });

  test("CSV positions count from after the BOM and ignore CR", async () => {
    const ds = await load(fixture("formats", "csv-bom-crlf"));
    const rows = ds.table("trade").rows;
    expect(rows[0]?.cells[0]).toMatchObject({ line: 2, column: 1 });
    // Row 5 starts on line 6; its quoted note spans two lines, so nothing follows on 7.
    expect(rows[4]?.cells[4]).toMatchObject({ line: 6, column: 26 });
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4, 5, 6]);
  });

  test("JSON and YAML cells point at their values", async () => {
    const json = await load(fixture("formats", "json"));
    expect(json.table("trade").rows[1]?.cells[2]).toMatchObject({
      raw: "106.3",
      line: 12,
      column: 16,
    });
    const yaml = await load(fixture("formats", "yaml"));
    expect(yaml.table("trade").rows[1]?.cells[2]).toMatchObject({
      raw: "106.3",
      line: 8,
      column: 12,
    });
  });
});

describe("safety", () => {
  test.each(["proto-columns", "proto-json"])(
    "%s: __proto__ and constructor are plain column names",
    async (name) => {
      const before = Object.getOwnPropertyNames(Object.prototype).sort();
      const ds = await load(fixture("safety", name));
      const t = ds.table("trade");
      expect(t.columns.map((c) => c.name)).toEqual([
        "__proto__",
        "constructor",
        "toString",
        "hasOwnProperty",
      ]);
      // An object literal's `__proto__:` sets the prototype, so pass a Map (or Object.fromEntries).
      const s2 = t.series("toString", new Map([["__proto__", "polluted"]]));
      expect(s2.points.map((p) => [p.period.token, p.value])).toEqual([
        ["1998", 1],
        ["1999", 3],
      ]);
      expect(Object.keys(s2.where)).toEqual(["__proto__"]);
      const c = t.series("toString", Object.fromEntries([["__proto__", "constructor"]]));
      expect(c.points.map((p) => p.value)).toEqual([2]);
      expect(t.rows[1]?.cells.map((x) => (x.value === null ? null : x.raw))).toEqual([
        "constructor",
        "1998",
        "2",
        name === "proto-json" ? null : "__proto__",
      ]);
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );
});

describe("periods", () => {
  test("series are ordered by period: start, then length", async () => {
    const ds = await load(fixture("periods", "mixed"));
    const s = ds.table("trade").series("value");
    expect(s.points.map((p) => p.period.token)).toEqual([
      "1998",
      "2003-Q2",
      "2004",
      "2004-05",
      "2005-H1",
    ]);
    expect(s.points.map((p) => p.period.partial)).toEqual([false, true, false, true, true]);
  });
});

test("dataset.yaml with a BOM and CRLF line ends loads, positions unchanged", async () => {
  const dir = mkdtempSync(join(tmpdir(), "briefkit-data-"));
  const src = fixture("essay", "mini");
  const manifest = readFileSync(join(src, "dataset.yaml"), "utf8").replace(
    "source: medt",
    "source: mdet",
  );
  writeFileSync(join(dir, "dataset.yaml"), `\ufeff${manifest.replaceAll("\n", "\r\n")}`);
  for (const f of ["bilateral-trade.csv", "far-east-trade.csv"]) {
    writeFileSync(join(dir, f), readFileSync(join(src, f)));
  }
  const r = await loadDataset(dir);
  expect(
    r.issues.filter((i) => i.severity === "error").map((i) => [i.code, i.line, i.column]),
  ).toEqual([["unknown-source", 18, 13]]);
});
