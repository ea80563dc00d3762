/**
 * Every filter LiquidJS has (its own list, so a new one cannot be missed),
 * and briefkit's three, against every kind of value a template holds —
 * indicators of each style, facts of each shape, the plain strings and
 * numbers of the scope, literals — with arbitrary arguments: each result is
 * correct or a located error, never a `0`, a blank or a `NaN` by accident.
 *
 * "Correct" is checked, not just "not empty": a numeric filter's printed
 * figure is read back (`parseFormatted`) and compared with the arithmetic on
 * the value as displayed; a text filter's output still holds the figure; a
 * filter on plain values prints what LiquidJS itself prints for them.
 *
 * The number of a figure that is not available (its `.value`, which prints
 * nothing and decides nothing) goes into no filter, as the value or as an
 * argument: each is the error that names the figure and its reason.
 */
import type { NumberInline } from "@briefkit/document";
import { parseFormatted } from "@briefkit/indicators";
import fc from "fast-check";
import { Liquid, filters as liquidFilters } from "liquidjs";
import { beforeAll, describe, expect, it } from "vitest";
import { FILTER_TABLE, type FilterInfo } from "../src/filters.js";
import { type Harness, harness, NOT_AVAILABLE, type Outcome } from "./harness.js";

let h: Harness;
beforeAll(async () => {
  h = await harness();
});

// ---------------------------------------------------------------------------
// The values

/** A figure of the scope, by its path, and what kind of figure it is. */
interface FigureCase {
  path: string;
  /** Exact, single, available, and arithmetic applies to its unit without restriction. */
  simple: boolean;
  qualifier?: string;
  /** A percentage: plus and minus are refused (a level or a gap in points?). */
  percent?: boolean;
}

const FIGURES: FigureCase[] = [
  // Indicators, one per display style.
  { path: "ind.total-trade-latest", simple: true }, // currency, billions
  { path: "ind.far-east-trade-latest", simple: true }, // currency, millions, no decimals
  { path: "ind.total-trade-growth", simple: true, percent: true }, // percent growth
  { path: "ind.total-trade-multiple", simple: true }, // "2.3 times"
  { path: "ind.crude-exports-2020-bpd", simple: true }, // number with unit word and display scale
  { path: "ind.east-asia-import-share-change", simple: true }, // percentage points
  { path: "ind.sakhalin-trade-rank", simple: false }, // rank
  { path: `ind.${NOT_AVAILABLE.id}`, simple: false }, // not available: "—"
  // Facts, one per shape.
  { path: "fact.pacific-pipeline-length", simple: true }, // exact, km
  { path: "fact.japan-imports-from-east-asia-share-2001", simple: true, percent: true }, // exact percent
  { path: "fact.fdi-stock", simple: false, qualifier: "more than " },
  { path: "fact.japanese-investment-cumulative", simple: false, qualifier: "almost " },
  { path: "fact.indirect-japanese-exports-via-third-countries", simple: false }, // range
  { path: "fact.pacific-pipeline-share-of-output", simple: false, qualifier: "up to " }, // range
  { path: "fact.sakhalin-2-lng-japan-share", simple: false }, // fraction: "half"
  { path: "fact.asia-pacific-share-of-oil-exports-2020", simple: false, qualifier: "about " },
  { path: "fact.kyoto-base-year", simple: false }, // year
  { path: "fact.pipeline-phase-one-years", simple: false }, // year range
  { path: "fact.japan-economy-rank", simple: false }, // rank
  { path: "fact.japanese-offices-moscow", simple: false, qualifier: "more than " }, // count
];

/** Plain values: from the scope (`expr` reads it), and literals (held in `v`). */
const PLAIN: Array<{ name: string; expr: string; value: unknown }> = [
  { name: "edition", expr: "edition", value: "2005" },
  { name: "published", expr: "published", value: "2005-09-08" },
  { name: "data_as_of", expr: "data_as_of", value: "2005-06-30" },
  { name: "template.title", expr: "template.title", value: "Russia and Japan beyond 2005" },
  { name: "audience", expr: "audience", value: "full" },
  { name: "nil", expr: "nil", value: null },
  ...[0, 5, -3.5, 8.8, "abc", "12", "", true, ["b", "a"], ["1", "2.5"]].map((value) => ({
    name: JSON.stringify(value),
    expr: "v",
    value,
  })),
];

