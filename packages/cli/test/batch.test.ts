/**
 * `briefkit batch` and `briefkit manifest merge` on a copy of the example
 * (the regional profiles and the 2005 data): the manifest against the
 * files, the cache (a change of one input rebuilds exactly the briefs that
 * read it), a failed job among good ones, shards that add up to one run
 * byte for byte, and the located errors of a bad batch file.
 */
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BATCH_MANIFEST_NAME, BatchManifest } from "../src/batch/manifest.js";
import { parseShard, shardJobs } from "../src/commands/batch.js";
import { root, sha } from "./output-folder.js";
import { runCli } from "./run-cli.js";

const repo = mkdtempSync(join(tmpdir(), "briefkit-batch-"));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

const REGIONS = [
  "Amurskaya Oblast",
  "Kamchatskaya Oblast",
  "Khabarovskiy Krai",
  "Magadanskaya Oblast",
  "Primorskiy Krai",
  "Sakhalinskaya Oblast",
  "Yakutia",
];

beforeAll(() => {
  cpSync(join(root, "templates/russia-japan-region"), join(repo, "templates/russia-japan-region"), {
    recursive: true,
  });
  // A second template on the same data: its briefs must not rebuild when the first changes.
  cpSync(join(root, "templates/russia-japan-region"), join(repo, "templates/region-copy"), {
    recursive: true,
  });
  const copy = join(repo, "templates/region-copy/template.yaml");
  writeFileSync(
    copy,
    readFileSync(copy, "utf8").replace("id: russia-japan-region", "id: region-copy"),
  );
  cpSync(join(root, "data/russia-japan/2005"), join(repo, "data/russia-japan/2005"), {
    recursive: true,
  });
});

function manifestOf(dir: string): BatchManifest {
  return BatchManifest.parse(JSON.parse(readFileSync(join(dir, BATCH_MANIFEST_NAME), "utf8")));
}

/** Every file of the folder but briefkit's own, by name: its bytes' SHA-256. */
function outputs(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .filter((n) => !n.startsWith(".") && n !== BATCH_MANIFEST_NAME)
      .sort()
      .map((n) => [n, sha(readFileSync(join(dir, n)))]),
  );
}

const inode = (dir: string, name: string) => statSync(join(dir, name)).ino;

