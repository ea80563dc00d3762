/**
 * `briefkit validate` on every bad dataset of the data package's fixture
 * corpus (packages/data/test/fixtures/_error_/<case>/, each with its
 * expected.txt): exit 1, every expected problem printed as
 * `file:line:column: error: …`, no stack trace. And the shipped data: exit 0
 * with the essay's rounding differences as warnings.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const root = resolve(import.meta.dirname, "../../..");
const errorsDir = join(root, "packages/data/test/fixtures/_error_");

const briefkit = (...argv: string[]) => runCli(root, argv);

describe("briefkit validate on the shipped data", () => {
  it("exits 0 and prints the rounding warnings with both numbers", async () => {
    const r = await briefkit("validate");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /✓ data\/russia-japan\/2005: russia-japan edition 2005, \d+ tables, \d+ facts; valid, \d+ warnings/,
    );
    expect(r.err).toContain("data/russia-japan/2005/far-east-trade.csv:49:12: warning:");
    expect(r.err).toMatch(/869\.2.*869\.1/);
  });

  it("--json gives the same result for machines", async () => {
    const r = await briefkit("validate", "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({
      ok: true,
      errors: 0,
      dataset: { id: "russia-japan", edition: "2005" },
    });
    expect(j.warnings).toBeGreaterThan(0);
    expect(j.issues[0]).toMatchObject({
      severity: "warning",
      file: "data/russia-japan/2005/far-east-trade.csv",
    });
  });
});

describe("briefkit validate on bad input", () => {
  const cases = readdirSync(errorsDir).filter((c) =>
    existsSync(join(errorsDir, c, "expected.txt")),
  );
  it("covers the bad inputs of issue #2", () => {
    for (const c of [
      "ragged-row",
      "unclosed-quote",
      "windows-1252",
      "year-19988",
      "json-trailing-comma",
      "yaml-alias-bomb",
      "outside-dataset",
      "over-size-limit",
    ]) {
      expect(cases).toContain(c);
    }
  });
  for (const c of cases) {
    it(`${c}: exit 1, positioned messages, no stack trace`, async () => {
      const dir = join(errorsDir, c);
      const r = await briefkit("validate", "--data", relative(root, dir));
      expect(r.code, r.err).toBe(1);
      expect(r.err).not.toMatch(/\n\s+at \S+ \(/);
      expect(r.err).toMatch(/✗ .*: \d+ errors?/);
      expect(r.err).not.toContain("nothing was written");
      const expected = readFileSync(join(dir, "expected.txt"), "utf8").trim().split("\n");
      for (const line of expected) {
        // "<severity> <code> <file>:<line>:<col> | <substring> | …"
        const [head] = line.split(" | ");
        const m = /^(error|warning) \S+ (\S+):(\d+):(\d+)$/.exec(head!.trim());
        if (!m) continue;
        const [, severity, file, l, col] = m;
        const shown = `${relative(root, join(dir, file!))}:${l}:${col}: ${severity}:`;
        expect(r.err, shown).toContain(shown);
      }
    });
  }
});
