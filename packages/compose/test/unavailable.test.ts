/**
 * A figure that is not available has no number. Its `.value` (and any number
 * field it lacks) is printed, tested, compared and filtered nowhere: each use
 * is an error at the tag, output or filter that made it, naming the figure
 * and why it is not available, with the hint to test `.available` first.
 * `.available`, `.reason`, `.text`, `.label` and `.period` keep working;
 * `and`/`or` decide a condition whenever its answer does not depend on the
 * missing number; comparisons of available figures are LiquidJS's own.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { plainText } from "@briefkit/document";
import type { IndicatorDefinition } from "@briefkit/indicators";
import fc from "fast-check";
import { Liquid } from "liquidjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compose } from "../src/index.js";
import { NumberSink, numberValue } from "../src/liquid.js";
import { factFigure } from "../src/values.js";
import { type Harness, harness, NOT_AVAILABLE, type Outcome } from "./harness.js";

const NA = `ind.${NOT_AVAILABLE.id}`;

/** Growth of total trade in a year it fell (2001: 4.6 after 5.2, -12%). */
const FELL: IndicatorDefinition = {
  id: "trade-growth-2001",
  label: "Growth of trade in 2001",
  function: "growth",
  input: { table: "bilateral-trade", measure: "total" },
  period: "2001",
  format: { style: "percent", decimals: 0 },
} as IndicatorDefinition;

/** Not available, but with a period and a label: 2005-H1 has no 2004-H1 to grow from. */
const PART_YEAR: IndicatorDefinition = {
  id: "trade-growth-part-year",
  label: "Growth of trade in the first half of 2005",
  function: "growth",
  input: { table: "bilateral-trade", measure: "total" },
  period: "2005-H1",
  format: { style: "percent", decimals: 0 },
} as IndicatorDefinition;

let h: Harness;
let reason: string;
beforeAll(async () => {
  h = await harness([FELL, PART_YEAR]);
  reason = text(await h.render(`{{ ${NA}.reason }}`));
});

function text(r: Outcome): string {
  if (!r.ok) throw new Error(r.problem.message);
  return r.text;
}

/** What the error says for a use of the missing number: printing it, or deciding by it. */
function messageFor(use: "value" | "condition", filter?: string): string {
  const why = `${NA} is not available (${reason}), so `;
  const what =
    use === "value"
      ? `${NA}.value has no number to print, test or compare`
      : `a condition on ${NA}.value cannot be decided`;
  return `${filter ? `${filter}: ` : ""}${why}${what}`;
}

