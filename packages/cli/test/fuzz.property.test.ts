import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { treeSnapshot } from "./output-folder.js";
import { runCli } from "./run-cli.js";

const RUNS = Number(process.env.BRIEFKIT_FUZZ_RUNS ?? 40);
const SEED =
  process.env.BRIEFKIT_FUZZ_SEED === undefined ? undefined : Number(process.env.BRIEFKIT_FUZZ_SEED);
/** Hang guard per case, far above any honest build of the scaffold. */
const HANG_GUARD_MS = 20_000;

const work = mkdtempSync(join(tmpdir(), "briefkit-fuzz-"));
const scaffold = join(work, "_scaffold");
const project = join(work, "project");
afterAll(() => rmSync(work, { recursive: true, force: true }));

const FILES = [
  "data/demo/2026/exports.csv",
  "data/demo/2026/dataset.yaml",
  "templates/demo/template.yaml",
  "templates/demo/sections/02-exports.md",
] as const;
const BUILD = [
  "build",
  "--template",
  "templates/demo",
  "--audience",
  "full",
  "--format",
  "html",
  "--out",
  "out",
];

/** Fragments that have broken parsers before: nesting, tags, aliases, Liquid, numbers. */
const HOSTILE = [
  "[",
  "{",
  "]",
  "}",
  "&a ",
  "*a",
  "!!js/function ",
  "!include ",
  "<<: *a\n",
  "{{",
  "}}",
  "{%",
  "%}",
  "{{ x | }}",
  "{% render 'partials/x.md' %}",
  "{% for i in (1..100000000) %}",
  "| divided_by: 0",
  "| times: 'abc'",
  "12345678901234567890",
  "1e400",
  "-0",
  "NaN",
  "—",
  '"',
  ",",
  ";",
  "\t",
  "\n",
  "\r\n",
  "\u0000",
  "\uFEFF",
  "\uD800",
  "日本",
  "مرحبا",
  "__proto__",
  "constructor",
  "../",
  "/etc/passwd",
  "javascript:alert(1)",
  ":::",
  "::figure{ref=nope}",
  "> ",
  "- ",
  "#",
  "x".repeat(300),
];

type Mutation =
  | { kind: "insert"; at: number; text: string }
  | { kind: "cut"; at: number; length: number }
  | { kind: "repeat"; at: number; length: number; times: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat(),
    text: fc.oneof(
      fc.constantFrom(...HOSTILE),
      fc.string({ maxLength: 12 }),
      fc.string({ unit: "binary", maxLength: 6 }),
    ),
  }),
  fc.record({
    kind: fc.constant("cut" as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({
    kind: fc.constant("repeat" as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 30 }),
    times: fc.integer({ min: 2, max: 200 }),
  }),
);

function mutate(text: string, m: Mutation): string {
  const at = m.at % (text.length + 1);
  switch (m.kind) {
    case "insert":
      return text.slice(0, at) + m.text + text.slice(at);
    case "cut":
      return text.slice(0, at) + text.slice(at + m.length);
    case "repeat":
      return text.slice(0, at) + text.slice(at, at + m.length).repeat(m.times) + text.slice(at);
  }
}

const briefkit = runCli;

beforeAll(async () => {
  mkdirSync(scaffold);
  const made = await briefkit(scaffold, ["new", "demo", "--date", "2026-01-15"]);
  if (made.code !== 0) throw new Error(made.err);
  const built = await briefkit(scaffold, BUILD);
  if (built.code !== 0) throw new Error(built.err);
}, 120_000);

/** A line of a report: a located problem, or one of the CLI's own lines. */
const LOCATED = /^(?<file>[^\s:][^:]*):(?<line>\d+):(?<column>\d+): (error|warning|note): /;

describe("fuzzing the build", () => {
  it(
    `never crashes, hangs, leaves an unlocated error or writes on failure (${RUNS} cases)`,
    async () => {
      const originals = Object.fromEntries(
        FILES.map((f) => [f, readFileSync(join(scaffold, f), "utf8")]),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...FILES),
          fc.array(mutation, { minLength: 1, maxLength: 4 }),
          async (file, mutations) => {
            rmSync(project, { recursive: true, force: true });
            cpSync(scaffold, project, { recursive: true });
            const text = mutations.reduce(mutate, originals[file]!);
            writeFileSync(join(project, file), text);
            const before = treeSnapshot(join(project, "out"));
            const started = performance.now();
            const r = await briefkit(project, BUILD);
            const took = performance.now() - started;
            const report = `${file} after ${JSON.stringify(mutations)}:\n${r.err}`;
            expect(took, `hang guard: ${report}`).toBeLessThan(HANG_GUARD_MS);
            expect(r.err + r.out, report).not.toMatch(/internal error|Maximum call stack|\n\s+at /);
            expect([0, 1], report).toContain(r.code);
            if (r.code === 1) {
              expect(treeSnapshot(join(project, "out")), report).toEqual(before);
              const located = r.err.split("\n").filter((l) => LOCATED.test(l));
              expect(located.length, report).toBeGreaterThan(0);
              for (const l of located) {
                const m = LOCATED.exec(l)!.groups!;
                expect(existsSync(join(project, m.file!)), `${l}\n${report}`).toBe(true);
                expect(Number(m.line), l).toBeGreaterThanOrEqual(1);
                expect(Number(m.column), l).toBeGreaterThanOrEqual(1);
              }
            }
          },
        ),
        { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) },
      );
    },
    600_000 + RUNS * HANG_GUARD_MS,
  );
});
