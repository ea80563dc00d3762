/**
 * Annual editions end to end, in process: the synthetic next edition
 * (packages/data/test/fixtures/editions/russia-japan-2006: test data, never
 * under data/) builds with no code or template change; `briefkit diff` lists
 * exactly its changes; the changes appendix and the tracked-changes DOCX show
 * them; `briefkit edition new` scaffolds a vintage; and bad input (an
 * edition that doesn't exist, two vintages with one id, a unit or scale that
 * changes) is a clear error, exit 1, with nothing written.
 */
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { houseTheme } from "@briefkit/document";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const root = resolve(import.meta.dirname, "../../..");
const fixture = join(root, "packages/data/test/fixtures/editions/russia-japan-2006");
const template = join(root, "templates/russia-japan");
const tmp = mkdtempSync(join(tmpdir(), "briefkit-editions-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const briefkit = (cwd: string, ...argv: string[]) => runCli(cwd, argv);
const here = (...argv: string[]) => briefkit(root, ...argv);

/** A dataset folder made from the fixture with `edit` applied to its dataset.yaml. */
function variant(name: string, edit: (yaml: string) => string, from = fixture): string {
  const dir = join(tmp, name);
  cpSync(from, dir, { recursive: true });
  const file = join(dir, "dataset.yaml");
  writeFileSync(file, edit(readFileSync(file, "utf8")));
  return dir;
}

/** bilateral-trade (the first table, three columns) restated in US$ million. */
const rescale = (yaml: string) => {
  let n = 0;
  return yaml.replace(/scale: billion/g, (m) => (n++ < 3 ? "scale: million" : m));
};

const files = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);

describe("the synthetic 2006 edition builds with no code or template change", () => {
  const out = join(tmp, "out-2006");
  let r: Awaited<ReturnType<typeof here>>;
  beforeAll(async () => {
    r = await here("build", "--data", fixture, "--out", out);
  }, 240_000);

  it("writes every audience in every format", () => {
    expect(r.code, r.err).toBe(0);
    expect(files(out)).toEqual([
      ".briefkit-outputs.json",
      ...["business", "executive-ja", "executive-ru", "executive", "full"].flatMap((a) =>
        ["docx", "html", "pdf"].map((f) => `russia-japan-2006-${a}.${f}`),
      ),
    ]);
  });

  it("states its edition, publication date and data-as-of date", () => {
    const html = readFileSync(join(out, "russia-japan-2006-full.html"), "utf8");
    expect(html).toContain("<dt>Edition</dt><dd>2006</dd>");
    expect(html).toContain('<time datetime="2006-09-01">1 September 2006</time>');
    expect(html).toContain('<time datetime="2006-06-30">30 June 2006</time>');
  });

  it("appends the changes since edition 2005 (the edition before it, found under data/russia-japan)", () => {
    const html = readFileSync(join(out, "russia-japan-2006-full.html"), "utf8");
    expect(html).toContain("Changes since the last edition");
    expect(html).toContain("Compared with edition 2005 (published 8 September 2005)");
    expect(html).toMatch(
      /Total in 2003 revised from <data[^>]*>US\$5\.9 billion<\/data> to <data[^>]*>US\$6\.0 billion<\/data> \(\+1\.7%\)/,
    );
    expect(html).toMatch(/Chukotka \(2004\) added: exports <data[^>]*>US\$5\.1 million/);
    // The prose re-resolves against the new data.
    expect(html).toMatch(
      /Bilateral trade rose from <data[^>]*>US\$8\.8 billion<\/data> in 2004 to <data[^>]*>US\$10\.7 billion<\/data> in 2005/,
    );
  });
});

describe("briefkit diff --from data/russia-japan/2005 --to <the 2006 fixture>", () => {
  let json: {
    ok: boolean;
    from: { edition: string };
    to: { edition: string };
    data: {
      tables: Array<{
        table: string;
        cells: Array<{
          kind: string;
          column: string;
          key: object;
          period: string | null;
          from?: unknown;
          to?: unknown;
        }>;
        keysAdded: object[];
        periodsAdded: string[];
      }>;
      facts: unknown[];
      summary: Array<{ table: string | null; items: string[] }>;
    };
    indicators: Array<{ id: string; before: { text: string }; after: { text: string } }>;
    audiences: Array<{
      audience: string;
      sentences: Array<{ kind: string; what?: string; before?: string; after?: string }>;
    }>;
    tables: Array<{ ref: string; rowsAdded: string[] }>;
    charts: Array<{ ref: string }>;
  };
  beforeAll(async () => {
    const r = await here("diff", "--from", "data/russia-japan/2005", "--to", fixture, "--json");
    expect(r.code, r.err).toBe(0);
    json = JSON.parse(r.out);
  }, 120_000);

  it("lists exactly the fixture's data changes", () => {
    expect(json.ok).toBe(true);
    expect([json.from.edition, json.to.edition]).toEqual(["2005", "2006"]);
    const cells = json.data.tables.flatMap((t) =>
      t.cells.map(
        (c) =>
          `${t.table} ${c.kind} ${c.column} ${Object.values(c.key).join("/") || "-"} ${c.period}: ${String(c.from ?? "")}→${String(c.to ?? "")}`,
      ),
    );
    expect(cells).toEqual([
      "bilateral-trade revised exports - 2003: 4.2→4.3",
      "bilateral-trade revised total - 2003: 5.9→6",
      "bilateral-trade added exports - 2005: →6.6",
      "bilateral-trade added imports - 2005: →4.1",
      "bilateral-trade added total - 2005: →10.7",
      "bilateral-trade added exports - 2006-H1: →3.5",
      "bilateral-trade added imports - 2006-H1: →2.4",
      "bilateral-trade added total - 2006-H1: →5.9",
      "far-east-trade missing-filled exports Yakutia 2002: →95.4",
      "far-east-trade missing-filled imports Yakutia 2002: →8.2",
      "far-east-trade added exports Yakutia 2004: →150.2",
      "far-east-trade added imports Yakutia 2004: →12.5",
      "far-east-trade added exports Primorskiy Krai 2004: →170.4",
      "far-east-trade added imports Primorskiy Krai 2004: →240.3",
      "far-east-trade added exports Khabarovskiy Krai 2004: →180.6",
      "far-east-trade added imports Khabarovskiy Krai 2004: →85.1",
      "far-east-trade added exports Amurskaya Oblast 2004: →25.3",
      "far-east-trade added imports Amurskaya Oblast 2004: →2.2",
      "far-east-trade added exports Kamchatskaya Oblast 2004: →75.8",
      "far-east-trade added imports Kamchatskaya Oblast 2004: →15",
      "far-east-trade added exports Magadanskaya Oblast 2004: →22.4",
      "far-east-trade added imports Magadanskaya Oblast 2004: →13.6",
      "far-east-trade added exports Sakhalinskaya Oblast 2004: →320.7",
      "far-east-trade added imports Sakhalinskaya Oblast 2004: →160.9",
      "far-east-trade added exports Chukotka 2004: →5.1",
      "far-east-trade added imports Chukotka 2004: →3.4",
      "far-east-trade revised exports Total 2002: 649.3→744.7",
      "far-east-trade revised imports Total 2002: 165.1→173.3",
      "far-east-trade revised trade Total 2002: 814.4→918",
      "far-east-trade added exports Total 2004: →950.5",
      "far-east-trade added imports Total 2004: →533",
      "far-east-trade added trade Total 2004: →1483.5",
    ]);
    expect(json.data.tables.map((t) => [t.table, t.periodsAdded, t.keysAdded])).toEqual([
      ["bilateral-trade", ["2005", "2006-H1"], []],
      ["far-east-trade", ["2004"], [{ region: "Chukotka" }]],
    ]);
    expect(json.data.facts).toEqual([]);
  });

  it("reports total trade, latest, from US$8.8 billion to US$10.7 billion", () => {
    const latest = json.indicators.find((i) => i.id === "total-trade-latest");
    expect(latest?.before.text).toBe("US$8.8 billion");
    expect(latest?.after.text).toBe("US$10.7 billion");
  });

  it("reports sentences that changed, among them some whose wording flipped", () => {
    const full = json.audiences.find((a) => a.audience === "full")!.sentences;
    expect(full.length).toBeGreaterThan(0);
    const reworded = full.filter((s) => s.what === "wording");
    expect(reworded).toContainEqual({
      kind: "changed",
      what: "wording",
      section: "Economic links",
      before: expect.stringContaining("more than tripled between 1998 and 2004"),
      after: expect.stringContaining("rose 4-fold between 1998 and 2005"),
    });
    expect(json.audiences.map((a) => a.audience)).toEqual([
      "full",
      "executive",
      "business",
      "executive-ru",
      "executive-ja",
    ]);
  });

  it("reports the tables and charts that changed", () => {
    expect(json.tables.find((t) => t.ref === "bilateral-trade")?.rowsAdded).toEqual([
      "2005",
      "2006 (first half)",
    ]);
    expect(json.charts.map((c) => c.ref)).toContain("far-east-trade");
  });

  it("prints a readable report on the terminal, and writes Markdown and HTML with --out", async () => {
    const t = await here("diff", "--from", "2005", "--to", fixture);
    expect(t.code, t.err).toBe(0);
    expect(t.out).toContain(
      "russia-japan: edition 2005 (published 8 September 2005) → edition 2006",
    );
    expect(t.out).toContain(
      "• Total in 2003 revised from US$5.9 billion to US$6.0 billion (+1.7%).",
    );
    expect(t.out).toMatch(
      /total-trade-latest\s+US\$8\.8 billion \(2004\) → US\$10\.7 billion \(2005\) {2}\+21\.6%\n/,
    );
    // A growth rate moves in percentage points, not in per cent of itself (−56.1%).
    expect(t.out).toMatch(
      /total-trade-growth\s+49% \(2003–2004\), “rose” → 22% \(2004–2005\), “rose” {2}−27\.6 percentage points\n/,
    );
    expect(t.out).toContain("[reworded]");

    const md = join(tmp, "changes.md");
    const m = await here("diff", "--from", "2005", "--to", fixture, "--out", md);
    expect(m.code, m.err).toBe(0);
    expect(m.out).toContain("wrote ");
    const text = readFileSync(md, "utf8");
    expect(text).toMatch(/^# Changes from edition 2005 to edition 2006\n/);
    expect(text).toContain(
      "- Total in 2003 revised from US$5.9 billion to US$6.0 billion (+1.7%).",
    );
    expect(text).toContain("| Russia–Japan trade in the latest full year (`total-trade-latest`) |");

    const html = join(tmp, "changes.html");
    const h = await here("diff", "--from", "2005", "--to", fixture, "--out", html);
    expect(h.code, h.err).toBe(0);
    const page = readFileSync(html, "utf8");
    expect(page).toMatch(/^<!DOCTYPE html>/);
    // Written by the HTML writer: the briefs' theme and policy, links only within the page.
    expect(page).toContain('<header class="title-block">');
    expect(page).toContain(`--accent:${houseTheme().colors.accent}`);
    expect(page).toContain("default-src 'none'");
    expect(page).not.toMatch(/<script|src=|href="(?!#)/);
    expect(page).toContain("<h1>Changes from edition 2005 to edition 2006</h1>");
    // A changed sentence is a tracked change, as in a brief.
    expect(page).toMatch(/<del class="change"[^>]*>Far Eastern Russia’s trade/);
    expect(page).toMatch(/<ins class="change"[^>]*>Far Eastern Russia’s trade/);
    expect(files(tmp).filter((f) => f.includes(".tmp-"))).toEqual([]);
  }, 120_000);
});

describe("briefkit build --track-changes-from", () => {
  const out = join(tmp, "out-tracked");
  let r: Awaited<ReturnType<typeof here>>;
  beforeAll(async () => {
    r = await here(
      "build",
      "--data",
      fixture,
      "--track-changes-from",
      "data/russia-japan/2005",
      "--audience",
      "full",
      "--out",
      out,
    );
  }, 240_000);

  it("writes the new edition's DOCX with each changed sentence as a Word tracked change", () => {
    expect(r.code, r.err).toBe(0);
    expect(files(out)).toEqual([".briefkit-outputs.json", "russia-japan-2006-full-tracked.docx"]);
    expect(r.out).toContain(
      "tracked changes: edition 2006 against edition 2005, by briefkit, dated 2006-09-01",
    );
    const unzip = spawnSync(
      "unzip",
      ["-p", join(out, "russia-japan-2006-full-tracked.docx"), "word/document.xml"],
      {
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const xml = unzip.stdout;
    const ins =
      xml.match(/<w:ins w:id="\d+" w:author="briefkit" w:date="2006-09-01T00:00:00Z">/g) ?? [];
    const del =
      xml.match(/<w:del w:id="\d+" w:author="briefkit" w:date="2006-09-01T00:00:00Z">/g) ?? [];
    expect(ins.length).toBeGreaterThan(20);
    expect(del.length).toBeGreaterThan(20);
    expect(xml).toContain(
      '<w:delText xml:space="preserve">Russia’s imports from Japan more than tripled between 1998 and 2004, while its exports doubled; in 2004 alone imports grew by </w:delText>',
    );
    expect(xml).toContain(
      '<w:t xml:space="preserve">Russia’s imports from Japan rose 4-fold between 1998 and 2005, while its exports more than doubled; in 2005 alone imports grew by </w:t>',
    );
  });

  it("opens in python-docx", () => {
    const p = spawnSync(
      "/usr/bin/python3",
      [
        "-c",
        "import sys, docx; d = docx.Document(sys.argv[1]); print(len(d.paragraphs))",
        join(out, "russia-japan-2006-full-tracked.docx"),
      ],
      { encoding: "utf8" },
    );
    expect(p.status, p.stderr).toBe(0);
    expect(Number(p.stdout.trim())).toBeGreaterThan(50);
  });
});

describe("bad input: a clear error, exit 1, nothing written", () => {
  it("an edition that doesn't exist", async () => {
    const out = join(tmp, "out-missing");
    const b = await here("build", "--edition", "1999", "--out", out);
    expect(b.code).toBe(1);
    expect(b.err).toContain(
      "edition 1999 not found under data/russia-japan (editions there: 2005)",
    );
    const d = await here("diff", "--from", "1999", "--to", fixture, "--out", join(out, "c.md"));
    expect(d.code).toBe(1);
    expect(d.err).toContain("edition 1999 not found");
    const t = await here(
      "build",
      "--data",
      fixture,
      "--track-changes-from",
      "data/russia-japan/1999",
      "--out",
      out,
    );
    expect(t.code).toBe(1);
    expect(existsSync(out)).toBe(false);
  });

  it("two vintages with the same id", async () => {
    const topic = join(tmp, "twins");
    mkdirSync(topic);
    cpSync(join(root, "data/russia-japan/2005"), join(topic, "2005"), { recursive: true });
    variant("twins/2006", (y) => y.replace('edition: "2006"', 'edition: "2005"'));
    const out = join(tmp, "out-twins");
    const b = await here("build", "--data", topic, "--out", out);
    expect(b.code).toBe(1);
    expect(b.err).toMatch(
      /twins\/2006\/dataset\.yaml:\d+:\d+: error: edition "2005" is declared twice/,
    );
    expect(b.err).toContain("nothing was written");
    const v = await here("validate", "--data", topic);
    expect(v.code).toBe(1);
    // A repository whose data/russia-japan holds the twins: the default build refuses too.
    const repo = join(tmp, "twins-repo");
    mkdirSync(join(repo, "data"), { recursive: true });
    cpSync(topic, join(repo, "data", "russia-japan"), { recursive: true });
    const d = await briefkit(repo, "build", "--template", template, "--out", out);
    expect(d.code).toBe(1);
    expect(d.err).toContain("is declared twice");
    const n = await briefkit(repo, "edition", "new");
    expect(n.code).toBe(1);
    expect(files(join(repo, "data", "russia-japan"))).toEqual(["2005", "2006"]);
    expect(existsSync(out)).toBe(false);
  });

  it("a revision that changes a unit or scale", async () => {
    const rescaled = variant("rescaled", rescale);
    const report = join(tmp, "rescaled.md");
    const d = await here("diff", "--from", "2005", "--to", rescaled, "--out", report);
    expect(d.code).toBe(1);
    expect(d.err).toMatch(/rescaled\/dataset\.yaml:\d+:\d+: error: .*scale/);
    expect(existsSync(report)).toBe(false);
    const j = await here("diff", "--from", "2005", "--to", rescaled, "--json");
    expect(j.code).toBe(1);
    const parsed = JSON.parse(j.out) as { ok: boolean; issues: Array<{ code: string }> };
    expect(parsed.ok).toBe(false);
    expect(parsed.issues.map((i) => i.code)).toEqual([
      "scale-changed",
      "scale-changed",
      "scale-changed",
    ]);
    // Building it against 2005 (for the changes appendix) fails the same way.
    const out = join(tmp, "out-rescaled");
    const b = await here(
      "build",
      "--data",
      rescaled,
      "--previous",
      "2005",
      "--audience",
      "full",
      "--out",
      out,
    );
    expect(b.code).toBe(1);
    expect(b.err).toContain("comparing with the previous edition");
    expect(existsSync(out)).toBe(false);
  });
});

describe("briefkit edition new", () => {
  const repo = join(tmp, "repo");
  const topic = join(repo, "data", "russia-japan");
  beforeAll(() => {
    mkdirSync(topic, { recursive: true });
    cpSync(join(root, "data/russia-japan/2005"), join(topic, "2005"), { recursive: true });
  });

  it("copies the newest edition to the next year, sets edition and dates, and says what to do next", async () => {
    const r = await briefkit(repo, "edition", "new");
    expect(r.code, r.err).toBe(0);
    expect(files(topic)).toEqual(["2005", "2006"]);
    expect(files(join(topic, "2006"))).toEqual(files(join(topic, "2005")));
    for (const f of files(join(topic, "2005")).filter((f) => f !== "dataset.yaml")) {
      expect(readFileSync(join(topic, "2006", f), "utf8")).toBe(
        readFileSync(join(topic, "2005", f), "utf8"),
      );
    }
    const yaml = readFileSync(join(topic, "2006", "dataset.yaml"), "utf8");
    expect(yaml).toContain(
      'edition: "2006"\npublished: "2006-09-08" # placeholder from briefkit edition new\ndataAsOf: "2006-06-30" # placeholder from briefkit edition new\n',
    );
    // Everything else, comments included, is as it was.
    const old = readFileSync(join(topic, "2005", "dataset.yaml"), "utf8");
    expect(yaml.split("\n").length).toBe(old.split("\n").length);
    expect(r.out).toContain("✓ data/russia-japan/2006: edition 2006, a copy of edition 2005");
    expect(r.out).toContain("pnpm briefkit validate --data data/russia-japan/2006");
    expect(r.out).toContain(
      "pnpm briefkit diff --from data/russia-japan/2005 --to data/russia-japan/2006 --out changes.md",
    );
    expect(r.out).toContain("--track-changes-from data/russia-japan/2005");
    expect(files(topic).filter((f) => f.startsWith("."))).toEqual([]);
  });

  it("warns about the placeholder dates in validate until they are set", async () => {
    const v = await briefkit(repo, "validate");
    expect(v.code).toBe(0);
    expect(v.err).toContain(
      "data/russia-japan/2006/dataset.yaml:5:12: warning: published 2006-09-08 is a placeholder",
    );
    const j = await briefkit(repo, "validate", "--json");
    expect(
      (JSON.parse(j.out) as { issues: Array<{ code: string }> }).issues.map((i) => i.code),
    ).toContain("placeholder-date");
  });

  it("refuses to overwrite an existing edition", async () => {
    const before = readFileSync(join(topic, "2006", "dataset.yaml"), "utf8");
    const r = await briefkit(repo, "edition", "new", "--from", "2005");
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      "edition 2006 already exists (data/russia-japan/2006); nothing was written",
    );
    expect(readFileSync(join(topic, "2006", "dataset.yaml"), "utf8")).toBe(before);
  });

  it("takes --from, --to and --date; a date given is no placeholder", async () => {
    const r = await briefkit(
      repo,
      "edition",
      "new",
      "--from",
      "2005",
      "--to",
      "2010",
      "--date",
      "2010-10-01",
    );
    expect(r.code, r.err).toBe(0);
    const yaml = readFileSync(join(topic, "2010", "dataset.yaml"), "utf8");
    expect(yaml).toContain(
      'edition: "2010"\npublished: "2010-10-01"\ndataAsOf: "2010-06-30" # placeholder',
    );
    const newest = await briefkit(repo, "validate", "--json");
    expect((JSON.parse(newest.out) as { dataset: { edition: string } }).dataset.edition).toBe(
      "2010",
    );
  });

  it("refuses an edition that doesn't exist, a bad date or a bad id", async () => {
    expect((await briefkit(repo, "edition", "new", "--from", "1999")).code).toBe(1);
    expect(
      (await briefkit(repo, "edition", "new", "--to", "2012", "--date", "2012-02-30")).code,
    ).toBe(2);
    expect((await briefkit(repo, "edition", "new", "--to", "../evil")).code).toBe(2);
    expect(files(topic)).toEqual(["2005", "2006", "2010"]);
  });

  it("gives an edition that builds and diffs with no other change", async () => {
    const d = await briefkit(
      repo,
      "diff",
      "--template",
      template,
      "--from",
      "2005",
      "--to",
      "2006",
      "--json",
    );
    expect(d.code, d.err).toBe(0);
    const j = JSON.parse(d.out) as { data: { summary: unknown[] }; indicators: unknown[] };
    expect(j.data.summary).toEqual([]);
    expect(j.indicators).toEqual([]);
  });
});
