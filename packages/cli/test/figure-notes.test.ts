/**
 * Figure notes, like-for-like totals and annualised part years, end to end:
 * compose's figure-notes fixture built on the shipped data, each format read
 * back by a real reader (pdftotext, the DOCX's own XML parts, Chromium's
 * DOM). Then the bad cases: a growth over totals of different coverage with
 * no `coverage:` choice, an annualise without a method and a note with a
 * Liquid error each stop the build at their line and column, writing nothing.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../src/index.js";

const root = resolve(import.meta.dirname, "../../..");
const fixture = join(root, "packages/compose/test/fixtures/templates/figure-notes");
const data = "data/russia-japan/2005";
const tmp = mkdtempSync(join(tmpdir(), "briefkit-figure-notes-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function build(template: string, out: string): Promise<{ code: number; err: string }> {
  let err = "";
  const code = await run(["build", "--template", template, "--data", data, "--out", out], {
    cwd: root,
    out: () => {},
    err: (s) => (err += s),
  });
  return { code, err };
}

const out = join(tmp, "out");
const file = (ext: string) => join(out, `figure-notes-2005-full.${ext}`);
const unzip = (part: string) =>
  execFileSync("unzip", ["-p", file("docx"), part], { encoding: "utf8", maxBuffer: 1 << 26 });
/** The text of a piece of WordprocessingML: its w:t runs joined. */
const wordText = (xml: string) =>
  [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => m[1])
    .join("")
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

const NOTES = [
  "A Markdown footnote before the figure’s note.",
  "The essay prints this share beside trade of almost US$1.4 billion; it does not reconcile the two.",
  "A Markdown footnote after it.",
];

let built = { code: -1, err: "" };
beforeAll(async () => {
  built = await build(fixture, out);
});

describe("a figure's note is a footnote in every format", () => {
  it("builds", () => {
    expect(built.code, built.err).toBe(0);
  });

  it("PDF: the notes, numbered in order of first reference, the figure's between the Markdown ones", () => {
    const text = execFileSync("pdftotext", ["-layout", file("pdf"), "-"], { encoding: "utf8" });
    const notes = text.slice(text.lastIndexOf("Notes"));
    const numbered = [...notes.matchAll(/^\s*(\d)\.\s+(.+)$/gm)].map((m) => [m[1], m[2]?.trim()]);
    expect(numbered).toEqual(NOTES.map((n, i) => [String(i + 1), n]));
    // The figure is stated twice; both carry mark 2.
    expect(text).toMatch(/Japan had 22% ?2 of the region’s trade, and later again 22% ?2 ?\. ?3/);
  });

  it("DOCX: word/footnotes.xml holds the three notes; the figure references note 2 each time", () => {
    const footnotes = unzip("word/footnotes.xml");
    const byId = [...footnotes.matchAll(/<w:footnote w:id="(\d+)">(.*?)<\/w:footnote>/gs)].map(
      (m) => [m[1], wordText(m[2] ?? "").trim()],
    );
    expect(byId).toEqual(NOTES.map((n, i) => [String(i + 1), n]));
    const refs = [...unzip("word/document.xml").matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g)];
    expect(refs.map((m) => m[1])).toEqual(["1", "2", "2", "3"]);
  });

  it("HTML (Chromium's DOM): the endnotes list and the references, with the note's figure bound to its value", async () => {
    const profile = mkdtempSync(join(tmpdir(), "briefkit-chromium-"));
    const browser = await puppeteer.launch({
      executablePath: "/usr/bin/chromium",
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--no-first-run", `--user-data-dir=${profile}`],
    });
    try {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(file("html")).href, { waitUntil: "load" });
      const notes = await page.$$eval('li[id^="fn-"]', (xs) =>
        xs.map((x) => [x.id, (x.querySelector("p")?.textContent ?? "").replace(/\s*↑.*$/s, "")]),
      );
      expect(notes).toEqual(NOTES.map((n, i) => [`fn-${i + 1}`, n]));
      const refs = await page.$$eval('a[role="doc-noteref"]', (xs) =>
        xs.map((x) => x.getAttribute("href")),
      );
      expect(refs).toEqual(["#fn-1", "#fn-2", "#fn-2", "#fn-3"]);
      const figure = await page.$eval("#fn-2 data", (x) => [
        x.getAttribute("value"),
        x.textContent,
      ]);
      expect(figure).toEqual(["1.4", "almost US$1.4 billion"]);
      // The caption label reads as in PDF and DOCX.
      expect(await page.$eval("caption .label", (x) => x.textContent)).toBe("Table 1.");
    } finally {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });

  it("captions read 'Table 1.' in PDF and DOCX too", () => {
    const text = execFileSync("pdftotext", ["-layout", file("pdf"), "-"], { encoding: "utf8" });
    expect(text).toContain("Table 1. Russia–Japan bilateral trade");
    const caption = [...unzip("word/document.xml").matchAll(/<w:p>.*?<\/w:p>/gs)]
      .map((m) => wordText(m[0]))
      .find((t) => t.includes("Russia–Japan bilateral trade"));
    expect(caption).toBe("Table 1. Russia–Japan bilateral trade (US$ billion)");
  });

  it("the appendix states the like-for-like coverage and the annualising method", () => {
    const text = execFileSync("pdftotext", [file("pdf"), "-"], { encoding: "utf8" }).replace(
      /\s+/g,
      " ",
    );
    expect(text).toContain(
      "Compared like for like, on the region values with figures in every period compared (Primorskiy Krai, Khabarovskiy Krai, Amurskaya Oblast, Kamchatskaya Oblast and Sakhalinskaya Oblast): in 2002, 5 of the 7 region values (no figures for Yakutia and Magadanskaya Oblast); in 2003, 5 of the 7 region values, leaving out Yakutia and Magadanskaya Oblast, which have figures that year.",
    );
    expect(text).toContain(
      "US$7.6 billion — indicator half-year-annualised (annualise on table bilateral-trade), 2005",
    );
    expect(text).toContain(
      "Annualised from 2005-H1 by doubling the half year (× 2): an estimate, not a recorded figure.",
    );
  });
});

