/**
 * The filters of the template language: the filter table (complete, every
 * example true), numeric filters that keep a figure's format and
 * provenance, text filters that keep it intact, refusals with the reason,
 * the wording filters, not-available figures, the fields a figure shows, and
 * located errors through `compose`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { type Block, type Inline, plainText } from "@briefkit/document";
import { filters as liquidFilters } from "liquidjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FILTER_TABLE, UNREVIEWED_FILTERS } from "../src/filters.js";
import { compose, createComposeCache, FILTER_TABLE as exported } from "../src/index.js";
import { type Harness, harness, NOT_AVAILABLE, templateDir } from "./harness.js";

let h: Harness;
beforeAll(async () => {
  h = await harness();
});

const cache = createComposeCache();
const tmp = mkdtempSync(join(tmpdir(), "briefkit-filters-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Composes one section with the example template and data, with "About the figures". */
async function composeSection(source: string) {
  const dir = mkdtempSync(join(tmp, "t-"));
  mkdirSync(join(dir, "sections"));
  writeFileSync(
    join(dir, "template.yaml"),
    `id: f\nextends: ${relative(dir, templateDir)}\nsections: { s: { file: sections/s.md } }\naudiences: { x: { label: X, sections: [s], aboutFigures: true } }\n`,
  );
  writeFileSync(join(dir, "sections/s.md"), source);
  return compose({ templateDir: dir, dataset: h.dataset, audience: "x", figures: false, cache });
}

/** The text of the first paragraph, as the brief prints it. */
function paragraphText(blocks: readonly Block[]): string {
  const p = blocks.find((b) => b.type === "paragraph") as
    | (Block & { children: Inline[] })
    | undefined;
  return p ? plainText(p.children) : "";
}

/** The output, or "error: <message>". */
async function out(template: string): Promise<string> {
  const r = await h.render(template);
  return r.ok ? r.text : `error: ${r.problem.message}`;
}

describe("the filter table", () => {
  it("lists every LiquidJS filter, from LiquidJS's own list, and briefkit's three", () => {
    expect(exported).toBe(FILTER_TABLE);
    const names = FILTER_TABLE.map((f) => f.name);
    expect(names).toEqual([...Object.keys(liquidFilters), "direction", "ordinal", "bare"]);
    expect(new Set(names).size).toBe(names.length);
    // A filter a new LiquidJS brings is refused until it is reviewed: this list must stay empty.
    expect(UNREVIEWED_FILTERS).toEqual([]);
  });

  it("says for each filter its kind, what it does, what it does to a figure and an example", () => {
    for (const f of FILTER_TABLE) {
      expect(f.description.length, f.name).toBeGreaterThan(10);
      expect(f.onFigure.length, f.name).toBeGreaterThan(5);
      expect(f.example.template, f.name).toContain(`| ${f.name}`);
      expect(f.required).toBeLessThanOrEqual(f.args.length);
      expect(f.origin).toBe(f.name in liquidFilters ? "liquidjs" : "briefkit");
    }
    const kinds = (k: string) =>
      FILTER_TABLE.filter((f) => f.kind === k)
        .map((f) => f.name)
        .sort();
    expect(kinds("numeric")).toEqual(
      [
        "abs",
        "at_least",
        "at_most",
        "ceil",
        "divided_by",
        "floor",
        "minus",
        "modulo",
        "plus",
        "round",
        "times",
      ].sort(),
    );
    expect(kinds("wording")).toEqual(["bare", "direction", "ordinal"]);
    expect(kinds("pass-through")).toEqual(["default", "raw"]);
    expect(kinds("refused")).toEqual(["sample"]);
    expect(kinds("refused-on-figures")).toEqual(
      expect.arrayContaining(["split", "first", "size", "join", "date", "json", "url_encode"]),
    );
  });

  it("every example prints in a brief what the table says, with the example data", async () => {
    for (const f of FILTER_TABLE) {
      const r = await composeSection(`${f.example.template}\n`);
      if ("output" in f.example) {
        expect(r.ok ? paragraphText(r.document.blocks) : r.issues[0]?.message, f.name).toBe(
          f.example.output,
        );
      } else {
        expect(r.ok ? "composed" : r.issues[0]?.message, f.name).toContain(f.example.error);
      }
    }
  }, 60_000);

  it("every refused-on-figures filter, applied to a figure, says why and what to use", async () => {
    for (const f of FILTER_TABLE.filter((x) => x.kind === "refused-on-figures")) {
      const args = f.args.slice(0, f.required).map((a) => (a === "list" ? "xs" : '"1"'));
      const template = `{{ ind.total-trade-latest | ${f.name}${args.length ? `: ${args.join(", ")}` : ""} }}`;
      const r = await h.render(template, { xs: ["a"] });
      expect(r.ok, template).toBe(false);
      if (r.ok) continue;
      expect(r.problem.message).toBe(
        `${f.name}: cannot take the figure ind.total-trade-latest (“US$8.8 billion”): ${f.onFigure}`,
      );
      expect(r.problem.column).toBe(template.indexOf(`| ${f.name}`) + 3);
    }
  });
});

