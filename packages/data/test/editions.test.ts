/**
 * Editions: the synthetic 2006 edition (test data, not real figures) loads,
 * `diffDatasets(2005, 2006)` lists exactly its changes, and `listEditions`
 * catches two vintages with one id and a misnamed edition folder.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import {
  type CellChange,
  type Dataset,
  diffDatasets,
  formatIssue,
  listEditions,
  loadDataset,
} from "../src/index.js";

const root = resolve(import.meta.dirname, "../../..");
const edition2005 = join(root, "data/russia-japan/2005");
const edition2006 = resolve(import.meta.dirname, "fixtures/editions/russia-japan-2006");

async function load(dir: string): Promise<Dataset> {
  const r = await loadDataset(dir);
  if (!r.ok) throw new Error(r.issues.map((i) => formatIssue(i, root)).join("\n"));
  return r.dataset;
}

/** A copy of the 2005 edition in a temporary folder, with dataset.yaml edited. */
function copy2005(edit: (yaml: string) => string, into?: string): string {
  const dir = into ?? join(mkdtempSync(join(tmpdir(), "briefkit-editions-")), "2005");
  cpSync(edition2005, dir, { recursive: true });
  const file = join(dir, "dataset.yaml");
  writeFileSync(file, edit(readFileSync(file, "utf8")));
  return dir;
}

const usd = (scale: "billion" | "million") => ({ unit: "USD", scale });
const added = (
  column: string,
  key: Record<string, string>,
  period: string,
  to: number,
  toRaw: string,
  scale: "billion" | "million",
): CellChange => ({ kind: "added", column, key, period, to, toRaw, ...usd(scale) });

