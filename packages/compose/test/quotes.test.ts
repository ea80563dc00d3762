/**
 * Typographic quotes and apostrophes in the prose a template writes (quotes.ts),
 * composed for real: a template extending the example brief, its own
 * section, captions, labels and titles, against a copy of the 2005 dataset
 * given straight quotes in its text (the example's own has typographic ones).
 * Prose gets ’ ‘ ’ “ ”; code, link
 * targets, escaped quotes and everything Liquid prints (the data's text, a
 * string in the Liquid) keep what was typed.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { type Dataset, loadDataset } from "@briefkit/data";
import { type Block, type Document, type Inline, plainText, termsFor } from "@briefkit/document";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compose, createComposeCache } from "../src/index.js";
import { parseMarkdown } from "../src/markdown.js";
import { keepQuotes, setPlainQuotes } from "../src/quotes.js";

const root = resolve(import.meta.dirname, "../../..");
const templateDir = join(root, "templates/russia-japan");
const tmp = mkdtempSync(join(tmpdir(), "briefkit-quotes-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const cache = createComposeCache();

/** A product name and a table note in the data, straight quotes and all. */
const PRODUCT = `Timber 'n' "logs"`;
const DATA_NOTE = `Fuels include "coal" and the region's oil.`;
/** A fact's label and the essay's title as the example has them, but with straight quotes. */
const FACT = "star-of-hope-phase-two-submarines";
const FACT_LABEL =
  'Russian nuclear submarines to be dismantled in phase two of the "Star of Hope" project';
const ESSAY_TITLE = 'V. I. Ivanov, "Russia and Japan Beyond 2005"';

/** `text` with `from`, which it holds once, replaced: an edit that finds nothing fails the test. */
function replaceOnce(text: string, from: string, to: string): string {
  expect(text.split(from).length - 1, from).toBe(1);
  return text.replace(from, () => to);
}

/** A string as a single-quoted YAML scalar. */
const yamlQuoted = (s: string) => `'${s.replace(/'/g, "''")}'`;

let dataset: Dataset;

beforeAll(async () => {
  const dir = join(tmp, "data");
  cpSync(join(root, "data/russia-japan/2005"), dir, { recursive: true });
  const csv = join(dir, "russia-exports-to-japan-by-product.csv");
  writeFileSync(
    csv,
    replaceOnce(readFileSync(csv, "utf8"), "\nTimber,11\n", `\n"Timber 'n' ""logs""",11\n`),
  );
  const yaml = join(dir, "dataset.yaml");
  let meta = readFileSync(yaml, "utf8");
  meta = replaceOnce(
    meta,
    "      - Fuels include coal, oil and oil products.\n",
    `      - ${yamlQuoted(DATA_NOTE)}\n`,
  );
  meta = replaceOnce(
    meta,
    "    label: Russian nuclear submarines to be dismantled in phase two of the “Star of Hope” project\n",
    `    label: ${yamlQuoted(FACT_LABEL)}\n`,
  );
  meta = replaceOnce(
    meta,
    "    title: V. I. Ivanov, “Russia and Japan Beyond 2005”\n",
    `    title: ${yamlQuoted(ESSAY_TITLE)}\n`,
  );
  writeFileSync(yaml, meta);
  const loaded = await loadDataset(dir);
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join("; "));
  dataset = loaded.dataset;
  expect(dataset.fact(FACT).label).toBe(FACT_LABEL);
  expect(dataset.source("essay").title).toBe(ESSAY_TITLE);
  expect(dataset.table("russia-exports-to-japan-by-product").notes).toContain(DATA_NOTE);
});

/** The child template's own keys: prose with straight quotes in every kind of text field. */
const TEMPLATE_YAML = `
title: Russia's "Ring of Hope"
subtitle: "'Beyond' 2005"
author: Ivanov's institute
charts:
  products:
    preset: share
    table: russia-exports-to-japan-by-product
    x: product
    measures: [share]
    title: What Russia's "buyers" take
    caption: "Russia's exports: {{ fact.${FACT}.label }}"
    yTitle: Per cent
    notes:
      - The 'other' items are not itemised.
tables:
  products:
    table: russia-exports-to-japan-by-product
    caption: Russia's "main" exports
    layout: rows
    columns:
      - { field: product, label: "Russia's product" }
      - { field: share, label: "\\"Share\\"", decimals: 0 }
    unitLabel: per cent
    notes:
      - "The 'rest' of {{ fact.${FACT}.label }} is not itemised."
keyFigures:
  box:
    title: The 'headline' figures
    items:
      - { indicator: total-trade-latest, label: "Russia's trade, \\"{{ ind.total-trade-latest.period }}\\"" }
`;

