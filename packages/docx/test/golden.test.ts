/**
 * Goldens: the XML parts of each fixture's DOCX (the inspectable middle of
 * the writer), pretty-printed one element per line in test/golden/<fixture>/.
 * They change only on purpose: regenerate with `vitest -u`, read the diff,
 * and open the DOCX (scripts/render-fixtures.ts) when it changes.
 */
import { describe, expect, it } from "vitest";
import { writeDocx } from "../src/index.js";
import { chartsDocument, context, FIXTURES, fixture, options, pretty, unpack } from "./helpers.js";

const PARTS = [
  "word/document.xml",
  "word/styles.xml",
  "word/footnotes.xml",
  "word/settings.xml",
  "word/fontTable.xml",
  "word/header1.xml",
  "word/footer1.xml",
  "docProps/core.xml",
];

const documents = [
  ...FIXTURES.map((name) => [name, () => fixture(name)] as const),
  ["charts", chartsDocument] as const,
];

describe("golden XML parts", () => {
  for (const [name, load] of documents) {
    it(name, async () => {
      const { text } = unpack(await writeDocx(load(), options, context()));
      const charts = Object.keys(text).filter((p) => /^word\/charts\/chart\d+\.xml$/.test(p));
      for (const part of [...PARTS, ...charts]) {
        const xml = text[part];
        expect(xml, part).toBeDefined();
        await expect(pretty(xml ?? "")).toMatchFileSnapshot(
          `golden/${name}/${part.split("/").at(-1)}`,
        );
      }
    });
  }
});
