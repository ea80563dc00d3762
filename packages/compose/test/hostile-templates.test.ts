/**
 * Hostile template text (issue 13): Liquid and Markdown that would hang,
 * exhaust memory, overflow the stack or print a wrong number stop with an
 * error at its `file:line:column`, never an internal error. The fan-out
 * and partial cases are the fixture templates/hostile-liquid; the others
 * are written to a temporary folder, since they are mostly generated
 * (10,000 nested ifs).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { type Dataset, loadDataset } from "@briefkit/data";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compose } from "../src/index.js";
import { LIQUID_LIMITS } from "../src/liquid.js";

const root = resolve(import.meta.dirname, "../../..");
const fixture = resolve(import.meta.dirname, "fixtures/templates/hostile-liquid");
let dataset: Dataset;
const dirs: string[] = [];

beforeAll(async () => {
  const r = await loadDataset(join(root, "data/russia-japan/2005"));
  if (!r.ok) throw new Error("the 2005 dataset must load");
  dataset = r.dataset;
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const header = `id: mini
title: Mini
indicators:
  - id: trade
    function: value
    input: { table: bilateral-trade, measure: total }
    period: latest
    format: { style: currency, decimals: 1, scale: billion }
sections:
  main: { file: sections/main.md }
audiences:
  full: { label: Full, sections: [main] }
`;

/** A template whose one section is `main`, plus any other files. */
function template(main: string, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "briefkit-hostile-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries({
    "template.yaml": header,
    "sections/main.md": main,
    ...files,
  })) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** The only error composing `dir` for `audience`, with its place relative to `dir`. */
async function theError(dir: string, audience = "full") {
  const r = await compose({ templateDir: dir, dataset, audience, figures: false, cwd: dir });
  expect(r.ok).toBe(false);
  const errors = r.issues.filter((i) => i.severity === "error");
  if (process.env.SHOW) console.log("ISSUES", JSON.stringify(errors, null, 1));
  expect(errors.map((e) => e.message)).toHaveLength(1);
  const e = errors[0]!;
  return { ...e, where: `${e.file.slice(dir.length + 1)}:${e.line}:${e.column}` };
}

const BUDGET = `render budget exceeded: this brief's Liquid rendered more than ${LIQUID_LIMITS.renderBudget.toLocaleString("en-GB")} pieces`;

describe("the render budget counts every partial render", () => {
  // fan-NN.md renders fan-40.md 2^(40-NN) times. The budget (a count, the same on every
  // machine) runs out at the same piece every time: where depends only on the depth.
  it.each([
    ["fan-20", "partials/fan-39.md:1:1", 20],
    ["fan-30", "partials/fan-40.md:1:1", 31],
    ["fan-40", "partials/fan-36.md:1:67", 37],
  ])("%s: stops at %s, naming the %i includes", async (audience, where, depth) => {
    const e = await theError(fixture, audience);
    expect(e.code).toBe("liquid-limit");
    expect(e.where).toBe(where);
    expect(e.message.startsWith(BUDGET)).toBe(true);
    // The chain, innermost first, ends at the section's render tag; the middle is elided.
    expect(e.message).toMatch(
      new RegExp(
        `\\(included from partials/fan-\\d\\d\\.md:1:\\d+ ← .* ← … ${depth - 8} more … ← .* ← sections/${audience}\\.md:3:1\\)$`,
      ),
    );
    expect(e.hint).toContain("partials that render other partials");
  });
});

