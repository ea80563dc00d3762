/**
 * Footnotes at the foot of the page, read back from the PDF: the words and
 * their boxes per page (`pdftotext -bbox-layout`), the rules drawn on each
 * page (its content stream, through qpdf) and the named destinations
 * (`pdfinfo -dests`). The documents are built so that every word says what
 * it is: body words, note words ("glossa", "FN3a" opening note 3, "FN3z"
 * closing it) and reference markers ("(k3)" before the reference to note 3).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  buildDocument,
  callout,
  cell,
  type Document,
  type DraftBlock,
  footnote,
  heading,
  type Inline,
  inlines,
  list,
  type Meta,
  noteRef,
  pageBreak,
  para,
  row,
  table,
  toc,
} from "@briefkit/document";
import { afterAll, describe, expect, it } from "vitest";
import { toDocDefinition, writePdf } from "../src/index.js";
import { context, options, run } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "briefkit-footnotes-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const meta: Meta = {
  title: "Notes at the foot",
  organisation: "Institute",
  edition: "2005",
  date: "2005-09-08",
  language: "en-GB",
  keywords: [],
};

const BODY = "The body text runs on here and fills the measure with plain words of the argument. ";
const NOTE_WORDS = ["glossa", "notula", "scholium", "marginalia", "apparatus"];

/** Note `n`: "FNna", `words` note words, "FNnz". */
const note = (n: number, words: number) =>
  footnote(n, [
    para(
      `FN${n}a ${Array.from({ length: words }, (_, i) => NOTE_WORDS[i % NOTE_WORDS.length]).join(" ")} FN${n}z`,
    ),
  ]);

/** Body text ending with the marker of reference `n` and the reference. */
const cite = (n: number, text = BODY): Inline[] => [...inlines(`${text}(k${n})`), noteRef(n)];

interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}
interface TextLine extends Word {
  words: Word[];
}
interface Segment {
  x1: number;
  x2: number;
  y: number;
}
interface PageView {
  lines: TextLine[];
  /** Horizontal lines drawn on the page, top-down coordinates as pdftotext's. */
  rules: Segment[];
}

const num = (attrs: string, name: string) =>
  Number(new RegExp(`${name}="([\\d.]+)"`).exec(attrs)?.[1]);
const box = (attrs: string) => ({
  xMin: num(attrs, "xMin"),
  yMin: num(attrs, "yMin"),
  xMax: num(attrs, "xMax"),
  yMax: num(attrs, "yMax"),
});
const entities = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

/** Every page's lines (pdftotext -bbox-layout) and horizontal rules (its content stream). */
function readPdf(file: string): PageView[] {
  const xhtml = run("pdftotext", ["-bbox-layout", "-enc", "UTF-8", file, "-"]).stdout;
  const pages = xhtml.split("<page ").slice(1);
  const contents = run("qpdf", ["--show-pages", file])
    .stdout.split(/^page \d+:/m)
    .slice(1)
    .map((block) => /content:\s+(\d+) 0 R/.exec(block)?.[1] ?? "");
  return pages.map((page, i) => {
    const lines = [...page.matchAll(/<line ([^>]*)>([\s\S]*?)<\/line>/g)].map(([, attrs, body]) => {
      const words = [...(body ?? "").matchAll(/<word ([^>]*)>([^<]*)<\/word>/g)].map(
        ([, a, text]) => ({ ...box(a ?? ""), text: entities(text ?? "") }),
      );
      return { ...box(attrs ?? ""), words, text: words.map((w) => w.text).join(" ") };
    });
    // pdfkit flips the page once (1 0 0 -1 0 h cm), so a line's coordinates are top-down.
    const stream = run("qpdf", [
      file,
      `--show-object=${contents[i]}`,
      "--filtered-stream-data",
    ]).stdout;
    const rules = [...stream.matchAll(/^([\d.]+) ([\d.]+) m\n([\d.]+) ([\d.]+) l$/gm)]
      .map(([, x1, y1, x2, y2]) => ({
        x1: Number(x1),
        y1: Number(y1),
        x2: Number(x2),
        y2: Number(y2),
      }))
      .filter((s) => Math.abs(s.y1 - s.y2) < 0.01 && s.x2 > s.x1)
      .map((s) => ({ x1: s.x1, x2: s.x2, y: s.y1 }));
    return { lines, rules };
  });
}

