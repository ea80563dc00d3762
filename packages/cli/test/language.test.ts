/**
 * Briefs in another language, as a user builds them: the Russian and
 * Japanese executive summaries read back by real readers (pdftotext,
 * pdffonts, the DOCX's XML, the HTML), `--language` on build and diff, and
 * the diff report's words.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createComposeCache, diffEditions } from "@briefkit/compose";
import { loadDataset } from "@briefkit/data";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { markdownReport, signedNumber, terminalReport } from "../src/report.js";
import { runCli } from "./run-cli.js";

const root = resolve(import.meta.dirname, "../../..");
const out = mkdtempSync(join(tmpdir(), "briefkit-language-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));
const file = (name: string) => join(out, name);
const sh = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
/** Text with its line breaks, hyphenation and no-break spaces undone, for matching sentences. */
const flat = (s: string) =>
  s
    .replace(/-\n(?=\p{Ll})/gu, "-")
    .replace(/[\s\u00a0\u202f]+/g, " ")
    .trim();

describe("the Russian executive summary (executive-ru)", () => {
  let err = "";
  beforeAll(async () => {
    const r = await runCli(root, ["build", "--audience", "executive-ru", "--out", out]);
    expect(r.code, r.err).toBe(0);
    err = r.err;
  }, 120_000);

  it("fits its two pages, with no glyph missing", () => {
    expect(err).not.toMatch(/runs to \d+ pages|glyph-missing|cannot be drawn/);
    const info = sh("pdfinfo", [file("russia-japan-2005-executive-ru.pdf")]);
    expect(info).toMatch(/^Pages:\s+2$/m);
  });

  it("prints its key sentences in the PDF, every font embedded", () => {
    const text = flat(sh("pdftotext", [file("russia-japan-2005-executive-ru.pdf"), "-"]));
    for (const sentence of [
      "Главные выводы",
      "Двусторонний товарооборот вырос с 5,9 млрд $ в 2003 г. до 8,8 млрд $ в 2004 г., то есть на 49 %.",
      "сделал бы Японию пятым по величине торговым партнёром России",
      "японские инвестиции составляют почти 700 млн $",
      "может достичь 105 млн т в год, то есть примерно 2,1 млн баррелей в сутки",
      // Typed with straight quotes, set in the language's marks.
      "По «Энергетической стратегии России до 2020 года»,",
      "Рисунок 1 — Двусторонняя торговля России и Японии, полные годы",
      "Наш взгляд: что могут сделать правительства и бизнес",
      "Страница 1 из 2",
      "8 сентября 2005 г.",
    ]) {
      expect(text, sentence).toContain(sentence);
    }
    const fonts = sh("pdffonts", [file("russia-japan-2005-executive-ru.pdf")])
      .split("\n")
      .slice(2)
      .filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    // Columns: name type encoding emb sub uni object ID.
    for (const line of fonts) expect(line, line).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+$/);
  });

  it("says it is Russian in every format", () => {
    const html = readFileSync(file("russia-japan-2005-executive-ru.html"), "utf8");
    expect(html).toMatch(/^<!DOCTYPE html>\s*<html lang="ru"/i);
    // The chart's alt text is read out in the document's language.
    expect(html).toMatch(/<title id="figure-1-title">Столбчатая диаграмма с накоплением: /);
    expect(html).toContain("максимум 5,7 в 2004");
    const docx = file("russia-japan-2005-executive-ru.docx");
    const core = sh("unzip", ["-p", docx, "docProps/core.xml"]);
    expect(core).toContain("<dc:language>ru</dc:language>");
    const styles = sh("unzip", ["-p", docx, "word/styles.xml"]);
    expect(styles).toMatch(/<w:lang w:val="ru"/);
    const catalog = sh("qpdf", [
      "--qdf",
      "--object-streams=disable",
      file("russia-japan-2005-executive-ru.pdf"),
      "-",
    ]);
    expect(catalog).toMatch(/\/Lang \(ru\)/);
  });
});

