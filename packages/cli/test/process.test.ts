/**
 * The CLI as a real process: exit codes reach the shell and no stack trace
 * ever does. (The in-process cases cover the messages themselves.)
 */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../../..");
const tsx = resolve(root, "node_modules/.bin/tsx");
const bin = resolve(root, "packages/cli/src/bin.ts");

function briefkit(...args: string[]) {
  const r = spawnSync(tsx, ["--conditions=@briefkit/source", bin, ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, INIT_CWD: root },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("briefkit process", () => {
  it("exits 0 on --version and prints it", () => {
    const r = briefkit("--version");
    expect(r.code).toBe(0);
    expect(r.out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("exits 2 on a usage error without a stack trace", () => {
    const r = briefkit("validate", "--no-such-flag");
    expect(r.code).toBe(2);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});
