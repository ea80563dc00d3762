/**
 * Editions: `diffEditions` (data, indicators, sentences, tables, charts),
 * sentence splitting and alignment, the "Changes since the last edition"
 * appendix and `trackChanges`, run on the 2005 edition and the synthetic
 * 2006 edition (packages/data/test/fixtures/editions/russia-japan-2006: test
 * data, not real figures).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type Dataset, loadDataset } from "@briefkit/data";
import {
  type Block,
  buildDocument,
  type Document,
  emph,
  heading,
  type Inline,
  inlines,
  noteRef,
  num,
  para,
  validateDocument,
} from "@briefkit/document";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  compose,
  createComposeCache,
  diffEditions,
  type EditionDiff,
  trackChanges,
} from "../src/index.js";
import { splitSentences } from "../src/sentences.js";

const root = resolve(import.meta.dirname, "../../..");
const templateDir = join(root, "templates/russia-japan");
const fixture = join(root, "packages/data/test/fixtures/editions/russia-japan-2006");
const tmp = mkdtempSync(join(tmpdir(), "briefkit-diff-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function load(dir: string): Promise<Dataset> {
  const r = await loadDataset(dir);
  if (!r.ok) throw new Error(`${dir}: ${r.issues.map((i) => i.message).join("; ")}`);
  return r.dataset;
}

let y2005: Dataset;
let y2006: Dataset;
let diff: EditionDiff;
const cache = createComposeCache();

beforeAll(async () => {
  y2005 = await load(join(root, "data/russia-japan/2005"));
  y2006 = await load(fixture);
  const r = await diffEditions({ templateDir, from: y2005, to: y2006, cache });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  diff = r.diff;
});

const textOf = (xs: readonly Inline[]): string =>
  xs
    .map((x) =>
      x.type === "text"
        ? x.value
        : x.type === "number"
          ? x.text
          : "children" in x
            ? textOf(x.children)
            : "",
    )
    .join("");

describe("splitSentences", () => {
  const texts = (...xs: Parameters<typeof inlines>) =>
    splitSentences(inlines(...xs)).map((s) => s.text);

  it("cuts after a full stop, question or exclamation mark followed by a capital or digit", () => {
    expect(texts("Trade rose. It doubled! Why? 2005 was a record.")).toEqual([
      "Trade rose.",
      "It doubled!",
      "Why?",
      "2005 was a record.",
    ]);
  });

  it("does not cut after initials, abbreviations, or inside a number", () => {
    expect(texts("V. I. Ivanov wrote it, e.g. in Table 1. Then more.")).toEqual([
      "V. I. Ivanov wrote it, e.g. in Table 1.",
      "Then more.",
    ]);
    const n = num(8.8, "US$8.8 billion", {});
    expect(texts("Trade reached ", n, ". Next.")).toEqual([
      "Trade reached US$8.8 billion.",
      "Next.",
    ]);
  });

  it("keeps a footnote reference with its sentence and gives the input back when joined", () => {
    const xs = inlines("First one.", noteRef(1), " Second ", emph("with. Emphasis"), " here.");
    const s = splitSentences(xs);
    expect(s.map((x) => x.text)).toEqual(["First one.", "Second with. Emphasis here."]);
    expect(s[0]!.inlines.at(-1)).toEqual({ type: "footnoteRef", number: 1 });
    const joined = s.flatMap((x) => [...x.inlines, { type: "text" as const, value: x.trailing }]);
    expect(textOf(joined)).toBe(textOf(xs));
  });

  it("masks figures in the skeleton, so a figures-only change is told from a wording change", () => {
    const a = splitSentences(inlines("Trade rose by ", num(49, "49%", {}), " in 2004."))[0]!;
    const b = splitSentences(inlines("Trade rose by ", num(22, "22%", {}), " in 2005."))[0]!;
    expect(a.skeleton).toBe(b.skeleton);
  });
});

describe("diffEditions: 2005 → the synthetic 2006 edition", () => {
  it("names both editions", () => {
    expect(diff.from).toMatchObject({ id: "russia-japan", edition: "2005" });
    expect(diff.to).toMatchObject({ id: "russia-japan", edition: "2006", published: "2006-09-01" });
  });

  it("lists exactly the fixture's data changes", () => {
    expect(diff.data.summary).toEqual([
      {
        table: "bilateral-trade",
        title: "Russia–Japan bilateral trade, 1998–2006",
        items: [
          "Its title changed from “Russia–Japan bilateral trade, 1998–2005” to “Russia–Japan bilateral trade, 1998–2006”.",
          "Exports in 2003 revised from US$4.2 billion to US$4.3 billion (+2.4%).",
          "Total in 2003 revised from US$5.9 billion to US$6.0 billion (+1.7%).",
          "2005 added: exports US$6.6 billion, imports US$4.1 billion, total US$10.7 billion.",
          "2006 (first half) added: exports US$3.5 billion, imports US$2.4 billion, total US$5.9 billion.",
        ],
      },
      {
        table: "far-east-trade",
        title: "Far Eastern Russia — bilateral trade with Japan, 1998–2004",
        items: [
          "Its title changed from “Far Eastern Russia — bilateral trade with Japan, 1998–2003” to “Far Eastern Russia — bilateral trade with Japan, 1998–2004”.",
          "The notes under the table changed.",
          "Exports (Yakutia) in 2002, not available before, is now US$95.4 million.",
          "Imports (Yakutia) in 2002, not available before, is now US$8.2 million.",
          "Exports (Total) in 2002 revised from US$649.3 million to US$744.7 million (+14.7%).",
          "Imports (Total) in 2002 revised from US$165.1 million to US$173.3 million (+5.0%).",
          "Total trade (Total) in 2002 revised from US$814.4 million to US$918.0 million (+12.7%).",
          "Yakutia, 2004 added: exports US$150.2 million, imports US$12.5 million.",
          "Primorskiy Krai, 2004 added: exports US$170.4 million, imports US$240.3 million.",
          "Khabarovskiy Krai, 2004 added: exports US$180.6 million, imports US$85.1 million.",
          "Amurskaya Oblast, 2004 added: exports US$25.3 million, imports US$2.2 million.",
          "Kamchatskaya Oblast, 2004 added: exports US$75.8 million, imports US$15.0 million.",
          "Magadanskaya Oblast, 2004 added: exports US$22.4 million, imports US$13.6 million.",
          "Sakhalinskaya Oblast, 2004 added: exports US$320.7 million, imports US$160.9 million.",
          "Chukotka (2004) added: exports US$5.1 million, imports US$3.4 million.",
          "Total, 2004 added: exports US$950.5 million, imports US$533.0 million, total trade US$1,483.5 million.",
        ],
      },
    ]);
    expect(diff.data.facts).toEqual([]);
    const kinds = diff.data.tables.flatMap((t) => t.cells.map((c) => `${t.table}:${c.kind}`));
    expect(kinds.filter((k) => k.endsWith(":revised"))).toHaveLength(5);
    expect(kinds.filter((k) => k.endsWith(":missing-filled"))).toHaveLength(2);
    expect(diff.data.tables.find((t) => t.table === "far-east-trade")?.keysAdded).toEqual([
      { region: "Chukotka" },
    ]);
  });

  it("lists the indicators whose value or text changed, with both texts", () => {
    const latest = diff.indicators.find((i) => i.id === "total-trade-latest");
    expect(latest).toMatchObject({
      before: { text: "US$8.8 billion", periods: ["2004"] },
      after: { text: "US$10.7 billion", periods: ["2005"] },
      valueChanged: true,
      textChanged: true,
      changePercent: 21.59,
    });
    // The same rank for a later year prints the same: not a change.
    expect(diff.indicators.map((i) => i.id)).not.toContain("sakhalin-trade-rank");
  });

  it("finds the sentences that changed, telling figures from wording", () => {
    const full = diff.audiences.find((a) => a.audience === "full")!.sentences;
    expect(full).toContainEqual({
      kind: "changed",
      what: "wording",
      section: "Economic links",
      before:
        "Russia’s imports from Japan more than tripled between 1998 and 2004, while its exports doubled; in 2004 alone imports grew by 82%, while exports grew by 36%.",
      after:
        "Russia’s imports from Japan rose 4-fold between 1998 and 2005, while its exports more than doubled; in 2005 alone imports grew by 32%, while exports grew by 16%.",
    });
    expect(full).toContainEqual({
      kind: "changed",
      what: "figures",
      section: "Economic links",
      before: "Japanese goods now make up 35% of bilateral trade, against 26% in 1998.",
      after: "Japanese goods now make up 38% of bilateral trade, against 26% in 1998.",
    });
    // Both editions compare Far Eastern trade like for like (coverage:
    // like-for-like): 2002 lacks Yakutia and Magadanskaya Oblast, 2003 lacks
    // Chukotka, which 2004 has. The same sentence, other regions.
    expect(full).toContainEqual({
      kind: "changed",
      what: "wording",
      section: "Sub-national relations",
      before:
        "The published totals for 2002 and 2003 do not cover the same regions: figures for Yakutia and Magadanskaya Oblast are given in only one of the two years.",
      after:
        "The published totals for 2003 and 2004 do not cover the same regions: figures for Chukotka are given in only one of the two years.",
    });
    expect(full).toContainEqual({
      kind: "changed",
      what: "wording",
      section: "Sub-national relations",
      before:
        "On the five regions reported in both years, trade rose by 44%, and their imports from Japan more than doubled in a single year.",
      after:
        "On the seven regions reported in both years, trade rose by 9%, and their imports from Japan rose in a single year.",
    });
    expect(full.filter((s) => s.kind === "removed").map((s) => s.before)).toEqual([
      "US$377 million — indicator primorsky-trade-with-japan (value on table far-east-trade-with-japan-by-province), 2003; source: V. I. Ivanov, “Russia and Japan Beyond 2005”.",
      "US$247 million — indicator khabarovsk-trade-with-japan (value on table far-east-trade-with-japan-by-province), 2003; source: V. I. Ivanov, “Russia and Japan Beyond 2005”.",
    ]);
    // The figures pinned to 2003 (the note on Japan's 22%) now read a total without Chukotka.
    expect(full.filter((s) => s.kind === "added").map((s) => s.after)).toEqual([
      "The total covers, in 2003, 7 of the 8 region values (no figures for Chukotka).",
      "The total covers, in 2003, 7 of the 8 region values (no figures for Chukotka).",
    ]);
    expect(diff.audiences.map((a) => a.audience)).toEqual([
      "full",
      "executive",
      "business",
      "executive-ru",
      "executive-ja",
    ]);
    // Unchanged prose is not reported.
    expect(full.some((s) => s.before?.startsWith("Economic ties between Japan and Russia"))).toBe(
      false,
    );
  });

  it("finds the table cells, rows and columns that changed", () => {
    const t1 = diff.tables.find((t) => t.ref === "bilateral-trade")!;
    expect(t1.rowsAdded).toEqual(["2005", "2006 (first half)"]);
    expect(t1.cells.map((c) => `${c.row} ${c.column}: ${c.before} → ${c.after}`)).toEqual([
      "2003 Russia's exports to Japan: 4.2 → 4.3",
      "2003 Total trade: 5.9 → 6.0",
    ]);
    const t3 = diff.tables.find((t) => t.ref === "far-east-trade")!;
    expect(t3.columnsAdded).toEqual(["2004"]);
    expect(t3.rowsAdded).toEqual(["Chukotka / Exports", "Chukotka / Imports"]);
    expect(t3.cells).toContainEqual({
      row: "Yakutia / Exports",
      column: "2002",
      before: "—",
      after: "95.4",
    });
  });

  it("finds the charts whose data changed", () => {
    expect(diff.charts.find((c) => c.ref === "bilateral-trade")).toMatchObject({
      ref: "bilateral-trade",
      title: "Russia–Japan trade by direction",
      status: "changed",
      categoriesRemoved: [],
      seriesAdded: [],
      seriesRemoved: [],
      values: [{ category: "2003", series: "Exports", before: 4.2, after: 4.3 }],
    });
    // 2005-H1 stays in the fixture beside the full 2005, which supersedes it in the chart.
    expect(diff.charts.find((c) => c.ref === "bilateral-trade")?.categoriesAdded).toEqual(["2005"]);
    const regions = diff.charts.find((c) => c.ref === "far-east-trade");
    expect(regions?.categoriesAdded).toEqual(["2004"]);
  });

  it("finds nothing between an edition and itself", async () => {
    const r = await diffEditions({ templateDir, from: y2005, to: y2005, cache });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.diff.data.summary).toEqual([]);
    expect(r.diff.indicators).toEqual([]);
    expect(r.diff.audiences.every((a) => a.sentences.length === 0)).toBe(true);
    expect(r.diff.tables).toEqual([]);
    expect(r.diff.charts).toEqual([]);
  });
});

describe("a revision that changes a unit or scale", () => {
  let rescaled: Dataset;
  beforeAll(async () => {
    const dir = join(tmp, "rescaled");
    cpSync(fixture, dir, { recursive: true });
    const file = join(dir, "dataset.yaml");
    // bilateral-trade (the first table: its three columns) restated in millions: not a revision.
    let n = 0;
    const text = readFileSync(file, "utf8").replace(/scale: billion/g, (m) =>
      n++ < 3 ? "scale: million" : m,
    );
    writeFileSync(file, text);
    rescaled = await load(dir);
  });

  it("is an error of diffEditions at the new dataset.yaml", async () => {
    const r = await diffEditions({ templateDir, from: y2005, to: rescaled, cache });
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.code)).toEqual([
      "scale-changed",
      "scale-changed",
      "scale-changed",
    ]);
    expect(r.issues[0]!.file).toMatch(/rescaled\/dataset\.yaml$/);
  });

  it("is an error of compose for an audience with the changes appendix", async () => {
    const r = await compose({
      templateDir,
      dataset: rescaled,
      previous: y2005,
      audience: "full",
      figures: false,
      cache,
    });
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.code)).toEqual(["edition-diff", "edition-diff", "edition-diff"]);
  });
});

describe("the changes appendix (changes: true)", () => {
  const appendix = (doc: Document) => {
    const i = doc.blocks.findIndex(
      (b) => b.type === "heading" && textOf(b.children) === "Changes since the last edition",
    );
    expect(i).toBeGreaterThan(0);
    const lines: string[] = [];
    const walk = (b: Block) => {
      if (b.type === "heading" || b.type === "paragraph") lines.push(textOf(b.children));
      if (b.type === "list") for (const item of b.items) for (const x of item) walk(x);
    };
    for (const b of doc.blocks.slice(i)) walk(b);
    return lines;
  };

  it("says the first edition is the first", async () => {
    const r = await compose({
      templateDir,
      dataset: y2005,
      audience: "full",
      figures: false,
      cache,
    });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(appendix(r.document)).toEqual([
      "Changes since the last edition",
      "This is the first edition of this brief (edition 2005): there is no earlier edition to compare it with.",
    ]);
  });

  it("lists the data and indicator changes against the previous edition", async () => {
    const r = await compose({
      templateDir,
      dataset: y2006,
      previous: y2005,
      audience: "full",
      figures: false,
      cache,
    });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const lines = appendix(r.document);
    expect(lines[1]).toBe(
      "This is edition 2006, published 1 September 2006 with data as of 30 June 2006. Compared with edition 2005 (published 8 September 2005), the figures this brief states and the data behind them changed as listed below; every other figure is as it was.",
    );
    expect(lines).toContain(
      "Russia–Japan trade in the latest full year: US$10.7 billion (2005); it was US$8.8 billion (2004).",
    );
    expect(lines).toContain("Total in 2003 revised from US$5.9 billion to US$6.0 billion (+1.7%).");
    expect(lines).toContain(
      "Chukotka (2004) added: exports US$5.1 million, imports US$3.4 million.",
    );
    for (const items of diff.data.summary)
      for (const item of items.items) expect(lines).toContain(item);
  });

  it("is left out of audiences that do not ask for it", async () => {
    const r = await compose({
      templateDir,
      dataset: y2006,
      previous: y2005,
      audience: "executive",
      figures: false,
      cache,
    });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(JSON.stringify(r.document)).not.toContain("Changes since the last edition");
  });
});

describe("trackChanges", () => {
  const meta = { title: "T", edition: "2006", date: "2006-09-01", language: "en-GB", keywords: [] };
  const doc = (...paras: ReturnType<typeof para>[]) =>
    buildDocument(meta, [heading(1, "Trade"), ...paras]);

  it("replaces a changed sentence by a deletion and an insertion, dated and signed", () => {
    const before = doc(para("Trade rose. It was ", num(8.8, "US$8.8 billion", {}), ". The end."));
    const after = doc(para("Trade fell. It was ", num(7.1, "US$7.1 billion", {}), ". The end."));
    const out = trackChanges(before, after, { author: "briefkit", date: "2006-09-01" });
    const p = out.blocks[1] as { children: Inline[] };
    const by = { author: "briefkit", date: "2006-09-01" };
    expect(p.children).toEqual([
      { type: "deletion", ...by, children: [{ type: "text", value: "Trade rose." }] },
      { type: "insertion", ...by, children: [{ type: "text", value: "Trade fell." }] },
      { type: "text", value: " " },
      {
        type: "deletion",
        ...by,
        children: [
          { type: "text", value: "It was " },
          num(8.8, "US$8.8 billion", {}),
          { type: "text", value: "." },
        ],
      },
      {
        type: "insertion",
        ...by,
        children: [
          { type: "text", value: "It was " },
          num(7.1, "US$7.1 billion", {}),
          { type: "text", value: "." },
        ],
      },
      { type: "text", value: " The end." },
    ]);
    expect(validateDocument(JSON.parse(JSON.stringify(out))).document).toBeDefined();
  });

  it("marks added sentences as insertions and keeps removed ones as deletions in place", () => {
    const before = doc(para("One. Two. Three."));
    const after = doc(para("One. Three. Four."));
    const out = trackChanges(before, after, { author: "briefkit", date: "2006-09-01" });
    const p = out.blocks[1] as { children: Inline[] };
    expect(p.children.map((x) => `${x.type}:${textOf([x])}`)).toEqual([
      "text:One. ",
      "deletion:Two.",
      "text: Three. ",
      "insertion:Four.",
    ]);
  });

  it("on the briefs: a valid document, the changes appendix untouched", async () => {
    const common = { templateDir, audience: "full", figures: false as const, cache };
    const a = await compose({ ...common, dataset: y2005 });
    const b = await compose({ ...common, dataset: y2006, previous: y2005 });
    if (!a.ok || !b.ok) throw new Error("compose");
    const out = trackChanges(a.document, b.document, { author: "briefkit", date: "2006-09-01" });
    expect(validateDocument(JSON.parse(JSON.stringify(out))).document).toBeDefined();
    const json = JSON.stringify(out);
    expect(json.match(/"type":"insertion"/g)?.length).toBeGreaterThan(20);
    expect(json.match(/"type":"deletion"/g)?.length).toBeGreaterThan(20);
    const tail = (d: Document) => JSON.stringify(d.blocks.slice(-6));
    expect(tail(out)).toBe(tail(b.document));
  });
});
