/**
 * Template parameters (params.ts) on the example data: the values come from
 * a table column, a brief binds one, and every figure filtered by it is the
 * table's. Bad parameters are errors at their place in template.yaml.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type Dataset, loadDataset } from "@briefkit/data";
import type { Block, Document, Inline } from "@briefkit/document";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compose, templateParams } from "../src/index.js";

const root = resolve(import.meta.dirname, "../../..");
const regionTemplate = join(root, "templates/russia-japan-region");
const work = mkdtempSync(join(tmpdir(), "briefkit-params-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let dataset: Dataset;

beforeAll(async () => {
  const r = await loadDataset(join(root, "data/russia-japan/2005"));
  if (!r.ok) throw new Error("the 2005 dataset must load");
  dataset = r.dataset;
});

const text = (xs: readonly Inline[]): string =>
  xs
    .map((x) =>
      x.type === "text"
        ? x.value
        : x.type === "number"
          ? x.text
          : "children" in x
            ? text(x.children as Inline[])
            : "",
    )
    .join("");
const paragraphs = (d: Document) =>
  d.blocks.flatMap((b: Block) => (b.type === "paragraph" ? [text(b.children)] : []));
const numbers = (d: Document): Array<{ text: string; value: number }> => {
  const out: Array<{ text: string; value: number }> = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x !== null && typeof x === "object") {
      const o = x as Record<string, unknown>;
      if (o.type === "number" && typeof o.text === "string" && typeof o.value === "number") {
        out.push({ text: o.text, value: o.value });
      }
      Object.values(o).forEach(walk);
    }
  };
  walk(d.blocks);
  return out;
};

/** A copy of the region template with template.yaml edited, and the 1-based line of `marker` in it. */
function variant(edit: (yaml: string) => string): {
  dir: string;
  lineOf: (marker: string) => number;
} {
  const dir = mkdtempSync(join(work, "t-"));
  cpSync(regionTemplate, dir, { recursive: true });
  const file = join(dir, "template.yaml");
  const yaml = edit(readFileSync(file, "utf8"));
  writeFileSync(file, yaml);
  return {
    dir,
    lineOf: (marker) => yaml.split("\n").findIndex((l) => l.includes(marker)) + 1,
  };
}

/** The table's own rows for a region in 2003: exports, imports. */
function row2003(region: string): { exports: number; imports: number } {
  const csv = readFileSync(join(root, "data/russia-japan/2005/far-east-trade.csv"), "utf8");
  const line = csv.split("\n").find((l) => l.startsWith(`${region},2003,`));
  if (!line) throw new Error(`no 2003 row for ${region}`);
  const [, , exports, imports] = line.split(",");
  return { exports: Number(exports), imports: Number(imports) };
}

describe("parameter values", () => {
  it("are the column's values in the table's order, the excluded one left out", () => {
    const r = templateParams(regionTemplate, dataset);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const csv = readFileSync(join(root, "data/russia-japan/2005/far-east-trade.csv"), "utf8");
    const inTable = [
      ...new Set(
        csv
          .trim()
          .split("\n")
          .slice(1)
          .map((l) => l.split(",")[0]!),
      ),
    ];
    expect(r.params.map((p) => p.name)).toEqual(["region"]);
    expect(r.params[0]!.values).toEqual(inTable.filter((v) => v !== "Total"));
    expect(r.params[0]!.values).toHaveLength(7);
  });
});

describe("a brief per value", () => {
  for (const region of ["Primorskiy Krai", "Magadanskaya Oblast"]) {
    it(`${region}: the title and every figure are the region's`, async () => {
      const r = await compose({
        templateDir: regionTemplate,
        dataset,
        audience: "profile",
        params: { region },
        figures: false,
      });
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      expect(r.document.meta.title).toBe(`${region} and Japan`);
      const { exports, imports } = row2003(region);
      const total = 1352.2; // the Total row's trade in 2003, as printed
      const values = numbers(r.document).map((n) => n.value);
      // The indicators carry the value in the table's unit (US$ million).
      expect(values).toContainEqual(expect.closeTo(exports + imports, 6));
      expect(values).toContainEqual(expect.closeTo(exports, 6));
      expect(values).toContainEqual(expect.closeTo(imports, 6));
      const share = numbers(r.document).find((n) => n.text.endsWith("%"));
      expect(share?.text).toBe(`${Math.round(((exports + imports) / total) * 100)}%`);
      expect(paragraphs(r.document)[0]).toContain(`${region} is one of the seven`);
    });
  }

  it("two values give two different documents from one cache", async () => {
    const { createComposeCache } = await import("../src/index.js");
    const cache = createComposeCache();
    const a = await compose({
      templateDir: regionTemplate,
      dataset,
      audience: "profile",
      params: { region: "Yakutia" },
      cache,
      figures: false,
    });
    const b = await compose({
      templateDir: regionTemplate,
      dataset,
      audience: "profile",
      params: { region: "Sakhalinskaya Oblast" },
      cache,
      figures: false,
    });
    if (!a.ok || !b.ok) throw new Error("both compose");
    expect(a.document.meta.title).toBe("Yakutia and Japan");
    expect(b.document.meta.title).toBe("Sakhalinskaya Oblast and Japan");
    expect(paragraphs(b.document).join(" ")).toContain("the largest share of any region");
    expect(paragraphs(a.document).join(" ")).not.toContain("the largest share of any region");
  });
});

