/**
 * The writer contract across the three writers the CLI registers: their
 * warnings are one closed set of codes, their words come from the terms
 * table (an overridden term changes every format), they replace the
 * characters no format carries the same way (U+FFFD, read back from each
 * file), and a template's `writers:` options reach them through compose and
 * the CLI. Real writers and real readers (pdftotext, unzip), no mocks.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import {
  buildDocument,
  type Document,
  figure,
  heading,
  houseTheme,
  inlines,
  link,
  noteRef,
  para,
  type Terms,
  validateDocument,
  WRITER_WARNING_CODES,
  type WriterWarning,
} from "@briefkit/document";
import { writeDocx } from "@briefkit/docx";
import { writeHtml } from "@briefkit/html";
import { writePdf } from "@briefkit/pdf";
import { afterAll, describe, expect, it } from "vitest";
import { run } from "../src/index.js";

const root = resolve(import.meta.dirname, "../../..");
const tmp = mkdtempSync(join(tmpdir(), "briefkit-writers-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const theme = houseTheme();
const fixtures = join(root, "packages/document/test/fixtures");
function fixture(name: string): Document {
  const { document } = validateDocument(
    JSON.parse(readFileSync(join(fixtures, `${name}.json`), "utf8")),
  );
  if (!document) throw new Error(`fixture ${name} is invalid`);
  return document;
}

/** Each format's file and warnings for a document, written by the writers themselves. */
async function writeAll(doc: Document, terms?: Partial<Terms>) {
  const out: Record<"pdf" | "docx" | "html", { file: string; warnings: WriterWarning[] }> = {
    pdf: { file: "", warnings: [] },
    docx: { file: "", warnings: [] },
    html: { file: "", warnings: [] },
  };
  const ctx = (w: WriterWarning[]) => ({
    now: new Date("2005-09-08T00:00:00Z"),
    log: (x: WriterWarning) => w.push(x),
  });
  const name = `doc-${Math.random().toString(36).slice(2)}`;
  const options = { theme, ...(terms ? { terms } : {}) };
  out.pdf.file = join(tmp, `${name}.pdf`);
  writeFileSync(out.pdf.file, await writePdf(doc, options, ctx(out.pdf.warnings)));
  out.docx.file = join(tmp, `${name}.docx`);
  writeFileSync(out.docx.file, await writeDocx(doc, options, ctx(out.docx.warnings)));
  out.html.file = join(tmp, `${name}.html`);
  writeFileSync(out.html.file, writeHtml(doc, options, ctx(out.html.warnings)));
  return out;
}

const pdfText = (file: string) =>
  execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
const docxPart = (file: string, part: string) =>
  execFileSync("unzip", ["-p", file, part], { encoding: "utf8", maxBuffer: 64 << 20 });
const docxParts = (file: string) =>
  execFileSync("unzip", ["-Z1", file], { encoding: "utf8" }).trim().split("\n");

/** A document made to provoke warnings: a bad link, a broken chart, a missing note, a node of a newer model. */
function hostile(): Document {
  const doc = buildDocument(
    { title: "Hostile", edition: "1", date: "2005-09-08", language: "en-GB", keywords: [] },
    [
      heading(1, "Problems"),
      para("Thai: ไท. Forbidden: \u0007."),
      figure({
        caption: inlines("A chart that is not SVG"),
        alt: "Nothing to see",
        svg: "<p>not svg</p>",
        width: 10,
        height: 10,
        chart: {
          kind: "share",
          title: "Shares",
          categories: ["A", "B"],
          series: [{ name: "s", values: [120, -20] }],
        },
        notes: [],
        source: [],
      }),
    ],
  );
  // What buildDocument refuses, as an unvalidated document may hold it.
  const raw = structuredClone(doc) as { blocks: unknown[] };
  raw.blocks.push({ type: "paragraph", children: [link("javascript:alert(1)", "x"), noteRef(9)] });
  raw.blocks.push({ type: "video", src: "https://example.org/v.mp4" });
  return raw as Document;
}