/** Named destination → page number (pdfinfo -dests). */
function destinations(file: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of run("pdfinfo", ["-dests", file]).stdout.split("\n")) {
    const m = /^\s*(\d+)\s+\[.*\]\s+"([^"]+)"$/.exec(line);
    if (m) out.set(m[2] ?? "", Number(m[1]));
  }
  return out;
}

const isNoteWord = (w: string) =>
  /^FN\d+[az]$/.test(w) || NOTE_WORDS.includes(w.replace(/[.,]$/, ""));
/** A line of a note: note words, or a note's number (pdftotext may read the number column apart). */
const isNoteLine = (l: TextLine) =>
  l.words.some((w) => isNoteWord(w.text)) || /^\d+\.$/.test(l.text);
const markerOf = (w: string) => Number(/^\(k(\d+)\)/.exec(w)?.[1] ?? Number.NaN);

interface Layout {
  file: string;
  pages: PageView[];
  /** Page (1-based) and line of each reference marker, and of each note's first and last words. */
  refs: Map<number, { page: number; line: TextLine }>;
  starts: Map<number, { page: number; line: TextLine }>;
  ends: Map<number, { page: number; line: TextLine }>;
  ruleLength: number;
}

async function lay(name: string, doc: Document, notes?: "footnotes" | "endnotes"): Promise<Layout> {
  const opts = notes === undefined ? options : { ...options, notes };
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, await writePdf(doc, opts, context()));
  const pages = readPdf(file);
  const refs = new Map<number, { page: number; line: TextLine }>();
  const starts = new Map<number, { page: number; line: TextLine }>();
  const ends = new Map<number, { page: number; line: TextLine }>();
  pages.forEach(({ lines }, p) => {
    for (const line of lines) {
      for (const w of line.words) {
        const k = markerOf(w.text);
        // The last: a table of contents repeats a heading's marker before the heading.
        if (!Number.isNaN(k)) refs.set(k, { page: p + 1, line });
        const fn = /^FN(\d+)([az])$/.exec(w.text);
        if (fn) (fn[2] === "a" ? starts : ends).set(Number(fn[1]), { page: p + 1, line });
      }
    }
  });
  const ruleLength = toDocDefinition(doc, opts, context()).footnotes?.rule.length ?? 0;
  return { file, pages, refs, starts, ends, ruleLength };
}

/** The page's short rule over the notes, if it has one. */
const noteRule = (page: PageView, length: number) =>
  page.rules.find((r) => Math.abs(r.x2 - r.x1 - length) < 0.5);

/** The running footer's rule: the lowest rule on the page. */
const footerRule = (page: PageView) => Math.max(...page.rules.map((r) => r.y));