/** The number of a figure that is not available. */
const MISSING_PATH = `ind.${NOT_AVAILABLE.id}.value`;

/**
 * Argument values: good and bad numbers, text, nothing, a list, a figure,
 * and the number of a figure that is not available.
 */
const ARGS: unknown[] = [
  ...[0, 1, 2, -1, 0.5, 2.5, 1000, "3", "abc", "", null, true, ["x"]],
  ...["FIGURE", "MISSING"],
];
const argArb = fc.constantFrom(...ARGS);

/**
 * What a scope variable holding an argument is set to (a figure stands for
 * ind.total-trade-first, the missing number for ind.trade-1990.value).
 */
function argScope(args: readonly unknown[]) {
  return (scope: Record<string, unknown>) => {
    const ind = scope.ind as Record<string, Record<string, unknown>>;
    const stand = (a: unknown) =>
      a === "FIGURE"
        ? ind["total-trade-first"]
        : a === "MISSING"
          ? ind[NOT_AVAILABLE.id]!.value
          : a;
    return Object.fromEntries(args.map((a, i) => [`a${i}`, stand(a)]));
  };
}

let missingMessage: string;
beforeAll(async () => {
  const reason = await h.render(`{{ ind.${NOT_AVAILABLE.id}.reason }}`);
  if (!reason.ok) throw new Error(reason.problem.message);
  missingMessage = `ind.${NOT_AVAILABLE.id} is not available (${reason.text}), so ${MISSING_PATH} has no number to print, test or compare`;
});

/** Whether the missing number went into the filter: then the outcome is its error, at the filter. */
function refusedMissing(r: Outcome, name: string, tpl: string, missing: boolean): boolean {
  if (!missing) return false;
  expect(r.ok, `${tpl} must be an error`).toBe(false);
  if (!r.ok) {
    expect(r.problem.message, tpl).toBe(`${name}: ${missingMessage}`);
    expect(r.problem.column, tpl).toBe(tpl.indexOf(`| ${name}`) + 3);
    expect(r.problem.hint, tpl).toContain(`{% if ind.${NOT_AVAILABLE.id}.available %}`);
  }
  return true;
}

const template = (expr: string, name: string, n: number) =>
  `{{ ${expr} | ${name}${n > 0 ? `: ${Array.from({ length: n }, (_, i) => `a${i}`).join(", ")}` : ""} }}`;

// ---------------------------------------------------------------------------
// What a correct result is

const NUMERIC_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const asNumber = (x: unknown): number | undefined =>
  typeof x === "number" && Number.isFinite(x)
    ? x
    : typeof x === "string" && NUMERIC_TEXT.test(x.trim())
      ? Number(x)
      : undefined;

const WHOLE = new Set(["rank", "count", "year", "day-of-month"]);

const SCALE: Record<string, number> = {
  one: 1,
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
};

const FRACTIONS: Record<string, number> = {
  half: 0.5,
  "one-third": 1 / 3,
  "a quarter": 0.25,
  "two-thirds": 2 / 3,
  "three-quarters": 0.75,
};

/** Arguments a numeric filter must refuse, whatever the value: a zero divisor, too many digits. */
function mustFail(name: string, k: number | undefined): boolean {
  if ((name === "divided_by" || name === "modulo") && k === 0) return true;
  return ["round", "ceil", "floor"].includes(name) && k !== undefined && Math.abs(k) > 15;
}

/** The plain arithmetic a numeric filter stands for. */
function arithmetic(name: string, x: number, k: number | undefined): number {
  const shift = (n: number, e: number) => Number(`${n}e${e}`);
  const d = k ?? 0;
  switch (name) {
    case "abs":
      return Math.abs(x);
    case "at_least":
      return Math.max(x, k!);
    case "at_most":
      return Math.min(x, k!);
    case "ceil":
      return Math.ceil(shift(x, d)) / 10 ** d;
    case "floor":
      return Math.floor(shift(x, d)) / 10 ** d;
    case "round":
      return (Math.sign(x) * Math.round(shift(Math.abs(x), d))) / 10 ** d;
    case "divided_by":
      return x / k!;
    case "minus":
      return x - k!;
    case "modulo":
      return ((x % k!) + k!) % k!;
    case "plus":
      return x + k!;
    case "times":
      return x * k!;
    default:
      throw new Error(`not numeric: ${name}`);
  }
}

