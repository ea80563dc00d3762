/**
 * Writes the XLSX test fixtures under test/fixtures/xlsx/ (workbooks only;
 * each case's dataset.yaml and expected.txt are written by hand). Run:
 *
 *   npx tsx packages/data/scripts/make-xlsx-fixtures.ts
 *
 * Workbooks are written with exceljs, dated 2005-09-08 and re-zipped with
 * fixed entry times, so rerunning the script reproduces the same bytes. The
 * zip bomb, the zip that is not a workbook and the CSV named .xlsx are made
 * by hand with fflate.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import ExcelJS from "exceljs";
import { unzipSync, zipSync } from "fflate";

const root = resolve(import.meta.dirname, "../test/fixtures/xlsx");
const fixed = new Date(Date.UTC(2005, 8, 8));

function workbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "briefkit test fixtures";
  wb.created = fixed;
  wb.modified = fixed;
  return wb;
}

async function save(wb: ExcelJS.Workbook, ...path: string[]): Promise<void> {
  const file = join(root, ...path);
  mkdirSync(dirname(file), { recursive: true });
  // exceljs stamps zip entries with the clock: re-zip them with a fixed time.
  const entries = unzipSync(new Uint8Array(await wb.xlsx.writeBuffer()));
  writeFileSync(file, zipSync(entries, { level: 6, mtime: fixed }));
  console.log(`wrote ${file}`);
}

function put(file: string[], bytes: Uint8Array | string): void {
  const path = join(root, ...file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  console.log(`wrote ${path}`);
}

// --- the essay's Tables 1 and 3, as a statistics office might send them ------

const table1: [number | string, number, number, number][] = [
  [1998, 2.9, 1.0, 3.9],
  [1999, 3.7, 0.5, 4.2],
  [2000, 4.6, 0.6, 5.2],
  [2001, 3.9, 0.7, 4.6],
  [2002, 3.3, 0.9, 4.2],
  [2003, 4.2, 1.7, 5.9],
  [2004, 5.7, 3.1, 8.8],
  ["2005-H1", 2.3, 1.5, 3.8],
];

const regions: [string, (number | "—")[][]][] = [
  [
    "Yakutia",
    [
      [33.7, 9.7],
      [106.3, 20.2],
      [111.7, 6.4],
      [27.8, 7.4],
      ["—", "—"],
      [138.9, 11.0],
    ],
  ],
  [
    "Primorskiy Krai",
    [
      [264.0, 60.0],
      [161.0, 38.0],
      [194.0, 32.0],
      [257.0, 47.0],
      [207.0, 74.0],
      [154.9, 221.7],
    ],
  ],
  [
    "Khabarovskiy Krai",
    [
      [178.3, 17.4],
      [213.3, 42.0],
      [190.0, 34.6],
      [180.0, 34.0],
      [148.0, 56.0],
      [169.2, 77.8],
    ],
  ],
  [
    "Amurskaya Oblast",
    [
      [12.1, 15.7],
      [9.0, 5.4],
      [6.8, 2.6],
      [19.3, 1.4],
      [16.3, 0.7],
      [21.9, 1.8],
    ],
  ],
  [
    "Kamchatskaya Oblast",
    [
      [123.5, 10.9],
      [64.4, 8.9],
      [81.9, 5.6],
      [50.5, 6.0],
      [76.7, 7.1],
      [70.6, 13.4],
    ],
  ],
  [
    "Magadanskaya Oblast",
    [
      [6.3, 6.2],
      [2.2, 4.1],
      [1.9, 10.9],
      [23.0, 9.4],
      ["—", "—"],
      [20.1, 12.7],
    ],
  ],
  [
    "Sakhalinskaya Oblast",
    [
      [121.7, 20.7],
      [123.6, 21.4],
      [135.5, 38.9],
      [94.0, 84.0],
      [201.0, 27.3],
      [293.5, 144.6],
    ],
  ],
  [
    "Total",
    [
      [739.7, 140.6, 880.3],
      [679.8, 140.1, 819.9],
      [722.2, 131.3, 853.5],
      [652.0, 189.3, 841.3],
      [649.3, 165.1, 814.4],
      [869.2, 483.0, 1352.2],
    ],
  ],
];

async function essay(): Promise<void> {
  const wb = workbook();
  const notes = wb.addWorksheet("Notes");
  notes.getCell("A1").value = "Figures from the essay's Tables 1 and 3 (test fixture).";

  // Table 1: a merged title row, a blank row, then the table at A3:D11 with
  // headers that differ from the column names and totals as formulas.
  const t1 = wb.addWorksheet("Table 1");
  t1.getCell("A1").value = "Table 1. Russia–Japan bilateral trade (US$ billion)";
  t1.mergeCells("A1:D1");
  t1.getRow(3).values = ["Year", "Russia's exports", "Russia's imports", "Total"];
  table1.forEach(([year, exp, imp, total], k) => {
    const r = 4 + k;
    t1.getCell(`A${r}`).value = year;
    t1.getCell(`B${r}`).value = exp;
    t1.getCell(`C${r}`).value = imp;
    t1.getCell(`D${r}`).value = { formula: `B${r}+C${r}`, result: total };
    for (const c of ["B", "C", "D"]) t1.getCell(`${c}${r}`).numFmt = "0.0";
  });
  t1.getCell("A13").value = "Source: Ministry of Economic Development and Trade, Russia";

  // Table 3: long form from A1, missing figures as the essay prints them.
  const t3 = wb.addWorksheet("Table 3");
  t3.getRow(1).values = ["region", "year", "exports", "imports", "trade"];
  let r = 2;
  for (const [region, years] of regions) {
    years.forEach((v, k) => {
      const row = t3.getRow(r++);
      row.values = [region, 1998 + k, ...v];
      for (const c of [3, 4, 5]) row.getCell(c).numFmt = "0.0";
    });
  }
  await save(wb, "essay", "essay.xlsx");
}

// --- cell types ------------------------------------------------------------------

async function types(): Promise<void> {
  const wb = workbook();
  const ws = wb.addWorksheet("Loans");
  ws.getRow(1).values = ["agreed", "date", "recipient", "amount", "share", "note"];
  const rows: [string, Date, unknown, unknown, number, unknown][] = [
    ["2002-03", new Date(Date.UTC(2002, 2, 6)), "Vneshtorgbank", 60, 12.5, "plain"],
    [
      "2003-06",
      new Date(Date.UTC(2003, 5, 12)),
      {
        richText: [
          { text: "Moscow " },
          { font: { bold: true }, text: "International" },
          { text: " Bank" },
        ],
      },
      20,
      0.25,
      { text: "a link", hyperlink: "https://example.org/" },
    ],
    ["2004-03", new Date(Date.UTC(2004, 2, 30)), "Rostelecom", "2.66", 100, true],
  ];
  rows.forEach((v, k) => {
    ws.getRow(2 + k).values = v as ExcelJS.CellValue[];
    ws.getCell(`B${2 + k}`).numFmt = "yyyy-mm-dd";
  });
  await save(wb, "types", "types.xlsx");
}

// --- bad input -----------------------------------------------------------------------

async function mergedHeader(): Promise<void> {
  const wb = workbook();
  const ws = wb.addWorksheet("Sheet1");
  ws.getRow(1).values = ["year", "trade", "", "total"];
  ws.mergeCells("B1:C1");
  ws.getRow(2).values = ["year", "exports", "imports", "total"];
  ws.getRow(3).values = [1998, 2.9, 1.0, 3.9];
  await save(wb, "_error_", "merged-header", "book.xlsx");
}

async function mergedBody(): Promise<void> {
  const wb = workbook();
  const ws = wb.addWorksheet("Sheet1");
  ws.getRow(1).values = ["region", "year", "exports"];
  ws.getRow(2).values = ["Yakutia", 1998, 33.7];
  ws.getRow(3).values = ["", 1999, 106.3];
  ws.mergeCells("A2:A3");
  await save(wb, "_error_", "merged-cells", "book.xlsx");
}

async function formulaNoCache(): Promise<void> {
  const wb = workbook();
  const ws = wb.addWorksheet("Table 1");
  ws.getRow(1).values = ["year", "exports", "imports", "total"];
  ws.getRow(2).values = [1998, 2.9, 1.0];
  ws.getCell("D2").value = { formula: "B2+C2", result: 3.9 };
  ws.getRow(3).values = [1999, 3.7, 0.5];
  ws.getCell("D3").value = { formula: "B3+C3" } as ExcelJS.CellFormulaValue; // never calculated
  await save(wb, "_error_", "formula-no-cache", "trade.xlsx");
}

async function twoSheets(dir: string): Promise<void> {
  const wb = workbook();
  wb.addWorksheet("Notes").getCell("A1").value = "notes";
  const ws = wb.addWorksheet("Table 1");
  ws.getRow(1).values = ["year", "exports"];
  ws.getRow(2).values = [1998, 2.9];
  await save(wb, "_error_", dir, "trade.xlsx");
}

async function cellChecks(): Promise<void> {
  const wb = workbook();
  const ws = wb.addWorksheet("Table 1");
  ws.getRow(1).values = ["year", "Russias exports", "imports", "share"];
  ws.getRow(2).values = [1998, 2.9, "1,5", 12];
  ws.getRow(3).values = [19988, "n.a.", 0.5, 0.25];
  ws.getCell("D3").numFmt = "0%";
  ws.getRow(4).values = [2000, 4.6, "—", 30];
  await save(wb, "_error_", "cell-checks", "trade.xlsx");
}

function handMade(): void {
  // A CSV file renamed to .xlsx.
  put(["_error_", "not-xlsx", "trade.xlsx"], "year,exports\n1998,2.9\n");
  // A zip archive, but not a workbook.
  put(
    ["_error_", "zip-not-workbook", "trade.xlsx"],
    zipSync({ "readme.txt": new TextEncoder().encode("hello\n") }, { level: 9, mtime: fixed }),
  );
  // A zip bomb: one sheet of 12 MB of zeros, deflated about a thousandfold. The
  // workbook parts are real, so only the size gives it away.
  const sheet = new Uint8Array(12_000_000);
  put(
    ["_error_", "zip-bomb", "trade.xlsx"],
    zipSync(
      {
        "[Content_Types].xml": new TextEncoder().encode('<?xml version="1.0"?><Types/>'),
        "xl/workbook.xml": new TextEncoder().encode('<?xml version="1.0"?><workbook/>'),
        "xl/worksheets/sheet1.xml": sheet,
      },
      { level: 9, mtime: fixed },
    ),
  );
}

await essay();
await types();
await mergedHeader();
await mergedBody();
await formulaNoCache();
await twoSheets("missing-sheet");
await twoSheets("bad-range");
await cellChecks();
handMade();
