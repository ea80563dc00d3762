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
  /** Per record: flat (line, column) pairs, one per field. */
  readonly records: Int32Array[];
  readonly unclosed: Position | undefined;
}

const LF = 10;
const CR = 13;
const QUOTE = 34;

/**
 * Start positions of every field of every record, following RFC 4180
 * quoting. Lines without a quote take a fast path (indexOf over the
 * delimiter); a quote switches to a character loop until the record ends.
 */
export function scanCsv(text: string, delimiter: string): Scan {
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  const records: Int32Array[] = [];
  const fields: number[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  let nextQuote = text.indexOf('"');
  // Kept ahead of the cursor so that a file with few delimiters is not rescanned per line.
  let nextDelim = text.indexOf(delimiter);
  while (i < n) {
    let eol = text.indexOf("\n", i);
    if (eol === -1) eol = n;
    const end = eol > i && text.charCodeAt(eol - 1) === CR ? eol - 1 : eol;
    if (end === i) {
      // An empty line: skipped, as csv-parse does.
      i = eol + 1;
      line++;
      lineStart = i;
      continue;
    }
    fields.length = 0;
    if (nextQuote === -1 || nextQuote >= eol) {
      for (let p = i; ; ) {
        fields.push(line, p - lineStart + 1);
        if (nextDelim !== -1 && nextDelim < p) nextDelim = text.indexOf(delimiter, p);
        if (nextDelim === -1 || nextDelim >= end) break;
        p = nextDelim + 1;
      }
      records.push(Int32Array.from(fields));
      i = eol + 1;
      line++;
      lineStart = i;
      continue;
    }
    for (;;) {
      fields.push(line, i - lineStart + 1);
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
    records.push(Int32Array.from(fields));
    if (text.charCodeAt(i) === CR) i++;
    if (text.charCodeAt(i) === LF) i++;
    line++;
    lineStart = i;
    nextQuote = text.indexOf('"', i);
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
  const record = [...scan.records].reverse().find((r) => (r[0] ?? 0) <= line);
  const j = record && 2 * (info.index ?? 0) < record.length ? 2 * (info.index ?? 0) : 0;
  const at = record ? { line: record[j]!, column: record[j + 1]! } : { line, column: 1 };
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
  const first = scan.records[0];
  const header: RawCell[] = records[0]!.map((text, j) => ({
    text,
    kind: "string",
    line: first?.[2 * j] ?? 1,
    column: first?.[2 * j + 1] ?? 1,
  }));
  const rows: GridRow[] = [];
  for (let r = 1; r < records.length; r++) {
    const texts = records[r]!;
    // The scan and csv-parse agree on records; the fallback only guards positions.
    const positions = scan.records[r] ?? new Int32Array(texts.length * 2).fill(r + 1);
    rows.push({ line: positions[0] ?? r + 1, column: positions[1] ?? 1, texts, positions });
  }
  return { ok: true, table: { kind: "grid", header, rows }, issues: [] };
}
