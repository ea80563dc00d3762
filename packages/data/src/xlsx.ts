/**
 * XLSX tables (ECMA-376 SpreadsheetML, Office Open XML) through exceljs.
 *
 *   bytes ─► readZip (limits before and while inflating) ─► repack stored
 *         ─► exceljs ─► sheet ─► range ─► RawGrid ─► validateTable
 *
 * exceljs only ever sees a stored (uncompressed) repack of entries this
 * module has already inflated within `zipLimits`, so it never inflates
 * attacker-controlled data. A sheet becomes the same grid a CSV file does:
 * the header is the first row of the range, positions are (row, column),
 * and issues carry the sheet and the cell (`Table 1`, `C7`).
 *
 * Cells: numbers stay numbers (their text follows a fixed-decimals number
 * format, so `11.0` keeps its decimal); a number formatted as a percentage
 * reads as `25%` and is refused like CSV's `25%`; dates read as ISO dates;
 * rich text and hyperlinks as their text; formulas as their cached values
 * (one warning per table says how many), and a formula without a cached
 * value is an error at its cell. Merged cells are refused.
 */
import ExcelJS from "exceljs";
import { zipSync } from "fflate";
import { atCell, type Issue, type IssueCode, type IssueText, makeIssue } from "./issues.js";
import * as msg from "./messages.js";
import { nearestName } from "./nearest.js";
import type { RawCell, RawGrid } from "./raw.js";
import { readZip, type ZipLimits, zipLimits } from "./zip.js";

type Worksheet = ExcelJS.Worksheet;
type Workbook = ExcelJS.Workbook;

/** A parsed workbook, or why it could not be read (an issue at the file's start). */
export type WorkbookRead =
  | { readonly ok: true; readonly workbook: Workbook }
  | { readonly ok: false; readonly code: IssueCode; readonly text: IssueText };

/** Opens XLSX bytes within the zip limits. */
export async function openWorkbook(
  bytes: Uint8Array,
  limits: ZipLimits = zipLimits,
): Promise<WorkbookRead> {
  const zip = readZip(bytes, limits);
  if (!zip.ok) return zip;
  const missing = ["[Content_Types].xml", "xl/workbook.xml"].filter((p) => !zip.entries.has(p));
  if (missing.length > 0) {
    return { ok: false, code: "not-xlsx", text: msg.zipNotWorkbook(missing) };
  }
  const stored = zipSync(Object.fromEntries(zip.entries), { level: 0 });
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(
      Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength) as never,
    );
  } catch (e) {
    return {
      ok: false,
      code: "not-xlsx",
      text: msg.workbookUnreadable(String((e as Error)?.message ?? e).split("\n")[0] ?? ""),
    };
  }
  return { ok: true, workbook };
}