/** Composes `section` in a template that extends the example with TEMPLATE_YAML. */
async function composeSection(section: string): Promise<Document> {
  const dir = mkdtempSync(join(tmp, "t-"));
  mkdirSync(join(dir, "sections"));
  writeFileSync(
    join(dir, "template.yaml"),
    `id: quotes\nextends: ${relative(dir, templateDir)}\n${TEMPLATE_YAML}sections: { s: { file: sections/s.md } }\naudiences: { x: { label: "The 'test' audience", sections: [s] } }\n`,
  );
  writeFileSync(join(dir, "sections/s.md"), `${section}\n`);
  const r = await compose({ templateDir: dir, dataset, audience: "x", cache });
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.line}:${i.column} ${i.message}`).join("; "));
  return r.document;
}

/** Each block's text, numbers as printed, in document order (footnotes after). */
function texts(doc: Document): string[] {
  const out: string[] = [];
  const of = (children: readonly Inline[]) => plainText(children);
  const block = (b: Block): void => {
    switch (b.type) {
      case "heading":
      case "paragraph":
        out.push(of(b.children));
        return;
      case "list":
        for (const item of b.items) for (const part of item) block(part);
        return;
      case "callout":
        if (b.title !== undefined) out.push(b.title);
        for (const p of b.children) block(p);
        return;
      default:
        return;
    }
  };
  for (const b of doc.blocks) block(b);
  for (const f of doc.footnotes) for (const p of f.children) block(p);
  return out;
}

/** The inlines of the first paragraph. */
function firstParagraph(doc: Document): Inline[] {
  const p = doc.blocks.find((b) => b.type === "paragraph");
  if (p?.type !== "paragraph") throw new Error("no paragraph");
  return p.children;
}

describe("quotes in a section's prose", () => {
  it("sets apostrophes and nested quotes, and the language's pairs", async () => {
    const doc = await composeSection(
      `"He said 'no' to Russia's offer," she wrote; the regions' share rose.`,
    );
    expect(texts(doc)).toEqual([
      "“He said ‘no’ to Russia’s offer,” she wrote; the regions’ share rose.",
    ]);
    expect(termsFor(doc.meta.language).quotes).toEqual(["“", "”", "‘", "’"]);
  });

  it("pairs quotes across emphasis, links, figures and footnote references", async () => {
    const doc = await composeSection(
      [
        `"**Ring of Hope**" and **"Star"**, "*one* [two](https://example.com/x) three".`,
        "",
        `Trade was "{{ ind.total-trade-latest }}"; {{ ind.total-trade-latest.period }}'s total.`,
        "",
        `The "Ring of Hope"[^n] project.`,
        "",
        `[^n]: A "note" in the essay's words.`,
      ].join("\n"),
    );
    const [first] = doc.blocks;
    expect(first?.type === "paragraph" && first.children).toEqual([
      { type: "text", value: "“" },
      { type: "strong", children: [{ type: "text", value: "Ring of Hope" }] },
      { type: "text", value: "” and " },
      { type: "strong", children: [{ type: "text", value: "“Star”" }] },
      { type: "text", value: ", “" },
      { type: "emphasis", children: [{ type: "text", value: "one" }] },
      { type: "text", value: " " },
      { type: "link", url: "https://example.com/x", children: [{ type: "text", value: "two" }] },
      { type: "text", value: " three”." },
    ]);
    expect(texts(doc).slice(1)).toEqual([
      expect.stringMatching(/^Trade was “US\$[\d.]+ billion”; \d{4}’s total\.$/),
      "The “Ring of Hope” project.",
      "A “note” in the essay’s words.",
    ]);
    const noted = doc.blocks[2];
    expect(noted?.type === "paragraph" && noted.children.map((c) => c.type)).toEqual([
      "text",
      "footnoteRef",
      "text",
    ]);
  });

  it("sets an apostrophe after a number, a closing bracket or a plural, and before an elided decade", async () => {
    const doc = await composeSection(
      "The 1990s' reforms, the '90s and '05, (Sakhalin)'s share, Achilles' heel, the 2000s'.",
    );
    expect(texts(doc)).toEqual([
      "The 1990s’ reforms, the ’90s and ’05, (Sakhalin)’s share, Achilles’ heel, the 2000s’.",
    ]);
  });

  it("opens a quote nothing closes before a word, and closes one after a word", async () => {
    const doc = await composeSection(
      `"A quotation over two paragraphs opens each,\n\n"and closes at its end." A 12" pipe.`,
    );
    expect(texts(doc)).toEqual([
      "“A quotation over two paragraphs opens each,",
      "“and closes at its end.” A 12” pipe.",
    ]);
  });

  it("sets quotes in headings, lists, GFM table cells, callouts and their titles", async () => {
    const doc = await composeSection(
      [
        `# Russia's "view"`,
        "",
        `- Japan's 'doubts'`,
        "",
        `| Partner's | "Share" |`,
        "| --- | --- |",
        `| Japan's | 'high' |`,
        "",
        `Table: The partners' "shares"`,
        "",
        `:::callout{kind=finding title="Russia's 'view'"}`,
        `The "Kremlin's" reading.`,
        ":::",
      ].join("\n"),
    );
    expect(texts(doc)).toEqual([
      "Russia’s “view”",
      "Japan’s ‘doubts’",
      "Russia’s ‘view’",
      "The “Kremlin’s” reading.",
    ]);
    const table = doc.blocks.find((b) => b.type === "table");
    if (table?.type !== "table") throw new Error("no table");
    expect(plainText(table.caption)).toBe("The partners’ “shares”");
    const cells = [...table.head, ...table.body].map((r) =>
      r.cells.map((c) => plainText(c.children)),
    );
    expect(cells).toEqual([
      ["Partner’s", "“Share”"],
      ["Japan’s", "‘high’"],
    ]);
  });

  it("leaves code spans, code blocks, escaped quotes and link targets as typed", async () => {
    const doc = await composeSection(
      [
        "Run `it's \"quoted\"` as \\\"typed\\\" in [the 'site'](https://example.com/it's) or <https://example.com/a'b>, or https://example.org/it's here.",
        "",
        "```",
        `say "it's"`,
        "```",
      ].join("\n"),
    );
    const first = firstParagraph(doc);
    expect(plainText(first)).toBe(
      'Run it\'s "quoted" as "typed" in the ‘site’ or https://example.com/a\'b, or https://example.org/it\'s here.',
    );
    const links = first.filter((x) => x.type === "link");
    expect(links.map((l) => l.type === "link" && l.url)).toEqual([
      "https://example.com/it's",
      "https://example.com/a'b",
    ]);
    expect(texts(doc)[1]).toBe(`say "it's"`);
  });

  it("keeps what Liquid prints as printed: the data's text and strings in the Liquid", async () => {
    const doc = await composeSection(
      [
        `The "label": "{{ fact.${FACT}.label }}".`,
        "",
        `{{ "it's" }} and '{{ 'a "b" c' }}' in Russia's text.`,
        "",
        `{% capture mixed %}the "{{ fact.${FACT}.label }}" text{% endcapture %}{{ mixed | raw }}; {{ mixed }}`,
      ].join("\n"),
    );
    expect(texts(doc)).toEqual([
      `The “label”: “${FACT_LABEL}”.`,
      `it's and ‘a "b" c’ in Russia’s text.`,
      // | raw prints a value as the template's own words: a capture's prose gets its quotes, its data keeps its own.
      `the “${FACT_LABEL}” text; the "${FACT_LABEL}" text`,
    ]);
  });

  it("changes nothing else markdown-it's typographer would", async () => {
    const doc = await composeSection(`(c) (tm) +- ... -- --- 1--2 "x"`);
    expect(texts(doc)).toEqual([`(c) (tm) +- ... -- --- 1--2 “x”`]);
  });

  it("reads a stand-in typed in a template as the noncharacter it is, never as a quote", async () => {
    const doc = await composeSection("Typed \uFDEE here and \uFDEF there.");
    expect(texts(doc)).toEqual(["Typed \uFFFD here and \uFFFD there."]);
  });
});