describe("runaway Liquid stops at its place", () => {
  it.each([
    [
      "a loop over a huge range",
      "# Main\n\n{% for i in (1..100000000000) %}x{% endfor %}\n",
      "sections/main.md:3:1",
      "memory budget exceeded: the Liquid of this text built more than 20,000,000 characters and items",
    ],
    [
      "three nested loops of 100,000 (empty bodies count)",
      "# Main\n\n{% for i in (1..100000) %}{% for j in (1..100000) %}{% for k in (1..100000) %}{% endfor %}{% endfor %}{% endfor %}\n",
      "sections/main.md:3:53",
      BUDGET,
    ],
    [
      "a loop printing a figure 300,000 times",
      "# Main\n\n{% for i in (1..300000) %}{{ i }}{% endfor %}\n",
      "sections/main.md:3:27",
      BUDGET,
    ],
    [
      "a string doubled with append in a loop",
      '# Main\n\n{% assign s = "x" %}{% for i in (1..100000) %}{% assign s = s | append: s %}{% endfor %}{{ s | size }}\n',
      "sections/main.md:3:47",
      "memory budget exceeded: the Liquid of this text built more than 20,000,000 characters and items",
    ],
    [
      "a capture that doubles",
      '# Main\n\n{% assign s = "x" %}{% for i in (1..100) %}{% capture s %}{{ s }}{{ s }}{% endcapture %}{% endfor %}{{ s | size }}\n',
      "sections/main.md:3:66",
      "rendered text exceeds 2,000,000 characters",
    ],
    [
      "10,000 nested ifs",
      `# Main\n\n${"{% if true %}".repeat(10_000)}x${"{% endif %}".repeat(10_000)}\n`,
      // The 101st if: 100 tags of 13 characters before it.
      "sections/main.md:3:1301",
      "Liquid blocks nested more than 100 deep",
    ],
    [
      "10,000 nested ifs in a liquid tag",
      `# Main\n\n{% liquid\n${"if true\n".repeat(10_000)}echo "x"\n${"endif\n".repeat(10_000)}%}\n`,
      "sections/main.md:3:1",
      "Liquid blocks nested more than 100 deep",
    ],
  ])("%s", async (_, main, where, message) => {
    const e = await theError(template(main));
    expect(e.code).toBe("liquid-limit");
    expect(e.where).toBe(where);
    expect(e.message.startsWith(message)).toBe(true);
  });

  it("a chain of 150 partials, each including the next: the depth limit, in the partial", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 150; i += 1)
      files[`partials/c${i}.md`] = `{% include "partials/c${i + 1}.md" %}`;
    files["partials/c150.md"] = "end";
    const e = await theError(template('# Main\n\n{% include "partials/c0.md" %}\n', files));
    expect(e.code).toBe("liquid-limit");
    // The section's render is level 1, each partial one more: the 99th partial's include is the 101st.
    expect(e.where).toBe("partials/c98.md:1:1");
    expect(e.message).toMatch(
      /^Liquid blocks and partials nested more than 100 deep \(included from partials\/c97\.md:1:1 ← .* ← sections\/main\.md:3:1\)$/,
    );
  });
});

describe("an error inside a partial is at the partial's file", () => {
  it("through two includes, naming both", async () => {
    const e = await theError(fixture, "partial-error");
    expect(e.code).toBe("liquid-render");
    expect(e.where).toBe("partials/inner.md:3:20");
    expect(e.message).toBe(
      "divided_by: division by zero (included from partials/outer.md:2:3 ← sections/partial-error.md:5:1)",
    );
  });

  it("in a caption: at the partial, naming the caption's key", async () => {
    const dir = template("# Main\n\n::table{ref=t}\n", {
      "template.yaml": `${header}tables:\n  t:\n    table: bilateral-trade\n    caption: 'Trade {% render "partials/cap.md" %}'\n    layout: rows\n    columns:\n      - { field: year, label: Year }\n      - { field: total, label: Total trade }\n`,
      "partials/cap.md": "in\n{{ 1 | modulo: 0 }}\n",
    });
    const e = await theError(dir);
    expect(e.code).toBe("liquid-render");
    expect(e.where).toBe("partials/cap.md:2:8");
    expect(e.message).toMatch(
      /^caption: modulo: modulo by zero \(included from template\.yaml:16:5\)$/,
    );
  });
});