describe("numeric filters on a figure", () => {
  it("work on the number as displayed and write the result in the same format", async () => {
    expect(await out("{{ ind.total-trade-latest | times: 2 }}")).toBe("US$17.6 billion");
    expect(await out("{{ ind.total-trade-latest | divided_by: 2 }}")).toBe("US$4.4 billion");
    // Arguments are in the displayed unit: plus 1 on US$8.8 billion is US$9.8 billion.
    expect(await out("{{ ind.total-trade-latest | plus: 1 }}")).toBe("US$9.8 billion");
    expect(await out("{{ ind.far-east-trade-latest | minus: 52 }}")).toBe("US$1,300 million");
    expect(await out("{{ ind.total-trade-growth | times: 2 }}")).toBe("98%");
    expect(await out("{{ ind.total-trade-multiple | plus: 1 }}")).toBe("3.3 times");
    expect(await out("{{ ind.crude-exports-2020-bpd | times: 2 }}")).toBe(
      "4.2 million barrels a day",
    );
    expect(await out("{{ fact.pacific-pipeline-length | divided_by: 2 }}")).toBe("2,100 km");
  });

  it("round, ceil and floor round the displayed number; the decimals follow the rounding", async () => {
    expect(await out("{{ ind.total-trade-latest | round }}")).toBe("US$9 billion");
    expect(await out("{{ ind.total-trade-latest | ceil }}")).toBe("US$9 billion");
    expect(await out("{{ ind.total-trade-latest | floor }}")).toBe("US$8 billion");
    expect(await out("{{ ind.total-trade-growth | round }}")).toBe("49%");
    expect(await out("{{ ind.total-trade-growth | round: 1 }}")).toBe("49.2%");
    expect(await out("{{ ind.total-trade-growth | ceil: 1 }}")).toBe("49.2%");
    expect(await out("{{ ind.total-trade-growth | floor: 1 }}")).toBe("49.1%");
    expect(await out("{{ ind.far-east-trade-latest | round: -2 }}")).toBe("US$1,400 million");
    expect(await out("{{ ind.total-trade-multiple | round }}")).toBe("2 times");
    // The value is the rounded one, in the stored scale.
    const r = await h.render("{{ ind.total-trade-latest | round }}");
    expect(r.ok && r.figures[0]?.value).toBe(9);
  });

  it("keep the provenance and record the filter in its method", async () => {
    const r = await h.render("{{ ind.total-trade-latest | times: 2 | round }}");
    if (!r.ok) throw new Error(r.problem.message);
    expect(r.figures).toHaveLength(1);
    expect(r.figures[0]).toMatchObject({
      type: "number",
      value: 18,
      text: "US$18 billion",
      unit: "USD",
      scale: "billion",
      provenance: {
        indicator: "total-trade-latest",
        table: "bilateral-trade",
        periods: ["2004"],
        method: "value | times: 2 | round",
      },
    });
    const f = await h.render("{{ fact.pacific-pipeline-length | times: 2 }}");
    expect(f.ok && f.figures[0]?.provenance).toMatchObject({
      fact: "pacific-pipeline-length",
      method: "| times: 2",
    });
  });

  it("refuse plus and minus on a percentage: a level or a gap in points cannot be told apart", async () => {
    const r = await h.render("Gap {{ ind.total-trade-growth | minus: 10 }}.");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem.message).toMatch(/^minus: ind\.total-trade-growth .* is a percentage/);
    expect(r.problem.message).toContain("function: change");
    expect(r.problem.column).toBe(33);
    // Points are points: a change in percentage points takes plus and minus.
    expect(await out("{{ ind.east-asia-import-share-change | plus: 1 }}")).toMatch(
      /percentage points$/,
    );
  });

  it("apply to both ends of a range, and keep a qualifier only where it stays true", async () => {
    expect(await out("{{ fact.indirect-japanese-exports-via-third-countries | times: 2 }}")).toBe(
      "US$6–8 billion",
    );
    expect(await out("{{ fact.pipeline-phase-one-years | plus: 1 }}")).toBe("2007–2009");
    expect(await out("{{ fact.fdi-stock | times: 2 }}")).toBe("more than US$164 billion");
    expect(await out("{{ fact.pacific-pipeline-share-of-output | times: 2 }}")).toBe(
      "up to 30–40%",
    );
    expect(await out("{{ fact.fdi-stock | round }}")).toMatch(
      /^error: round: fact\.fdi-stock \(“more than US\$82 billion”\) is a bound \("more-than"\).*\| bare \| round/,
    );
    expect(await out("{{ fact.fdi-stock | times: -1 }}")).toMatch(/^error: times: .* is a bound/);
    expect(await out("{{ fact.fdi-stock | bare | times: -1 }}")).toBe("-US$82 billion");
    expect(await out("{{ fact.about-fact-does-not-exist | round }}")).toMatch(/^error:/);
    expect(await out("{{ fact.asia-pacific-share-of-oil-exports-2020 | round }}")).toMatch(
      /^error: round: .* fraction written in words; only times, divided_by and abs/,
    );
    expect(
      await out("{{ fact.indirect-japanese-exports-via-third-countries | modulo: 2 }}"),
    ).toMatch(/^error: modulo: .* is a range/);
  });

  it("fractions stay in words, years move by plus and minus, ranks and counts stay whole", async () => {
    expect(await out("{{ fact.sakhalin-2-lng-japan-share | times: 0.5 }}")).toBe("a quarter");
    expect(await out("{{ fact.asia-pacific-share-of-oil-exports-2020 | times: 2 }}")).toBe(
      "about two-thirds",
    );
    expect(await out("{{ fact.kyoto-base-year | plus: 15 }}")).toBe("2005");
    expect(await out("{{ fact.kyoto-base-year | times: 2 }}")).toMatch(
      /^error: times: fact\.kyoto-base-year \(“1990”\) is a date on the calendar/,
    );
    expect(await out("{{ fact.japan-economy-rank | plus: 1 }}")).toBe("3");
    expect(await out("{{ fact.japan-economy-rank | times: 1.25 }}")).toMatch(
      /^error: times: .* is a whole number \(rank\); times gives 2\.5/,
    );
  });

  it("are an error on bad arguments, zero divisors and after a text filter", async () => {
    expect(await out("{{ ind.total-trade-latest | times: 'abc' }}")).toBe(
      'error: times: its first argument "abc" is not a number',
    );
    expect(await out("{{ ind.total-trade-latest | times }}")).toMatch(
      /^error: times: takes 1 argument, not 0/,
    );
    expect(await out("{{ ind.total-trade-latest | divided_by: 0 }}")).toBe(
      "error: divided_by: division by zero",
    );
    expect(await out("{{ ind.total-trade-latest | modulo: 0 }}")).toBe(
      "error: modulo: modulo by zero",
    );
    const huge = await h.render("{{ ind.total-trade-latest | times: big | times: 10 }}", {
      big: 1e307,
    });
    expect(huge.ok || huge.problem.message).toMatch(
      /^times: the result \(Infinity\) is not a finite number/,
    );
    expect(await out("{{ ind.total-trade-latest | times: ind.total-trade-first }}")).toMatch(
      /^error: times: its first argument is the figure ind\.total-trade-first .* define an indicator/,
    );
    expect(await out("{{ ind.total-trade-latest | upcase | times: 2 }}")).toBe(
      "error: times: ind.total-trade-latest (“US$8.8 BILLION”) was already rewritten by upcase; apply numeric filters first, e.g. {{ ind.total-trade-latest | times: 2 | upcase }}",
    );
    expect(await out("{{ ind.total-trade-latest | round: 1.5 }}")).toMatch(
      /^error: round: its first argument 1\.5 is not a whole number/,
    );
  });
});

