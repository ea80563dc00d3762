/**
 * Conformance: every fixture's DOCX (and a document with every chart kind)
 * handed to real readers, never mocks — python-docx (strict: it refuses XML
 * it cannot parse), LibreOffice (converted to PDF and to ODT), and poppler
 * (pdftotext, pdftoppm, pdffonts) on the conversion. Each is also written
 * with its fonts embedded whole (`fonts: full`), to check that LibreOffice
 * sets the default subsets exactly as it sets the whole faces. Needs the
 * Debian packages python3-docx (for /usr/bin/python3), libreoffice-writer,
 * poppler-utils and fontconfig.
 *
 * LibreOffice is slow, so everything is converted once, in beforeAll.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Block, Document, Inline, Row } from "@briefkit/document";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeDocx } from "../src/index.js";
import { CHARTS, chartsDocument, context, FIXTURES, fixture, options, run } from "./helpers.js";

const NAMES = [...FIXTURES, "charts"] as const;
type Name = (typeof NAMES)[number];
const load = (name: Name): Document => (name === "charts" ? chartsDocument() : fixture(name));

const dir = mkdtempSync(join(tmpdir(), "briefkit-docx-"));
const docx = (name: Name) => join(dir, `${name}.docx`);
const pdf = (name: Name) => join(dir, "pdf", `${name}.pdf`);
/** The same document with its fonts embedded whole. */
const fullDocx = (name: Name) => join(dir, `${name}${FULL}.docx`);
const fullPdf = (name: Name) => join(dir, "pdf", `${name}${FULL}.pdf`);
const FULL = ".full-fonts";

interface Inspected {
  paragraphs: Array<{ style: string; text: string }>;
  tables: string[][][];
  footnotes: Array<{ id: string; text: string }> | null;
  core: Record<string, string | null>;
  inline_shapes: number;
}
let inspected: Record<string, Inspected>;
const pdfText: Partial<Record<Name, string>> = {};
const pageInk: Partial<Record<Name, number[]>> = {};
const pageImages: Partial<Record<Name, { subset: Buffer[]; full: Buffer[] }>> = {};
const fullPdfText: Partial<Record<Name, string>> = {};
let odtCharts = 0;

beforeAll(async () => {
  for (const name of NAMES) {
    writeFileSync(docx(name), await writeDocx(load(name), options, context()));
    writeFileSync(
      fullDocx(name),
      await writeDocx(load(name), { ...options, fonts: "full" }, context()),
    );
  }
  inspected = JSON.parse(
    run("/usr/bin/python3", [
      join(import.meta.dirname, "readers", "inspect_docx.py"),
      ...NAMES.map(docx),
    ]),
  );
  const profile = `-env:UserInstallation=file://${join(dir, "lo-profile")}`;
  run(
    "soffice",
    [
      profile,
      "--headless",
      "--convert-to",
      "pdf",
      "--outdir",
      join(dir, "pdf"),
      ...NAMES.map(docx),
      ...NAMES.map(fullDocx),
    ],
    360_000,
  );
  run(
    "soffice",
    [profile, "--headless", "--convert-to", "odt", "--outdir", join(dir, "odt"), docx("charts")],
    240_000,
  );
  mkdirSync(join(dir, "pages"));
  /** The PDF's pages as binary PGM images, in order. */
  const pages = (file: string, prefix: string) => {
    const folder = join(dir, "pages", prefix);
    mkdirSync(folder);
    run("pdftoppm", ["-r", "40", "-gray", file, join(folder, "page")]);
    return readdirSync(folder)
      .filter((f) => f.endsWith(".pgm"))
      .sort()
      .map((f) => readFileSync(join(folder, f)));
  };
  for (const name of NAMES) {
    if (!existsSync(pdf(name))) continue;
    pdfText[name] = run("pdftotext", ["-layout", pdf(name), "-"]);
    const subset = pages(pdf(name), name);
    pageInk[name] = subset.map(ink);
    if (!existsSync(fullPdf(name))) continue;
    fullPdfText[name] = run("pdftotext", ["-layout", fullPdf(name), "-"]);
    pageImages[name] = { subset, full: pages(fullPdf(name), `${name}${FULL}`) };
  }
  const odt = join(dir, "odt", "charts.odt");
  if (existsSync(odt)) {
    const parts = unzipSync(readFileSync(odt));
    odtCharts = Object.entries(parts).filter(
      ([path, data]) =>
        /^Object \d+\/content\.xml$/.test(path) && strFromU8(data).includes("<chart:chart"),
    ).length;
  }
}, 480_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Share of dark pixels in a binary PGM (P5) page image. */
function ink(pgm: Buffer): number {
  const header = pgm.toString("latin1", 0, 64).match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/);
  if (!header) throw new Error("not a binary PGM");
  const pixels = pgm.subarray(header[0].length);
  let dark = 0;
  for (const p of pixels) if (p < 200) dark += 1;
  return dark / pixels.length;
}

