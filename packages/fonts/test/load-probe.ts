/**
 * Helper process for face.test.ts: which font libraries a process has loaded
 * after importing this package, and after parsing one face.
 */
import { createRequire } from "node:module";

const cache = createRequire(import.meta.url).cache;
const loaded = () =>
  Object.keys(cache)
    .filter((path) => /[\\/](fontkit|harfbuzzjs)[\\/]/.test(path))
    .map((path) => path.replace(/^.*[\\/]node_modules[\\/]/, ""));

const fonts = await import("../src/index.js");
const onImport = loaded();
fonts.loadFace(fonts.houseFontFile("sans", "400Regular"));
console.log(JSON.stringify({ onImport, afterParse: loaded() }));