/** What every page of a footnoted PDF must show: notes 1…`count` referenced, `total` in all. */
function expectFootnoted(layout: Layout, count: number, total = count): void {
  const { pages, refs, starts, ends, ruleLength } = layout;
  const dests = destinations(layout.file);
  for (let n = 1; n <= count; n += 1) {
    const ref = refs.get(n);
    const start = starts.get(n);
    expect(ref, `reference ${n}`).toBeDefined();
    // Each note opens on the page of its reference, which links to it.
    expect(start?.page, `note ${n}`).toBe(ref?.page);
    expect(dests.get(`bk-note-${n}`), `destination of note ${n}`).toBe(ref?.page);
    // …numbered: its number stands to the left of its first line.
    const opening = start?.line.words.find((w) => w.text === `FN${n}a`);
    const number = pages[(start?.page ?? 0) - 1]?.lines
      .flatMap((l) => l.words)
      .filter((w) => Math.abs(w.yMax - (opening?.yMax ?? 0)) < 1 && w.xMax < (opening?.xMin ?? 0))
      .sort((a, b) => b.xMax - a.xMax)[0];
    expect(number?.text, `number of note ${n}`).toBe(`${n}.`);
    expect(ends.get(n)?.page ?? 0, `end of note ${n}`).toBeGreaterThanOrEqual(start?.page ?? 0);
  }
  // Numbered continuously: read page by page, top to bottom, the notes run 1, 2, 3…
  const order = pages.flatMap(({ lines }) =>
    lines
      .flatMap((l) => l.words)
      .filter((w) => /^FN\d+a$/.test(w.text))
      .sort((a, b) => a.yMin - b.yMin)
      .map((w) => Number(w.text.slice(2, -1))),
  );
  expect(order).toEqual(Array.from({ length: total }, (_, i) => i + 1));
  pages.forEach((page, i) => {
    const where = `page ${i + 1}`;
    const footer = footerRule(page);
    const notes = page.lines.filter(isNoteLine);
    const body = page.lines.filter((l) => !isNoteLine(l) && l.yMin > 62 && l.yMax < footer);
    const rule = noteRule(page, ruleLength);
    if (notes.length === 0) {
      expect(rule, where).toBeUndefined();
      return;
    }
    // Below the body text, after a short rule at the left margin, above the running footer.
    expect(rule, where).toBeDefined();
    const y = rule?.y ?? 0;
    expect(rule?.x1, where).toBeCloseTo(70.87, 1);
    for (const line of body) expect(line.yMax, `${where}: ${line.text}`).toBeLessThan(y);
    for (const line of notes) {
      expect(line.yMin, `${where}: ${line.text}`).toBeGreaterThan(y);
      expect(line.yMax, `${where}: ${line.text}`).toBeLessThan(footer);
    }
  });
}

/** A paragraph of `sentences` body sentences, references `from`… after every `every`th. */
function citing(
  sentences: number,
  from: number,
  every: number,
): { block: DraftBlock; last: number } {
  const xs: Inline[] = [];
  let n = from;
  for (let s = 1; s <= sentences; s += 1) {
    if (s % every === 0) {
      xs.push(...cite(n));
      xs.push(...inlines(" "));
      n += 1;
    } else {
      xs.push(...inlines(BODY));
    }
  }
  return { block: para(...xs), last: n - 1 };
}

