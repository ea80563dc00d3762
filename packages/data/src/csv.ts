/**
 * CSV tables (RFC 4180) through csv-parse, with a position for every cell.
 * csv-parse decides the values and the syntax errors; a light scan over the
 * same text records where each record and field starts, because csv-parse
 * reports lines but not columns. Empty lines are skipped by both.
 *
 * csv-parse is the authority but slow (about 5 MB/s here): a file whose
 * every quote is where RFC 4180 puts it, and with no lone CR, is split by
 * `splitRegularCsv` instead, which gives csv-parse's records exactly
 * (csv.property.test.ts holds it to that); anything else goes to csv-parse,
 * which also words the errors.
 */
import { CsvError, parse } from "csv-parse/sync";
import { type Issue, makeIssue, type Position } from "./issues.js";
import * as msg from "./messages.js";
import type { RawCell, ReadResult } from "./raw.js";

interface Scan {
  /** Flat (line, column) pairs, one per field of every record. */
  readonly positions: Int32Array;
  /** Index in `positions` of each record's first field; one more entry marks the end. */
  readonly starts: Int32Array;
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
  const fields: number[] = [];
  const starts: number[] = [];
  const done = (unclosed: Position | undefined): Scan => {
    starts.push(fields.length);
    return { positions: Int32Array.from(fields), starts: Int32Array.from(starts), unclosed };
  };
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
    starts.push(fields.length);
    if (nextQuote === -1 || nextQuote >= eol) {
      for (let p = i; ; ) {
        fields.push(line, p - lineStart + 1);
        if (nextDelim !== -1 && nextDelim < p) nextDelim = text.indexOf(delimiter, p);
        if (nextDelim === -1 || nextDelim >= end) break;
        p = nextDelim + 1;
      }
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
          if (i >= n) return done(open);
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
    if (text.charCodeAt(i) === CR) i++;
    if (text.charCodeAt(i) === LF) i++;
    line++;
    lineStart = i;
    nextQuote = text.indexOf('"', i);
  }
  return done(undefined);
}

/**
 * The records of a CSV text that is regular: quotes only around whole
 * fields, a doubled quote inside them, and CRLF or LF line ends. Undefined
 * for anything else, which csv-parse then reads (and reports).
 */
export function splitRegularCsv(text: string, delimiter: string): string[][] | undefined {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === "\n" || delimiter === "\r") {
    return undefined;
  }
  if (/\r(?!\n)/.test(text)) return undefined;
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  const records: string[][] = [];
  let i = 0;
  // Kept ahead of the cursor: searching from each line would rescan a file without quotes per line.
  let quote = text.indexOf('"');
  while (i < n) {
    let eol = text.indexOf("\n", i);
    if (eol === -1) eol = n;
    const end = eol > i && text.charCodeAt(eol - 1) === CR ? eol - 1 : eol;
    if (end === i) {
      i = eol + 1;
      continue;
    }
    if (quote !== -1 && quote < i) quote = text.indexOf('"', i);
    if (quote === -1 || quote >= end) {
      records.push(text.slice(i, end).split(delimiter));
      i = eol + 1;
      continue;
    }
    // A record with a quote: field by field; a quoted field may span lines.
    const fields: string[] = [];
    for (;;) {
      if (text.charCodeAt(i) === QUOTE) {
        let value = "";
        let from = i + 1;
        for (;;) {
          const close = text.indexOf('"', from);
          if (close === -1) return undefined;
          if (text.charCodeAt(close + 1) === QUOTE) {
            value += text.slice(from, close + 1);
            from = close + 2;
            continue;
          }
          value += text.slice(from, close);
          i = close + 1;
          break;
        }
        fields.push(value);
      } else {
        let k = i;
        while (k < n) {
          const c = text.charCodeAt(k);
          if (c === d || c === LF || (c === CR && text.charCodeAt(k + 1) === LF)) break;
          if (c === QUOTE) return undefined;
          k++;
        }
        fields.push(text.slice(i, k));
        i = k;
      }
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === d) {
        i++;
        continue;
      }
      if (c === LF) {
        i++;
        break;
      }
      if (c === CR && text.charCodeAt(i + 1) === LF) {
        i += 2;
        break;
      }
      return undefined;
    }
    records.push(fields);
  }
  return records;
}

function fallbackPositions(rows: readonly (readonly string[])[]): {
  positions: Int32Array;
  starts: Int32Array;
} {
  const starts = new Int32Array(rows.length + 1);
  for (let k = 0; k < rows.length; k++) starts[k + 1] = starts[k]! + 2 * rows[k]!.length;
  const positions = new Int32Array(starts[rows.length]!);
  rows.forEach((r, k) => {
    for (let j = 0; j < r.length; j++) {
      positions[starts[k]! + 2 * j] = k + 2;
      positions[starts[k]! + 2 * j + 1] = 1;
    }
  });
  return { positions, starts };
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
  const { positions, starts } = scan;
  let at: Position = { line, column: 1 };
  for (let r = starts.length - 2; r >= 0; r--) {
    const base = starts[r]!;
    if (positions[base]! > line) continue;
    const j = base + 2 * (info.index ?? 0);
    const k = j < starts[r + 1]! ? j : base;
    at = { line: positions[k]!, column: positions[k + 1]! };
    break;
  }
  return makeIssue("csv-syntax", file, at, msg.csvSyntax(e.code));
}

/** Reads CSV text (BOM already removed) into a header and rows. */
export function readCsv(text: string, file: string, delimiter = ","): ReadResult {
  const scan = scanCsv(text, delimiter);
  let records = splitRegularCsv(text, delimiter);
  if (records === undefined) {
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
  }
  if (records.length === 0) {
    return {
      ok: false,
      issues: [makeIssue("empty-file", file, { line: 1, column: 1 }, msg.emptyFile())],
    };
  }
  const { positions, starts } = scan;
  const header: RawCell[] = records[0]!.map((text, j) => ({
    text,
    kind: "string",
    line: positions[2 * j] ?? 1,
    column: positions[2 * j + 1] ?? 1,
  }));
  const rows = records.slice(1);
  // The scan and csv-parse agree on records and fields; this fallback only guards against a
  // disagreement, giving each field its record's line number and column 1.
  const agree =
    starts.length === records.length + 1 &&
    records.every((r, k) => starts[k + 1]! - starts[k]! === 2 * r.length);
  const grid = agree ? { positions, starts: starts.subarray(1) } : fallbackPositions(rows);
  return {
    ok: true,
    table: { kind: "grid", header, rows, positions: grid.positions, starts: grid.starts },
    issues: [],
  };
}
