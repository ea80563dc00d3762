/**
 * The hostile-input corpus: every bad input a campaign has thrown at
 * `briefkit validate` and `build`, one fixture folder each under
 * `fixtures/hostile/`. A case starts from the brief `briefkit new demo`
 * writes (so the corpus follows the scaffold), changes what its `case.yaml`
 * says, and runs the CLI in process against an output folder that already
 * holds a complete set of briefs.
 *
 * Every case asserts the exit code and the exact `file:line:column` lines
 * it expects. A failing case must leave the output folder exactly as it was
 * (names, inodes, bytes) and the project's own files untouched; no case may
 * print "internal error" or a stack trace. The vitest timeout is the hang
 * guard: a case that runs away fails here, it is not a speed measurement.
 *
 * case.yaml:
 *   title: what the input is
 *   argv: [validate, --data, data/demo/2026]   # default: build into out/
 *   exit: 1
 *   stderr: [exact lines, paths relative to the project]
 *   stderrMatches: [regular expressions a line must match]
 *   outputNever: [text no HTML brief written by a graceful case may hold]
 *   pdfHolds: [text the full brief's PDF must hold, white space aside]
 *   edits:                       # applied to the scaffold, in order
 *     - { file: F, find: "…", replace: "…", encoding?: latin1 }   (find occurs once)
 *     - { file: F, append: "…" }
 *     - { file: F, write: "…" }
 *     - { file: F, generate: kind, …parameters }   (see GENERATORS)
 *     - { file: F, symlink: target }
 *     - { file: F, directory: true }             (a folder where a file was)
 *   plus a `tree/` folder whose files are copied over the project.
 */
import { execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";
import { GENERATORS } from "./hostile-generators.js";
import { treeSnapshot } from "./output-folder.js";
import { runCli } from "./run-cli.js";

const casesDir = join(import.meta.dirname, "fixtures", "hostile");
const work = mkdtempSync(join(tmpdir(), "briefkit-hostile-"));
const scaffold = join(work, "_scaffold");
afterAll(() => rmSync(work, { recursive: true, force: true }));

const Edit = z.union([
  z.strictObject({
    file: z.string(),
    find: z.string(),
    replace: z.string(),
    // Replace every occurrence (else find must occur exactly once).
    all: z.boolean().default(false),
    // The encoding the changed file is saved in (a table saved as Windows-1252).
    encoding: z.enum(["utf8", "latin1"]).default("utf8"),
  }),
  z.strictObject({ file: z.string(), append: z.string() }),
  z.strictObject({ file: z.string(), write: z.string() }),
  z.strictObject({ file: z.string(), symlink: z.string() }),
  // A directory where a file should be (a blocked output name).
  z.strictObject({ file: z.string(), directory: z.literal(true) }),
  z.looseObject({
    file: z.string(),
    generate: z.enum(Object.keys(GENERATORS) as [string, ...string[]]),
  }),
]);
const Case = z.strictObject({
  title: z.string(),
  argv: z.array(z.string()).optional(),
  exit: z.number().int(),
  stderr: z.array(z.string()).default([]),
  stderrMatches: z.array(z.string()).default([]),
  edits: z.array(Edit).default([]),
  // Text that no written HTML brief may contain (a graceful case's escaping).
  outputNever: z.array(z.string()).default([]),
  // Words the full brief's PDF must hold, as pdftotext reads them (nothing dropped).
  pdfHolds: z.array(z.string()).default([]),
});
type Case = z.infer<typeof Case>;

const briefkit = runCli;

function applyEdits(project: string, c: Case, caseDir: string) {
  const tree = join(caseDir, "tree");
  if (existsSync(tree)) cpSync(tree, project, { recursive: true });
  for (const e of c.edits) {
    const path = join(project, e.file);
    mkdirSync(dirname(path), { recursive: true });
    // The generated files first: that variant takes any parameters, so it is
    // ruled out before the others are told apart by their keys.
    if ("generate" in e) {
      const generator = GENERATORS[e.generate]!;
      const made = generator(e);
      if (typeof made === "string") writeFileSync(path, made);
      else {
        // A set of files (a chain of partials): `file` names their folder.
        mkdirSync(path, { recursive: true });
        for (const [name, text] of Object.entries(made)) writeFileSync(join(path, name), text);
      }
    } else if ("find" in e) {
      const text = readFileSync(path, "utf8");
      const at = text.indexOf(e.find);
      if (at < 0 || (!e.all && text.indexOf(e.find, at + 1) >= 0)) {
        throw new Error(
          `${caseDir}: "${e.find}" must occur ${e.all ? "" : "exactly "}once in ${e.file}`,
        );
      }
      const changed = e.all
        ? text.replaceAll(e.find, e.replace)
        : text.slice(0, at) + e.replace + text.slice(at + e.find.length);
      writeFileSync(path, changed, { encoding: e.encoding });
    } else if ("append" in e) {
      writeFileSync(path, readFileSync(path, "utf8") + e.append);
    } else if ("write" in e) {
      writeFileSync(path, e.write);
    } else if ("directory" in e) {
      rmSync(path, { force: true });
      mkdirSync(path);
    } else {
      rmSync(path, { force: true });
      symlinkSync(e.symlink, path);
    }
  }
}

const BUILD = ["build", "--template", "templates/demo", "--out", "out"];

beforeAll(async () => {
  mkdirSync(scaffold);
  const made = await briefkit(scaffold, ["new", "demo", "--date", "2026-01-15"]);
  if (made.code !== 0) throw new Error(made.err);
  // The earlier complete set that every failing case must leave as it was.
  const built = await briefkit(scaffold, BUILD);
  if (built.code !== 0) throw new Error(built.err);
}, 120_000);

const names = readdirSync(casesDir)
  .filter((n) => existsSync(join(casesDir, n, "case.yaml")))
  .sort();

describe("the hostile-input corpus", () => {
  it("has cases", () => {
    expect(names.length).toBeGreaterThan(20);
  });

  for (const name of names) {
    const caseDir = join(casesDir, name);
    const c = Case.parse(parse(readFileSync(join(caseDir, "case.yaml"), "utf8")));
    it(`${name}: ${c.title}`, async () => {
      const project = join(work, name);
      cpSync(scaffold, project, { recursive: true });
      applyEdits(project, c, caseDir);
      const before = treeSnapshot(project);
      const r = await briefkit(project, c.argv ?? BUILD);
      // Writing a new case: BRIEFKIT_CORPUS_SHOW=1 prints what the CLI said.
      if (process.env.BRIEFKIT_CORPUS_SHOW) console.log(`${name}: exit ${r.code}\n${r.err}`);
      const lines = r.err.split("\n");
      expect(r.err + r.out).not.toMatch(
        /internal error|Maximum call stack|\n\s+at .+:\d+:\d+\)?\n/,
      );
      for (const line of c.stderr) expect(lines, r.err).toContain(line);
      for (const pattern of c.stderrMatches) {
        expect(
          lines.some((l) => new RegExp(pattern).test(l)),
          `no line matches /${pattern}/ in:\n${r.err}`,
        ).toBe(true);
      }
      expect(r.code, r.err).toBe(c.exit);
      if (c.exit !== 0) {
        // Nothing written and nothing lost: the outputs and the sources as they were.
        expect(treeSnapshot(project)).toEqual(before);
      } else {
        // A graceful case may write its briefs, never touch its sources.
        expect(sources(treeSnapshot(project))).toEqual(sources(before));
        // No trace of staging, of an interrupted build or of a stale lock.
        expect(
          readdirSync(join(project, "out")).filter((n) => /tmp|stag|journal|lock/.test(n)),
        ).toEqual([]);
        for (const name of readdirSync(join(project, "out")).filter((n) => n.endsWith(".html"))) {
          const html = readFileSync(join(project, "out", name), "utf8");
          for (const text of c.outputNever) expect(html, name).not.toContain(text);
        }
        if (c.pdfHolds.length > 0) {
          const text = execFileSync(
            "pdftotext",
            [join(project, "out", "demo-2026-full.pdf"), "-"],
            {
              encoding: "utf8",
            },
          ).replace(/\s+/g, "");
          for (const word of c.pdfHolds) expect(text).toContain(word.replace(/\s+/g, ""));
        }
      }
    });
  }
});

const sources = (files: Record<string, string>) =>
  Object.fromEntries(Object.entries(files).filter(([k]) => !k.startsWith("out/")));

// The scaffold itself must be a good brief, or every case above proves nothing.
describe("the corpus's starting point", () => {
  it("builds the scaffold into a complete set", () => {
    const files = readdirSync(join(scaffold, "out")).filter((n) => !n.startsWith("."));
    expect(files.sort()).toEqual(
      ["executive", "full"].flatMap((a) =>
        ["docx", "html", "pdf"].map((f) => `demo-2026-${a}.${f}`),
      ),
    );
    for (const f of files) expect(statSync(join(scaffold, "out", f)).size).toBeGreaterThan(1000);
  });
});
