/**
 * Table validation: raw cells → typed rows, collecting every problem in one
 * pass (header, shape, types, ranges, keys, totals). Pure: no file access.
 * Totals are checked, never corrected: a rounding difference is a warning
 * with both numbers, a larger one an error.
 */
import { type Issue, type IssueCode, type IssueText, makeIssue, type Position } from "./issues.js";
import * as msg from "./messages.js";
import type { Cell, NumberCell, Row } from "./model.js";
import { nearestName } from "./nearest.js";
import { guessYear, readPeriod } from "./period.js";
import type { RawCell, RawTable } from "./raw.js";
import type { Column, TableSpec } from "./schema.js";

export interface ValidationInput {
  readonly spec: TableSpec;
  /** Path reported in issues. */
  readonly file: string;
  /** Missing-value tokens in effect for this table. */
  readonly missing: readonly string[];
  readonly raw: RawTable;
}

export interface ValidationResult {
  /** Typed rows; complete when `issues` holds no error. */
  readonly rows: Row[];
  readonly issues: Issue[];
}

/** A row being built: a cell is undefined where it was absent or invalid. */
interface Draft {
  readonly line: number;
  readonly cells: (Cell | undefined)[];
}

const numberPattern = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Significant digits and exponent of a decimal numeral: value = 0.digits x 10^exponent. */
function significand(numeral: string): { digits: string; exponent: number } | undefined {
  const m = /^[+-]?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(numeral);
  if (m === null) return undefined;
  const whole = m[1] ?? "";
  const all = whole + (m[2] ?? "");
  const lead = all.length - all.replace(/^0+/, "").length;
  const digits = all.slice(lead).replace(/0+$/, "");
  return { digits, exponent: digits === "" ? 0 : whole.length - lead + Number(m[3] ?? 0) };
}

/**
 * Why a numeral's value is not the number written, if it is not: too large
 * for a number at all (`1e400`), not finite (YAML's `.inf`, `.nan`), or more
 * digits than a double holds, so the figure printed would differ from the
 * one in the file. An integer past 2^53 - 1 is inexact even where the double
 * happens to print the same digits: the next integer up could not be told
 * apart from it. A hex or octal YAML integer is checked for that only.
 */
export function inexactNumber(
  numeral: string,
  value: number,
): "too-large" | "not-finite" | "inexact" | undefined {
  if (!Number.isFinite(value)) {
    return Number.isNaN(value) || /^[-+]?\.(?:inf|nan)$/i.test(numeral.trim())
      ? "not-finite"
      : "too-large";
  }
  const t = numeral.trim();
  // Fifteen digits or fewer, no exponent: every such decimal is held exactly (the common case).
  if (t.length <= 15 && !/[eExXoO]/.test(t)) return undefined;
  if (/^[-+]?\d+$/.test(t) || /^0[xo]/i.test(t)) {
    return Number.isSafeInteger(value) ? undefined : "inexact";
  }
  const written = significand(t);
  const held = significand(String(Math.abs(value)));
  if (written === undefined || held === undefined) return undefined;
  return written.digits === held.digits && written.exponent === held.exponent
    ? undefined
    : "inexact";
}

/** Parses a number cell, or says which common mistake it is. */
export function readNumber(text: string):
  | { ok: true; value: number }
  | {
      ok: false;
      code:
        | "decimal-comma"
        | "thousands-separator"
        | "percent-sign"
        | "wrong-type"
        | "inexact-number";
      fixed?: string;
    } {
  const t = text.trim();
  if (numberPattern.test(t)) {
    const value = Number(t);
    return inexactNumber(t, value) === undefined
      ? { ok: true, value }
      : { ok: false, code: "inexact-number" };
  }
  if (/^[+-]?\d{1,3}([, \u00a0\u202f]\d{3})+(\.\d+)?$/.test(t)) {
    return { ok: false, code: "thousands-separator", fixed: t.replace(/[, \u00a0\u202f]/g, "") };
  }
  if (/^[+-]?\d*,\d+$/.test(t))
    return { ok: false, code: "decimal-comma", fixed: t.replace(",", ".") };
  if (/^[+-]?(?:\d+[.,]?\d*|[.,]\d+)\s*%$/.test(t)) return { ok: false, code: "percent-sign" };
  return { ok: false, code: "wrong-type" };
}

