/**
 * Text the fonts cannot draw stops the build: exit 1, the error at the
 * section's file:line:column, nothing written.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { afterAll, expect, it } from "vitest";
import { run } from "../src/index.js";

const root = resolve(import.meta.dirname, "../../..");
const tmp = mkdtempSync(join(tmpdir(), "briefkit-glyphs-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it("a Thai sentence (no font draws Thai) in a section: exit 1, located at the section's line, nothing written", async () => {
  const template = join(tmp, "russia-japan");
  cpSync(join(root, "templates/russia-japan"), template, { recursive: true });
  const section = join(template, "sections/01-introduction.md");
  const text = readFileSync(section, "utf8").split("\n");
  text.splice(2, 0, "ไทย", "");
  writeFileSync(section, text.join("\n"));
  const out = join(tmp, "out");
  let err = "";
  const code = await run(
    ["build", "--template", template, "--data", "data/russia-japan/2005", "--out", out],
    { cwd: root, out: () => {}, err: (s) => (err += s) },
  );
  expect(code).toBe(1);
  const shown = relative(root, section);
  expect(err.split("\n")).toContain(
    `${shown}:3:1: error: "ไ", "ท", "ย" (U+0E44, U+0E17, U+0E22) cannot be drawn: the fonts Source Serif 4 / Noto Serif JP and Source Sans 3 / Noto Sans JP have no glyph for them, and the PDF would print U+FFFD (hint: the brief's fonts cannot draw this script: write the text in one they cover (Latin, Greek, Cyrillic, Japanese))`,
  );
  expect(existsSync(out)).toBe(false);
});