const squash = (s: string) => s.replace(/[\s\u00A0]+/g, " ").trim();

function plain(xs: readonly Inline[]): string {
  return xs
    .map((x) => {
      switch (x.type) {
        case "text":
          return x.value;
        case "number":
          return x.text;
        case "lineBreak":
          return "\n";
        case "footnoteRef":
          return "";
        case "insertion":
        case "deletion":
          // python-docx reads a paragraph's own runs only, not those inside w:ins or w:del.
          return "";
        default:
          return plain(x.children);
      }
    })
    .join("")
    .replace(/[\uFFFE\uFFFF]|[\uD800-\uDFFF]/g, (c, at: number, s: string) =>
      // Lone surrogates and U+FFFE/U+FFFF come back as U+FFFD; paired surrogates stay.
      /[\uD800-\uDBFF]/.test(c) && /[\uDC00-\uDFFF]/.test(s[at + 1] ?? "") ? c : "\uFFFD",
    );
}

/** A row's cell texts as python-docx reads them: a spanning cell repeated once per column. */
const rowTexts = (row: Row) =>
  row.cells.flatMap((c) => Array(c.colSpan ?? 1).fill(plain(c.children)));
const headings = (doc: Document) =>
  doc.blocks.filter((b): b is Extract<Block, { type: "heading" }> => b.type === "heading");
const tables = (doc: Document) =>
  doc.blocks.filter((b): b is Extract<Block, { type: "table" }> => b.type === "table");

