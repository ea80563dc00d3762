/**
 * The tagged PDF, read back by real readers: poppler's structure text
 * (`pdfinfo -struct-text`) against the reading order of the document model,
 * and the objects (qpdf) for what poppler does not print: /Alt and /BBox of
 * figures, table heads read once though drawn on every page, notes by /ID,
 * links by object reference on the page they sit on, artifacts, metadata.
 * Every fixture also passes the Matterhorn checker (test/matterhorn.ts).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Document } from "@briefkit/document";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toDocDefinition } from "../src/definition.js";
import { writePdf } from "../src/index.js";
import { renderDefinition } from "../src/render.js";
import { context, FIXTURES, type FixtureName, fixture, options, run } from "./helpers.js";
import { checkPdfUa, readPdf } from "./matterhorn.js";
import {
  expectedOrder,
  firstOutOfOrder,
  normalise,
  readingOrder,
  type StructNode,
  structText,
  textOf,
} from "./structure-text.js";

const dir = mkdtempSync(join(tmpdir(), "briefkit-tagged-"));
const pdf = (name: string) => join(dir, `${name}.pdf`);

beforeAll(async () => {
  for (const name of FIXTURES) {
    writeFileSync(pdf(name), await writePdf(fixture(name), options, context()));
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every element of a type, in reading order. */
function all(root: StructNode, type: string): StructNode[] {
  const out: StructNode[] = [];
  const walk = (n: StructNode) => {
    if (n.type === type) out.push(n);
    n.children.forEach(walk);
  };
  walk(root);
  return out;
}

/** The objects of a PDF by reference ("12 0 R"), as qpdf reads them. */
function objectsOf(name: string): Map<string, Record<string, unknown>> {
  const json = readPdf(pdf(name));
  const out = new Map<string, Record<string, unknown>>();
  for (const [key, o] of Object.entries(json.qpdf[1])) {
    const value = "value" in o ? o.value : o.stream.dict;
    if (key.startsWith("obj:") && value !== null && typeof value === "object")
      out.set(key.slice(4), value as Record<string, unknown>);
  }
  return out;
}

const elementsOf = (objects: Map<string, Record<string, unknown>>, type: string) =>
  [...objects].filter(([, v]) => v["/S"] === `/${type}`);

describe.each(FIXTURES)("%s.pdf, tagged", (name) => {
  it("passes every Matterhorn checkpoint the checker knows", () => {
    expect(checkPdfUa(pdf(name))).toEqual([]);
  });

  it("reads, in pdfinfo -struct-text, as the model does: title, headings, paragraphs, lists, cells, figures, notes in order", () => {
    const root = structText(pdf(name));
    expect(root.children.map((c) => c.type)).toEqual(["Document"]);
    const order = readingOrder(root);
    const expected = expectedOrder(fixture(name));
    expect(expected.length).toBeGreaterThan(3);
    expect(firstOutOfOrder(order, expected)).toBeUndefined();
  });

  it("reads the running header and footer as artifacts: drawn on every page, never in the structure", () => {
    const text = readingOrder(structText(pdf(name)))
      .map((e) => e.text)
      .join(" ");
    const pages = run("pdftotext", [pdf(name), "-"]).stdout;
    expect(pages).toContain("Page 1 of");
    expect(text).not.toContain("Page 1 of");
  });
});

