/**
 * Number formatting, in one place, with `Intl.NumberFormat`; and its inverse.
 *
 * "US$8.8 billion", "126%", "2.1 million barrels a day", "2.3 times", and
 * "—" (an em dash) for anything not available.
 *
 * Default locale **en-GB**: its currency symbol for the US dollar is "US$",
 * which a brief on Russia and Japan needs (a bare "$" sits next to roubles
 * and yen), while en-US prints "$"; and the house spelling is British.
 * Separators, currency placement and percent follow the locale through Intl;
 * digits are always Latin (numbering system "latn"). Scale words ("billion",
 * "млрд") and unit words ("barrels a day", "баррелей в сутки", "倍") come
 * from the language's table below (`LOCALE_WORDS`: English, Russian,
 * Japanese; another language falls back to English words around its own
 * separators). In Japanese, `units: myriad` writes a scaled number in 万, 億
 * and 兆 (88億米ドル), rounded to the same precision as the western form.
 *
 * `parseFormatted` reads back what `formatNumber` writes (any locale), so a
 * round-trip property test keeps the two honest.
 */
import { type IndicatorResult, isOk } from "./result.js";
import { DERIVED_UNITS, rescaleValue, SCALES, type Scale } from "./units.js";

/** The locale used when none is given. See the module comment for why. */
export const DEFAULT_LOCALE = "en-GB";

/** Shown for a value that is not available. */
export const NOT_AVAILABLE_TEXT = "—";

export type FormatStyle = "number" | "percent" | "currency" | "multiple";

/** How to display a value. Every field is optional. */
export interface DisplayFormat {
  /** Default from the unit: currency codes -> currency, percent -> percent, multiple -> multiple, else number. */
  style?: FormatStyle;
  /** Fraction digits, fixed. Default: percent 0, index/rank/count 0, others 1. */
  decimals?: number;
  /** Scale to display in, with its word ("billion"). Default: the value's own scale. */
  scale?: Scale;
  /** ISO 4217 code for the currency style. Default: the unit when it is a currency code, else USD. */
  currency?: string;
  /** "always" prints a plus sign on positive values (+49%); default "auto". */
  sign?: "auto" | "always";
  /** "myriad": Japanese 万, 億, 兆 for a scaled number (88億米ドル); other languages ignore it. */
  units?: "western" | "myriad";
}

/** Options of {@link formatNumber}. */
export interface FormatOptions {
  /** The value's unit, e.g. "USD", "percent", "barrels-per-day". */
  unit?: string;
  /** The scale the value is stored in. Default "one". */
  scale?: Scale;
  format?: DisplayFormat;
  /** BCP 47 locale. Default {@link DEFAULT_LOCALE}. */
  locale?: string;
}

/** Words written after the number for units that have one. */
const UNIT_WORDS: Record<string, string> = {
  "barrels-per-day": "barrels a day",
  "barrels/day": "barrels a day",
  "Mt/year": "Mt a year",
  "Mt-per-year": "Mt a year",
  "kt-per-year": "kt a year",
  "tonnes-per-year": "tonnes a year",
  "percentage-points": "percentage points",
  barrels: "barrels",
  tonnes: "tonnes",
  Mt: "Mt",
  kt: "kt",
  km: "km",
  bcm: "bcm",
  [DERIVED_UNITS.multiple]: "times",
};

/** Unit words that change after exactly 1. */
const SINGULAR_WORDS: Record<string, string> = {
  "percentage points": "percentage point",
};

/** Units that are counts or positions: no word, no decimals by default. */
const BARE_UNITS = new Set<string>(["count", DERIVED_UNITS.rank, DERIVED_UNITS.index]);

const SCALE_WORDS: Record<Exclude<Scale, "one">, string> = {
  thousand: "thousand",
  million: "million",
  billion: "billion",
  trillion: "trillion",
};

/**
 * A language's words around a number: its scale words, and its unit words as
 * a function of the number printed (Russian nouns agree with it; Japanese
 * writes them without a space). English keeps the tables above.
 */
