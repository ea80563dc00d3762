/**
 * The typesetting of the PDF as an editor reads it: the checks of
 * typesetting.ts on small pages made by hand (each fault found, and nothing
 * found on a clean page), then on the full, executive and business briefs of
 * the example, built by the CLI and read back with poppler's
 * `pdftotext -bbox-layout`, their headings taken from the PDF's own outline
 * (`qpdf --json`). Needs the Debian packages poppler-utils and qpdf.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { houseTheme } from "@briefkit/document";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";
import {
  type BoxPage,
  type Fault,
  lineFaults,
  pageFaults,
  readBoxes,
  type TextArea,
} from "./typesetting.js";

/** A word made by hand: its text, where it starts, and its size (pt). */
interface HandWord {
  text: string;
  x: number;
  size?: number;
}

/** The width a hand-made word takes: half its size per character. */
const wide = (w: HandWord) => (w.text.length * (w.size ?? 10)) / 2;

/** Words from `x`, a `space` apart unless a word says where it starts (`at`). */
function words(
  x: number,
  ...items: Array<string | { text: string; at?: number; gap?: number; size?: number }>
): HandWord[] {
  const out: HandWord[] = [];
  let next = x;
  for (const item of items) {
    const w = typeof item === "string" ? { text: item } : item;
    const start = w.at ?? next + (out.length === 0 ? 0 : (w.gap ?? 2.5));
    const word: HandWord = {
      text: w.text,
      x: start,
      ...(w.size === undefined ? {} : { size: w.size }),
    };
    out.push(word);
    next = start + wide(word);
  }
  return out;
}

/** `pdftotext -bbox-layout` output for pages of blocks of lines (each at its y) of words. */
function xhtml(pages: Array<Array<Array<{ y: number; words: HandWord[] }>>>): string {
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
  const box = (x0: number, y0: number, x1: number, y1: number) =>
    `xMin="${x0.toFixed(6)}" yMin="${y0.toFixed(6)}" xMax="${x1.toFixed(6)}" yMax="${y1.toFixed(6)}"`;
  const body = pages
    .map((blocks) => {
      const inner = blocks
        .map((lines) => {
          const text = lines
            .map(({ y, words: ws }) => {
              const ww = ws
                .map((w) => {
                  const size = w.size ?? 10;
                  const top = y + 10 - size;
                  return `<word ${box(w.x, top, w.x + wide(w), y + 12)}>${esc(w.text)}</word>`;
                })
                .join("\n");
              const first = ws[0];
              const last = ws.at(-1);
              return `<line ${box(first?.x ?? 0, y, last === undefined ? 0 : last.x + wide(last), y + 12)}>\n${ww}\n</line>`;
            })
            .join("\n");
          return `<block ${box(0, 0, 0, 0)}>\n${text}\n</block>`;
        })
        .join("\n");
      return `<page width="595.280000" height="841.890000">\n<flow>\n${inner}\n</flow>\n</page>`;
    })
    .join("\n");
  return `<html xmlns="http://www.w3.org/1999/xhtml"><body><doc>\n${body}\n</doc></body></html>`;
}

const AREA: TextArea = { left: 70, right: 524, top: 60, bottom: 770 };
/** Words set to run the full measure: the last word ends on the right edge. */
function justified(y: number, ...texts: string[]): { y: number; words: HandWord[] } {
  const natural = words(AREA.left, ...texts);
  const last = natural.at(-1) as HandWord;
  const extra = (AREA.right - (last.x + wide(last))) / (texts.length - 1);
  return { y, words: natural.map((w, i) => ({ ...w, x: w.x + i * extra })) };
}
const ragged = (y: number, ...texts: string[]) => ({ y, words: words(AREA.left, ...texts) });

/** Twelve words that fill a line when justified. */
const FULL = "one two three four five six seven eight nine ten eleven twelve".split(" ");
const FOOTER = [ragged(790, "Page", "1", "of", "2")];

const kinds = (faults: readonly Fault[]) => faults.map((f) => f.kind);
const read = (doc: Parameters<typeof xhtml>[0]) => readBoxes(xhtml(doc));

describe("readBoxes", () => {
  it("reads pages, blocks, lines and words with their boxes and text", () => {
    const [page, second] = read([[[ragged(100, "A&B", "<x>")]], [[ragged(100, "two")]]]);
    expect(page?.number).toBe(1);
    expect(second?.number).toBe(2);
    expect(page?.width).toBeCloseTo(595.28);
    const line = page?.blocks[0]?.lines[0];
    expect(line?.words.map((w) => w.text)).toEqual(["A&B", "<x>"]);
    expect(line?.words[0]).toMatchObject({ xMin: 70, yMin: 100, xMax: 85, yMax: 112 });
    expect(line?.xMax).toBeCloseTo(87.5 + 15);
  });
});

