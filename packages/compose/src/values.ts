/**
 * The values a template prints: evaluated indicators and the dataset's facts,
 * each a *figure*: a number with the way it is written (unit, scale, display
 * format, qualifier, range), its provenance, and the fields a template may
 * inspect. A figure prints as a number inline (formatted text + provenance).
 *
 * Filters derive new figures from a figure (`| times: 2`, `| round`,
 * `| capitalize`): the number is re-written with the original's display
 * format, so a derived figure reads like its source and keeps its
 * provenance, with the filter recorded in `provenance.method`.
 */
import type { Dataset, Fact, Qualifier } from "@briefkit/data";
import { type NumberInline, num, type Provenance, termsFor } from "@briefkit/document";
import {
  DEFAULT_LOCALE,
  type DisplayFormat,
  displayedValue,
  type EvaluatedIndicator,
  type FormatOptions,
  formatNumber,
  type IndicatorOk,
  multipleBand,
  NOT_AVAILABLE_TEXT,
  resolveFormat,
  type Scale,
} from "@briefkit/indicators";
import { fixedFormatter } from "./tables.js";

/** A number with its fact's qualifier, in the language's words ("about US$12 billion", "около 12 млрд $", "約12億米ドル"). */
function qualified(qualifier: Qualifier, text: string, locale: string): string {
  return qualifier === "exact" ? text : termsFor(locale).qualified(qualifier, text);
}

/** Decimals a number is written with (8.8 → 1, 2008 → 0). */
function decimalsOf(x: number): number {
  const s = String(x);
  const i = s.indexOf(".");
  return i < 0 || s.includes("e") ? 0 : s.length - i - 1;
}

const ORDINAL_WORDS = [
  "first",
  "second",
  "third",
  "fourth",
  "fifth",
  "sixth",
  "seventh",
  "eighth",
  "ninth",
];

/** 5 → "fifth", 11 → "11th", 22 → "22nd": ranks as house style writes them (words up to nine). */
export function ordinal(n: number): string {
  if (n >= 1 && n <= 9) return ORDINAL_WORDS[n - 1]!;
  return ordinalDigits(n);
}

function ordinalDigits(n: number): string {
  const s = ["th", "st", "nd", "rd"];
  const v = n % 100;
  return `${n}${s[(v - 20) % 10] ?? s[v] ?? s[0]}`;
}

/** The fractions a fact in unit `fraction` is written as in words. */
const FRACTION_WORDS: ReadonlyArray<readonly [number, string]> = [
  [0.5, "half"],
  [1 / 3, "one-third"],
  [0.25, "a quarter"],
  [2 / 3, "two-thirds"],
  [0.75, "three-quarters"],
];

/** Words that stand for a number in a figure's text (fractions, ordinals). */
export const NUMBER_WORDS: readonly string[] = [
  ...FRACTION_WORDS.map(([, w]) => w),
  ...ORDINAL_WORDS,
];

/** How scaled numbers are written: a template's `numbers.units` (only Japanese has myriad units). */
export type NumberUnits = NonNullable<DisplayFormat["units"]>;

/**
 * Formats one number of a fact in its unit, with the decimals it was given in
 * (or `decimals`).
 */
export function formatFactNumber(
  value: number,
  unit: string,
  scale: Scale,
  locale: string,
  decimals: number = decimalsOf(value),
  units: NumberUnits = "western",
): string {
  switch (unit) {
    case "year":
    case "day-of-month":
      return String(value);
    case "fraction": {
      // The words are English: another language writes the fraction as a percentage.
      const english = locale.toLowerCase().startsWith("en");
      const word = english ? FRACTION_WORDS.find(([f]) => Math.abs(f - value) < 0.005) : undefined;
      return word
        ? word[1]
        : formatNumber(value * 100, { unit: "percent", locale, format: { decimals: 0 } });
    }
    default:
      return formatNumber(value, { unit, scale, locale, format: { decimals, units } });
  }
}

/**
 * "US$3–4 billion", "3–4%", "30～40億米ドル": a range written once with its
 * unit, joined by the language's range mark. The low end loses what it
 * shares with the high end around the number (currency sign, scale, unit);
 * when the high end's number is not one token of its text (Japanese myriad
 * units write 40 as 40億), the shared text is what both ends have before
 * their first digit and after their last.
 */
