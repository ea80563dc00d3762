/**
 * Helper process for face.test.ts: which font libraries a process has loaded
 * after importing this package, after reading a face's character map and
 * widths, and after asking for its fontkit font.
 */
import { createRequire } from "node:module";

const cache = createRequire(import.meta.url).cache;
const loaded = () =>
  Object.keys(cache)
    .filter((path) => /[\\/](fontkit|harfbuzzjs)[\\/]/.test(path))
    .map((path) => path.replace(/^.*[\\/]node_modules[\\/]/, ""));

const fonts = await import("../src/index.js");
const onImport = loaded();
const face = fonts.loadFace(fonts.houseFontFile("sans", "400Regular"));
fonts.covers(face, 0x41);
fonts.advanceWidth(face, "Oblast", 12);
const afterMetrics = loaded();
void face.font.postscriptName;
console.log(JSON.stringify({ onImport, afterMetrics, afterFont: loaded() }));
