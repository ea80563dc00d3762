/**
 * The CLI run in process, as a user runs it from `cwd`: its exit code and
 * everything it printed on stdout and stderr. Every CLI test goes through
 * this, so what a test reads is exactly what a user would see.
 */
import { run } from "../src/index.js";

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runCli(
  cwd: string,
  argv: readonly string[],
  terminal: { tty?: boolean; columns?: number } = {},
): Promise<CliRun> {
  let out = "";
  let err = "";
  const code = await run([...argv], {
    cwd,
    out: (s) => {
      out += s;
    },
    err: (s) => {
      err += s;
    },
    ...terminal,
  });
  return { code, out, err };
}
