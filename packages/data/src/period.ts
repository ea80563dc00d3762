/**
 * Periods: the time axis of every table. Tokens are `1998` (year),
 * `2005-H1` (half), `2003-Q2` (quarter) and `2004-05` (month), a subset of
 * ISO 8601 plus the half-year form statistics offices print.
 */
import type { Frequency } from "./schema.js";

export type PeriodKind = "year" | "half" | "quarter" | "month";

/** A parsed period. Plain data: safe to serialise. */
export interface Period {
  /** The canonical token, e.g. `2005-H1`. */
  readonly token: string;
  readonly year: number;
  readonly kind: PeriodKind;
  /** 1-based position inside the year: half 1–2, quarter 1–4, month 1–12; 1 for a year. */
  readonly index: number;
  /** Human label, e.g. `2005 (first half)`. */
  readonly label: string;
  /** True when the period is finer than its table's frequency (`2005-H1` in an annual table). */
  readonly partial: boolean;
}

export const minYear = 1800;
export const maxYear = 2100;

/** English month names, from Intl rather than a list of our own. */
const monthNames = Array.from({ length: 12 }, (_, m) =>
  new Intl.DateTimeFormat("en-GB", { month: "long", timeZone: "UTC" }).format(
    new Date(Date.UTC(2000, m, 1)),
  ),
);
const ordinals = ["first", "second", "third", "fourth"];

/** Months per period kind, used both for ordering and for "finer than". */
const monthsOf: Record<PeriodKind, number> = { year: 12, half: 6, quarter: 3, month: 1 };
const monthsOfFrequency: Record<Frequency, number> = {
  annual: 12,
  "half-yearly": 6,
  quarterly: 3,
  monthly: 1,
};

export type PeriodParse =
  | { ok: true; period: Period }
  | { ok: false; reason: "syntax" | "year-range"; year?: number };

const tokenPattern = /^(\d{4})(?:-(?:H([12])|Q([1-4])|(0[1-9]|1[0-2])))?$/;

/** Parses a token, saying why it failed. Used by the validator for messages. */
export function readPeriod(text: string, frequency: Frequency = "annual"): PeriodParse {
  const m = tokenPattern.exec(text);
  if (!m) return { ok: false, reason: "syntax" };
  const year = Number(m[1]);
  if (year < minYear || year > maxYear) return { ok: false, reason: "year-range", year };
  let kind: PeriodKind = "year";
  let index = 1;
  let label = String(year);
  if (m[2]) {
    kind = "half";
    index = Number(m[2]);
    label = `${year} (${ordinals[index - 1]} half)`;
  } else if (m[3]) {
    kind = "quarter";
    index = Number(m[3]);
    label = `${year} (${ordinals[index - 1]} quarter)`;
  } else if (m[4]) {
    kind = "month";
    index = Number(m[4]);
    label = `${monthNames[index - 1]} ${year}`;
  }
  return {
    ok: true,
    period: {
      token: text,
      year,
      kind,
      index,
      label,
      partial: monthsOf[kind] < monthsOfFrequency[frequency],
    },
  };
}

/**
 * Parses a period token (`1998`, `2005-H1`, `2003-Q2`, `2004-05`).
 * `partial` is set against `frequency` (default annual). Returns undefined
 * for anything else, including years outside 1800–2100.
 */
export function parsePeriod(token: string, frequency: Frequency = "annual"): Period | undefined {
  const r = readPeriod(token, frequency);
  return r.ok ? r.period : undefined;
}

function startMonth(p: Period): number {
  return p.year * 12 + (p.index - 1) * monthsOf[p.kind];
}

/** Orders periods by start, then by length (`2005-H1` before `2005`). For `Array#sort`. */
export function comparePeriods(a: Period, b: Period): number {
  const byStart = startMonth(a) - startMonth(b);
  return byStart !== 0 ? byStart : monthsOf[a.kind] - monthsOf[b.kind];
}

/**
 * A likely intended year for a five-digit token, for a hint: `19988` → 1998.
 * A repeated keystroke is the usual cause, so deleting one of a doubled
 * digit is preferred, the last such first; otherwise a single deletion must
 * give exactly one year in range. Undefined when nothing fits.
 */
export function guessYear(text: string): number | undefined {
  if (!/^\d{5}$/.test(text)) return undefined;
  const without = (i: number) => Number(text.slice(0, i) + text.slice(i + 1));
  const inRange = (y: number) => y >= minYear && y <= maxYear;
  for (let i = text.length - 1; i > 0; i--) {
    if (text[i] === text[i - 1] && inRange(without(i))) return without(i);
  }
  const candidates = new Set([...text].map((_, i) => without(i)).filter(inRange));
  return candidates.size === 1 ? [...candidates][0] : undefined;
}