describe("numeric filters on plain values", () => {
  it("compute on numbers and numeric text, without floating-point noise", async () => {
    expect(await out("{{ 8.8 | times: 3 }}")).toBe("26.4");
    expect(await out("{{ edition | plus: 1 }}")).toBe("2006");
    expect(await out('{{ "05" | minus: 1 }}')).toBe("4");
    expect(await out("{{ 10 | divided_by: 4 }}")).toBe("2.5");
    expect(await out("{{ -7 | modulo: 3 }}")).toBe("2");
    expect(await out("{{ 2.345 | round: 2 }}")).toBe("2.35");
    expect(await out("{{ 2.341 | ceil: 2 }}")).toBe("2.35");
  });

  it("are an error on text that is not a number, zero divisors and non-finite results", async () => {
    expect(await out('{{ "abc" | times: 2 }}')).toBe('error: times: "abc" is not a number');
    expect(await out("{{ published | plus: 1 }}")).toBe(
      'error: plus: "2005-09-08" is not a number',
    );
    expect(await out("{{ template.title | abs }}")).toBe(
      'error: abs: "Russia and Japan beyond 2005" is not a number',
    );
    expect(await out("{{ nil | plus: 1 }}")).toBe("error: plus: nothing (nil) is not a number");
    expect(await out("{{ true | plus: 1 }}")).toBe("error: plus: true is not a number");
    expect(await out("{{ 1 | divided_by: 0 }}")).toBe("error: divided_by: division by zero");
    const huge = await h.render("{{ big | times: 10 }}", { big: 1e308 });
    expect(huge.ok || huge.problem.message).toBe(
      "times: the result (Infinity) is not a finite number",
    );
    expect(await out('{{ 5 | plus: "x" }}')).toBe(
      'error: plus: its first argument "x" is not a number',
    );
  });
});

