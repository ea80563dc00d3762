/**
 * Whole-process timing of the CLI: what a user waits for, start-up included
 * (tsx transpiling the sources on the fly, as `pnpm briefkit` runs it).
 */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname, "../../..");
const tsx = resolve(root, "node_modules/.bin/tsx");
const bin = resolve(root, "packages/cli/src/bin.ts");

function briefkit(...args: string[]): void {
  const r = spawnSync(tsx, ["--conditions=@briefkit/source", bin, ...args], {
    cwd: root,
    env: { ...process.env, INIT_CWD: root },
  });
  if (r.status !== 0) throw new Error(`briefkit ${args.join(" ")} exited ${r.status}`);
}

export default [
  {
    name: "process: briefkit --version (start-up only)",
    iterations: 5,
    fn: () => briefkit("--version"),
  },
  {
    name: "process: briefkit validate (2005 edition)",
    iterations: 5,
    fn: () => briefkit("validate"),
  },
];
