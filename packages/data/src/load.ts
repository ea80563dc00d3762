/**
 * `loadDataset`: the one place that touches the file system. It reads
 * dataset.yaml and each table file (confined to the dataset folder by real
 * path, size checked before reading) and hands bytes to the pure pipeline:
 *
 *   bytes ─► decodeUtf8 ─► parseManifest ─► readCsv | readJsonTable | readYamlTable
 *         ─► validateTable ─► createDataset
 *   bytes ─► openWorkbook (zip limits, exceljs) ─► readWorkbookTable ─► validateTable
 *
 * A workbook is opened once per load, however many tables read its sheets.
 */
import { open, realpath } from "node:fs/promises";
import { isAbsolute, join, relative, resolve } from "node:path";
import { readCsv } from "./csv.js";
import { createDataset } from "./dataset.js";
import {
  atCell,
  type Issue,
  type IssueCode,
  type IssueText,
  makeIssue,
  sortIssues,
} from "./issues.js";
import { readJsonTable } from "./json-table.js";
import { checkTablePath, parseManifest, tableFormat } from "./manifest.js";
import * as msg from "./messages.js";
import type { Dataset, Row } from "./model.js";
import type { RawTable, ReadResult } from "./raw.js";
import {
  type DatasetManifest,
  defaultMaxCells,
  defaultMaxFileBytes,
  defaultMaxRows,
  defaultMissingTokens,
  maxStructuredTableBytes,
} from "./schema.js";
import { decodeUtf8, windows1252Char } from "./text.js";
import { validateTable } from "./validate.js";
import type { WorkbookRead } from "./xlsx.js";
import { readYamlTable } from "./yaml-table.js";

export interface LoadOptions {
  /**
   * Largest file read, in bytes. Default 20 MB. A dataset.yaml may lower it
   * (`limits.maxFileBytes`) but never raise it: the data is untrusted, the caller is not.
   */
  readonly maxFileBytes?: number;
  /** Most data rows in one table. Default 200,000; `limits.maxRows` may lower it. */
  readonly maxRows?: number;
  /** Most data cells (rows times fields) in one table. Default 2,000,000; `limits.maxCells` may lower it. */
  readonly maxCells?: number;
}

/** The row and cell limits in force for one load. */
export interface TableLimits {
  readonly maxRows: number;
  readonly maxCells: number;
}

/**
 * A table past its row or cell limit: an error at the first row past it
 * (its first cell), so nothing after the readers does unbounded work.
 */
export function tableSizeIssue(
  raw: RawTable,
  limits: TableLimits,
  file: string,
): Issue | undefined {
  let cells = 0;
  if (raw.kind === "grid") {
    const { rows, positions, starts } = raw;
    for (let k = 0; k < rows.length; k++) {
      cells += rows[k]!.length;
      const over = k >= limits.maxRows ? "rows" : cells > limits.maxCells ? "cells" : undefined;
      if (over === undefined) continue;
      const at = { line: positions[starts[k]!] ?? 1, column: positions[starts[k]! + 1] ?? 1 };
      return over === "rows"
        ? makeIssue("table-too-large", file, at, msg.tooManyRows(limits.maxRows))
        : makeIssue("table-too-large", file, at, msg.tooManyCells(limits.maxCells));
    }
    return undefined;
  }
  const { records } = raw;
  for (let k = 0; k < records.length; k++) {
    const record = records[k]!;
    cells += record.fields.size;
    if (k >= limits.maxRows) {
      return makeIssue("table-too-large", file, record, msg.tooManyRows(limits.maxRows));
    }
    if (cells > limits.maxCells) {
      return makeIssue("table-too-large", file, record, msg.tooManyCells(limits.maxCells));
    }
  }
  return undefined;
}

export type LoadResult =
  | { readonly ok: true; readonly dataset: Dataset; readonly issues: readonly Issue[] }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/** A file read for the pipeline, or why it could not be. */
export type FileRead =
  | { readonly ok: true; readonly path: string; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly code: IssueCode; readonly text: IssueText };

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
}