describe("the synthetic 2006 edition", () => {
  test("loads with warnings only (the essay's rounding and one missing region)", async () => {
    const r = await loadDataset(edition2006);
    expect(r.ok).toBe(true);
    expect(r.issues.every((i) => i.severity === "warning")).toBe(true);
    expect(r.ok && r.dataset.meta).toMatchObject({
      edition: "2006",
      published: "2006-09-01",
      dataAsOf: "2006-06-30",
    });
    expect(r.ok && r.dataset.meta.description).toMatch(/^SYNTHETIC TEST DATA, NOT REAL FIGURES/);
    expect(relative(root, edition2006).startsWith("data/")).toBe(false);
  });

  test("diffDatasets(2005, 2006) lists exactly the synthetic changes", async () => {
    const diff = diffDatasets(await load(edition2005), await load(edition2006));
    expect(diff.issues).toEqual([]);
    expect(diff.facts).toEqual([]);
    expect([diff.from.edition, diff.to.edition]).toEqual(["2005", "2006"]);
    expect(diff.tables.map((t) => [t.table, t.status])).toEqual([
      ["bilateral-trade", "changed"],
      ["jbic-loans", "unchanged"],
      ["far-east-trade", "changed"],
      ["russia-exports-to-japan-by-product", "unchanged"],
      ["far-east-exports-by-product", "unchanged"],
      ["japan-imports-from-far-east-by-product", "unchanged"],
      ["japan-exports-to-far-east-by-product", "unchanged"],
      ["far-east-trade-partners", "unchanged"],
      ["far-east-trade-with-japan-by-province", "unchanged"],
      ["far-east-japanese-investment-by-province", "unchanged"],
    ]);

    const bilateral = diff.tables[0]!;
    expect(bilateral).toEqual({
      table: "bilateral-trade",
      title: "Russia–Japan bilateral trade, 1998–2006",
      status: "changed",
      properties: [
        {
          property: "title",
          from: "Russia–Japan bilateral trade, 1998–2005",
          to: "Russia–Japan bilateral trade, 1998–2006",
        },
      ],
      columnsAdded: [],
      columnsRemoved: [],
      periodsAdded: ["2005", "2006-H1"],
      periodsRemoved: [],
      keysAdded: [],
      keysRemoved: [],
      cells: [
        {
          kind: "revised",
          column: "exports",
          key: {},
          period: "2003",
          from: 4.2,
          to: 4.3,
          fromRaw: "4.2",
          toRaw: "4.3",
          change: 0.1,
          changePercent: 2.38,
          ...usd("billion"),
        },
        {
          kind: "revised",
          column: "total",
          key: {},
          period: "2003",
          from: 5.9,
          to: 6,
          fromRaw: "5.9",
          toRaw: "6.0",
          change: 0.1,
          changePercent: 1.69,
          ...usd("billion"),
        },
        added("exports", {}, "2005", 6.6, "6.6", "billion"),
        added("imports", {}, "2005", 4.1, "4.1", "billion"),
        added("total", {}, "2005", 10.7, "10.7", "billion"),
        added("exports", {}, "2006-H1", 3.5, "3.5", "billion"),
        added("imports", {}, "2006-H1", 2.4, "2.4", "billion"),
        added("total", {}, "2006-H1", 5.9, "5.9", "billion"),
      ],
    });

    const fe = diff.tables[2]!;
    expect(fe.properties.map((p) => p.property)).toEqual(["title", "notes"]);
    expect(fe.properties[0]).toEqual({
      property: "title",
      from: "Far Eastern Russia — bilateral trade with Japan, 1998–2003",
      to: "Far Eastern Russia — bilateral trade with Japan, 1998–2004",
    });
    expect(fe).toMatchObject({
      columnsAdded: [],
      columnsRemoved: [],
      periodsAdded: ["2004"],
      periodsRemoved: [],
      keysAdded: [{ region: "Chukotka" }],
      keysRemoved: [],
    });
    const r = (region: string) => ({ region });
    const y2004: [string, number, string, number, string][] = [
      ["Yakutia", 150.2, "150.2", 12.5, "12.5"],
      ["Primorskiy Krai", 170.4, "170.4", 240.3, "240.3"],
      ["Khabarovskiy Krai", 180.6, "180.6", 85.1, "85.1"],
      ["Amurskaya Oblast", 25.3, "25.3", 2.2, "2.2"],
      ["Kamchatskaya Oblast", 75.8, "75.8", 15, "15.0"],
      ["Magadanskaya Oblast", 22.4, "22.4", 13.6, "13.6"],
      ["Sakhalinskaya Oblast", 320.7, "320.7", 160.9, "160.9"],
      ["Chukotka", 5.1, "5.1", 3.4, "3.4"],
    ];
    const revisedTotal = (
      column: string,
      from: number,
      to: number,
      change: number,
      pct: number,
    ) => ({
      kind: "revised",
      column,
      key: r("Total"),
      period: "2002",
      from,
      to,
      fromRaw: from.toFixed(1),
      toRaw: to.toFixed(1),
      change,
      changePercent: pct,
      ...usd("million"),
    });
    expect(fe.cells).toEqual([
      {
        kind: "missing-filled",
        column: "exports",
        key: r("Yakutia"),
        period: "2002",
        from: null,
        to: 95.4,
        fromRaw: "—",
        toRaw: "95.4",
        ...usd("million"),
      },
      {
        kind: "missing-filled",
        column: "imports",
        key: r("Yakutia"),
        period: "2002",
        from: null,
        to: 8.2,
        fromRaw: "—",
        toRaw: "8.2",
        ...usd("million"),
      },
      ...y2004.flatMap(([region, e, eRaw, i, iRaw]) => [
        added("exports", r(region), "2004", e, eRaw, "million"),
        added("imports", r(region), "2004", i, iRaw, "million"),
      ]),
      // The 2002 Total row rises by Yakutia's filled figures.
      revisedTotal("exports", 649.3, 744.7, 95.4, 14.69),
      revisedTotal("imports", 165.1, 173.3, 8.2, 4.97),
      revisedTotal("trade", 814.4, 918, 103.6, 12.72),
      added("exports", r("Total"), "2004", 950.5, "950.5", "million"),
      added("imports", r("Total"), "2004", 533, "533.0", "million"),
      added("trade", r("Total"), "2004", 1483.5, "1483.5", "million"),
    ]);
    // Every unchanged table has nothing listed.
    for (const t of diff.tables.filter((t) => t.status === "unchanged")) {
      expect([t.properties, t.periodsAdded, t.periodsRemoved, t.keysAdded, t.cells].flat()).toEqual(
        [],
      );
    }
  });

  test("the diff is plain, deterministic JSON", async () => {
    const [a, b] = [await load(edition2005), await load(edition2006)];
    const one = JSON.stringify(diffDatasets(a, b));
    expect(JSON.stringify(diffDatasets(await load(edition2005), await load(edition2006)))).toBe(
      one,
    );
    expect(JSON.stringify(JSON.parse(one))).toBe(one);
  });

  test("the reverse diff: removed cells, became-missing, removed period and key", async () => {
    const diff = diffDatasets(await load(edition2006), await load(edition2005));
    const fe = diff.tables.find((t) => t.table === "far-east-trade")!;
    expect(fe.periodsRemoved).toEqual(["2004"]);
    expect(fe.keysRemoved).toEqual([{ region: "Chukotka" }]);
    expect(fe.cells.filter((c) => c.kind === "became-missing")).toMatchObject([
      { column: "exports", key: { region: "Yakutia" }, period: "2002", from: 95.4, to: null },
      { column: "imports", key: { region: "Yakutia" }, period: "2002", from: 8.2, to: null },
    ]);
    const kinds = fe.cells.map((c) => c.kind);
    expect(kinds.filter((k) => k === "removed")).toHaveLength(19);
    expect(kinds.filter((k) => k === "revised")).toHaveLength(3);
    const bt = diff.tables[0]!;
    expect(bt.periodsRemoved).toEqual(["2005", "2006-H1"]);
    expect(bt.cells.find((c) => c.column === "total" && c.kind === "revised")).toMatchObject({
      from: 6,
      to: 5.9,
      change: -0.1,
      changePercent: -1.67,
    });
  });
});

