/**
 * Bad input, one test per case: each folder in fixtures/_error_/ holds a
 * dataset.yaml, its files and expected.txt, one line per issue:
 *
 *   <severity> <code> <file>:<line>:<column> [| text the message or hint must contain]...
 *
 * The issues must match exactly (no more, no fewer), and loading must
 * return them rather than throw.
 */
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { formatIssue, type Issue, loadDataset } from "../src/index.js";

const root = resolve(import.meta.dirname, "fixtures/_error_");

interface Expected {
  readonly head: string;
  readonly contains: readonly string[];
}

function readExpected(dir: string): Expected[] {
  return readFileSync(join(dir, "expected.txt"), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => {
      const [head = "", ...contains] = l.split(" | ");
      return { head: head.trim(), contains: contains.map((c) => c.trim()) };
    });
}

const headOf = (dir: string, i: Issue) =>
  `${i.severity} ${i.code} ${relative(dir, i.file)}:${i.line}:${i.column}`;

async function expectIssues(dir: string, expected: readonly Expected[]) {
  const result = await loadDataset(dir);
  const hasError = expected.some((e) => e.head.startsWith("error "));
  expect(result.ok).toBe(!hasError);
  const got = result.issues.map((i) => headOf(dir, i));
  expect([...got].sort()).toEqual(expected.map((e) => e.head).sort());
  for (const e of expected) {
    const issue = result.issues.find((i) => headOf(dir, i) === e.head)!;
    const text = `${issue.message} ${issue.hint ?? ""}`;
    for (const c of e.contains) expect(text, e.head).toContain(c);
    const line = formatIssue(issue, dir);
    expect(line.startsWith(`${e.head.split(" ")[2]}: ${issue.severity}: ${issue.message}`)).toBe(
      true,
    );
  }
}

describe("hostile input (issue 13): nesting, tags, aliases, JSON faults, limits, inexact numbers", () => {
  const hostile = resolve(import.meta.dirname, "fixtures/hostile");
  test.each(readdirSync(hostile).sort())("%s", async (name) => {
    const dir = join(hostile, name);
    await expectIssues(dir, readExpected(dir));
  });
});

describe("bad input", () => {
  const cases = readdirSync(root).sort();
  test("covers every bad input of issue #2", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });
  test.each(cases)("%s", async (name) => {
    const dir = join(root, name);
    await expectIssues(dir, readExpected(dir));
  });

  test("symlink-out: a table file that links outside the dataset folder", async () => {
    const base = mkdtempSync(join(tmpdir(), "briefkit-data-"));
    const outside = join(base, "secret.csv");
    writeFileSync(outside, "year,value\n1998,1\n");
    const dir = join(base, "dataset");
    mkdirSync(dir);
    const manifest = readFileSync(join(root, "missing-file", "dataset.yaml"), "utf8").replace(
      "nope.csv",
      "data.csv",
    );
    writeFileSync(join(dir, "dataset.yaml"), manifest);
    symlinkSync(outside, join(dir, "data.csv"));
    await expectIssues(dir, [
      { head: "error file-outside-dataset dataset.yaml:11:5", contains: ['"data.csv"', "link"] },
    ]);
    // The same link pointing inside the folder is fine.
    writeFileSync(join(dir, "real.csv"), "year,value\n1998,1\n");
    symlinkSync(join(dir, "real.csv"), join(dir, "inside.csv"));
    writeFileSync(join(dir, "dataset.yaml"), manifest.replace("data.csv", "inside.csv"));
    expect((await loadDataset(dir)).ok).toBe(true);
  });

  test("a dataset folder without dataset.yaml", async () => {
    const dir = mkdtempSync(join(tmpdir(), "briefkit-data-"));
    const result = await loadDataset(dir);
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => [i.code, i.line, i.column])).toEqual([
      ["manifest-not-found", 1, 1],
    ]);
  });
});