describe("the number of a figure that is not available: every use is a located error", () => {
  // [template, the text the error's column points at, what the use is, the filter if any]
  const uses: Array<[string, string, "value" | "condition", string?]> = [
    [`Trade {% if ${NA}.value > 0 %}rose{% else %}fell{% endif %}.`, "{% if", "condition"],
    [`{% if ${NA}.value < 0 %}fell{% endif %}`, "{% if", "condition"],
    [`{% if ${NA}.value >= 1 %}x{% endif %}`, "{% if", "condition"],
    [`{% if ${NA}.value <= 1 %}x{% endif %}`, "{% if", "condition"],
    [`{% if ${NA}.value == 0 %}x{% endif %}`, "{% if", "condition"],
    [`{% if ${NA}.value != 0 %}x{% endif %}`, "{% if", "condition"],
    [`{% if ${NA}.value == nil %}x{% endif %}`, "{% if", "condition"],
    [`{% if nil == ${NA}.value %}x{% endif %}`, "{% if", "condition"],
    [`{% if 0 < ${NA}.value %}x{% endif %}`, "{% if", "condition"],
    [`{% if ${NA}.value contains 1 %}x{% endif %}`, "{% if", "condition"],
    [`{% if not ${NA}.value %}x{% endif %}`, "{% if", "condition"],
    [
      `{% if ind.total-trade-growth.available and ${NA}.value > 0 %}x{% endif %}`,
      "{% if",
      "condition",
    ],
    [`{% if ${NA}.available or ${NA}.value > 0 %}x{% endif %}`, "{% if", "condition"],
    [`A {% if ${NA}.available %}{% elsif ${NA}.value > 0 %}x{% endif %}`, "{% if", "condition"],
    [`{% unless ${NA}.value > 0 %}x{% endunless %}`, "{% unless", "condition"],
    [`{% assign up = ${NA}.value > 0 %}, {% if up %}x{% endif %}`, "{% if", "condition"],
    [`It was {{ ${NA}.value }}.`, "{{", "value"],
    [`It was {% echo ${NA}.value %}.`, "{% echo", "value"],
    [`{% if ${NA}.value %}x{% endif %}`, "{% if", "value"],
    [`{% unless ${NA}.value %}x{% endunless %}`, "{% unless", "value"],
    [`{% case ${NA}.value %}{% when 1 %}one{% else %}other{% endcase %}`, "{% case", "value"],
    [`{% case 1 %}{% when ${NA}.value %}one{% else %}other{% endcase %}`, "{% case", "condition"],
    [`{% for i in (1..${NA}.value) %}{{ i }}{% endfor %}`, "{% for", "value"],
    [`{% for i in ${NA}.value %}{{ i }}{% endfor %}`, "{% for", "value"],
    [`{{ ${NA}.value.size }}`, `${NA}.value.size`, "value"],
    [`{{ ${NA}.value.hasOwnProperty }}`, `${NA}.value.hasOwnProperty`, "value"],
    [`{{ ${NA}.value | round }}`, "round", "value", "round"],
    [`{{ ${NA}.value | default: 0 }}`, "default", "value", "default"],
    [`{{ ${NA}.value | json }}`, "json", "value", "json"],
    [`{{ 2 | plus: ${NA}.value }}`, "plus", "value", "plus"],
    [
      `{{ ind.total-trade-growth | direction: ${NA}.value, "fell" }}`,
      "direction",
      "value",
      "direction",
    ],
    [`{% assign up = ${NA}.value > 0 %}{{ up | default: "?" }}`, "default", "condition", "default"],
    [
      `{{ "a,bb" | split: "," | where_exp: "x", "${NA}.value > 0" | join: "" }}`,
      "where_exp",
      "condition",
      "where_exp",
    ],
    [`{{ "a,bb" | split: "," | find_exp: "x", "${NA}.value" }}`, "find_exp", "value", "find_exp"],
  ];

  for (const [template, at, use, filter] of uses) {
    it(template, async () => {
      const r = await h.render(template);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      // A filter's error sits at the filter's name; a tag's or an output's at its start.
      const column = filter ? template.indexOf(`| ${filter}`) + 3 : template.lastIndexOf(at) + 1;
      expect(r.problem).toEqual({
        kind: "render",
        message: messageFor(use, filter),
        line: 1,
        column,
        hint: `test {% if ${NA}.available %} first: {% if ${NA}.available and ${NA}.value > 0 %}…{% endif %}, or nest the test inside it; to print the figure (“—” when it is not available) write {{ ${NA} }}`,
      });
    });
  }

  it("the same for a figure derived from it by a filter", async () => {
    const r = await h.render(`{% assign d = ${NA} | times: 2 %}{% if d.value > 0 %}x{% endif %}`);
    expect(r.ok || r.problem.message).toBe(messageFor("condition"));
  });

  it("any number field it lacks is unknown too: a fact's low and high, were a fact not available", async () => {
    const fact = h.dataset.facts.find((f) => f.id === "fdi-stock")!;
    const figure = factFigure(h.dataset, fact, "en-GB");
    const lacking = numberValue(
      { ...figure, value: null, fields: { ...figure.fields, low: null, high: null } },
      new NumberSink(),
    );
    const tpl = "{% if f.available %}{% else %}{{ f.low }}{% endif %}";
    const r = await h.render(tpl, { f: lacking });
    expect(r.ok || `${r.problem.column} ${r.problem.message}`).toBe(
      `${tpl.indexOf("{{") + 1} fact.fdi-stock is not available, so fact.fdi-stock.low has no number to print, test or compare`,
    );
    // The same fields of an available figure are numbers.
    expect(text(await h.render("{{ fact.fdi-stock.low }}–{{ fact.fdi-stock.high }}"))).toBe(
      "82–82",
    );
  });

  it("nothing else about the figure changes: its fields, its printing, default", async () => {
    const part = `ind.${PART_YEAR.id}`;
    expect(
      text(
        await h.render(
          `{{ ${part}.available }}|{{ ${part}.text }}|{{ ${part}.label }}|{{ ${part}.period }}|{{ ${part} }}|{{ ${part} | default: "n/a" }}`,
        ),
      ),
    ).toBe("false|—|Growth of trade in the first half of 2005|2005-H1|—|n/a");
    expect(text(await h.render(`{{ ${part}.reason }}`))).toMatch(/no period 2004-H1/);
    expect(text(await h.render(`{{ ${NA} | times: 2 }}`))).toBe("—");
  });
});

