/**
 * XLSX tables: the essay's Tables 1 and 3 read from a workbook give the same
 * data and the same totals warnings as the CSV edition, positioned at cells;
 * cell types; and bad workbooks, one folder each under
 * fixtures/xlsx/_error_/ with expected.txt lines
 *
 *   <severity> <code> <where> [| text the message or hint must contain]...
 *
 * where <where> is `file:line:column` or `workbook!sheet!cell`. The
 * workbooks come from scripts/make-xlsx-fixtures.ts.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import { type Dataset, formatIssue, type Issue, loadDataset } from "../src/index.js";

const fixtures = resolve(import.meta.dirname, "fixtures/xlsx");
const shipped = resolve(import.meta.dirname, "../../../data/russia-japan/2005");

async function load(dir: string): Promise<Dataset> {
  const r = await loadDataset(dir);
  if (!r.ok) throw new Error(r.issues.map((i) => formatIssue(i, dir)).join("\n"));
  return r.dataset;
}

/** `file:line:column`, or `file!sheet!cell` for a spreadsheet cell. */
const where = (dir: string, i: Issue) =>
  i.sheet === undefined
    ? `${relative(dir, i.file)}:${i.line}:${i.column}`
    : `${relative(dir, i.file)}!${i.sheet}${i.cell === undefined ? "" : `!${i.cell}`}`;

describe("the essay's tables from a workbook", () => {
  test("the same series as the CSV edition, raw text included", async () => {
    const [xlsx, csv] = [await load(join(fixtures, "essay")), await load(shipped)];
    const same = (table: string, measure: string, where?: Record<string, string>) => {
      const a = xlsx.table(table).series(measure, where).points;
      const b = csv.table(table).series(measure, where).points;
      expect(a.map((p) => [p.period.token, p.value, p.raw])).toEqual(
        b.map((p) => [p.period.token, p.value, p.raw]),
      );
    };
    for (const m of ["exports", "imports", "total"]) same("bilateral-trade", m);
    for (const region of ["Yakutia", "Magadanskaya Oblast", "Total"]) {
      for (const m of ["exports", "imports", "trade"]) same("far-east-trade", m, { region });
    }
    expect(xlsx.table("far-east-trade").rows).toHaveLength(48);
    // 2005-H1 is text in the sheet, 1998 a number: both periods.
    expect(xlsx.table("bilateral-trade").series("exports").points.at(-1)?.period).toMatchObject({
      token: "2005-H1",
      partial: true,
    });
  });

  test("rows carry the cell's row and column; the header names map to columns", async () => {
    const t = (await load(join(fixtures, "essay"))).table("bilateral-trade");
    expect(t.rows[0]?.line).toBe(4);
    expect(t.rows[0]?.cells.map((c) => [c.line, c.column, c.raw])).toEqual([
      [4, 1, "1998"],
      [4, 2, "2.9"],
      [4, 3, "1.0"],
      [4, 4, "3.9"],
    ]);
  });

  test("warnings: formulas once per table, totals as in the CSV edition but at cells", async () => {
    const dir = join(fixtures, "essay");
    const r = await loadDataset(dir);
    expect(r.ok).toBe(true);
    const csv = await loadDataset(shipped);
    const fe = csv.issues.filter((i) => i.file.endsWith("far-east-trade.csv"));
    const got = r.issues.map((i) => `${i.severity} ${i.code} ${where(dir, i)}`);
    expect(got).toEqual([
      "warning formula-cached essay.xlsx!Table 1!D4",
      // The CSV's line L is the sheet's row L (both have the header on line/row 1).
      ...fe.map(
        (i) =>
          `${i.severity} ${i.code} essay.xlsx!Table 3!${"ABCDE"[i.column === 12 ? 2 : 3]}${i.line}`,
      ),
    ]);
    expect(r.issues[0]?.message).toBe("8 cells are formulas; their cached values were used");
    expect(r.issues[0]).toMatchObject({ line: 4, column: 4, sheet: "Table 1", cell: "D4" });
    expect(formatIssue(r.issues[1]!, dir)).toBe(
      "essay.xlsx!Table 3!C44: warning: exports of Total (year=1998): total 739.7 differs from the sum of its parts 739.6 (within tolerance 0.5; rounding)",
    );
  });

  test("cell types: dates as ISO dates, rich text and links as text, numbers stored as text", async () => {
    const t = (await load(join(fixtures, "types"))).table("loans");
    expect(
      t.rows.map((r) => r.cells.map((c) => (c.type === "period" ? c.value?.token : c.value))),
    ).toEqual([
      ["2002-03", "2002-03-06", "Vneshtorgbank", 60, 12.5, "plain"],
      ["2003-06", "2003-06-12", "Moscow International Bank", 20, 0.25, "a link"],
      ["2004-03", "2004-03-30", "Rostelecom", 2.66, 100, "TRUE"],
    ]);
  });
});

