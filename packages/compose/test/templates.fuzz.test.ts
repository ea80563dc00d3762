/**
 * Template text fuzzed (issue 13): random and mutated section Markdown and
 * Liquid — tags, filters and their chains, partial includes that nest and
 * fan out, Markdown containers and marks — composed against the 2005 data.
 * Whatever the text, compose returns: a document, or issues each of which
 * is located inside a real file of the template at line and column ≥ 1,
 * and none is an internal error. Nothing throws.
 *
 * `BRIEFKIT_FUZZ_RUNS=20000 npx vitest run test/templates.fuzz.test.ts`
 * runs it longer; the default is a modest fixed number with a fixed seed,
 * so CI sees the same cases every time (set BRIEFKIT_FUZZ_SEED to vary).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type Dataset, loadDataset } from "@briefkit/data";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compose } from "../src/index.js";

const root = resolve(import.meta.dirname, "../../..");
const RUNS = Number(process.env.BRIEFKIT_FUZZ_RUNS ?? 150);
const SEED = Number(process.env.BRIEFKIT_FUZZ_SEED ?? 20050908);
/**
 * A hang guard, not a speed test: one case (a compose of one section) that
 * takes this long is stuck, whatever the machine's load. The render budget
 * stops the worst cases in about a second.
 */
const HANG_GUARD_MS = 30_000;

let dataset: Dataset;
let dir: string;

