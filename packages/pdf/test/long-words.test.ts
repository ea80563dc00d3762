/**
 * Long unbroken strings (issue 13): in a six-column table, in a head cell, a
 * caption, a heading, a paragraph, a footnote, a key-figures box and a
 * callout. Each PDF is read back with poppler's `pdftotext -bbox-layout`:
 * every string is there whole, in order, with nothing added (no zero-width
 * space), every word inside the page's text area, and every table column
 * present, in order, with the long string inside its column's bounds.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Document, houseTheme, validateDocument } from "@briefkit/document";
import { afterAll, describe, expect, it } from "vitest";
import { toDocDefinition, writePdf } from "../src/index.js";
import type { Leaf } from "../src/inlines.js";
import { geometry } from "../src/layout.js";
import { breakLongWords, pdfmakeWords } from "../src/words.js";
import { type BoxWord, boxLines, context, fixture, options } from "./helpers.js";

const S80 = `${"A".repeat(40)}${"b".repeat(40)}`;
const S200 = "x".repeat(200);
const S2000 = "LoremIpsum".repeat(200);
const URL =
  "https://www.example.org/statistics/database/query?indicator=trade_balance&country=RU-JP&from=1998-01-01&to=2005-12-31&format=csv";
const NUMBER = "1234567890".repeat(8);
const GERMAN =
  "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaftsvertragsunterzeichnung";

const text = (value: string) => [{ type: "text", value }];
const cell = (value: string) => ({ children: text(value) });
/** Short words that name their column: pdftotext reads each as one word. */
const marks = (row: string) => Array.from({ length: 6 }, (_, c) => `${row}${c}`);

function table(number: number, hostile: Record<number, string>, head: Record<number, string> = {}) {
  const row = marks("R").map((m, c) => hostile[c] ?? m);
  return {
    type: "table",
    number,
    caption: text(`Case ${number}`),
    columns: [0, 1, 2, 3, 4, 5].map((c) =>
      c === 3 ? { align: "right", numeric: true } : { align: "left" },
    ),
    head: [{ cells: marks("H").map((m, c) => cell(head[c] ?? m)) }],
    body: [{ cells: row.map(cell) }, { cells: marks("Z").map(cell) }],
    notes: [],
    source: text("Source: test"),
  };
}

function document(blocks: unknown[], footnote = "An ordinary note."): Document {
  const { document: doc, issues } = validateDocument({
    modelVersion: 3,
    meta: {
      title: "Long words",
      organisation: "Org",
      edition: "2005",
      date: "2005-09-08",
      audience: "full",
      language: "en-GB",
      keywords: [],
    },
    blocks,
    footnotes: [{ number: 1, children: [{ type: "paragraph", children: text(footnote) }] }],
  });
  if (!doc) throw new Error(JSON.stringify(issues));
  return doc;
}

type Word = BoxWord;

const dir = mkdtempSync(join(tmpdir(), "briefkit-pdf-long-"));
afterAll(() => (process.env.KEEP ? undefined : rmSync(dir, { recursive: true, force: true })));

/** Writes the document and reads its words back with pdftotext -bbox-layout, in reading order. */
async function words(doc: Document, name: string): Promise<{ words: Word[]; width: number }> {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, await writePdf(doc, options, context()));
  const { lines, width } = boxLines(file);
  return { words: lines.flat(), width };
}

/** The run of consecutive words that spells `s` exactly (a word may carry text before or after it). */
function spell(all: readonly Word[], s: string): Word[] | null {
  for (let i = 0; i < all.length; i += 1) {
    const first = all[i]?.text ?? "";
    const at = first.length > 0 ? first.indexOf(s.slice(0, Math.min(first.length, s.length))) : -1;
    if (at < 0 || !s.startsWith(first.slice(at, at + s.length))) continue;
    let joined = first.slice(at);
    const run = [all[i] as Word];
    for (let j = i + 1; joined.length < s.length && j < all.length; j += 1) {
      joined += all[j]?.text ?? "";
      run.push(all[j] as Word);
    }
    if (joined.startsWith(s)) return run;
  }
  return null;
}

