/**
 * Benchmarks for editions (run: `npx -y pnpm@12.4.2 bench data`). Budgets
 * from issue #6: importing a 10,000-row sheet under 1 s. The diff of the
 * essay's two editions is measured here at the data level (the CLI's diff
 * adds indicators and sentences on top, within 200 ms in all).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import ExcelJS from "exceljs";
import { type Dataset, diffDatasets, loadDataset } from "../src/index.js";

const rows = 10_000;

/** A dataset whose one table is a 10,000-row sheet: region, year, three numbers and a total formula. */
async function generateWorkbook(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "briefkit-bench-xlsx-"));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Data");
  ws.addRow(["region", "year", "exports", "imports", "total"]);
  for (let k = 0; k < rows; k++) {
    const exports = ((k * 7919) % 1000) / 10;
    const imports = ((k * 104729) % 1000) / 10;
    const r = ws.addRow([`Region ${Math.floor(k / 50) + 1}`, 1960 + (k % 50), exports, imports]);
    r.getCell(5).value = {
      formula: `C${k + 2}+D${k + 2}`,
      result: Math.round((exports + imports) * 10) / 10,
    };
    for (const c of [3, 4, 5]) r.getCell(c).numFmt = "0.0";
  }
  writeFileSync(join(dir, "big.xlsx"), new Uint8Array(await wb.xlsx.writeBuffer()));
  writeFileSync(
    join(dir, "dataset.yaml"),
    `id: bench
title: Benchmark (xlsx)
edition: "2005"
published: "2005-09-08"
sources:
  - id: synthetic
    title: Generated
tables:
  - id: big
    title: ${rows} rows from a sheet
    file: big.xlsx
    sheet: Data
    source: synthetic
    columns:
      - { name: region, type: category }
      - { name: year, type: period }
      - { name: exports, type: number, unit: USD, scale: million, min: 0 }
      - { name: imports, type: number, unit: USD, scale: million, min: 0 }
      - { name: total, type: number, unit: USD, scale: million, min: 0 }
    totals:
      - { kind: columns, total: total, parts: [exports, imports], tolerance: 0.05 }
`,
  );
  return dir;
}

async function mustLoad(dir: string): Promise<Dataset> {
  const r = await loadDataset(dir);
  if (!r.ok) throw new Error(`${dir} did not load: ${r.issues[0]?.message}`);
  return r.dataset;
}

const editions = {
  from: resolve(import.meta.dirname, "../../../data/russia-japan/2005"),
  to: resolve(import.meta.dirname, "../test/fixtures/editions/russia-japan-2006"),
};

export default [
  {
    name: `load + validate a ${rows.toLocaleString("en")}-row XLSX sheet (5 columns, formulas)`,
    budgetMs: 1000,
    iterations: 5,
    setup: generateWorkbook,
    fn: (dir: string) => mustLoad(dir),
  },
  {
    name: "diffDatasets: 2005 → synthetic 2006 (warm, loaded)",
    budgetMs: 20,
    setup: async () => [await mustLoad(editions.from), await mustLoad(editions.to)] as const,
    fn: ([a, b]: readonly [Dataset, Dataset]) => diffDatasets(a, b),
  },
  {
    name: "load both editions + diffDatasets (warm)",
    budgetMs: 200,
    fn: async () => diffDatasets(await mustLoad(editions.from), await mustLoad(editions.to)),
  },
];
