/**
 * A chart's mistakes are reported where they are: a bad column, value or
 * period at its own key in template.yaml (with the nearest name), a spec's
 * JSON or Vega-Lite mistake at its line:column in the spec file.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { type Dataset, loadDataset } from "@briefkit/data";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compose } from "../src/index.js";

const root = resolve(import.meta.dirname, "../../..");
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

/** A one-chart template; `chart` is the chart's YAML block under `charts: c:`. */
function template(
  chart: string,
  files: Record<string, string> = {},
): { dir: string; yaml: string } {
  const dir = mkdtempSync(join(tmpdir(), "briefkit-charts-"));
  dirs.push(dir);
  const yaml = `id: mini
title: Mini
sections:
  main: { file: sections/main.md }
charts:
  c:
${chart}
audiences:
  full: { label: Full, sections: [main] }
`;
  const all = {
    "sections/main.md": "# Main\n\n::figure{ref=c}\n",
    ...files,
    "template.yaml": yaml,
  };
  for (const [name, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return { dir, yaml };
}

/** 1-based line:column of the first occurrence of `needle` in `text`. */
function position(text: string, needle: string): string {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${needle} not in the text`);
  const before = text.slice(0, at).split("\n");
  return `${before.length}:${before.at(-1)!.length + 1}`;
}

async function errors(dir: string) {
  const r = await compose({ templateDir: dir, dataset, audience: "full" });
  expect(r.ok).toBe(false);
  // A suggestion is said once, as the hint: never also in the message.
  for (const i of r.issues) {
    if (i.hint?.includes("did you mean")) expect(i.message).not.toContain("did you mean");
  }
  return r.issues
    .filter((i) => i.severity === "error")
    .map((i) => ({ ...i, where: `${i.file.slice(dir.length + 1)}:${i.line}:${i.column}` }));
}

const preset = (extra: string) => `    preset: line
    table: far-east-trade
    title: T
    caption: C
${extra}`;

describe("chart errors at their key", () => {
  it("x: an unknown column, with the nearest name", async () => {
    const { dir, yaml } = template(preset("    x: yaer\n    measures: [exports]\n"));
    const [e] = await errors(dir);
    expect(e?.code).toBe("chart-error");
    expect(e?.where).toBe(`template.yaml:${position(yaml, "x: yaer")}`);
    expect(e?.message).toBe(
      'chart c: table far-east-trade has no column "yaer" (columns: region, year, exports, imports, trade)',
    );
    expect(e?.hint).toBe('did you mean "year"?');
  });

  it("measures[1]: the second measure, not the list", async () => {
    const { dir, yaml } = template(
      preset("    x: year\n    measures:\n      - exports\n      - imprts\n"),
    );
    const [e] = await errors(dir);
    expect(e?.where).toBe(`template.yaml:${position(yaml, "imprts")}`);
    expect(e?.hint).toBe('did you mean "imports"?');
  });

  it("seriesBy, and a where key", async () => {
    const a = template(preset("    x: year\n    measures: [exports]\n    seriesBy: regoin\n"));
    const [ea] = await errors(a.dir);
    expect(ea?.where).toBe(`template.yaml:${position(a.yaml, "seriesBy: regoin")}`);
    expect(ea?.hint).toBe('did you mean "region"?');
    const b = template(
      preset("    x: year\n    measures: [exports]\n    where: { regoin: Total }\n"),
    );
    const [eb] = await errors(b.dir);
    expect(eb?.where).toBe(`template.yaml:${position(b.yaml, "regoin: Total")}`);
  });

  it("a where value no row has, with the nearest value", async () => {
    const { dir, yaml } = template(
      preset("    x: year\n    measures: [exports]\n    where:\n      region: Totl\n"),
    );
    const [e] = await errors(dir);
    expect(e?.where).toBe(`template.yaml:${position(yaml, "region: Totl")}`);
    expect(e?.message).toContain('no row has region "Totl"');
    expect(e?.hint).toBe('did you mean "Total"?');
  });

  it("a where period no row has, and a relative period past the data: at the where key", async () => {
    const a = template(
      preset("    x: region\n    measures: [exports]\n    where: { year: 1997 }\n"),
    );
    const [ea] = await errors(a.dir);
    expect(ea?.where).toBe(`template.yaml:${position(a.yaml, "year: 1997")}`);
    expect(ea?.message).toContain('no row has year "1997"');
    const b = template(
      preset("    x: region\n    measures: [exports]\n    where: { year: latest-9 }\n"),
    );
    const [eb] = await errors(b.dir);
    expect(eb?.where).toBe(`template.yaml:${position(b.yaml, "year: latest-9")}`);
    expect(eb?.message).toBe(
      'chart c: table far-east-trade: "latest-9" is not a period of the data (periods: 1998, 1999, 2000, 2001, 2002, 2003; or first, latest, latest-N, first+N, latest-partial)',
    );
  });

  it("an exclude value no row has: at its item, with the nearest value", async () => {
    const { dir, yaml } = template(
      preset(
        "    x: year\n    seriesBy: region\n    measures: [exports]\n    exclude:\n      - Yakutia\n      - Totl\n",
      ),
    );
    const [e] = await errors(dir);
    expect(e?.where).toBe(`template.yaml:${position(yaml, "Totl")}`);
    expect(e?.message).toContain('no row has "Totl" to leave out');
    expect(e?.hint).toBe('did you mean "Total"?');
  });

  it("an exclude value that is a part year's label, not its token: an error, not ignored", async () => {
    const { dir, yaml } = template(
      "    preset: line\n    table: bilateral-trade\n    x: year\n    measures: [exports]\n    exclude: [2005 (first half)]\n    title: T\n    caption: C\n",
    );
    const [e] = await errors(dir);
    expect(e?.where).toBe(`template.yaml:${position(yaml, "2005 (first half)")}`);
    expect(e?.message).toContain('no row has "2005 (first half)" to leave out');
    expect(e?.hint).toBe('did you mean "2005-H1"?');
    const w = template(
      "    preset: pie\n    table: bilateral-trade\n    measures: [exports, imports]\n    where: { year: 2005 (first half) }\n    title: T\n    caption: C\n",
    );
    const [ew] = await errors(w.dir);
    expect(ew?.where).toBe(`template.yaml:${position(w.yaml, "year: 2005 (first half)")}`);
    expect(ew?.hint).toBe('did you mean "2005-H1"?');
  });

  it("a table that is not in the dataset", async () => {
    const { dir, yaml } = template(
      "    preset: line\n    table: far-east-trad\n    title: T\n    caption: C\n",
    );
    const [e] = await errors(dir);
    expect(e?.where).toBe(`template.yaml:${position(yaml, "table: far-east-trad")}`);
    expect(e?.hint).toBe('did you mean "far-east-trade"?');
  });

  it("x, measures or seriesBy beside a spec: at that key", async () => {
    const { dir, yaml } = template(
      "    spec: c.vl.json\n    table: far-east-trade\n    measures: [exports]\n    title: T\n    caption: C\n",
      { "c.vl.json": '{ "mark": "bar" }' },
    );
    const [e] = await errors(dir);
    expect(e?.code).toBe("template-schema");
    expect(e?.where).toBe(`template.yaml:${position(yaml, "measures: [exports]")}`);
    expect(e?.message).toContain("presets only");
  });
});

describe("spec errors in the spec file", () => {
  const def = "    spec: c.vl.json\n    table: far-east-trade\n    title: T\n    caption: C\n";

  it("a field that is not a column: at the field, with the nearest column", async () => {
    const spec = `{
  "mark": "bar",
  "encoding": {
    "x": { "field": "year", "type": "ordinal" },
    "y": { "field": "exprts", "type": "quantitative" }
  }
}
`;
    const { dir } = template(def, { "c.vl.json": spec });
    const [e] = await errors(dir);
    expect(e?.where).toBe(`c.vl.json:${position(spec, '"exprts"')}`);
    expect(e?.hint).toBe('did you mean "exports"?');
  });

  it("bad JSON: at the character", async () => {
    const spec = '{\n  "mark": "bar",\n  "encoding": { "x": { "field": "year" }, }\n}\n';
    const { dir } = template(def, { "c.vl.json": spec });
    const [e] = await errors(dir);
    expect(e?.file.endsWith("c.vl.json")).toBe(true);
    expect(e?.line).toBe(3);
  });

  it("a Vega-Lite schema error: at the property", async () => {
    const spec = `{
  "mark": "bar",
  "encoding": {
    "x": { "field": "year", "type": "ordinal" },
    "y": { "field": "exports", "type": "quantitive" }
  }
}
`;
    const { dir } = template(def, { "c.vl.json": spec });
    const [e] = await errors(dir);
    expect(e?.where).toBe(`c.vl.json:${position(spec, '"quantitive"')}`);
  });

  it("a spec that loads data: refused at data.url", async () => {
    const spec = '{\n  "data": { "url": "https://example.org/x.csv" },\n  "mark": "bar"\n}\n';
    const { dir } = template(def, { "c.vl.json": spec });
    const all = await errors(dir);
    expect(all.map((e) => e.where)).toContain(`c.vl.json:${position(spec, '"https')}`);
  });
});

describe("spec errors in the spec file, by kind", () => {
  const def = "    spec: c.vl.json\n    table: far-east-trade\n    title: T\n    caption: C\n";
  const bars = (encodingY: string, mark = '"bar"') => `{
  "mark": ${mark},
  "encoding": {
    "x": { "field": "year", "type": "ordinal" },
    "y": ${encodingY}
  }
}
`;

  it("an unknown key: at the key, with the code and message", async () => {
    const spec = bars('{ "field": "exports", "type": "quantitative", "colour": "red" }');
    const { dir } = template(def, { "c.vl.json": spec });
    const [e, ...rest] = await errors(dir);
    expect(rest).toEqual([]);
    expect(e?.code).toBe("chart-error");
    expect(e?.where).toBe(`c.vl.json:${position(spec, '"colour"')}`);
    expect(e?.message).toBe(
      'chart c: "colour" is not a Vega-Lite property here (at /encoding/y/colour)',
    );
  });

  it("a value of the wrong type: at the value", async () => {
    const spec = bars('{ "field": "exports", "type": "quantitative", "title": 12 }');
    const { dir } = template(def, { "c.vl.json": spec });
    const [e, ...rest] = await errors(dir);
    expect(rest).toEqual([]);
    expect(e?.where).toBe(`c.vl.json:${position(spec, "12 }")}`);
    expect(e?.message).toBe(
      "chart c: 12 has the wrong type; expected string or array or null (at /encoding/y/title)",
    );
  });

  it("a mark that is not a mark: at the mark", async () => {
    const spec = bars('{ "field": "exports", "type": "quantitative" }', '"bars"');
    const { dir } = template(def, { "c.vl.json": spec });
    const [e, ...rest] = await errors(dir);
    expect(rest).toEqual([]);
    expect(e?.where).toBe(`c.vl.json:${position(spec, '"bars"')}`);
    expect(e?.message).toMatch(
      /^chart c: "bars" is not allowed here; expected one of .*"bar".* \(at \/mark\)$/,
    );
  });

  it("inline data of the wrong shape: at each bad row", async () => {
    const spec = `{
  "data": { "values": [1, { "region": "Total" }] },
  "mark": "bar",
  "encoding": { "x": { "field": "region", "type": "nominal" } }
}
`;
    const { dir } = template(def, { "c.vl.json": spec });
    const all = await errors(dir);
    expect(all.map((e) => [e.where, e.message])).toEqual([
      [
        `c.vl.json:${position(spec, "1, {")}`,
        "chart c: 1 has the wrong type; expected string or boolean or object (at /data/values/0)",
      ],
      // Vega-Lite's values are all numbers, all strings, all booleans or all objects.
      [
        `c.vl.json:${position(spec, '{ "region"')}`,
        'chart c: {"region":"Total"} has the wrong type; expected number or string or boolean (at /data/values/1)',
      ],
    ]);
  });

  it("a field inside a facet's spec: at the field in the inner spec", async () => {
    const spec = `{
  "facet": { "field": "region", "type": "nominal" },
  "spec": {
    "mark": "line",
    "encoding": {
      "x": { "field": "year", "type": "ordinal" },
      "y": { "field": "exprts", "type": "quantitative" }
    }
  }
}
`;
    const { dir } = template(def, { "c.vl.json": spec });
    const [e, ...rest] = await errors(dir);
    expect(rest).toEqual([]);
    expect(e?.where).toBe(`c.vl.json:${position(spec, '"exprts"')}`);
    expect(e?.message).toContain("(at /spec/encoding/y/field)");
    expect(e?.hint).toBe('did you mean "exports"?');
  });

  it("JSON nested 10,000 deep: refused at the bracket past the limit, not a stack overflow", async () => {
    const spec = `{\n  "mark": "bar",\n  "data": ${"[".repeat(10_000)}${"]".repeat(10_000)}\n}\n`;
    const { dir } = template(def, { "c.vl.json": spec });
    const [e, ...rest] = await errors(dir);
    expect(rest).toEqual([]);
    expect(e?.code).toBe("chart-error");
    // `{` is level 1, so the 100th `[` is level 101.
    expect(e?.where).toBe(`c.vl.json:3:${'  "data": '.length + 100}`);
    expect(e?.message).toBe(
      "chart c: the chart spec nests objects and lists more than 100 levels deep",
    );
  });

  it("a spec that is not JSON: at the character", async () => {
    const spec = "mark: bar\nencoding: {}\n";
    const { dir } = template(def, { "c.vl.json": spec });
    const [e, ...rest] = await errors(dir);
    expect(rest).toEqual([]);
    expect(e?.where).toBe("c.vl.json:1:1");
    expect(e?.message).toMatch(/^chart c: the chart spec is not valid JSON: /);
  });

  it("a leading BOM is not an error, and positions after it hold", async () => {
    const spec = bars('{ "field": "exprts", "type": "quantitative" }');
    const { dir } = template(def, { "c.vl.json": `\uFEFF${spec}` });
    const [e, ...rest] = await errors(dir);
    expect(rest).toEqual([]);
    expect(e?.where).toBe(`c.vl.json:${position(spec, '"exprts"')}`);
  });
});

describe("prototype names in a where map are unknown keys like any other", () => {
  for (const key of ["__proto__", "constructor", "prototype"]) {
    it(`where: { ${key}: … } is an unknown column at its key`, async () => {
      const { dir, yaml } = template(
        preset(`    x: year\n    measures: [exports]\n    where: { ${key}: 2004 }\n`),
      );
      const [e, ...rest] = await errors(dir);
      expect(rest).toEqual([]);
      expect(e?.code).toBe("chart-error");
      expect(e?.where).toBe(`template.yaml:${position(yaml, `${key}: 2004`)}`);
      expect(e?.message).toBe(
        `chart c: table far-east-trade has no column "${key}" (columns: region, year, exports, imports, trade)`,
      );
    });
  }

  it("a spec chart's where too, in block style", async () => {
    const { dir, yaml } = template(
      "    spec: c.vl.json\n    table: far-east-trade\n    where:\n      __proto__: Total\n    title: T\n    caption: C\n",
      { "c.vl.json": '{ "mark": "bar" }' },
    );
    const [e] = await errors(dir);
    expect(e?.where).toBe(`template.yaml:${position(yaml, "__proto__: Total")}`);
    expect(e?.message).toContain('has no column "__proto__"');
  });

  it("__proto__ with a mapping for a value: the value's type, at the key", async () => {
    const { dir, yaml } = template(
      preset("    x: year\n    measures: [exports]\n    where: { __proto__: { a: 1 } }\n"),
    );
    const [e, ...rest] = await errors(dir);
    expect(rest).toEqual([]);
    expect(e?.code).toBe("template-schema");
    expect(e?.where).toBe(`template.yaml:${position(yaml, "__proto__")}`);
    expect(e?.message).toBe("charts.c.where.__proto__: expected a string or a number");
  });

  it("an indicator input's where too (the same zod record, the same restoring)", async () => {
    const { dir, yaml } = template(preset(""));
    const indicator =
      "indicators:\n  - id: t\n    label: T\n    function: value\n    input: { table: far-east-trade, measure: trade, where: { __proto__: Total }, period: latest }\n    format: { style: number, decimals: 1 }\n";
    const text = yaml.replace("charts:\n", `${indicator}charts:\n`);
    writeFileSync(join(dir, "template.yaml"), text);
    const [e, ...rest] = await errors(dir);
    expect(rest).toEqual([]);
    expect(e?.code).toBe("indicator-error");
    expect(e?.where).toBe(`template.yaml:${position(text, "__proto__: Total")}`);
    expect(e?.message).toContain('has no column "__proto__"');
  });

  it("__proto__ as a chart id: not kebab-case, as any such id", async () => {
    const { dir, yaml } = template(preset(""));
    writeFileSync(
      join(dir, "template.yaml"),
      yaml.replace(
        "charts:\n",
        "charts:\n  __proto__: { preset: pie, table: x, title: T, caption: C }\n",
      ),
    );
    const [e, ...rest] = await errors(dir);
    expect(rest).toEqual([]);
    expect(e?.code).toBe("template-schema");
    expect(e?.where).toBe("template.yaml:6:3");
    expect(e?.message).toBe(
      'charts: key "__proto__": must be kebab-case: lower-case letters, digits and hyphens',
    );
  });
});