describe("text filters on a figure", () => {
  it("work on its text, keep it a figure, and keep currency and unit symbols as written", async () => {
    expect(await out("{{ fact.fdi-stock | capitalize }}")).toBe("More than US$82 billion");
    expect(await out("{{ fact.fdi-stock | upcase }}")).toBe("MORE THAN US$82 BILLION");
    expect(await out("{{ fact.pacific-pipeline-length | upcase }}")).toBe("4,200 km");
    expect(await out("{{ fact.pipeline-gas-china-korea-2020 | upcase }}")).toBe(
      "UP TO 25 bcm PER YEAR",
    );
    expect(await out('{{ ind.total-trade-latest | append: " in 2004" }}')).toBe(
      "US$8.8 billion in 2004",
    );
    const r = await h.render('{{ fact.fdi-stock | capitalize | append: "." }}');
    expect(r.ok && r.figures).toEqual([
      expect.objectContaining({
        value: 82,
        text: "More than US$82 billion.",
        provenance: expect.objectContaining({ fact: "fdi-stock" }),
      }),
    ]);
  });

  it("are an error when they would change the figure itself", async () => {
    expect(await out('{{ ind.total-trade-latest | replace: "billion", "million" }}')).toBe(
      "error: replace: this would change the figure ind.total-trade-latest itself (“US$8.8 billion” → “US$8.8 million”); text filters may add words around a figure, not change it",
    );
    expect(await out('{{ fact.pacific-pipeline-length | prepend: "1" }}')).toMatch(
      /^error: prepend: this would change the figure/,
    );
    expect(await out('{{ fact.fdi-stock | remove: "more than " }}')).toMatch(
      /to drop the qualifier use \| bare$/,
    );
    expect(await out("{{ ind.total-trade-latest | truncate: 5 }}")).toMatch(
      /^error: truncate: this would change/,
    );
  });

  it("keep the figures inside plain text intact", async () => {
    expect(await out('{{ "Trade: " | append: ind.total-trade-latest }}')).toBe(
      "Trade: US$8.8 billion",
    );
    expect(await out('{{ "Trade: " | append: ind.total-trade-latest | truncate: 9 }}')).toMatch(
      /^error: truncate: this text holds a figure/,
    );
    expect(await out('{{ "Trade: " | append: ind.total-trade-latest | split: " " }}')).toMatch(
      /^error: split: this text holds a figure/,
    );
  });
});

