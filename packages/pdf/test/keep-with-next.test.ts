/**
 * Keep-with-next (src/keep-with-next.ts): the rule on what the look-ahead
 * saw, the copies it lays out, and, on real PDFs read back with poppler
 * (`pdftotext -bbox-layout`), headings swept down to the foot of page 1 one
 * line at a time: never last on their page, and laid out in one pass
 * (pdfmake's `LayoutBuilder#tryLayoutDocument`, counted).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  buildDocument,
  type DraftBlock,
  footnote,
  heading,
  houseTheme,
  keyFigures,
  lineBreak,
  type Meta,
  noteRef,
  num,
  para,
} from "@briefkit/document";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writePdf } from "../src/index.js";
import { fork, keepsWithNext, type LookAhead, moveBefore } from "../src/keep-with-next.js";
import { geometry } from "../src/layout.js";
import { type BoxWord, boxLines, context, options } from "./helpers.js";

describe("moveBefore", () => {
  const seen = (over: Partial<LookAhead> = {}): LookAhead => ({
    nodeItems: 1,
    nodeEnds: true,
    ratio: 0.5,
    next: { items: 2, ends: false },
    ...over,
  });

  it("keeps a heading whose next block starts under it", () => {
    expect(moveBefore(seen())).toBe(false);
  });

  it("moves a heading whose next block sets nothing under it", () => {
    expect(moveBefore(seen({ next: { items: 0, ends: false } }))).toBe(true);
  });

  it("moves a heading that does not end on the page, or whose run of headings does not", () => {
    expect(moveBefore(seen({ nodeEnds: false }))).toBe(true);
  });

  it("at the foot of the page, moves a heading whose next block runs over, not one that ends there", () => {
    expect(moveBefore(seen({ ratio: 0.9 }))).toBe(true);
    expect(moveBefore(seen({ ratio: 0.9, next: { items: 3, ends: true } }))).toBe(false);
  });

  it("leaves a heading nothing of which fits (pdfmake moves it), or with nothing after it", () => {
    expect(
      moveBefore(seen({ nodeItems: 0, nodeEnds: false, next: { items: 0, ends: false } })),
    ).toBe(false);
    expect(moveBefore(seen({ next: undefined }))).toBe(false);
  });
});

describe("keepsWithNext", () => {
  it("holds for headings (pdfmake's headlineLevel) and nodes marked keepWithNext, not for others", () => {
    expect(keepsWithNext({ text: "2.1 Trade", headlineLevel: 2 })).toBe(true);
    expect(keepsWithNext({ text: "Table 1.", keepWithNext: true })).toBe(true);
    expect(keepsWithNext({ text: "Body", keepWithNext: "yes" })).toBe(false);
    expect(keepsWithNext({ text: "Body" })).toBe(false);
  });
});

describe("fork", () => {
  it("copies plain objects and arrays, shares anything else, and keeps shared references shared", () => {
    class Font {}
    const font = new Font();
    const piece = { text: "a", font };
    const node = { _inlines: [piece, piece], positions: [], stack: [{ text: "b" }] };
    const copy = fork(node);
    expect(copy).toEqual(node);
    expect(copy).not.toBe(node);
    expect(copy._inlines).not.toBe(node._inlines);
    expect(copy._inlines[0]).not.toBe(piece);
    expect(copy._inlines[0]?.font).toBe(font);
    expect(copy._inlines[1]).toBe(copy._inlines[0]);
    copy._inlines.shift();
    (copy.stack[0] as { text: string }).text = "c";
    expect(node._inlines.length).toBe(2);
    expect(node.stack[0]?.text).toBe("b");
  });

  it("copies a cycle as a cycle", () => {
    const cell: Record<string, unknown> = { text: "x" };
    cell.self = cell;
    const copy = fork(cell);
    expect(copy.self).toBe(copy);
    expect(copy).not.toBe(cell);
  });
});

const meta: Meta = {
  title: "Keep with next",
  organisation: "Institute",
  edition: "2005",
  date: "2005-09-08",
  language: "en-GB",
  keywords: [],
};

const dir = mkdtempSync(join(tmpdir(), "briefkit-pdf-keep-"));
afterAll(() => (process.env.KEEP ? undefined : rmSync(dir, { recursive: true, force: true })));

const theme = houseTheme();
const { margins, pageHeight } = geometry(theme);
/** The foot of the text area, pt from the top. */
const foot = pageHeight - margins[3];

const require = createRequire(import.meta.url);
const builderProto = (
  require("pdfmake/js/LayoutBuilder.js") as {
    default: { prototype: { tryLayoutDocument: (...args: unknown[]) => unknown } };
  }
).default.prototype;

/** The PDF's body lines as poppler reads them, and how many times pdfmake laid the document out. */
async function render(
  blocks: DraftBlock[],
  name: string,
  notes: ReturnType<typeof footnote>[] = [],
): Promise<{ lines: BoxWord[][]; passes: number }> {
  const original = builderProto.tryLayoutDocument;
  let passes = 0;
  const counting = function (this: unknown, ...args: unknown[]) {
    passes += 1;
    return original.apply(this, args);
  };
  // The other wraps check the parameter count; they are installed already (beforeAll).
  Object.defineProperty(counting, "length", { value: original.length });
  builderProto.tryLayoutDocument = counting;
  const file = join(dir, `${name}.pdf`);
  try {
    writeFileSync(file, await writePdf(buildDocument(meta, blocks, notes), options, context()));
  } finally {
    builderProto.tryLayoutDocument = original;
  }
  const lines = boxLines(file).lines.filter((l) => {
    const y = l[0]?.yMin ?? 0;
    return y >= margins[1] - 1 && y <= foot;
  });
  return { lines, passes };
}

