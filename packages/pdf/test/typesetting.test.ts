/**
 * Typesetting (src/typesetting.ts and the keep-with-next rule): the pure
 * rules, then PDFs written by the writer and read back with poppler's
 * `pdftotext -bbox-layout`:
 * - a justified paragraph where figures, punctuation, hyphens, dashes,
 *   ordinals and a note reference meet: every word whole, every line's
 *   spaces equal, no line starting with punctuation;
 * - paragraphs swept across the foot of a page: never one of their lines
 *   alone on a page; a long paragraph's look-aheads build a few lines per
 *   line set, not the rest of the page each time;
 * - a heading swept across the foot of a page: never the last line there.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  buildDocument,
  type DraftBlock,
  emph,
  footnote,
  heading,
  houseTheme,
  type Inline,
  lineBreak,
  list,
  type Meta,
  noteRef,
  num,
  para,
} from "@briefkit/document";
import { afterAll, describe, expect, it } from "vitest";
import { writePdf } from "../src/index.js";
import { geometry } from "../src/layout.js";
import { breakBeforeLine, justifyAtSpaces, type LineSituation } from "../src/typesetting.js";
import { type BoxWord, boxLines, context, options } from "./helpers.js";

describe("justifyAtSpaces", () => {
  it("opens the extra width only after pieces that end in a space", () => {
    expect(justifyAtSpaces(["ranks ", "11", "th ", "among"], 6)).toEqual({
      offsets: [0, 3, 3, 6],
      gaps: [0, 3, 0, 3],
    });
  });

  it("leaves a line without a space alone: no gap after a hyphen, dash or figure", () => {
    expect(justifyAtSpaces(["expert-", "level"], 5)).toEqual({ offsets: [0, 0], gaps: [0, 0] });
    expect(justifyAtSpaces(["1992–", "2001", ";"], 5).offsets).toEqual([0, 0, 0]);
  });

  it("counts a piece of spaces alone, and never the line's trailing space", () => {
    expect(justifyAtSpaces(["Notes.", " ", "Then ", "more "], 4)).toEqual({
      offsets: [0, 0, 2, 4],
      gaps: [0, 0, 2, 2],
    });
  });
});

describe("justifyAtSpaces in Japanese", () => {
  it("spreads the extra width between Japanese characters, which have no spaces", () => {
    expect(justifyAtSpaces(["日", "本", "は、", "今"], 3)).toEqual({
      offsets: [0, 1, 2, 3],
      gaps: [0, 1, 1, 1],
    });
  });

  it("opens no gap where Japanese meets Latin without a space, and one at a space", () => {
    expect(justifyAtSpaces(["年に", "88", "億", "Shell ", "と"], 4)).toEqual({
      offsets: [0, 0, 0, 0, 4],
      gaps: [0, 0, 0, 0, 4],
    });
  });
});

describe("breakBeforeLine (orphans and widows of 2)", () => {
  const line = 13.5;
  const at = (placed: number, remaining: number, fit: number, more = false): LineSituation => ({
    placed,
    heights: Array.from({ length: remaining }, () => line),
    more,
    room: fit * line + 1,
    atTop: false,
    orphans: 2,
    widows: 2,
  });

  it("leaves a paragraph that fits, or that nothing of fits", () => {
    expect(breakBeforeLine(at(0, 5, 5))).toBe(false);
    expect(breakBeforeLine(at(0, 5, 0))).toBe(false);
  });

  it("moves a paragraph whose first line alone would end the page (orphan)", () => {
    expect(breakBeforeLine(at(0, 5, 1))).toBe(true);
    expect(breakBeforeLine(at(0, 5, 1, true))).toBe(true);
  });

  it("breaks one line early so that two go over (widow), once two stay", () => {
    // Five lines, room for four: set three, then break before the fourth.
    expect(breakBeforeLine(at(0, 5, 4))).toBe(false);
    expect(breakBeforeLine(at(1, 4, 3))).toBe(false);
    expect(breakBeforeLine(at(2, 3, 2))).toBe(false);
    expect(breakBeforeLine(at(3, 2, 1))).toBe(true);
  });

  it("moves a paragraph too short to keep two lines on each side", () => {
    expect(breakBeforeLine(at(0, 3, 2))).toBe(true);
    expect(breakBeforeLine(at(0, 2, 1))).toBe(true);
    expect(breakBeforeLine(at(0, 4, 3))).toBe(false);
  });

  it("does nothing at the head of a page, where moving cannot help", () => {
    expect(breakBeforeLine({ ...at(0, 5, 1), atTop: true })).toBe(false);
  });

  it("splits a paragraph longer than what is still to build", () => {
    expect(breakBeforeLine(at(0, 4, 3, true))).toBe(false);
  });
});

const meta: Meta = {
  title: "Typesetting",
  organisation: "Institute",
  edition: "2005",
  date: "2005-09-08",
  language: "en-GB",
  keywords: [],
};

const dir = mkdtempSync(join(tmpdir(), "briefkit-pdf-typesetting-"));
afterAll(() => (process.env.KEEP ? undefined : rmSync(dir, { recursive: true, force: true })));

/** The document's lines as poppler reads them (the running header and footer left out). */
async function lines(blocks: DraftBlock[], name: string, notes = 0): Promise<BoxWord[][]> {
  const doc = buildDocument(
    meta,
    blocks,
    Array.from({ length: notes }, (_, i) => footnote(i + 1, [para("A note.")])),
  );
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, await writePdf(doc, options, context()));
  return boxLines(file).lines.filter((l) => {
    const y = l[0]?.yMin ?? 0;
    return y >= margins[1] - 1 && y <= pageHeight - margins[3];
  });
}

