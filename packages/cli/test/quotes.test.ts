/**
 * Typographic quotes in the briefs as readers get them. The example briefs
 * (every audience) and a `briefkit new` brief whose title holds quotes are
 * built in all three formats and their text read back: pdftotext for the
 * PDF; the text runs, chart labels, alt texts and properties of the DOCX's
 * XML parts; the HTML's text, charts' SVG text included, and its alt and
 * title attributes. No straight quote is left in the prose; the data's own
 * text (the dataset's titles, notes and labels, the tables' cells) is
 * printed with its straight quotes, unchanged. The example's data has
 * typographic quotes of its own, so the example is built from a copy whose
 * source titles, the ones the briefs print, are given straight quotes back.
 */
import { execFileSync } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { loadDataset } from "@briefkit/data";
import { houseTheme } from "@briefkit/document";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const root = resolve(import.meta.dirname, "../../..");
const tmp = mkdtempSync(join(tmpdir(), "briefkit-quotes-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const STRAIGHT = /['"]/;

/**
 * The example's source titles that the briefs print, as its dataset.yaml
 * has them (typographic quotes), and as the copy the example is built from
 * has them (straight quotes).
 */
const SOURCE_TITLES = [
  {
    example: "V. I. Ivanov, “Russia and Japan Beyond 2005”",
    copy: 'V. I. Ivanov, "Russia and Japan Beyond 2005"',
  },
  {
    example: "Inter-regional Association “The Far East and Trans-Baikal Regions”",
    copy: 'Inter-regional Association "The Far East and Trans-Baikal Regions"',
  },
  {
    example:
      "Japan Bank for International Cooperation (JBIC), survey of Japanese companies’ overseas business expansion",
    copy: "Japan Bank for International Cooperation (JBIC), survey of Japanese companies' overseas business expansion",
  },
] as const;

/** A copy of the example's 2005 data in `dir`, its source titles with straight quotes. */
function straightQuotedExampleData(dir: string): void {
  cpSync(join(root, "data/russia-japan/2005"), dir, { recursive: true });
  const file = join(dir, "dataset.yaml");
  let yaml = readFileSync(file, "utf8");
  for (const { example, copy } of SOURCE_TITLES) {
    const line = `    title: ${example}\n`;
    // An edit that finds nothing would leave the test nothing to prove.
    expect(yaml.split(line).length - 1, example).toBe(1);
    yaml = yaml.replace(line, () => `    title: '${copy.replace(/'/g, "''")}'\n`);
  }
  writeFileSync(file, yaml);
}

/** Runs of white space as one space: a PDF breaks lines where a paragraph has none. */
const flat = (s: string) => s.replace(/\s+/g, " ").trim();

/**
 * The text with no white space and no hyphens, to find the data's text in
 * it: a PDF breaks a line after "Trans-" in "Trans-Baikal", and a line's
 * end is no space in the data.
 */
const squash = (s: string) => s.replace(/[\s\u00AD-]+/g, "");

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** XML and HTML character references; one this does not know fails the test rather than hide a quote. */
function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (_, ref: string) => {
    if (ref.startsWith("#x") || ref.startsWith("#X"))
      return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith("#")) return String.fromCodePoint(Number(ref.slice(1)));
    const named = ENTITIES[ref];
    if (named === undefined) throw new Error(`unknown character reference &${ref};`);
    return named;
  });
}

const sh = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { encoding: "utf8", maxBuffer: 64 << 20 });

/** Millimetres to PDF points. */
const pt = (mm: number) => (mm * 72) / 25.4;

/**
 * The words of a PDF's pages, without the running header and footer (in the
 * page's top and bottom margins): a paragraph that runs onto the next page
 * reads on, as it does for the other formats.
 */
function pdfText(file: string): string {
  const { marginTop, marginBottom } = houseTheme().page;
  const xml = sh("pdftotext", ["-bbox", "-enc", "UTF-8", file, "-"]);
  const words: string[] = [];
  for (const page of xml.split("<page ").slice(1)) {
    const height = Number(/height="([\d.]+)"/.exec(page)?.[1]);
    expect(height).toBeGreaterThan(0);
    for (const m of page.matchAll(
      /<word [^>]*\byMin="([\d.]+)"[^>]*\byMax="([\d.]+)">([^<]*)<\/word>/g,
    )) {
      const inBody =
        Number(m[1]) >= pt(marginTop) - 1 && Number(m[2]) <= height - pt(marginBottom) + 1;
      if (inBody) words.push(decode(m[3] ?? ""));
    }
  }
  return words.join(" ");
}

/**
 * The words a DOCX shows: its body, notes, headers and footers (w:t), its
 * charts' titles, series and categories (a:t, c:v), its pictures' alt text
 * (wp:docPr descr) and its title and subject.
 */
function docxText(file: string): string {
  const parts = sh("unzip", ["-Z1", file])
    .split("\n")
    .filter((p) =>
      /^(word\/(document|footnotes|endnotes|header\d*|footer\d*)\.xml|word\/charts\/chart\d+\.xml|docProps\/core\.xml)$/.test(
        p,
      ),
    );
  expect(parts).toContain("word/document.xml");
  const out: string[] = [];
  for (const part of parts) {
    const xml = sh("unzip", ["-p", file, part]);
    for (const m of xml.matchAll(
      /<(w:t|a:t|c:v|dc:title|dc:subject)(?:\s[^>]*)?>([^<]*)<\/\1>|<wp:docPr\b[^>]*\bdescr="([^"]*)"/g,
    )) {
      out.push(decode(m[2] ?? m[3] ?? ""));
    }
  }
  return out.join("\n");
}