describe("the structure against the model", () => {
  it("gives every figure the model's alt text as /Alt and the chart's place as /BBox", () => {
    const doc = fixture("kitchen-sink");
    const alts = doc.blocks.flatMap((b) => (b.type === "figure" ? [b.alt] : []));
    expect(alts.length).toBeGreaterThan(0);
    const figures = elementsOf(objectsOf("kitchen-sink"), "Figure");
    expect(figures.map(([, f]) => f["/Alt"])).toEqual(alts.map((a) => `u:${a}`));
    for (const [, f] of figures) {
      const layout = f["/A"] as Record<string, unknown>;
      expect(layout["/O"]).toBe("/Layout");
      const [x0, y0, x1, y1] = layout["/BBox"] as number[];
      // Within the A4 page's text area (595 × 842 pt), the text width wide.
      expect(x0).toBeGreaterThanOrEqual(70);
      expect(x1).toBeLessThanOrEqual(525);
      expect((x1 ?? 0) - (x0 ?? 0)).toBeGreaterThan(400);
      expect(y0).toBeGreaterThan(0);
      expect(y1).toBeLessThan(842);
      expect((y1 ?? 0) - (y0 ?? 0)).toBeGreaterThan(50);
    }
  });

  it("reads a long table's caption and heads once, though it draws them on every page", () => {
    const doc = fixture("long-table");
    const table = doc.blocks.find((b) => b.type === "table");
    if (table?.type !== "table") throw new Error("long-table has no table");
    const pages = Number(/^Pages:\s+(\d+)$/m.exec(run("pdfinfo", [pdf("long-table")]).stdout)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    const [t] = all(structText(pdf("long-table")), "Table");
    if (t === undefined) throw new Error("no Table element");
    expect(t.children.map((c) => c.type)).toEqual(["Caption", "THead", "TBody"]);
    expect(all(t, "Caption")).toHaveLength(1);
    const [head, body] = [all(t, "THead")[0], all(t, "TBody")[0]];
    expect(head?.children).toHaveLength(table.head.length);
    expect(body?.children).toHaveLength(table.body.length);
    const heads = table.head.flatMap((row) =>
      row.cells.map((c) =>
        normalise(c.children.map((x) => ("value" in x ? x.value : "")).join("")),
      ),
    );
    expect(all(head as StructNode, "TH").map(textOf)).toEqual(heads.filter((h) => h !== ""));
  });

  it("heads columns and rows with /Scope, and spans columns with /ColSpan", () => {
    const objects = objectsOf("kitchen-sink");
    const scopes = elementsOf(objects, "TH").map(([, th]) => {
      const a = th["/A"] as Record<string, unknown>;
      return `${a["/O"]} ${a["/Scope"]}`;
    });
    expect(scopes).toContain("/Table /Column");
    expect(scopes).toContain("/Table /Row");
    expect(new Set(scopes)).toEqual(new Set(["/Table /Column", "/Table /Row"]));
  });

  it("numbers each note with its /ID and lists them in the structure tree's /IDTree", () => {
    const objects = objectsOf("kitchen-sink");
    const notes = elementsOf(objects, "Note");
    expect(notes.map(([, n]) => n["/ID"])).toEqual(["u:bk-note-1", "u:bk-note-2"]);
    const root = [...objects.values()].find((v) => v["/Type"] === "/StructTreeRoot");
    const names = (root?.["/IDTree"] as Record<string, unknown> | undefined)?.["/Names"];
    expect(names).toEqual(["u:bk-note-1", notes[0]?.[0], "u:bk-note-2", notes[1]?.[0]]);
    const [note] = all(structText(pdf("kitchen-sink")), "Note");
    expect(note?.children.map((c) => c.type)).toEqual(["Lbl", "P"]);
    expect(textOf(note?.children[0] as StructNode)).toBe("1.");
  });

  it("reads each footnote once, as a Note right after the block that refers to it, though drawn at the page foot", () => {
    const doc = fixture("kitchen-sink");
    const root = structText(pdf("kitchen-sink"));
    const notes: Array<{ note: StructNode; before: StructNode | undefined }> = [];
    const walk = (node: StructNode) => {
      node.children.forEach((child, i) => {
        if (child.type === "Note") {
          const before = node.children
            .slice(0, i)
            .filter((c) => c.type !== "Note")
            .at(-1);
          notes.push({ note: child, before });
        }
        walk(child);
      });
    };
    walk(root);
    expect(notes).toHaveLength(doc.footnotes.length);
    for (const { note, before } of notes) {
      expect(note.children.map((c) => c.type)).toEqual(["Lbl", "P"]);
      expect(all(before as StructNode, "Reference").length).toBeGreaterThan(0);
    }
    // The notes measured before the layout add nothing else: each note's text is read once.
    const paragraphs = readingOrder(root).filter((e) => e.type === "P");
    for (const { note } of notes) {
      const text = textOf(note.children[1] as StructNode);
      expect(text.length).toBeGreaterThan(10);
      expect(paragraphs.filter((p) => p.text === text)).toHaveLength(1);
    }
  });

  it("makes each footnote reference a Reference holding a Link to its note, described by the note's text", () => {
    const objects = objectsOf("kitchen-sink");
    const references = elementsOf(objects, "Reference").filter(
      ([, r]) => objects.get(String(r["/P"]))?.["/S"] === "/P",
    );
    expect(references).toHaveLength(2);
    for (const [, reference] of references) {
      const [link] = reference["/K"] as string[];
      const k = objects.get(String(link))?.["/K"] as unknown[];
      const objr = k.find((x) => typeof x === "object") as Record<string, unknown>;
      const annotation = objects.get(String(objr["/Obj"]));
      expect(annotation?.["/Subtype"]).toBe("/Link");
      expect(String(annotation?.["/Contents"])).toMatch(/^u:[12]\. \S/);
    }
  });

  it("gives a link one annotation a line, its area the link's words, on the page the OBJR names", () => {
    const objects = objectsOf("kitchen-sink");
    const links = elementsOf(objects, "Link");
    const annotations = [...objects.values()].filter((v) => v["/Subtype"] === "/Link");
    expect(annotations.length).toBe(
      links.reduce(
        (n, [, l]) => n + (l["/K"] as unknown[]).filter((k) => typeof k === "object").length,
        0,
      ),
    );
    const uri = annotations.find((a) => String(a["/Contents"]).startsWith("u:https://"));
    expect(uri).toBeDefined();
    const [x0, , x1] = (uri?.["/Rect"] ?? []) as number[];
    // "ERINA": one word, wider than any one letter.
    expect((x1 ?? 0) - (x0 ?? 0)).toBeGreaterThan(15);
  });

  it("tags a list's items with their marker (Lbl) and body (LBody)", () => {
    const [list] = all(structText(pdf("kitchen-sink")), "L");
    expect(list?.children.length).toBeGreaterThan(1);
    for (const item of list?.children ?? []) {
      expect(item.type).toBe("LI");
      expect(item.children.map((c) => c.type)).toEqual(["Lbl", "LBody"]);
    }
  });

  it("lists the contents as a TOC: one TOCI per heading, its title linked and its page number a Reference", () => {
    const doc = fixture("kitchen-sink");
    const [toc] = all(structText(pdf("kitchen-sink")), "TOC");
    const entries = toc?.children ?? [];
    expect(entries.map((e) => e.type).every((t) => t === "TOCI")).toBe(true);
    const depth = doc.blocks.find((b) => b.type === "toc")?.depth ?? 0;
    const headings = doc.blocks.filter((b) => b.type === "heading" && b.level <= depth);
    // The notes are footnotes: no Notes heading.
    expect(entries.length).toBe(headings.length);
    for (const entry of entries) {
      expect(entry.children.map((c) => c.type)).toEqual(["P", "Reference"]);
      expect(all(entry.children[1] as StructNode, "Link")[0]?.items.join("")).toMatch(/^\d+$/);
    }
  });

  it("declares the document: /Lang, /MarkInfo, DisplayDocTitle, PDF 1.7, XMP with pdfuaid:part 1 and the title", () => {
    const info = run("pdfinfo", [pdf("kitchen-sink")]).stdout;
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^PDF version:\s+1\.7$/m);
    const meta = run("pdfinfo", ["-meta", pdf("kitchen-sink")]).stdout;
    expect(meta).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
    expect(meta).toContain(
      `<rdf:li xml:lang="x-default">${fixture("kitchen-sink").meta.title}</rdf:li>`,
    );
    const raw = readFileSync(pdf("kitchen-sink")).toString("latin1");
    expect(raw).toMatch(/\/DisplayDocTitle true/);
    expect(raw).toMatch(/\/Lang \(en-GB\)/);
  });
});

