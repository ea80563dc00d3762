/**
 * Embedded fonts, read back from the written package: each face undone from
 * its obfuscation (ECMA-376 Part 1 §17.8.1, done here again, not with the
 * writer's code) and parsed by fontkit. By default the faces the text is set
 * in, cut down to the characters the document shows; `fonts: full` every
 * face whole; `embedFonts: false` none. LibreOffice's view of the same files
 * (which faces it sets text in) is in conformance.test.ts.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import {
  buildDocument,
  cell,
  type Document,
  type DraftBlock,
  emph,
  heading,
  houseTheme,
  inlines,
  para,
  row,
  strong,
  subsetTtf,
  table,
} from "@briefkit/document";
import { describe, expect, it } from "vitest";
import { type DocxOptions, writeDocx } from "../src/index.js";
import { chartsDocument, context, FIXTURES, fixture, options, unpack } from "./helpers.js";

interface FontkitFont {
  familyName: string;
  subfamilyName: string;
  characterSet: number[];
  hasGlyphForCodePoint(codePoint: number): boolean;
}
const fontkit = createRequire(import.meta.url)("fontkit") as {
  create(data: Uint8Array): FontkitFont;
};

const theme = houseTheme();
// The East Asian families are embedded (as subsets) when a document shows Japanese: the unicode fixture does.
const EAST_ASIAN = theme.fonts.eastAsian;
const FAMILIES = [
  theme.fonts.body,
  theme.fonts.heading,
  ...(EAST_ASIAN ? [EAST_ASIAN.body, EAST_ASIAN.heading] : []),
];
const FACE_OF = {
  embedRegular: "regular",
  embedBold: "bold",
  embedItalic: "italic",
  embedBoldItalic: "boldItalic",
} as const;
const STYLE_NAME = {
  regular: "Regular",
  bold: "Bold",
  italic: "Italic",
  boldItalic: "Bold Italic",
} as const;

type Face = (typeof FACE_OF)[keyof typeof FACE_OF];

interface Embedded {
  family: string;
  face: Face;
  subsetted: boolean;
  /** The font file, its obfuscation undone. */
  bytes: Uint8Array;
  font: FontkitFont;
}