interface LocaleWords {
  scales: Record<Exclude<Scale, "one">, string>;
  /** The number with its unit's word, or undefined for a unit with no word of its own here. */
  unit: (number: string, unit: string, scaled: boolean) => string | undefined;
}

const ruPlurals = new Intl.PluralRules("ru");
/** After a scale word ("2,1 млн баррелей") Russian takes the genitive plural; else the number chooses. */
function ruForm(number: string, scaled: boolean, forms: [one: string, few: string, many: string]) {
  if (scaled) return forms[2];
  const n = Number(number.replace(/[^\d,.-]/g, "").replace(",", "."));
  if (!Number.isInteger(n)) return forms[1];
  switch (ruPlurals.select(n)) {
    case "one":
      return forms[0];
    case "few":
      return forms[1];
    default:
      return forms[2];
  }
}

const RUSSIAN_UNITS: Record<string, (n: string, scaled: boolean) => string> = {
  "barrels-per-day": (n, s) => `${n} ${ruForm(n, s, ["баррель", "барреля", "баррелей"])} в сутки`,
  barrels: (n, s) => `${n} ${ruForm(n, s, ["баррель", "барреля", "баррелей"])}`,
  "percentage-points": (n) => `${n}\u00a0п.\u00a0п.`,
  [DERIVED_UNITS.multiple]: (n, s) => `в ${n} ${ruForm(n, s, ["раз", "раза", "раз"])}`,
  tonnes: (n) => `${n}\u00a0т`,
  Mt: (n) => `${n}\u00a0млн\u00a0т`,
  kt: (n) => `${n}\u00a0тыс.\u00a0т`,
  "Mt-per-year": (n) => `${n}\u00a0млн\u00a0т в год`,
  "Mt/year": (n) => `${n}\u00a0млн\u00a0т в год`,
  "kt-per-year": (n) => `${n}\u00a0тыс.\u00a0т в год`,
  "tonnes-per-year": (n) => `${n}\u00a0т в год`,
  km: (n) => `${n}\u00a0км`,
  bcm: (n) => `${n}\u00a0млрд\u00a0куб.\u00a0м`,
  "bcm-per-year": (n) => `${n}\u00a0млрд\u00a0куб.\u00a0м в год`,
  years: (n, s) => `${n} ${ruForm(n, s, ["год", "года", "лет"])}`,
  months: (n, s) => `${n} ${ruForm(n, s, ["месяц", "месяца", "месяцев"])}`,
};

const JAPANESE_UNITS: Record<string, (n: string) => string> = {
  "barrels-per-day": (n) => `日量${n}バレル`,
  barrels: (n) => `${n}バレル`,
  "percentage-points": (n) => `${n}ポイント`,
  [DERIVED_UNITS.multiple]: (n) => `${n}倍`,
  tonnes: (n) => `${n}トン`,
  Mt: (n) => `${n}百万トン`,
  kt: (n) => `${n}千トン`,
  "Mt-per-year": (n) => `年間${n}百万トン`,
  "Mt/year": (n) => `年間${n}百万トン`,
  "kt-per-year": (n) => `年間${n}千トン`,
  "tonnes-per-year": (n) => `年間${n}トン`,
  km: (n) => `${n}km`,
  bcm: (n) => `${n}十億立方メートル`,
  "bcm-per-year": (n) => `年間${n}十億立方メートル`,
  years: (n) => `${n}年`,
  months: (n) => `${n}か月`,
  // The base units the myriad form writes a scaled unit in (MYRIAD_BASE).
  "cubic-metres": (n) => `${n}立方メートル`,
  "cubic-metres-per-year": (n) => `年間${n}立方メートル`,
};

/**
 * Units with a scale in their name, as the myriad form writes them: 105 Mt
 * is 1億500万トン, not 105百万トン.
 */
