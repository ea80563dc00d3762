/**
 * `briefkit new`: a new brief validates and builds at once (the data found
 * through the template's topic, no --data), with no error and no warning,
 * and its sentences state what the data says; it refuses to overwrite and
 * checks its arguments.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const tmp = mkdtempSync(join(tmpdir(), "briefkit-new-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const briefkit = (cwd: string, ...argv: string[]) => runCli(cwd, argv);

/** Every file under `dir`, relative, sorted. */
function tree(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

/** The composed text of an audience, numbers included, as one string. */
function plain(json: string): string {
  const texts: string[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) for (const v of x) walk(v);
    else if (x !== null && typeof x === "object") {
      const o = x as Record<string, unknown>;
      if (o.type === "text" && typeof o.value === "string") texts.push(o.value);
      else if (o.type === "number" && typeof o.text === "string") texts.push(o.text);
      else for (const v of Object.values(o)) walk(v);
    }
  };
  walk(JSON.parse(json).blocks);
  return texts.join("");
}

describe("briefkit new", () => {
  const repo = join(tmp, "repo");
  mkdirSync(repo);

  it("writes a dataset and a template, and says what to do next", async () => {
    const r = await briefkit(
      repo,
      "new",
      "demo",
      "--title",
      "Demo: a brief",
      "--edition",
      "2026",
      "--date",
      "2026-03-01",
    );
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(tree(repo)).toEqual([
      "data/demo/2026/dataset.yaml",
      "data/demo/2026/exports.csv",
      "templates/demo/sections/01-summary.md",
      "templates/demo/sections/02-exports.md",
      "templates/demo/sections/03-outlook.md",
      "templates/demo/template.yaml",
    ]);
    expect(r.out).toContain("pnpm briefkit build --template templates/demo");
    const yaml = readFileSync(join(repo, "data/demo/2026/dataset.yaml"), "utf8");
    expect(yaml).toContain('title: "Demo: a brief"');
    expect(yaml).toContain('published: "2026-03-01"');
    // Five years of data, up to the year before the edition.
    const years = readFileSync(join(repo, "data/demo/2026/exports.csv"), "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(",")[0]);
    expect([...new Set(years)]).toEqual(["2021", "2022", "2023", "2024", "2025"]);
  });

  it("validates with no error and no warning", async () => {
    const r = await briefkit(repo, "validate", "--data", "data/demo/2026");
    expect(r.code).toBe(0);
    expect(`${r.out}${r.err}`).not.toMatch(/warning|error/i);
  });

  it("builds six files from the template alone, with no warning", async () => {
    const r = await briefkit(repo, "build", "--template", "templates/demo", "--out", "out");
    expect(r.code, r.err).toBe(0);
    expect(r.err).not.toMatch(/warning|error/i);
    expect(tree(join(repo, "out"))).toEqual([
      ".briefkit-outputs.json",
      ...["executive", "full"].flatMap((a) =>
        ["docx", "html", "pdf"].map((f) => `demo-2026-${a}.${f}`),
      ),
    ]);
  });

  it("states what its data says", async () => {
    const csv = readFileSync(join(repo, "data/demo/2026/exports.csv"), "utf8");
    const v = (year: number, partner: string) =>
      Number(
        csv
          .split("\n")
          .find((l) => l.startsWith(`${year},${partner},`))
          ?.split(",")[2],
      );
    const pct = (x: number) => `${Math.round(Math.abs(x) * 100)}%`;
    const r = await briefkit(
      repo,
      "compose",
      "--template",
      "templates/demo",
      "--audience",
      "full",
      "--json",
      "--no-charts",
    );
    expect(r.code, r.err).toBe(0);
    const text = plain(r.out);
    const growth = v(2025, "Total") / v(2024, "Total") - 1;
    expect(text).toContain(`Exports ${growth > 0 ? "rose" : "fell"} by ${pct(growth)} in 2025`);
    const a = v(2025, "Partner A") / v(2024, "Partner A") - 1;
    expect(text).toContain(`Partner A ${a > 0 ? "rose" : "fell"} by ${pct(a)} in 2025`);
    const shareFirst = v(2021, "Partner A") / v(2021, "Total");
    const shareLatest = v(2025, "Partner A") / v(2025, "Total");
    const points = Math.round(Math.abs(shareLatest - shareFirst) * 100);
    expect(text).toContain(
      `its share is ${shareLatest < shareFirst ? "down" : "up"} ${points} percentage points on 2021`,
    );
    expect(text).toContain("Partner C is now the third-largest market");
    expect(text).toContain("Partner C has been recorded separately only since 2022");
    expect(text).toContain("US$12–15 billion");
    // The table's caption holds figures too.
    expect(text).toContain("Exports by partner, 2021–2025");
    expect(text).not.toMatch(/NaN|Infinity|undefined| by 0\b/);
  });

  it("warns at the maxPages key of a derived audience when the brief runs longer", async () => {
    const dir = join(repo, "templates/demo-short");
    mkdirSync(dir);
    writeFileSync(
      join(dir, "template.yaml"),
      "id: demo-short\nextends: ../demo\naudiences:\n  full:\n    maxPages: 1\n",
    );
    const r = await briefkit(
      repo,
      "build",
      ...["--template", "templates/demo-short", "--audience", "full", "--format", "pdf"],
      ...["--out", "out-short"],
    );
    expect(r.code, r.err).toBe(0);
    const pages = /demo-short-2026-full\.pdf\s+(\d+) pp\./.exec(r.out)?.[1];
    expect(Number(pages)).toBeGreaterThan(1);
    expect(r.err).toContain(
      `templates/demo-short/template.yaml:5:5: warning: audience full runs to ${pages} pages; its target (maxPages) is at most 1`,
    );
  });

  it("refuses to overwrite: exit 1 and nothing written", async () => {
    const before = tree(repo).map((f) => [f, readFileSync(join(repo, f), "utf8")]);
    const r = await briefkit(repo, "new", "demo", "--edition", "2027");
    expect(r.code).toBe(1);
    expect(r.err).toContain("already exist");
    expect(tree(repo).map((f) => [f, readFileSync(join(repo, f), "utf8")])).toEqual(before);

    // Either folder taken is enough to refuse, and the other is not created.
    mkdirSync(join(repo, "templates/other"), { recursive: true });
    const half = await briefkit(repo, "new", "other");
    expect(half.code).toBe(1);
    expect(existsSync(join(repo, "data/other"))).toBe(false);
    expect(readdirSync(join(repo, "data")).filter((d) => d.startsWith("."))).toEqual([]);
  });

  it.each([["Demo"], ["demo-"], ["de--mo"], ["../demo"], ["de mo"], ["x".repeat(65)]])(
    "refuses the name %j (exit 2, nothing written)",
    async (name) => {
      const empty = join(tmp, `empty-${Math.random().toString(36).slice(2)}`);
      mkdirSync(empty);
      const r = await briefkit(empty, "new", name);
      expect(r.code).toBe(2);
      expect(r.err).toContain("kebab-case");
      expect(tree(empty)).toEqual([]);
    },
  );

  it("refuses an edition that is not a year, a malformed date and an option for a name", async () => {
    const empty = join(tmp, "args");
    mkdirSync(empty);
    expect((await briefkit(empty, "new", "-demo")).code).toBe(2);
    expect((await briefkit(empty, "new", "x", "--edition", "next")).code).toBe(2);
    expect((await briefkit(empty, "new", "x", "--date", "2026-02-30")).code).toBe(2);
    expect(tree(empty)).toEqual([]);
  });
});