describe("the wording filters", () => {
  it("direction follows the sign of the number as displayed", async () => {
    expect(await out('{{ ind.total-trade-growth | direction: "rose", "fell" }}')).toBe("rose");
    expect(await out('{{ ind.total-trade-growth | times: -1 | direction: "rose", "fell" }}')).toBe(
      "fell",
    );
    // 0.3% shown at no decimals is 0%: "held steady", not "rose by 0%".
    expect(
      await out(
        '{{ ind.total-trade-growth | divided_by: 160 | direction: "rose", "fell", "held steady" }} {{ ind.total-trade-growth | divided_by: 160 }}',
      ),
    ).toBe("held steady 0%");
    expect(await out('{{ -2 | direction: "up", "down" }}')).toBe("down");
    expect(await out('{{ 0 | direction: "up", "down" }}')).toBe("was unchanged");
    expect(await out('{{ "abc" | direction: "up", "down" }}')).toBe(
      'error: direction: "abc" is not a number, so it has no sign',
    );
    expect(await out('{{ ind.total-trade-growth | direction: "rose" }}')).toMatch(
      /^error: direction: takes 2 to 3 arguments, not 1/,
    );
  });

  it("ordinal writes a whole rank in words up to ninth, and keeps the figure", async () => {
    expect(await out("{{ fact.japan-economy-rank | ordinal }}")).toBe("second");
    expect(await out("{{ fact.russia-rank-japan-export-destinations | ordinal }}")).toBe("25th");
    expect(await out("{{ 21 | ordinal }} {{ 112 | ordinal }}")).toBe("21st 112th");
    const r = await h.render("{{ fact.japan-economy-rank | ordinal | capitalize }}");
    expect(r.ok && r.figures[0]).toMatchObject({ text: "Second", value: 2 });
    expect(await out("{{ fact.jbic-survey-rank-2001 | ordinal }}")).toMatch(
      /^error: ordinal: .* is a bound .*\| bare \| ordinal/,
    );
    expect(await out("{{ fact.jbic-survey-rank-2001 | bare | ordinal }}")).toBe("30th");
    expect(await out("{{ 2.5 | ordinal }}")).toMatch(/^error: ordinal: 2\.5 is not a whole number/);
    expect(await out("{{ ind.total-trade-latest | ordinal }}")).toBe(
      "error: ordinal: ind.total-trade-latest (“US$8.8 billion”) is not a rank (its unit is USD); ordinal writes ranks",
    );
    expect(await out("{{ ind.sakhalin-trade-rank | ordinal }}")).toBe("first");
  });

  it("bare drops a fact's qualifier, and is an error on what is not a figure", async () => {
    expect(await out("{{ fact.fdi-stock | bare }}")).toBe("US$82 billion");
    expect(await out("{{ fact.fdi-stock | bare | times: 2 }}")).toBe("US$164 billion");
    expect(await out("{{ ind.total-trade-latest | bare }}")).toBe("US$8.8 billion");
    expect(await out('{{ "x" | bare }}')).toMatch(/^error: bare: "x" is not a figure/);
    expect(await out("{{ fact.fdi-stock | upcase | bare }}")).toMatch(
      /^error: bare: .* apply bare first/,
    );
  });
});

describe("a figure that is not available", () => {
  const na = `ind.${NOT_AVAILABLE.id}`;

  it("prints — through numeric and text filters, and default gives its fallback", async () => {
    expect(await out(`{{ ${na} }}`)).toBe("—");
    expect(await out(`{{ ${na} | times: 2 | round }}`)).toBe("—");
    expect(await out(`{{ ${na} | default: "not yet published" }}`)).toBe("not yet published");
    expect(await out(`{{ ${na}.reason }}`)).toMatch(/1990/);
    expect(await out(`{{ ${na}.available }}`)).toBe("false");
  });

  it("has no direction and no words", async () => {
    expect(await out(`{{ ${na} | direction: "rose", "fell" }}`)).toBe(
      `error: direction: ${na} is not available (“—”), so it has no direction; test {% if ${na}.available %} first`,
    );
    expect(await out(`{{ ${na}.words }}`)).toMatch(/^error: undefined variable/);
    expect(await out(`{{ ${na}.partial }}`)).toMatch(/^error: undefined variable/);
  });
});