describe("quotes in template.yaml's text", () => {
  let doc: Document;
  beforeAll(async () => {
    doc = await composeSection(
      "::table{ref=products}\n\n::figure{ref=products}\n\n::keyfigures{ref=box}",
    );
  });

  it("sets the titles, the author and the audience's label, and `template.title` prints them so", async () => {
    expect(doc.meta.title).toBe("Russia’s “Ring of Hope”");
    expect(doc.meta.subtitle).toBe("‘Beyond’ 2005");
    expect(doc.meta.author).toBe("Ivanov’s institute");
    expect(doc.meta.audienceLabel).toBe("The ‘test’ audience");
    const printed = await composeSection("{{ template.title }}: {{ template.subtitle }}");
    expect(texts(printed)).toEqual(["Russia’s “Ring of Hope”: ‘Beyond’ 2005"]);
  });

  it("sets a table's caption, column labels and notes; its cells, the data's notes and its source are as the data has them", () => {
    const table = doc.blocks.find((b) => b.type === "table");
    if (table?.type !== "table") throw new Error("no table");
    expect(plainText(table.caption)).toBe("Russia’s “main” exports (per cent)");
    expect(table.head.map((r) => r.cells.map((c) => plainText(c.children)))).toEqual([
      ["Russia’s product", "“Share”"],
    ]);
    expect(table.body.map((r) => plainText(r.cells[0]!.children))).toContain(PRODUCT);
    const notes = table.notes.map((n) => plainText(n));
    expect(notes).toContain(`The ‘rest’ of ${FACT_LABEL} is not itemised.`);
    expect(notes).toContain(DATA_NOTE);
    expect(plainText(table.source)).toBe(`Source: ${ESSAY_TITLE}.`);
  });

  it("sets a chart's caption, notes and title (in its alt text); the data's names and source stay as they are", () => {
    const figure = doc.blocks.find((b) => b.type === "figure");
    if (figure?.type !== "figure") throw new Error("no figure");
    expect(plainText(figure.caption)).toBe(`Russia’s exports: ${FACT_LABEL}`);
    expect(figure.notes.map((n) => plainText(n))).toContain("The ‘other’ items are not itemised.");
    expect(figure.alt).toContain("What Russia’s “buyers” take");
    expect(figure.alt).toContain(PRODUCT);
    expect(figure.svg).toContain("What Russia’s “buyers” take");
    expect(plainText(figure.source)).toBe(`Source: ${ESSAY_TITLE}.`);
  });

  it("sets a key-figures box's title and labels", () => {
    const box = doc.blocks.find((b) => b.type === "keyFigures");
    if (box?.type !== "keyFigures") throw new Error("no key figures");
    expect(box.title).toBe("The ‘headline’ figures");
    expect(box.items.map((i) => plainText(i.label))).toEqual([
      expect.stringMatching(/^Russia’s trade, “\d{4}”$/),
    ]);
  });

  it("leaves no straight quote anywhere in the document but in the data's text", () => {
    const strays: string[] = [];
    const visit = (x: unknown, key: string): void => {
      if (typeof x === "string") {
        // The pictures and link targets are not text; the data's is kept.
        if (key === "svg" || key === "png" || key === "url") return;
        const data = [PRODUCT, DATA_NOTE, FACT_LABEL, ESSAY_TITLE];
        const rest = data.reduce((t, d) => t.replaceAll(d, ""), x);
        if (/['"]/.test(rest)) strays.push(`${key}: ${x}`);
      } else if (Array.isArray(x)) for (const v of x) visit(v, key);
      else if (x !== null && typeof x === "object")
        for (const [k, v] of Object.entries(x)) visit(v, k);
    };
    visit(doc, "document");
    expect(strays).toEqual([]);
    // It did look: the document holds the data's text and the prose's marks.
    for (const d of [PRODUCT, ESSAY_TITLE])
      expect(JSON.stringify(doc)).toContain(JSON.stringify(d).slice(1, -1));
    expect(JSON.stringify(doc)).toContain("Russia’s");
  });
});

describe("the marks come from the language", () => {
  it("sets the pairs it is given, in Markdown and in plain text", () => {
    const german = ["„", "“", "‚", "‘"] as const;
    const [, inline] = parseMarkdown(`Er sagte "nein" und 'ja', Russia's.`, german);
    expect(inline?.children?.map((t) => t.content).join("")).toBe(
      "Er sagte „nein“ und ‚ja‘, Russia’s.",
    );
    expect(setPlainQuotes(`"Titel" mit ${keepQuotes(`"Daten"`)}`, german)).toBe(
      `„Titel“ mit "Daten"`,
    );
  });
});
