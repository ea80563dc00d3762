/**
 * Period labels and period references.
 *
 * Labels are the dataset's period tokens (FORMAT.md): `1998`, `2005-H1`,
 * `2003-Q2`, `2004-05`, or an ISO date for facts. References are what a
 * definition writes: `latest`, `latest-1`, `first`, `first+2`,
 * `latest-partial`, a year (`1998`) or a token (`2005-H1`).
 *
 * Relative references resolve against a series' *full* periods, because a
 * half year is not a year: `latest` in Table 1 is 2004, not 2005-H1. Only
 * `latest-partial` (or the explicit token) reaches a partial period.
 */

/** A period label taken apart, measured in years. */
export interface PeriodSpan {
  label: string;
  year: number;
  /** Start, in fractional years: 2005-H2 starts at 2005.5. */
  start: number;
  /** Length in years: 1 for a year, 0.5 for a half, 0 for a date. */
  length: number;
}

const YEAR = /^(\d{4})$/;
const HALF = /^(\d{4})-H([12])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Parses a period label; `undefined` when it is not one of the known shapes. */
export function parsePeriodLabel(label: string): PeriodSpan | undefined {
  let m = YEAR.exec(label);
  if (m) {
    const year = Number(m[1]);
    return { label, year, start: year, length: 1 };
  }
  m = HALF.exec(label);
  if (m) {
    const year = Number(m[1]);
    return { label, year, start: year + (Number(m[2]) - 1) / 2, length: 1 / 2 };
  }
  m = QUARTER.exec(label);
  if (m) {
    const year = Number(m[1]);
    return { label, year, start: year + (Number(m[2]) - 1) / 4, length: 1 / 4 };
  }
  m = MONTH.exec(label);
  if (m) {
    const year = Number(m[1]);
    return { label, year, start: year + (Number(m[2]) - 1) / 12, length: 1 / 12 };
  }
  m = DATE.exec(label);
  if (m) {
    const year = Number(m[1]);
    return { label, year, start: year + (Number(m[2]) - 1) / 12, length: 0 };
  }
  return undefined;
}

/**
 * The same period one year earlier: 2004 -> 2003, 2005-H1 -> 2004-H1. Used
 * by growth year on year.
 */
export function previousYearLabel(label: string): string | undefined {
  const span = parsePeriodLabel(label);
  if (span === undefined || span.length === 0) return undefined;
  return `${span.year - 1}${label.slice(4)}`;
}

/** A parsed period reference. */
export type PeriodRef =
  | { kind: "latest"; offset: number }
  | { kind: "first"; offset: number }
  | { kind: "latest-partial" }
  | { kind: "label"; label: string };

const RELATIVE = /^(latest|first)(?:([-+])(\d{1,3}))?$/;

/**
 * Parses what a definition writes as a period. `undefined` means the text is
 * not a period reference (the evaluator reports `bad-period`).
 *
 * @example
 *   parsePeriodRef("latest-1") // { kind: "latest", offset: 1 }
 *   parsePeriodRef(1998)       // { kind: "label", label: "1998" }
 */
export function parsePeriodRef(raw: string | number): PeriodRef | undefined {
  const text = typeof raw === "number" ? String(raw) : raw.trim();
  if (text === "latest-partial") return { kind: "latest-partial" };
  const rel = RELATIVE.exec(text);
  if (rel) {
    const kind = rel[1] as "latest" | "first";
    const sign = rel[2];
    const n = rel[3] === undefined ? 0 : Number(rel[3]);
    // latest counts backwards, first forwards: latest+1 or first-1 point
    // outside the series by construction.
    if (
      sign !== undefined &&
      ((kind === "latest" && sign !== "-") || (kind === "first" && sign !== "+"))
    ) {
      return undefined;
    }
    return { kind, offset: n };
  }
  const span = parsePeriodLabel(text);
  if (span === undefined || span.year < 1800 || span.year > 2100) return undefined;
  return { kind: "label", label: text };
}

/** The period of one point of a series, as the resolver needs it. */
export interface PointPeriod {
  label: string;
  partial: boolean;
}

/** Outcome of resolving a reference against a series. */
export type ResolvedPeriod =
  | { ok: true; label: string; partial: boolean }
  | { ok: false; code: "missing-period"; period: string; available: string[] }
  | { ok: false; code: "no-periods"; partial: boolean };

/** Human text for a reference, for messages: "latest-1". */
export function periodRefText(ref: PeriodRef): string {
  switch (ref.kind) {
    case "latest":
      return ref.offset === 0 ? "latest" : `latest-${ref.offset}`;
    case "first":
      return ref.offset === 0 ? "first" : `first+${ref.offset}`;
    case "latest-partial":
      return "latest-partial";
    case "label":
      return ref.label;
  }
}

/**
 * Resolves `ref` against `points` (ordered by period). `latest`/`first` count
 * over full periods only; an explicit label must exist in the series.
 */
export function resolvePeriodRef(ref: PeriodRef, points: readonly PointPeriod[]): ResolvedPeriod {
  if (ref.kind === "label") {
    const hit = points.find((p) => p.label === ref.label);
    if (hit) return { ok: true, label: hit.label, partial: hit.partial };
    return {
      ok: false,
      code: "missing-period",
      period: ref.label,
      available: points.map((p) => p.label),
    };
  }
  if (ref.kind === "latest-partial") {
    const partials = points.filter((p) => p.partial);
    const last = partials[partials.length - 1];
    return last
      ? { ok: true, label: last.label, partial: true }
      : { ok: false, code: "no-periods", partial: true };
  }
  const full = points.filter((p) => !p.partial);
  if (full.length === 0) return { ok: false, code: "no-periods", partial: false };
  const index = ref.kind === "latest" ? full.length - 1 - ref.offset : ref.offset;
  const hit = full[index];
  if (hit) return { ok: true, label: hit.label, partial: false };
  return {
    ok: false,
    code: "missing-period",
    period: periodRefText(ref),
    available: full.map((p) => p.label),
  };
}