const { margins, pageHeight, pageWidth } = geometry(houseTheme());
const right = pageWidth - margins[2];
const fact = { fact: "f" };

/** One sentence where runs meet without a space, varied by `i` so its lines break in other places. */
function sentence(i: number): Inline[] {
  return [
    { type: "text", value: `${"Then ".repeat(i % 4)}In 2004 growth reached ` },
    num(7, "7%", fact),
    { type: "text", value: "; the " },
    emph("expert"),
    { type: "text", value: "-level talks of 1992–2001 ranked it " },
    num(11, "11", fact),
    { type: "text", value: "th, with trade (" },
    num(377, "US$377 million", fact),
    { type: "text", value: ") a year" },
    noteRef(1),
    { type: "text", value: " and a policy-oriented, long-held plan for " },
    num(2.1, "2.1 million barrels a day", fact),
    { type: "text", value: ". " },
  ];
}

describe("a justified paragraph where runs meet", () => {
  const paragraph = () =>
    lines([para(...Array.from({ length: 14 }, (_, i) => sentence(i)).flat())], "runs", 1);

  it("reads every word whole where the source has no space", async () => {
    const all = await paragraph();
    const words = all.flat().map((w) => w.text);
    for (const word of ["7%;", "expert-level", "1992–2001", "11th,", "(US$377", "policy-oriented,"])
      expect(words.filter((w) => w === word).length, word).toBeGreaterThanOrEqual(10);
    expect(words.filter((w) => w.startsWith("million)")).length).toBeGreaterThanOrEqual(12);
    // A line may end after a hyphen or dash; inside a line, no piece stands apart.
    const inside = all.flatMap((line) => line.slice(0, -1).map((w) => w.text));
    for (const piece of ["7%", ";", "expert-", "1992–", "11", "th,", "(", ")", "policy-"])
      expect(inside, piece).not.toContain(piece);
  });

  it("sets the note reference against its word", async () => {
    const all = (await paragraph()).flat();
    const refs = all.filter((w, i) => /^(a )?year1$|^1$/.test(w.text) && i > 0);
    expect(refs.length).toBeGreaterThanOrEqual(12);
    for (const ref of refs.filter((w) => w.text === "1")) {
      const before = all[all.indexOf(ref) - 1];
      expect(ref.xMin - (before?.xMax ?? 0)).toBeLessThan(0.4);
    }
  });

  it("spaces each justified line's words evenly, a figure's own spaces too", async () => {
    const justified = (await paragraph()).filter((l) => (l.at(-1)?.xMax ?? 0) > right - 0.5);
    expect(justified.length).toBeGreaterThanOrEqual(20);
    for (const line of justified) {
      // pdftotext parts a note reference from its word with no gap: that is no space.
      const gaps = line
        .slice(1)
        .map((w, i) => w.xMin - (line[i]?.xMax ?? 0))
        .filter((gap) => gap > 0.4);
      const text = line.map((w) => w.text).join(" ");
      expect(Math.min(...gaps), text).toBeGreaterThan(2);
      expect(Math.max(...gaps) - Math.min(...gaps), text).toBeLessThan(0.3);
    }
  });

  it("starts no line with punctuation or an ordinal's suffix, ends none with a bracket", async () => {
    for (const line of await paragraph()) {
      const text = line.map((w) => w.text).join(" ");
      expect(text, text).not.toMatch(/^[,.;:)]|^th\b|\($/);
    }
  });
});