// Every wrap of pdfmake is installed by a first render, before any is counted.
beforeAll(async () => {
  await writePdf(buildDocument(meta, [para("Warm.")], [footnote(1, [para("A note.")])]), options, {
    ...context(),
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

const text = (line: readonly BoxWord[]) => line.map((w) => w.text).join(" ");
const pageOf = (line: readonly BoxWord[] | undefined) => line?.[0]?.page;

/** Where the line that ends with `wanted` is (a heading after its number); fails the test if there is none. */
function find(lines: readonly BoxWord[][], wanted: string): number {
  const at = lines.findIndex((l) => text(l).endsWith(wanted));
  expect(at, wanted).toBeGreaterThanOrEqual(0);
  return at;
}

/** Room under the last line of page 1, pt. */
const roomLeft = (lines: readonly BoxWord[][]) =>
  foot - Math.max(...lines.filter((l) => pageOf(l) === 1).map((l) => l[0]?.yMax ?? 0));

/** Filler lines that bring what follows to the foot of page 1, one more line each step. */
const sweep = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe("keep-with-next in one layout pass", () => {
  it("moves a heading near the foot with the first two lines of its paragraph", async () => {
    const moved: number[] = [];
    for (const filler of sweep(37, 48)) {
      const { lines, passes } = await render(
        [lined(filler, "filler"), heading(1, "Kept heading"), lined(4, "after")],
        `paragraph-${filler}`,
      );
      const why = `${filler} filler lines`;
      expect(passes, why).toBe(1);
      const at = find(lines, "Kept heading");
      const page = pageOf(lines[at]);
      const under = lines.slice(at + 1).filter((l) => pageOf(l) === page);
      expect(under.length, why).toBeGreaterThanOrEqual(2);
      expect(text(under[0] ?? []), why).toBe("after 1 of the paragraph");
      // pdfmake alone would have set the heading on page 1: room for its margin and line.
      if (page === 2 && roomLeft(lines) > 14 + 2 * theme.sizes.h1) moved.push(filler);
    }
    expect(moved.length).toBeGreaterThan(0);
  });

  it("moves a heading with an unbreakable block after it (a key-figures box), whole", async () => {
    const box = keyFigures(
      [
        { value: num(8.8, "US$8.8 billion", {}), label: [{ type: "text", value: "trade" }] },
        { value: num(11, "11th", {}), label: [{ type: "text", value: "rank" }] },
      ],
      "Key figures",
    );
    const moved: number[] = [];
    for (const filler of sweep(34, 48)) {
      const { lines, passes } = await render(
        [lined(filler, "filler"), heading(1, "Boxed heading"), box],
        `box-${filler}`,
      );
      const why = `${filler} filler lines`;
      expect(passes, why).toBe(1);
      const at = find(lines, "Boxed heading");
      const title = lines.findIndex((l) => l.some((w) => w.text === "FIGURES"));
      const value = lines.findIndex((l) => l.some((w) => w.text === "billion"));
      expect(pageOf(lines[title]), why).toBe(pageOf(lines[at]));
      expect(pageOf(lines[value]), why).toBe(pageOf(lines[at]));
      if (pageOf(lines[at]) === 2 && roomLeft(lines) > 14 + 2 * theme.sizes.h1) moved.push(filler);
    }
    expect(moved.length).toBeGreaterThan(0);
  });

  it("keeps a run of headings together with the paragraph after them", async () => {
    for (const filler of sweep(37, 48)) {
      const { lines, passes } = await render(
        [lined(filler, "filler"), heading(1, "Part"), heading(2, "Chapter"), lined(3, "after")],
        `run-${filler}`,
      );
      const why = `${filler} filler lines`;
      expect(passes, why).toBe(1);
      const part = find(lines, "Part");
      const chapter = find(lines, "Chapter");
      const after = find(lines, "after 1 of the paragraph");
      expect(pageOf(lines[chapter]), why).toBe(pageOf(lines[part]));
      expect(pageOf(lines[after]), why).toBe(pageOf(lines[part]));
    }
  });

  it("counts the room a note takes: a heading stays with a paragraph whose first line refers to one", async () => {
    const long = lined(6, "note");
    for (const filler of sweep(30, 48)) {
      const { lines, passes } = await render(
        [
          lined(filler, "filler"),
          heading(1, "Noted heading"),
          para("first line of the paragraph", noteRef(1)),
          lined(3, "after"),
        ],
        `note-${filler}`,
        [footnote(1, [long])],
      );
      const why = `${filler} filler lines`;
      expect(passes, why).toBe(1);
      const at = find(lines, "Noted heading");
      const next = lines[at + 1];
      expect(next?.[0]?.text, why).toBe("first");
      expect(pageOf(next), why).toBe(pageOf(lines[at]));
    }
  });
});
