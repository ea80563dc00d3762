/**
 * The contents' page numbers: the writer's estimate (src/page-numbers.ts)
 * leaves out the docx library's `listNumbers`, which reads the body a second
 * time to number entries of headings in Word lists. These tests hold it to
 * the library's complete estimate, byte for byte, and pin why that is safe:
 * no heading of a brief is in a Word list. (LibreOffice's pagination of the
 * same numbers: conformance.test.ts.)
 */

import {
  buildDocument,
  type Document,
  heading,
  houseTheme,
  para,
  termsFor,
  toc,
} from "@briefkit/document";
import { Packer, type PageNumberEstimator } from "docx";
import { estimatePageNumbersWith } from "docx/layout";
import { describe, expect, it } from "vitest";
import { buildFile } from "../src/build.js";
import { coverageOf, fontFiles } from "../src/fonts.js";
import { writeDocx } from "../src/index.js";
import { normalisePackage } from "../src/package.js";
import { pageEstimator } from "../src/page-numbers.js";
import { createScope } from "../src/scope.js";
import { context, fixture, options, unpack } from "./helpers.js";

const theme = houseTheme();

/**
 * document.xml as the writer's two steps make it (build, then the package
 * step, which numbers ids in order), with a given estimator.
 */
async function documentXml(doc: Document, pageNumbers: PageNumberEstimator): Promise<string> {
  const now = new Date("2005-09-08T00:00:00Z");
  const scope = createScope(
    theme,
    termsFor(doc.meta.language),
    () => {},
    { body: coverageOf(theme.fonts.body), heading: coverageOf(theme.fonts.heading) },
    true,
    now,
  );
  const { file, core } = buildFile(doc, scope, { pageNumbers });
  const packed = new Uint8Array(await Packer.toBuffer(file));
  const xml = unpack(normalisePackage(packed, core, now, () => [])).text["word/document.xml"];
  if (xml === undefined) throw new Error("no word/document.xml");
  return xml;
}

/** The text of each entry of the contents (the paragraphs of its w:sdt), in order. */
function contentsEntries(xml: string): string[] {
  const sdt = /<w:sdtContent>(.*?)<\/w:sdtContent>/s.exec(xml)?.[1] ?? "";
  return [...sdt.matchAll(/<w:p\b[^>]*>.*?<\/w:p>/gs)]
    .map((p) => [...p[0].matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(""))
    .filter((text) => text !== "");
}

/** Four sections of ten paragraphs each: the later headings fall on later pages. */
function longDocument(): Document {
  const words = "Trade between the two neighbours grew fast from a low base in these years. ";
  return buildDocument({ ...fixture("kitchen-sink").meta, title: "Long" }, [
    toc("Contents", 2),
    ...[1, 2, 3, 4].flatMap((n) => [
      heading(1, `Section ${n}`),
      ...Array.from({ length: 10 }, () => para(words.repeat(8))),
      heading(2, `Part ${n}.1`),
      para(words.repeat(4)),
    ]),
  ]);
}

describe("the contents' page numbers", () => {
  const library = estimatePageNumbersWith({
    fonts: [...fontFiles(theme.fonts.body), ...fontFiles(theme.fonts.heading)],
  });
  const cases: Array<[string, () => Document]> = [
    ["kitchen-sink", () => fixture("kitchen-sink")],
    ["tracked-changes", () => fixture("tracked-changes")],
    ["a four-section document", longDocument],
  ];

  for (const [name, load] of cases) {
    it(`${name}: are the library's complete estimate's, byte for byte`, async () => {
      const doc = load();
      const ours = await documentXml(doc, await pageEstimator(theme));
      const theirs = await documentXml(doc, library);
      expect(contentsEntries(ours)).toEqual(contentsEntries(theirs));
      expect(ours).toBe(theirs);
      // Not a comparison of two blanks: every entry ends in its page number.
      const entries = contentsEntries(ours);
      expect(entries.length).toBeGreaterThan(0);
      for (const entry of entries) expect(entry, entry).toMatch(/\D\d+$/);
    });
  }

  it("run over several pages: the four-section document's sections start on later pages", async () => {
    const xml = await documentXml(longDocument(), await pageEstimator(theme));
    const pages = contentsEntries(xml)
      .filter((e) => /^\d\u00A0\u00A0Section/.test(e))
      .map((e) => Number(/(\d+)$/.exec(e)?.[1]));
    expect(pages).toHaveLength(4);
    expect(pages).toEqual([...pages].sort((a, b) => a - b));
    expect(pages.at(-1)).toBeGreaterThan(pages[0] ?? 0);
  });

  it("are safe to number without the library's listNumbers: no heading is in a Word list", async () => {
    for (const doc of [fixture("kitchen-sink"), fixture("tracked-changes"), longDocument()]) {
      const pkg = unpack(await writeDocx(doc, options, context()));
      const body = pkg.text["word/document.xml"] ?? "";
      const headings = [...body.matchAll(/<w:p\b[^>]*>.*?<\/w:p>/gs)]
        .map((m) => m[0])
        .filter((p) => /<w:pStyle w:val="Heading\d"\/>/.test(p));
      expect(headings.length).toBeGreaterThan(0);
      for (const h of headings) expect(h).not.toContain("<w:numPr>");
      const styles = pkg.text["word/styles.xml"] ?? "";
      for (const level of [1, 2, 3]) {
        const style = new RegExp(`<w:style\\b[^>]*w:styleId="Heading${level}".*?</w:style>`, "s");
        expect(style.exec(styles)?.[0]).not.toContain("<w:numPr>");
      }
    }
  });

  it("are left out with estimatePages: false, and the contents still lists every heading", async () => {
    const doc = fixture("kitchen-sink");
    const estimated = contentsEntries(
      unpack(await writeDocx(doc, options, context())).text["word/document.xml"] ?? "",
    );
    const blank = contentsEntries(
      unpack(await writeDocx(doc, { ...options, estimatePages: false }, context())).text[
        "word/document.xml"
      ] ?? "",
    );
    expect(blank).toEqual(estimated.map((e) => e.replace(/\d+$/, "")));
  });
});
