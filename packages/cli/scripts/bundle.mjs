/**
 * Bundles the compiled CLI (dist/, from tsc) into dist/bundle/, run by
 * `pnpm build` after tsc:
 *
 * - core-<hash>.cjs: the whole CLI as one CommonJS script (src/launch/
 *   core.ts: the program and its two kinds of thread, each imported on
 *   demand), and core-<hash>.cjs.cache, V8's code cache for it
 *   (train-code-cache.mjs);
 * - briefkit.js (the binary), render-worker.js and batch-worker.js: small
 *   launchers (src/launch/) that load that script with its cache.
 *
 * Why: a cold `briefkit build` spent about a second in Node's ESM loader,
 * resolving and reading some 1,200 modules (vega and d3 alone are ~90
 * packages), in each of its threads; bundling cut that to a fraction. What
 * was left was mostly V8 parsing and compiling the bundle, in each thread;
 * Node 20 caches compiled code only for scripts, hence one CommonJS script
 * and its cache (see src/launch/load.ts and the README's figures). The
 * unbundled dist/bin.js still works and is what the packages' own consumers
 * import.
 */
import { spawnSync } from "node:child_process";
import { cpSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "dist/bundle");

/**
 * Left to Node's resolver at run time, because they are native (resvg),
 * read their own files (pdfmake's and pdfkit's data, harfbuzz's wasm, the
 * font packages' TTFs, vega-lite's JSON schema), or are loaded only for a
 * workbook (exceljs). fontkit is shared with pdfkit, so it must be the one
 * instance pdfkit loads. Each is a dependency of @briefkit/cli, so it
 * resolves from dist/bundle/; the check below keeps the two lists together.
 */
const external = [
  "@resvg/resvg-js",
  "pdfmake",
  "fontkit",
  "harfbuzzjs",
  "exceljs",
  "vega-lite/vega-lite-schema.json",
  "@expo-google-fonts/source-sans-3",
  "@expo-google-fonts/source-serif-4",
  "@expo-google-fonts/noto-sans-jp",
  "@expo-google-fonts/noto-serif-jp",
];

const require = createRequire(join(outdir, "briefkit.js"));
for (const name of external) {
  try {
    require.resolve(name);
  } catch {
    console.error(
      `bundle: ${name} is external but does not resolve from dist/bundle/; add it to @briefkit/cli's dependencies`,
    );
    process.exit(1);
  }
}

/**
 * vega-canvas looks for the optional `canvas` package with a top-level
 * await, which a CommonJS script cannot hold. briefkit measures text with
 * its own fonts and renders charts to SVG, never to a canvas, and `canvas`
 * is not among its dependencies, so vega-canvas's answer is always "no
 * canvas": this module gives that answer without the await.
 */
const noCanvas = {
  name: "no-canvas",
  setup(b) {
    b.onResolve({ filter: /^vega-canvas$/ }, () => ({
      path: "vega-canvas",
      namespace: "no-canvas",
    }));
    b.onLoad({ filter: /.*/, namespace: "no-canvas" }, () => ({
      contents:
        "export const canvas = () => null, domCanvas = () => null, nodeCanvas = () => null, image = () => null;",
      loader: "js",
    }));
  },
};

rmSync(outdir, { recursive: true, force: true });
// The DOCX writer's fonts, deflated at build time, sit next to its code (see
// packages/docx/src/fonts.ts); in the bundle its code sits here.
cpSync(join(dirname(require.resolve("@briefkit/docx")), "fonts"), join(outdir, "fonts"), {
  recursive: true,
});

const core = await build({
  entryPoints: { core: join(root, "dist/launch/core.js") },
  entryNames: "[name]-[hash]",
  outExtension: { ".js": ".cjs" },
  outdir,
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  external,
  plugins: [noCanvas],
  // The script runs as ES modules do (strict), and its modules find their
  // files (fonts, threads, packages) from dist/bundle/ as the chunks of an
  // ES module bundle would.
  define: { "import.meta.url": "__briefkitBundleUrl" },
  banner: {
    js: '"use strict";\nvar __briefkitBundleUrl = require("node:url").pathToFileURL(require("node:path").join(__dirname, "briefkit.js")).href;',
  },
  legalComments: "linked",
  logLevel: "warning",
  metafile: true,
});
const coreFile = Object.keys(core.metafile.outputs).find((f) => f.endsWith(".cjs"));
if (coreFile === undefined) throw new Error("bundle: esbuild wrote no core script");

await build({
  entryPoints: {
    briefkit: join(root, "dist/launch/bin.js"),
    "render-worker": join(root, "dist/launch/render-worker.js"),
    "batch-worker": join(root, "dist/launch/batch-worker.js"),
  },
  outdir,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  define: { BRIEFKIT_CORE: JSON.stringify(basename(coreFile)) },
  logLevel: "warning",
});

// Fixed seeds: V8 lays out its cache by hashes that are otherwise random per process.
const trained = spawnSync(
  process.execPath,
  [
    "--hash-seed=1",
    "--random-seed=1",
    join(root, "scripts/train-code-cache.mjs"),
    join(outdir, basename(coreFile)),
  ],
  { stdio: "inherit" },
);
if (trained.status !== 0) {
  console.error(`bundle: making the code cache failed (exit ${trained.status ?? trained.signal})`);
  process.exit(1);
}