describe("the Japanese executive summary (executive-ja)", () => {
  let err = "";
  const pdf = () => file("russia-japan-2005-executive-ja.pdf");
  beforeAll(async () => {
    const r = await runCli(root, ["build", "--audience", "executive-ja", "--out", out]);
    expect(r.code, r.err).toBe(0);
    err = r.err;
  }, 120_000);

  it("fits its two pages, with no glyph missing", () => {
    expect(err).not.toMatch(/runs to \d+ pages|glyph-missing|cannot be drawn/);
    expect(sh("pdfinfo", [pdf()])).toMatch(/^Pages:\s+2$/m);
  });

  it("prints its key sentences in the PDF, in reading order, with amounts in 億 and 万", () => {
    // Japanese has no spaces: lines break anywhere, so compare without white space.
    const text = sh("pdftotext", [pdf(), "-"]).replace(/\s+/g, "");
    // The dataset's facts too (numbers.units: myriad): no western scale word or dollar sign.
    expect(text).toContain("貿易額はさらに30～40億米ドル増え");
    expect(text).toContain("年間1億500万トン（およそ日量210万バレル）");
    expect(text).not.toMatch(/十億|百万|\$\d/);
    let at = -1;
    for (const sentence of [
      "2005年以降の日露関係",
      "2005年9月8日",
      "二国間の貿易額は、2003年の59億米ドルから2004年の88億米ドルへと増加した（49%増）。",
      "2003年のロシア極東と日本との貿易額は13億5200万米ドルで",
      "主要な数字",
      "図1日露の二国間貿易（暦年）",
      "当研究所の見解：政府と企業にできること",
      "2/2ページ",
    ]) {
      const found = text.indexOf(sentence, at + 1);
      expect(found, sentence).toBeGreaterThan(at);
      at = found;
    }
  });

  it("embeds Noto Serif JP and Noto Sans JP as subsets, every font embedded", () => {
    const fonts = sh("pdffonts", [pdf()]).split("\n").slice(2).filter(Boolean);
    for (const line of fonts) expect(line, line).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+$/);
    const names = fonts.map((l) => l.split(/\s+/)[0] ?? "");
    expect(names).toEqual(
      expect.arrayContaining([expect.stringMatching(/^[A-Z]{6}\+NotoSerifJP-Regular$/)]),
    );
    expect(names).toEqual(
      expect.arrayContaining([expect.stringMatching(/^[A-Z]{6}\+NotoSansJP-Bold$/)]),
    );
  });

  it("starts no line with a closing bracket, comma, full stop or prolonged sound mark (kinsoku)", () => {
    const lines = sh("pdftotext", ["-layout", pdf(), "-"])
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
    expect(lines.length).toBeGreaterThan(20);
    expect(lines.filter((l) => /^[、。，．」』）】〕ー・：；？！]/u.test(l))).toEqual([]);
  });

  it("says it is Japanese in every format, and the DOCX embeds the Japanese faces", () => {
    const html = readFileSync(file("russia-japan-2005-executive-ja.html"), "utf8");
    expect(html).toMatch(/^<!DOCTYPE html>\s*<html lang="ja"/i);
    expect(html).toContain("88億米ドル");
    const docx = file("russia-japan-2005-executive-ja.docx");
    expect(sh("unzip", ["-p", docx, "docProps/core.xml"])).toContain(
      "<dc:language>ja</dc:language>",
    );
    const fontTable = sh("unzip", ["-p", docx, "word/fontTable.xml"]);
    expect(fontTable).toMatch(
      /<w:font w:name="Noto Serif JP"><w:charset w:val="80"\/>[^<]*(?:<(?!\/w:font>)[^<]*)*?<w:embedRegular /,
    );
    expect(fontTable).toMatch(
      /<w:font w:name="Noto Sans JP"><w:charset w:val="80"\/>[^<]*(?:<(?!\/w:font>)[^<]*)*?<w:embedRegular /,
    );
    const catalog = sh("qpdf", ["--qdf", "--object-streams=disable", pdf(), "-"]);
    expect(catalog).toMatch(/\/Lang \(ja\)/);
  });
});

