/**
 * Conformance: every fixture's PDF handed to real readers (qpdf, poppler's
 * pdfinfo / pdffonts / pdftotext / pdftoppm), never mocks. Outputs go to a
 * temporary folder. Needs the Debian packages qpdf and poppler-utils.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Block, Document, Inline } from "@briefkit/document";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writePdf } from "../src/index.js";
import {
  context,
  FIXTURES,
  type FixtureName,
  fixture,
  inkedRows,
  options,
  readPng,
  run,
} from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "briefkit-pdf-"));
const pdf = (name: FixtureName) => join(dir, `${name}.pdf`);

beforeAll(async () => {
  for (const name of FIXTURES) {
    writeFileSync(pdf(name), await writePdf(fixture(name), options, context()));
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const squash = (s: string) => s.replace(/\s+/g, " ").trim();

function plain(xs: readonly Inline[]): string {
  return xs
    .map((x) =>
      x.type === "text"
        ? x.value
        : x.type === "number"
          ? x.text
          : "children" in x
            ? plain(x.children)
            : x.type === "lineBreak"
              ? " "
              : "",
    )
    .join("");
}

function numbersOf(xs: readonly Inline[]): string[] {
  return xs.flatMap((x) =>
    x.type === "number" ? [x.text] : "children" in x ? numbersOf(x.children) : [],
  );
}

/** Texts the PDF must hold: headings (with their numbers), numbers, captions' labels, footnotes. */
function expectedTexts(doc: Document): string[] {
  const out: string[] = [];
  const inBlock = (b: Block) => {
    switch (b.type) {
      case "heading":
        out.push(`${b.number === undefined ? "" : `${b.number} `}${plain(b.children)}`);
        out.push(...numbersOf(b.children));
        break;
      case "paragraph":
        out.push(...numbersOf(b.children));
        break;
      case "table":
        out.push(`Table ${b.number}.`);
        for (const r of [...b.head, ...b.body])
          for (const c of r.cells) out.push(...numbersOf(c.children));
        break;
      case "figure":
        out.push(`Figure ${b.number}.`);
        break;
      case "keyFigures":
        for (const item of b.items) out.push(item.value.text);
        break;
      case "list":
        for (const item of b.items) for (const x of item) inBlock(x);
        break;
      default:
        break;
    }
  };
  doc.blocks.forEach(inBlock);
  for (const f of doc.footnotes) for (const p of f.children) out.push(plain(p.children));
  // Japanese and forbidden characters are replaced by U+FFFD (and reported); look for what the fonts show.
  return out.map((s) =>
    s.replace(
      /[^\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{N}\p{P}\p{Zs}\p{S}]/gu,
      "\uFFFD",
    ),
  );
}

function pageCount(name: FixtureName): number {
  const m = /^Pages:\s+(\d+)$/m.exec(run("pdfinfo", [pdf(name)]).stdout);
  return Number(m?.[1] ?? 0);
}

