/**
 * A brief in Japanese as DOCX: the East Asian font and language in the
 * styles, and real readers (python-docx, LibreOffice) reading its Japanese.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { coverage, houseTheme } from "@briefkit/document";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeDocx } from "../src/index.js";
import { context, fixture, options, run, unpack } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "briefkit-docx-ja-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, "japanese.docx");

const SENTENCES = [
  "日露経済関係の現状",
  "日露間の貿易額は2004年に88億ドルに達し、過去最高を記録した。",
  "「資源と工業製品の交換」という基本的な図式はそのままだ。",
  "日露貿易の推移（億ドル）",
];

/** python-docx: paragraph texts, table cells, and the default run's East Asian font and language. */
const READ = `
import json, sys, docx
from docx.oxml.ns import qn
d = docx.Document(sys.argv[1])
rpr = d.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
print(json.dumps({
  "paragraphs": [p.text for p in d.paragraphs],
  "cells": [c.text for t in d.tables for r in t.rows for c in r.cells],
  "eastAsiaFont": rpr.find(qn("w:rFonts")).get(qn("w:eastAsia")),
  "eastAsiaLang": rpr.find(qn("w:lang")).get(qn("w:eastAsia")),
}, ensure_ascii=False))
`;

describe("a brief in Japanese, as DOCX", () => {
  const ctx = context();
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = await writeDocx(fixture("japanese"), options, ctx);
    writeFileSync(file, bytes);
  });

  it("draws every character: no warning", () => {
    expect(ctx.warnings).toEqual([]);
  });

  it("names Noto Serif JP / Noto Sans JP as the East Asian fonts and ja-JP as the East Asian language", () => {
    const styles = unpack(bytes).text["word/styles.xml"] ?? "";
    const defaults = /<w:rPrDefault>([\s\S]*?)<\/w:rPrDefault>/.exec(styles)?.[1] ?? "";
    expect(defaults).toMatch(/<w:rFonts [^>]*w:eastAsia="Noto Serif JP"/);
    expect(defaults).toMatch(
      /<w:lang [^>]*w:val="ja"[^>]*w:eastAsia="ja-JP"|<w:lang [^>]*w:eastAsia="ja-JP"[^>]*w:val="ja"/,
    );
    // Headings and tables: the sans families.
    const heading = /<w:style [^>]*w:styleId="Heading1"[\s\S]*?<\/w:style>/.exec(styles)?.[0] ?? "";
    expect(heading).toMatch(/w:eastAsia="Noto Sans JP"/);
    expect(styles).toMatch(/w:styleId="BriefTable"[\s\S]*?w:eastAsia="Noto Sans JP"/);
  });

  it("is read by python-docx: its Japanese text, table and East Asian font and language", () => {
    const read = JSON.parse(run("/usr/bin/python3", ["-c", READ, file])) as {
      paragraphs: string[];
      cells: string[];
      eastAsiaFont: string;
      eastAsiaLang: string;
    };
    const text = read.paragraphs.join("\n");
    for (const s of SENTENCES.filter((x) => !x.startsWith("日露貿易の推移")))
      expect(text).toContain(s);
    expect(read.cells).toEqual(expect.arrayContaining(["年", "貿易総額", "2004年", "88"]));
    expect(read.eastAsiaFont).toBe("Noto Serif JP");
    expect(read.eastAsiaLang).toBe("ja-JP");
  });

  it("embeds Noto Serif JP and Noto Sans JP as Japanese (charset 80) subsets, even with fonts: full", async () => {
    const full = await writeDocx(fixture("japanese"), { ...options, fonts: "full" }, context());
    for (const docx of [bytes, full]) {
      const parts = unpack(docx);
      const table = parts.text["word/fontTable.xml"] ?? "";
      const rels = parts.text["word/_rels/fontTable.xml.rels"] ?? "";
      for (const name of ["Noto Serif JP", "Noto Sans JP"]) {
        const entry = new RegExp(`<w:font w:name="${name}">([\\s\\S]*?)</w:font>`).exec(table)?.[1];
        expect(entry, name).toContain('<w:charset w:val="80"/>');
        const embeds = [
          ...(entry ?? "").matchAll(
            /<w:embed(\w+) r:id="(rId\d+)"[^>]*?( w:subsetted="true")?\/>/g,
          ),
        ];
        // No italic: the Japanese families' italic is their upright file, embedded once.
        expect(embeds.map((m) => m[1])).toContain("Regular");
        expect(embeds.map((m) => m[1])).not.toContain("Italic");
        for (const [, , id, subsetted] of embeds) {
          expect(subsetted).toBe(' w:subsetted="true"');
          const target = new RegExp(`Id="${id}" [^>]*Target="([^"]+)"`).exec(rels)?.[1];
          const size = parts.bytes[`word/${target}`]?.byteLength ?? 0;
          // A subset of the few hundred characters shown, not the 5-7 MB file.
          expect(size).toBeGreaterThan(10_000);
          expect(size).toBeLessThan(600_000);
        }
      }
    }
  });

  it("sets its native charts' East Asian text in Noto Sans JP, not the theme's minor font (a system font)", () => {
    const parts = unpack(bytes);
    const charts = Object.keys(parts.text).filter((p) => /^word\/charts\/chart\d+\.xml$/.test(p));
    expect(charts.length).toBeGreaterThan(0);
    for (const path of charts) {
      const xml = parts.text[path] ?? "";
      expect(xml).toContain('<a:ea typeface="Noto Sans JP"/>');
      expect(xml).not.toContain("+mn-ea");
    }
  });

  it("embeds no Japanese face in an English brief that shows no Japanese", async () => {
    const english = unpack(await writeDocx(fixture("kitchen-sink"), options, context()));
    expect(english.text["word/fontTable.xml"]).not.toContain("Noto");
    const theme = houseTheme();
    // Sanity of the fixture: its Japanese is not in the house fonts, so only the East Asian faces draw it.
    const house = coverage(theme.fonts.body.regular);
    expect([..."日露貿易"].some((c) => house.has(c.codePointAt(0) ?? 0))).toBe(false);
  });

  it("is read by LibreOffice: its PDF has the Japanese text, in order", () => {
    const profile = `-env:UserInstallation=file://${join(dir, "lo-profile")}`;
    run("soffice", [profile, "--headless", "--convert-to", "pdf", "--outdir", dir, file], 240_000);
    const text = run("pdftotext", [join(dir, "japanese.pdf"), "-"]).replace(/\s+/g, "");
    let at = -1;
    for (const s of SENTENCES) {
      const found = text.indexOf(s, at + 1);
      expect(found, s).toBeGreaterThan(at);
      at = found;
    }
    expect(readFileSync(join(dir, "japanese.pdf")).byteLength).toBeGreaterThan(0);
    // This machine has no Japanese font installed (fc-list :lang=ja is empty),
    // so LibreOffice drew the Japanese with the faces the DOCX embeds.
    const fonts = run("pdffonts", [join(dir, "japanese.pdf")]);
    for (const name of ["NotoSerifJP", "NotoSansJP"]) {
      const line = fonts.split("\n").find((l) => l.includes(name));
      expect(line, `${name} in\n${fonts}`).toBeDefined();
      // name type encoding emb sub uni object ID: emb and sub are "yes".
      expect(line).toMatch(/\s+yes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$/);
    }
  }, 240_000);

  it("leaves an English brief's styles without an East Asian font or language", async () => {
    const english = unpack(await writeDocx(fixture("kitchen-sink"), options, context()));
    // (The docx library names the house family for every script, East Asian too.)
    expect(english.text["word/styles.xml"]).not.toContain("Noto");
    expect(english.text["word/styles.xml"]).not.toContain('w:eastAsia="ja-JP"');
  });
});