/** The embedded faces, in fontTable.xml's order. */
function embeddedFaces(pkg: ReturnType<typeof unpack>): Embedded[] {
  const table = pkg.text["word/fontTable.xml"] ?? "";
  const rels = pkg.text["word/_rels/fontTable.xml.rels"] ?? "";
  const out: Embedded[] = [];
  for (const font of table.matchAll(/<w:font w:name="([^"]+)">(.*?)<\/w:font>/g)) {
    for (const m of (font[2] ?? "").matchAll(/<w:(embed\w+) ([^>]*)\/>/g)) {
      const attrs = Object.fromEntries(
        [...(m[2] ?? "").matchAll(/([\w:]+)="([^"]*)"/g)].map((a) => [a[1], a[2]]),
      );
      const target = new RegExp(`Id="${attrs["r:id"]}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
      const data = pkg.bytes[`word/${target}`];
      if (!data) throw new Error(`no part for ${attrs["r:id"]}`);
      // Undo the obfuscation: XOR the first 32 bytes with the key's bytes, read from the GUID's end.
      const key = ((attrs["w:fontKey"] ?? "").replace(/[{}-]/g, "").match(/../g) ?? [])
        .map((h: string) => Number.parseInt(h, 16))
        .reverse();
      const bytes = Uint8Array.from(data, (b, j) => (j < 32 ? b ^ (key[j % 16] ?? 0) : b));
      out.push({
        family: font[1] ?? "",
        face: FACE_OF[m[1] as keyof typeof FACE_OF],
        subsetted: attrs["w:subsetted"] === "true",
        bytes,
        font: fontkit.create(bytes),
      });
    }
  }
  return out;
}

const faceFile = (family: string, face: Face) =>
  FAMILIES.find((f) => f.name === family)?.[face] ?? "";

const decode = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, "&");

/** What the package shows: text runs, deleted text, chart text and values, list markers. */
function shownText(pkg: ReturnType<typeof unpack>): string {
  let out = "";
  for (const [path, xml] of Object.entries(pkg.text)) {
    if (!/^word\/.*\.xml$/.test(path)) continue;
    for (const m of xml.matchAll(/<(w:t|w:delText|a:t|c:v)(?: [^>]*)?>([^<]*)<\//g))
      out += decode(m[2] ?? "");
    for (const m of xml.matchAll(/<w:lvlText w:val="([^"]*)"/g)) out += decode(m[1] ?? "");
  }
  return out;
}

const write = async (doc: Document, extra: Partial<DocxOptions> = {}) =>
  unpack(await writeDocx(doc, { ...options, ...extra }, context()));

const meta = () => fixture("kitchen-sink").meta;
const plain: DraftBlock[] = [heading(1, "Plain"), para("Plain text in the body.")];
const facesOf = (pkg: ReturnType<typeof unpack>, family: string) =>
  embeddedFaces(pkg)
    .filter((e) => e.family === family)
    .map((e) => e.face);

describe("embedded fonts, by default: subsets", () => {
  it("marks each face subsetted, and asks Word to keep subsetting (saveSubsetFonts)", async () => {
    const pkg = await write(fixture("kitchen-sink"));
    const faces = embeddedFaces(pkg);
    expect(faces.length).toBeGreaterThan(0);
    for (const f of faces) expect(f.subsetted, `${f.family} ${f.face}`).toBe(true);
    expect(pkg.text["word/settings.xml"]).toContain("<w:embedTrueTypeFonts/><w:saveSubsetFonts/>");
  });

  it("keeps the names Word and LibreOffice match to w:font w:name, face by face", async () => {
    for (const f of embeddedFaces(await write(fixture("kitchen-sink")))) {
      expect(f.font.familyName).toBe(f.family);
      expect(f.font.subfamilyName).toBe(STYLE_NAME[f.face]);
    }
  });

  it.each([...FIXTURES, "charts"] as const)(
    "%s: every face has every character the package shows, and printable ASCII",
    async (name) => {
      const pkg = await write(name === "charts" ? chartsDocument() : fixture(name));
      const shown = [...new Set(shownText(pkg))].map((c) => c.codePointAt(0) ?? 0);
      const ascii = Array.from({ length: 0x7f - 0x20 }, (_, i) => 0x20 + i);
      for (const f of embeddedFaces(pkg)) {
        const whole = fontkit.create(readFileSync(faceFile(f.family, f.face)));
        const has = new Set(f.font.characterSet);
        // What the whole face cannot show, no subset of it can (the writer warns: glyph-missing).
        const missing = [...shown, ...ascii].filter(
          (cp) => whole.hasGlyphForCodePoint(cp) && !has.has(cp),
        );
        expect(
          missing.map((cp) => String.fromCodePoint(cp)),
          `${f.family} ${f.face}`,
        ).toEqual([]);
        expect(f.bytes.length).toBeLessThan(readFileSync(faceFile(f.family, f.face)).length / 5);
      }
    },
  );

  it("has the non-Latin characters of the unicode fixture in its subsets", async () => {
    const pkg = await write(fixture("unicode"));
    const body = embeddedFaces(pkg).find((f) => f.family === theme.fonts.body.name);
    const shown = [...new Set(shownText(pkg))].filter((c) => (c.codePointAt(0) ?? 0) > 0x17f);
    const covered = shown.filter((c) => body?.font.hasGlyphForCodePoint(c.codePointAt(0) ?? 0));
    // Cyrillic, Greek and typographic punctuation are in Source Serif 4; CJK is not.
    expect(covered.length).toBeGreaterThan(10);
    expect(covered.some((c) => /\p{Script=Cyrillic}/u.test(c))).toBe(true);
  });

  it("embeds a face only when some text is set in it", async () => {
    const serif = theme.fonts.body.name;
    const sans = theme.fonts.heading.name;
    const base = await write(buildDocument(meta(), plain));
    const only = (blocks: DraftBlock[]) => write(buildDocument(meta(), [...plain, ...blocks]));
    expect(facesOf(base, serif)).toEqual(["regular"]);
    // Headings and the title are bold, the running footer regular.
    expect(facesOf(base, sans)).toEqual(["regular", "bold"]);

    const italic = await only([para("An ", emph("emphasised"), " word.")]);
    expect(facesOf(italic, serif)).toEqual(["regular", "italic"]);
    const bold = await only([para("A ", strong("strong"), " word.")]);
    expect(facesOf(bold, serif)).toEqual(["regular", "bold"]);
    const both = await only([para(strong(emph("Both")), " at once.")]);
    expect(facesOf(both, serif)).toEqual(["regular", "boldItalic"]);
    expect(facesOf(both, sans)).toEqual(facesOf(base, sans));

    // Table text is set in the heading family: an emphasis there is its italic.
    const inTable = await only([
      table({
        caption: inlines("A table"),
        columns: [{ align: "left" }],
        head: [row([cell("Head")])],
        body: [row([cell(emph("Italic cell"))])],
        notes: [],
        source: inlines("Source: test."),
      }),
    ]);
    expect(facesOf(inTable, sans)).toContain("italic");
    expect(facesOf(inTable, serif)).toEqual(["regular"]);
  });

  it("lists a family once when the theme sets body and headings in it", async () => {
    const serif = theme.fonts.body;
    const pkg = await write(buildDocument(meta(), plain), {
      theme: { ...theme, fonts: { body: serif, heading: serif } },
    });
    const table = pkg.text["word/fontTable.xml"] ?? "";
    expect(table.match(/<w:font w:name=/g)).toHaveLength(1);
    // The headings' bold is now the serif's.
    expect(facesOf(pkg, serif.name)).toEqual(["regular", "bold"]);
  });

  it("subsets the same bytes whatever the process subset before", () => {
    const path = theme.fonts.body.regular;
    const codePoints = [0x41, 0x42, 0x43, 0x416, 0x2013];
    const first = subsetTtf(path, codePoints);
    subsetTtf(theme.fonts.heading.bold, [0x61, 0x62, 0x3b1]);
    expect(Buffer.from(subsetTtf(path, codePoints)).equals(Buffer.from(first))).toBe(true);
  });
});

describe("embedded fonts, fonts: full", () => {
  it("embeds the four faces of both families whole, not marked subsetted", async () => {
    const pkg = await write(fixture("kitchen-sink"), { fonts: "full" });
    const faces = embeddedFaces(pkg);
    expect(faces.map((f) => [f.family, f.face])).toEqual(
      // kitchen-sink shows no Japanese: the house families only.
      [theme.fonts.body, theme.fonts.heading].flatMap((family) =>
        (["regular", "bold", "italic", "boldItalic"] as const).map((face) => [family.name, face]),
      ),
    );
    for (const f of faces) {
      expect(f.subsetted).toBe(false);
      expect(Buffer.from(f.bytes).equals(readFileSync(faceFile(f.family, f.face)))).toBe(true);
    }
    expect(pkg.text["word/fontTable.xml"]).not.toContain("w:subsetted");
    expect(pkg.text["word/settings.xml"]).toContain("<w:embedTrueTypeFonts/>");
    expect(pkg.text["word/settings.xml"]).not.toContain("saveSubsetFonts");
  });

  it("is much larger than the subset: the full faces are the bulk of the file", async () => {
    const doc = fixture("kitchen-sink");
    const full = await writeDocx(doc, { ...options, fonts: "full" }, context());
    const subset = await writeDocx(doc, options, context());
    expect(subset.length * 4).toBeLessThan(full.length);
  });
});

describe("embedFonts: false", () => {
  it("embeds no font and does not ask readers for embedded fonts", async () => {
    const pkg = await write(fixture("kitchen-sink"), { embedFonts: false });
    expect(Object.keys(pkg.bytes).filter((p) => p.startsWith("word/fonts/"))).toEqual([]);
    expect(pkg.text["word/fontTable.xml"]).not.toContain("w:embed");
    expect(pkg.text["word/settings.xml"]).not.toContain("embedTrueTypeFonts");
  });
});