describe("metadata", () => {
  it("escapes the title in the XMP, which pdfkit writes as it is, and keeps it in the Info dictionary", async () => {
    const doc: Document = structuredClone(fixture("unicode"));
    doc.meta.title = "R&D <in> Russia & Japan";
    const file = pdf("escaped");
    writeFileSync(file, await writePdf(doc, options, context()));
    expect(run("pdfinfo", [file]).stdout).toMatch(/^Title:\s+R&D <in> Russia & Japan$/m);
    const meta = run("pdfinfo", ["-meta", file]).stdout;
    expect(meta).toContain(
      '<rdf:li xml:lang="x-default">R&amp;D &lt;in&gt; Russia &amp; Japan</rdf:li>',
    );
    expect(meta).not.toContain("R&D");
    expect(checkPdfUa(file)).toEqual([]);
  });
});

describe("without tagging", () => {
  it("draws exactly the same pages (pdftoppm, every pixel)", async () => {
    for (const name of ["kitchen-sink", "long-table"] as FixtureName[]) {
      const ctx = context();
      const definition = toDocDefinition(fixture(name), options, ctx);
      const plain = join(dir, `${name}-untagged.pdf`);
      writeFileSync(plain, await renderDefinition(definition, options.theme, ctx.log, false));
      run("pdftoppm", ["-png", "-r", "50", pdf(name), join(dir, `${name}-t`)]);
      run("pdftoppm", ["-png", "-r", "50", plain, join(dir, `${name}-u`)]);
      const pages = (prefix: string) =>
        readdirSync(dir)
          .filter((f) => f.startsWith(`${name}-${prefix}-`) && f.endsWith(".png"))
          .sort()
          .map((f) => readFileSync(join(dir, f)));
      const tagged = pages("t");
      expect(tagged.length).toBeGreaterThan(0);
      expect(tagged).toEqual(pages("u"));
      expect(checkPdfUa(plain).map((f) => f.checkpoint)).toContain("01-005");
    }
  });
});
