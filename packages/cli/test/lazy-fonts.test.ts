/**
 * The East Asian fallback faces (Noto Serif JP and Noto Sans JP, 5–6 MB a
 * face) are read only by a brief that shows a character the house fonts
 * lack: an English brief, in all three formats and every thread, reads none.
 * Run on the compiled binary, as users run it.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../../..");
const bundle = join(root, "packages/cli/dist/bundle/briefkit.js");
const probe = join(import.meta.dirname, "fixtures/font-read-probe.cjs");
const work = mkdtempSync(join(tmpdir(), "briefkit-lazy-fonts-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function fontsRead(audience: string): string[] {
  const log = join(work, `${audience}.log`);
  const r = spawnSync(
    process.execPath,
    ["--require", probe, bundle, "build", "--audience", audience, "--out", join(work, audience)],
    {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, INIT_CWD: root, BRIEFKIT_FONT_READS: log },
    },
  );
  expect(r.status, r.stderr).toBe(0);
  return existsSync(log) ? [...new Set(readFileSync(log, "utf8").split("\n").filter(Boolean))] : [];
}

describe("the East Asian fallback faces", () => {
  it("are never read for an English brief", () => {
    const read = fontsRead("executive");
    // The probe sees the house fonts, so it sees reads at all.
    expect(read.some((f) => f.startsWith("SourceSerif4"))).toBe(true);
    expect(read.filter((f) => /JP/.test(f))).toEqual([]);
  }, 120_000);

  it("are read for the Japanese one", () => {
    const read = fontsRead("executive-ja");
    expect(read).toEqual(
      expect.arrayContaining(["NotoSerifJP_400Regular.ttf", "NotoSansJP_700Bold.ttf"]),
    );
  }, 120_000);
});