describe("conditions that test .available first", () => {
  const rose = "ind.total-trade-growth";
  const fell = `ind.${FELL.id}`;
  const cases: Array<[string, string, string]> = [
    // [figure, what the nested form prints, what the natural form prints]
    [rose, "Trade rose.", "Trade rose."],
    [fell, "Trade fell.", "Trade fell."],
    [NA, "", "No figure."],
  ];

  for (const [x, nestedWords, naturalWords] of cases) {
    it(`${x}: nested and with and/or, the words follow the number`, async () => {
      const nested = `{% if ${x}.available %}Trade {% if ${x}.value > 0 %}rose{% else %}fell{% endif %}.{% endif %}`;
      expect(text(await h.render(nested))).toBe(nestedWords);
      const natural = `{% if ${x}.available and ${x}.value > 0 %}Trade rose.{% elsif ${x}.available and ${x}.value < 0 %}Trade fell.{% else %}No figure.{% endif %}`;
      expect(text(await h.render(natural))).toBe(naturalWords);
      // The order of the sides does not matter, nor does or in place of and.
      const reversed = `{% if ${x}.value > 0 and ${x}.available %}Trade rose.{% elsif ${x}.value < 0 and ${x}.available %}Trade fell.{% else %}No figure.{% endif %}`;
      expect(text(await h.render(reversed))).toBe(naturalWords);
      const negated = `{% if ${x}.available == false or ${x}.value <= 0 %}no rise{% else %}rise{% endif %}`;
      expect(text(await h.render(negated))).toBe(x === rose ? "rise" : "no rise");
      const unless = `{% unless ${x}.available == false or ${x}.value <= 0 %}rise{% endunless %}`;
      expect(text(await h.render(unless))).toBe(x === rose ? "rise" : "");
    });
  }

  it("the example's partial pattern: a figure passed on and compared inside", async () => {
    const r = await h.render(
      `{% assign n = ${NA} %}{% if n.available and n.value == 1 %}first{% else %}{{ n }}{% endif %}`,
    );
    expect(text(r)).toBe("—");
  });
});

// ---------------------------------------------------------------------------
// Three-valued conditions against LiquidJS's own

/** LiquidJS as it comes, where the missing number is a number. */
const oracle = new Liquid({ strictVariables: true, ownPropertyOnly: true, jsTruthy: false });

type Atom = { text: string; unknown: boolean };

const atom: fc.Arbitrary<Atom> = fc.oneof(
  fc
    .constantFrom("true", "false", '"abc" contains "b"', '"abc" contains "z"')
    .map((text) => ({ text, unknown: false })),
  fc
    .tuple(
      fc.constantFrom(NA, "ind.total-trade-growth", `ind.${FELL.id}`),
      fc.constantFrom(">", "<", ">=", "<=", "==", "!="),
      fc.constantFrom(-50, -12, 0, 12, 50),
    )
    .map(([x, op, k]) => ({ text: `${x}.value ${op} ${k}`, unknown: x === NA })),
  fc
    .constantFrom(NA, "ind.total-trade-growth")
    .map((x) => ({ text: `${x}.available`, unknown: false })),
  fc.constant({ text: `${NA}.value`, unknown: true }),
);

/** A condition: atoms, some negated, joined by and/or (LiquidJS groups them from the right). */
const condition = fc
  .array(fc.tuple(fc.boolean(), atom, fc.constantFrom("and", "or")), {
    minLength: 1,
    maxLength: 4,
  })
  .map((parts) => ({
    text: parts
      .map(
        ([not, a, join], i) =>
          `${not ? "not " : ""}${a.text}${i < parts.length - 1 ? ` ${join} ` : ""}`,
      )
      .join(""),
    unknown: parts.some(([, a]) => a.unknown),
  }));

