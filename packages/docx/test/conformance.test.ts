/**
 * Conformance: every fixture's DOCX (and a document with every chart kind)
 * handed to real readers, never mocks — python-docx (strict: it refuses XML
 * it cannot parse), LibreOffice (converted to PDF and to ODT), and poppler
 * (pdftotext, pdftoppm) on the conversion. Needs the Debian packages
 * python3-docx (for /usr/bin/python3), libreoffice-writer and poppler-utils.
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
let odtCharts = 0;

beforeAll(async () => {
  for (const name of NAMES)
    writeFileSync(docx(name), await writeDocx(load(name), options, context()));
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
    ],
    240_000,
  );
  run(
    "soffice",
    [profile, "--headless", "--convert-to", "odt", "--outdir", join(dir, "odt"), docx("charts")],
    240_000,
  );
  mkdirSync(join(dir, "pages"));
  for (const name of NAMES) {
    if (!existsSync(pdf(name))) continue;
    pdfText[name] = run("pdftotext", ["-layout", pdf(name), "-"]);
    const prefix = join(dir, "pages", name);
    run("pdftoppm", ["-r", "40", "-gray", pdf(name), prefix]);
    pageInk[name] = readdirSync(join(dir, "pages"))
      .filter((f) => f.startsWith(`${name}-`) && f.endsWith(".pgm"))
      .sort()
      .map((f) => ink(readFileSync(join(dir, "pages", f))));
  }
  const odt = join(dir, "odt", "charts.odt");
  if (existsSync(odt)) {
    const parts = unzipSync(readFileSync(odt));
    odtCharts = Object.entries(parts).filter(
      ([path, data]) =>
        /^Object \d+\/content\.xml$/.test(path) && strFromU8(data).includes("<chart:chart"),
    ).length;
  }
}, 240_000);
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
