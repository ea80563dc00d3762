/**
 * Bundles the compiled CLI (dist/, from tsc) into dist/bundle/: the
 * `briefkit` binary and the writer thread (see src/render.ts), with shared
 * chunks. Run by `pnpm build` after tsc.
 *
 * Why: a cold `briefkit build` spent about a second in Node's ESM loader,
 * resolving and reading some 1,200 modules (vega and d3 alone are ~90
 * packages), in each of its threads. One file per entry point and a few
 * shared chunks cut that to a fraction; see the README's benchmark table.
 * The unbundled dist/bin.js still works and is what the packages' own
 * consumers import.
 */
import { cpSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
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

rmSync(outdir, { recursive: true, force: true });
// The DOCX writer's fonts, deflated at build time, sit next to its code (see
// packages/docx/src/fonts.ts); in the bundle its code sits here.
cpSync(join(dirname(require.resolve("@briefkit/docx")), "fonts"), join(outdir, "fonts"), {
  recursive: true,
});
await build({
  entryPoints: {
    briefkit: join(root, "dist/bin.js"),
    "render-worker": join(root, "dist/render-worker.js"),
    "batch-worker": join(root, "dist/batch-worker.js"),
  },
  outdir,
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external,
  // Bundled CommonJS code (commander, csv-parse, ...) calls require for Node's own modules.
  banner: {
    js: "import { createRequire as __briefkitRequire } from 'node:module'; const require = __briefkitRequire(import.meta.url);",
  },
  legalComments: "linked",
  logLevel: "warning",
});