describe("and, or and not decide exactly what LiquidJS would, whatever the missing number", () => {
  it("a decided condition agrees with LiquidJS for every value the missing number could have; an undecided one is the located error", async () => {
    const growth = Number(text(await h.render("{{ ind.total-trade-growth.value }}")));
    const fell = Number(text(await h.render(`{{ ind.${FELL.id}.value }}`)));
    const plain = (missing: number) => ({
      ind: {
        [NOT_AVAILABLE.id]: { available: false, value: missing },
        "total-trade-growth": { available: true, value: growth },
        [FELL.id]: { available: true, value: fell },
      },
    });
    let decided = 0;
    await fc.assert(
      fc.asyncProperty(condition, async (c) => {
        const template = `{% if ${c.text} %}T{% else %}F{% endif %}`;
        const ours = await h.render(template);
        // Values around every constant the conditions compare with, and the constants themselves.
        const answers = new Set(
          await Promise.all(
            [-100, -50, -20, -12, -5, 0, 5, 12, 20, 50, 100].map((m) =>
              oracle.parseAndRender(template, plain(m)),
            ),
          ),
        );
        if (ours.ok) {
          decided += 1;
          // Decided: the answer LiquidJS gives for any value of the number nobody knows.
          expect([...answers], template).toEqual([ours.text]);
        } else {
          expect(c.unknown, `${template}: ${ours.problem.message}`).toBe(true);
          expect(ours.problem.message, template).toMatch(
            new RegExp(`^${NA.replace(/[.-]/g, "\\$&")} is not available`),
          );
          expect(ours.problem.column, template).toBe(1);
        }
        // Without the missing number, exactly LiquidJS's answer.
        if (!c.unknown) expect(ours.ok, template).toBe(true);
      }),
      { numRuns: 400, seed: 20050908 },
    );
    // The property saw both kinds.
    expect(decided).toBeGreaterThan(100);
    expect(decided).toBeLessThan(400);
  });
});

// ---------------------------------------------------------------------------
// In a brief: positions in the section file and in partials, the audience's title

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const indicators = `indicators:
  - id: trade
    function: value
    input: { table: bilateral-trade, measure: total }
    period: latest
    format: { style: currency, decimals: 1, scale: billion }
  - id: trade-1990
    label: Trade in 1990
    function: value
    input: { table: bilateral-trade, measure: total, period: "1990" }
    format: { style: currency, decimals: 1, scale: billion }
`;

function template(files: Record<string, string>, yaml?: string): string {
  const dir = mkdtempSync(join(tmpdir(), "briefkit-unavailable-"));
  dirs.push(dir);
  const all = {
    "template.yaml":
      yaml ??
      `id: mini\ntitle: Mini\n${indicators}sections:\n  main: { file: sections/main.md }\naudiences:\n  full: { label: Full, sections: [main] }\n`,
    ...files,
  };
  for (const [name, body] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), body);
  }
  return dir;
}

async function build(dir: string, audience = "full") {
  return compose({ templateDir: dir, dataset: h.dataset, audience, figures: false, cwd: dir });
}

async function firstError(dir: string) {
  const r = await build(dir);
  const e = r.issues.find((i) => i.severity === "error");
  if (r.ok || !e) throw new Error("expected an error");
  return { ...e, where: `${e.file.slice(dir.length + 1)}:${e.line}:${e.column}` };
}

