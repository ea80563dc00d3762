/**
 * Accessibility of the written DOCX, read back with python-docx
 * (accessibility.ts): alt text on every drawing, header rows marked, the
 * document's language everywhere. Every fixture and the document with every
 * chart kind pass; controls, each a package with one fault made on purpose,
 * show the check names each fault.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Document } from "@briefkit/document";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeDocx } from "../src/index.js";
import {
  accessibilityProblems,
  type DocxAccessibility,
  readAccessibility,
} from "./accessibility.js";
import { chartsDocument, context, FIXTURES, fixture, options } from "./helpers.js";

const documents: Record<string, () => Document> = {
  ...Object.fromEntries(FIXTURES.map((n) => [n, () => fixture(n)])),
  charts: chartsDocument,
};

/** The package with `edit` applied to one XML part (which must change: a control that changes nothing proves nothing). */
function withPart(docx: Uint8Array, path: string, edit: (xml: string) => string): Uint8Array {
  const files = unzipSync(docx);
  const part = files[path];
  if (part === undefined) throw new Error(`control: no part ${path}`);
  const before = strFromU8(part);
  const after = edit(before);
  if (after === before) throw new Error(`control: the edit of ${path} changed nothing`);
  files[path] = strToU8(after);
  return zipSync(files);
}

const dir = mkdtempSync(join(tmpdir(), "briefkit-docx-a11y-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("every drawing has its alt text, header rows are marked, the language is set", () => {
  let read: Record<string, DocxAccessibility>;
  beforeAll(async () => {
    const files: string[] = [];
    for (const [name, make] of Object.entries(documents)) {
      const file = join(dir, `${name}.docx`);
      writeFileSync(file, await writeDocx(make(), options, context()));
      files.push(file);
    }
    read = readAccessibility(files);
  }, 120_000);

  for (const [name, make] of Object.entries(documents)) {
    it(name, () => {
      const found = read[join(dir, `${name}.docx`)];
      expect(found).toBeDefined();
      expect(accessibilityProblems(found as DocxAccessibility, make())).toEqual([]);
    });
  }

  it("reads what it checks: drawings, data and layout tables, languages", () => {
    const charts = read[join(dir, "charts.docx")] as DocxAccessibility;
    expect(charts.drawings.map((d) => d.kind)).toEqual([...Array(9).fill("chart"), "picture"]);
    const kitchen = read[join(dir, "kitchen-sink.docx")] as DocxAccessibility;
    expect(kitchen.tables.map((t) => t.style)).toContain("BriefBox");
    const table = kitchen.tables.find((t) => t.style === "BriefTable");
    expect(table?.rows.slice(0, 3).map((r) => r.header)).toEqual([true, true, false]);
    expect(kitchen.languages.charts).toEqual({ "/word/charts/chart1.xml": "en-GB" });
  });
});

describe("controls: a package with one fault fails, naming it", () => {
  const controls: Array<{
    fault: string;
    part: string;
    edit: (xml: string) => string;
    problem: RegExp;
  }> = [
    {
      fault: "a chart without alt text",
      part: "word/document.xml",
      edit: (xml) => xml.replace(/(<wp:docPr id="1" name="[^"]*") descr="[^"]*"/, "$1"),
      problem: /^figure 1: drawing 1 has descr null, not its alt text "Line chart/,
    },
    {
      fault: "a header row not marked",
      part: "word/document.xml",
      edit: (xml) => xml.replace("<w:tblHeader/>", ""),
      problem: /^table 1: header rows \[1\], the model's are \[0,1\]$/,
    },
    {
      fault: "a body row marked as a header",
      part: "word/document.xml",
      // The third row of the first data table: its first body row.
      edit: (xml) => {
        const table = xml.indexOf('<w:tblStyle w:val="BriefTable"/>');
        let at = table;
        for (let k = 0; k < 3; k += 1) at = xml.indexOf("<w:trPr>", at + 1);
        if (table < 0 || at < 0) return xml;
        const end = at + "<w:trPr>".length;
        return `${xml.slice(0, end)}<w:tblHeader/>${xml.slice(end)}`;
      },
      problem: /^table 1: header rows \[0,1,2\], the model's are \[0,1\]$/,
    },
    {
      fault: "no language in the style defaults",
      part: "word/styles.xml",
      edit: (xml) => xml.replace('<w:lang w:val="en-GB"/>', ""),
      problem: /^style defaults' w:lang is undefined, not en-GB$/,
    },
    {
      fault: "a chart in another language",
      part: "word/charts/chart1.xml",
      edit: (xml) => xml.replace('<c:lang val="en-GB"/>', '<c:lang val="en-US"/>'),
      problem: /^\/word\/charts\/chart1\.xml: c:lang is en-US, not en-GB$/,
    },
    {
      fault: "a run in another language",
      part: "word/document.xml",
      edit: (xml) => xml.replace("<w:rPr>", '<w:rPr><w:lang w:val="fr-FR"/>'),
      problem: /^\/word\/document\.xml: a w:lang of fr-FR$/,
    },
  ];

  let docx: Uint8Array;
  beforeAll(async () => {
    docx = await writeDocx(fixture("kitchen-sink"), options, context());
  });

  for (const c of controls) {
    it(c.fault, () => {
      const file = join(dir, `control-${c.fault.replace(/\W+/g, "-")}.docx`);
      writeFileSync(file, withPart(docx, c.part, c.edit));
      const found = readAccessibility([file])[file] as DocxAccessibility;
      const problems = accessibilityProblems(found, fixture("kitchen-sink"));
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(c.problem);
    });
  }
});