const { margins, pageWidth } = geometry(houseTheme());
const inTextArea = (w: Word) =>
  w.xMin >= margins[0] - 0.5 && w.xMax <= pageWidth - margins[2] + 0.5;

const CASES: Array<{ name: string; hostile: Record<number, string> }> = [
  { name: "80 characters", hostile: { 0: S80 } },
  { name: "200 characters", hostile: { 1: S200 } },
  { name: "2,000 characters", hostile: { 2: S2000 } },
  { name: "a URL", hostile: { 4: URL } },
  { name: "a long number-like string in the numeric column", hostile: { 3: NUMBER } },
  { name: "a German compound", hostile: { 5: GERMAN } },
  { name: "a mix in several cells", hostile: { 0: URL, 1: GERMAN, 2: S80, 3: NUMBER, 5: S200 } },
];

describe("a six-column table with long unbroken strings", () => {
  for (const { name, hostile } of CASES) {
    it(`keeps all six columns on the page with ${name}`, async () => {
      const { words: all } = await words(document([table(1, hostile)]), name.replace(/\W+/g, "-"));
      // A head is repeated on each page the table runs to; the other marks stand once.
      const position = (m: string) => {
        const found = all.filter((w) => w.text === m);
        if (m.startsWith("H")) expect(found.length, m).toBeGreaterThan(0);
        else expect(found, m).toHaveLength(1);
        for (const w of found) expect(inTextArea(w), w.text).toBe(true);
        return found[0] as Word;
      };
      // Every column's head and its plain cells: present, inside the text area, in column order.
      for (const row of ["H", "Z"]) {
        const cells = marks(row).map(position);
        for (const w of cells) expect(inTextArea(w), w.text).toBe(true);
        for (let c = 1; c < 6; c += 1)
          expect((cells[c] as Word).xMin).toBeGreaterThan((cells[c - 1] as Word).xMax);
      }
      const heads = marks("H").map(position);
      const plain = marks("Z").map(position);
      for (const [column, s] of Object.entries(hostile)) {
        const c = Number(column);
        const run = spell(all, s);
        expect(run, `${s.slice(0, 20)}… whole and in order`).not.toBeNull();
        for (const w of run ?? []) {
          expect(inTextArea(w), w.text).toBe(true);
          // Inside its column: clear of the columns beside it.
          const left = [heads[c - 1], plain[c - 1]].filter((x): x is Word => x !== undefined);
          const right = [heads[c + 1], plain[c + 1]].filter((x): x is Word => x !== undefined);
          for (const l of left) expect(w.xMin, w.text).toBeGreaterThan(l.xMax);
          if (c + 1 < 6 && hostile[c + 1] === undefined)
            for (const r of right) expect(w.xMax, w.text).toBeLessThan(r.xMin);
        }
      }
      expect(all.some((w) => /[\u200b-\u200d\u2060\ufeff]/u.test(w.text))).toBe(false);
    });
  }

  it("breaks a URL after its punctuation, not inside its words", async () => {
    const { words: all } = await words(document([table(1, { 4: URL })]), "url-breaks");
    const run = spell(all, URL) ?? [];
    expect(run.length).toBeGreaterThan(1);
    // Each line of the URL but the last ends where the URL may break.
    for (const w of run.slice(0, -1)) expect(w.text, w.text).toMatch(/[/\-_.?&=]$/);
  });
});

