/**
 * The batch on its pool of worker threads: the bundled binary (dist/bundle,
 * built by `pnpm test` first) runs the regional profiles on two threads and
 * writes the bytes the in-process batch writes, and a job that fails in a
 * thread fails alone.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BATCH_MANIFEST_NAME, BatchManifest } from "../src/batch/manifest.js";
import { root } from "./output-folder.js";
import { runCli } from "./run-cli.js";

const bundle = resolve(root, "packages/cli/dist/bundle/briefkit.js");
const repo = mkdtempSync(join(tmpdir(), "briefkit-batch-threads-"));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

beforeAll(() => {
  if (!existsSync(bundle)) {
    throw new Error(`${bundle} is missing: run \`pnpm build\` (the test command does)`);
  }
  cpSync(join(root, "templates/russia-japan-region"), join(repo, "templates/russia-japan-region"), {
    recursive: true,
  });
  cpSync(join(root, "data/russia-japan/2005"), join(repo, "data/russia-japan/2005"), {
    recursive: true,
  });
});

function binary(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bundle, ...args], {
    cwd: repo,
    encoding: "utf8",
    env: { ...process.env, INIT_CWD: repo, CI: "1", ...env },
    timeout: 300_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const manifestOf = (dir: string) =>
  BatchManifest.parse(JSON.parse(readFileSync(join(repo, dir, BATCH_MANIFEST_NAME), "utf8")));

describe("the batch's worker threads", () => {
  it("two threads write the bytes of the in-process batch", async () => {
    const args = ["batch", "--template", "templates/russia-japan-region", "--all-params"];
    const threaded = binary([...args, "--jobs", "2", "--out", "threads"]);
    expect(threaded.code, threaded.err).toBe(0);
    expect(threaded.out).toMatch(/7 jobs: 7 built, .* \(2 threads, peak memory \d+ MB\)/);
    const here = await runCli(repo, [...args, "--out", "in-process"]);
    expect(here.code).toBe(0);
    // The toolkit's hash differs (bundle against sources); the jobs and their files' bytes do not.
    const strip = (m: BatchManifest) =>
      m.jobs.map(({ inputs: { toolkit: _t, all: _a, ...rest }, ...job }) => ({ ...job, rest }));
    expect(strip(manifestOf("threads"))).toEqual(strip(manifestOf("in-process")));
    for (const job of manifestOf("threads").jobs) {
      for (const o of job.outputs) {
        expect(readFileSync(join(repo, "threads", o.name))).toEqual(
          readFileSync(join(repo, "in-process", o.name)),
        );
      }
    }
  }, 300_000);

  it("a job that fails in a thread fails alone", () => {
    const section = join(repo, "templates/russia-japan-region/sections/profile.md");
    writeFileSync(
      section,
      `${readFileSync(section, "utf8")}\n{% if param.region == "Yakutia" %}{{ ind.no-such-figure }}{% endif %}\n`,
    );
    const r = binary([
      "batch",
      "--template",
      "templates/russia-japan-region",
      "--all-params",
      "--format",
      "html",
      "--jobs",
      "2",
      "--out",
      "one-fails",
    ]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/7 jobs: 6 built, 0 unchanged \(cached\), 1 failed; 6 files written/);
    expect(r.err).toContain("failed: russia-japan-region-2005-yakutia-profile region=Yakutia");
    expect(manifestOf("one-fails").jobs).toHaveLength(6);
  }, 300_000);
});
