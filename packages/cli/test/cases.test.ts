/**
 * One-file regression cases for the CLI, in the manner of pandoc's
 * test/command/*.md: each `cases/*.md` holds a command, the exit code and
 * lines that must appear on stdout or stderr. The CLI runs in-process with the
 * repository root as its working directory, exactly as `pnpm briefkit` does.
 *
 * Case format:
 *
 *   # title
 *   ```sh
 *   briefkit validate --data packages/data/test/fixtures/...
 *   ```
 *   ```exit
 *   1
 *   ```
 *   ```stderr
 *   a line that must appear (substring)
 *   ```
 *   ```stdout-json
 *   {"ok": false}            (a subset the parsed stdout must match)
 *   ```
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../src/index.js";

const root = resolve(import.meta.dirname, "../../..");
const casesDir = join(import.meta.dirname, "cases");

interface Case {
  title: string;
  argv: string[];
  exit: number;
  stdout: string[];
  stderr: string[];
  stdoutJson?: unknown;
  forbidden: string[];
}

function parseCase(text: string, file: string): Case {
  const title = /^# (.+)$/m.exec(text)?.[1] ?? file;
  const blocks = new Map<string, string>();
  for (const m of text.matchAll(/```([\w-]+)\n([\s\S]*?)```/g)) blocks.set(m[1]!, m[2]!.trimEnd());
  const sh = blocks.get("sh");
  if (!sh?.startsWith("briefkit"))
    throw new Error(`${file}: no \`\`\`sh block starting with briefkit`);
  const lines = (name: string) =>
    (blocks.get(name) ?? "").split("\n").filter((l) => l.trim() !== "");
  const json = blocks.get("stdout-json");
  return {
    title,
    argv: sh.split(/\s+/).slice(1),
    exit: Number(blocks.get("exit") ?? "0"),
    stdout: lines("stdout"),
    stderr: lines("stderr"),
    forbidden: lines("never"),
    ...(json === undefined ? {} : { stdoutJson: JSON.parse(json) }),
  };
}

const files = readdirSync(casesDir)
  .filter((f) => f.endsWith(".md"))
  .sort();

describe("CLI cases", () => {
  for (const file of files) {
    const c = parseCase(readFileSync(join(casesDir, file), "utf8"), file);
    it(`${file}: ${c.title}`, async () => {
      let out = "";
      let err = "";
      const code = await run(c.argv, {
        cwd: root,
        out: (s) => {
          out += s;
        },
        err: (s) => {
          err += s;
        },
      });
      const seen = `exit ${code}\n--- stdout\n${out}\n--- stderr\n${err}`;
      expect(code, seen).toBe(c.exit);
      for (const line of c.stdout) expect(out, seen).toContain(line);
      for (const line of c.stderr) expect(err, seen).toContain(line);
      for (const line of c.forbidden) expect(out + err, seen).not.toContain(line);
      if (c.stdoutJson !== undefined) expect(JSON.parse(out)).toMatchObject(c.stdoutJson as object);
    });
  }
});