describe("lineFaults", () => {
  const faultsOf = (...lines: Array<{ y: number; words: HandWord[] }>) =>
    lineFaults(read([[lines]]), AREA);

  it("finds nothing in clean lines", () => {
    expect(
      faultsOf(
        justified(100, ...FULL),
        ragged(114, "ranks", "11th;", "expert-level", "(US$8.8", "billion)."),
      ),
    ).toEqual([]);
  });

  it("finds a gap before punctuation and after an opening bracket", () => {
    const line = { y: 100, words: words(70, "rose", "11%", ";", "(", "US$377", "million", ")") };
    expect(kinds(faultsOf(line))).toEqual([
      "space before punctuation",
      "space after opening bracket",
      "space before punctuation",
    ]);
  });

  it("finds a gap after a hyphen or dash inside a word, not after a suspended hyphen", () => {
    const line = {
      y: 100,
      words: words(70, "expert-", "level", "1992–", "2001", "short-", "and", "–", "then"),
    };
    expect(faultsOf(line).map((f) => f.text)).toEqual(["expert- level", "1992– 2001"]);
  });

  it("finds an ordinal apart and a gap before a note reference", () => {
    const line = {
      y: 100,
      words: words(70, "ranked", "11", "th", "trade.", { text: "7", size: 6 }, "next", {
        text: "8",
        size: 6,
        gap: 0,
      }),
    };
    expect(kinds(faultsOf(line))).toEqual(["ordinal apart", "gap before note reference"]);
  });

  it("finds uneven spaces on a justified line, not on a ragged one", () => {
    const even = justified(100, ...FULL);
    const uneven = {
      ...even,
      words: even.words.map((w, i) => (i === 5 ? { ...w, x: w.x - 2 } : w)),
    };
    expect(kinds(faultsOf(uneven))).toEqual(["uneven word spacing"]);
    const raggedUneven = { y: 100, words: words(70, "a", { text: "b", gap: 6 }, "c") };
    expect(faultsOf(raggedUneven)).toEqual([]);
  });

  it("finds a line that starts with punctuation or an ordinal's suffix, or parts a number from its unit", () => {
    expect(kinds(faultsOf(ragged(100, "rose", "11%"), ragged(114, "; then")))).toEqual([
      "line starts with punctuation",
    ]);
    expect(kinds(faultsOf(ragged(100, "ranked", "11"), ragged(114, "th", "among")))).toEqual([
      "ordinal broken across lines",
    ]);
    expect(kinds(faultsOf(ragged(100, "reached", "US$8.8"), ragged(114, "billion", "in")))).toEqual(
      ["number and unit broken across lines"],
    );
    expect(faultsOf(ragged(100, "in", "2004"), ragged(114, "the", "total"))).toEqual([]);
  });

  it("leaves the running header and footer alone", () => {
    expect(lineFaults(read([[[ragged(20, "head", ";")], FOOTER]]), AREA)).toEqual([]);
  });
});