describe("--language", () => {
  it("builds an audience in another language, named with it", async () => {
    const dir = join(out, "lang");
    const r = await runCli(root, [
      "build",
      "--audience",
      "executive",
      "--language",
      "ru",
      "--format",
      "html",
      "--out",
      dir,
    ]);
    expect(r.code, r.err).toBe(0);
    const html = readFileSync(join(dir, "russia-japan-2005-executive.ru.html"), "utf8");
    expect(html).toMatch(/<html lang="ru"/);
    // The template's English prose, with Russian numbers and words around it.
    expect(html).toContain("8,8\u00a0млрд\u00a0$");
    expect(html).toContain("Рисунок");
    expect(existsSync(join(dir, "russia-japan-2005-executive.html"))).toBe(false);
  }, 120_000);

  it("refuses a tag that is not BCP 47: a usage error, nothing written", async () => {
    const dir = join(out, "bad");
    const r = await runCli(root, ["build", "--language", "ru_RU!", "--out", dir]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("--language ru_RU! is not a BCP 47 language tag");
    expect(existsSync(dir)).toBe(false);
  });

  it("writes the diff report in Russian", async () => {
    const report = join(out, "changes.md");
    const r = await runCli(root, [
      "diff",
      "--to",
      join(root, "packages/data/test/fixtures/editions/russia-japan-2006"),
      "--from",
      "2005",
      "--audience",
      "executive-ru",
      "--language",
      "ru",
      "--out",
      report,
    ]);
    expect(r.code, r.err).toBe(0);
    const md = readFileSync(report, "utf8");
    expect(md).toContain("Изменения от выпуска 2005 к выпуску 2006");
    expect(md).toContain("## Цифры, приведённые в обзоре");
    expect(md).toContain("Предложения: Краткий обзор");
    expect(md).not.toMatch(/\bFigures the brief states\b|\bSentences\b/);
  }, 120_000);
});

describe("the diff report's words", () => {
  it("follow the diff's language: Japanese", async () => {
    const load = async (dir: string) => {
      const l = await loadDataset(dir);
      if (!l.ok) throw new Error(dir);
      return l.dataset;
    };
    const r = await diffEditions({
      templateDir: join(root, "templates/russia-japan"),
      from: await load(join(root, "data/russia-japan/2005")),
      to: await load(join(root, "packages/data/test/fixtures/editions/russia-japan-2006")),
      cache: createComposeCache(),
      language: "ja",
      // Sentences in Japanese need the Japanese fonts; the figures and data do not.
      audiences: [],
    });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const md = markdownReport(r.diff);
    expect(md).toContain("2005年版から2006年版への変更点");
    expect(md).toContain("本報告書に記載の数値");
    expect(md).not.toMatch(/\bFigures the brief states\b|\bData\b/);
    // Dates, spans, brackets and amounts as Japanese writes them; no English verbal forms.
    const terminal = terminalReport(r.diff);
    expect(terminal).toContain("2005年版（2005年9月8日発行）→ 2006年版（2006年9月1日発行");
    expect(terminal).toMatch(/データ（変更\d+件）/);
    expect(terminal).toContain("88億米ドル（2004） → 107億米ドル（2005）");
    expect(terminal).toContain("49%（2003～2004）");
    expect(terminal).not.toMatch(/「(rose|fell|doubled|more than)|十億|百万/);
  });

  it("write a signed change with the language's separators, as Intl does", () => {
    expect(signedNumber(1.75, "ru")).toBe(
      new Intl.NumberFormat("ru", {
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
        signDisplay: "exceptZero",
      }).format(1.75),
    );
    expect(signedNumber(1.75, "ru")).toBe("+1,8");
    expect(signedNumber(-0.3, "en-GB")).toBe("\u22120.3");
    expect(signedNumber(-0.3, "ja")).toBe("\u22120.3");
  });
});
