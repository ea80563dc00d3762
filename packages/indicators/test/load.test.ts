/**
 * Loading definitions from YAML: valid files, and every file-level or
 * shape-level problem as an issue with the definition id and its position.
 */
import { describe, expect, it } from "vitest";
import { parseIndicatorYaml } from "../src/index.js";

function at(text: string, needle: string): { line: number; column: number } {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`not found: ${needle}`);
  const before = text.slice(0, i).split("\n");
  return { line: before.length, column: (before[before.length - 1] as string).length + 1 };
}

describe("parseIndicatorYaml", () => {
  it("reads valid definitions in order and locates their fields", () => {
    const yaml = `indicators:
  - id: total
    function: value
    input: { table: bilateral-trade, measure: total }
  - id: growth
    function: growth
    input: { table: bilateral-trade, measure: total }
    period: latest
`;
    const loaded = parseIndicatorYaml(yaml, "x.yaml");
    expect(loaded.issues).toEqual([]);
    expect(loaded.definitions.map((d) => d.id)).toEqual(["total", "growth"]);
    expect(loaded.source.locate(1, ["period"])).toEqual(at(yaml, "latest"));
    expect(loaded.source.locate(0, ["input", "table"])).toEqual(at(yaml, "bilateral-trade"));
    expect(loaded.source.locate(1, ["period"], "key")).toEqual(at(yaml, "period"));
  });

  it("an unknown function names the indicator and lists the functions", () => {
    const yaml = `indicators:
  - id: odd
    function: median
    input: { table: t, measure: m }
`;
    const { issues, definitions } = parseIndicatorYaml(yaml, "x.yaml");
    expect(definitions).toEqual([]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: "unknown-function",
      file: "x.yaml",
      ...at(yaml, "median"),
    });
    expect(issues[0]?.message).toBe(
      'indicator odd: function: expected one of "value", "change", "growth", "cagr", "multiple", "index", "share", "balance", "coverage", "sum", "rank", "annualise", ... (14 in all), found "median"',
    );
  });

  it("an unknown field points at its key; a wrong type at its value", () => {
    const yaml = `indicators:
  - id: fields
    function: value
    input: { table: t, measure: m }
    colour: red
  - id: types
    function: rolling-mean
    input: { table: t, measure: m }
    window: three
`;
    const { issues } = parseIndicatorYaml(yaml, "x.yaml");
    expect(issues.map((i) => [i.code, i.line, i.column])).toEqual([
      ["invalid-definition", at(yaml, "colour").line, at(yaml, "colour").column],
      ["invalid-definition", at(yaml, "three").line, at(yaml, "three").column],
    ]);
    expect(issues[0]?.message).toMatch(/fields.*colour/);
    expect(issues[1]?.message).toMatch(/types.*window/);
  });

  it("an input that is none of table, fact, indicator is explained by its closest form", () => {
    const yaml = `indicators:
  - id: half-ref
    function: value
    input: { table: bilateral-trade }
`;
    const { issues } = parseIndicatorYaml(yaml, "x.yaml");
    expect(issues).toHaveLength(1);
    expect(issues[0]?.code).toBe("invalid-definition");
    expect(issues[0]).toMatchObject({
      message:
        "indicator half-ref: input: a table reference needs table and measure (optional: where, label, period); measure is missing",
      ...at(yaml, "input"),
    });
  });

  it("a misspelt key of an input: one sentence at the key, with the nearest key", () => {
    const yaml = `indicators:
  - id: typo
    function: value
    input: { table: bilateral-trade, measures: total }
`;
    const { issues } = parseIndicatorYaml(yaml, "x.yaml");
    expect(issues).toEqual([
      {
        code: "invalid-definition",
        severity: "error",
        file: "x.yaml",
        ...at(yaml, "measures"),
        message:
          'indicator typo: input: a table reference needs table and measure (optional: where, label, period); found unknown key "measures"',
        hint: 'did you mean "measure"?',
      },
    ]);
  });

  it("a duplicate id is reported at the second, naming the first line", () => {
    const yaml = `indicators:
  - id: same
    function: value
    input: { fact: f }
  - id: same
    function: value
    input: { fact: g }
`;
    const { issues, definitions } = parseIndicatorYaml(yaml, "x.yaml");
    expect(definitions).toHaveLength(1);
    expect(issues.map((i) => [i.code, i.line])).toEqual([["duplicate-id", 5]]);
    expect(issues[0]?.message).toMatch(/line 2/);
  });

  it("YAML syntax errors, duplicate keys and alias bombs", () => {
    const syntax = parseIndicatorYaml("indicators:\n  - id: x\n   function: value\n", "x.yaml");
    expect(syntax.issues[0]?.code).toBe("yaml-syntax");
    expect(syntax.issues[0]?.line).toBeGreaterThan(1);
    const dup = parseIndicatorYaml(
      "indicators:\n  - id: x\n    id: y\n    function: value\n    input: { fact: f }\n",
      "x.yaml",
    );
    expect(dup.issues.map((i) => [i.code, i.line])).toEqual([["yaml-duplicate-key", 3]]);
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x, x]",
      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]",
      "indicators: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]",
    ].join("\n");
    expect(parseIndicatorYaml(bomb, "x.yaml").issues[0]?.code).toBe("yaml-alias-limit");
  });

  it("a file that is not `indicators: [...]`", () => {
    expect(parseIndicatorYaml("- id: x\n", "x.yaml").issues[0]?.code).toBe("file-shape");
    expect(parseIndicatorYaml("", "x.yaml").issues[0]?.code).toBe("file-shape");
    expect(parseIndicatorYaml("indicators:\n", "x.yaml").issues).toEqual([]);
    const extra = parseIndicatorYaml("indicators: []\ncharts: []\n", "x.yaml");
    expect(extra.issues.map((i) => [i.code, i.line])).toEqual([["file-shape", 2]]);
  });
});
