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
  const deepBlock = (indent: string, levels = 2000) => {
    let text = "";
    for (let i = 0; i < levels; i++) text += `${indent}${" ".repeat(i)}k:\n`;
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
      // 500 levels: 2,000 would pass the YAML table's 2 MB limit in indentation alone.
      "t.yaml": `- year: "1998"\n  value:\n${deepBlock("    ", 500)}`,
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

describe("YAML and JSON tables have their own byte limits", () => {
  const row = (i: number) => `{ year: "${1900 + (i % 100)}", value: ${i % 1000} }`;

  test("a YAML table past 2 MB is refused at its file key, before it is parsed", async () => {
    const lines: string[] = [];
    for (let i = 0; lines.join("\n").length <= 2_000_000; i++) {
      lines.push(...Array.from({ length: 1000 }, (_, k) => `- ${row(i * 1000 + k)}`));
    }
    const text = `${lines.join("\n")}\n`;
    const dir = folder({ "dataset.yaml": manifest("t.yaml"), "t.yaml": text });
    const r = await issuesOf(dir);
    expect(r.ok).toBe(false);
    expect(r.issues).toEqual(["file-too-large dataset.yaml:9:5"]);
    expect(r.all[0]?.message).toBe(
      `file: "t.yaml" is ${Buffer.byteLength(text)} bytes, over the limit of 2000000 bytes`,
    );
    expect(r.all[0]?.hint).toMatch(/save a table this big as CSV/);
  });

  test("a JSON table of 5 MB or less loads; one byte more is refused", async () => {
    const items: string[] = [];
    let size = 2;
    for (let i = 0; ; i++) {
      const item = `{"year": "${1900 + (i % 100)}", "value": ${i}}`;
      if (size + item.length + 2 > 5_000_000) break;
      items.push(item);
      size += item.length + 2;
    }
    const body = `[${items.join(",\n")}]`;
    const padded = body + " ".repeat(5_000_000 - Buffer.byteLength(body));
    const columns =
      "      - { name: year, type: text }\n      - { name: value, type: number, unit: USD }\n    key: [value]\n";
    const fits = await issuesOf(
      folder({ "dataset.yaml": manifest("t.json", "", columns), "t.json": padded }),
    );
    expect(fits.issues).toEqual([]);
    const over = await issuesOf(
      folder({ "dataset.yaml": manifest("t.json", "", columns), "t.json": `${padded} ` }),
    );
    expect(over.issues).toEqual(["file-too-large dataset.yaml:9:5"]);
    // Loading 5 MB of JSON takes ~2 s alone and over 5 s on a loaded two-core machine.
  }, 30_000);
});

describe("a fault repeated on every row", () => {
  test("is told 100 times, then once more with the count of the rest, errors first", async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => `y${i},ten`);
    const columns =
      "      - { name: year, type: text }\n      - { name: value, type: number, unit: USD }\n    key: [year]\n";
    const dir = folder({
      "dataset.yaml": manifest("t.csv", "", columns),
      "t.csv": `year,value\n${rows.join("\n")}\n`,
    });
    const r = await issuesOf(dir);
    expect(r.ok).toBe(false);
    expect(r.issues).toHaveLength(101);
    expect(r.issues.slice(0, 2)).toEqual(["wrong-type t.csv:2:4", "wrong-type t.csv:3:4"]);
    expect(r.issues[100]).toBe("more-problems t.csv:102:6");
    expect(r.all[100]).toMatchObject({
      severity: "error",
      message:
        "900 more problems in this file are not listed here, the first of them at this place",
    });
  });
});
