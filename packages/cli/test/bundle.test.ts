/**
 * The installed `briefkit` binary: the bundle in dist/bundle/ (scripts/
 * bundle.mjs), which writes PDF and DOCX in threads of their own. `pnpm test`
 * builds it first. These tests hold it to the same bytes as the in-process
 * path the other tests use, run it from outside the repository, and check
 * that a failed build stops its threads.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
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
import { join, relative, resolve } from "node:path";
import { loadDataset } from "@briefkit/data";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Io } from "../src/io.js";
import { run } from "../src/program.js";

const root = resolve(import.meta.dirname, "../../..");
const bundle = resolve(root, "packages/cli/dist/bundle/briefkit.js");
const work = mkdtempSync(join(tmpdir(), "briefkit-bundle-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function binary(args: string[], env: Record<string, string> = {}, cwd = work) {
  const r = spawnSync(process.execPath, [bundle, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, INIT_CWD: cwd, ...env },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr, signal: r.signal };
}

function hashes(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [
        f,
        createHash("sha256")
          .update(readFileSync(join(dir, f)))
          .digest("hex"),
      ]),
  );
}

const from = [
  "--template",
  join(root, "templates/russia-japan"),
  "--data",
  join(root, "data/russia-japan/2005"),
];

describe("the bundled briefkit binary", () => {
  beforeAll(() => {
    if (!existsSync(bundle)) {
      throw new Error(`${bundle} is missing: run \`pnpm build\` (the test command does)`);
    }
  });

  it("writes every brief from outside the repository, with threads, the same bytes as in one thread and in process", async () => {
    const threaded = join(work, "threaded");
    const single = join(work, "single");
    const inProcess = join(work, "in-process");

    const a = binary(["build", ...from, "--out", threaded]);
    // stderr holds only the line naming what was used (paths relative to where it ran)
    // and the count of the data's own warnings (the essay's rounded totals).
    const data = relative(work, join(root, "data/russia-japan/2005"));
    const loaded = await loadDataset(join(root, "data/russia-japan/2005"));
    const n = loaded.issues.filter((i) => i.severity === "warning").length;
    expect(n).toBeGreaterThan(0);
    expect(a.err).toBe(
      `template ${relative(work, join(root, "templates/russia-japan"))} · data ${data}\n` +
        `${data}: the data has ${n} warnings (see them with: pnpm briefkit validate --data ${data})\n`,
    );
    expect(a.code).toBe(0);
    const b = binary(["build", ...from, "--out", single], { BRIEFKIT_THREADS: "0" });
    expect(b.code).toBe(0);

    const io: Io = { cwd: work, out: () => {}, err: () => {} };
    expect(await run(["build", ...from, "--out", inProcess], io)).toBe(0);

    const expected = hashes(inProcess);
    // The manifest too: it records the build's date, never the clock.
    expect(Object.keys(expected)).toEqual([
      ".briefkit-outputs.json",
      ...["business", "executive-ja", "executive-ru", "executive", "full"].flatMap((a) =>
        ["docx", "html", "pdf"].map((f) => `russia-japan-2005-${a}.${f}`),
      ),
    ]);
    expect(hashes(threaded)).toEqual(expected);
    expect(hashes(single)).toEqual(expected);
    // One summary line per file, then the total.
    const briefs = Object.keys(expected).filter((name) => !name.startsWith("."));
    expect(a.out.trim().split("\n")).toHaveLength(briefs.length + 1);
  }, 120_000);

  it("hands a template's writer options to the DOCX thread: pictures, not native charts, the bytes of one thread", async () => {
    const template = join(work, "pictures");
    mkdirSync(template, { recursive: true });
    writeFileSync(
      join(template, "template.yaml"),
      `id: pictures\nextends: ${relative(template, join(root, "templates/russia-japan"))}\nwriters:\n  docx: { nativeCharts: false }\n`,
    );
    const args = ["build", "--template", template, "--data", join(root, "data/russia-japan/2005")];
    const threaded = join(work, "pictures-threaded");
    const a = binary([...args, "--audience", "business", "--format", "docx", "--out", threaded]);
    expect(a.code, a.err).toBe(0);
    const inProcess = join(work, "pictures-in-process");
    const io: Io = { cwd: work, out: () => {}, err: () => {} };
    expect(
      await run([...args, "--audience", "business", "--format", "docx", "--out", inProcess], io),
    ).toBe(0);
    expect(hashes(threaded)).toEqual(hashes(inProcess));
    const docx = join(threaded, "pictures-2005-business.docx");
    const parts = spawnSync("unzip", ["-Z1", docx], { encoding: "utf8" }).stdout.split("\n");
    expect(parts.some((p) => p.startsWith("word/charts/"))).toBe(false);
    expect(parts.some((p) => p.startsWith("word/media/"))).toBe(true);
  }, 120_000);

  it("exits 1 on bad data, with its position, and its writer threads do not keep it running", () => {
    const r = binary([
      "build",
      "--template",
      join(root, "templates/russia-japan"),
      "--data",
      join(root, "packages/data/test/fixtures/_error_/yaml-duplicate-key"),
      "--out",
      join(work, "never"),
    ]);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/yaml-duplicate-key\/data\.yaml:3:3: error: /);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(existsSync(join(work, "never"))).toBe(false);
  });

  describe("its code cache (src/launch/load.ts)", () => {
    const dir = resolve(root, "packages/cli/dist/bundle");
    /** The script the binary loads: its name is in the launcher. */
    const core = () => {
      const name = /"(core-\w+\.cjs)"/.exec(readFileSync(bundle, "utf8"))?.[1];
      expect(name).toBeDefined();
      return join(dir, name as string);
    };
    /** What a process with this environment does with the cache: used, rejected or absent. */
    function cacheUse(env: Record<string, string>, useCache = true): string {
      const script = `
        const { tuneV8 } = await import(${JSON.stringify(resolve(root, "packages/cli/dist/start.js"))});
        tuneV8();
        const { loadCoreFrom } = await import(${JSON.stringify(resolve(root, "packages/cli/dist/launch/load.js"))});
        process.stdout.write(loadCoreFrom(${JSON.stringify(core())}, ${useCache}).cache);`;
      const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
        encoding: "utf8",
        env: { ...process.env, ...env },
      });
      expect(r.stderr).toBe("");
      return r.stdout;
    }

    it("is taken by a process under the binary's V8 flags, and refused (the script compiled from source) under others", () => {
      expect(cacheUse({})).toBe("used");
      expect(cacheUse({ BRIEFKIT_V8_TUNING: "0" })).toBe("rejected");
      expect(cacheUse({}, false)).toBe("absent");
    });

    it("writes the same bytes when V8 refuses the cache", async () => {
      const args = [...from, "--audience", "executive"];
      const refused = join(work, "cache-refused");
      const r = binary(["build", ...args, "--out", refused], { BRIEFKIT_V8_TUNING: "0" });
      expect(r.code, r.err).toBe(0);
      const inProcess = join(work, "cache-in-process");
      const io: Io = { cwd: work, out: () => {}, err: () => {} };
      expect(await run(["build", ...args, "--out", inProcess], io)).toBe(0);
      expect(hashes(refused)).toEqual(hashes(inProcess));
      expect(Object.keys(hashes(refused))).toHaveLength(4);
    }, 60_000);

    it("is the same bytes when made again", () => {
      const again = join(work, "again.cache");
      const r = spawnSync(
        process.execPath,
        [
          "--hash-seed=1",
          "--random-seed=1",
          resolve(root, "packages/cli/scripts/train-code-cache.mjs"),
          core(),
          again,
        ],
        { encoding: "utf8" },
      );
      expect(r.status, r.stderr).toBe(0);
      const digest = (f: string) => createHash("sha256").update(readFileSync(f)).digest("hex");
      expect(digest(again)).toBe(digest(`${core()}.cache`));
    }, 60_000);
  });
});