/** A paragraph of `n` lines, each a hard line break apart, its words `word`. */
const lined = (n: number, word: string) =>
  para(
    ...Array.from({ length: n }, (_, i) => [
      ...(i > 0 ? [lineBreak()] : []),
      { type: "text" as const, value: `${word} ${i + 1} of the paragraph` },
    ]).flat(),
  );

/** How many lines holding `word` each page has, for the pages that have any. */
function perPage(all: readonly BoxWord[][], word: string): Map<number, number> {
  const counts = new Map<number, number>();
  for (const line of all) {
    const page = line[0]?.page;
    if (page === undefined || !line.some((w) => w.text === word)) continue;
    counts.set(page, (counts.get(page) ?? 0) + 1);
  }
  return counts;
}

/** Filler lines that bring what follows to the foot of page 1, one more line each step. */
const SWEEP = Array.from({ length: 12 }, (_, i) => 37 + i);

describe("orphans and widows", () => {
  const cases: Array<{ name: string; size: number; block: () => DraftBlock }> = [
    ...[2, 3, 5].map((size) => ({
      name: `a ${size}-line paragraph`,
      size,
      block: () => lined(size, "kept"),
    })),
    { name: "a 3-line list item", size: 3, block: () => list(false, [[lined(3, "kept")]]) },
  ];
  for (const { name, size, block } of cases) {
    it(`never leaves one line of ${name} alone on a page`, async () => {
      const seen: Array<Map<number, number>> = [];
      for (const filler of SWEEP) {
        const all = await lines([lined(filler, "filler"), block()], `keep-${name}-${filler}`);
        const counts = perPage(all, "kept");
        expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(size);
        for (const c of counts.values())
          expect(c, `${filler} filler lines: ${[...counts]}`).toBeGreaterThanOrEqual(2);
        seen.push(counts);
      }
      // The sweep crosses the foot of page 1: all on page 1 first, on page 2 at the end.
      expect(seen[0]?.get(1)).toBe(size);
      expect(seen.at(-1)?.has(1)).toBe(false);
      // A paragraph long enough for two lines on each side is split, not moved.
      if (size >= 4) expect(seen.some((c) => c.size === 2)).toBe(true);
    });
  }
});

describe("keep-with-next past the running footer", () => {
  it("never leaves a heading last on its page", async () => {
    for (const filler of SWEEP) {
      const all = await lines(
        [lined(filler, "filler"), heading(1, "Stranded heading"), lined(4, "after")],
        `heading-${filler}`,
      );
      const at = all.findIndex((l) => l.map((w) => w.text).join(" ") === "1 Stranded heading");
      expect(at, `${filler} filler lines`).toBeGreaterThanOrEqual(0);
      expect(all[at + 1]?.[0]?.page, `${filler} filler lines`).toBe(all[at]?.[0]?.page);
    }
  });
});

describe("the orphans and widows look-ahead", () => {
  /** Every line pdfmake builds, its own and the look-ahead's: its Line class, counted. */
  async function linesBuilt(blocks: DraftBlock[], name: string): Promise<number> {
    const mod = createRequire(import.meta.url)("pdfmake/js/Line.js") as {
      default: new (...args: unknown[]) => object;
    };
    const Line = mod.default;
    let built = 0;
    mod.default = class extends Line {
      constructor(...args: unknown[]) {
        super(...args);
        built += 1;
      }
    };
    try {
      await lines(blocks, name);
    } finally {
      mod.default = Line;
    }
    return built;
  }

  it("builds a few lines ahead per line of a long paragraph, not the rest of its page", async () => {
    // 120 lines: three pages of one paragraph. Building what fits on the page
    // before each line, as the look-ahead did, took about 25 lines per line here.
    const n = 120;
    const built = await linesBuilt([lined(n, "long")], "look-ahead-long");
    const short = await linesBuilt([lined(2, "short")], "look-ahead-short");
    const perLine = (built - short) / (n - 2);
    // Each line: itself and widows + 1 (3) ahead; the first two lines of each
    // page look as far as the page's end (about 50 lines each).
    expect(perLine).toBeGreaterThanOrEqual(4);
    expect(perLine).toBeLessThan(8);
  });
});
