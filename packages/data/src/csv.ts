/**
 * CSV tables (RFC 4180) through csv-parse, with a position for every cell.
 * csv-parse decides the values and the syntax errors; a light scan over the
 * same text records where each record and field starts, because csv-parse
 * reports lines but not columns. Empty lines are skipped by both.
 */
import { CsvError, parse } from "csv-parse/sync";
import { type Issue, makeIssue, type Position } from "./issues.js";
import * as msg from "./messages.js";
import type { GridRow, RawCell, ReadResult } from "./raw.js";

interface Scan {
  readonly records: Position[][];
  readonly unclosed: Position | undefined;
}

const LF = 10;
const CR = 13;
const QUOTE = 34;

/** Start positions of every field of every record, following RFC 4180 quoting. */
export function scanCsv(text: string, delimiter: string): Scan {
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  const records: Position[][] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  while (i < n) {
    const c0 = text.charCodeAt(i);
    if (c0 === LF || (c0 === CR && text.charCodeAt(i + 1) === LF)) {
      i += c0 === CR ? 2 : 1;
      line++;
      lineStart = i;
      continue;
    }
    const fields: Position[] = [];
    for (;;) {
      fields.push({ line, column: i - lineStart + 1 });
      if (text.charCodeAt(i) === QUOTE) {
        const open = { line, column: i - lineStart + 1 };
        i++;
        for (;;) {
          if (i >= n) return { records, unclosed: open };
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            if (text.charCodeAt(i + 1) === QUOTE) {
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === LF) {
            line++;
            lineStart = i + 1;
          }
          i++;
        }
      }
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === d || c === LF || (c === CR && text.charCodeAt(i + 1) === LF)) break;
        i++;
      }
      if (i < n && text.charCodeAt(i) === d) {
        i++;
        continue;
      }
      break;
    }
    records.push(fields);
    if (text.charCodeAt(i) === CR) i++;
    if (text.charCodeAt(i) === LF) {
      i++;
      line++;
      lineStart = i;
    }
  }
  return { records, unclosed: undefined };
}

function syntaxIssue(e: CsvError, scan: Scan, file: string): Issue {
  if (e.code === "CSV_QUOTE_NOT_CLOSED") {
    return makeIssue(
      "unclosed-quote",
      file,
      scan.unclosed ?? { line: 1, column: 1 },
      msg.unclosedQuote(),
    );
  }
  // csv-parse names the line and the field index; the scan knows the column.
  const info = e as unknown as { lines?: number; index?: number };
  const line = info.lines ?? 1;
  const record = [...scan.records].reverse().find((r) => (r[0]?.line ?? 0) <= line);
  const at = record?.[info.index ?? 0] ?? record?.[0] ?? { line, column: 1 };
  return makeIssue("csv-syntax", file, at, msg.csvSyntax(e.code));
}

/** Reads CSV text (BOM already removed) into a header and rows. */
export function readCsv(text: string, file: string, delimiter = ","): ReadResult {
  const scan = scanCsv(text, delimiter);
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      bom: false,
      relax_column_count: true,
      skip_empty_lines: true,
      record_delimiter: ["\r\n", "\n"],
    }) as string[][];
  } catch (e) {
    if (e instanceof CsvError) return { ok: false, issues: [syntaxIssue(e, scan, file)] };
    throw e;
  }
  if (records.length === 0) {
    return {
      ok: false,
      issues: [makeIssue("empty-file", file, { line: 1, column: 1 }, msg.emptyFile())],
    };
  }
  const toCells = (values: readonly string[], r: number): RawCell[] => {
    const pos = scan.records[r];
    const fallback = pos?.[0] ?? { line: 1, column: 1 };
    return values.map((text, j) => {
      const at = pos?.[j] ?? fallback;
      return { text, kind: "string", line: at.line, column: at.column };
    });
  };
  const header = toCells(records[0]!, 0);
  const rows: GridRow[] = [];
  for (let r = 1; r < records.length; r++) {
    const at = scan.records[r]?.[0] ?? { line: r + 1, column: 1 };
    rows.push({ line: at.line, column: at.column, cells: toCells(records[r]!, r) });
  }
  return { ok: true, table: { kind: "grid", header, rows }, issues: [] };
}