describe("what a diff refuses or reports", () => {
  test("a unit or scale changed between editions is an error at the new column, not a revision", async () => {
    const dir = copy2005((y) =>
      y
        .replace(
          "      - name: amount\n        type: number\n        unit: USD\n",
          "      - name: amount\n        type: number\n        unit: JPY\n",
        )
        .replace(
          "        unit: years\n        min: 0\n",
          "        unit: years\n        scale: thousand\n        min: 0\n",
        ),
    );
    // Restated amounts: not revisions while the unit differs.
    const csv = join(dir, "jbic-loans.csv");
    writeFileSync(csv, readFileSync(csv, "utf8").replace(",5,60,", ",5,6600,"));
    const diff = diffDatasets(await load(edition2005), await load(dir));
    const yaml = readFileSync(join(dir, "dataset.yaml"), "utf8").split("\n");
    const unitLine = yaml.indexOf("        unit: JPY") + 1;
    const scaleLine = yaml.indexOf("        scale: thousand") + 1;
    expect(diff.issues.map((i) => [i.code, i.severity, i.file, i.line, i.column])).toEqual([
      ["scale-changed", "error", join(dir, "dataset.yaml"), scaleLine, 16],
      ["unit-changed", "error", join(dir, "dataset.yaml"), unitLine, 15],
    ]);
    expect(diff.issues[1]?.message).toContain("USD");
    expect(diff.issues[1]?.message).toContain("JPY");
    expect(diff.tables.find((t) => t.table === "jbic-loans")?.cells).toEqual([]);
  });

  test("facts: added, removed and revised (value, qualifier, unit)", async () => {
    const dir = copy2005((y) =>
      y
        .replace(
          "  - id: portsmouth-treaty-year\n",
          "  - id: a-new-fact\n    label: New\n    value: 3\n    unit: count\n    source: essay\n  - id: portsmouth-treaty-year\n",
        )
        .replace(/ {2}- id: ww2-end-anniversary\n(?: {4}.*\n)+/, "")
        .replace(
          "  - id: star-of-hope-phase-two-submarines\n    label: Russian nuclear submarines to be dismantled in phase two of the “Star of Hope” project\n    value: 5\n",
          "  - id: star-of-hope-phase-two-submarines\n    label: Russian nuclear submarines to be dismantled in phase two of the “Star of Hope” project\n    value: 6\n    qualifier: about\n",
        ),
    );
    const diff = diffDatasets(await load(edition2005), await load(dir));
    expect(diff.facts.map((f) => [f.kind, f.fact, f.changed])).toEqual([
      ["added", "a-new-fact", []],
      ["revised", "star-of-hope-phase-two-submarines", ["value", "qualifier"]],
      ["removed", "ww2-end-anniversary", []],
    ]);
    expect(diff.facts[1]).toMatchObject({
      from: { value: 5, qualifier: "exact", unit: "count" },
      to: { value: 6, qualifier: "about" },
      change: 1,
      changePercent: 20,
    });
  });
});

