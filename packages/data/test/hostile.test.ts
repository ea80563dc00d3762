/**
 * Hostile inputs too large to keep as fixtures (issue 13), written to a
 * temporary folder: YAML nested 2,000 levels in block style, a table one
 * row past the default limit, workbooks past the limits and with digits a
 * double cannot hold. The small cases are folders in fixtures/hostile/
 * (errors.test.ts).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import { type Issue, loadDataset } from "../src/index.js";

function manifest(file: string, extra = "", columns?: string): string {
  return `id: hostile
title: Hostile input
edition: "2005"
published: "2005-09-08"
${extra}sources: [{ id: s, title: S }]
tables:
  - id: t
    title: T
    file: ${file}
    source: s
    columns:
${columns ?? "      - { name: year, type: period }\n      - { name: value, type: number, unit: USD }\n"}`;
}

function folder(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), "briefkit-hostile-"));
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  return dir;
}

const brief = (dir: string, i: Issue) =>
  `${i.code} ${i.file.slice(dir.length + 1)}${i.cell === undefined ? "" : `!${i.sheet}!${i.cell}`}:${i.line}:${i.column}`;

async function issuesOf(dir: string, options?: Parameters<typeof loadDataset>[1]) {
  const r = await loadDataset(dir, options);
  return { ok: r.ok, issues: r.issues.map((i) => brief(dir, i)), all: r.issues };
}

describe("YAML nested 2,000 levels in block style", () => {
  const deepBlock = (indent: string) => {
    let text = "";
    for (let i = 0; i < 2000; i++) text += `${indent}${" ".repeat(i)}k:\n`;
    return text;
  };

  test("in dataset.yaml: at the 65th key, not an internal error", async () => {
    // The root mapping is level 1, the mapping of the first `k` (line 6) level 2: the `k` on line 69 opens level 65.
    const dir = folder({
      "dataset.yaml": manifest("t.csv", `description:\n${deepBlock("  ")}x: 1\n`),
      "t.csv": "year,value\n1998,1\n",
    });
    const r = await issuesOf(dir);
    expect(r.ok).toBe(false);
    expect(r.issues).toEqual(["nesting-too-deep dataset.yaml:69:66"]);
    expect(r.all[0]?.message).toBe("YAML nested more than 64 levels deep");
  });

  test("in a YAML table: at the 65th level", async () => {
    const dir = folder({
      "dataset.yaml": manifest("t.yaml"),
      "t.yaml": `- year: "1998"\n  value:\n${deepBlock("    ")}`,
    });
    // The list is level 1, the record level 2, the `k:` mappings from level 3.
    expect((await issuesOf(dir)).issues).toEqual(["nesting-too-deep t.yaml:65:67"]);
  });
});

describe("row and cell limits", () => {
  test("one row past the default 200,000: at the first row past it", async () => {
    const rows = Array.from({ length: 200_001 }, (_, i) => `${1800 + (i % 300)},${i}`);
    const dir = folder({
      "dataset.yaml": manifest(
        "t.csv",
        "",
        "      - { name: year, type: period }\n      - { name: value, type: number, unit: USD }\n    key: [value]\n",
      ),
      "t.csv": `year,value\n${rows.join("\n")}\n`,
    });
    const r = await issuesOf(dir);
    expect(r.issues).toEqual(["table-too-large t.csv:200002:1"]);
    expect(r.all[0]?.message).toBe("the table has more than 200000 data rows; this is row 200001");
    // Room for a shared, busy machine: a hang guard, not a speed assertion.
  }, 60_000);

  test("dataset.yaml lowers the caller's limits and cannot raise them", async () => {
    const csv = "year,value\n1998,1\n1999,2\n2000,3\n2001,4\n";
    const lower = folder({
      "dataset.yaml": manifest("t.csv", "limits: { maxRows: 2 }\n"),
      "t.csv": csv,
    });
    expect((await issuesOf(lower, { maxRows: 3 })).issues).toEqual(["table-too-large t.csv:4:1"]);
    const raise = folder({
      "dataset.yaml": manifest("t.csv", "limits: { maxRows: 100, maxCells: 100 }\n"),
      "t.csv": csv,
    });
    expect((await issuesOf(raise, { maxRows: 3 })).issues).toEqual(["table-too-large t.csv:5:1"]);
    expect((await issuesOf(raise, { maxCells: 5 })).issues).toEqual(["table-too-large t.csv:4:1"]);
    expect((await issuesOf(raise)).ok).toBe(true);
  });
});

describe("XLSX", () => {
  async function workbook(rows: unknown[][]): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Data");
    for (const row of rows) ws.addRow(row);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  test("rows past limits.maxRows: at the first cell of the first row past it", async () => {
    const dir = folder({
      "dataset.yaml": manifest("t.xlsx", "limits: { maxRows: 2 }\n"),
      "t.xlsx": await workbook([
        ["year", "value"],
        [1998, 1],
        [1999, 2],
        [2000, 3],
      ]),
    });
    expect((await issuesOf(dir)).issues).toEqual(["table-too-large t.xlsx!Data!A4:4:1"]);
  });

  test("a text cell of more digits than a double holds is an error; a number cell is a double already", async () => {
    const dir = folder({
      "dataset.yaml": manifest(
        "t.xlsx",
        "",
        "      - { name: year, type: period }\n      - { name: value, type: number, unit: USD }\n      - { name: code, type: text }\n",
      ),
      "t.xlsx": await workbook([
        ["year", "value", "code"],
        [1998, "12345678901234567890", "12345678901234567890"],
        [1999, 1.2345678901234567e19, "x"],
        [2000, "1e400", "x"],
      ]),
    });
    const r = await issuesOf(dir);
    expect(r.issues).toEqual([
      "inexact-number t.xlsx!Data!B2:2:2",
      "inexact-number t.xlsx!Data!B4:4:2",
    ]);
    expect(r.all[0]?.hint).toContain(
      "declare it as text (type: text on the column in dataset.yaml)",
    );
  });
});
