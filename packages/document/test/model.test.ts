import { describe, expect, it } from "vitest";
import {
  buildDocument,
  cell,
  type DocumentError,
  type DraftBlock,
  deletion,
  deletionWith,
  emph,
  figure,
  footnote,
  heading,
  headingWith,
  inlines,
  insertion,
  insertionWith,
  type Meta,
  MODEL_VERSION,
  noteRef,
  num,
  para,
  row,
  table,
  validateDocument,
} from "../src/index.js";

const meta: Meta = {
  title: "Russia and Japan",
  edition: "2005",
  date: "2005-09-08",
  language: "en-GB",
  keywords: ["Russia", "Japan"],
};

const tradeTable = (rows = 2): DraftBlock =>
  table({
    caption: inlines("Bilateral trade"),
    columns: [{ align: "left" }, { align: "right", numeric: true }],
    head: [row([cell("Year"), cell("Total")])],
    body: Array.from({ length: rows }, (_, i) =>
      row([cell(String(1998 + i)), cell(num(3.9 + i, (3.9 + i).toFixed(1), { table: "t" }))]),
    ),
    notes: [],
    source: inlines("Source: MEDT"),
  });

const chart = (alt = "A line chart"): DraftBlock =>
  figure({
    caption: inlines("Trade"),
    alt,
    svg: "<svg/>",
    width: 600,
    height: 300,
    notes: [],
    source: inlines("Source: MEDT"),
  });

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    return (e as DocumentError).issues.map((i) => i.code);
  }
  return [];
}

describe("builders", () => {
  it("merge adjacent text and drop empty inlines", () => {
    expect(inlines("Trade ", "", "rose", null, " ", emph("fast"))).toEqual([
      { type: "text", value: "Trade rose " },
      { type: "emphasis", children: [{ type: "text", value: "fast" }] },
    ]);
  });

  it("never let NaN or Infinity into a number inline", () => {
    expect(num(Number.NaN, "—", {}).value).toBeNull();
    expect(num(Number.POSITIVE_INFINITY, "—", {}).value).toBeNull();
  });
});

describe("buildDocument", () => {
  it("numbers tables, figures and headings once, in document order", () => {
    const doc = buildDocument(meta, [
      heading(1, "Introduction"),
      tradeTable(),
      heading(2, "Detail"),
      chart(),
      heading(2, "More"),
      headingWith({ numbered: false }, 1, "Key findings"),
      heading(1, "Economic links"),
      tradeTable(),
      chart(),
    ]);
    const numbers = doc.blocks.map((b) =>
      b.type === "heading"
        ? `h${b.number ?? "-"}`
        : "number" in b
          ? `${b.type}${b.number}`
          : b.type,
    );
    expect(numbers).toEqual([
      "h1",
      "table1",
      "h1.1",
      "figure1",
      "h1.2",
      "h-",
      "h2",
      "table2",
      "figure2",
    ]);
    expect(doc.modelVersion).toBe(MODEL_VERSION);
  });

  it("round-trips through JSON and validates again", () => {
    const doc = buildDocument(
      meta,
      [heading(1, "A", noteRef(1)), para("x")],
      [footnote(1, [para("note")])],
    );
    const again = validateDocument(JSON.parse(JSON.stringify(doc)));
    expect(again.document).toEqual(doc);
  });

  it("rejects a heading level that jumps", () => {
    expect(issuesOf(() => buildDocument(meta, [heading(1, "A"), heading(3, "C")]))).toEqual([
      "heading-jump",
    ]);
  });

  it("rejects a table row that does not match its columns", () => {
    const bad = tradeTable();
    if (bad.type !== "table") throw new Error("expected a table");
    bad.body.push(row([cell("1999")]));
    expect(issuesOf(() => buildDocument(meta, [heading(1, "A"), bad]))).toEqual(["row-width"]);
  });

  it("rejects a figure without alt text", () => {
    expect(issuesOf(() => buildDocument(meta, [heading(1, "A"), chart("")]))).toEqual([
      "missing-alt",
    ]);
    expect(issuesOf(() => buildDocument(meta, [heading(1, "A"), chart("   ")]))).toEqual([
      "missing-alt",
    ]);
  });

  it("rejects a footnote reference without a footnote", () => {
    expect(issuesOf(() => buildDocument(meta, [heading(1, "A"), para("x", noteRef(2))]))).toEqual([
      "unknown-footnote",
    ]);
  });

  it("rejects links that are not http(s) or mailto", () => {
    const p = para({ type: "link", url: "javascript:alert(1)", children: inlines("x") });
    expect(issuesOf(() => buildDocument(meta, [heading(1, "A"), p]))).toEqual(["unsafe-link"]);
    const r = validateDocument(
      JSON.parse(JSON.stringify({ modelVersion: MODEL_VERSION, meta, blocks: [p], footnotes: [] })),
    );
    expect(r.issues.map((i) => i.code)).toEqual(["schema"]);
  });
});

describe("tracked changes", () => {
  it("builds insertions and deletions with an optional author and date", () => {
    expect(insertionWith({ author: "briefkit", date: "2006-09-08" }, "a", "b")).toEqual({
      type: "insertion",
      author: "briefkit",
      date: "2006-09-08",
      children: [{ type: "text", value: "ab" }],
    });
    expect(deletion("x")).toEqual({ type: "deletion", children: [{ type: "text", value: "x" }] });
    const doc = buildDocument(
      meta,
      [heading(1, "A"), para("Kept. ", deletion("Old."), insertion("New.", noteRef(1)))],
      [footnote(1, [para("n")])],
    );
    expect(validateDocument(JSON.parse(JSON.stringify(doc))).document).toBeDefined();
  });

  it("refuses a change nested in another", () => {
    const p = para(insertion("a ", emph(deletion("b"))));
    expect(issuesOf(() => buildDocument(meta, [heading(1, "A"), p]))).toEqual(["nested-change"]);
  });

  it("finds footnote references inside changes", () => {
    expect(
      issuesOf(() => buildDocument(meta, [heading(1, "A"), para(deletion("x", noteRef(3)))])),
    ).toEqual(["unknown-footnote"]);
  });

  it("checks the date of a change as an ISO day", () => {
    const p = para(deletionWith({ date: "yesterday" }, "x"));
    const r = validateDocument(
      JSON.parse(JSON.stringify({ modelVersion: MODEL_VERSION, meta, blocks: [p], footnotes: [] })),
    );
    expect(r.issues.map((i) => i.code)).toEqual(["schema"]);
  });
});

describe("validateDocument", () => {
  it("refuses another model version, naming both", () => {
    const r = validateDocument({ modelVersion: 99, meta, blocks: [], footnotes: [] });
    expect(r.document).toBeUndefined();
    expect(r.issues[0]?.code).toBe("model-version");
    expect(r.issues[0]?.message).toContain("99");
    expect(r.issues[0]?.message).toContain(String(MODEL_VERSION));
  });

  it("names the path of a schema problem", () => {
    const r = validateDocument({
      modelVersion: MODEL_VERSION,
      meta: { ...meta, date: "soon" },
      blocks: [],
      footnotes: [],
    });
    expect(r.issues.map((i) => i.path)).toEqual(["meta.date"]);
  });
});