/** Reads `file` below `rootReal`, refusing links out of it and files over `limit`. */
async function readConfined(rootReal: string, file: string, limit: number): Promise<FileRead> {
  const path = resolve(rootReal, file);
  let real: string;
  try {
    real = await realpath(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === "ENOENT" || code === "ENOTDIR"
      ? { ok: false, code: "file-not-found", text: msg.fileNotFound(file) }
      : { ok: false, code: "file-unreadable", text: msg.fileUnreadable(file, String(code)) };
  }
  if (!inside(rootReal, real)) {
    return { ok: false, code: "file-outside-dataset", text: msg.fileOutside(file, true) };
  }
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(real, "r");
    const stat = await handle.stat();
    if (!stat.isFile()) {
      return {
        ok: false,
        code: "file-unreadable",
        text: msg.fileUnreadable(file, "not a regular file"),
      };
    }
    if (stat.size > limit) {
      return { ok: false, code: "file-too-large", text: msg.fileTooLarge(file, stat.size, limit) };
    }
    const bytes = await handle.readFile();
    // The file may have grown between stat and read.
    if (bytes.length > limit) {
      return {
        ok: false,
        code: "file-too-large",
        text: msg.fileTooLarge(file, bytes.length, limit),
      };
    }
    return { ok: true, path, bytes };
  } catch (e) {
    return {
      ok: false,
      code: "file-unreadable",
      text: msg.fileUnreadable(file, String((e as NodeJS.ErrnoException).code ?? e)),
    };
  } finally {
    await handle?.close();
  }
}

function decodeOrIssue(bytes: Uint8Array, file: string): { text: string } | { issue: Issue } {
  const d = decodeUtf8(bytes);
  if (d.ok) return { text: d.text };
  return {
    issue: makeIssue(
      "not-utf8",
      file,
      d.at,
      msg.notUtf8(d.byte, d.encoding, windows1252Char(d.byte)),
    ),
  };
}

/** Parses and validates one text table's bytes (CSV, JSON, YAML). Pure. */
export function readTable(
  spec: DatasetManifest["tables"][number],
  file: string,
  bytes: Uint8Array,
  datasetMissing: readonly string[],
  limits: TableLimits = { maxRows: defaultMaxRows, maxCells: defaultMaxCells },
): { rows: Row[]; issues: Issue[] } {
  const decoded = decodeOrIssue(bytes, file);
  if ("issue" in decoded) return { rows: [], issues: [decoded.issue] };
  const text = decoded.text;
  const format = tableFormat(spec);
  if (format === "xlsx") throw new TypeError("readTable reads text tables; see openWorkbook");
  const read: ReadResult =
    format === "json"
      ? readJsonTable(text, file)
      : format === "yaml"
        ? readYamlTable(text, file)
        : readCsv(text, file, spec.delimiter ?? ",");
  if (!read.ok) return { rows: [], issues: [...read.issues] };
  const tooLarge = tableSizeIssue(read.table, limits, file);
  if (tooLarge) return { rows: [], issues: [...read.issues, tooLarge] };
  const v = validateTable({ spec, file, missing: spec.missing ?? datasetMissing, raw: read.table });
  const issues = [...read.issues];
  append(issues, v.issues);
  return { rows: v.rows, issues };
}

/** The most problems told per table file; the rest are counted in one more. */
export const maxIssuesPerTable = 100;

/**
 * A table's problems, at most `maxIssuesPerTable` of them, errors first: a
 * fault repeated on each of 150,000 rows is one fault, and 150,000 lines
 * would bury the first (and overflow the stack where a list is spread).
 */
function capIssues(issues: readonly Issue[]): Issue[] {
  if (issues.length <= maxIssuesPerTable) return [...issues];
  const sorted = sortIssues([...issues]);
  const ranked = [
    ...sorted.filter((i) => i.severity === "error"),
    ...sorted.filter((i) => i.severity !== "error"),
  ];
  const told = ranked.slice(0, maxIssuesPerTable);
  const rest = ranked.slice(maxIssuesPerTable);
  const first = rest[0]!;
  const more = makeIssue("more-problems", first.file, first, msg.moreProblems(rest.length));
  const severity = rest.some((i) => i.severity === "error") ? "error" : "warning";
  return [...told, { ...more, severity }];
}

/** Appends without a spread, which overflows the stack for a long list. */
function append(target: Issue[], items: Iterable<Issue>): void {
  for (const i of items) target.push(i);
}

/** The byte limit of one table's file: YAML and JSON tables have their own, lower one. */
function tableByteLimit(spec: DatasetManifest["tables"][number], limit: number): number {
  const format = tableFormat(spec);
  return format === "yaml" || format === "json"
    ? Math.min(limit, maxStructuredTableBytes[format])
    : limit;
}

/**
 * Loads, validates and types a dataset folder. Never throws for bad input:
 * every problem comes back as an `Issue`. `ok` is true when there are no
 * errors; warnings (such as rounding in totals) are in `issues` either way.
 */
