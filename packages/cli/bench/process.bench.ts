/**
 * Whole-process timing of the CLI: what a user waits for, start-up included
 * (tsx transpiling the sources on the fly, as `pnpm briefkit` runs it), and
 * the in-process cost of one audience in all three formats once warm.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { compose, createComposeCache } from "@briefkit/compose";
import { loadDataset } from "@briefkit/data";
import { FORMATS, renderJob } from "../src/writers.js";

const root = resolve(import.meta.dirname, "../../..");
const tsx = resolve(root, "node_modules/.bin/tsx");
const bin = resolve(root, "packages/cli/src/bin.ts");
const out = mkdtempSync(join(tmpdir(), "briefkit-bench-"));

/** The installed binary (package.json "bin"): the esbuild bundle `pnpm build` writes. */
const compiled = resolve(root, "packages/cli/dist/bundle/briefkit.js");

/** Peak memory each build reported on its summary line, by its arguments. */
const peaks = new Map<string, number>();
process.on("exit", () => {
  for (const [args, mb] of peaks) console.log(`peak memory of briefkit ${args}: ${mb} MB`);
});

/** The CLI from its TypeScript sources through tsx, as `pnpm briefkit` runs it in a checkout. */
function briefkit(...args: string[]): void {
  const r = spawnSync(tsx, ["--conditions=@briefkit/source", bin, ...args], {
    cwd: root,
    env: { ...process.env, INIT_CWD: root },
  });
  if (r.status !== 0) throw new Error(`briefkit ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
}

/** The compiled CLI (`pnpm build`), as the installed `briefkit` binary runs. */
function briefkitCompiled(...argsAndEnv: (string | Record<string, string>)[]): void {
  const args = argsAndEnv.filter((a) => typeof a === "string");
  const env = Object.assign({}, ...argsAndEnv.filter((a) => typeof a !== "string"));
  const r = spawnSync(process.execPath, [compiled, ...args], {
    cwd: root,
    env: { ...process.env, INIT_CWD: root, ...env },
  });
  if (r.status !== 0) throw new Error(`briefkit ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  const peak = /peak memory (\d+) MB/.exec(String(r.stdout))?.[1];
  if (peak !== undefined) {
    const key = [
      ...args.filter((a) => a !== out && a !== "--out"),
      ...Object.entries(env).map(([k, v]) => `${k}=${v}`),
    ].join(" ");
    peaks.set(key, Math.max(peaks.get(key) ?? 0, Number(peak)));
  }
}

async function warmSetup() {
  const loaded = await loadDataset(join(root, "data/russia-japan/2005"));
  if (!loaded.ok) throw new Error("dataset must load");
  return { dataset: loaded.dataset, cache: createComposeCache() };
}

async function oneAudienceAllFormats(
  ctx: Awaited<ReturnType<typeof warmSetup>>,
  audience: string,
): Promise<void> {
  const r = await compose({
    templateDir: join(root, "templates/russia-japan"),
    dataset: ctx.dataset,
    audience,
    cache: ctx.cache,
  });
  if (!r.ok) throw new Error("compose failed");
  const now = new Date("2005-09-08T00:00:00Z");
  for (const format of FORMATS) {
    await renderJob({ format, document: r.document, theme: r.theme, settings: r.writers, now });
  }
}

export default [
  {
    name: "in process: executive brief, compose + PDF + DOCX + HTML, warm",
    budgetMs: 400,
    iterations: 10,
    setup: warmSetup,
    fn: (ctx: Awaited<ReturnType<typeof warmSetup>>) => oneAudienceAllFormats(ctx, "executive"),
  },
  {
    // The longest audience, for scale: the budget above is the for one audience.
    name: "in process: full paper, compose + PDF + DOCX + HTML, warm",
    iterations: 5,
    setup: warmSetup,
    fn: (ctx: Awaited<ReturnType<typeof warmSetup>>) => oneAudienceAllFormats(ctx, "full"),
  },
  {
    name: "process (tsx): briefkit --version (start-up only)",
    iterations: 5,
    fn: () => briefkit("--version"),
  },
  {
    name: "process (tsx): briefkit validate (2005 edition)",
    iterations: 5,
    fn: () => briefkit("validate"),
  },
  {
    name: "process (tsx): briefkit build --audience full (cold, 3 formats)",
    iterations: 3,
    fn: () => briefkit("build", "--audience", "full", "--out", out),
  },
  {
    name: "process (binary): briefkit --version",
    iterations: 5,
    fn: () => briefkitCompiled("--version"),
  },
  {
    name: "process (binary): briefkit build --audience full (cold, 3 formats)",
    budgetMs: 3000,
    iterations: 3,
    fn: () => briefkitCompiled("build", "--audience", "full", "--out", out),
  },
  {
    name: "process (binary): briefkit build (all audiences and formats, cold)",
    budgetMs: 5000,
    iterations: 3,
    fn: () => briefkitCompiled("build", "--out", out),
  },
  {
    name: "process (binary, V8 defaults): briefkit build --audience full (cold, 3 formats)",
    iterations: 3,
    fn: () =>
      briefkitCompiled("build", "--audience", "full", "--out", out, { BRIEFKIT_V8_TUNING: "0" }),
  },
  {
    name: "process (binary, one thread): briefkit build --audience full (cold, 3 formats)",
    iterations: 3,
    fn: () =>
      briefkitCompiled("build", "--audience", "full", "--out", out, { BRIEFKIT_THREADS: "0" }),
  },
];
