/**
 * Deflates the house theme's faces once, at build time, into dist/fonts/:
 * the obfuscated face (as it goes into word/fonts/), raw-deflated by the same
 * function the writer would call, named by its obfuscation key. With
 * `fonts: "full"` the writer reads these instead of deflating ~2 MB of fonts
 * on every cold start, after checking that each inflates to the face it
 * stands for (src/fonts.ts); subsets (the default) are made per document.
 * Run by `pnpm build` after tsc.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { houseTheme } from "@briefkit/document";
import { obfuscatedFace } from "../dist/fonts.js";
import { deflateEntry } from "../dist/zip.js";

const out = new URL("../dist/fonts/", import.meta.url);
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const { fonts } = houseTheme();
for (const family of [fonts.body, fonts.heading]) {
  for (const path of [family.regular, family.bold, family.italic, family.boldItalic]) {
    const { hex, data } = obfuscatedFace(readFileSync(path));
    const deflated = deflateEntry("font.odttf", data);
    if (deflated) writeFileSync(new URL(`${hex}.deflate`, out), deflated);
  }
}
