/**
 * The pure parts of `pnpm bench` (bench/whole): the statistics, the results
 * table, and the peers' reference brief. The timings themselves are never
 * asserted: the machine is shared and noisy.
 */
import { describe, expect, it } from "vitest";
import { makePeerBrief, peerMarkdown, peerTypst } from "../bench/whole/peer-brief.js";
import {
  median,
  pairedRatio,
  type Row,
  ratioCell,
  resultsTable,
  type Sample,
  type Side,
  summary,
} from "../bench/whole/stats.js";

const sample = (wallMs: number, peakMb?: number, cpuMs?: number): Sample => ({
  wallMs,
  peakMb,
  cpuMs,
});
const measured = (walls: number[], bytes?: number): Side => ({
  kind: "measured",
  samples: walls.map((w) => sample(w, w / 10, w * 2)),
  bytes,
});

describe("median", () => {
  it("the middle value of an odd count, whatever the order", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([7, 2, 9, 4, 1, 8, 3])).toBe(4);
  });
  it("the mean of the middle two of an even count", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it("refuses an empty list", () => {
    expect(() => median([])).toThrow(/empty/);
  });
  it("does not reorder its argument", () => {
    const xs = [3, 1, 2];
    median(xs);
    expect(xs).toEqual([3, 1, 2]);
  });
});

describe("pairedRatio", () => {
  it("the median of the per-pair ratios, not the ratio of the medians", () => {
    // Pairs: 2, 2, 10 (a burst of load hit the third pair's A) → 2.
    expect(pairedRatio([2, 4, 30], [1, 2, 3])).toBe(2);
    // Pairs 1, 3, 4 → 3, where the medians' ratio is 8 / 2 = 4.
    expect(pairedRatio([1, 9, 8], [1, 3, 2])).toBe(3);
    expect(median([1, 9, 8]) / median([1, 3, 2])).toBe(4);
  });
  it("ignores the runs beyond the shorter side", () => {
    expect(pairedRatio([2, 2, 100], [1, 1])).toBe(2);
  });
  it("refuses no pairs and a zero time", () => {
    expect(() => pairedRatio([], [1])).toThrow(/no pairs/);
    expect(() => pairedRatio([1], [0])).toThrow(/pair 1/);
  });
});

describe("summary and ratioCell", () => {
  it("medians of wall, CPU and peak; the spread of wall", () => {
    expect(summary(measured([300, 100, 200]))).toEqual({
      wallMs: 200,
      minMs: 100,
      maxMs: 300,
      cpuMs: 400,
      peakMb: 20,
    });
  });
  it("a figure only some runs have is left out", () => {
    const side: Side = {
      kind: "measured",
      samples: [sample(1, 5), sample(2, undefined)],
      bytes: undefined,
    };
    expect(summary(side)?.peakMb).toBeUndefined();
  });
  it("paired when both sides ran as often, else the medians' ratio; – for a missing side", () => {
    // Pairs 10, 15, 8.7 → 10, where the medians' ratio is 2600 / 200 = 13.
    expect(ratioCell(measured([1000, 3000, 2600]), measured([100, 200, 300]))).toBe("10.0×");
    expect(ratioCell(measured([1000, 3000]), measured([500]))).toBe("4.0×");
    expect(ratioCell(measured([1000]), { kind: "missing", reason: "no pandoc" })).toBe("–");
  });
});