function formatRange(
  low: number,
  high: number,
  unit: string,
  scale: Scale,
  locale: string,
  decimals: readonly [number, number] = [decimalsOf(low), decimalsOf(high)],
  units: NumberUnits = "western",
): string {
  const terms = termsFor(locale);
  const lo = formatFactNumber(low, unit, scale, locale, decimals[0], units);
  const hi = formatFactNumber(high, unit, scale, locale, decimals[1], units);
  // A negative end has a sign that a dash would blur: write both ends in full.
  if (low < 0 || high < 0) return terms.rangeWords(lo, hi);
  if (unit === "rank" || unit === "fraction") return `${lo}${terms.rangeMark}${hi}`;
  const digits = (x: number, d: number) => fixedFormatter(locale, d).format(x);
  const h = digits(high, decimals[1]);
  const at = hi.indexOf(h);
  const token = at >= 0 && !/\d/.test(hi[at - 1] ?? "") && !/\d/.test(hi[at + h.length] ?? "");
  if (token)
    return `${hi.slice(0, at)}${digits(low, decimals[0])}${terms.rangeMark}${hi.slice(at)}`;
  const [before, after] = sharedAround(lo, hi);
  return `${lo.slice(0, lo.length - after)}${terms.rangeMark}${hi.slice(before)}`;
}

/** Lengths of what `a` and `b` share before their first digit and after their last. */
function sharedAround(a: string, b: string): [before: number, after: number] {
  const firstDigit = (s: string) => s.search(/\d/);
  const lastDigit = (s: string) => s.search(/\d\D*$/);
  let before = 0;
  const maxBefore = Math.min(firstDigit(a), firstDigit(b));
  while (before < maxBefore && a[before] === b[before]) before++;
  let after = 0;
  const maxAfter = Math.min(a.length - 1 - lastDigit(a), b.length - 1 - lastDigit(b));
  while (after < maxAfter && a[a.length - 1 - after] === b[b.length - 1 - after]) after++;
  return [before, after];
}

// ---------------------------------------------------------------------------
// Figures

/** How a figure's number is written; a filter that changes the number writes it the same way. */
export interface FigureForm {
  readonly origin: "indicator" | "fact";
  /** The value's unit ("USD", "percent", "rank", "fraction"); undefined for an indicator without one. */
  readonly unit: string | undefined;
  /** The scale the value is stored in. */
  readonly scale: Scale;
  readonly locale: string;
  /** Indicators: the definition's format. Facts: the decimals they are written with. */
  readonly format: DisplayFormat;
}

/** A field a template can read on a figure (`ind.x.period`, `fact.y.qualifier`). */
export type FieldValue = string | number | boolean | null;

/** A printable, inspectable number: an indicator, a fact, or one derived from them by filters. */
export interface Figure {
  readonly form: FigureForm;
  /** In the stored scale; null when not available (prints "—"). A range's midpoint. */
  readonly value: number | null;
  /** A fact given as a range: both ends, in the stored scale. */
  readonly range?: readonly [number, number];
  readonly qualifier: Qualifier;
  /** The number as written, without the qualifier ("US$82 billion"). */
  readonly numberText: string;
  /**
   * Set when a text or wording filter rewrote the printed text ("More than
   * US$82 billion", "fifth"): the filter's name and the text. Numeric
   * filters refuse such a figure; its number is no longer what prints.
   */
  readonly rewritten?: {
    readonly by: string;
    readonly text: string;
    /** The figure's own words within `text` (qualifier and number, in their current case). */
    readonly core: string;
  };
  /** Unit, scale and estimate of the number inline, and where the number came from. */
  readonly inline: Omit<NumberInline, "type" | "value" | "text" | "provenance">;
  readonly provenance: Provenance;
  /** The fields a template may read besides value, text, unit, available, estimate. */
  readonly fields: Readonly<Record<string, FieldValue>>;
}

/** How a template names a figure: `ind.<id>` or `fact.<id>` (a derived figure keeps its source's). */
export function figureName(f: Figure): string {
  const p = f.provenance;
  return p.indicator ? `ind.${p.indicator}` : p.fact ? `fact.${p.fact}` : "this figure";
}

/** The text a figure prints. */
export function figureText(f: Figure): string {
  return f.rewritten?.text ?? figureCore(f);
}

/** The figure's own words: its qualifier and number ("more than US$82 billion"). */
export function figureCore(f: Figure): string {
  return f.rewritten?.core ?? qualified(f.qualifier, f.numberText, f.form.locale);
}

/** The number inline a figure prints as. */
export function figureInline(f: Figure): NumberInline {
  return num(f.value, figureText(f), f.provenance, f.inline);
}