describe("located errors", () => {
  const paramsLine = (yaml: string) =>
    yaml.split("\n").findIndex((l) => l.startsWith("  region:")) + 1;

  it("a value that is not one of the parameter's, at the parameter, with the nearest value", async () => {
    const yaml = readFileSync(join(regionTemplate, "template.yaml"), "utf8");
    const r = await compose({
      templateDir: regionTemplate,
      dataset,
      audience: "profile",
      params: { region: "Primorsky Krai" },
    });
    expect(r.ok).toBe(false);
    const issue = r.issues.find((i) => i.code === "template-param");
    expect(issue).toMatchObject({
      file: join(regionTemplate, "template.yaml"),
      line: paramsLine(yaml),
      column: 3,
      message: '"Primorsky Krai" is not a value of parameter region',
    });
    expect(issue?.hint).toContain("Primorskiy Krai");
  });

  it("no value for a declared parameter", async () => {
    const r = await compose({ templateDir: regionTemplate, dataset, audience: "profile" });
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({
      code: "template-param",
      message: "parameter region has no value",
    });
    expect(r.issues[0]?.hint).toContain("--all-params");
  });

  it("a column the table does not have, at from:", async () => {
    const v = variant((y) =>
      y.replace("from: far-east-trade.region", "from: far-east-trade.province"),
    );
    const r = templateParams(v.dir, dataset);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]).toMatchObject({
      file: join(v.dir, "template.yaml"),
      line: v.lineOf("from: far-east-trade.province"),
      column: 5,
      message: 'parameter region: table far-east-trade has no column "province"',
    });
  });

  it("a table that is not there, at from:", async () => {
    const v = variant((y) =>
      y.replace("from: far-east-trade.region", "from: far-east-trades.region"),
    );
    const r = templateParams(v.dir, dataset);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]).toMatchObject({ line: v.lineOf("far-east-trades.region"), column: 5 });
    expect(r.issues[0]?.hint).toContain("far-east-trade");
  });

  it("an empty list of values (all excluded), at from:", async () => {
    const v = variant((y) =>
      y.replace(
        "from: far-east-trade.region\n    exclude: [Total]",
        "values: [Yakutia]\n    exclude: [Yakutia]",
      ),
    );
    const r = templateParams(v.dir, dataset);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]).toMatchObject({
      line: v.lineOf("values: [Yakutia]"),
      column: 5,
      message: "parameter region has no values (after exclude): there would be no brief to build",
    });
  });

  it("a literal list whose value the table lacks: the indicator's own located check, never an empty figure", async () => {
    const v = variant((y) =>
      y.replace("from: far-east-trade.region\n    exclude: [Total]", "values: [Yakutia, Chukotka]"),
    );
    const ok = await compose({
      templateDir: v.dir,
      dataset,
      audience: "profile",
      params: { region: "Yakutia" },
      figures: false,
    });
    expect(ok.ok).toBe(true);
    const r = await compose({
      templateDir: v.dir,
      dataset,
      audience: "profile",
      params: { region: "Chukotka" },
      figures: false,
    });
    expect(r.ok).toBe(false);
    const first = r.issues.find((i) => i.code === "indicator-error");
    expect(first?.file).toBe(join(v.dir, "template.yaml"));
    expect(first?.message).toContain("Chukotka");
    expect(first?.line).toBeGreaterThan(v.lineOf("indicators:"));
  });

  it("{{ param.x }} for a parameter not declared, at the where: value", async () => {
    const v = variant((y) =>
      y.replace(
        'input: { table: far-east-trade, measure: exports, where: { region: "{{ param.region }}" } }',
        'input: { table: far-east-trade, measure: exports, where: { region: "{{ param.province }}" } }',
      ),
    );
    const r = await compose({
      templateDir: v.dir,
      dataset,
      audience: "profile",
      params: { region: "Yakutia" },
      figures: false,
    });
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({
      code: "template-param",
      line: v.lineOf("{{ param.province }}"),
      message:
        "{{ param.province }}: there is no parameter province (parameters with a value: region)",
    });
  });

  it("a value given for a parameter the template does not declare", async () => {
    const r = await compose({
      templateDir: regionTemplate,
      dataset,
      audience: "profile",
      params: { region: "Yakutia", year: "2003" },
    });
    expect(r.ok).toBe(false);
    expect(r.issues[0]?.message).toBe(
      "a value was given for parameter year, which the template does not declare (parameters: region)",
    );
  });
});