beforeAll(async () => {
  const r = await loadDataset(join(root, "data/russia-japan/2005"));
  if (!r.ok) throw new Error("the 2005 dataset must load");
  dataset = r.dataset;
  dir = mkdtempSync(join(tmpdir(), "briefkit-fuzz-"));
  mkdirSync(join(dir, "sections"));
  mkdirSync(join(dir, "partials"));
  writeFileSync(
    join(dir, "template.yaml"),
    `id: fuzz
title: Fuzz
indicators:
  - id: trade
    function: value
    input: { table: bilateral-trade, measure: total }
    period: latest
    format: { style: currency, decimals: 1, scale: billion }
  - id: trade-1990
    function: value
    input: { table: bilateral-trade, measure: total, period: "1990" }
    format: { style: currency, decimals: 1, scale: billion }
  - id: growth
    function: growth
    input: { table: bilateral-trade, measure: total }
    period: latest
    format: { style: percent, decimals: 0 }
sections:
  main: { file: sections/main.md }
audiences:
  full: { label: Full, sections: [main] }
`,
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// ---------------------------------------------------------------------------
// Template text

const PARTIALS = ["partials/a.md", "partials/b.md", "partials/c.md"];

const value = fc.constantFrom(
  "ind.trade",
  "ind.trade.value",
  "ind.trade-1990",
  "ind.trade-1990.value",
  "ind.growth",
  "ind.nope",
  "fact.nope",
  "edition",
  "published",
  "template.title",
  "i",
  "s",
  "1",
  "0",
  "-3.5",
  "99999999999999999999999",
  `${"9".repeat(320)}`,
  '"abc"',
  '""',
  '"a|b"',
  "(1..3)",
  "nil",
  "true",
);

const filterName = fc.constantFrom(
  "plus",
  "minus",
  "times",
  "divided_by",
  "modulo",
  "abs",
  "ceil",
  "floor",
  "round",
  "at_least",
  "at_most",
  "append",
  "prepend",
  "upcase",
  "size",
  "split",
  "join",
  "first",
  "default",
  "direction",
  "ordinal",
  "bare",
  "date",
  "sum",
  "sample",
  "nope",
  "",
);

/** A filter chain, well formed or not (`| `, `||`, `| : 2`, a dangling comma). */
const filters = fc
  .array(
    fc.record({
      name: filterName,
      sep: fc.constantFrom("|", "|", "|", "||", "| |"),
      args: fc.array(fc.oneof(value, fc.constant("")), { maxLength: 3 }),
      colon: fc.boolean(),
    }),
    { maxLength: 4 },
  )
  .map((fs) =>
    fs
      .map(
        (f) => ` ${f.sep} ${f.name}${f.colon || f.args.length > 0 ? `: ${f.args.join(", ")}` : ""}`,
      )
      .join(""),
  );

const output = fc.tuple(value, filters).map(([v, f]) => `{{ ${v}${f} }}`);

const condition = fc
  .tuple(value, fc.constantFrom(">", "<", "==", "and", "or", "contains"), value)
  .map(([a, op, b]) => `${a} ${op} ${b}`);

const range = fc
  .tuple(
    fc.constantFrom("1", "0", "i", "3"),
    fc.constantFrom("3", "100", "100000", "1000000000", "i"),
  )
  .map(([a, b]) => `(${a}..${b})`);

/** Liquid and Markdown pieces; block tags open and close at random, so many are unbalanced. */
const piece: fc.Arbitrary<string> = fc.oneof(
  output,
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    "\n",
    "\n\n",
    " ",
    "# ",
    "## ",
    "#### ",
    "> ",
    "- ",
    "1. ",
    "* ",
    "**",
    "_",
    "[",
    "](https://x.org)",
    "](javascript:x)",
    "![a](b)",
    "---\n",
    "| a | b |\n|---|---|\n",
    "::figure{ref=nope}\n",
    ":::callout{kind=note}\n",
    ":::\n",
    "[^n]",
    "[^n]: note\n",
    "<b>",
    "\\*",
    "`",
  ),
  condition.map((c) => `{% if ${c} %}`),
  condition.map((c) => `{% unless ${c} %}`),
  fc.constantFrom(
    "{% else %}",
    "{% endif %}",
    "{% endunless %}",
    "{% endfor %}",
    "{% endcapture %}",
    "{% break %}",
    "{% endcomment %}",
    "{% raw %}",
    "{% endraw %}",
    "{% comment %}",
    "{%",
    "{{",
    "%}",
    "}}",
  ),
  range.map((r) => `{% for i in ${r} %}`),
  fc.tuple(value, filters).map(([v, f]) => `{% assign s = ${v}${f} %}`),
  fc.constantFrom("{% capture s %}", "{% echo s %}", "{% liquid\nassign s = 1 |\necho s\n%}"),
  fc.constantFrom(...PARTIALS).map((p) => `{% render "${p}" %}`),
  fc.constantFrom(...PARTIALS).map((p) => `{% include "${p}" %}`),
  fc.constantFrom(
    '{% include "partials/missing.md" %}',
    '{% render "../template.yaml" %}',
    "{% include s %}",
  ),
);

const text = fc.array(piece, { maxLength: 40 }).map((ps) => ps.join(""));

/** Partials: each may include the others (a cycle is refused before rendering) and fan out. */
const partials = fc.tuple(text, text, text);

/** A section of the example brief with random edits: deletions, insertions, duplications. */
const exampleSections = [
  "00-key-findings.md",
  "04-economic-links.md",
  "06-oil-pipeline.md",
  "10-conclusions.md",
]
  .map((f) => join(root, "templates/russia-japan/sections", f))
  .filter((f) => existsSync(f))
  .map((f) => readFileSync(f, "utf8"));

const mutated = fc
  .tuple(
    fc.constantFrom(...(exampleSections.length > 0 ? exampleSections : ["# Empty\n"])),
    fc.array(
      fc.record({
        at: fc.nat(),
        length: fc.nat({ max: 30 }),
        insert: fc.oneof(piece, fc.constant("")),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  )
  .map(([source, edits]) =>
    edits.reduce((s, e) => {
      const at = s.length === 0 ? 0 : e.at % s.length;
      return s.slice(0, at) + e.insert + s.slice(at + e.length);
    }, source),
  );

// ---------------------------------------------------------------------------
// The property

async function composeCase(main: string, parts: readonly string[]): Promise<void> {
  writeFileSync(join(dir, "sections/main.md"), main);
  for (const [i, p] of PARTIALS.entries()) writeFileSync(join(dir, p), parts[i] ?? "");
  const started = performance.now();
  const r = await compose({
    templateDir: dir,
    dataset,
    audience: "full",
    figures: false,
    cwd: dir,
  });
  const elapsed = performance.now() - started;
  expect(elapsed, "hang guard").toBeLessThan(HANG_GUARD_MS);
  for (const issue of r.issues) {
    const where = `${issue.file}:${issue.line}:${issue.column} ${issue.code} ${issue.message}`;
    expect(issue.message, where).not.toMatch(
      /internal error|Maximum call stack|Invalid string length|Invalid array length|\bat .*\.ts:\d+/i,
    );
    expect(issue.file.startsWith(dir), where).toBe(true);
    expect(existsSync(issue.file), where).toBe(true);
    expect(issue.line, where).toBeGreaterThanOrEqual(1);
    expect(issue.column, where).toBeGreaterThanOrEqual(1);
    const lines = readFileSync(issue.file, "utf8").split("\n").length;
    expect(issue.line, where).toBeLessThanOrEqual(lines);
  }
  if (!r.ok) expect(r.issues.some((i) => i.severity === "error")).toBe(true);
}

describe("template text, fuzzed", () => {
  it(
    `random sections and partials: every issue located, nothing thrown (${RUNS} runs)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(text, mutated), partials, async (main, parts) => {
          await composeCase(main, parts);
        }),
        { numRuns: RUNS, seed: SEED },
      );
    },
    Math.max(120_000, RUNS * 1_000),
  );
});