describe("in a brief", () => {
  it("the error is at the tag in the section file, with the reason and the hint", async () => {
    const e = await firstError(
      template({
        "sections/main.md":
          "# Main\n\nTrade came to {{ ind.trade }}.\n\nIn 1990 it was lower,\nand it {% if ind.trade-1990.value > 1 %}rose{% else %}fell{% endif %}.\n",
      }),
    );
    expect(e.code).toBe("liquid-render");
    expect(e.where).toBe("sections/main.md:6:8");
    expect(e.message).toBe(
      "ind.trade-1990 is not available (bilateral-trade.total has no period 1990; it has 1998, 1999, 2000, 2001, 2002, 2003, 2004, 2005-H1), so a condition on ind.trade-1990.value cannot be decided",
    );
    expect(e.hint).toContain("test {% if ind.trade-1990.available %} first");
  });

  it("a partial that compares it: the error in the partial, naming the include", async () => {
    const partial =
      "{%- comment -%}The rank n in words.{%- endcomment -%}\n{%- if n.value == 1 -%}first{%- else -%}{{ n }}{%- endif -%}\n";
    for (const tag of [
      'render "partials/rank.md", n: ind.trade-1990',
      'include "partials/rank.md", n: ind.trade-1990',
    ]) {
      const e = await firstError(
        template({
          "sections/main.md": `# Main\n\nIt came {% ${tag} %}.\n`,
          "partials/rank.md": partial,
        }),
      );
      expect(e.where, tag).toBe("partials/rank.md:2:1");
      expect(e.message, tag).toMatch(
        /^ind\.trade-1990 is not available \(.*\), so a condition on ind\.trade-1990\.value cannot be decided \(included from sections\/main\.md:3:9\)$/,
      );
      expect(e.hint, tag).toContain("{% if ind.trade-1990.available %}");
    }
  });

  it("any error inside a partial, through a partial it includes, names every place", async () => {
    const e = await firstError(
      template({
        "sections/main.md": '# Main\n\nText.\n\n{% include "partials/outer.md" %}\n',
        "partials/outer.md": 'Outer\n  {% include "partials/inner.md" %}\n',
        "partials/inner.md": "Inner\n\nand {{ ind.nope }}\n",
      }),
    );
    expect(e.where).toBe("partials/inner.md:3:8");
    expect(e.message).toBe(
      "undefined variable: ind.nope (included from partials/outer.md:2:3 ← sections/main.md:5:1)",
    );
    expect(e.hint).toBe("indicators in template.yaml: trade, trade-1990");
  });

  it("the example's nested pattern builds, with the figure that is not available", async () => {
    const r = await build(
      template({
        "sections/main.md":
          "# Main\n\nTrade came to {{ ind.trade }}{% if ind.trade-1990.available %}, {% if ind.trade-1990.value < ind.trade.value %}up{% else %}down{% endif %} from {{ ind.trade-1990 }}{% endif %}.\n",
      }),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const paragraph = r.document.blocks.find((b) => b.type === "paragraph");
    expect(paragraph?.type === "paragraph" && plainText(paragraph.children)).toBe(
      "Trade came to US$8.8 billion.",
    );
  });
});

describe("template.title and template.subtitle follow the audience", () => {
  const yaml = `id: mini
title: Russia and Japan
subtitle: Economic ties
${indicators}sections:
  main: { file: sections/main.md }
audiences:
  full: { label: Full, sections: [main] }
  board:
    label: Board
    title: Russia and Japan for the board
    subtitle: What the board needs to know
    sections: [main]
  plain: { label: Plain, subtitle: "", sections: [main] }
`;

  it("prints the audience's own, else the template's, as the title page does", async () => {
    const dir = template(
      { "sections/main.md": "# Main\n\n{{ template.title }}: {{ template.subtitle }}.\n" },
      yaml,
    );
    for (const [audience, title, subtitle] of [
      ["full", "Russia and Japan", "Economic ties"],
      ["board", "Russia and Japan for the board", "What the board needs to know"],
    ] as const) {
      const r = await build(dir, audience);
      expect(r.ok, audience).toBe(true);
      if (!r.ok) continue;
      expect(r.document.meta.title).toBe(title);
      expect(r.document.meta.subtitle).toBe(subtitle);
      const paragraph = r.document.blocks.find((b) => b.type === "paragraph");
      expect(JSON.stringify(paragraph), audience).toContain(`${title}: ${subtitle}.`);
    }
  });

  it("an audience without a subtitle has no template.subtitle: reading it is an error", async () => {
    const dir = template(
      { "sections/main.md": "# Main\n\n{{ template.title }}: {{ template.subtitle }}.\n" },
      yaml,
    );
    const r = await build(dir, "plain");
    expect(r.ok).toBe(false);
    const e = r.issues.find((i) => i.severity === "error");
    expect(`${e?.line}:${e?.column} ${e?.message}`).toBe(
      "3:26 undefined variable: template.subtitle",
    );
  });
});