const MYRIAD_BASE: Record<string, readonly [unit: string, scale: Exclude<Scale, "one">]> = {
  Mt: ["tonnes", "million"],
  kt: ["tonnes", "thousand"],
  "Mt-per-year": ["tonnes-per-year", "million"],
  "Mt/year": ["tonnes-per-year", "million"],
  "kt-per-year": ["tonnes-per-year", "thousand"],
  bcm: ["cubic-metres", "billion"],
  "bcm-per-year": ["cubic-metres-per-year", "billion"],
};

const LOCALE_WORDS: Record<string, LocaleWords> = {
  ru: {
    // Russian writes the scale abbreviated, with a no-break space: 8,8 млрд $.
    scales: { thousand: "тыс.", million: "млн", billion: "млрд", trillion: "трлн" },
    unit: (n, unit, scaled) => RUSSIAN_UNITS[unit]?.(n, scaled),
  },
  ja: {
    // Western scales, for a template that does not ask for myriad units.
    scales: { thousand: "千", million: "百万", billion: "十億", trillion: "兆" },
    unit: (n, unit) => JAPANESE_UNITS[unit]?.(n),
  },
};

/** The language's words, or undefined for English (and languages with no table: English words). */
function localeWords(locale: string): LocaleWords | undefined {
  const language = locale.split(/[-_]/)[0]?.toLowerCase() ?? "";
  return LOCALE_WORDS[language];
}

/** The myriad units, largest first: 兆 (10^12), 億 (10^8), 万 (10^4). */
const MYRIADS: ReadonlyArray<readonly [number, string]> = [
  [1e12, "兆"],
  [1e8, "億"],
  [1e4, "万"],
];

const CURRENCY = /^[A-Z]{3}$/;

function isCurrencyUnit(unit: string | undefined): boolean {
  if (unit === undefined || !CURRENCY.test(unit)) return false;
  return supportedCurrencies().has(unit);
}

let currencies: Set<string> | undefined;
function supportedCurrencies(): Set<string> {
  // Memoised: the set is fixed for the process.
  currencies ??= new Set(Intl.supportedValuesOf("currency"));
  return currencies;
}

function unitWord(unit: string | undefined): string {
  if (unit === undefined || unit === "" || BARE_UNITS.has(unit) || isCurrencyUnit(unit)) return "";
  if (unit === DERIVED_UNITS.percent) return "";
  return UNIT_WORDS[unit] ?? unit.replaceAll("-", " ");
}

function defaultStyle(unit: string | undefined): FormatStyle {
  if (isCurrencyUnit(unit)) return "currency";
  if (unit === DERIVED_UNITS.percent) return "percent";
  if (unit === DERIVED_UNITS.multiple) return "multiple";
  return "number";
}

function defaultDecimals(style: FormatStyle, unit: string | undefined): number {
  if (style === "percent") return 0;
  if (unit !== undefined && BARE_UNITS.has(unit)) return 0;
  return 1;
}