describe("arithmetic that would print a wrong number is an error at the filter", () => {
  const HUGE = "9".repeat(400);
  it.each([
    ["{{ 1 | divided_by: 0 }}", "3:8", "divided_by: division by zero"],
    ["{{ 7 | modulo: 0 }}", "3:8", "modulo: modulo by zero"],
    ['{{ "abc" | times: 2 }}', "3:12", 'times: "abc" is not a number'],
    ['{{ "" | plus: 2 }}', "3:9", 'plus: "" is not a number'],
    ['{{ 2 | minus: "" }}', "3:8", 'minus: its first argument "" is not a number'],
    ['{{ "x" | abs }}', "3:10", 'abs: "x" is not a number'],
    ['{{ "x" | ceil }}', "3:10", 'ceil: "x" is not a number'],
    ['{{ "x" | floor }}', "3:10", 'floor: "x" is not a number'],
    ['{{ "x" | round }}', "3:10", 'round: "x" is not a number'],
    ['{{ 1 | at_least: "a" }}', "3:8", 'at_least: its first argument "a" is not a number'],
    ['{{ "a" | at_most: 1 }}', "3:10", 'at_most: "a" is not a number'],
    ['{{ 5 | divided_by: "x" }}', "3:8", 'divided_by: its first argument "x" is not a number'],
    [
      "{{ 99999999999999999999 | times: 10000000000000000000 | times: 1e308 }}",
      // Liquid has no exponent notation: 1e308 is a name.
      "3:64",
      "undefined variable: 1e308",
    ],
    [
      `{{ ${"9".repeat(300)} | times: ${"9".repeat(300)} }}`,
      "3:307",
      "times: the result (Infinity) is not a finite number",
    ],
    [`{{ ${HUGE} | plus: 1 }}`, "3:407", "plus: Infinity is not a finite number"],
    [`{{ "a" | append: ${HUGE} }}`, "3:10", "append: Infinity is not a finite number"],
    [`{{ ${HUGE} }}`, "3:1", "a number to print is Infinity, not a finite number"],
    [`{% echo ${HUGE} %}`, "3:1", "a number to print is Infinity, not a finite number"],
    [
      `{% assign x = ${HUGE} %}{% capture y %}{{ x }}{% endcapture %}{{ y }}`,
      "3:433",
      "a number to print is Infinity, not a finite number",
    ],
    [
      "{{ 123456789012345678901234567890 }}",
      "3:1",
      "the number 1.2345678901234568e+29 is too large to print exactly",
    ],
  ])("%s", async (liquid, at, message) => {
    const e = await theError(template(`# Main\n\n${liquid}\n`));
    expect(e.code).toBe("liquid-render");
    expect(e.where).toBe(`sections/main.md:${at}`);
    expect(e.message.startsWith(message), e.message).toBe(true);
  });
});

describe("malformed filter chains are syntax errors at the bad |", () => {
  it.each([
    ["{{ ind.trade | }}", "3:14", "empty filter: a | with no filter after it"],
    ["{{ ind.trade |}}", "3:14", "empty filter: a | with no filter after it"],
    ["{{ ind.trade || plus: 1 }}", "3:14", "empty filter: a | with no filter after it"],
    ["{{ ind.trade | | plus: 1 }}", "3:14", "empty filter: a | with no filter after it"],
    ["{{ ind.trade | : 2 }}", "3:14", "a filter's name is missing before its :"],
    ["{{ ind.trade | plus: }}", "3:14", "plus: nothing after the :"],
    ["{{ ind.trade | plus: 1, }}", "3:14", "plus: an argument is missing between commas"],
    ["{% assign a = ind.trade | %}{{ a }}", "3:25", "empty filter: a | with no filter after it"],
    ["{% echo ind.trade | %}", "3:19", "empty filter: a | with no filter after it"],
    ["{% liquid\nassign a = 1\necho a |\n%}", "5:8", "empty filter: a | with no filter after it"],
  ])("%s", async (liquid, at, message) => {
    const e = await theError(template(`# Main\n\n${liquid}\n`));
    expect(e.code).toBe("liquid-syntax");
    expect(e.where).toBe(`sections/main.md:${at}`);
    expect(e.message).toBe(message);
  });

  it("a | inside quoted text is text", async () => {
    const r = await compose({
      templateDir: template('# Main\n\n{{ "a | " | append: "|" }} {% assign b = "x |" %}{{ b }}\n'),
      dataset,
      audience: "full",
      figures: false,
    });
    expect(r.ok).toBe(true);
    if (r.ok) expect(JSON.stringify(r.document.blocks)).toContain('"a | | x |"');
  });

  it("in a partial: at the partial's file", async () => {
    const e = await theError(
      template('# Main\n\n{% render "partials/p.md" %}\n', { "partials/p.md": "\n{{ 1 | }}\n" }),
    );
    expect(e.code).toBe("liquid-syntax");
    expect(e.where).toBe("partials/p.md:2:6");
    expect(e.message).toBe(
      "empty filter: a | with no filter after it (included from sections/main.md:3:1)",
    );
  });
});