/** A printed number read back: its value, decimals, style, scale and unit. */
function readNumber(text: string): { value: number; decimals: number; key: string } | undefined {
  const t = text.trim();
  if (t in FRACTIONS) return { value: FRACTIONS[t]!, decimals: 2, key: "fraction" };
  const p = parseFormatted(t);
  if (!p || p.value === null) return undefined;
  const decimals =
    /\.(\d+)/.exec(t.replace(/[^\d.]/g, (c) => (c === "." ? c : " ")))?.[1]?.length ?? 0;
  return {
    value: p.value * SCALE[p.scale]!,
    decimals,
    key: `${p.style}|${p.scale}|${p.unit ?? ""}`,
  };
}

/** The ends a printed figure states: one number, or the two of a range ("US$3–4 billion"). */
function readFigure(text: string, qualifier = ""): Array<ReturnType<typeof readNumber>> {
  const body = text.startsWith(qualifier) ? text.slice(qualifier.length) : text;
  // A range with a negative end is written in full: "-US$4 billion to -US$3 billion".
  const full = body.split(" to ");
  if (full.length === 2) return full.map((end) => readNumber(end));
  const m = /^(.*?)(-?[\d.,]+)–(-?[\d.,]+)(.*)$/.exec(body);
  if (m && !/–.*–/.test(body)) {
    const [, pre, low, high, post] = m;
    // "US$3–4 billion": the low end borrows the prefix and the words after the high end.
    const words = post!.replace(/^[\d.,]*/, "");
    return [readNumber(`${pre}${low}${words}`), readNumber(`${pre}${high}${post}`)];
  }
  return [readNumber(body)];
}

/** Whether `got` is `want` as printed with `decimals` places. */
const near = (got: number, want: number, decimals: number) =>
  Math.abs(got - want) <= 0.5 * 10 ** -decimals + 1e-9 * Math.max(1, Math.abs(want));

function expectLocated(r: Outcome, name: string, tpl: string) {
  if (r.ok) return;
  const m = r.problem.message;
  // An error of the filter itself, at the filter; LiquidJS's own strict-variable error; or
  // printing an object a list filter gave (at the output).
  expect(
    m.startsWith(`${name}:`) ||
      /^undefined variable/.test(m) ||
      m.startsWith(`cannot print what ${name} gave`),
    `${tpl} → ${m}`,
  ).toBe(true);
  expect(m, tpl).not.toMatch(/is not a function|Cannot read|is not iterable|of undefined|of null/);
  if (m.startsWith(`${name}:`)) {
    expect(r.problem.line, tpl).toBe(1);
    expect(r.problem.column, tpl).toBe(tpl.indexOf(`| ${name}`) + 3);
  }
}

