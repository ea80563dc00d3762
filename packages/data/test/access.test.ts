/** Typed access: unknown names throw DataAccessError listing what exists. */
import { resolve } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { DataAccessError, type Dataset, loadDataset } from "../src/index.js";

let ds: Dataset;
beforeAll(async () => {
  const r = await loadDataset(resolve(import.meta.dirname, "fixtures/essay/mini"));
  if (!r.ok) throw new Error("fixture does not load");
  ds = r.dataset;
});

function thrown(f: () => unknown): DataAccessError {
  try {
    f();
  } catch (e) {
    if (e instanceof DataAccessError) return e;
    throw e;
  }
  throw new Error("expected a DataAccessError");
}

describe("DataAccessError", () => {
  test("unknown table lists the tables", () => {
    const e = thrown(() => ds.table("bilateral"));
    expect(e.name).toBe("DataAccessError");
    expect(e.asked).toBe("bilateral");
    expect(e.available).toEqual(["bilateral-trade", "far-east-trade"]);
    expect(e.message).toContain('"bilateral"');
    expect(e.message).toContain('"far-east-trade"');
  });

  test("unknown fact and source list what exists", () => {
    expect(thrown(() => ds.fact("fdi")).available).toEqual(["fdi-stock", "sakhalin-investment"]);
    expect(thrown(() => ds.source("nope")).available).toEqual([
      "medt",
      "far-east-association",
      "essay",
    ]);
  });

  test("unknown measure lists the number columns (a period column is not a measure)", () => {
    const e = thrown(() => ds.table("bilateral-trade").series("year"));
    expect(e.available).toEqual(["exports", "imports", "total"]);
    expect(e.message).toContain('"year"');
  });

  test("unknown filter column lists the filterable columns", () => {
    const e = thrown(() => ds.table("far-east-trade").series("exports", { province: "Yakutia" }));
    expect(e.available).toEqual(["region", "year"]);
  });

  test("unknown filter value lists the values", () => {
    const e = thrown(() => ds.table("far-east-trade").series("exports", { region: "Yakutsk" }));
    expect(e.asked).toBe("Yakutsk");
    expect(e.available).toContain("Yakutia");
    expect(e.available).toContain("Total");
    expect(e.available).toHaveLength(8);
  });

  test("a series with several rows per period asks for a filter", () => {
    const e = thrown(() => ds.table("far-east-trade").series("exports"));
    expect(e.available).toEqual(["region"]);
    expect(e.message).toContain("1998");
  });

  test("filtering by period gives one point; a number filter value is read as text", () => {
    const s = ds.table("far-east-trade").series("exports", { region: "Total", year: 2003 });
    expect(s.points.map((p) => [p.period.token, p.value])).toEqual([["2003", 869.2]]);
  });

  test("every filter, in either order, selects exactly the rows that match it", () => {
    const table = ds.table("far-east-trade");
    const [ri, yi, ei] = ["region", "year", "exports"].map((n) =>
      table.columns.findIndex((c) => c.name === n),
    ) as [number, number, number];
    const textOf = (cell: (typeof table.rows)[number]["cells"][number] | undefined) =>
      cell?.type === "period" ? cell.value?.token : cell?.raw;
    const regions = [...new Set(table.rows.map((r) => textOf(r.cells[ri]) as string))];
    const years = [...new Set(table.rows.map((r) => textOf(r.cells[yi]) as string))];
    for (const region of regions) {
      const expected = table.rows
        .filter((r) => textOf(r.cells[ri]) === region)
        .map((r) => [textOf(r.cells[yi]), r.cells[ei]?.value]);
      const s = table.series("exports", { region });
      expect(s.points.map((p) => [p.period.token, p.value])).toEqual(expected);
      for (const year of years) {
        const one = expected.filter(([y]) => y === year);
        const byRegion = table.series("exports", { region, year });
        const byYear = table.series(
          "exports",
          new Map([
            ["year", year],
            ["region", region],
          ]),
        );
        expect(byRegion.points.map((p) => [p.period.token, p.value])).toEqual(one);
        expect(byYear.points.map((p) => [p.period.token, p.value])).toEqual(one);
        expect(byYear.where).toEqual({ year, region });
      }
    }
    // The values listed for an unknown one are the column's, in row order.
    expect(thrown(() => table.series("exports", { region: "Yakutsk" })).available).toEqual(regions);
  });
});