/** Writes a (derived) number in the figure's form: "US$17.6 billion", "two-thirds", "2006–2008". */
export function writeNumber(
  form: FigureForm,
  value: number | null,
  range?: readonly [number, number],
): string {
  if (value === null) return NOT_AVAILABLE_TEXT;
  const decimals = form.format.decimals ?? 0;
  if (form.origin === "indicator") return formatNumber(value, displayOptions(form));
  const unit = form.unit ?? "";
  const units = form.format.units ?? "western";
  return range !== undefined
    ? formatRange(range[0], range[1], unit, form.scale, form.locale, [decimals, decimals], units)
    : formatFactNumber(value, unit, form.scale, form.locale, decimals, units);
}

/**
 * The verbal form of an indicator, where its kind has one: a multiple's band
 * ("more than doubled"), a growth rate read as a multiple (49% → "rose",
 * 126% → "more than doubled"), the direction of a change ("rose", "fell",
 * "was unchanged", by the number as displayed). Other kinds have none.
 */
export function indicatorWords(ev: EvaluatedIndicator): string | undefined {
  const r = ev.result;
  if (r.status !== "ok") return undefined;
  const shown = displayedNumber(indicatorForm(ev, DEFAULT_LOCALE), r.value);
  switch (ev.function) {
    case "multiple":
      return r.band?.text;
    case "growth":
      // A fall of 100% or more has no multiple (growth is refused from a non-positive base).
      return r.value > -100 ? multipleBand(1 + r.value / 100).text : undefined;
    case "change":
      return shown === 0 ? "was unchanged" : shown > 0 ? "rose" : "fell";
    case "value":
    case "cagr":
    case "index":
    case "share":
    case "balance":
    case "coverage":
    case "sum":
    case "rank":
    case "annualise":
    case "rolling-mean":
    case "convert":
      return undefined;
  }
}

/** The options `formatNumber` writes a figure's number with. */
export function displayOptions(form: FigureForm): FormatOptions {
  return {
    ...(form.unit === undefined ? {} : { unit: form.unit }),
    scale: form.scale,
    format: form.format,
    locale: form.locale,
  };
}

/** `x` × 10^`exponent`, exactly in decimal (no 1.005 × 100 = 100.49999…). */
export function shiftDecimal(x: number, exponent: number): number {
  const [mantissa, power = "0"] = String(x).split("e");
  return Number(`${mantissa}e${Number(power) + exponent}`);
}

/** `x` rounded half away from zero to `decimals` places. */
export function roundTo(x: number, decimals: number): number {
  const r = shiftDecimal(Math.round(shiftDecimal(Math.abs(x), decimals)), -decimals);
  return x < 0 ? -r : r;
}

/** The number as the reader sees it: in the display scale, rounded to the decimals shown. */
export function displayedNumber(form: FigureForm, value: number): number {
  const options = displayOptions(form);
  return roundTo(displayedValue(value, options), resolveFormat(options).decimals);
}

/** How an indicator's number is written: its definition's format. */
function indicatorForm(ev: EvaluatedIndicator, locale: string): FigureForm {
  return {
    origin: "indicator",
    unit: ev.result.unit,
    scale: ev.result.scale ?? "one",
    locale,
    format: ev.format ?? {},
  };
}

/** An evaluated indicator as a figure. */
export function indicatorFigure(dataset: Dataset, ev: EvaluatedIndicator, locale: string): Figure {
  const r = ev.result;
  const inline = indicatorInline(dataset, ev);
  const form = indicatorForm(ev, locale);
  const words = indicatorWords(ev);
  const fields: Record<string, FieldValue> = {};
  if (words !== undefined) fields.words = words;
  if (r.status === "na") fields.reason = r.reason;
  else {
    fields.partial = r.partial;
    Object.assign(fields, coverageFields(r));
  }
  if (ev.label !== undefined) fields.label = ev.label;
  return {
    form,
    value: inline.value,
    qualifier: "exact",
    numberText: inline.text,
    inline: {
      ...(inline.unit === undefined ? {} : { unit: inline.unit }),
      ...(inline.scale === undefined ? {} : { scale: inline.scale }),
      ...(inline.estimate ? { estimate: true } : {}),
    },
    provenance: inline.provenance,
    fields,
  };
}