describe("pageFaults", () => {
  const headings = ["2.1 Trade grows"];
  const faultsOf = (pages: Parameters<typeof xhtml>[0]) =>
    pageFaults(read(pages), AREA, { headings });
  const paragraph = (y: number, lines: number) => [
    ...Array.from({ length: lines - 1 }, (_, i) => justified(y + 14 * i, ...FULL)),
    ragged(y + 14 * (lines - 1), "the", "end."),
  ];

  it("finds nothing where paragraphs and headings fall well", () => {
    expect(
      faultsOf([
        [paragraph(60, 3), [ragged(120, "2.1", "Trade", "grows")], paragraph(140, 2), FOOTER],
        [paragraph(60, 3), FOOTER],
      ]),
    ).toEqual([]);
  });

  it("finds a heading or a caption last on its page, but not at the end of the document", () => {
    const heading = [ragged(740, "2.1", "Trade", "grows")];
    expect(kinds(faultsOf([[paragraph(60, 3), heading, FOOTER], [paragraph(60, 3)]]))).toEqual([
      "heading last on page",
    ]);
    expect(faultsOf([[paragraph(60, 3), heading, FOOTER]])).toEqual([]);
    const caption = [ragged(740, "Table", "3.", "Trade", "by", "region")];
    expect(kinds(faultsOf([[paragraph(60, 3), caption], [paragraph(60, 3)]]))).toEqual([
      "caption last on page",
    ]);
  });

  it("finds a paragraph's last line alone at the head of a page (widow)", () => {
    const runsOver = [justified(730, ...FULL), justified(744, ...FULL)];
    const widow = [ragged(60, "Pacific", "coast.")];
    expect(
      faultsOf([
        [runsOver, FOOTER],
        [widow, paragraph(80, 3)],
      ]),
    ).toEqual([{ kind: "widow", page: 2, text: "Pacific coast." }]);
    // The same line after a paragraph that ended on page 1 is a paragraph of its own.
    expect(
      faultsOf([
        [paragraph(730, 2), FOOTER],
        [widow, paragraph(80, 3)],
      ]),
    ).toEqual([]);
  });

  it("finds a paragraph's first line alone at the foot of a page (orphan)", () => {
    const orphan = [justified(744, ...FULL)];
    expect(kinds(faultsOf([[paragraph(60, 3), orphan, FOOTER], [paragraph(60, 3)]]))).toEqual([
      "orphan",
    ]);
  });

  it("finds a widow and an orphan in ragged text (a list) by its measure, stop and indent", () => {
    const long = FULL;
    /** A list item: a bullet at 80, its text from 88 on every line. */
    const item = (y: number, ...lines: string[][]) =>
      lines.map((texts, i) => ({
        y: y + 14 * i,
        words: [...(i === 0 ? [{ text: "•", x: 80 }] : []), ...words(88, ...texts)],
      }));
    /** An item's lines going on at the head of a page. */
    const goesOn = (...lines: string[][]) =>
      lines.map((texts, i) => ({ y: 60 + 14 * i, words: words(88, ...texts) }));
    expect(kinds(faultsOf([[item(716, long, long), FOOTER], [goesOn(["and", "ends."])]]))).toEqual([
      "widow",
    ]);
    expect(
      kinds(faultsOf([[paragraph(60, 3), item(744, long), FOOTER], [goesOn(long, ["ends."])]])),
    ).toEqual(["orphan"]);
    // A short line, a full stop, or a new item on the next page: the item had ended.
    const next = [goesOn(["and", "ends."])];
    expect(faultsOf([[item(716, long, ["short"]), FOOTER], next])).toEqual([]);
    expect(faultsOf([[item(716, long, [...long.slice(0, -1), "ten."]), FOOTER], next])).toEqual([]);
    expect(faultsOf([[item(716, long, long), FOOTER], [item(60, ["next", "item."])]])).toEqual([]);
  });
});

const root = resolve(import.meta.dirname, "../../..");
const MM = 72 / 25.4;

describe("the example briefs, read back", () => {
  const out = mkdtempSync(join(tmpdir(), "briefkit-typesetting-"));
  afterAll(() => (process.env.KEEP ? undefined : rmSync(out, { recursive: true, force: true })));

  beforeAll(async () => {
    const r = await runCli(root, ["build", "--format", "pdf", "--out", out]);
    if (r.code !== 0) throw new Error(`briefkit build failed:\n${r.err}`);
  });

  // The example is set in the house theme: its text area is inside these margins.
  const { page } = houseTheme();
  const area: TextArea = {
    left: page.marginLeft * MM,
    right: 595.28 - page.marginRight * MM,
    top: page.marginTop * MM,
    bottom: 841.89 - page.marginBottom * MM,
  };

  function headingsOf(file: string): string[] {
    const json = execFileSync("qpdf", ["--json", "--json-key=outlines", file], {
      encoding: "utf8",
    });
    type Outline = { title: string; kids: Outline[] };
    const titles: string[] = [];
    const walk = (xs: readonly Outline[]) =>
      xs.forEach((o) => {
        titles.push(o.title);
        walk(o.kids);
      });
    walk((JSON.parse(json) as { outlines: Outline[] }).outlines);
    return titles;
  }

  for (const audience of ["full", "executive", "business"]) {
    it(`${audience}: no gap, stranded heading, widow or orphan`, () => {
      const file = join(out, `russia-japan-2005-${audience}.pdf`);
      const pages: BoxPage[] = readBoxes(
        execFileSync("pdftotext", ["-bbox-layout", file, "-"], {
          encoding: "utf8",
          maxBuffer: 256 * 1024 * 1024,
        }),
      );
      const headings = headingsOf(file);
      expect(headings.length).toBeGreaterThan(1);
      expect(pages.length).toBeGreaterThan(1);
      const faults = [...lineFaults(pages, area), ...pageFaults(pages, area, { headings })];
      expect(faults).toEqual([]);
    });
  }
});