describe("everything CSV checks, XLSX checks", () => {
  test("keys, ranges and totals at cells; a formula whose cached value is 0 is a value", async () => {
    const dir = mkdtempSync(join(tmpdir(), "briefkit-xlsx-"));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Trade");
    ws.addRow(["year", "exports", "imports", "total"]);
    ws.addRow([1998, 0, 0]);
    ws.getCell("D2").value = { formula: "B2+C2", result: 0 };
    ws.addRow([1999, -3.7, 0.5, 4.2]);
    ws.addRow([1999, 4.6, 0.6, 9.9]);
    writeFileSync(join(dir, "t.xlsx"), new Uint8Array(await wb.xlsx.writeBuffer()));
    writeFileSync(
      join(dir, "dataset.yaml"),
      `id: t
title: T
edition: "2005"
published: "2005-09-08"
sources: [{ id: s, title: S }]
tables:
  - id: t
    title: T
    file: t.xlsx
    source: s
    columns:
      - { name: year, type: period }
      - { name: exports, type: number, unit: USD, min: 0 }
      - { name: imports, type: number, unit: USD, min: 0 }
      - { name: total, type: number, unit: USD, min: 0 }
    totals:
      - { kind: columns, total: total, parts: [exports, imports] }
`,
    );
    const r = await loadDataset(dir);
    expect(r.issues.map((i) => `${i.code} ${where(dir, i)}`)).toEqual([
      "formula-cached t.xlsx!Trade!D2",
      "out-of-range t.xlsx!Trade!B3",
      "duplicate-key t.xlsx!Trade!A4",
      "total-mismatch t.xlsx!Trade!D4",
    ]);
  });
});

describe("bad workbooks", () => {
  const root = join(fixtures, "_error_");
  const cases = readdirSync(root).sort();
  test("covers the bad input of issue #6", () => {
    for (const c of [
      "merged-header",
      "formula-no-cache",
      "missing-sheet",
      "not-xlsx",
      "zip-not-workbook",
      "zip-bomb",
    ]) {
      expect(cases).toContain(c);
    }
  });
  test.each(cases)("%s", async (name) => {
    const dir = join(root, name);
    const expected = readFileSync(join(dir, "expected.txt"), "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => {
        const [head = "", ...contains] = l.split(" | ");
        return { head: head.trim(), contains: contains.map((c) => c.trim()) };
      });
    const result = await loadDataset(dir);
    expect(result.ok).toBe(!expected.some((e) => e.head.startsWith("error ")));
    const headOf = (i: Issue) => `${i.severity} ${i.code} ${where(dir, i)}`;
    expect(result.issues.map(headOf).sort()).toEqual(expected.map((e) => e.head).sort());
    for (const e of expected) {
      const issue = result.issues.find((i) => headOf(i) === e.head)!;
      for (const c of e.contains)
        expect(`${issue.message} ${issue.hint ?? ""}`, e.head).toContain(c);
      // formatIssue leads with the same place.
      const place = e.head.split(" ").slice(2).join(" ");
      expect(formatIssue(issue, dir).startsWith(`${place}: ${issue.severity}: `)).toBe(true);
    }
  });
});
