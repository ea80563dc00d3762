/**
 * The values a template prints: evaluated indicators and the dataset's facts,
 * each turned into a number inline (formatted text + provenance) and exposed
 * to Liquid as an inspectable, printable value.
 */
import type { Dataset, Fact } from "@briefkit/data";
import { type NumberInline, num } from "@briefkit/document";
import { type EvaluatedIndicator, formatNumber, type Scale } from "@briefkit/indicators";
import { fixedFormatter } from "./tables.js";

const QUALIFIER_WORDS: Record<string, string> = {
  exact: "",
  about: "about ",
  almost: "almost ",
  "more-than": "more than ",
  "less-than": "less than ",
  "up-to": "up to ",
  "at-least": "at least ",
};

function decimalsOf(x: number): number {
  const s = String(x);
  const i = s.indexOf(".");
  return i < 0 ? 0 : s.length - i - 1;
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

const FRACTION_WORDS: Array<[number, string]> = [
  [0.5, "half"],
  [1 / 3, "one-third"],
  [0.25, "a quarter"],
  [2 / 3, "two-thirds"],
  [0.75, "three-quarters"],
];

/** Formats one number of a fact in its unit, with the decimals it was given in. */
export function formatFactNumber(
  value: number,
  unit: string,
  scale: Scale,
  locale: string,
): string {
  switch (unit) {
    case "year":
    case "day-of-month":
      return String(value);
    case "fraction": {
      const word = FRACTION_WORDS.find(([f]) => Math.abs(f - value) < 0.005);
      return word
        ? word[1]
        : formatNumber(value * 100, { unit: "percent", locale, format: { decimals: 0 } });
    }
    default:
      return formatNumber(value, { unit, scale, locale, format: { decimals: decimalsOf(value) } });
  }
}

/** "US$3–4 billion": a range written once with its unit. */
function formatRange(
  low: number,
  high: number,
  unit: string,
  scale: Scale,
  locale: string,
): string {
  const hi = formatFactNumber(high, unit, scale, locale);
  const digits = (x: number) => fixedFormatter(locale, decimalsOf(x)).format(x);
  const h = digits(high);
  const at = hi.indexOf(h);
  if (at < 0 || unit === "rank" || unit === "fraction")
    return `${formatFactNumber(low, unit, scale, locale)}–${hi}`;
  return `${hi.slice(0, at)}${digits(low)}–${hi.slice(at)}`;
}

/** The fact as prose prints it, with and without its qualifier. */
export function factInlines(
  dataset: Dataset,
  fact: Fact,
  locale: string,
): { full: NumberInline; bare: NumberInline } {
  const text =
    fact.range !== undefined
      ? formatRange(fact.range[0], fact.range[1], fact.unit, fact.scale, locale)
      : formatFactNumber(fact.value ?? Number.NaN, fact.unit, fact.scale, locale);
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
    full: num(value, `${QUALIFIER_WORDS[fact.qualifier] ?? ""}${text}`, provenance, extra),
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
