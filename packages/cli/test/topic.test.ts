/**
 * A second brief on another subject, as a new user makes it: a template
 * whose `topic:` names its own data. Every command takes the data from that
 * topic, says which template and data it used, and when the data does not
 * fit says so once, naming the folder it loaded and the `--data` that fits.
 * Each problem is printed once, however many audiences share it.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const root = resolve(import.meta.dirname, "../../..");
const repo = mkdtempSync(join(tmpdir(), "briefkit-topic-"));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

function write(files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, name)), { recursive: true });
    writeFileSync(join(repo, name), text);
  }
}

async function briefkit(...argv: string[]) {
  const r = await runCli(repo, argv);
  return { ...r, lines: r.err.trimEnd().split("\n") };
}

const threeAudiences = [
  "sections: { main: { file: sections/main.md } }",
  "audiences:",
  "  full: { label: Full, sections: [main] }",
  "  short: { label: Short, sections: [main] }",
  "  long: { label: Long, sections: [main] }",
].join("\n");

beforeAll(() => {
  // data/demo/2005: the essay's data under a topic of its own; data/mini: a small other dataset.
  cpSync(join(root, "data/russia-japan/2005"), join(repo, "data/demo/2005"), { recursive: true });
  cpSync(join(root, "packages/indicators/test/fixtures/mini"), join(repo, "data/mini"), {
    recursive: true,
  });
  const parent = relative(join(repo, "templates/demo"), join(root, "templates/russia-japan"));
  write({
    "templates/demo/template.yaml": `id: demo\nextends: ${parent}\ntopic: demo\n`,
    "templates/lost/template.yaml": `id: lost\nextends: ${parent}\ntopic: dmeo\n`,
    "templates/typo/template.yaml": [
      "id: typo",
      "title: Typo",
      "topic: demo",
      "indicators:",
      "  - id: total",
      "    function: value",
      "    input: { table: bilateral-trade, measures: total }",
      threeAudiences,
      "",
    ].join("\n"),
    "templates/typo/sections/main.md": "# Main\n",
    "templates/shared/template.yaml": [
      "id: shared",
      "title: Shared",
      "topic: demo",
      "indicators:",
      "  - { id: total, function: value, input: { table: bilateral-trade, measure: total } }",
      threeAudiences,
      "",
    ].join("\n"),
    "templates/shared/sections/main.md": "# Main\n\nTrade was {{ ind.totl }}.\n",
  });
}, 60_000);

describe("the template's topic chooses the data", () => {
  it("compose: the newest edition of data/<topic>/, named on stderr, JSON alone on stdout", async () => {
    const r = await briefkit("compose", "--template", "templates/demo", "--no-charts", "--json");
    expect(r.code, r.err).toBe(0);
    expect(r.lines).toEqual(["template templates/demo · data data/demo/2005"]);
    expect(JSON.parse(r.out).meta.edition).toBe("2005");
  });

  it("--edition is an edition of the template's topic", async () => {
    const ok = await briefkit("indicators", "--template", "templates/demo", "--edition", "2005");
    expect(ok.code, ok.err).toBe(0);
    expect(ok.lines[0]).toBe("template templates/demo · data data/demo/2005");
    const bad = await briefkit("indicators", "--template", "templates/demo", "--edition", "2004");
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("edition 2004 not found under data/demo (editions there: 2005)");
  });

  it("validate and diff take the template's topic too", async () => {
    const v = await briefkit("validate", "--template", "templates/demo", "--json");
    expect(v.code, v.err).toBe(0);
    expect(v.lines[0]).toBe("template templates/demo · data data/demo/2005");
    expect(JSON.parse(v.out).data).toBe("data/demo/2005");
    const d = await briefkit(
      "diff",
      "--template",
      "templates/demo",
      "--from",
      "2005",
      "--to",
      "2005",
      "--json",
    );
    expect(d.code, d.err).toBe(0);
    expect(d.lines[0]).toBe("template templates/demo · data data/demo/2005 → data/demo/2005");
    expect(JSON.parse(d.out).ok).toBe(true);
  }, 60_000);

  it("a topic with no folder: an error at topic:, naming the folder looked for", async () => {
    const r = await briefkit("build", "--template", "templates/lost", "--out", "out");
    expect(r.code).toBe(1);
    expect(r.lines).toEqual([
      "templates/lost/template.yaml:3:1: error: topic: dmeo, but there is no folder data/dmeo (hint: did you mean demo? topics under data/: demo, mini; or give the data with --data DIR)",
      "briefkit: no data to use; give it with --data DIR",
      "✗ 1 error; nothing was written",
    ]);
  });

  it("data that does not fit: one error up front, naming the folder loaded and the --data that fits", async () => {
    const r = await briefkit("build", "--template", "templates/demo", "--data", "data/mini");
    expect(r.code).toBe(1);
    expect(r.lines).toEqual([
      "template templates/demo · data data/mini",
      "templates/demo/template.yaml:3:1: error: the data loaded, data/mini (dataset mini, edition 2005), lacks 8 of the 10 tables this template uses: far-east-trade-partners, far-east-exports-by-product, japan-imports-from-far-east-by-product, japan-exports-to-far-east-by-product, far-east-trade-with-japan-by-province, jbic-loans, russia-exports-to-japan-by-product, far-east-japanese-investment-by-province (hint: the template's topic is demo: give its data with --data data/demo/2005)",
      "✗ 1 error; nothing was written",
    ]);
    const i = await briefkit("indicators", "--template", "templates/demo", "--data", "data/mini");
    expect(i.code).toBe(1);
    expect(i.lines.slice(1)).toEqual(r.lines.slice(1));
  });
});

describe("each problem once, however many audiences share it", () => {
  it("a typo in template.yaml (three audiences): one error, at the key, with the nearest key", async () => {
    const r = await briefkit("build", "--template", "templates/typo", "--out", "out");
    expect(r.code).toBe(1);
    expect(r.lines).toEqual([
      'templates/typo/template.yaml:7:38: error: indicators[0] (total).input: a table reference needs table and measure (optional: where, label, period); found unknown key "measures" (hint: did you mean "measure"?)',
      "briefkit: the template templates/typo has problems; fix them first",
      "✗ 1 error; nothing was written",
    ]);
  });

  it("an unknown indicator in a section every audience uses: build and diff print it once", async () => {
    const expected = [
      'templates/shared/sections/main.md:3:14: error: undefined variable: ind.totl (hint: did you mean "total"?)',
      "✗ 1 error; nothing was written",
    ];
    const b = await briefkit("build", "--template", "templates/shared", "--out", "out");
    expect(b.code).toBe(1);
    expect(b.lines.slice(1)).toEqual(expected);
    const d = await briefkit(
      "diff",
      "--template",
      "templates/shared",
      "--from",
      "2005",
      "--to",
      "2005",
    );
    expect(d.code).toBe(1);
    expect(d.lines.slice(1)).toEqual(expected);
    const dj = await briefkit(
      "diff",
      "--template",
      "templates/shared",
      "--from",
      "2005",
      "--to",
      "2005",
      "--json",
    );
    expect(JSON.parse(dj.out).issues).toHaveLength(1);
  });
});