describe("footnotes at the foot of the page", () => {
  it("sets many notes on a page, each at the foot of its reference's page, numbered through, one referenced on a page's last line", async () => {
    // A reference on every line or so: pages with many notes, and pages that
    // end on a line with a reference, whose note must come with it.
    const { block, last } = citing(90, 1, 2);
    const notes = Array.from({ length: last }, (_, i) => note(i + 1, 4 + ((i * 7) % 11)));
    const doc = buildDocument(meta, [heading(1, "Dense"), block], notes);
    const layout = await lay("dense", doc);
    expect(layout.pages.length).toBeGreaterThanOrEqual(3);
    expectFootnoted(layout, last);
    const perPage = layout.pages.map(
      (p) => p.lines.flatMap((l) => l.words).filter((w) => /^FN\d+a$/.test(w.text)).length,
    );
    expect(Math.max(...perPage)).toBeGreaterThanOrEqual(5);
    // Some page's last line of body text holds a reference (so that case is exercised).
    const endsOnRef = layout.pages.some((page) => {
      const body = page.lines.filter(
        (l) => !isNoteLine(l) && l.yMin > 62 && l.yMax < footerRule(page),
      );
      const lowest = body.sort((a, b) => b.yMax - a.yMax)[0];
      return lowest?.words.some((w) => !Number.isNaN(markerOf(w.text))) ?? false;
    });
    expect(endsOnRef).toBe(true);
  });

  it("sets notes referenced from a list item, a table cell, a callout and a heading listed in the contents", async () => {
    const doc = buildDocument(
      meta,
      [
        toc("Contents", 2),
        pageBreak(),
        heading(1, ...cite(1, "Heading ")),
        para(BODY.repeat(3)),
        list(false, [[para(...cite(2))], [para(BODY)]]),
        table({
          caption: inlines("Body table"),
          columns: [{ align: "left" }, { align: "left" }],
          head: [row([cell("Body"), cell("Text")])],
          body: [row([cell(...cite(3, "Cell ")), cell("text")]), row([cell("body"), cell("runs")])],
          notes: [],
          source: [],
        }),
        callout("finding", [para(...cite(4))]),
        para(BODY.repeat(2)),
      ],
      [note(1, 8), note(2, 12), note(3, 6), note(4, 20)],
    );
    const layout = await lay("placed", doc);
    expectFootnoted(layout, 4);
    // The contents on page 1 repeat the heading and its reference; the note is on the heading's page.
    expect(layout.starts.get(1)?.page).toBe(2);
    expect(layout.pages[0]?.lines.some((l) => l.text.includes("(k1)"))).toBe(true);
  });

  it("sets the notes of a long table's rows on the pages the rows fall on, its caption's note once", async () => {
    const rows = Array.from({ length: 70 }, (_, i) =>
      row([
        cell(...(i % 9 === 4 ? cite(2 + Math.floor(i / 9), "Row ") : inlines("Row body"))),
        cell("text"),
      ]),
    );
    const refs = rows.filter((_, i) => i % 9 === 4).length;
    const doc = buildDocument(
      meta,
      [
        para(BODY.repeat(3)),
        table({
          caption: cite(1, "Long body table "),
          columns: [{ align: "left" }, { align: "left" }],
          head: [row([cell("Body"), cell("Text")])],
          body: rows,
          notes: [],
          source: [],
        }),
      ],
      Array.from({ length: refs + 1 }, (_, i) => note(i + 1, 10)),
    );
    const layout = await lay("long-table", doc);
    expect(layout.pages.length).toBeGreaterThanOrEqual(3);
    // The caption (with its reference) repeats on every page; its note is on the first.
    const captions = layout.pages.filter((p) => p.lines.some((l) => l.text.includes("(k1)")));
    expect(captions.length).toBe(layout.pages.length);
    // The marker on the last page is the caption's repeat: look at the first.
    layout.refs.set(1, { page: 1, line: captions[0]?.lines[0] as TextLine });
    expectFootnoted(layout, refs + 1);
  });

  it("continues a note too long for its page at the foot of the next, above that page's own notes", async () => {
    // The same long note after more and more text: where its reference falls
    // low on a page, the note is split between two pages.
    let continued = 0;
    for (const paragraphs of [4, 8, 12, 16]) {
      const doc = buildDocument(
        meta,
        [
          ...Array.from({ length: paragraphs }, () => para(BODY.repeat(3))),
          para(...cite(1)),
          para(BODY.repeat(3)),
          para(...cite(2)),
          ...Array.from({ length: 6 }, () => para(BODY.repeat(4))),
        ],
        [note(1, 260), note(2, 10)],
      );
      const layout = await lay(`long-${paragraphs}`, doc);
      expectFootnoted(layout, 2);
      const start = layout.starts.get(1);
      const end = layout.ends.get(1);
      if (end === undefined || start === undefined || end.page === start.page) continue;
      continued += 1;
      expect(end.page, `${paragraphs} paragraphs`).toBe(start.page + 1);
      // On the next page the continuation comes first, under the rule.
      const next = layout.pages[end.page - 1];
      const notes = (next?.lines ?? []).filter(isNoteLine).sort((a, b) => a.yMin - b.yMin);
      expect(notes[0]?.words.some((w) => /^FN\d+a$/.test(w.text))).toBe(false);
      // The note's words are all there, in order, across the two pages.
      const first = layout.pages[start.page - 1]?.lines ?? [];
      const words = [
        ...first.filter((l) => isNoteLine(l) && l.yMin >= start.line.yMin - 0.5),
        ...(next?.lines ?? []).filter((l) => isNoteLine(l) && l.yMax <= end.line.yMax + 0.5),
      ]
        .flatMap((l) => l.words.map((w) => w.text))
        .filter(isNoteWord);
      expect(words.slice(0, 2)).toEqual(["FN1a", "glossa"]);
      expect(words.at(-1)).toBe("FN1z");
      expect(words.length).toBe(262);
    }
    expect(continued).toBeGreaterThan(0);
  });

  it("sets a note that only another note refers to after it, and one nothing refers to at the foot of the last page", async () => {
    const doc = buildDocument(
      meta,
      [para(...cite(1)), ...Array.from({ length: 14 }, () => para(BODY.repeat(4)))],
      [
        footnote(1, [para("FN1a glossa notula (k2)", noteRef(2), " scholium FN1z")]),
        note(2, 6),
        note(3, 6),
      ],
    );
    const layout = await lay("chained", doc);
    expect(layout.pages.length).toBeGreaterThanOrEqual(2);
    expectFootnoted(layout, 2, 3);
    const last = layout.pages.length;
    expect(layout.starts.get(3)?.page).toBe(last);
    const page = layout.pages[last - 1] as PageView;
    const rule = noteRule(page, layout.ruleLength);
    expect(layout.starts.get(3)?.line.yMin ?? 0).toBeGreaterThan(
      rule?.y ?? Number.POSITIVE_INFINITY,
    );
  });

  it('keeps the Notes section at the end with notes: "endnotes", and no note area', async () => {
    const { block, last } = citing(30, 1, 3);
    const doc = buildDocument(
      meta,
      [heading(1, "Endnoted"), block],
      Array.from({ length: last }, (_, i) => note(i + 1, 6)),
    );
    const layout = await lay("endnotes", doc, "endnotes");
    const notesAt = layout.pages.findIndex((p) => p.lines.some((l) => l.text === "Notes")) + 1;
    expect(notesAt).toBeGreaterThan(0);
    for (let n = 1; n <= last; n += 1) {
      expect(layout.starts.get(n)?.page ?? 0).toBeGreaterThanOrEqual(notesAt);
      expect(layout.starts.get(n)?.page ?? 0).toBeGreaterThanOrEqual(layout.refs.get(n)?.page ?? 0);
    }
    for (const page of layout.pages) expect(noteRule(page, 151)).toBeUndefined();
  });

  it("leaves a document without notes as it was, rendered alone or beside one with notes", async () => {
    const plain = buildDocument(meta, [heading(1, "Plain"), para(BODY.repeat(40))]);
    const alone = await writePdf(plain, options, context());
    const { block, last } = citing(20, 1, 2);
    const noted = buildDocument(
      meta,
      [block],
      Array.from({ length: last }, (_, i) => note(i + 1, 5)),
    );
    const [, beside] = await Promise.all([
      writePdf(noted, options, context()),
      writePdf(plain, options, context()),
    ]);
    expect(Buffer.from(beside).equals(Buffer.from(alone))).toBe(true);
    const asEndnotes = await writePdf(plain, { ...options, notes: "endnotes" }, context());
    expect(Buffer.from(asEndnotes).equals(Buffer.from(alone))).toBe(true);
  });

  it("keeps two lines of a paragraph on each side of a page break when a line moves for its note", async () => {
    // A paragraph whose second line refers to a long note, started lower and
    // lower on the first page: where that line and its note do not fit, the
    // paragraph's first line must not stay alone at the foot (the look-ahead
    // of typesetting.ts counts the note's room as footnotes.ts does).
    const TARGET = "zeta ";
    const target = para(...cite(1, TARGET.repeat(14)), ...inlines(` ${TARGET.repeat(60)}`));
    let moved = 0;
    for (let filler = 40; filler <= 52; filler += 1) {
      const doc = buildDocument(
        meta,
        [para(BODY.repeat(filler)), target, para(BODY.repeat(10))],
        [note(1, 60)],
      );
      const layout = await lay(`keep-${filler}`, doc);
      const perPage = layout.pages.map(
        (page) =>
          page.lines.filter((l) => !isNoteLine(l) && l.words.some((w) => w.text === "zeta")).length,
      );
      const pages = perPage.filter((n) => n > 0);
      for (const n of pages.length > 1 ? pages : [])
        expect(n, `filler ${filler}: ${perPage}`).toBeGreaterThanOrEqual(2);
      if (pages.length === 1 && perPage.indexOf(pages[0] ?? 0) > 0) moved += 1;
      expectFootnoted(layout, 1);
    }
    // Some start was too low for the paragraph's first lines and its note: it moved whole.
    expect(moved).toBeGreaterThan(0);
  });

  it("writes the same bytes twice", async () => {
    const { block, last } = citing(40, 1, 2);
    const doc = buildDocument(
      meta,
      [block],
      Array.from({ length: last }, (_, i) => note(i + 1, 30)),
    );
    const a = await writePdf(doc, options, context());
    const b = await writePdf(doc, options, context());
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});

describe("the marks on what is drawn for notes (for tagging)", () => {
  it("mark each note's lines with its number and the rule over them, after the body and before the running header and footer", async () => {
    const renderer = createRequire(import.meta.url)("pdfmake/js/Renderer.js") as {
      default: { prototype: { renderPages(pages: unknown[]): void } };
    };
    type Item = { type: string; item: { footnote?: number; footnoteRule?: true } };
    const seen: Item[][] = [];
    const renderPages = renderer.default.prototype.renderPages;
    renderer.default.prototype.renderPages = function (pages: unknown[]) {
      for (const page of pages) seen.push([...(page as { items: Item[] }).items]);
      return renderPages.call(this, pages);
    };
    try {
      const { block, last } = citing(12, 1, 3);
      await writePdf(
        buildDocument(
          meta,
          [block],
          Array.from({ length: last }, (_, i) => note(i + 1, 40)),
        ),
        options,
        context(),
      );
    } finally {
      renderer.default.prototype.renderPages = renderPages;
    }
    const items = seen.flat();
    expect(items.filter((i) => i.item.footnoteRule === true)).toHaveLength(seen.length);
    const numbers = [...new Set(items.flatMap((i) => i.item.footnote ?? []))];
    expect(numbers).toEqual([1, 2, 3, 4]);
    for (const page of seen) {
      const marked = page.flatMap((i, at) =>
        i.item.footnote !== undefined || i.item.footnoteRule ? [at] : [],
      );
      // One run of note items: the rule, then the notes' lines, then the header and footer.
      expect(marked[0]).toBeGreaterThan(0);
      expect(page[marked[0] ?? -1]?.item.footnoteRule).toBe(true);
      expect(marked.at(-1)! - marked[0]! + 1).toBe(marked.length);
      expect(page.length - 1 - marked.at(-1)!).toBeGreaterThan(0);
    }
  });
});

/** A reader's sanity check of the helpers above: pdftotext and qpdf are what they read. */
describe("the readers this test relies on", () => {
  it("find the body, the footer rule and no note rule in a PDF without notes", async () => {
    const layout = await lay("plain", buildDocument(meta, [para(BODY.repeat(10))]));
    const [page] = layout.pages;
    expect(page?.lines.some((l) => l.text.startsWith("The body text runs"))).toBe(true);
    expect(footerRule(page as PageView)).toBeCloseTo(841.89 - 68.03 + 18, 1);
    expect(execFileSync("pdfinfo", [layout.file]).toString()).toMatch(/Pages:\s+1/);
  });
});
