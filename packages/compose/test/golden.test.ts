/**
 * The composed document of each audience of templates/russia-japan, locked
 * as JSON golden files (test/golden/<audience>.json). Chart pictures are
 * replaced by their SHA-256 so the golden stays readable; the chart data,
 * alt text, captions and every number stay in full. Update on purpose only:
 * `vitest -u`, then read the diff.
 */
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type Dataset, loadDataset } from "@briefkit/data";
import type { Document, Inline } from "@briefkit/document";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compose } from "../src/index.js";

const root = resolve(import.meta.dirname, "../../..");
const templateDir = join(root, "templates/russia-japan");
let dataset: Dataset;

beforeAll(async () => {
  const r = await loadDataset(join(root, "data/russia-japan/2005"));
  if (!r.ok) throw new Error("the 2005 dataset must load");
  dataset = r.dataset;
});

const sha = (s: string) => `sha256:${createHash("sha256").update(s).digest("hex").slice(0, 16)}`;

function forGolden(doc: Document): unknown {
  return {
    ...doc,
    blocks: doc.blocks.map((b) =>
      b.type === "figure"
        ? {
            ...b,
            svg: sha(b.svg),
            ...(b.png ? { png: { ...b.png, base64: sha(b.png.base64) } } : {}),
          }
        : b,
    ),
  };
}

function text(xs: readonly Inline[]): string {
  return xs
    .map((x) =>
      x.type === "text"
        ? x.value
        : x.type === "number"
          ? x.text
          : "children" in x
            ? text(x.children)
            : "",
    )
    .join("");
}

describe("templates/russia-japan composes for every audience", () => {
  for (const audience of ["full", "executive", "business"]) {
    it(`${audience} matches its golden document`, async () => {
      const r = await compose({ templateDir, dataset, audience });
      expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      await expect(`${JSON.stringify(forGolden(r.document), null, 2)}\n`).toMatchFileSnapshot(
        `golden/${audience}.json`,
      );
    });
  }

  it("the full paper mirrors the essay: its sections, three tables, four or more charts, footnotes, key figures", async () => {
    const r = await compose({ templateDir, dataset, audience: "full" });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const h1 = r.document.blocks
      .filter((b) => b.type === "heading" && b.level === 1)
      .map((b) => (b.type === "heading" ? text(b.children) : ""));
    for (const s of [
      "Introduction",
      "geopolitical context",
      "Investment climate",
      "Economic links",
      "Sub-national relations",
      "oil pipeline impasse",
      "energy partnership",
      "Kyoto Protocol",
      "geo-economic complementarity",
      "Conclusions",
    ]) {
      expect(
        h1.some((h) => h.toLowerCase().includes(s.toLowerCase())),
        s,
      ).toBe(true);
    }
    const tables = r.document.blocks.filter((b) => b.type === "table");
    const figures = r.document.blocks.filter((b) => b.type === "figure");
    expect(tables.length).toBeGreaterThanOrEqual(3);
    expect(figures.length).toBeGreaterThanOrEqual(4);
    expect(r.document.footnotes.length).toBeGreaterThanOrEqual(5);
    expect(r.document.blocks.some((b) => b.type === "keyFigures")).toBe(true);
    // Word redraws shares natively: a partial breakdown keeps its remainder, so no share is scaled up.
    const shares = figures.find((b) => b.type === "figure" && b.chart?.kind === "share");
    const chart = shares?.type === "figure" ? shares.chart : undefined;
    expect(chart?.categories.at(-1)).toBe("Other or not stated");
    expect(chart?.series[0]?.values).toEqual([37, 27, 11, 20, 5]);
    for (const b of [...tables, ...figures]) {
      if (b.type === "table" || b.type === "figure") expect(text(b.source)).toMatch(/^Source: /);
    }
  });
});

describe("every figure follows the data", () => {
  let dir: string;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("changing the 2004 total in a copy of the data changes every sentence, cell and chart that uses it", async () => {
    dir = mkdtempSync(join(tmpdir(), "briefkit-data-"));
    cpSync(join(root, "data/russia-japan/2005"), dir, { recursive: true });
    const csv = join(dir, "bilateral-trade.csv");
    // 2004: exports 5.7 + imports 3.1 = 8.8; make it 6.9 + 3.1 = 10.0.
    writeFileSync(
      csv,
      readFileSync(csv, "utf8").replace(/^2004,5\.7,3\.1,8\.8$/m, "2004,6.9,3.1,10.0"),
    );
    const changed = await loadDataset(dir);
    if (!changed.ok) throw new Error(JSON.stringify(changed.issues));
    const before = await compose({ templateDir, dataset, audience: "full" });
    const after = await compose({ templateDir, dataset: changed.dataset, audience: "full" });
    if (!before.ok || !after.ok) throw new Error("both must compose");
    const all = (d: Document) => JSON.stringify(d);
    expect(all(before.document)).toContain("US$8.8 billion");
    expect(all(after.document)).not.toContain("US$8.8 billion");
    expect(all(after.document)).toContain("US$10.0 billion");
    // The table cell.
    const cell = (d: Document) => {
      const t = d.blocks.find((b) => b.type === "table");
      return t?.type === "table"
        ? t.body.find((r) => text(r.cells[0]!.children).startsWith("2004"))
        : undefined;
    };
    expect(text(cell(before.document)!.cells[3]!.children)).toBe("8.8");
    expect(text(cell(after.document)!.cells[3]!.children)).toBe("10.0");
    // Growth 2003→2004: 8.8/5.9 − 1 = 49%; 10.0/5.9 − 1 = 69%.
    expect(all(before.document)).toContain('"text":"49%"');
    expect(all(after.document)).toContain('"text":"69%"');
    // The charts that draw the series.
    const charts = (d: Document) =>
      d.blocks
        .filter((b) => b.type === "figure")
        .map((b) => (b.type === "figure" ? b.chart : undefined));
    const values = (d: Document) => JSON.stringify(charts(d));
    expect(values(before.document)).not.toEqual(values(after.document));
    expect(values(after.document)).toContain("6.9");
  });
});