function expectNoAccident(r: Outcome, name: string, tpl: string) {
  if (!r.ok) return;
  expect(r.text, tpl).not.toMatch(/NaN|undefined|Infinity|\[object/);
  if (!["json", "jsonify", "inspect"].includes(name)) expect(r.text, tpl).not.toMatch(/\bnull\b/);
}

// ---------------------------------------------------------------------------
// Figures

async function checkOnFigure(info: FilterInfo, fig: FigureCase, args: readonly unknown[]) {
  const name = info.name;
  const tpl = template(fig.path, name, args.length);
  const r = await h.render(tpl, argScope(args));
  expectLocated(r, name, tpl);
  expectNoAccident(r, name, tpl);
  if (refusedMissing(r, name, tpl, args.includes("MISSING"))) return;
  const original = await printed(fig.path);
  const available = original.value !== null;
  const figureArg = args.includes("FIGURE");
  const tooMany = args.length > info.args.length;
  const tooFew = args.length < info.required;

  switch (info.kind) {
    case "refused-on-figures":
    case "refused":
      expect(r.ok, tpl).toBe(false);
      return;
    case "numeric": {
      const k = args.length > 0 ? asNumber(args[0]) : undefined;
      const badArg =
        figureArg ||
        tooMany ||
        tooFew ||
        (args.length > 0 && k === undefined) ||
        (["round", "ceil", "floor"].includes(name) && k !== undefined && !Number.isInteger(k));
      if (badArg || mustFail(name, k) || (fig.percent && (name === "plus" || name === "minus"))) {
        expect(r.ok, `${tpl} must be an error`).toBe(false);
        return;
      }
      const display = readFigure(original.text, fig.qualifier)[0]?.value;
      if (
        fig.simple &&
        available &&
        display !== undefined &&
        Number.isFinite(arithmetic(name, display, k))
      ) {
        expect(r.ok, `${tpl} must work`).toBe(true);
      }
      if (!r.ok) return;
      expect(r.figures, tpl).toHaveLength(1);
      const out = r.figures[0]!;
      expect(out.provenance, tpl).toMatchObject({
        ...original.provenance,
        method: expect.stringContaining(`| ${name}`),
      });
      if (!available) {
        expect(out.text, tpl).toBe("—");
        return;
      }
      expect(out.text.startsWith(fig.qualifier ?? ""), tpl).toBe(true);
      const before = readFigure(original.text, fig.qualifier);
      const after = readFigure(out.text, fig.qualifier);
      const scale = original.scale ?? "one";
      // The value as displayed, end by end (a range's ends are its low and high fields).
      const stored = before.length === 2 ? await rangeEnds(fig.path) : [original.value!];
      const displayed = stored.map((v, i) => {
        const b = before[i];
        return !b || b.key === "fraction" ? v : (v * SCALE[scale]!) / SCALE[b.key.split("|")[1]!]!;
      });
      const want = displayed.map((x) => arithmetic(name, x, k)).sort((a, b) => a - b);
      const got = after;
      if (want.length === 2 && want[0] === want[1]) want.pop();
      expect(got.length, `${tpl} → ${out.text}`).toBe(want.length);
      got.forEach((g, i) => {
        expect(g, `${tpl} → ${out.text}`).toBeDefined();
        // A fraction prints in words, or as a percent when no word fits (two-thirds × 2 = 133%).
        const fraction = before[0]?.key === "fraction";
        const unitScale = g!.key === "fraction" ? 1 : SCALE[g!.key.split("|")[1]!]!;
        const shown =
          g!.key === "fraction" ? g!.value : fraction ? g!.value / 100 : g!.value / unitScale;
        const tolerance = fraction ? 0.005 : undefined;
        if (tolerance !== undefined) {
          expect(Math.abs(shown - want[i]!) <= tolerance, `${tpl} → ${out.text}`).toBe(true);
        } else {
          expect(near(shown, want[i]!, g!.decimals), `${tpl} → ${out.text} (want ${want[i]})`).toBe(
            true,
          );
          // Same style, scale and unit as the original.
          if (before[0]) expect(g!.key, tpl).toBe(before[0].key);
        }
        // A rank, a count, a year is whole: no rounding hides a fraction of one, and it prints whole.
        const whole = WHOLE.has(original.unit ?? "");
        if (whole) expect(shown, `${tpl} → ${out.text}`).toBe(want[i]! + 0);
        if (["round", "ceil", "floor"].includes(name)) {
          expect(g!.decimals, tpl).toBe(whole ? 0 : Math.max(0, k ?? 0));
        }
      });
      return;
    }
    case "text": {
      if (figureArg || tooMany || tooFew) {
        expect(r.ok, `${tpl} must be an error`).toBe(false);
        return;
      }
      if (["upcase", "downcase", "capitalize"].includes(name)) {
        expect(r.ok, tpl).toBe(true);
      }
      if (!r.ok) return;
      expect(r.figures, tpl).toHaveLength(1);
      const out = r.figures[0]!;
      expect(out.value, tpl).toBe(original.value);
      expect(out.provenance, tpl).toEqual(original.provenance);
      if (["upcase", "downcase", "capitalize"].includes(name)) {
        expect(out.text.toLowerCase(), tpl).toBe(original.text.toLowerCase());
      } else {
        // The figure itself is still there, whole.
        expect(out.text, tpl).toContain(original.text);
        if (name === "append" && typeof args[0] === "string")
          expect(out.text).toBe(`${original.text}${args[0]}`);
        if (name === "prepend" && typeof args[0] === "string")
          expect(out.text).toBe(`${args[0]}${original.text}`);
      }
      return;
    }
    case "wording":
      if (figureArg || tooMany || tooFew) {
        expect(r.ok, `${tpl} must be an error`).toBe(false);
        return;
      }
      if (name === "direction") {
        if (!available) expect(r.ok, tpl).toBe(false);
        if (!r.ok) return;
        const words = [...args.map(String), "was unchanged"];
        const shown = readFigure(original.text, fig.qualifier)[0];
        const sign = Math.sign(shown?.value ?? original.value!);
        expect(r.text, tpl).toBe(sign > 0 ? words[0] : sign < 0 ? words[1] : words[2]);
      }
      if (name === "bare" && r.ok) {
        expect(r.figures[0]?.text, tpl).toBe(original.text.slice((fig.qualifier ?? "").length));
        expect(r.figures[0]?.value, tpl).toBe(original.value);
      }
      if (name === "ordinal" && r.ok && available) {
        const n = original.value!;
        expect(Number.isInteger(n) && n >= 1, tpl).toBe(true);
        expect(r.figures[0]?.text, tpl).toMatch(
          n <= 9 ? /^[a-z]+$/ : new RegExp(`^${n}(st|nd|rd|th)$`),
        );
      }
      return;
    case "pass-through":
      if (!r.ok) return;
      if (name === "default" && !available)
        expect(r.text).toBe(args[0] === "FIGURE" ? "US$3.9 billion" : String(args[0] ?? ""));
      else expect(r.figures[0], tpl).toEqual(original);
      return;
  }
}

const printedCache = new Map<string, NumberInline>();
/** The figure at `path` as it prints unfiltered. */
async function printed(path: string): Promise<NumberInline> {
  const known = printedCache.get(path);
  if (known) return known;
  const r = await h.render(`{{ ${path} }}`);
  if (!r.ok) throw new Error(r.problem.message);
  printedCache.set(path, r.figures[0]!);
  return r.figures[0]!;
}

async function rangeEnds(path: string): Promise<number[]> {
  const r = await h.render(`{{ ${path}.low }}|{{ ${path}.high }}`);
  if (!r.ok) throw new Error(r.problem.message);
  return r.text.split("|").map(Number);
}

// ---------------------------------------------------------------------------
// Plain values

/** LiquidJS as it comes, for what its filters print on plain values. */
const oracle = new Liquid({
  strictVariables: true,
  strictFilters: true,
  ownPropertyOnly: true,
  jsTruthy: false,
  timezoneOffset: 0,
  locale: "en-GB",
});

async function checkOnPlain(
  info: FilterInfo,
  value: (typeof PLAIN)[number],
  args: readonly unknown[],
) {
  const name = info.name;
  const tpl = template(value.expr, name, args.length);
  const extra = (scope: Record<string, unknown>) => ({
    ...argScope(args)(scope),
    ...(value.expr === "v" ? { v: value.value } : {}),
  });
  const r = await h.render(tpl, extra);
  expectLocated(r, name, tpl);
  expectNoAccident(r, name, tpl);
  if (refusedMissing(r, name, tpl, args.includes("MISSING"))) return;
  const figureArg = args.includes("FIGURE");
  const tooMany = args.length > info.args.length;
  const tooFew = args.length < info.required;
  if (info.kind === "refused") {
    expect(r.ok, tpl).toBe(false);
    return;
  }
  if (info.kind === "numeric") {
    const x = asNumber(value.value);
    const k = args.length > 0 ? asNumber(args[0]) : undefined;
    const bad =
      x === undefined ||
      figureArg ||
      tooMany ||
      tooFew ||
      (args.length > 0 && k === undefined) ||
      (["round", "ceil", "floor"].includes(name) && k !== undefined && !Number.isInteger(k)) ||
      mustFail(name, k);
    if (bad) {
      expect(r.ok, `${tpl} with ${JSON.stringify(value.value)} must be an error`).toBe(false);
      return;
    }
    const want = arithmetic(name, x!, k);
    if (Number.isFinite(want)) expect(r.ok, `${tpl} must work`).toBe(true);
    if (!r.ok) return;
    expect(
      Math.abs(Number(r.text) - want) <= 1e-9 * Math.max(1, Math.abs(want)),
      `${tpl} → ${r.text}`,
    ).toBe(true);
    return;
  }
  if (info.kind === "wording") {
    const n = asNumber(value.value);
    const notWords = args.some((a) => typeof a !== "string" && typeof a !== "number");
    if (name === "bare" || n === undefined || figureArg || tooMany || tooFew || notWords) {
      expect(r.ok, `${tpl} must be an error`).toBe(false);
      return;
    }
    if (name === "direction") {
      expect(r.ok, tpl).toBe(true);
      const words = [...args.map(String), "was unchanged"];
      expect(r.ok && r.text, tpl).toBe(n > 0 ? words[0] : n < 0 ? words[1] : words[2]);
    }
    if (name === "ordinal") {
      expect(r.ok, tpl).toBe(Number.isInteger(n) && n >= 1);
      if (r.ok)
        expect(r.text, tpl).toMatch(n <= 9 ? /^[a-z]+$/ : new RegExp(`^${n}(st|nd|rd|th)$`));
    }
    return;
  }
  if (!r.ok || figureArg) return;
  // LiquidJS prints its nil literal (a drop) as {} in JSON; briefkit sees the nil it stands for.
  if (value.name === "nil" && ["json", "jsonify", "inspect"].includes(name)) {
    expect(r.text, tpl).toBe("null");
    return;
  }
  // Whatever briefkit lets through prints what LiquidJS prints.
  const scope = { ...h.scope(), ...extra(h.scope()) };
  if (name === "sum") {
    const items = value.value as unknown[];
    expect(Number(r.text), tpl).toBe(items.reduce((s: number, x) => s + Number(x), 0));
    return;
  }
  if (name === "to_integer") {
    expect(Number(r.text), tpl).toBe(asNumber(value.value));
    return;
  }
  const want = await oracle.parseAndRender(tpl, scope);
  expect(r.text, tpl).toBe(String(want));
}

/** The missing number as the filter's value. */
async function checkOnMissing(info: FilterInfo, args: readonly unknown[]) {
  const tpl = template(MISSING_PATH, info.name, args.length);
  const r = await h.render(tpl, argScope(args));
  refusedMissing(r, info.name, tpl, true);
}

// ---------------------------------------------------------------------------

const ALL_FILTERS = [...Object.keys(liquidFilters), "direction", "ordinal", "bare"];

describe("every filter against every kind of value", () => {
  it("enumerates LiquidJS's own filter list", () => {
    expect(FILTER_TABLE.map((f) => f.name)).toEqual(ALL_FILTERS);
  });

  for (const name of ALL_FILTERS) {
    const info = FILTER_TABLE.find((f) => f.name === name)!;
    it(`${name}: correct or a located error`, async () => {
      // Every value with well-formed arguments, so every pair is seen at least once.
      const good = info.args
        .slice(0, info.required)
        .map((a) => (a === "number" ? 2 : a === "integer" ? 1 : a === "list" ? ["x"] : "x"));
      for (const fig of FIGURES) await checkOnFigure(info, fig, good);
      for (const value of PLAIN) await checkOnPlain(info, value, good);
      await checkOnMissing(info, good);
      // The missing number as each argument the filter takes.
      for (let i = 0; i < info.args.length; i += 1) {
        const withMissing = [...good, ...info.args.slice(good.length).map(() => "x")].map((a, j) =>
          j === i ? "MISSING" : a,
        );
        await checkOnFigure(info, FIGURES[0]!, withMissing);
        await checkOnPlain(info, PLAIN[0]!, withMissing);
      }
      // A numeric filter: every value with every single argument (zero, text, nil, a figure …).
      if (info.kind === "numeric") {
        for (const a of ARGS) {
          for (const fig of FIGURES) await checkOnFigure(info, fig, [a]);
          for (const value of PLAIN) await checkOnPlain(info, value, [a]);
          await checkOnMissing(info, [a]);
        }
      }
      // And arbitrary arguments.
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.constantFrom(...FIGURES).map((f) => ({ figure: f })),
            fc.constantFrom(...PLAIN).map((p) => ({ plain: p })),
            fc.constant({ missing: true }),
          ),
          fc.array(argArb, { maxLength: 3 }),
          async (v, args) => {
            if ("figure" in v) await checkOnFigure(info, v.figure, args);
            else if ("plain" in v) await checkOnPlain(info, v.plain, args);
            else await checkOnMissing(info, args);
          },
        ),
        { numRuns: 40, seed: 20050908 },
      );
    }, 60_000);
  }
});