describe.each(NAMES)("%s", (name) => {
  const doc = load(name);
  const found = () => {
    const r = inspected[docx(name)];
    if (!r) throw new Error(`python-docx did not read ${name}.docx`);
    return r;
  };

  it("opens in python-docx with the headings in Heading 1–3 styles", () => {
    const got = found().paragraphs.filter((p) => p.style.startsWith("Heading"));
    expect(got).toEqual(
      headings(doc).map((h) => ({
        style: `Heading ${h.level}`,
        text: (h.number === undefined ? "" : `${h.number}\u00A0\u00A0`) + plain(h.children),
      })),
    );
  });

  it("has the title, captions and source lines in their styles", () => {
    const ps = found().paragraphs;
    expect(ps[0]).toEqual({ style: "Title", text: doc.meta.title });
    const captions = ps.filter((p) => p.style === "Caption").map((p) => p.text);
    const expected = doc.blocks.flatMap((b) =>
      b.type === "table"
        ? [`Table ${b.number}. ${plain(b.caption)}`]
        : b.type === "figure"
          ? [`Figure ${b.number}. ${plain(b.caption)}`]
          : [],
    );
    expect(captions).toEqual(expected);
  });

  it("has every table with the model's cell texts", () => {
    for (const t of tables(doc)) {
      const expected = [...t.head, ...t.body].map(rowTexts);
      const match = found().tables.find(
        (rows) => JSON.stringify(rows[0]) === JSON.stringify(expected[0]),
      );
      expect(match, `table ${t.number}`).toEqual(expected);
    }
  });

  it("has the footnotes part with the notes' texts", () => {
    expect(found().footnotes?.map((f) => [f.id, f.text.trim()])).toEqual(
      doc.footnotes.map((f) => [
        String(f.number),
        f.children.map((p) => plain(p.children)).join(""),
      ]),
    );
  });

  it("has the core properties", () => {
    expect(found().core).toMatchObject({
      title: plain([{ type: "text", value: doc.meta.title }]),
      subject: doc.meta.subject ?? "",
      author: doc.meta.author ?? doc.meta.organisation ?? "",
      keywords: doc.meta.keywords.join("; "),
      language: doc.meta.language,
      created: "2005-09-08T00:00:00",
    });
  });

  it("converts to PDF in LibreOffice, every page with ink", () => {
    expect(existsSync(pdf(name)), "LibreOffice wrote no PDF (it exits 0 when it fails)").toBe(true);
    expect(statSync(pdf(name)).size).toBeGreaterThan(1000);
    const pages = pageInk[name] ?? [];
    expect(pages.length).toBeGreaterThan(0);
    for (const [i, share] of pages.entries()) expect(share, `page ${i + 1}`).toBeGreaterThan(0.002);
  });

  it("shows the headings, the numbers and 'Page X of Y' in LibreOffice's rendering", () => {
    const text = squash(pdfText[name] ?? "");
    for (const h of headings(doc)) expect(text).toContain(squash(plain(h.children)));
    for (const t of tables(doc))
      for (const row of t.body)
        for (const c of row.cells) expect(text).toContain(squash(plain(c.children)));
    expect(text).toMatch(/Page 1 of \d+/);
  });

  // A heading with tracked changes is left out: LibreOffice shows its deleted
  // words on the heading's line, and the contents' entry has only the new text.
  const changed = (xs: readonly Inline[]): boolean =>
    xs.some(
      (x) =>
        x.type === "insertion" || x.type === "deletion" || ("children" in x && changed(x.children)),
    );
  it.runIf(
    doc.blocks.some((b) => b.type === "toc") && !headings(doc).some((h) => changed(h.children)),
  )("writes the contents' page numbers LibreOffice lays the headings out on", () => {
    const xml = strFromU8(
      unzipSync(readFileSync(docx(name)))["word/document.xml"] ?? new Uint8Array(),
    );
    const sdt = /<w:sdtContent>(.*?)<\/w:sdtContent>/s.exec(xml)?.[1] ?? "";
    const entries = [...sdt.matchAll(/<w:p\b[^>]*>.*?<\/w:p>/gs)]
      .map((p) => [...p[0].matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(""))
      .map((text) => /^(.*\D)(\d+)$/.exec(text))
      .filter((m) => m !== null)
      .map((m) => ({ title: squash(m[1] ?? ""), page: Number(m[2]) }));
    expect(entries.length).toBeGreaterThan(0);
    // pdftotext ends each page with a form feed. A heading is a line of its
    // own; the contents' line for it ends in dot leaders and a number.
    const pages = (pdfText[name] ?? "").split("\f").map((page) => page.split("\n").map(squash));
    for (const { title, page } of entries) {
      const shownOn = pages.findIndex((lines) => lines.includes(title)) + 1;
      expect(shownOn, title).toBe(page);
    }
  });
});

describe("native charts in LibreOffice", () => {
  it("renders each chart with its title and category labels", () => {
    const text = squash(pdfText.charts ?? "");
    for (const c of CHARTS) {
      expect(text).toContain(c.title);
      for (const category of c.categories) expect(text).toContain(category);
    }
    expect(squash(pdfText["kitchen-sink"] ?? "")).toContain("Total trade, US$ billion");
  });

  it("imports them as charts, not pictures: the ODT has an editable chart object for each", () => {
    expect(odtCharts).toBe(CHARTS.length);
  });

  it("keeps the chart data in python-docx's view as chart drawings", () => {
    expect(inspected[docx("charts")]?.inline_shapes).toBe(CHARTS.length + 1);
  });
});

describe("tracked changes in LibreOffice", () => {
  it("shows both sides of each change: the deleted and the inserted text", () => {
    const text = squash(pdfText["tracked-changes"] ?? "");
    expect(text).toContain("Trade grewkeeps growing");
    expect(text).toContain("Trade reached US$8.8 billion in 2004 and rose.Trade reached US$10.7");
    expect(text).toContain("A sentence this edition drops");
    expect(text).toContain("Metals 37%35%");
  });

  it("opens in python-docx, which reads the unchanged text around the changes", () => {
    const ps = inspected[docx("tracked-changes")]?.paragraphs.map((p) => p.text) ?? [];
    expect(ps).toContain("Relations are broad.  The pipeline is planned.");
  });
});

/** The fonts of a PDF as pdffonts lists them: name without the subset tag, and whether embedded. */
function pdfFonts(file: string): Array<{ name: string; embedded: boolean }> {
  return run("pdffonts", [file])
    .split("\n")
    .slice(2)
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const columns = line.trim().split(/\s+/);
      // name, type (one or two words), encoding, then emb sub uni and the object id.
      return {
        name: (columns[0] ?? "").replace(/^[A-Z]{6}\+/, ""),
        embedded: columns.at(-5) === "yes",
      };
    });
}

describe("embedded font subsets in LibreOffice", () => {
  const houseFaces = /^(SourceSerif4|SourceSans3)-/;

  it("has no house font installed here: LibreOffice can only take them from the files", () => {
    for (const family of ["Source Serif 4", "Source Sans 3"])
      expect(run("fc-list", [`:family=${family}`]).trim(), family).toBe("");
  });

  it.each(NAMES)(
    "%s: sets the text in the embedded house faces, the ones it uses with the whole fonts",
    (name) => {
      const subset = pdfFonts(pdf(name));
      const full = pdfFonts(fullPdf(name));
      expect(subset.filter((f) => houseFaces.test(f.name)).length).toBeGreaterThan(0);
      for (const f of subset) expect(f.embedded, f.name).toBe(true);
      // No face falls back to a substitute: the same fonts, in the same order.
      expect(subset.map((f) => f.name)).toEqual(full.map((f) => f.name));
    },
  );

  it.each(NAMES)("%s: lays out and draws the same pages as with the whole fonts", (name) => {
    expect(pdfText[name]).toBe(fullPdfText[name]);
    const images = pageImages[name];
    expect(images?.subset.length).toBeGreaterThan(0);
    expect(images?.subset.length).toBe(images?.full.length);
    images?.subset.forEach((page, i) => {
      expect(page.equals(images.full[i] ?? Buffer.alloc(0)), `page ${i + 1}`).toBe(true);
    });
  });
});
