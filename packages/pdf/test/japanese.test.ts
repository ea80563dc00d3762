/**
 * A brief in Japanese, read back by poppler: its text in reading order, the
 * Japanese faces embedded as subsets, no line breaking kinsoku, and its
 * paragraphs justified with a straight right edge.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildDocument, para } from "@briefkit/document";
import { afterAll, describe, expect, it } from "vitest";
import { writePdf } from "../src/index.js";
import {
  type BoxWord,
  boxLines,
  context,
  fixture,
  kinsokuViolations,
  options,
  run,
} from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "briefkit-pdf-ja-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function write(name: string, doc: ReturnType<typeof fixture>) {
  const ctx = context();
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, await writePdf(doc, options, ctx));
  return { file, warnings: ctx.warnings };
}

const word = (text: string, page = 1): BoxWord => ({
  text,
  page,
  xMin: 0,
  yMin: 0,
  xMax: 1,
  yMax: 1,
});

describe("kinsokuViolations (the checker)", () => {
  it("finds a line starting with a closing bracket, 、。, ー or a small kana, and one ending with an opening bracket", () => {
    expect(
      kinsokuViolations([
        [word("」は日本")],
        [word("。")],
        [word("ーは")],
        [word("っと")],
        [word("日本の「")],
        [word("（注", 2)],
      ]),
    ).toEqual([
      "page 1: 」は日本",
      "page 1: 。",
      "page 1: ーは",
      "page 1: っと",
      "page 1: 日本の「",
    ]);
  });

  it("passes lines that start and end where Japanese may break", () => {
    expect(
      kinsokuViolations([[word("日本の「対外政策」は、")], [word("Shell"), word("と")]]),
    ).toEqual([]);
  });
});

describe("a brief in Japanese", async () => {
  const { file, warnings } = await write("japanese", fixture("japanese"));
  const text = run("pdftotext", [file, "-"]).stdout;
  const joined = text.replace(/\s+/g, "");

  it("draws every character: no warning, no replacement character", () => {
    expect(warnings).toEqual([]);
    expect(text).not.toContain("\uFFFD");
  });

  it("extracts its sentences whole and in reading order", () => {
    const sentences = [
      "日露経済関係の現状",
      "日露間の貿易額は2004年に88億ドルに達し、過去最高を記録した。",
      "両国の経済関係が「潜在力を生かしきれていない」という評価は、モスクワでも東京でも広く共有されている。",
      "こうした構造は、1990年代から大きく変わっていない。",
      "Exxon Mobil や Shell といった欧米企業とともに日本企業が参加する、最大級の投資案件である。",
      "今後の課題",
      "日露貿易の推移（億ドル）",
      "出典：ロシア経済発展貿易省",
    ];
    let at = -1;
    for (const s of sentences) {
      const found = joined.indexOf(s.replace(/\s+/g, ""), at + 1);
      expect(found, s).toBeGreaterThan(at);
      at = found;
    }
    // The space the source has between Latin and Japanese is kept, once.
    expect(text).toMatch(/Exxon Mobil や Shell[ \n]といった/);
  });

  it("embeds Noto Serif JP and Noto Sans JP as subsets, beside the house fonts", () => {
    const fonts = run("pdffonts", [file]).stdout.split("\n").slice(2).filter(Boolean);
    const row = (name: string) => fonts.find((f) => f.includes(`+${name} `));
    for (const name of ["NotoSerifJP-Regular", "NotoSansJP-Bold", "NotoSansJP-Regular"]) {
      // Subset tag, CID TrueType, embedded, subset, ToUnicode map.
      expect(row(name), name).toMatch(/^[A-Z]{6}\+\S+\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    }
  });

  it("writes the same bytes twice (the Japanese subsets too)", async () => {
    const again = await write("japanese-again", fixture("japanese"));
    const { readFileSync } = await import("node:fs");
    expect(readFileSync(again.file).equals(readFileSync(file))).toBe(true);
  });

  it("breaks no line against kinsoku", () => {
    expect(kinsokuViolations(boxLines(file).lines)).toEqual([]);
  });

  it("justifies Japanese paragraphs to a straight right edge (inter-character spacing)", () => {
    const { lines } = boxLines(file);
    const paragraph = lines.filter((l) => /^(日露間|ロシア側|サハリン)/.test(l[0]?.text ?? ""));
    expect(paragraph).toHaveLength(3);
    // Every line but a paragraph's last ends at the right margin.
    const ends = lines
      .filter((l) => l[0]?.page === 1 && /[\u3040-\u30ff\u4e00-\u9fff]/.test(l[0]?.text ?? ""))
      .map((l) => l.at(-1)?.xMax ?? 0);
    const right = Math.max(...ends);
    const full = ends.filter((x) => Math.abs(x - right) < 0.5);
    expect(full.length).toBeGreaterThanOrEqual(6);
  });
});

describe("kinsoku where UAX #14 allows the break", async () => {
  // "～" may start a line by UAX #14; JIS X 4051 forbids it. Shifted one
  // character a paragraph, so that in some paragraph a line ends just before it.
  const doc = buildDocument(
    { ...fixture("japanese").meta },
    Array.from({ length: 12 }, (_, i) =>
      para(`${"あ".repeat(i)}${"日露貿易は1998～2005年に倍増した。".repeat(8)}`),
    ),
  );
  const { file } = await write("tilde", doc);

  it("starts no line with ～", () => {
    const { lines } = boxLines(file);
    expect(lines.length).toBeGreaterThan(40);
    expect(kinsokuViolations(lines)).toEqual([]);
    expect(lines.filter((l) => l[0]?.text.startsWith("～"))).toEqual([]);
  });
});