describe.each(FIXTURES)("%s.pdf in real readers", (name) => {
  it("passes qpdf --check", () => {
    const r = run("qpdf", ["--check", pdf(name)]);
    expect(r.stdout).toContain("No syntax or stream encoding errors");
    expect(r.status).toBe(0);
  });

  it("embeds every font (pdffonts: emb yes), the theme's only (and the U+FFFD face where the text has one), no standard-14 font", () => {
    const lines = run("pdffonts", [pdf(name)])
      .stdout.trim()
      .split("\n")
      .slice(2);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    // Only the unicode fixture has characters that become U+FFFD, and Japanese (set in Noto Serif JP).
    const faces =
      name === "unicode"
        ? /\+(SourceSerif4|SourceSans3|NotoSerifJP|Roboto)-/
        : /\+(SourceSerif4|SourceSans3)-/;
    for (const line of lines) {
      const cols = line.trim().split(/\s+/);
      // name type... emb sub uni object ID: emb is the 5th column from the end.
      expect(cols.at(-5), line).toBe("yes");
      expect(line).toMatch(faces);
      expect(line).not.toMatch(/Helvetica|Times|Courier|Symbol|ZapfDingbats/);
    }
  });

  it("carries title, author, subject, keywords, creator and dates (pdfinfo)", () => {
    const info = run("pdfinfo", [pdf(name)]).stdout;
    const meta = fixture(name).meta;
    expect(info).toMatch(new RegExp(`^Title:\\s+${meta.title}$`, "m"));
    expect(info).toMatch(/^Author:\s+Research Division, Fixture Institute$/m);
    expect(info).toMatch(new RegExp(`^Subject:\\s+${meta.subject}$`, "m"));
    expect(info).toMatch(/^Keywords:\s+Russia, Japan, trade, energy$/m);
    expect(info).toMatch(/^Creator:\s+briefkit$/m);
    expect(info).toMatch(/^CreationDate:\s+Thu Sep {2}8 00:00:00 2005 UTC$/m);
    expect(pageCount(name)).toBeGreaterThanOrEqual(1);
  });

  it("declares its language and carries a bookmark per heading", () => {
    const raw = readFileSync(pdf(name)).toString("latin1");
    expect(raw).toMatch(/\/Lang \(en-GB\)/);
    expect(raw).toMatch(/\/Outlines \d+ 0 R/);
    const headings = fixture(name).blocks.filter((b) => b.type === "heading").length;
    expect(raw.match(/\/Title \(/g)?.length ?? 0).toBeGreaterThanOrEqual(headings);
  });

  it("holds every heading, number, caption label and footnote text (pdftotext)", () => {
    const text = squash(run("pdftotext", ["-enc", "UTF-8", pdf(name), "-"]).stdout);
    for (const expected of expectedTexts(fixture(name))) expect(text).toContain(squash(expected));
  });

  it('numbers every page "Page X of Y" in the running footer', () => {
    const pages = pageCount(name);
    for (let p = 1; p <= pages; p += 1) {
      const text = run("pdftotext", ["-f", String(p), "-l", String(p), pdf(name), "-"]).stdout;
      expect(squash(text)).toContain(`Page ${p} of ${pages}`);
    }
  });

  it("has ink in the text area of every page (pdftoppm -png -r 40)", () => {
    const prefix = join(dir, `${name}-ink`);
    run("pdftoppm", ["-png", "-r", "40", pdf(name), prefix]);
    const pngs = readdirSync(dir).filter((f) => f.startsWith(`${name}-ink`) && f.endsWith(".png"));
    expect(pngs).toHaveLength(pageCount(name));
    for (const file of pngs) {
      const png = readPng(readFileSync(join(dir, file)));
      // Between the top and bottom margins (22 mm, 24 mm of 297 mm): body text, not just the footer.
      expect(inkedRows(png, 0.09, 0.9), file).toBeGreaterThan(5);
    }
  });
});

describe("characters the PDF cannot show, seen through the readers", () => {
  it("reads back as U+FFFD, as in the DOCX and the HTML, drawn in the Roboto face", () => {
    const text = squash(run("pdftotext", ["-enc", "UTF-8", pdf("unicode"), "-"]).stdout);
    // U+FFFE, U+FFFF and a lone surrogate; Japanese drawn (Noto Serif JP); then three Thai characters no font has.
    expect(text).toContain("Forbidden in XML: [\uFFFD] [\uFFFD] [\uFFFD].");
    expect(text).toContain(`Japanese: 日本とロシア. Thai: ${"\uFFFD".repeat(3)}.`);
    expect(text).not.toContain("?");
    const fonts = run("pdffonts", [pdf("unicode")]).stdout;
    expect(fonts).toMatch(/\+Roboto-Regular\s.*\syes\s+yes\s+yes\s/);
  });
});

describe("layout seen through the readers", () => {
  it("long-table runs to several pages and repeats its caption and column heads on each", () => {
    const pages = pageCount("long-table");
    expect(pages).toBeGreaterThanOrEqual(3);
    for (let p = 1; p <= pages; p += 1) {
      const text = squash(
        run("pdftotext", ["-f", String(p), "-l", String(p), pdf("long-table"), "-"]).stdout,
      );
      expect(text, `page ${p}`).toContain("Table 1. Russia–Japan bilateral trade");
      expect(text, `page ${p}`).toContain("Trade flow");
      expect(text, `page ${p}`).toMatch(/Year.*Exports.*Imports/);
    }
  });

  it("puts the page a heading is on in the table of contents", () => {
    const pages = pageCount("kitchen-sink");
    // The last page holding the line: the TOC on page 1 holds it too.
    const onPage = (s: string) => {
      for (let p = pages; p >= 1; p -= 1) {
        const text = run("pdftotext", [
          "-f",
          String(p),
          "-l",
          String(p),
          pdf("kitchen-sink"),
          "-",
        ]).stdout;
        if (text.split("\n").some((l) => l.trim() === s)) return p;
      }
      return 0;
    };
    const contents = run("pdftotext", [
      "-layout",
      "-f",
      "1",
      "-l",
      "1",
      pdf("kitchen-sink"),
      "-",
    ]).stdout;
    for (const h of ["1 Introduction", "1.1 Economic links", "2 Conclusions"]) {
      const line = contents.split("\n").find((l) => l.trim().startsWith(h));
      expect(line, h).toBeDefined();
      const listed = Number(/(\d+)\s*$/.exec(line ?? "")?.[1]);
      expect(listed, h).toBeGreaterThan(0);
      expect(onPage(h), h).toBe(listed);
    }
  });

  it("draws the chart's text as text in the embedded Source Sans 3 (vector SVG, not an image)", () => {
    const text = run("pdftotext", [pdf("kitchen-sink"), "-"]).stdout;
    expect(text).toContain("US$ billion");
    expect(text).toContain("1998");
    const raw = readFileSync(pdf("kitchen-sink")).toString("latin1");
    expect(raw).not.toMatch(/\/Subtype\s*\/Image/);
  });
});