describe("long unbroken strings outside table bodies", () => {
  const places: Array<{ name: string; blocks: unknown[]; footnote?: string; strings: string[] }> = [
    {
      name: "a head cell",
      blocks: [table(1, {}, { 1: URL, 5: S80 })],
      strings: [URL, S80],
    },
    {
      name: "a caption, notes and a source line",
      blocks: [
        {
          ...table(1, {}),
          caption: text(`Caption ${URL} ${S200}`),
          notes: [text(`note ${URL}`)],
          source: text(`Source: ${S200}`),
        },
      ],
      strings: [URL, S200],
    },
    {
      name: "a heading",
      blocks: [{ type: "heading", level: 1, number: "1", children: text(`Heading ${S80}${S80}`) }],
      strings: [`${S80}${S80}`],
    },
    {
      name: "a paragraph",
      blocks: [
        {
          type: "paragraph",
          children: text(`Paragraph with ${URL} and ${GERMAN} and ${S2000} end`),
        },
      ],
      strings: [URL, S2000],
    },
    {
      name: "a footnote",
      blocks: [
        { type: "paragraph", children: [...text("See"), { type: "footnoteRef", number: 1 }] },
      ],
      footnote: `Footnote ${URL} ${S200}`,
      strings: [URL, S200],
    },
    {
      name: "a key-figures box",
      blocks: [
        {
          type: "keyFigures",
          title: "Key figures",
          items: [
            {
              value: { type: "number", value: 1, text: "1.0", provenance: { indicator: "a" } },
              label: text(S80),
            },
            {
              value: { type: "number", value: 2, text: "2.0", provenance: { indicator: "b" } },
              label: text(URL),
            },
            {
              value: { type: "number", value: 3, text: NUMBER, provenance: { indicator: "c" } },
              label: text("K3"),
            },
          ],
        },
      ],
      strings: [S80, URL, NUMBER, "K3"],
    },
    {
      name: "a callout",
      blocks: [
        {
          type: "callout",
          kind: "finding",
          children: [{ type: "paragraph", children: text(`Callout ${URL} ${S200}`) }],
        },
      ],
      strings: [URL, S200],
    },
  ];
  for (const place of places) {
    it(`wraps them inside the text area in ${place.name}`, async () => {
      const { words: all } = await words(
        document(place.blocks, place.footnote),
        place.name.replace(/\W+/g, "-"),
      );
      for (const s of place.strings) {
        const run = spell(all, s);
        expect(run, `${s.slice(0, 20)}… whole and in order`).not.toBeNull();
        for (const w of run ?? []) expect(inTextArea(w), w.text).toBe(true);
      }
      for (const w of all) expect(inTextArea(w), w.text).toBe(true);
    });
  }
});

describe("breakLongWords", () => {
  const setting = {
    face: { family: houseTheme().fonts.heading, bold: false, italic: false },
    size: 9,
  };
  const joined = (leaves: readonly Leaf[]) => leaves.map((l) => l.text).join("");

  it("returns the very same leaves when every word fits", () => {
    const leaves: Leaf[] = [{ text: "An ordinary sentence, with https://example.org/a in it." }];
    expect(breakLongWords(leaves, 200, setting)).toBe(leaves);
  });

  it("adds no character and breaks a URL only after its punctuation when the pieces fit", () => {
    const leaves = breakLongWords([{ text: URL, link: URL }], 150, setting);
    expect(joined(leaves)).toBe(URL);
    expect(leaves.every((l) => l.link === URL)).toBe(true);
    // Each break-all run holds exactly one break: the character before it is punctuation.
    const runs = leaves.filter((l) => l.wordBreak === "break-all").map((l) => l.text);
    expect(runs.length).toBeGreaterThan(3);
    for (const r of runs) {
      expect(r).toHaveLength(2);
      expect(r[0]).toMatch(/[/\-_.?&=]/);
    }
  });

  it("breaks a word with no punctuation between any two characters", () => {
    const leaves = breakLongWords([{ text: `see ${S200} here` }], 100, setting);
    expect(joined(leaves)).toBe(`see ${S200} here`);
    expect(leaves.find((l) => l.wordBreak === "break-all")?.text).toBe(S200);
  });

  it("measures words as pdfmake breaks them", () => {
    expect(pdfmakeWords("a/b RU-JP x-1")).toEqual(["a/", "b ", "RU-", "JP ", "x-1"]);
  });
});

describe("ordinary documents", () => {
  it("are left exactly as they were: no leaf of the fixtures is given break opportunities", () => {
    for (const name of ["kitchen-sink", "long-table", "unicode", "tracked-changes"] as const) {
      const json = JSON.stringify(toDocDefinition(fixture(name), options, context()));
      expect(json.includes('"wordBreak"'), name).toBe(false);
    }
  });
});
