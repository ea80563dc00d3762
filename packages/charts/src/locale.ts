/**
 * The locale every chart renders with: d3-format / d3-time-format
 * definitions for en-US (https://github.com/d3/d3-format#formatLocale,
 * https://github.com/d3/d3-time-format#timeFormatLocale), handed to each
 * vega View. vega would otherwise use its process-wide default, which any
 * other code in the process may change.
 */

/** A d3-format locale definition. */
export interface NumberLocale {
  readonly decimal: string;
  readonly thousands: string;
  readonly grouping: readonly number[];
  readonly currency: readonly string[];
  readonly minus: string;
}

export const numberLocale: NumberLocale = Object.freeze({
  decimal: ".",
  thousands: ",",
  grouping: [3],
  currency: ["$", ""],
  minus: "\u2212",
});

const numberLocales = new Map<string, NumberLocale>();

/**
 * The d3-format locale of a document language: Intl's decimal and group
 * separators (Latin digits), so an axis reads "2,5" and "10 000" in Russian
 * as the text does; the house minus sign. English (and no language) is the
 * fixed en-US locale above, so English charts keep their bytes.
 */
export function numberLocaleFor(language: string | undefined): NumberLocale {
  if (language === undefined || /^en\b/i.test(language)) return numberLocale;
  const hit = numberLocales.get(language);
  if (hit) return hit;
  let parts: Intl.NumberFormatPart[];
  try {
    parts = new Intl.NumberFormat(language, { numberingSystem: "latn" }).formatToParts(12345.6);
  } catch {
    return numberLocale;
  }
  const part = (type: string, fallback: string) =>
    parts.find((p) => p.type === type)?.value ?? fallback;
  const made = Object.freeze({
    ...numberLocale,
    decimal: part("decimal", "."),
    thousands: part("group", ","),
  });
  numberLocales.set(language, made);
  return made;
}

export const timeLocale = Object.freeze({
  dateTime: "%x, %X",
  date: "%-m/%-d/%Y",
  time: "%-I:%M:%S %p",
  periods: ["AM", "PM"],
  days: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
  shortDays: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
  // English month names, as Intl writes them (the same list period labels use).
  months: Array.from({ length: 12 }, (_, m) =>
    new Intl.DateTimeFormat("en-US", { month: "long", timeZone: "UTC" }).format(
      new Date(Date.UTC(2000, m, 1)),
    ),
  ),
  shortMonths: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
});