describe("a condition with an operator missing a side is a syntax error at the operator", () => {
  it.each([
    ["{% if ind.trade.value > %}x{% endif %}", "3:23", "> has no value after it"],
    ["{% if > 1 %}x{% endif %}", "3:7", "> has no value before it"],
    ["{% if ind.trade.value > > 1 %}x{% endif %}", "3:25", "> has no value before it"],
    ["{% if ind.trade.available and %}x{% endif %}", "3:27", "and has no value after it"],
    ["{% unless ind.trade.value == %}x{% endunless %}", "3:27", "== has no value after it"],
    [
      "{% if true %}{% elsif ind.trade.value contains %}x{% endif %}",
      "3:39",
      "contains has no value after it",
    ],
  ])("%s", async (liquid, at, message) => {
    const e = await theError(template(`# Main\n\n${liquid}\n`));
    expect(e.code).toBe("liquid-syntax");
    expect(e.where).toBe(`sections/main.md:${at}`);
    expect(e.message).toBe(message);
  });

  it("an operator inside quoted text is text, and whole conditions pass", async () => {
    const r = await compose({
      templateDir: template(
        '# Main\n\n{% if "a >" == "a >" and ind.trade.available %}yes{% endif %} {% if ind.trade.value >= 1 or ind.trade.value < 0 %}big{% endif %}\n',
      ),
      dataset,
      audience: "full",
      figures: false,
    });
    expect(r.ok, JSON.stringify(r.ok ? [] : r.issues)).toBe(true);
  });
});

describe("Markdown nesting is bounded, with its place", () => {
  it.each([
    ["> ×10,000", `${">".repeat(10_000)} x\n`, "3:1"],
    [
      "a list 900 deep",
      `${Array.from({ length: 900 }, (_, i) => `${"  ".repeat(i)}- x`).join("\n")}\n`,
      // The 10th level: two nesting levels a list.
      "12:1",
    ],
    [
      "callouts 30 deep",
      `${Array.from({ length: 30 }, (_, i) => `${":".repeat(33 + 30 - i)}callout{kind=note}`).join("\n")}\nx\n${Array.from({ length: 30 }, (_, i) => ":".repeat(34 + i)).join("\n")}\n`,
      // The 20th opener: its content would be one level too deep.
      "22:1",
    ],
    ["* ×100,000 around a word", `${"*".repeat(100_000)}a${"*".repeat(100_000)}\n`, "3:1"],
  ])("%s", async (_, body, at) => {
    const e = await theError(template(`# Main\n\n${body}`));
    expect(e.code).toBe("markdown-nesting");
    expect(e.where).toBe(`sections/main.md:${at}`);
  });

  it("[ ×100,000 is text, printed as typed", async () => {
    const r = await compose({
      templateDir: template(`# Main\n\n${"[".repeat(100_000)}\n`),
      dataset,
      audience: "full",
      figures: false,
    });
    expect(r.ok).toBe(true);
    if (r.ok) expect(JSON.stringify(r.document.blocks)).toContain("[".repeat(100_000));
  });
});