/** A copy of the fixture with `template.yaml` edited; the build's result. */
async function broken(name: string, edit: (yaml: string) => string) {
  const dir = join(tmp, name);
  cpSync(fixture, dir, { recursive: true });
  const path = join(dir, "template.yaml");
  const yaml = edit(readFileSync(path, "utf8"));
  writeFileSync(path, yaml);
  const to = join(tmp, `${name}-out`);
  const r = await build(dir, to);
  return { ...r, yaml, written: existsSync(to) };
}

/** 1-based line and column of the first `needle` in `text`. */
function at(text: string, needle: string): string {
  const i = text.indexOf(needle);
  const before = text.slice(0, i).split("\n");
  return `${before.length}:${(before.at(-1) as string).length + 1}`;
}

describe("what stops the build, at its place", () => {
  it("a growth of totals over different regions without a coverage: choice", async () => {
    const r = await broken("no-coverage", (y) => y.replace("    coverage: like-for-like\n", ""));
    expect(r.code).toBe(1);
    expect(r.written).toBe(false);
    // At the definition's function: key, as every indicator issue.
    const where = `no-coverage/template.yaml:${at(r.yaml, "function: growth")}`;
    expect(r.err).toContain(
      `${where}: error: indicator far-east-growth compares totals that do not cover the same parts`,
    );
    const csv = readFileSync(join(root, data, "far-east-trade.csv"), "utf8");
    // Every "—" of the two regions in 2002: Yakutia's and Magadanskaya Oblast's exports and imports.
    const dashes = csv
      .split("\n")
      .flatMap((line, i) =>
        /,2002,/.test(line)
          ? [...line.matchAll(/—/g)].map(
              (m) => `far-east-trade.csv:${i + 1}:${(m.index ?? 0) + 1} "—"`,
            )
          : [],
      );
    expect(dashes).toHaveLength(4);
    for (const d of dashes) expect(r.err).toContain(`data/russia-japan/2005/${d}`);
    expect(r.err).toContain("2002: no figures for Yakutia, Magadanskaya Oblast");
    expect(r.err).toContain("coverage: like-for-like");
  });

  it("an annualise without a method", async () => {
    const r = await broken("no-method", (y) => y.replace("    method: double-half-year\n", ""));
    expect(r.code).toBe(1);
    expect(r.written).toBe(false);
    expect(r.err).toMatch(/template\.yaml:\d+:\d+: error: .*method/);
    expect(r.err).toContain("half-year-annualised");
  });

  it("a note whose Liquid names an unknown fact", async () => {
    const r = await broken("bad-note", (y) =>
      y.replace("fact.far-east-trade-with-japan-2003", "fact.no-such-fact"),
    );
    expect(r.code).toBe(1);
    expect(r.written).toBe(false);
    expect(r.err).toContain(
      `bad-note/template.yaml:${at(r.yaml, 'note: "The essay prints')}: error: note:`,
    );
    expect(r.err).toContain("no-such-fact");
  });

  it("a note that is not inline text", async () => {
    const r = await broken("block-note", (y) =>
      y.replace('note: "The essay prints', 'note: "- a list item\\n- The essay prints'),
    );
    expect(r.code).toBe(1);
    expect(r.written).toBe(false);
    expect(r.err).toContain(
      `block-note/template.yaml:${at(r.yaml, 'note: "- a list item')}: error: note: a figure's note is a footnote`,
    );
  });
});