describe("the writer contract", () => {
  it("every code a writer gives is one of the contract's closed set", async () => {
    const codes = { pdf: new Set<string>(), docx: new Set<string>(), html: new Set<string>() };
    for (const doc of [
      ...["kitchen-sink", "long-table", "unicode", "tracked-changes"].map(fixture),
      hostile(),
    ]) {
      const written = await writeAll(doc);
      for (const format of ["pdf", "docx", "html"] as const) {
        for (const w of written[format].warnings) codes[format].add(w.code);
      }
    }
    for (const format of ["pdf", "docx", "html"] as const) {
      expect(
        [...codes[format]].filter((c) => !(WRITER_WARNING_CODES as readonly string[]).includes(c)),
        format,
      ).toEqual([]);
      // The same conditions, the same names in every format.
      for (const shared of ["not-rendered", "char-replaced", "glyph-missing", "unsafe-link"]) {
        expect(codes[format].has(shared), `${format} ${shared}`).toBe(true);
      }
    }
    expect(codes.pdf.has("svg-invalid") && codes.html.has("svg-invalid")).toBe(true);
    expect(codes.docx.has("chart-not-native")).toBe(true);
    expect(codes.html.has("footnote-missing")).toBe(true);
  }, 60_000);

  it("an overridden term changes every format's output", async () => {
    const doc = fixture("kitchen-sink");
    const plain = await writeAll(doc);
    const german = await writeAll(doc, {
      table: "Tabelle",
      figure: "Abbildung",
      pageOf: (page, pages) => `Seite ${page} von ${pages}`,
    });
    expect(pdfText(plain.pdf.file)).toContain("Table 1.");
    const pdf = pdfText(german.pdf.file);
    expect(pdf).toContain("Tabelle 1.");
    expect(pdf).toContain("Abbildung 1.");
    expect(pdf).toMatch(/Seite 1 von \d/);
    expect(pdf).not.toContain("Table 1.");

    const xml = docxPart(german.docx.file, "word/document.xml");
    expect(docxPart(plain.docx.file, "word/document.xml")).toContain(">Table </w:t>");
    expect(xml).toContain(">Tabelle </w:t>");
    expect(xml).toContain(">Abbildung </w:t>");
    expect(xml).not.toContain(">Table </w:t>");
    const footers = docxParts(german.docx.file)
      .filter((p) => /^word\/footer\d*\.xml$/.test(p))
      .map((p) => docxPart(german.docx.file, p))
      .join("");
    expect(footers).toContain(">Seite </w:t>");
    expect(footers).toContain("> von </w:t>");

    const html = readFileSync(german.html.file, "utf8");
    expect(readFileSync(plain.html.file, "utf8")).toContain('<span class="label">Table 1.</span>');
    expect(html).toContain('<span class="label">Tabelle 1.</span>');
    expect(html).toContain('<span class="label">Abbildung 1.</span>');
    expect(html).toContain('content:"Seite " counter(page) " von " counter(pages)');
  }, 60_000);

  it("replaces the characters no format carries by U+FFFD in all three, read back from the files", async () => {
    const doc = buildDocument(
      { title: "Characters", edition: "1", date: "2005-09-08", language: "en-GB", keywords: [] },
      [heading(1, "Characters"), para("a\u0007b\uFFFEc\uD800d\u0085e\uFDD0f")],
    );
    const written = await writeAll(doc);
    const expected = "a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf";
    expect(pdfText(written.pdf.file)).toContain(expected);
    expect(docxPart(written.docx.file, "word/document.xml")).toContain(expected);
    expect(readFileSync(written.html.file, "utf8")).toContain(expected);
    for (const format of ["pdf", "docx", "html"] as const) {
      expect(
        written[format].warnings.map((w) => [w.code, w.path]),
        format,
      ).toEqual([["char-replaced", "blocks[1].children[0]"]]);
    }
  }, 60_000);
});

describe("writers: in template.yaml", () => {
  /** Builds from a template that extends the example with `lines` of its own; the files go to `out`. */
  async function buildWith(id: string, lines: string[], ...args: string[]) {
    const dir = join(tmp, id);
    mkdirSync(dir, { recursive: true });
    const base = relative(dir, join(root, "templates/russia-japan"));
    writeFileSync(
      join(dir, "template.yaml"),
      [`id: ${id}`, `extends: ${base}`, ...lines, ""].join("\n"),
    );
    const out = join(tmp, `${id}-out`);
    let err = "";
    const code = await run(
      [
        "build",
        "--template",
        dir,
        "--data",
        join(root, "data/russia-japan/2005"),
        "--out",
        out,
        ...args,
      ],
      {
        cwd: root,
        out: () => {},
        err: (s) => {
          err += s;
        },
      },
    );
    return { code, err, out };
  }

  it("hands each format its options, the audience's over the template's", async () => {
    const r = await buildWith(
      "pictures",
      [
        "writers:",
        "  html: { fonts: none }",
        "  docx: { nativeCharts: true }",
        "audiences:",
        "  business:",
        "    writers:",
        "      docx: { nativeCharts: false }",
      ],
      "--audience",
      "all",
    );
    const { out } = r;
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(out)).toContain("pictures-2005-business.docx");
    const charts = (audience: string) =>
      docxParts(join(out, `pictures-2005-${audience}.docx`)).filter((p) =>
        p.startsWith("word/charts/"),
      );
    // The audience's nativeCharts: false gives pictures; the others keep the template's native charts.
    expect(charts("business")).toEqual([]);
    const business = docxPart(join(out, "pictures-2005-business.docx"), "word/document.xml");
    expect(business).toContain("<pic:pic");
    expect(business).not.toContain("<c:chart ");
    expect(charts("full").length).toBeGreaterThan(0);
    // The template's html option reaches every audience: no embedded font.
    for (const audience of ["full", "executive", "business"]) {
      const html = readFileSync(join(out, `pictures-2005-${audience}.html`), "utf8");
      expect(html, audience).not.toContain("@font-face");
    }
  }, 120_000);

  it("hands the PDF its notes setting: endnotes give a Notes section, no notes at the page feet", async () => {
    const r = await buildWith(
      "endnoted",
      ["writers:", "  pdf: { notes: endnotes }"],
      "--audience",
      "business",
      "--format",
      "pdf",
    );
    expect(r.code, r.err).toBe(0);
    const text = execFileSync(
      "pdftotext",
      ["-layout", join(r.out, "endnoted-2005-business.pdf"), "-"],
      { encoding: "utf8" },
    );
    const lines = text.split("\n");
    const notes = lines.findIndex((l) => l.trim() === "Notes");
    const first = lines.findIndex((l) => /^\s*1\.\s+\S/.test(l));
    expect(notes).toBeGreaterThan(0);
    // Every note comes after the heading, none at the foot of an earlier page.
    expect(first).toBeGreaterThan(notes);
  }, 60_000);

  it("refuses an option no writer has, at its line", async () => {
    const r = await buildWith("typo", ["writers:", "  docx: { nativeChart: false }"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/template\.yaml:4:\d+/);
    expect(r.err).toContain("nativeChart");
  }, 60_000);
});