/**
 * What the prose may ask of a figure built on a declared total: `parts`,
 * how many parts it covers (in every period it compares); `like_for_like`,
 * true when it leaves out parts present in one period only; `left_out`,
 * those parts' names ("Yakutia and Magadanskaya Oblast", else "").
 */
function coverageFields(r: IndicatorOk): Record<string, FieldValue> {
  const entries = r.coverage ?? [];
  if (entries.length === 0) return {};
  const leftOut = [...new Set(entries.flatMap((c) => c.leftOut))];
  return {
    parts: Math.min(...entries.map((c) => c.parts.length)),
    like_for_like: leftOut.length > 0,
    left_out: leftOut.join(", ").replace(/, ([^,]*)$/, " and $1"),
  };
}

/** A dataset fact as a figure, with its qualifier. */
export function factFigure(
  dataset: Dataset,
  fact: Fact,
  locale: string,
  units: NumberUnits = "western",
): Figure {
  const { full } = factInlines(dataset, fact, locale, units);
  const range = fact.range;
  const decimals =
    range !== undefined
      ? Math.max(decimalsOf(range[0]), decimalsOf(range[1]))
      : decimalsOf(fact.value ?? 0);
  return {
    form: {
      origin: "fact",
      unit: fact.unit,
      scale: fact.scale,
      locale,
      format: { decimals, ...(units === "western" ? {} : { units }) },
    },
    value: full.value,
    ...(range !== undefined ? { range: [range[0], range[1]] as const } : {}),
    qualifier: fact.qualifier,
    numberText: factNumberText(fact, locale, units),
    inline: { unit: fact.unit, scale: fact.scale },
    provenance: full.provenance,
    fields: {
      low: fact.range?.[0] ?? fact.value ?? null,
      high: fact.range?.[1] ?? fact.value ?? null,
      qualifier: fact.qualifier,
      label: fact.label,
    },
  };
}

function factNumberText(fact: Fact, locale: string, units: NumberUnits): string {
  return fact.range !== undefined
    ? formatRange(fact.range[0], fact.range[1], fact.unit, fact.scale, locale, undefined, units)
    : formatFactNumber(fact.value ?? Number.NaN, fact.unit, fact.scale, locale, undefined, units);
}

/** The fact as prose prints it, with and without its qualifier. */
export function factInlines(
  dataset: Dataset,
  fact: Fact,
  locale: string,
  units: NumberUnits = "western",
): { full: NumberInline; bare: NumberInline } {
  const text = factNumberText(fact, locale, units);
  const provenance = {
    dataset: dataset.meta.id,
    edition: dataset.meta.edition,
    fact: fact.id,
    ...(fact.period ? { periods: [fact.period.token] } : {}),
    source: fact.source.id,
    sourceTitle: fact.source.title,
  };
  const value = fact.value ?? (fact.range ? (fact.range[0] + fact.range[1]) / 2 : null);
  const extra = { unit: fact.unit, scale: fact.scale };
  return {
    full: num(value, qualified(fact.qualifier, text, locale), provenance, extra),
    bare: num(value, text, provenance, extra),
  };
}

/** The indicator result as a number inline. */
export function indicatorInline(dataset: Dataset, ev: EvaluatedIndicator): NumberInline {
  const r = ev.result;
  const sources = [...new Set(r.inputs.map((i) => i.source))];
  const tables = [...new Set(r.inputs.flatMap((i) => (i.kind === "series" ? [i.table] : [])))];
  const facts = [...new Set(r.inputs.flatMap((i) => (i.kind === "fact" ? [i.fact] : [])))];
  const firstSource = sources[0];
  let sourceTitle: string | undefined;
  try {
    sourceTitle = firstSource ? dataset.source(firstSource).title : undefined;
  } catch {
    sourceTitle = undefined;
  }
  return num(
    r.status === "ok" ? r.value : null,
    ev.text,
    {
      dataset: dataset.meta.id,
      edition: dataset.meta.edition,
      indicator: ev.id,
      ...(tables.length === 1 ? { table: tables[0] } : {}),
      ...(facts.length === 1 ? { fact: facts[0] } : {}),
      ...(r.periods.length > 0 ? { periods: [...r.periods] } : {}),
      ...(firstSource ? { source: firstSource } : {}),
      ...(sourceTitle ? { sourceTitle } : {}),
      method: ev.function,
    },
    {
      ...(r.unit ? { unit: r.unit } : {}),
      ...(r.scale ? { scale: r.scale } : {}),
      ...(r.status === "ok" && r.estimate ? { estimate: true } : {}),
    },
  );
}