describe("a change of a percentage is in percentage points", () => {
  test("a percent column, a percent fact and a fraction fact: changePoints, never changePercent", async () => {
    const dir = copy2005((y) =>
      y
        .replace(
          "  - id: japan-imports-from-east-asia-share-2001\n    label: East Asia’s share of Japan’s imports in 2001\n    value: 43\n",
          "  - id: japan-imports-from-east-asia-share-2001\n    label: East Asia’s share of Japan’s imports in 2001\n    value: 45\n",
        )
        .replace(/(- id: sakhalin-2-lng-japan-share\n(?: {4}.*\n)*? {4}value: )0\.5\n/, "$10.6\n"),
    );
    const csv = join(dir, "russia-exports-to-japan-by-product.csv");
    writeFileSync(csv, readFileSync(csv, "utf8").replace("Timber,11\n", "Timber,13\n"));
    const diff = diffDatasets(await load(edition2005), await load(dir));
    const cells = diff.tables.find((t) => t.table === "russia-exports-to-japan-by-product")?.cells;
    // 11% → 13% is 2 points; in per cent of 11 it would read +18.18%.
    expect(cells).toEqual([
      {
        kind: "revised",
        column: "share",
        key: { product: "Timber" },
        period: null,
        from: 11,
        to: 13,
        fromRaw: "11",
        toRaw: "13",
        change: 2,
        changePoints: 2,
        unit: "percent",
        scale: "one",
      },
    ]);
    const facts = Object.fromEntries(diff.facts.map((f) => [f.fact, f]));
    expect(facts["japan-imports-from-east-asia-share-2001"]).toMatchObject({
      change: 2,
      changePoints: 2,
    });
    expect(facts["japan-imports-from-east-asia-share-2001"]).not.toHaveProperty("changePercent");
    // A fraction: 0.5 → 0.6 is 10 percentage points.
    expect(facts["sakhalin-2-lng-japan-share"]).toMatchObject({ change: 0.1, changePoints: 10 });
    expect(facts["sakhalin-2-lng-japan-share"]).not.toHaveProperty("changePercent");
  });
});

describe("listEditions", () => {
  test("the shipped topic: its editions, oldest first, and no problems", async () => {
    const list = await listEditions(join(root, "data/russia-japan"));
    expect(list.ok).toBe(true);
    expect(list.issues).toEqual([]);
    expect(list.editions[0]).toMatchObject({
      edition: "2005",
      folder: "2005",
      dir: edition2005,
      published: "2005-09-08",
    });
  });

  test("a missing topic folder has no editions", async () => {
    expect(await listEditions(join(tmpdir(), "briefkit-no-such-topic"))).toEqual({
      ok: true,
      editions: [],
      issues: [],
    });
  });

  test("numbers order as numbers: 2005, 2006, 2010", async () => {
    const topic = mkdtempSync(join(tmpdir(), "briefkit-topic-"));
    for (const e of ["2010", "2005", "2006"]) {
      copy2005((y) => y.replace('edition: "2005"', `edition: "${e}"`), join(topic, e));
    }
    mkdirSync(join(topic, "notes")); // no dataset.yaml: not an edition
    const list = await listEditions(topic);
    expect(list.editions.map((e) => e.edition)).toEqual(["2005", "2006", "2010"]);
    expect(list.ok).toBe(true);
  });

  test("two vintages with one id, and a folder named otherwise than its edition", async () => {
    const topic = mkdtempSync(join(tmpdir(), "briefkit-topic-"));
    copy2005((y) => y, join(topic, "2005"));
    copy2005((y) => y, join(topic, "2005-copy"));
    copy2005((y) => y.replace('edition: "2005"', 'edition: "2007"'), join(topic, "2006"));
    const list = await listEditions(topic);
    expect(list.ok).toBe(false);
    expect(list.issues.map((i) => [i.code, relative(topic, i.file), i.line, i.column])).toEqual([
      ["duplicate-edition", "2005-copy/dataset.yaml", 4, 10],
      ["edition-folder-mismatch", "2005-copy/dataset.yaml", 4, 10],
      ["edition-folder-mismatch", "2006/dataset.yaml", 4, 10],
    ]);
    expect(list.issues[0]?.message).toContain('"2005"');
    expect(list.editions.map((e) => [e.edition, e.folder])).toEqual([
      ["2005", "2005"],
      ["2005", "2005-copy"],
      ["2007", "2006"],
    ]);
  });
});