/** The words an HTML file shows: its text (SVG's included, script and style not) and its alt, title and aria-label attributes. */
function htmlText(file: string): string {
  const html = readFileSync(file, "utf8").replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, "");
  const attributes = [...html.matchAll(/\s(?:alt|title|aria-label)="([^"]*)"/g)].map((m) =>
    decode(m[1] ?? ""),
  );
  const text = html.split(/<[^>]*>/).map(decode);
  return [...text, ...attributes].join("\n");
}

const READERS = { pdf: pdfText, docx: docxText, html: htmlText } as const;

function formatOf(file: string): keyof typeof READERS {
  const ext = file.slice(file.lastIndexOf(".") + 1);
  if (ext !== "pdf" && ext !== "docx" && ext !== "html") throw new Error(`${file}: not a brief`);
  return ext;
}

/** Every string in a loaded dataset that holds a straight quote: the data's own text. */
async function dataTexts(dir: string): Promise<string[]> {
  const loaded = await loadDataset(dir);
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join("; "));
  const found = new Set<string>();
  const seen = new Set<object>();
  const visit = (x: unknown): void => {
    if (typeof x === "string") {
      if (STRAIGHT.test(x)) found.add(squash(x));
      return;
    }
    if (x === null || typeof x !== "object" || seen.has(x)) return;
    seen.add(x);
    const values = x instanceof Map ? [...x.values()] : Object.values(x);
    for (const v of values) visit(v);
  };
  visit(loaded.dataset);
  // Longest first, so a string inside another is not cut out of it first.
  return [...found].sort((a, b) => b.length - a.length);
}

interface Brief {
  name: string;
  files: string[];
  data: string[];
}

const briefs: Brief[] = [];

beforeAll(async () => {
  const example = join(tmp, "example");
  const data = join(tmp, "data/russia-japan/2005");
  straightQuotedExampleData(data);
  const built = await runCli(root, [
    "build",
    "--data",
    data,
    "--audience",
    "all",
    "--out",
    example,
  ]);
  expect(built.code, built.err).toBe(0);
  const texts = await dataTexts(data);
  expect(texts).toEqual(expect.arrayContaining(SOURCE_TITLES.map((t) => squash(t.copy))));
  briefs.push({
    name: "russia-japan",
    files: readdirSync(example)
      .filter((f) => /\.(pdf|docx|html)$/.test(f))
      .map((f) => join(example, f)),
    data: texts,
  });

  const repo = join(tmp, "new");
  mkdirSync(repo);
  const made = await runCli(repo, [
    "new",
    "demo",
    "--title",
    `The region's "new" trade`,
    "--edition",
    "2026",
    "--date",
    "2026-03-01",
  ]);
  expect(made.code, made.err).toBe(0);
  const out = join(repo, "out");
  const scaffold = await runCli(repo, ["build", "--template", "templates/demo", "--out", out]);
  expect(scaffold.code, scaffold.err).toBe(0);
  briefs.push({
    name: "briefkit new",
    files: readdirSync(out)
      .filter((f) => /\.(pdf|docx|html)$/.test(f))
      .map((f) => join(out, f)),
    data: await dataTexts(join(repo, "data/demo/2026")),
  });
}, 240_000);

describe("straight quotes in the built briefs", () => {
  it("none in the example's own data either: its text has typographic quotes, as the prose has", async () => {
    expect(await dataTexts(join(root, "data/russia-japan/2005"))).toEqual([]);
  });

  it("built every audience in every format", () => {
    expect(briefs.map((b) => b.files.length)).toEqual([15, 6]);
  });

  it("leaves none in the prose of any file, and prints the data's own text unchanged", () => {
    const kept = new Map<string, number>();
    for (const brief of briefs) {
      expect(brief.data.length, `${brief.name}: data text with quotes`).toBeGreaterThan(0);
      for (const file of brief.files) {
        const text = squash(READERS[formatOf(file)](file));
        // The data's text is cut out where it stands, as the data has it; what is left is prose.
        let prose = text;
        for (const d of brief.data) {
          if (prose.includes(d)) kept.set(file, (kept.get(file) ?? 0) + 1);
          prose = prose.split(d).join("|");
        }
        const strays = [...prose.matchAll(/.{0,30}['"].{0,30}/g)].map((m) => m[0]);
        expect(strays, file).toEqual([]);
        // Each language's own marks: «» in the Russian summary, 『』 in the Japanese.
        const marks = /-ru\.\w+$/.test(file)
          ? /«[^»]+»/
          : /-ja\.\w+$/.test(file)
            ? /『[^』]+』/
            : /[’“”]/;
        expect(text, `${file}: the prose's marks`).toMatch(marks);
      }
    }
    // Each example file states a source whose title the copy gave straight
    // quotes, and the new brief's full audience its dataset's title: printed
    // unchanged.
    const unchanged = [
      ...briefs[0]!.files,
      ...briefs[1]!.files.filter((f) => f.includes("-full.")),
    ];
    for (const file of unchanged) expect(kept.get(file), file).toBeGreaterThan(0);
  });

  it("sets the title's quotes on the title page and in the properties of every format", () => {
    const [, scaffold] = briefs;
    expect(scaffold?.files.length).toBe(6);
    for (const file of scaffold?.files ?? []) {
      expect(flat(READERS[formatOf(file)](file)), file).toContain("The region’s “new” trade");
      if (formatOf(file) === "pdf") {
        const info = sh("pdfinfo", ["-enc", "UTF-8", file]);
        expect(/^Title:\s+(.*)$/m.exec(info)?.[1], file).toBe("The region’s “new” trade");
      }
    }
    const example = briefs[0]!.files.find((f) => f.endsWith("full.html"))!;
    expect(htmlText(example)).toContain("Russia’s exports to Japan");
  });
});
