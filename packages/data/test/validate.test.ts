/** Table validation through the pure pipeline (bytes in, rows and issues out). */
import { describe, expect, test } from "vitest";
import { readTable } from "../src/load.js";
import { tableSchema } from "../src/schema.js";
import { readNumber } from "../src/validate.js";

const bytes = (s: string) => new TextEncoder().encode(s);

function table(
  spec: Record<string, unknown>,
  file: string,
  text: string,
  missing = ["—", "", "n/a"],
) {
  const t = tableSchema.parse({ id: "t", title: "T", file, source: "s", ...spec });
  return readTable(t, file, bytes(text), missing);
}

const codes = (r: ReturnType<typeof table>) =>
  r.issues.map((i) => `${i.code} ${i.line}:${i.column}`);

describe("readNumber", () => {
  test.each([
    ["1352.2", 1352.2],
    ["-4", -4],
    [".5", 0.5],
    ["1e6", 1e6],
    [" 2.9 ", 2.9],
    ["+3", 3],
    ["9007199254740991", 9007199254740991],
    ["0.30000000000000004", 0.30000000000000004],
    ["123456789012345.67", 123456789012345.67],
    ["1.50", 1.5],
    ["1e20", 1e20],
  ])("%j is %d", (text, value) => {
    expect(readNumber(text)).toEqual({ ok: true, value });
  });

  test.each([
    ["1,5", "decimal-comma", "1.5"],
    ["1,500", "thousands-separator", "1500"],
    ["1 352.2", "thousands-separator", "1352.2"],
    ["12%", "percent-sign", undefined],
    ["12 %", "percent-sign", undefined],
    ["$5", "wrong-type", undefined],
    ["NaN", "wrong-type", undefined],
    ["Infinity", "wrong-type", undefined],
    ["1e400", "inexact-number", undefined],
    ["12345678901234567890", "inexact-number", undefined],
    ["9007199254740992", "inexact-number", undefined],
    ["0.300000000000000001", "inexact-number", undefined],
    ["1e-400", "inexact-number", undefined],
    ["0x1F", "wrong-type", undefined],
  ])("%j is %s", (text, code, fixed) => {
    expect(readNumber(text)).toEqual(
      fixed === undefined ? { ok: false, code } : { ok: false, code, fixed },
    );
  });
});

describe("validateTable", () => {
  const numbers = {
    columns: [
      { name: "year", type: "period" },
      { name: "a", type: "number", unit: "USD", required: false },
      { name: "b", type: "number", unit: "USD", required: false },
      { name: "t", type: "number", unit: "USD", required: false },
    ],
    totals: [{ kind: "columns", total: "t", parts: ["a", "b"], tolerance: 0.05 }],
  };

  test("collects every problem of a file in one pass", () => {
    const r = table(
      numbers,
      "x.csv",
      "year,a,b,t\n1998,x,1,2\n19988,1,2,3\n1999,1;2,3,4\n2000,1,2\n2001,1,2,3\n2001,1,1,2\n",
    );
    expect(codes(r)).toEqual([
      "wrong-type 2:6",
      "bad-period 3:1",
      "wrong-type 4:6",
      "ragged-row 5:1",
      "duplicate-key 7:1",
    ]);
  });

  test("a total equal to its parts passes; within tolerance warns; a missing total is not checked", () => {
    const r = table(
      numbers,
      "x.csv",
      "year,a,b,t\n1998,0.1,0.2,0.3\n1999,1.04,2,3.0\n2000,1,2,—\n2001,—,2,3\n",
    );
    expect(codes(r)).toEqual(["total-rounding 3:13", "total-missing-parts 5:10"]);
    expect(r.issues[0]?.message).toContain("3.0");
    expect(r.issues[0]?.message).toContain("3.04");
    expect(r.issues[1]?.message).toContain('"a"');
    expect(r.issues[1]?.message).toContain("sum to 2");
    expect(r.rows).toHaveLength(4);
  });

  test("a table's own missing tokens replace the dataset's", () => {
    const spec = { columns: numbers.columns, missing: ["-"] };
    const r = table(spec, "x.csv", "year,a,b,t\n1998,-,1,1\n1999,—,1,1\n");
    expect(codes(r)).toEqual(["wrong-type 3:6"]);
    const ok = table(spec, "x.csv", "year,a,b,t\n1998,-,1,1\n");
    expect(ok.rows[0]?.cells[1]).toMatchObject({ value: null, raw: "-" });
  });

  test("JSON: an absent optional key is missing; booleans and lists are wrong types", () => {
    const r = table(
      numbers,
      "x.json",
      '[{"year": 1998, "b": 1, "t": 1}, {"year": "1999", "a": true, "b": [1], "t": 2}]',
    );
    // The first record's "a" is absent, hence missing: its total cannot be checked.
    expect(codes(r)).toEqual(["wrong-type 1:56", "wrong-type 1:67", "total-missing-parts 1:30"]);
    const ok = table(numbers, "x.json", '[{"year": 1998, "b": 1, "t": 1}]');
    expect(ok.rows[0]?.cells.map((c) => c.value)).toEqual([
      expect.objectContaining({ token: "1998" }),
      null,
      1,
      1,
    ]);
  });

  test("JSON: an absent required key is one issue per column, counting the records", () => {
    const spec = {
      columns: [
        { name: "year", type: "period" },
        { name: "v", type: "number", unit: "USD" },
      ],
    };
    const r = table(
      spec,
      "x.json",
      '[\n{"year": 1998},\n{"year": 1999},\n{"year": 2000, "v": 1, "w": 2}\n]',
    );
    expect(codes(r)).toEqual(["unknown-column 4:24", "missing-column 2:1"]);
    expect(r.issues[1]?.message).toContain("1 more");
  });

  test("YAML keeps a number's source text as raw", () => {
    const r = table(numbers, "x.yaml", '- { year: "1998", a: 1.50, b: 0.5, t: 2 }\n');
    expect(r.issues).toEqual([]);
    expect(r.rows[0]?.cells[1]).toMatchObject({ value: 1.5, raw: "1.50", line: 1, column: 22 });
  });

  test("a rows total is checked per value of the other key columns", () => {
    const spec = {
      columns: [
        { name: "region", type: "category" },
        { name: "year", type: "period" },
        { name: "v", type: "number", unit: "USD" },
      ],
      totals: [{ kind: "rows", dimension: "region", total: "All", measures: ["v"] }],
    };
    const r = table(
      spec,
      "x.csv",
      "region,year,v\nA,1998,1\nB,1998,2\nAll,1998,3\nA,1999,1\nB,1999,2\nAll,1999,4\n",
    );
    expect(codes(r)).toEqual(["total-mismatch 7:10"]);
    expect(r.issues[0]?.message).toContain("year=1999");
    expect(r.issues[0]?.message).toContain("4");
    expect(r.issues[0]?.message).toContain("3");
  });

  test("a wrong-delimiter check never fires for a one-column table", () => {
    const r = table(
      { period: "2004", columns: [{ name: "note", type: "text" }] },
      "x.csv",
      "note\na;b\n",
    );
    expect(r.issues).toEqual([]);
  });
});