describe("the fields of a figure: none silently empty", () => {
  it("words for a multiple, a growth rate and a change; none for a level", async () => {
    expect(await out("{{ ind.total-trade-multiple.words }}")).toBe("more than doubled");
    expect(await out("{{ ind.total-trade-growth.words }}")).toBe("rose");
    // Like for like (coverage: like-for-like): 459.3 / 165.1 = 2.78 on the five regions of both years.
    expect(await out("{{ ind.far-east-imports-multiple.words }}")).toBe("more than doubled");
    expect(await out("{{ ind.east-asia-import-share-change.words }}")).toBe("rose");
    expect(await out("{{ ind.total-trade-latest.words }}")).toMatch(
      /^error: undefined variable: ind\.total-trade-latest\.words/,
    );
    expect(await out("{{ ind.total-trade-cagr.words }}")).toMatch(/^error: undefined variable/);
  });

  it("reason only when not available, label only when defined, period only when known", async () => {
    expect(await out("{{ ind.total-trade-latest.reason }}")).toMatch(/^error: undefined variable/);
    expect(await out("{{ ind.total-trade-latest.partial }}")).toBe("false");
    expect(await out("{{ ind.total-trade-latest.label }}")).toBe(
      "Russia–Japan trade in the latest full year",
    );
    expect(await out("{{ ind.total-trade-latest.period }}")).toBe("2004");
    expect(await out("{{ fact.fdi-stock.qualifier }} {{ fact.fdi-stock.low }}")).toBe(
      "more-than 82",
    );
    expect(await out("{{ fact.pacific-pipeline-length.period }}")).toMatch(
      /^error: undefined variable: fact\.pacific-pipeline-length\.period/,
    );
  });

  it("a derived figure drops the words that described the original", async () => {
    expect(await out("{{ ind.total-trade-multiple | times: 2 | round }}")).toBe("5 times");
    expect(await out("{% assign m = ind.total-trade-multiple | times: 2 %}{{ m.words }}")).toMatch(
      /^error: undefined variable: m\.words/,
    );
    expect(
      await out("{% assign m = ind.total-trade-latest | times: 2 %}{{ m.value }} {{ m.text }}"),
    ).toBe("17.6 US$17.6 billion");
  });
});

describe("through compose: positions, the document and the hints", () => {
  it("a filter error is located at the filter, in the section file", async () => {
    const r = await composeSection(
      "# Trade\n\nTrade was {{ ind.total-trade-latest | round }} and\n  {{ ind.total-trade-latest | plus: 1 | divided_by: 0 }}.\n",
    );
    expect(r.ok).toBe(false);
    expect(
      r.issues.map((i) => [i.code, i.file.endsWith("sections/s.md"), i.line, i.column, i.message]),
    ).toEqual([["liquid-render", true, 4, 41, "divided_by: division by zero"]]);
  });

  it("a field a figure does not have gets the list of fields", async () => {
    const r = await composeSection("{{ ind.total-trade-latest.words }}\n");
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({
      code: "liquid-render",
      line: 1,
      column: 4,
      message: "undefined variable: ind.total-trade-latest.words",
    });
    expect(r.issues[0]?.hint).toMatch(
      /^a figure has \.value, .*\.words \(growth, multiple and change indicators\)/,
    );
  });

  it("an unknown filter gets the nearest name", async () => {
    const r = await composeSection("{{ ind.total-trade-latest | rund }}\n");
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ code: "liquid-syntax" });
    expect(r.issues[0]?.hint).toMatch(/^did you mean round\?/);
  });

  it("a derived figure is a number inline of the document, listed in About the figures", async () => {
    const r = await composeSection(
      "# Trade\n\nTwice the trade is {{ ind.total-trade-latest | times: 2 }}.\n",
    );
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const p = r.document.blocks.find((b) => b.type === "paragraph") as Block & {
      children: Inline[];
    };
    expect(p.children[1]).toMatchObject({
      type: "number",
      value: 17.6,
      text: "US$17.6 billion",
      provenance: { indicator: "total-trade-latest", method: "value | times: 2" },
    });
    expect(JSON.stringify(r.document)).toContain("value | times: 2 on table bilateral-trade");
    const f = await composeSection(
      "# Pipe\n\nHalf is {{ fact.pacific-pipeline-length | divided_by: 2 }}.\n",
    );
    if (!f.ok) throw new Error(JSON.stringify(f.issues));
    expect(JSON.stringify(f.document)).toContain(
      '2,100 km"}]},{"type":"text","value":" — fact pacific-pipeline-length (| divided_by: 2)',
    );
  });
});
