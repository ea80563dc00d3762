/**
 * The fast YAML path must answer exactly what `yaml` answers, or decline.
 * Checked on every YAML file in the repository and on snippets chosen where
 * YAML parsers are known to differ.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { parseDocument } from "yaml";
import { yamlOptions } from "../src/manifest.js";
import { readPlainYaml, resolveCorePlain } from "../src/yaml-fast.js";

const repo = resolve(import.meta.dirname, "../../..");

/** What the loaders would get from `yaml`, or undefined where it reports an error. */
function slow(text: string): { data: unknown } | undefined {
  const doc = parseDocument(text, yamlOptions);
  if (doc.errors.length > 0) return undefined;
  try {
    return { data: doc.toJS({ maxAliasCount: 50 }) };
  } catch {
    return undefined;
  }
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name === "node_modules" || e.name.startsWith(".") || e.name === "out") return [];
    const p = join(dir, e.name);
    if (e.isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(e.name) && e.name !== "pnpm-lock.yaml" ? [p] : [];
  });
}

/** Agreement: the fast path declines, or both accept with equal data. */
function expectAgreement(text: string) {
  const fast = readPlainYaml(text);
  if (fast === undefined) return "declined";
  const reference = slow(text);
  expect(reference, `yaml rejects what the fast path accepts:\n${text}`).toBeDefined();
  expect(fast.data).toStrictEqual(reference?.data);
  return "answered";
}

describe("readPlainYaml", () => {
  const files = [
    ...yamlFiles(join(repo, "data")),
    ...yamlFiles(join(repo, "templates")),
    ...yamlFiles(join(repo, "packages")),
  ];

  test("the repository has YAML files to compare on", () => {
    expect(files.length).toBeGreaterThan(40);
  });

  test.each(files.map((f) => [relative(repo, f), f]))("agrees with yaml on %s", (_, file) => {
    expectAgreement(readFileSync(file, "utf8").replace(/^\uFEFF/, ""));
  });

  test("answers on the shipped dataset, so the fast path is the one taken", () => {
    const text = readFileSync(join(repo, "data/russia-japan/2005/dataset.yaml"), "utf8");
    expect(expectAgreement(text)).toBe("answered");
  });

  const declined: [string, string][] = [
    ["an alias", "a: &x 1\nb: *x\n"],
    ["an anchor alone", "a: &x 1\n"],
    ["a tag", "a: !!str 12\n"],
    ["a local tag", "a: !thing 12\n"],
    ["a directive", "%YAML 1.2\n---\na: 1\n"],
    ["two documents", "a: 1\n---\nb: 2\n"],
    ["an empty file", ""],
    ["a number key", "1: one\n"],
    ["a null key", "~: none\n"],
    ["a bool key", "true: yes\n"],
    ["a complex key", "? [a, b]\n: c\n"],
    ["a duplicate key", "a: 1\na: 2\n"],
    ["bad indentation", "a:\n  b: 1\n c: 2\n"],
    ["an unclosed quote", 'a: "open\n'],
  ];
  test.each(declined)("declines %s", (_, text) => {
    expect(readPlainYaml(text)).toBeUndefined();
  });

  const snippets = [
    // Scalars that the YAML 1.1 and 1.2 schemas read differently.
    "a: yes\nb: no\nc: on\nd: off\ne: y\n",
    "a: 012\nb: 0o12\nc: 0x1F\nd: 0b101\ne: +12\nf: -0\n",
    "a: 1_000\nb: 1:30\nc: 1e3\nd: 1.5E-3\ne: .5\nf: 5.\ng: +.inf\nh: -.Inf\ni: .NaN\nj: .nan\n",
    "a: 1e400\nb: 123456789012345678901234567890\nc: -1e-400\n",
    "a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: nUll\ng: TRUE\nh: tRue\n",
    "a: 2005-09-08\nb: 2005-09-08T10:00:00Z\nc: 12:30\n",
    // Quoting, escapes, folding.
    "a: \"12\"\nb: 'true'\nc: \"\\u00e9\\t\\x41\"\nd: 'it''s'\ne: \"a\n  b\"\n",
    "a: |\n  line one\n  line two\n\nb: >-\n  folded\n  text\n\n  para\nc: |+\n  kept\n\n",
    "a: plain\n  continued\n  over lines\nb: x # comment\nc: 'x # not a comment'\n",
    // Flow collections and nesting.
    "a: [1, two, {c: 3}]\nb: {x: [], y: {}}\nc: [ ]\n",
    "- - 1\n  - 2\n- k: v\n  l: w\n",
    "key with spaces: v\n'quoted key': w\n\"dq key\": x\n__proto__: p\nconstructor: c\n",
    "a:\r\n  b: 1\r\n  c: two\r\n",
    "---\na: 1\n...\n",
    'a: ""\nb: \'\'\nc: " "\n',
  ];
  test.each(snippets.map((s) => [JSON.stringify(s).slice(0, 40), s]))("agrees on %s", (_, s) => {
    expectAgreement(s);
  });

  test("resolves plain scalars as yaml's core schema does, for any token", () => {
    const token = fc.stringMatching(/^[-+.0-9eExXoOabcdfinNTtruFalsl_:~ ]{0,8}$/);
    fc.assert(
      fc.property(token, (t) => {
        const text = `v: ${t}\n`;
        const reference = slow(text);
        const fast = readPlainYaml(text);
        if (fast === undefined || reference === undefined) return;
        expect(fast.data).toStrictEqual(reference.data);
        expect(resolveCorePlain(t.trim())).toStrictEqual((reference.data as { v: unknown }).v);
      }),
      { numRuns: 2000 },
    );
  });
});
