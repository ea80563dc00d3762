/**
 * What a brief is made from, hashed: the key of the batch's cache and the
 * `inputs` of its manifest. A brief is rebuilt unless every one of these is
 * unchanged, and its files on disk still have the bytes the manifest lists:
 *
 * - toolkit:  briefkit's version and its code (every file of the running
 *             bundle, or of the packages' dist/ or src/), with the versions
 *             of the packages it loads at run time (pdfmake, fonts, resvg…)
 *             and of Node and zlib: a new briefkit rebuilds everything;
 * - template: every file under the template's folder and the folders it
 *             extends (template.yaml, sections, partials, specs, blocks);
 * - data:     every file under the dataset folder;
 * - previous: every file under the edition the changes appendix compares with;
 * - options:  audience, language, parameter values, formats, file names and
 *             the build date (SOURCE_DATE_EPOCH or the publication date).
 *
 * Whole folders are hashed, not only the files a brief reads: an unused file
 * that changes rebuilds a brief for nothing, but a used one can never be
 * missed.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const sha256 = (bytes: Uint8Array | string) =>
  createHash("sha256").update(bytes).digest("hex");

/** The files under `dir`, sorted by their relative path ('/'-separated); dot-files and node_modules left out. */
function filesUnder(dir: string, out: string[] = [], root = dir): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  )) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) filesUnder(path, out, root);
    else if (entry.isFile() || (entry.isSymbolicLink() && statSync(path).isFile())) out.push(path);
  }
  return out;
}

/** One hash over the relative names and contents of every file under the folders. */
export function hashFolders(dirs: readonly string[]): string {
  const h = createHash("sha256");
  for (const dir of dirs) {
    for (const file of filesUnder(dir)) {
      // V8's code cache records the script's path, so it differs between checkouts, and
      // never changes an output: shards run from different folders must share a key.
      if (file.endsWith(".cache")) continue;
      const name = relative(dir, file).split(sep).join("/");
      h.update(`${name}\0${sha256(readFileSync(file))}\n`);
    }
    h.update("\u0001");
  }
  return h.digest("hex");
}

/** Packages loaded from node_modules at run time (the bundle's externals) and what they hold. */
const RUNTIME_PACKAGES = [
  "@resvg/resvg-js",
  "pdfmake",
  "fontkit",
  "harfbuzzjs",
  "exceljs",
  "vega-lite",
  "@expo-google-fonts/source-sans-3",
  "@expo-google-fonts/source-serif-4",
  "@expo-google-fonts/noto-sans-jp",
  "@expo-google-fonts/noto-serif-jp",
];

/**
 * The toolkit's part of every brief's inputs: `version`, the code that
 * runs (the folder of the bundle, or every package's dist/ or src/), and
 * the versions of the packages it loads at run time.
 */
export function toolkitHash(version: string): string {
  const here = dirname(fileURLToPath(import.meta.url));
  // Node's and zlib's versions too: the DOCX is deflated, and another zlib may deflate to other bytes.
  const h = createHash("sha256").update(
    `briefkit ${version}\nnode ${process.versions.node}\nzlib ${process.versions.zlib}\n`,
  );
  const inBundle = /[\\/]dist[\\/]bundle$/.test(here);
  if (inBundle) {
    h.update(hashFolders([here]));
  } else {
    // packages/cli/{src,dist}/batch → packages/*/{src,dist}
    const kind = here.split(sep).includes("dist") ? "dist" : "src";
    const packages = join(here, "..", "..", "..");
    const dirs = readdirSync(packages)
      .sort()
      .map((p) => join(packages, p, kind))
      .filter((d) => {
        try {
          return statSync(d).isDirectory();
        } catch {
          return false;
        }
      });
    h.update(hashFolders(dirs));
  }
  const require = createRequire(import.meta.url);
  for (const name of RUNTIME_PACKAGES) {
    let version = "absent";
    try {
      const pkg = require.resolve(`${name}/package.json`);
      version = (JSON.parse(readFileSync(pkg, "utf8")) as { version?: string }).version ?? "?";
    } catch {
      // A package that does not expose its package.json: its resolved entry stands for it.
      try {
        version = require.resolve(name);
      } catch {
        version = "absent";
      }
    }
    h.update(`${name}@${version}\n`);
  }
  return h.digest("hex");
}
