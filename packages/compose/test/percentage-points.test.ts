/**
 * A change of a percentage is stated in percentage points, never as a per
 * cent of a per cent: in the brief (the `direction` + `abs` pattern on a
 * `change` indicator), in `diffEditions` (indicators and data) and in the
 * "Changes since the last edition" appendix.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { type Dataset, loadDataset } from "@briefkit/data";
import { type Block, type Inline, plainText } from "@briefkit/document";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compose, createComposeCache, diffEditions, type EditionDiff } from "../src/index.js";

const root = resolve(import.meta.dirname, "../../..");
const templateDir = join(root, "templates/russia-japan");
const fixture2006 = join(root, "packages/data/test/fixtures/editions/russia-japan-2006");
const tmp = mkdtempSync(join(tmpdir(), "briefkit-pp-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const cache = createComposeCache();

async function load(dir: string): Promise<Dataset> {
  const r = await loadDataset(dir);
  if (!r.ok) throw new Error(`${dir}: ${r.issues.map((i) => i.message).join("; ")}`);
  return r.dataset;
}

let y2005: Dataset;
let y2006: Dataset;
/** The 2005 edition with East Asia's 2001 share of Japan's imports at 20% (a fall of 11 points) and Timber's share at 13%. */
let revised: Dataset;
let diff: EditionDiff;

beforeAll(async () => {
  y2005 = await load(join(root, "data/russia-japan/2005"));
  y2006 = await load(fixture2006);
  const dir = join(tmp, "2005");
  cpSync(join(root, "data/russia-japan/2005"), dir, { recursive: true });
  const yaml = join(dir, "dataset.yaml");
  const before = readFileSync(yaml, "utf8");
  const after = before.replace(
    /(- id: japan-imports-from-east-asia-share-2001\n(?: {4}.*\n)*? {4}value: )43\n/,
    "$120\n",
  );
  expect(after).not.toBe(before);
  writeFileSync(yaml, after);
  const csv = join(dir, "russia-exports-to-japan-by-product.csv");
  writeFileSync(csv, readFileSync(csv, "utf8").replace("Timber,11\n", "Timber,13\n"));
  revised = await load(dir);
  const r = await diffEditions({ templateDir, from: y2005, to: y2006, cache });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  diff = r.diff;
});

/** Composes one section against `dataset`; the paragraph's text, or the first error. */
async function render(dataset: Dataset, source: string): Promise<string> {
  const dir = mkdtempSync(join(tmp, "t-"));
  mkdirSync(join(dir, "sections"));
  writeFileSync(
    join(dir, "template.yaml"),
    `id: pp\nextends: ${relative(dir, templateDir)}\nsections: { s: { file: sections/s.md } }\naudiences: { x: { label: X, sections: [s] } }\n`,
  );
  writeFileSync(join(dir, "sections/s.md"), `${source}\n`);
  const r = await compose({ templateDir: dir, dataset, audience: "x", figures: false, cache });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("; "));
  const p = r.document.blocks[0] as Block & { children: Inline[] };
  return plainText(p.children);
}

describe("in the brief: a direction word and a magnitude in percentage points", () => {
  const pattern =
    '{{ ind.east-asia-import-share-change | direction: "rose", "fell" }} by {{ ind.east-asia-import-share-change | abs }}';

  it("a rise: 31% to 43% rose by 12 percentage points", async () => {
    expect(await render(y2005, `East Asia's share ${pattern}.`)).toBe(
      "East Asia’s share rose by 12 percentage points.",
    );
  });

  it("a fall: 31% to 20% fell by 11 percentage points, not by 35%", async () => {
    const text = await render(revised, `East Asia's share ${pattern}.`);
    expect(text).toBe("East Asia’s share fell by 11 percentage points.");
    expect(text).not.toMatch(/%/);
  });

  it("the indicator's own words follow the same sign", async () => {
    expect(await render(revised, "{{ ind.east-asia-import-share-change.words }}")).toBe("fell");
    expect(await render(y2005, "{{ ind.east-asia-import-share-change.words }}")).toBe("rose");
  });
});

describe("in diffEditions and the report's figures", () => {
  it("a growth rate or a share moves in percentage points, a level in per cent", () => {
    const byId = new Map(diff.indicators.map((i) => [i.id, i]));
    // 49.15% → 21.59%: down 27.56 points (as a per cent of itself it would be −56%).
    expect(byId.get("total-trade-growth")).toMatchObject({
      before: { text: "49%" },
      after: { text: "22%" },
      changePoints: -27.56,
    });
    expect(byId.get("total-trade-growth")).not.toHaveProperty("changePercent");
    expect(byId.get("imports-share-latest")).toMatchObject({ changePoints: 3.09 });
    expect(byId.get("imports-share-latest")).not.toHaveProperty("changePercent");
    // A level in US$ keeps its per cent change.
    expect(byId.get("total-trade-latest")).toMatchObject({ changePercent: 21.59 });
    expect(byId.get("total-trade-latest")).not.toHaveProperty("changePoints");
  });
});

describe("in the data changes and the changes appendix", () => {
  it("a revised percent cell and a revised percent fact are stated in percentage points", async () => {
    const r = await diffEditions({
      templateDir,
      from: y2005,
      to: revised,
      cache,
      audiences: ["executive"],
    });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const items = r.diff.data.summary.flatMap((g) => g.items);
    expect(items).toContain(
      "Share of exports (Timber) revised from 11% to 13% (+2.0 percentage points).",
    );
    expect(items).toContain(
      "East Asia’s share of Japan’s imports in 2001: revised from 43% to 20% (−23.0 percentage points).",
    );
    expect(items.join("\n")).not.toMatch(/\([+−]\d+(\.\d+)?%\)/);
    const change = r.diff.indicators.find((i) => i.id === "east-asia-import-share-change");
    expect(change).toMatchObject({
      before: { text: "12 percentage points" },
      after: { text: "-11 percentage points" },
      changePoints: -23,
    });
  });

  it("the appendix says the same", async () => {
    const r = await compose({
      templateDir,
      dataset: revised,
      previous: y2005,
      audience: "full",
      figures: false,
      cache,
    });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const text = JSON.stringify(r.document);
    expect(text).toContain("(+2.0 percentage points).");
    expect(text).toContain("(−23.0 percentage points).");
  });
});