// Intl.NumberFormat construction is the slow part; formatters are immutable,
// so a cache keyed by their options is safe to share.
const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (f === undefined) {
    f = new Intl.NumberFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

/** A display format with every default filled in: what `formatNumber` actually prints. */
export interface ResolvedFormat {
  style: FormatStyle;
  decimals: number;
  /** The scale the number is shown in ("one" for percent, multiples, indices, ranks). */
  scale: Scale;
  /** The scale the value is stored in. */
  storedScale: Scale;
  sign: "auto" | "always";
  /** Currency style only: the ISO 4217 code. */
  currency?: string;
}

/**
 * The display format `formatNumber` uses for these options, defaults filled
 * in. A template's numeric filters work on the number as displayed (8.8 for
 * "US$8.8 billion" stored as 8,812 million), so they need this.
 */
export function resolveFormat(options: FormatOptions = {}): ResolvedFormat {
  const { unit, format = {} } = options;
  const style = format.style ?? defaultStyle(unit);
  const storedScale = options.scale ?? "one";
  // Percent, multiples, indices and ranks are never scaled.
  const scalable = style === "number" || style === "currency";
  const resolved: ResolvedFormat = {
    style,
    decimals: format.decimals ?? defaultDecimals(style, unit),
    scale: scalable ? (format.scale ?? storedScale) : "one",
    storedScale: scalable ? storedScale : "one",
    sign: format.sign ?? "auto",
  };
  if (style === "currency") {
    resolved.currency =
      format.currency ?? (unit !== undefined && isCurrencyUnit(unit) ? unit : "USD");
  }
  return resolved;
}

/** The number as `formatNumber` shows it: `value` re-expressed in the display scale. */
export function displayedValue(value: number, options: FormatOptions = {}): number {
  const r = resolveFormat(options);
  return rescaleValue(value, r.storedScale, r.scale);
}

/** The inverse of {@link displayedValue}: a displayed number back in the stored scale. */
export function storedValue(shown: number, options: FormatOptions = {}): number {
  const r = resolveFormat(options);
  return rescaleValue(shown, r.scale, r.storedScale);
}

/**
 * Formats a number with its unit and scale. `null`, `undefined`, NaN and
 * Infinity print as "—".
 *
 * @example
 *   formatNumber(8.8, { unit: "USD", scale: "billion" })              // "US$8.8 billion"
 *   formatNumber(126.4, { unit: "percent" })                          // "126%"
 *   formatNumber(2108630, { unit: "barrels-per-day", format: { scale: "million" } })
 *   // "2.1 million barrels a day"
 */
export function formatNumber(
  value: number | null | undefined,
  options: FormatOptions = {},
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NOT_AVAILABLE_TEXT;
  const { unit } = options;
  const locale = options.locale ?? DEFAULT_LOCALE;
  const { style, decimals, scale: toScale, storedScale, sign, currency } = resolveFormat(options);
  const format = options.format ?? {};
  const shown = rescaleValue(value, storedScale, toScale);
  const intl: Intl.NumberFormatOptions = {
    numberingSystem: "latn",
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    signDisplay: sign === "always" ? "exceptZero" : "auto",
  };
  if (style === "currency") {
    intl.style = "currency";
    intl.currency = currency ?? "USD";
  } else if (style === "percent") {
    // Values hold percent already (49.2 means 49.2%): the percent *unit*
    // prints them as they are, where style "percent" would multiply by 100.
    intl.style = "unit";
    intl.unit = "percent";
  }
  const formatter = numberFormat(locale, intl);
  let parts = formatter.formatToParts(shown);
  // A value that displays as zero ("-0.0", "-0") has no sign: format 0 itself,
  // so locales that pair the sign with bidi marks lose those too.
  const zero = parts.every(
    (p) => (p.type !== "integer" && p.type !== "fraction") || /^0*$/.test(p.value),
  );
  if (zero) parts = formatter.formatToParts(0);
  const kept = parts;
  const words = localeWords(locale);
  if (
    words !== undefined &&
    format.units === "myriad" &&
    locale.toLowerCase().startsWith("ja") &&
    (style === "currency" || style === "number")
  ) {
    // A unit with its scale in its name (Mt) is written in its base unit (トン).
    const base = style === "number" && toScale === "one" ? MYRIAD_BASE[unit ?? ""] : undefined;
    const [myriadUnit, myriadScale] = base ?? [unit ?? "", toScale];
    const myriad =
      myriadScale === "one" ? undefined : myriadText(shown, myriadScale, decimals, sign, locale);
    if (myriad !== undefined) {
      if (style === "currency") return `${myriad}${currencyName(locale, currency ?? "USD")}`;
      const own = words.unit(myriad, myriadUnit, true);
      if (own !== undefined) return own;
      // A unit with no Japanese word keeps its own, as the western form does.
      const word = unitWord(myriadUnit);
      return word ? `${myriad} ${word}` : myriad;
    }
  }
  const scaleWord = toScale === "one" ? "" : (words?.scales[toScale] ?? SCALE_WORDS[toScale]);
  // English "8.8 billion", Russian "8,8 млрд" (never broken apart), Japanese "8.8十億".
  const scaleSpace =
    words === undefined ? " " : locale.toLowerCase().startsWith("ja") ? "" : "\u00a0";
  let lastNumeric = -1;
  kept.forEach((p, i) => {
    if (p.type === "integer" || p.type === "fraction") lastNumeric = i;
  });
  let text = "";
  kept.forEach((p, i) => {
    text += p.value;
    if (i === lastNumeric && scaleWord) text += `${scaleSpace}${scaleWord}`;
  });
  if (words !== undefined && (style === "number" || style === "multiple")) {
    const id = style === "multiple" ? DERIVED_UNITS.multiple : (unit ?? "");
    const own = words.unit(text, id, scaleWord !== "");
    if (own !== undefined) return own;
  }
  const plural =
    style === "multiple"
      ? UNIT_WORDS[DERIVED_UNITS.multiple]
      : style === "number"
        ? unitWord(unit)
        : "";
  // "1 percentage point", but "1.0 percentage points" and "1 million barrels".
  const one =
    !scaleWord &&
    kept
      .filter((p) => p.type === "integer" || p.type === "decimal" || p.type === "fraction")
      .map((p) => p.value)
      .join("") === "1";
  const word = one ? (SINGULAR_WORDS[plural ?? ""] ?? plural) : plural;
  return word ? `${text} ${word}` : text;
}

/** The currency's name as the locale writes it after a number: 米ドル, 円. */
function currencyName(locale: string, currency: string): string {
  const parts = numberFormat(locale, {
    style: "currency",
    currency,
    currencyDisplay: "name",
  }).formatToParts(2);
  return (parts.find((p) => p.type === "currency")?.value ?? currency).trim();
}

/**
 * `shown` (in `scale`, to `decimals` places) in Japanese myriad units:
 * 8.8 billion → 88億, 1,352 million → 13億5200万. The number is rounded
 * exactly as the western form would be (the same absolute precision), then
 * regrouped in powers of 10^4 with BigInt, so no digit is invented or lost.
 * Undefined when the precision is finer than one (thousand at 4+ decimals).
 */
function myriadText(
  shown: number,
  scale: Exclude<Scale, "one">,
  decimals: number,
  sign: "auto" | "always",
  locale: string,
): string | undefined {
  const exponent = Math.round(Math.log10(SCALE_FACTOR_OF[scale]));
  if (exponent < decimals) return undefined;
  const units = BigInt(Math.round(Math.abs(shown) * 10 ** decimals));
  let ones = units * 10n ** BigInt(exponent - decimals);
  const pieces: string[] = [];
  const plain = numberFormat(locale, { numberingSystem: "latn", useGrouping: false });
  const grouped = numberFormat(locale, { numberingSystem: "latn" });
  for (const [size, word] of MYRIADS) {
    const big = BigInt(size);
    const count = ones / big;
    ones %= big;
    if (count > 0n) pieces.push(`${(size === 1e12 ? grouped : plain).format(count)}${word}`);
  }
  if (ones > 0n || pieces.length === 0) pieces.push(plain.format(ones));
  const zero = units === 0n;
  const prefix = zero ? "" : shown < 0 ? "-" : sign === "always" ? "+" : "";
  return `${prefix}${pieces.join("")}`;
}

const SCALE_FACTOR_OF: Record<Exclude<Scale, "one">, number> = {
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
};

/**
 * Formats a result: its value with its unit and scale, or "—" when not
 * available.
 *
 * @example formatResult(growthResult, { decimals: 1 }) // "49.2%"
 */
export function formatResult(
  result: IndicatorResult,
  format?: DisplayFormat,
  locale?: string,
): string {
  if (!isOk(result)) return NOT_AVAILABLE_TEXT;
  const options: FormatOptions = { unit: result.unit, scale: result.scale };
  if (format !== undefined) options.format = format;
  if (locale !== undefined) options.locale = locale;
  return formatNumber(result.value, options);
}

// ---------------------------------------------------------------------------
// Parsing

/** What `parseFormatted` reads back. */
export interface ParsedNumber {
  /** The number as displayed (8.8 for "US$8.8 billion"); null for "—". */
  value: number | null;
  style: FormatStyle;
  /** The scale word found, or "one". */
  scale: Scale;
  /** The unit recognised from a unit word or currency symbol. */
  unit?: string;
}

interface LocaleSymbols {
  group: string;
  decimal: string;
  percent: string;
  /** [symbol, code], longest symbol first so "US$" wins over "$". */
  currencies: [string, string][];
}

const CURRENCIES_READ = ["USD", "EUR", "GBP", "JPY", "RUB", "CNY", "KRW"];
const symbolsByLocale = new Map<string, LocaleSymbols>();

/** Normalises the spaces Intl uses to a plain space and drops bidi marks. */
const spaces = (s: string) =>
  s.replace(/[\u00a0\u202f\u2009]/g, " ").replace(/[\u200e\u200f\u061c]/g, "");

function localeSymbols(locale: string): LocaleSymbols {
  const cached = symbolsByLocale.get(locale);
  if (cached) return cached;
  const part = (parts: Intl.NumberFormatPart[], type: string) =>
    spaces(parts.find((p) => p.type === type)?.value ?? "");
  const latn = { numberingSystem: "latn" } as const;
  const numberParts = new Intl.NumberFormat(locale, latn).formatToParts(12345.6);
  const percentParts = new Intl.NumberFormat(locale, {
    ...latn,
    style: "unit",
    unit: "percent",
  }).formatToParts(1);
  const symbols: LocaleSymbols = {
    group: part(numberParts, "group"),
    decimal: part(numberParts, "decimal"),
    percent: part(percentParts, "unit").trim() || "%",
    // Symbols, and the names the myriad form writes (米ドル).
    currencies: CURRENCIES_READ.flatMap((code): [string, string][] => [
      [
        part(
          new Intl.NumberFormat(locale, {
            ...latn,
            style: "currency",
            currency: code,
          }).formatToParts(1),
          "currency",
        ).trim(),
        code,
      ],
      [currencyName(locale, code), code],
    ]).sort((a, b) => b[0].length - a[0].length),
  };
  symbolsByLocale.set(locale, symbols);
  return symbols;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Reads a string written by `formatNumber` back into a number, its style,
 * scale and unit. `undefined` when the text is not such a number.
 *
 * @example parseFormatted("US$8.8 billion") // { value: 8.8, style: "currency", scale: "billion", unit: "USD" }
 */
export function parseFormatted(
  text: string,
  locale: string = DEFAULT_LOCALE,
): ParsedNumber | undefined {
  let t = spaces(text).trim();
  if (t === NOT_AVAILABLE_TEXT) return { value: null, style: "number", scale: "one" };
  const symbols = localeSymbols(locale);
  let style: FormatStyle = "number";
  let unit: string | undefined;
  // Unit words come last: "2.1 million barrels a day".
  const words = [
    ...Object.entries(UNIT_WORDS),
    ...Object.entries(UNIT_WORDS).flatMap(([id, w]) => {
      const one = SINGULAR_WORDS[w];
      return one === undefined ? [] : [[id, one] as [string, string]];
    }),
  ].sort((a, b) => b[1].length - a[1].length);
  for (const [id, word] of words) {
    if (t.endsWith(` ${word}`)) {
      t = t.slice(0, -word.length - 1);
      unit = id;
      if (id === DERIVED_UNITS.multiple) style = "multiple";
      break;
    }
  }
  const own = localeWords(locale);
  if (own !== undefined && unit === undefined) {
    const found = ownUnitWord(t, own);
    if (found !== undefined) {
      t = found.number;
      unit = found.unit;
      if (unit === DERIVED_UNITS.multiple) style = "multiple";
    }
  }
  let scale: Scale = "one";
  for (const s of SCALES) {
    if (s === "one") continue;
    const word = own?.scales[s] ?? SCALE_WORDS[s];
    const re = new RegExp(
      own === undefined ? `\\s${word}(?=\\s|$)` : `\\s?${escapeRegExp(word)}(?=\\s|$|\\D)`,
    );
    if (re.test(t)) {
      t = t.replace(re, "");
      scale = s;
      break;
    }
  }
  for (const [symbol, code] of symbols.currencies) {
    if (symbol && t.includes(symbol)) {
      t = t.replace(symbol, "");
      style = "currency";
      unit = code;
      break;
    }
  }
  if (t.includes(symbols.percent)) {
    t = t.replace(symbols.percent, "");
    style = "percent";
    unit = DERIVED_UNITS.percent;
  }
  // Japanese myriad units: 13億5200万 is 1,352,000,000, read back in ones.
  if (/[兆億万]/.test(t)) {
    const myriad = readMyriad(t.replace(/\s/g, ""), symbols.group);
    if (myriad === undefined) return undefined;
    const parsed: ParsedNumber = { value: myriad, style, scale: "one" };
    if (unit !== undefined) parsed.unit = unit;
    return parsed;
  }
  let digits = t.replace(/\s/g, "");
  if (symbols.group.trim())
    digits = digits.replace(new RegExp(escapeRegExp(symbols.group), "g"), "");
  digits = digits
    .replace(new RegExp(escapeRegExp(symbols.decimal), "g"), ".")
    .replace(/[\u2212\u2012-]/g, "-")
    .replace(/^\+/, "");
  if (!/^-?\d+(\.\d+)?$/.test(digits)) return undefined;
  const value = Number(digits);
  if (!Number.isFinite(value)) return undefined;
  const parsed: ParsedNumber = { value: value === 0 ? 0 : value, style, scale };
  if (unit !== undefined) parsed.unit = unit;
  return parsed;
}

/** 13億5200万 → 1352000000; undefined when it is not such a number. */
function readMyriad(text: string, group: string): number | undefined {
  const m = /^([+-]?)(?:([\d,]+)兆)?(?:(\d+)億)?(?:(\d+)万)?(\d+)?$/.exec(
    group.trim() ? text.replaceAll(group, "") : text,
  );
  if (m === null) return undefined;
  const [, sign, cho, oku, man, rest] = m;
  const total =
    Number(cho ?? 0) * 1e12 + Number(oku ?? 0) * 1e8 + Number(man ?? 0) * 1e4 + Number(rest ?? 0);
  return sign === "-" ? -total : total;
}

/** A unit word of the language's table around `text`: the number inside and the unit. */
function ownUnitWord(
  text: string,
  words: LocaleWords,
): { number: string; unit: string } | undefined {
  const ids = [...Object.keys(RUSSIAN_UNITS), ...Object.keys(JAPANESE_UNITS)];
  const forms: Array<{ pre: string; post: string; unit: string }> = [];
  // The forms a noun takes after these numbers (1 баррель, 2 барреля, 5 баррелей, 1,5 барреля).
  for (const id of new Set(ids)) {
    for (const n of ["1", "2", "5", "1,5"]) {
      for (const scaled of [false, true]) {
        const w = words.unit(n, id, scaled);
        if (w === undefined) continue;
        const at = w.indexOf(n);
        forms.push({ pre: spaces(w.slice(0, at)), post: spaces(w.slice(at + n.length)), unit: id });
      }
    }
  }
  forms.sort((a, b) => b.pre.length + b.post.length - (a.pre.length + a.post.length));
  for (const f of forms) {
    if ((f.pre || f.post) && text.startsWith(f.pre) && text.endsWith(f.post)) {
      return { number: text.slice(f.pre.length, text.length - f.post.length), unit: f.unit };
    }
  }
  return undefined;
}