function isIsoDate(text: string): boolean {
  const m = isoDatePattern.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const expectedOf: Record<Column["type"], string> = {
  number: "a number",
  period: "a period",
  text: "text",
  category: "a category",
  date: "an ISO date",
};

function decimals(raw: string): number {
  const m = /\.(\d+)/.exec(raw.replace(/[eE].*$/, ""));
  return m ? m[1]!.length : 0;
}

function fmt(x: number, places: number): string {
  return x.toFixed(Math.min(places, 12));
}

/** Validates one table; see the module comment. */
export function validateTable(input: ValidationInput): ValidationResult {
  const { spec, file, raw } = input;
  const issues: Issue[] = [];
  const add = (code: IssueCode, at: Position, text: IssueText) =>
    issues.push(makeIssue(code, file, at, text));
  const columns = spec.columns;
  const names = columns.map((c) => c.name);
  const missing = new Set(input.missing.map((t) => t.trim()));

  // 1. Type a cell. `kind` says what JSON/YAML made of it; CSV cells are strings.
  const periods = new Map<string, ReturnType<typeof readPeriod>>();
  const typeCell = (
    c: Column,
    text: string,
    kind: RawCell["kind"],
    num: number | undefined,
    line: number,
    column: number,
    stored = false,
  ): Cell | undefined => {
    if (kind === "null" || (kind === "string" && missing.has(text.trim()))) {
      if (c.required) {
        add("missing-value", { line, column }, msg.missingValue(c.name, text));
        return undefined;
      }
      return { type: c.type, value: null, raw: text, line, column } as Cell;
    }
    if (kind === "other") {
      add("wrong-type", { line, column }, msg.wrongType(c.name, expectedOf[c.type], text));
      return undefined;
    }
    switch (c.type) {
      case "number": {
        let value: number;
        if (kind === "number" && num !== undefined) {
          // A spreadsheet stores doubles: its number is the figure. JSON and YAML wrote digits.
          const inexact = stored ? undefined : inexactNumber(text, num);
          if (inexact !== undefined) {
            add(
              "inexact-number",
              { line, column },
              msg.inexactNumber(c.name, text.trim(), inexact),
            );
            return undefined;
          }
          value = num;
        } else {
          const n = readNumber(text);
          if (!n.ok) {
            const t =
              n.code === "decimal-comma"
                ? msg.decimalComma(c.name, text, n.fixed ?? "")
                : n.code === "thousands-separator"
                  ? msg.thousandsSeparator(c.name, text, n.fixed ?? "")
                  : n.code === "percent-sign"
                    ? msg.percentSign(c.name, text.trim(), c.unit)
                    : n.code === "inexact-number"
                      ? msg.inexactNumber(
                          c.name,
                          text.trim(),
                          inexactNumber(text, Number(text.trim())) ?? "inexact",
                        )
                      : msg.wrongType(c.name, "a number", msg.show(text));
            add(n.code, { line, column }, t);
            return undefined;
          }
          value = n.value;
        }
        if ((c.min !== undefined && value < c.min) || (c.max !== undefined && value > c.max)) {
          add("out-of-range", { line, column }, msg.outOfRange(c.name, text.trim(), c.min, c.max));
          return undefined;
        }
        return { type: "number", value, raw: text, line, column };
      }
      case "period": {
        const t = text.trim();
        // Periods repeat down a table; one parse per token shares one frozen-by-contract object.
        let p = periods.get(t);
        if (p === undefined) {
          p = readPeriod(t, spec.frequency);
          periods.set(t, p);
        }
        if (!p.ok) {
          add("bad-period", { line, column }, msg.badPeriod(c.name, t, p.reason, guessYear(t)));
          return undefined;
        }
        return { type: "period", value: p.period, raw: text, line, column };
      }
      case "date": {
        const t = text.trim();
        if (!isIsoDate(t)) {
          add("bad-date", { line, column }, msg.badDate(c.name, t));
          return undefined;
        }
        return { type: "date", value: t, raw: text, line, column };
      }
      case "category":
        if (c.values && !c.values.includes(text)) {
          add(
            "unknown-category",
            { line, column },
            msg.unknownCategory(c.name, text, c.values, nearestName(text, c.values)),
          );
          return undefined;
        }
        return { type: "category", value: text, raw: text, line, column };
      case "text":
        return { type: "text", value: text, raw: text, line, column };
    }
  };

  // 2. Find each declared column in each row and type its cells, in one pass.
  const drafts: Draft[] = [];
  const complete: boolean[] = [];
  const ncols = columns.length;
  // A column is found by its header text: `header`, else its name.
  const headers = columns.map((c) => c.header ?? c.name);
  if (raw.kind === "grid") {
    const header = raw.header;
    const delimiter = spec.delimiter ?? ",";
    const first = header[0];
    if (raw.origin !== "xlsx" && header.length === 1 && ncols > 1 && first) {
      const other = [";", ",", "\t", "|"].find((d) => d !== delimiter && first.text.includes(d));
      if (other !== undefined) {
        add("wrong-delimiter", first, msg.wrongDelimiter(other, delimiter));
        return { rows: [], issues };
      }
    }
    const declared = new Map(headers.map((n, i) => [n, i]));
    const index: (number | undefined)[] = columns.map(() => undefined);
    const seen = new Map<string, RawCell>();
    const unknown: Array<{ name: string; cell: RawCell }> = [];
    for (const [j, cell] of header.entries()) {
      const name = cell.text.trim();
      const before = seen.get(name);
      const ci = declared.get(name);
      if (name === "") add("empty-header", cell, msg.emptyHeader());
      else if (before) add("duplicate-header", cell, msg.duplicateHeader(name, before.column));
      else {
        seen.set(name, cell);
        if (ci === undefined) unknown.push({ name, cell });
        else index[ci] = j;
      }
    }
    // A header the declarations lack beside a declared column the file lacks,
    // the two one typo apart, is one problem (a name misspelt on one side),
    // told once, at the file's header.
    const missing = headers.filter((_, ci) => index[ci] === undefined);
    const paired = new Set<string>();
    for (const { name, cell } of unknown) {
      const twin = nearestName(
        name,
        missing.filter((m) => !paired.has(m)),
      );
      if (twin !== undefined) {
        paired.add(twin);
        add("unknown-column", cell, msg.misspeltColumn(name, twin));
      } else {
        add("unknown-column", cell, msg.unknownColumn(name, headers, nearestName(name, headers)));
      }
    }
    const found = header.map((c) => c.text.trim()).filter((n) => n !== "");
    const headerAt = first ?? { line: 1, column: 1 };
    index.forEach((j, ci) => {
      if (j === undefined && !paired.has(headers[ci]!)) {
        add("missing-column", headerAt, msg.missingColumn(headers[ci]!, found));
      }
    });
    if (raw.rows.length === 0) add("header-only", headerAt, msg.headerOnly());
    const { positions, starts, values } = raw;
    for (const [k, texts] of raw.rows.entries()) {
      const base = starts[k]!;
      const rowAt = { line: positions[base]!, column: positions[base + 1]! };
      if (texts.length !== header.length) {
        const extra = base + 2 * header.length;
        const at =
          texts.length > header.length
            ? { line: positions[extra]!, column: positions[extra + 1]! }
            : rowAt;
        add("ragged-row", at, msg.raggedRow(header.length, texts.length));
        continue; // its cells are shifted: typing them would only add noise
      }
      const stored = values?.[k];
      const cells: (Cell | undefined)[] = new Array(ncols);
      let ok = true;
      for (let ci = 0; ci < ncols; ci++) {
        const j = index[ci];
        const p = base + 2 * (j ?? 0);
        const num = j === undefined ? undefined : stored?.[j];
        const cell =
          j === undefined || num === null
            ? undefined
            : typeCell(
                columns[ci]!,
                texts[j]!,
                num === undefined ? "string" : "number",
                num,
                positions[p]!,
                positions[p + 1]!,
                true,
              );
        cells[ci] = cell;
        if (cell === undefined) ok = false;
      }
      drafts.push({ line: rowAt.line, cells });
      complete.push(ok);
    }
  } else {
    const records = raw.records;
    if (records.length === 0) add("table-shape", { line: 1, column: 1 }, msg.noRecords());
    const declared = new Set(headers);
    const unknown = new Map<string, { at: Position; count: number }>();
    const absent = new Map<string, { at: Position; count: number }>();
    const bump = (m: typeof unknown, name: string, at: Position) => {
      const e = m.get(name);
      if (e) e.count++;
      else m.set(name, { at, count: 1 });
    };
    for (const rec of records) {
      for (const [name, f] of rec.fields) if (!declared.has(name)) bump(unknown, name, f.key);
      let ok = true;
      const cells = columns.map((c, ci): Cell | undefined => {
        const f = rec.fields.get(headers[ci]!);
        let cell: Cell | undefined;
        if (f) {
          const r = f.cell;
          cell = typeCell(c, r.text, r.kind, r.number, r.line, r.column);
        } else if (!c.required) {
          // An absent key is a missing value where the column allows one.
          cell = typeCell(c, "", "null", undefined, rec.line, rec.column);
        } else bump(absent, headers[ci]!, rec);
        if (cell === undefined) ok = false;
        return cell;
      });
      drafts.push({ line: rec.line, cells });
      complete.push(ok);
    }
    for (const [name, e] of unknown) {
      add(
        "unknown-column",
        e.at,
        msg.unknownKeyInRecords(name, e.count, headers, nearestName(name, headers)),
      );
    }
    for (const [name, e] of absent)
      add("missing-column", e.at, msg.missingKeyInRecords(name, e.count));
  }

  // 3. Keys.
  const keyNames = spec.key ?? columns.filter((c) => c.type !== "number").map((c) => c.name);
  const keyIdx = keyNames.map((k) => names.indexOf(k)).filter((i) => i >= 0);
  const keyText = (cell: Cell): string =>
    cell.value === null
      ? cell.raw
      : cell.type === "period"
        ? cell.value.token
        : String(cell.raw).trim();
  const rowKey = (d: Draft, idx: readonly number[]): string | undefined => {
    const parts: string[] = [];
    for (const i of idx) {
      const cell = d.cells[i];
      if (cell === undefined) return undefined;
      parts.push(keyText(cell));
    }
    return parts.join("\u001f");
  };
  if (keyIdx.length > 0) {
    const seenKeys = new Map<string, number>();
    for (const d of drafts) {
      const k = rowKey(d, keyIdx);
      if (k === undefined) continue;
      const before = seenKeys.get(k);
      if (before === undefined) {
        seenKeys.set(k, d.line);
        continue;
      }
      const shown = keyIdx.map((i) => `${names[i]}=${keyText(d.cells[i]!)}`).join(", ");
      add(
        "duplicate-key",
        d.cells[keyIdx[0]!] ?? { line: d.line, column: 1 },
        msg.duplicateKey(shown, before),
      );
    }
  }

  // 4. Totals.
  const check = (
    what: string,
    total: NumberCell,
    parts: readonly { name: string; cell: NumberCell }[],
    tolerance: number,
  ) => {
    if (total.value === null) return; // nothing declared to check against
    const places = Math.max(decimals(total.raw), ...parts.map((p) => decimals(p.cell.raw)));
    let sum = 0;
    const absentParts: string[] = [];
    for (const p of parts) {
      if (p.cell.value === null) absentParts.push(p.name);
      else sum += p.cell.value;
    }
    if (absentParts.length > 0) {
      add(
        "total-missing-parts",
        total,
        msg.totalMissingParts(what, total.raw.trim(), absentParts, fmt(sum, places)),
      );
      return;
    }
    const diff = Math.abs(total.value - sum);
    const eps = 1e-9 * Math.max(1, Math.abs(total.value), Math.abs(sum));
    if (diff <= eps) return;
    const args = [what, total.raw.trim(), fmt(sum, places), tolerance] as const;
    if (diff <= tolerance + eps) add("total-rounding", total, msg.totalRounding(...args));
    else add("total-mismatch", total, msg.totalMismatch(...args));
  };
  const numberAt = (name: string): number => {
    const i = names.indexOf(name);
    return i >= 0 && columns[i]!.type === "number" ? i : -1;
  };
  for (const t of spec.totals ?? []) {
    if (t.kind === "columns") {
      const ti = numberAt(t.total);
      const pis = t.parts.map(numberAt);
      if (ti < 0 || pis.some((i) => i < 0)) continue; // reported in dataset.yaml
      const what = `${t.total} = ${t.parts.join(" + ")}`;
      for (const d of drafts) {
        const total = d.cells[ti] as NumberCell | undefined;
        const parts = pis.map((i) => ({
          name: names[i]!,
          cell: d.cells[i] as NumberCell | undefined,
        }));
        if (!total || parts.some((p) => p.cell === undefined)) continue;
        check(what, total, parts as { name: string; cell: NumberCell }[], t.tolerance);
      }
    } else {
      const di = names.indexOf(t.dimension);
      const mis = t.measures.map(numberAt);
      if (di < 0 || !keyIdx.includes(di) || mis.some((i) => i < 0)) continue;
      const groupIdx = keyIdx.filter((i) => i !== di);
      const groups = new Map<string, { total: Draft | undefined; parts: Draft[] }>();
      for (const d of drafts) {
        const dim = d.cells[di];
        const g = rowKey(d, groupIdx);
        if (dim === undefined || g === undefined) continue;
        const entry = groups.get(g) ?? { total: undefined, parts: [] };
        groups.set(g, entry);
        if (keyText(dim) === t.total) entry.total = d;
        else entry.parts.push(d);
      }
      for (const [g, { total, parts }] of groups) {
        if (!total || parts.length === 0) continue;
        const where =
          groupIdx.length > 0
            ? ` (${g
                .split("\u001f")
                .map((v, k) => `${names[groupIdx[k]!]}=${v}`)
                .join(", ")})`
            : "";
        for (const mi of mis) {
          const tc = total.cells[mi] as NumberCell | undefined;
          const pcs = parts.map((p) => ({
            name: keyText(p.cells[di]!),
            cell: p.cells[mi] as NumberCell | undefined,
          }));
          if (!tc || pcs.some((p) => p.cell === undefined)) continue;
          check(
            `${names[mi]} of ${t.total}${where}`,
            tc,
            pcs as { name: string; cell: NumberCell }[],
            t.tolerance,
          );
        }
      }
    }
  }

  // Without errors every draft is complete, so the drafts are the rows.
  const rows = (
    issues.some((i) => i.severity === "error") ? drafts.filter((_, k) => complete[k]) : drafts
  ) as Row[];
  return { rows, issues };
}
