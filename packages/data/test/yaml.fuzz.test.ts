/**
 * Fuzzing the YAML doors (issue 13): random and mutated dataset.yaml and
 * YAML tables, with deep nesting in block and flow style, tags, anchors and
 * aliases, numbers a double cannot hold. Whatever the text, reading it
 *
 * - returns (never throws), and no message is an "internal error" or a
 *   stack overflow;
 * - places every issue inside the file: line >= 1, column >= 1, and no
 *   further than one past the end of its line;
 * - finishes: each case gets a generous wall-clock bound as a hang guard.
 *
 * Runs 300 cases by default; BRIEFKIT_FUZZ_RUNS=100000 runs more on demand.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { readTable } from "../src/load.js";
import { parseManifest } from "../src/manifest.js";
import { parseYaml } from "../src/positioned-yaml.js";
import { tableSchema } from "../src/schema.js";

const runs = Number(process.env.BRIEFKIT_FUZZ_RUNS ?? 300);
/**
 * Not a speed assertion (the standards forbid timing tests): a hang guard.
 * The slowest legitimate case here takes well under a tenth of this on a
 * busy machine; a case past it is a hang or a blow-up, the bugs this test
 * exists to find (an alias bomb, quadratic nesting).
 */
const hangGuardMs = 2000;
/** vitest's own limit for a whole property: the hang guard for every case, with room. */
const propertyTimeout = runs * hangGuardMs;

const fixtures = resolve(import.meta.dirname, "fixtures/formats/yaml");
const manifestBase = readFileSync(resolve(fixtures, "dataset.yaml"), "utf8");
const tableBase = readFileSync(resolve(fixtures, "data.yml"), "utf8");

const piece = fc.oneof(
  {
    weight: 30,
    arbitrary: fc.constantFrom(
      "[",
      "]",
      "{",
      "}",
      ":",
      ": ",
      "- ",
      ",",
      " ",
      "  ",
      "\n",
      "\r\n",
      "\t",
      "'",
      '"',
      "#",
      "? ",
      "|\n",
      ">-\n",
      "&a ",
      "&b ",
      "*a",
      "*b",
      "!!binary ",
      "!!str ",
      "!!set ",
      "!!omap ",
      "!!timestamp ",
      "!!js/function ",
      "!include /etc/passwd",
      "!custom ",
      "! ",
      "%YAML 1.2\n---\n",
      "%TAG !e! tag:x,2000:\n---\n",
      "---\n",
      "...\n",
      "<<: *a\n",
      "1e400",
      "-.inf",
      ".nan",
      "0x1F",
      "12345678901234567890",
      "0.300000000000000001",
      "year",
      "value",
      "exports",
      "2005",
      "null",
      "\u00a0",
      "\ufeff",
      "—",
    ),
  },
  // Nesting from a few levels to thousands, in each style.
  fc.integer({ min: 1, max: 3000 }).map((n) => "[".repeat(n)),
  fc.integer({ min: 1, max: 3000 }).map((n) => "]".repeat(n)),
  fc.integer({ min: 1, max: 2000 }).map((n) => '{"a":'.repeat(n)),
  fc
    .integer({ min: 1, max: 400 })
    .map((n) => Array.from({ length: n }, (_, i) => `${" ".repeat(i)}k:`).join("\n")),
  fc
    .integer({ min: 1, max: 400 })
    .map((n) => Array.from({ length: n }, (_, i) => `${"  ".repeat(i)}-`).join("\n")),
  // An alias bomb of a random width and height.
  fc
    .tuple(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 2, max: 10 }))
    .map(([width, height]) => {
      const lines = [`b0: &b0 [${Array(width).fill("x").join(", ")}]`];
      for (let i = 1; i < height; i++) {
        lines.push(
          `b${i}: &b${i} [${Array(width)
            .fill(`*b${i - 1}`)
            .join(", ")}]`,
        );
      }
      return `\n${lines.join("\n")}\n`;
    }),
);

/** A text: a base file with random edits, or random pieces alone. */
const yamlText = (base: string) =>
  fc.oneof(
    fc.array(piece, { maxLength: 30 }).map((ps) => ps.join("")),
    fc
      .array(
        fc.tuple(
          fc.nat({ max: base.length }),
          fc.nat({ max: 8 }),
          fc.array(piece, { maxLength: 3 }),
        ),
        { minLength: 1, maxLength: 6 },
      )
      .map((edits) => {
        let text = base;
        for (const [at, cut, insert] of edits) {
          const p = Math.min(at, text.length);
          text = text.slice(0, p) + insert.join("") + text.slice(p + cut);
        }
        return text;
      }),
  );

interface Located {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** Checks the properties of the module comment for one reader's issues. */
function expectSound(text: string, issues: readonly Located[]) {
  const lines = text.replace(/^\ufeff/, "").split("\n");
  for (const issue of issues) {
    expect(issue.message).not.toMatch(/internal error|call stack|Maximum/i);
    expect(issue.line).toBeGreaterThanOrEqual(1);
    expect(issue.column).toBeGreaterThanOrEqual(1);
    expect(issue.line).toBeLessThanOrEqual(lines.length);
    expect(issue.column).toBeLessThanOrEqual((lines[issue.line - 1] ?? "").length + 1);
  }
}

function timed<T>(read: () => T): T {
  const start = performance.now();
  const result = read();
  expect(performance.now() - start).toBeLessThan(hangGuardMs);
  return result;
}

const tableSpec = tableSchema.parse({
  id: "t",
  title: "T",
  file: "t.yml",
  source: "s",
  columns: [
    { name: "year", type: "period" },
    { name: "exports", type: "number", unit: "USD", required: false },
    { name: "note", type: "text", required: false },
  ],
});

const encoder = new TextEncoder();

describe(`YAML fuzz (${runs} cases each)`, () => {
  test(
    "dataset.yaml: issues, never a throw, each inside the file",
    () => {
      fc.assert(
        fc.property(yamlText(manifestBase), (text) => {
          const result = timed(() => parseManifest(text, "dataset.yaml"));
          expectSound(text, result.issues);
        }),
        { numRuns: runs },
      );
    },
    propertyTimeout,
  );

  test(
    "YAML tables: read and validated, never a throw, each issue inside the file",
    () => {
      fc.assert(
        fc.property(yamlText(tableBase), (text) => {
          const result = timed(() => readTable(tableSpec, "t.yml", encoder.encode(text), ["—"]));
          expectSound(text, result.issues);
        }),
        { numRuns: runs },
      );
    },
    propertyTimeout,
  );

  test(
    "template.yaml and indicators (parseYaml, both speeds): problems inside the file",
    () => {
      fc.assert(
        fc.property(yamlText(manifestBase), fc.constantFrom("lazy", "eager"), (text, positions) => {
          const result = timed(() => parseYaml(text, { positions: positions as "lazy" | "eager" }));
          const located = result.ok
            ? [{ ...result.locate(["tables", 0, "columns", 1, "unit"]), message: "" }]
            : result.problems.map((p) => ({ ...p.at, message: p.message }));
          expectSound(text, located);
        }),
        { numRuns: runs },
      );
    },
    propertyTimeout,
  );
});
