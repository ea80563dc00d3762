/**
 * Text the fonts cannot draw is an error where it comes from: a section's
 * line (typed there, or printed by Liquid), a data cell, a key of
 * template.yaml (a title, a caption), a chart's declaration for its labels.
 * Characters the writers handle by rule (controls become U+FFFD, invisible
 * format characters) and characters the fonts draw pass as before.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { type Dataset, loadDataset } from "@briefkit/data";
import { houseTheme } from "@briefkit/document";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fontCoverage, undrawable } from "../src/glyphs.js";
import { compose } from "../src/index.js";

const root = resolve(import.meta.dirname, "../../..");
let dataset: Dataset;
const dirs: string[] = [];

beforeAll(async () => {
  const r = await loadDataset(join(root, "data/russia-japan/2005"));
  if (!r.ok) throw new Error("the 2005 dataset must load");
  dataset = r.dataset;
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

// Thai: a script neither the house fonts nor their Japanese fallbacks draw.
const THAI = "ไท";
const house =
  "the fonts Source Serif 4 / Noto Serif JP and Source Sans 3 / Noto Sans JP have no glyph for them, and the PDF would print U+FFFD";

function template(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "briefkit-glyphs-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const yaml = (extra = "", title = "Mini") => `id: mini
title: ${title}
sections:
  main: { file: sections/main.md }
${extra}audiences:
  full: { label: Full, sections: [main] }
`;

async function problems(dir: string, data: Dataset = dataset) {
  const r = await compose({ templateDir: dir, dataset: data, audience: "full" });
  expect(r.ok).toBe(false);
  return r.issues
    .filter((i) => i.severity === "error")
    .map((i) => ({
      code: i.code,
      where: `${i.file.startsWith(dir) ? i.file.slice(dir.length + 1) : i.file}:${i.line}:${i.column}`,
      message: i.message,
    }));
}

describe("text the fonts cannot draw", () => {
  it("typed in a section: at its line and column in the section file", async () => {
    const dir = template({
      "template.yaml": yaml(),
      "sections/main.md": `# Main\n\nTrade with Japan (${THAI}) grew.\n`,
    });
    expect(await problems(dir)).toEqual([
      {
        code: "glyph-missing",
        where: "sections/main.md:3:19",
        message: `"ไ", "ท" (U+0E44, U+0E17) cannot be drawn: ${house}`,
      },
    ]);
  });

  it("in a heading and in a footnote: at their lines", async () => {
    const dir = template({
      "template.yaml": yaml(),
      "sections/main.md": "# Main مرحبا\n\nText.[^a]\n\n[^a]: A note: ไ.\n",
    });
    expect((await problems(dir)).map((p) => p.where)).toEqual([
      "sections/main.md:1:8",
      "sections/main.md:5:15",
    ]);
  });

  it("typed inside a Liquid tag: at the character", async () => {
    const dir = template({
      "template.yaml": yaml(),
      "sections/main.md": `# Main\n\nSo {{ "${THAI}" | upcase }} it is.\n`,
    });
    const [p] = await problems(dir);
    expect(p?.where).toBe("sections/main.md:3:8");
  });

  it("a title in template.yaml: at the title", async () => {
    const dir = template({
      "template.yaml": yaml("", `Mini ${THAI}`),
      "sections/main.md": "# Main\n",
    });
    const [p, ...rest] = await problems(dir);
    expect(rest).toEqual([]);
    expect(p).toEqual({
      code: "glyph-missing",
      where: "template.yaml:2:1",
      message: `"ไ", "ท" (U+0E44, U+0E17) cannot be drawn: ${house}`,
    });
  });

  it("a table's data cell: at the cell in the table's file; a chart's label from the data: at the chart; captions at their key", async () => {
    const data = mkdtempSync(join(tmpdir(), "briefkit-glyphs-data-"));
    dirs.push(data);
    cpSync(join(root, "data/russia-japan/2005"), data, { recursive: true });
    for (const f of ["dataset.yaml", "far-east-trade.csv"]) {
      const path = join(data, f);
      writeFileSync(path, readFileSync(path, "utf8").replaceAll("Yakutia", "ยาคตอ"));
    }
    const loaded = await loadDataset(data);
    if (!loaded.ok) throw new Error(loaded.issues[0]?.message);
    const dir = template({
      "template.yaml": yaml(
        "tables:\n  t:\n    table: far-east-trade\n    caption: Regions กข\ncharts:\n  c:\n    preset: line\n    table: far-east-trade\n    seriesBy: region\n    measures: [exports]\n    title: T\n    caption: C\n",
      ),
      "sections/main.md": "# Main\n\n::table{ref=t}\n\n::figure{ref=c}\n",
    });
    const found = await problems(dir, loaded.dataset);
    expect(found).toEqual([
      {
        code: "glyph-missing",
        where: "template.yaml:8:5",
        message: `"ก", "ข" (U+0E01, U+0E02) cannot be drawn: ${house}`,
      },
      {
        code: "glyph-missing",
        where: `${join(data, "far-east-trade.csv")}:2:1`,
        message: `"ย", "า", "ค", "ต", "อ" (U+0E22, U+0E32, U+0E04, U+0E15, U+0E2D) cannot be drawn: ${house}`,
      },
      {
        code: "glyph-missing",
        where: "template.yaml:10:3",
        message: `"ย", "า", "ค", "ต", "อ" (U+0E22, U+0E32, U+0E04, U+0E15, U+0E2D) cannot be drawn: ${house}`,
      },
    ]);
  });

  it("a chart's caption: at the caption key", async () => {
    const dir = template({
      "template.yaml": yaml(
        "charts:\n  c:\n    preset: pie\n    table: far-east-trade-partners\n    x: partner\n    measures: [share]\n    title: T\n    caption: Partners จฉ\n",
      ),
      "sections/main.md": "# Main\n\n::figure{ref=c}\n",
    });
    expect((await problems(dir)).map((p) => p.where)).toEqual(["template.yaml:12:5"]);
  });

  it("what the fonts draw, controls (replaced by the writers) and invisible characters pass", () => {
    const fonts = fontCoverage(houseTheme());
    expect(undrawable("Ünïcödé “quotes” – Ελληνικά, русский, tiếng Việt", "body", fonts)).toEqual(
      [],
    );
    expect(undrawable("a\u0007b\uFFFDc\u200Bd\u00A0e", "body", fonts)).toEqual([]);
    // Japanese is drawn by the East Asian fallbacks (Noto Serif JP, Noto Sans JP); Thai by no font.
    expect(undrawable("日本の「貿易」。", "body", fonts)).toEqual([]);
    expect(undrawable("日本の「貿易」。", "heading", fonts)).toEqual([]);
    expect(undrawable("ไท", "heading", fonts)).toEqual(["ไ", "ท"]);
    // Source Sans 3 (headings, tables) has Ĭ; Source Serif 4 (body text) has not.
    expect(undrawable("Ĭ", "heading", fonts)).toEqual([]);
    expect(undrawable("Ĭ", "body", fonts)).toEqual(["Ĭ"]);
  });
});
