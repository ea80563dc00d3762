/**
 * `briefkit build` end to end, in process: files named <template>-<edition>-<audience>.<ext>,
 * byte-identical rebuilds, SOURCE_DATE_EPOCH, the manifest of the set, a
 * failed build leaving earlier outputs intact, and clear errors for an
 * unwritable folder or an unknown format. The write guarantee itself (a
 * blocked target, a kill at any step) is in publish.test.ts and kill.test.ts.
 */
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildDate } from "../src/commands/build.js";
import { runCli } from "./run-cli.js";

const root = resolve(import.meta.dirname, "../../..");
const tmp = mkdtempSync(join(tmpdir(), "briefkit-build-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const briefkit = (...argv: string[]) => runCli(root, argv);

const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

describe("briefkit build", () => {
  const out = join(tmp, "out");

  it("writes <template>-<edition>-<audience>.<ext> and a summary line per file", async () => {
    const r = await briefkit("build", "--audience", "executive", "--out", out);
    expect(r.code, r.err).toBe(0);
    const names = readdirSync(out).sort();
    expect(names).toEqual([
      ".briefkit-outputs.json",
      "russia-japan-2005-executive.docx",
      "russia-japan-2005-executive.html",
      "russia-japan-2005-executive.pdf",
    ]);
    for (const n of names.slice(1)) {
      expect(r.out).toMatch(
        new RegExp(`${n.replace(/\./g, "\\.")}\\s.*\\d[\\d,]* bytes\\s+\\d+ ms`),
      );
    }
    expect(r.out).toMatch(/executive\.pdf\s+\d+ pp\./);
    expect(r.out).toContain("3 files written");
    // The manifest, written last, records the set: each file's size and hash, the build's date.
    const manifest = JSON.parse(readFileSync(join(out, ".briefkit-outputs.json"), "utf8"));
    expect(manifest).toMatchObject({
      briefkit: "outputs/1",
      template: "russia-japan",
      edition: "2005",
      date: "2005-09-08T00:00:00.000Z",
    });
    const listed = (manifest.files as Array<{ name: string; bytes: number; sha256: string }>)
      .map((f) => [f.name, f.bytes, f.sha256])
      .sort();
    expect(listed).toEqual(
      names.slice(1).map((n) => [n, readFileSync(join(out, n)).length, sha(join(out, n))]),
    );
  });

  it("gives byte-identical files when built twice", async () => {
    const before = Object.fromEntries(readdirSync(out).map((n) => [n, sha(join(out, n))]));
    const r = await briefkit("build", "--audience", "executive", "--out", out);
    expect(r.code, r.err).toBe(0);
    const after = Object.fromEntries(readdirSync(out).map((n) => [n, sha(join(out, n))]));
    expect(after).toEqual(before);
  });

  it("stamps SOURCE_DATE_EPOCH when set, else the edition's publication date", () => {
    expect(buildDate("2005-09-08", {}).toISOString()).toBe("2005-09-08T00:00:00.000Z");
    expect(buildDate("2005-09-08", { SOURCE_DATE_EPOCH: "1136073600" }).toISOString()).toBe(
      "2006-01-01T00:00:00.000Z",
    );
    expect(() => buildDate("2005-09-08", { SOURCE_DATE_EPOCH: "yesterday" })).toThrow(
      /SOURCE_DATE_EPOCH/,
    );
  });

  it("a failed build writes nothing and leaves earlier outputs intact", async () => {
    const before = Object.fromEntries(readdirSync(out).map((n) => [n, sha(join(out, n))]));
    const template = join(tmp, "broken");
    cpSync(join(root, "templates/russia-japan"), template, { recursive: true });
    const key = join(template, "sections", readdirSync(join(template, "sections")).sort()[0]!);
    writeFileSync(key, `${readFileSync(key, "utf8")}\n{{ ind.no-such-indicator }}\n`);
    const r = await briefkit(
      "build",
      "--template",
      template,
      "--audience",
      "executive",
      "--out",
      out,
    );
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/\.md:\d+:\d+: error: undefined variable: ind\.no-such-indicator/);
    expect(r.err).toContain("nothing was written");
    const after = Object.fromEntries(readdirSync(out).map((n) => [n, sha(join(out, n))]));
    expect(after).toEqual(before);
  });

  it("an output folder that can't be written is a clear error", async () => {
    const file = join(tmp, "not-a-folder");
    writeFileSync(file, "x");
    const r = await briefkit(
      "build",
      "--audience",
      "executive",
      "--format",
      "html",
      "--out",
      join(file, "out"),
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain("cannot write to");
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(existsSync(join(file, "out"))).toBe(false);
  });

  it("an unknown format or audience is refused before anything runs", async () => {
    const f = await briefkit("build", "--format", "pdf,odt", "--out", join(tmp, "x"));
    expect(f.code).toBe(2);
    expect(f.err).toContain("unknown format odt");
    const a = await briefkit("build", "--audience", "board", "--out", join(tmp, "x"));
    expect(a.code).toBe(1);
    expect(a.err).toContain('unknown audience "board"');
    expect(existsSync(join(tmp, "x"))).toBe(false);
  });
});