/** A cell range, 1-based and inclusive. */
export interface CellRange {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

const refPattern = /^\$?([A-Z]{1,3})\$?([1-9]\d{0,6})$/;

/** Column letters → number: `A` → 1, `AA` → 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Parses `A3:D11` (or a single `A3`); undefined for anything else. */
export function parseRange(text: string): CellRange | undefined {
  const [a, b = a, ...rest] = text.trim().toUpperCase().split(":");
  if (a === undefined || rest.length > 0) return undefined;
  const m1 = refPattern.exec(a);
  const m2 = refPattern.exec(b ?? "");
  if (!m1 || !m2) return undefined;
  const [r1, c1, r2, c2] = [
    Number(m1[2]),
    columnNumber(m1[1]!),
    Number(m2[2]),
    columnNumber(m2[1]!),
  ];
  // A reversed range (D11:A3) is reported in dataset.yaml; read it as meant.
  const r = {
    top: Math.min(r1, r2),
    left: Math.min(c1, c2),
    bottom: Math.max(r1, r2),
    right: Math.max(c1, c2),
  };
  // Excel's grid: 1,048,576 rows and 16,384 columns (XFD).
  if (r.bottom > 1_048_576 || r.right > 16_384 || r.left > 16_384) return undefined;
  return r;
}

/** The range of cells that hold a value, or undefined for an empty sheet. */
function usedRange(ws: Worksheet): CellRange | undefined {
  let top = Infinity;
  let left = Infinity;
  let bottom = 0;
  let right = 0;
  ws.eachRow((row, r) => {
    row.eachCell((cell, c) => {
      if (cell.value === null || cell.value === undefined || cell.value === "") return;
      top = Math.min(top, r);
      bottom = Math.max(bottom, r);
      left = Math.min(left, c);
      right = Math.max(right, c);
    });
  });
  return bottom === 0 ? undefined : { top, left, bottom, right };
}

/** Decimals of a fixed-decimals number format (`0.0`, `#,##0.00`), else undefined. */
function fixedDecimals(numFmt: string | undefined): number | undefined {
  if (numFmt === undefined || numFmt === "" || numFmt === "General") return undefined;
  const first = numFmt.split(";")[0] ?? "";
  if (!/^[#,0]*0(\.0+)?$/.test(first.replace(/\\.|"[^"]*"|_.|\*./g, ""))) return undefined;
  const m = /\.(0+)/.exec(first);
  return m ? m[1]!.length : 0;
}

function isPercentFormat(numFmt: string | undefined): boolean {
  return numFmt !== undefined && /%/.test(numFmt.replace(/\\.|"[^"]*"/g, ""));
}

function isoDate(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 19);
}

/** What a cell reads as: its text, and its number when it is one. */
interface CellRead {
  readonly text: string;
  readonly number?: number;
  readonly formula?: string;
  /** A formula with no cached value. */
  readonly uncached?: boolean;
}

function numberRead(value: number, numFmt: string | undefined): CellRead {
  if (isPercentFormat(numFmt)) {
    // Shown as 25%, stored as 0.25: the same mistake as `25%` in a CSV.
    const places = /\.(0+)/.exec(numFmt ?? "")?.[1]?.length ?? 0;
    return { text: `${Number((value * 100).toFixed(places + 6))}%` };
  }
  const places = fixedDecimals(numFmt);
  return {
    text: places === undefined ? String(value) : value.toFixed(Math.min(places, 20)),
    number: value,
  };
}

function scalarRead(v: unknown, numFmt: string | undefined): CellRead {
  if (v === null || v === undefined) return { text: "" };
  if (typeof v === "number") return numberRead(v, numFmt);
  if (typeof v === "string") return { text: v };
  if (typeof v === "boolean") return { text: v ? "TRUE" : "FALSE" };
  if (v instanceof Date) return { text: Number.isNaN(v.getTime()) ? "" : isoDate(v) };
  if (typeof v === "object") {
    const o = v as {
      richText?: { text: string }[];
      text?: unknown;
      error?: string;
    };
    if (Array.isArray(o.richText)) return { text: o.richText.map((r) => r.text).join("") };
    if (typeof o.error === "string") return { text: o.error };
    if (typeof o.text === "string") return { text: o.text };
    if (o.text && typeof o.text === "object") return scalarRead(o.text, numFmt);
  }
  return { text: String(v) };
}

function readCell(cell: ExcelJS.Cell | undefined): CellRead {
  if (cell === undefined) return { text: "" };
  if (cell.type === ExcelJS.ValueType.Formula) {
    // `cell.result`, not `cell.value.result`: exceljs drops a falsy result (0, FALSE) from the latter.
    const result = (cell as { readonly result?: unknown }).result;
    const formula = cell.formula ?? "";
    if (result === undefined) return { text: "", formula, uncached: true };
    return { ...scalarRead(result, cell.numFmt), formula };
  }
  return scalarRead(cell.value, cell.numFmt);
}

const intersects = (a: CellRange, b: CellRange) =>
  a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;

/** The sheet's merged ranges that reach into `range`. */
function mergesIn(ws: Worksheet, range: CellRange): { range: CellRange; text: string }[] {
  if (!ws.hasMerges) return [];
  const out: { range: CellRange; text: string }[] = [];
  for (const text of ws.model.merges ?? []) {
    const r = parseRange(text);
    if (r && intersects(r, range)) out.push({ range: r, text });
  }
  return out.sort((a, b) => a.range.top - b.range.top || a.range.left - b.range.left);
}

/** A sheet read as a grid, with the issues of reading it. */
export type SheetRead =
  | { readonly ok: true; readonly grid: RawGrid; readonly issues: readonly Issue[] }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/** Names of the worksheets, in workbook order. */
export function sheetNames(workbook: Workbook): string[] {
  return workbook.worksheets.map((ws) => ws.name);
}

/** Finds a sheet by name; the first sheet when no name is given. */
export function findSheet(workbook: Workbook, name: string | undefined): Worksheet | undefined {
  return name === undefined
    ? workbook.worksheets[0]
    : workbook.worksheets.find((ws) => ws.name === name);
}

/** Suggestion and list for a sheet that is not there. */
export function sheetNotFound(workbook: Workbook, name: string | undefined): IssueText {
  const names = sheetNames(workbook);
  return msg.sheetNotFound(name, names, name === undefined ? undefined : nearestName(name, names));
}

/**
 * Reads `range` of a worksheet (default: the cells that hold values) into
 * a grid: the first row is the header, empty rows are skipped.
 */
export function readSheet(ws: Worksheet, file: string, range: CellRange | undefined): SheetRead {
  const sheet = ws.name;
  const issue = (code: IssueCode, line: number, column: number, text: IssueText) =>
    atCell(makeIssue(code, file, { line, column }, text), sheet);
  const r = range ?? usedRange(ws);
  if (r === undefined) {
    return {
      ok: false,
      issues: [
        { ...makeIssue("empty-file", file, { line: 1, column: 1 }, msg.emptySheet()), sheet },
      ],
    };
  }
  const merged = mergesIn(ws, r);
  if (merged.length > 0) {
    return {
      ok: false,
      issues: merged.map((m) => {
        // Point at the merge's first cell inside the range.
        const line = Math.max(m.range.top, r.top);
        const column = Math.max(m.range.left, r.left);
        const text = line === r.top ? msg.mergedHeader(m.text) : msg.mergedCells(m.text);
        return issue("merged-cells", line, column, text);
      }),
    };
  }

  const width = r.right - r.left + 1;
  const issues: Issue[] = [];
  let formulas = 0;
  let firstFormula: { line: number; column: number } | undefined;
  const readRow = (rowNumber: number) => {
    const row = ws.findRow(rowNumber);
    const cells: CellRead[] = new Array(width);
    for (let j = 0; j < width; j++) {
      const c = readCell(row?.findCell(r.left + j));
      cells[j] = c;
      if (c.uncached) {
        issues.push(
          issue("formula-no-cache", rowNumber, r.left + j, msg.formulaNoCache(c.formula ?? "")),
        );
      } else if (c.formula !== undefined) {
        formulas++;
        firstFormula ??= { line: rowNumber, column: r.left + j };
      }
    }
    return cells;
  };

  const headerCells = readRow(r.top);
  const header: RawCell[] = headerCells.map((c, j) => ({
    text: c.text,
    kind: "string",
    line: r.top,
    column: r.left + j,
  }));
  const rows: string[][] = [];
  const values: (number | null | undefined)[][] = [];
  const positions: number[] = [];
  const starts: number[] = [];
  for (let rowNumber = r.top + 1; rowNumber <= r.bottom; rowNumber++) {
    const cells = readRow(rowNumber);
    if (cells.every((c) => c.text === "" && !c.uncached)) continue;
    starts.push(positions.length);
    rows.push(cells.map((c) => c.text));
    values.push(cells.map((c) => (c.uncached ? null : c.number)));
    for (let j = 0; j < width; j++) positions.push(rowNumber, r.left + j);
  }
  if (formulas > 0 && firstFormula) {
    issues.push(
      issue("formula-cached", firstFormula.line, firstFormula.column, msg.formulasCached(formulas)),
    );
  }
  return {
    ok: true,
    grid: {
      kind: "grid",
      origin: "xlsx",
      header,
      rows,
      values,
      positions: Int32Array.from(positions),
      starts: Int32Array.from(starts),
    },
    issues,
  };
}

/** The declaration of an XLSX table that reading needs. */
export interface XlsxTableSpec {
  readonly sheet?: string | undefined;
  readonly range?: string | undefined;
}

/**
 * Reads one table from an opened workbook: the sheet, then the grid. A
 * missing sheet comes back as `missingSheet` (the caller positions it in
 * dataset.yaml); everything else as issues at the workbook's cells.
 */
export function readWorkbookTable(
  workbook: Workbook,
  spec: XlsxTableSpec,
  file: string,
):
  | {
      readonly ok: true;
      readonly sheet: string;
      readonly grid: RawGrid;
      readonly issues: readonly Issue[];
    }
  | { readonly ok: false; readonly issues: readonly Issue[] }
  | { readonly ok: false; readonly missingSheet: IssueText } {
  const ws = findSheet(workbook, spec.sheet);
  if (ws === undefined) return { ok: false, missingSheet: sheetNotFound(workbook, spec.sheet) };
  const range = spec.range === undefined ? undefined : parseRange(spec.range);
  const read = readSheet(ws, file, range);
  return read.ok ? { ok: true, sheet: ws.name, grid: read.grid, issues: read.issues } : read;
}