describe("resultsTable", () => {
  const rows: Row[] = [
    {
      work: "cold full paper",
      briefkit: measured([2150, 2000, 2300], 700 * 1024),
      peer: { ...measured([220, 200, 250], 400 * 1024), note: "Typst ∥ pandoc" } as Side,
      target: "≤ 1.2 s",
    },
    {
      work: "batch",
      briefkit: measured([12_500]),
      peer: { kind: "missing", reason: "pandoc not found" },
      target: "≤ 12 s",
    },
  ];
  const text = resultsTable(rows);
  const lines = text.split("\n");

  it("a header, a rule and one line per row, each with as many cells", () => {
    const cells = (line: string) => line.split("|").length;
    expect(lines[1]).toMatch(/^\|---\|/);
    expect(lines.slice(0, 4).map(cells)).toEqual(Array(4).fill(cells(lines[0]!)));
  });
  it("prints the medians, spreads, ratio, peaks, bytes and target of a row", () => {
    expect(lines[2]).toBe(
      "| cold full paper | **2.15 s** (2.00–2.30) | **0.22 s** (0.20–0.25) | 9.8× | 4.30 s | 215 / 22 | 700 KB / 400 KB | ≤ 1.2 s |",
    );
  });
  it("says why a side is missing instead of failing, and tens of seconds with one decimal", () => {
    expect(lines[3]).toBe(
      "| batch | **12.5 s** | – (pandoc not found) | – | 25.0 s | 1250 / – | – / – | ≤ 12 s |",
    );
  });
  it("lists each side's note under the table", () => {
    expect(lines.slice(4)).toEqual(["", "- cold full paper, peer: Typst ∥ pandoc"]);
  });
});

describe("the peers' reference brief", () => {
  const reference = makePeerBrief(0);
  const words = (b: typeof reference) =>
    b.sections
      .flatMap((s) => s.blocks)
      .map((x) => (x.kind === "paragraph" ? x.text.split(" ").length : 0))
      .reduce((a, n) => a + n, 0);

  it("ten sections of about 300 words, three tables and four charts", () => {
    expect(reference.sections).toHaveLength(10);
    for (const s of reference.sections) {
      const n = s.blocks.map((b) => (b.kind === "paragraph" ? b.text.split(" ").length : 0));
      expect(n.reduce((a, x) => a + x, 0)).toBeGreaterThanOrEqual(300);
      expect(n.reduce((a, x) => a + x, 0)).toBeLessThan(340);
    }
    const blocks = reference.sections.flatMap((s) => s.blocks);
    expect(blocks.filter((b) => b.kind === "table")).toHaveLength(3);
    expect(
      blocks.filter((b) => b.kind === "figure").map((b) => b.kind === "figure" && b.id),
    ).toEqual(["f1", "f2", "f3", "f4"]);
    expect(Object.keys(reference.charts).sort()).toEqual(["f1", "f2", "f3", "f4"]);
  });

  it("the same variant twice is the same brief; another variant has other figures and order", () => {
    expect(peerMarkdown(makePeerBrief(3))).toBe(peerMarkdown(makePeerBrief(3)));
    expect(peerMarkdown(makePeerBrief(3))).not.toBe(peerMarkdown(reference));
    const trade = (i: number) =>
      makePeerBrief(i)
        .sections.flatMap((s) => s.blocks)
        .find((b) => b.kind === "table")!;
    expect(trade(0)).not.toEqual(trade(1));
    expect(words(makePeerBrief(1))).toBeGreaterThan(3000);
  });

  it("the reference's figures are the essay's Table 1", () => {
    const md = peerMarkdown(reference);
    expect(md).toContain("| 2004 | 5.7 | 3.1 | 8.8 |");
    expect(md).toContain("|:---|---:|---:|---:|");
    expect(md).toContain("Table: Table 1. Russia's trade with Japan, US$ billion");
    expect(md).toContain(
      "![Figure 4. Composition of Russia's exports to Japan, per cent](f4.png){width=9cm}",
    );
  });

  it("Typst: markup characters in text are escaped, figures are the SVGs", () => {
    const typ = peerTypst(reference);
    expect(typ).toContain("[Table 1. Russia's trade with Japan, US\\$ billion]");
    expect(typ).toContain('#figure(image("f1.svg", width: 90%)');
    expect(typ).toContain("  [2004], [5.7], [3.1], [8.8],");
    // No unescaped $ (maths mode) outside code: every $ in the text is preceded by a backslash.
    expect(typ.match(/[^\\]\$/g)).toBeNull();
  });
});
