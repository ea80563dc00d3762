/**
 * Pivot tables: rows in the order the data names them with total rows last
 * (a key that first appears in a later period does not land below the
 * total), and a measure column only when there is more than one measure.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Dataset, loadDataset } from "@briefkit/data";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTable, MAX_PRINTED_ROWS } from "../src/tables.js";

const dir = mkdtempSync(join(tmpdir(), "briefkit-tables-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let dataset: Dataset;
const BIG_ROWS = 200_000;

beforeAll(async () => {
  writeFileSync(
    join(dir, "dataset.yaml"),
    `id: t
title: T
edition: "2026"
published: "2026-01-01"
sources: [{ id: s, title: S }]
tables:
  - id: big
    title: Big
    file: big.csv
    source: s
    columns:
      - { name: partner, type: text }
      - { name: year, type: period }
      - { name: exports, type: number, unit: USD, scale: million }
    key: [partner, year]
  - id: limit
    title: At the limit
    file: limit.csv
    source: s
    columns:
      - { name: partner, type: text }
      - { name: year, type: period }
      - { name: exports, type: number, unit: USD, scale: million }
    key: [partner, year]
  - id: x
    title: X
    file: x.csv
    source: s
    columns:
      - { name: year, type: period }
      - { name: partner, type: category }
      - { name: exports, type: number, unit: USD, scale: million }
      - { name: imports, type: number, unit: USD, scale: million }
    key: [year, partner]
`,
  );
  // C appears only from the second year, after the first year's Total row.
  writeFileSync(
    join(dir, "x.csv"),
    "year,partner,exports,imports\n2024,A,1,2\n2024,Total,1,2\n2025,A,3,4\n2025,C,5,6\n2025,Total,8,10\n",
  );
  // As many rows as a table may have; the last one has the most decimals.
  const big = Array.from({ length: BIG_ROWS }, (_, i) =>
    i === BIG_ROWS - 1 ? `P${i},2025,0.125` : `P${i},2025,${i % 10}`,
  );
  writeFileSync(join(dir, "big.csv"), `partner,year,exports\n${big.join("\n")}\n`);
  writeFileSync(
    join(dir, "limit.csv"),
    `partner,year,exports\n${big.slice(0, MAX_PRINTED_ROWS - 1).join("\n")}\nP${MAX_PRINTED_ROWS - 1},2025,0.125\n`,
  );
  const loaded = await loadDataset(dir);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  dataset = loaded.dataset;
});

/** The table's rows as plain text, cell by cell. */
function texts(block: unknown): string[][] {
  const b = block as { head: Array<{ cells: unknown[] }>; body: Array<{ cells: unknown[] }> };
  const text = (x: unknown): string =>
    Array.isArray(x)
      ? x.map(text).join("")
      : x !== null && typeof x === "object"
        ? "value" in x && typeof (x as { value: unknown }).value === "string"
          ? (x as { value: string }).value
          : "text" in x && typeof (x as { text: unknown }).text === "string"
            ? (x as { text: string }).text
            : text((x as { children?: unknown }).children ?? [])
        : "";
  return [...b.head, ...b.body].map((r) => r.cells.map(text));
}

describe("pivot tables", () => {
  it("put total rows last and show one measure without a measure column", () => {
    const built = buildTable(
      dataset,
      {
        table: "x",
        caption: "X",
        layout: "pivot",
        rowKey: "partner",
        period: "year",
        measures: [{ field: "exports" }],
        totalRows: ["Total"],
        decimals: 0,
      },
      "en-GB",
    );
    if (!built.ok) throw new Error(JSON.stringify(built.problems));
    expect(texts(built.block)).toEqual([
      ["partner", "2024", "2025"],
      ["A", "1", "3"],
      ["C", "—", "5"],
      ["Total", "1", "8"],
    ]);
  });

  it("name each measure when there are several", () => {
    const built = buildTable(
      dataset,
      {
        table: "x",
        caption: "X",
        layout: "pivot",
        rowKey: "partner",
        period: "year",
        measures: [{ field: "exports", label: "Exports" }, { field: "imports" }],
        totalRows: ["Total"],
        decimals: 0,
      },
      "en-GB",
    );
    if (!built.ok) throw new Error(JSON.stringify(built.problems));
    expect(texts(built.block)).toEqual([
      ["partner", "", "2024", "2025"],
      ["A", "Exports", "1", "3"],
      ["", "imports", "2", "4"],
      ["C", "Exports", "—", "5"],
      ["", "imports", "—", "6"],
      ["Total", "Exports", "1", "8"],
      ["", "imports", "2", "10"],
    ]);
  });
});

describe("the rows a table may print", () => {
  // A table of the data's 200,000 rows once took the writers minutes and
  // gigabytes (and overflowed the stack in Math.max) before failing.
  it("refuses a table of 200,000 rows in either layout, before building it", () => {
    const rows = buildTable(dataset, { table: "big", caption: "Big" }, "en-GB");
    const pivot = buildTable(
      dataset,
      {
        table: "big",
        caption: "Big",
        layout: "pivot",
        rowKey: "partner",
        period: "year",
        measures: [{ field: "exports" }],
      },
      "en-GB",
    );
    for (const built of [rows, pivot]) {
      expect(built.ok).toBe(false);
      if (built.ok) continue;
      expect(built.problems.map((p) => p.message)).toEqual([
        `table big would print ${BIG_ROWS.toLocaleString("en-GB")} rows, more than the ${MAX_PRINTED_ROWS.toLocaleString("en-GB")} a brief's table may hold; choose the rows to print (a pivot on fewer keys, or a smaller table in the data) and leave the rest to the data file`,
      ]);
    }
    expect(pivot.ok || pivot.problems[0]!.path).toEqual(["rowKey"]);
  });

  it("prints a table of exactly the limit, its decimals those of the most precise cell", () => {
    const built = buildTable(dataset, { table: "limit", caption: "At the limit" }, "en-GB");
    if (!built.ok) throw new Error(JSON.stringify(built.problems));
    const rows = texts(built.block);
    expect(rows).toHaveLength(MAX_PRINTED_ROWS + 1);
    expect(rows[1]).toEqual(["P0", "2025", "0.000"]);
    expect(rows[MAX_PRINTED_ROWS]).toEqual([`P${MAX_PRINTED_ROWS - 1}`, "2025", "0.125"]);
  });
});