describe("a batch of the regional profiles", () => {
  const out = () => join(repo, "out-regions");

  it("builds one brief per region in each format, and the manifest lists every file's bytes", async () => {
    const r = await runCli(repo, [
      "batch",
      "--template",
      "templates/russia-japan-region",
      "--all-params",
      "--out",
      "out-regions",
    ]);
    expect(r.err).not.toContain("failed:");
    expect(r.code).toBe(0);
    const m = manifestOf(out());
    expect(m.shard).toBeUndefined();
    expect(m.jobs.map((j) => j.params.region)).toEqual(REGIONS);
    expect(m.jobs.map((j) => j.key)).toEqual([...m.jobs.map((j) => j.key)].sort());
    const onDisk = outputs(out());
    expect(Object.keys(onDisk)).toHaveLength(REGIONS.length * 3);
    for (const job of m.jobs) {
      expect(job.template).toBe("templates/russia-japan-region");
      expect(job.data).toBe("data/russia-japan/2005");
      expect(job.outputs.map((o) => o.name.replace(/\.\w+$/, ""))).toEqual(
        Array(3).fill(
          `russia-japan-region-2005-${job.params.region!.toLowerCase().replace(/ /g, "-")}-profile`,
        ),
      );
      for (const o of job.outputs) {
        const bytes = readFileSync(join(out(), o.name));
        expect(o.bytes).toBe(bytes.length);
        expect(o.sha256).toBe(sha(bytes));
      }
    }
    // A region's PDF names the region (its title) and states its 2003 trade.
    const pdf = readFileSync(join(out(), "russia-japan-region-2005-primorskiy-krai-profile.pdf"));
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const html = readFileSync(
      join(out(), "russia-japan-region-2005-primorskiy-krai-profile.html"),
      "utf8",
    );
    expect(html).toContain("<title>Primorskiy Krai and Japan — Regional profile</title>");
    expect(html).toContain("US$377 million");
    // Plain lines on a non-terminal: one per job.
    expect(r.err.match(/^\[\d\/7\] built {2}/gm)).toHaveLength(7);
    expect(r.out).toMatch(/7 jobs: 7 built, 0 unchanged \(cached\), 0 failed; 21 files written/);
  });

  it("the bytes are those of briefkit build --all-params", async () => {
    const b = await runCli(repo, [
      "build",
      "--template",
      "templates/russia-japan-region",
      "--all-params",
      "--out",
      "out-build",
    ]);
    expect(b.code).toBe(0);
    const built = outputs(join(repo, "out-build"));
    expect(built).toEqual(outputs(out()));
  });

  it("a second run rebuilds nothing and leaves every file as it was", async () => {
    const before = Object.fromEntries(Object.keys(outputs(out())).map((n) => [n, inode(out(), n)]));
    const manifest = readFileSync(join(out(), BATCH_MANIFEST_NAME));
    const r = await runCli(repo, [
      "batch",
      "--template",
      "templates/russia-japan-region",
      "--all-params",
      "--out",
      "out-regions",
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/7 jobs: 0 built, 7 unchanged \(cached\), 0 failed; 0 files written/);
    expect(Object.fromEntries(Object.keys(before).map((n) => [n, inode(out(), n)]))).toEqual(
      before,
    );
    expect(readFileSync(join(out(), BATCH_MANIFEST_NAME))).toEqual(manifest);
  });

  it("an output changed on disk is rebuilt, never served", async () => {
    const name = "russia-japan-region-2005-yakutia-profile.html";
    const good = readFileSync(join(out(), name));
    writeFileSync(join(out(), name), "tampered");
    const r = await runCli(repo, [
      "batch",
      "--template",
      "templates/russia-japan-region",
      "--all-params",
      "--out",
      "out-regions",
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/7 jobs: 1 built, 6 unchanged/);
    expect(readFileSync(join(out(), name))).toEqual(good);
  });
});

describe("the cache: a change of one input rebuilds exactly the briefs that read it", () => {
  const args = [
    "batch",
    "--template",
    "templates/russia-japan-region",
    "--template",
    "templates/region-copy",
    "--param",
    "region=Yakutia",
    "--param",
    "region=Primorskiy Krai",
    "--format",
    "html",
    "--out",
    "out-cache",
  ];
  const built = (err: string) =>
    [...err.matchAll(/^\[\d\/\d\] built {2}(\S+)/gm)].map((m) => m[1]!).sort();

  it("first run: four briefs; a section of one template: its two briefs only", async () => {
    const first = await runCli(repo, args);
    expect(first.code).toBe(0);
    expect(built(first.err)).toHaveLength(4);
    const dir = join(repo, "out-cache");
    const other = [
      "region-copy-2005-yakutia-profile.html",
      "region-copy-2005-primorskiy-krai-profile.html",
    ];
    const inodes = other.map((n) => inode(dir, n));

    const section = join(repo, "templates/russia-japan-region/sections/profile.md");
    writeFileSync(
      section,
      readFileSync(section, "utf8").replace(
        "# {{ param.region }}",
        "# {{ param.region }}: a profile",
      ),
    );
    const second = await runCli(repo, args);
    expect(second.code).toBe(0);
    expect(built(second.err)).toEqual([
      "russia-japan-region-2005-primorskiy-krai-profile",
      "russia-japan-region-2005-yakutia-profile",
    ]);
    expect(second.out).toMatch(/4 jobs: 2 built, 2 unchanged/);
    expect(other.map((n) => inode(dir, n))).toEqual(inodes);
    expect(
      readFileSync(join(dir, "russia-japan-region-2005-yakutia-profile.html"), "utf8"),
    ).toContain("Yakutia: a profile");

    // A figure of the data (within the published total's rounding): every brief reads the dataset.
    const csv = join(repo, "data/russia-japan/2005/far-east-trade.csv");
    writeFileSync(
      csv,
      readFileSync(csv, "utf8").replace("Yakutia,2003,138.9,11.0,", "Yakutia,2003,138.8,11.0,"),
    );
    const third = await runCli(repo, args);
    expect(third.code).toBe(0);
    expect(built(third.err)).toHaveLength(4);
    expect(readFileSync(join(dir, "region-copy-2005-yakutia-profile.html"), "utf8")).toContain(
      "US$138.8 million",
    );

    // A parameter value changed in the command line: only the new job builds; the old one leaves the manifest.
    const fourth = await runCli(
      repo,
      args.map((a) => (a === "region=Primorskiy Krai" ? "region=Amurskaya Oblast" : a)),
    );
    expect(fourth.code).toBe(0);
    expect(built(fourth.err)).toEqual([
      "region-copy-2005-amurskaya-oblast-profile",
      "russia-japan-region-2005-amurskaya-oblast-profile",
    ]);
    expect(
      manifestOf(dir)
        .jobs.map((j) => j.params.region)
        .sort(),
    ).toEqual(["Amurskaya Oblast", "Amurskaya Oblast", "Yakutia", "Yakutia"]);
  });
});

describe("one failed job does not stop the others", () => {
  it("the other regions are written, the failure is listed, exit 1", async () => {
    const t = join(repo, "templates/fails-for-one");
    cpSync(join(root, "templates/russia-japan-region"), t, { recursive: true });
    writeFileSync(
      join(t, "template.yaml"),
      readFileSync(join(t, "template.yaml"), "utf8").replace(
        "id: russia-japan-region",
        "id: fails-for-one",
      ),
    );
    const section = join(t, "sections/profile.md");
    writeFileSync(
      section,
      `${readFileSync(section, "utf8")}\n{% if param.region == "Magadanskaya Oblast" %}{{ ind.no-such-figure }}{% endif %}\n`,
    );
    const r = await runCli(repo, [
      "batch",
      "--template",
      "templates/fails-for-one",
      "--all-params",
      "--format",
      "html",
      "--out",
      "out-fail",
    ]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/7 jobs: 6 built, 0 unchanged \(cached\), 1 failed; 6 files written/);
    expect(r.err).toContain(
      "failed: fails-for-one-2005-magadanskaya-oblast-profile region=Magadanskaya Oblast",
    );
    expect(r.err).toMatch(
      /templates\/fails-for-one\/sections\/profile\.md:\d+:\d+: error: .*no-such-figure/,
    );
    const dir = join(repo, "out-fail");
    expect(Object.keys(outputs(dir))).toHaveLength(6);
    expect(existsSync(join(dir, "fails-for-one-2005-magadanskaya-oblast-profile.html"))).toBe(
      false,
    );
    expect(manifestOf(dir).jobs.map((j) => j.params.region)).toEqual(
      REGIONS.filter((x) => x !== "Magadanskaya Oblast"),
    );
  });
});

describe("shards", () => {
  it("four shards, merged, are byte for byte one unsharded run", async () => {
    const base = ["batch", "--template", "templates/russia-japan-region", "--all-params"];
    const whole = await runCli(repo, [...base, "--out", "out-whole"]);
    expect(whole.code).toBe(0);
    const shardManifests: string[] = [];
    const union: Record<string, string> = {};
    for (let i = 1; i <= 4; i++) {
      const r = await runCli(repo, [...base, "--shard", `${i}/4`, "--out", `out-shard-${i}`]);
      expect(r.code).toBe(0);
      expect(r.err).toContain(`batch: shard ${i}/4, ${i <= 3 ? 2 : 1} of 7 jobs`);
      const m = manifestOf(join(repo, `out-shard-${i}`));
      expect(m.shard).toEqual({ index: i, count: 4 });
      // Index modulo 4 in key order: shard i has jobs i, i+4.
      expect(m.jobs.map((j) => j.params.region)).toEqual(REGIONS.filter((_, k) => k % 4 === i - 1));
      for (const [name, hash] of Object.entries(outputs(join(repo, `out-shard-${i}`)))) {
        expect(union[name]).toBeUndefined();
        union[name] = hash;
      }
      shardManifests.push(`out-shard-${i}/${BATCH_MANIFEST_NAME}`);
    }
    expect(union).toEqual(outputs(join(repo, "out-whole")));
    const merged = await runCli(repo, [
      "manifest",
      "merge",
      ...shardManifests.reverse(),
      "--out",
      "merged/briefkit-batch.json",
    ]);
    expect(merged.code).toBe(0);
    expect(merged.out).toContain("merged 4 manifests: 7 jobs, 21 files");
    expect(readFileSync(join(repo, "merged/briefkit-batch.json"))).toEqual(
      readFileSync(join(repo, "out-whole", BATCH_MANIFEST_NAME)),
    );
  });

  it("a missing shard is said; conflicting entries are refused and nothing is written", async () => {
    const partial = await runCli(repo, [
      "manifest",
      "merge",
      "out-shard-1/briefkit-batch.json",
      "--out",
      "partial.json",
    ]);
    expect(partial.code).toBe(0);
    expect(partial.err).toContain("note: no manifest of shards 2, 3, 4");

    const m = JSON.parse(readFileSync(join(repo, "out-shard-1", BATCH_MANIFEST_NAME), "utf8"));
    m.shard = { index: 2, count: 4 };
    m.jobs[0].outputs[0].sha256 = "0".repeat(64);
    writeFileSync(join(repo, "forged.json"), JSON.stringify(m));
    const r = await runCli(repo, [
      "manifest",
      "merge",
      "out-shard-1/briefkit-batch.json",
      "forged.json",
      "--out",
      "conflict.json",
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `job ${m.jobs[0].key} is in out-shard-1/briefkit-batch.json and in forged.json, and its files' bytes differ`,
    );
    expect(existsSync(join(repo, "conflict.json"))).toBe(false);
  });

  it("a file that is not a manifest: located errors", async () => {
    writeFileSync(
      join(repo, "not-a-manifest.json"),
      '{\n  "briefkit": "batch/1",\n  "jobs": [ { "key": 3 } ]\n}\n',
    );
    const r = await runCli(repo, ["manifest", "merge", "not-a-manifest.json", "--out", "x.json"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^not-a-manifest\.json:3:\d+: error: /m);
    expect(existsSync(join(repo, "x.json"))).toBe(false);
  });

  it("--shard: I/N 1-based, auto/N from JOB_COMPLETION_INDEX (0-based); bad values refused", () => {
    expect(parseShard("2/4", {})).toEqual({ index: 2, count: 4 });
    expect(parseShard("auto/4", { JOB_COMPLETION_INDEX: "0" })).toEqual({ index: 1, count: 4 });
    expect(parseShard("auto/4", { JOB_COMPLETION_INDEX: "3" })).toEqual({ index: 4, count: 4 });
    expect(() => parseShard("auto/4", { JOB_COMPLETION_INDEX: "4" })).toThrow(
      /JOB_COMPLETION_INDEX/,
    );
    expect(() => parseShard("auto/4", {})).toThrow(/not set/);
    for (const bad of ["0/4", "5/4", "1/0", "a/b", "1"])
      expect(() => parseShard(bad, {})).toThrow(/--shard/);
    const jobs = Array.from({ length: 10 }, (_, i) => i);
    const shards = [1, 2, 3].map((index) => shardJobs(jobs, { index, count: 3 }));
    expect(shards).toEqual([
      [0, 3, 6, 9],
      [1, 4, 7],
      [2, 5, 8],
    ]);
  });
});

describe("a bad batch file", () => {
  function batchFile(name: string, text: string): string {
    writeFileSync(join(repo, name), text);
    return name;
  }

  it("every problem at its file:line:column, exit 1, nothing written", async () => {
    const file = batchFile(
      "bad.yaml",
      [
        "out: out-bad",
        "jobs:",
        "  - template: templates/russia-japan-region",
        "    audiences: [profile, board]",
        '    languages: [en, "e!"]',
        "    params: { region: [Yakutia, Primorsky Krai] }",
        "",
      ].join("\n"),
    );
    const r = await runCli(repo, ["batch", file]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      'bad.yaml:4:26: error: template templates/russia-japan-region has no audience "board" (audiences: profile)',
    );
    expect(r.err).toContain(
      'bad.yaml:5:21: error: language "e!" is not a BCP 47 language tag: give one such as en-GB, ru or ja',
    );
    expect(r.err).toMatch(
      /bad\.yaml:6:\d+: error: "Primorsky Krai" is not a value of parameter region \(hint: did you mean "Primorskiy Krai"\?\)/,
    );
    expect(existsSync(join(repo, "out-bad"))).toBe(false);
  });

  it("a schema problem and a template that is not there, located", async () => {
    const schema = await runCli(repo, [
      "batch",
      batchFile(
        "schema.yaml",
        "jobs:\n  - template: templates/russia-japan-region\n    audience: profile\n",
      ),
    ]);
    expect(schema.code).toBe(1);
    expect(schema.err).toMatch(/^schema\.yaml:3:5: error: .*audience/m);
    const missing = await runCli(repo, [
      "batch",
      batchFile("missing.yaml", "jobs:\n  - template: templates/nowhere\n"),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^missing\.yaml:2:5: error: .*templates\/nowhere/m);
  });

  it("a template with parameters and no values for them", async () => {
    const r = await runCli(repo, [
      "batch",
      batchFile("noparams.yaml", "jobs:\n  - template: templates/russia-japan-region\n"),
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      "noparams.yaml:2:5: error: the template declares parameter region: give its values under params:",
    );
  });

  it("a batch file runs: the same manifest as the flags", async () => {
    const file = batchFile(
      "regions.yaml",
      "out: out-file\nformats: [html]\njobs:\n  - template: templates/russia-japan-region\n    data: [2005]\n    params: { region: [Yakutia] }\n",
    );
    const r = await runCli(repo, ["batch", file]);
    expect(r.code).toBe(0);
    const flags = await runCli(repo, [
      "batch",
      "--template",
      "templates/russia-japan-region",
      "--data",
      "2005",
      "--param",
      "region=Yakutia",
      "--format",
      "html",
      "--out",
      "out-flags",
    ]);
    expect(flags.code).toBe(0);
    expect(readFileSync(join(repo, "out-file", BATCH_MANIFEST_NAME))).toEqual(
      readFileSync(join(repo, "out-flags", BATCH_MANIFEST_NAME)),
    );
  });
});

describe("progress", () => {
  it("a bar redrawn in place on a terminal", async () => {
    const r = await runCli(
      repo,
      [
        "batch",
        "--template",
        "templates/russia-japan-region",
        "--param",
        "region=Yakutia",
        "--param",
        "region=Yakutia",
        "--format",
        "html",
        "--out",
        "out-tty",
        "--no-cache",
      ],
      { tty: true, columns: 100 },
    );
    expect(r.code).toBe(0);
    expect(r.err).toContain("\r\u001b[2K░");
    const ESC = String.fromCharCode(27);
    expect(r.err).toContain(`\r${ESC}[2K${"█".repeat(40)} 1/1  built 1 · cached 0 · failed 0`);
    expect(r.err).not.toMatch(/^\[1\/1\]/m);
  });
});

describe("build --param / --all-params", () => {
  it("an unknown value is an error at the parameter, nothing written", async () => {
    const r = await runCli(repo, [
      "build",
      "--template",
      "templates/russia-japan-region",
      "--param",
      "region=Primorsky Krai",
      "--out",
      "out-bad-param",
    ]);
    expect(r.code).toBe(1);
    const yaml = readFileSync(
      join(repo, "templates/russia-japan-region/template.yaml"),
      "utf8",
    ).split("\n");
    const line = yaml.indexOf("  region:") + 1;
    expect(r.err).toContain(
      `templates/russia-japan-region/template.yaml:${line}:3: error: "Primorsky Krai" is not a value of parameter region (hint: did you mean "Primorskiy Krai"?)`,
    );
    expect(existsSync(join(repo, "out-bad-param"))).toBe(false);
  });

  it("indicators --param: the figures of that value; without one, the located error", async () => {
    const r = await runCli(repo, [
      "indicators",
      "--template",
      "templates/russia-japan-region",
      "--param",
      "region=Khabarovskiy Krai",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { indicators: Array<{ id: string; value: number | null }> };
    const value = (id: string) => json.indicators.find((i) => i.id === id)?.value;
    expect(value("region-exports-latest")).toBeCloseTo(169.2, 6);
    expect(value("region-imports-latest")).toBeCloseTo(77.8, 6);
    expect(value("region-rank-latest")).toBe(3);
    const none = await runCli(repo, ["indicators", "--template", "templates/russia-japan-region"]);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/template\.yaml:\d+:3: error: parameter region has no value/);
  });

  it("--param and --all-params together is a usage error", async () => {
    const r = await runCli(repo, [
      "build",
      "--template",
      "templates/russia-japan-region",
      "--param",
      "region=Yakutia",
      "--all-params",
    ]);
    expect(r.code).toBe(2);
  });
});