export async function loadDataset(dir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const root = resolve(dir);
  const manifestFile = join(root, "dataset.yaml");
  const callerLimit = options.maxFileBytes ?? defaultMaxFileBytes;
  const fail = (issues: Issue[]): LoadResult => ({ ok: false, issues: sortIssues(issues) });

  let rootReal: string;
  try {
    rootReal = await realpath(root);
  } catch {
    return fail([
      makeIssue(
        "manifest-not-found",
        manifestFile,
        { line: 1, column: 1 },
        msg.manifestNotFound(dir),
      ),
    ]);
  }
  const top = await readConfined(rootReal, "dataset.yaml", callerLimit);
  if (!top.ok) {
    const code = top.code === "file-not-found" ? "manifest-not-found" : top.code;
    const text = top.code === "file-not-found" ? msg.manifestNotFound(dir) : top.text;
    return fail([makeIssue(code, manifestFile, { line: 1, column: 1 }, text)]);
  }
  const decoded = decodeOrIssue(top.bytes, manifestFile);
  if ("issue" in decoded) return fail([decoded.issue]);
  const parsed = parseManifest(decoded.text, manifestFile);
  const { manifest, locate } = parsed;
  if (!manifest || !locate) return fail(parsed.issues);

  const issues: Issue[] = [...parsed.issues];
  const limit = Math.min(callerLimit, manifest.limits?.maxFileBytes ?? callerLimit);
  const lower = (caller: number, declared: number | undefined) =>
    Math.min(caller, declared ?? caller);
  const tableLimits: TableLimits = {
    maxRows: lower(options.maxRows ?? defaultMaxRows, manifest.limits?.maxRows),
    maxCells: lower(options.maxCells ?? defaultMaxCells, manifest.limits?.maxCells),
  };
  const missing = manifest.missing ?? defaultMissingTokens;
  const rowsByTable = new Map<string, Row[]>();
  const workbooks = new Map<string, Promise<WorkbookRead>>();
  // Files are read concurrently: each read is a handful of file system round trips, and
  // waiting for them one table at a time dominated the load of a small dataset.
  const reads = await Promise.all(
    manifest.tables.map((spec) =>
      checkTablePath(spec.file) || tableFormat(spec) === undefined
        ? undefined
        : readConfined(rootReal, spec.file, tableByteLimit(spec, limit)),
    ),
  );
  for (const [i, spec] of manifest.tables.entries()) {
    // Positions are looked up only for a problem: finding one means parsing with `yaml`.
    const fileKey = () => locate(["tables", i, "file"], "key");
    const lexical = checkTablePath(spec.file);
    const read = reads[i];
    if (lexical) issues.push(makeIssue(lexical.code, manifestFile, fileKey(), lexical.text));
    // No read means an unknown format, already reported by parseManifest.
    if (lexical || read === undefined) continue;
    if (!read.ok) {
      issues.push(makeIssue(read.code, manifestFile, fileKey(), read.text));
      continue;
    }
    const path = join(root, spec.file);
    if (tableFormat(spec) === "xlsx") {
      // exceljs is heavy to load; only datasets with a workbook pay for it.
      const { openWorkbook, readWorkbookTable } = await import("./xlsx.js");
      // Keyed by the real path: two tables may read two sheets of one workbook.
      let opening = workbooks.get(read.path);
      const first = opening === undefined;
      if (opening === undefined) {
        opening = openWorkbook(read.bytes);
        workbooks.set(read.path, opening);
      }
      const opened = await opening;
      if (!opened.ok) {
        if (first) issues.push(makeIssue(opened.code, path, { line: 1, column: 1 }, opened.text));
        continue;
      }
      const t = readWorkbookTable(opened.workbook, spec, path);
      if ("missingSheet" in t) {
        const at = spec.sheet === undefined ? fileKey() : locate(["tables", i, "sheet"]);
        issues.push(makeIssue("sheet-not-found", manifestFile, at, t.missingSheet));
        continue;
      }
      if (!t.ok) {
        append(issues, capIssues(t.issues));
        continue;
      }
      const tooLarge = tableSizeIssue(t.grid, tableLimits, path);
      if (tooLarge) {
        append(issues, capIssues([...t.issues, atCell(tooLarge, t.sheet)]));
        continue;
      }
      const v = validateTable({ spec, file: path, missing: spec.missing ?? missing, raw: t.grid });
      const found = [...t.issues];
      append(
        found,
        v.issues.map((x) => atCell(x, t.sheet)),
      );
      append(issues, capIssues(found));
      rowsByTable.set(spec.id, v.rows);
      continue;
    }
    const t = readTable(spec, path, read.bytes, missing, tableLimits);
    append(issues, capIssues(t.issues));
    rowsByTable.set(spec.id, t.rows);
  }
  if (issues.some((i) => i.severity === "error")) return fail(issues);
  return {
    ok: true,
    dataset: createDataset(root, manifest, rowsByTable, { file: manifestFile, locate }),
    issues: sortIssues(issues),
  };
}
