/**
 * The DOCX's accessibility, read back as Word and a screen reader read it
 * (python-docx and lxml, readers/accessibility_docx.py) and held against
 * the document model it was written from:
 * - every drawing (`wp:docPr`) has the alt text (`descr`) of its figure, in
 *   document order;
 * - every data table's header rows, and only they, are marked as header
 *   rows (`w:tblHeader`: Word repeats them on each page and a screen reader
 *   announces them with each cell), holding the model's header cells; the
 *   layout tables of boxes have none;
 * - the document's language is the model's in the style defaults, the
 *   settings, the core properties and every chart, and nothing says another.
 * Used by this package's tests (fixtures) and the CLI's (the example briefs).
 */
import { join } from "node:path";
import { type Document, plainText, replaceForbidden } from "@briefkit/document";
import { run } from "./helpers.js";

const READER = join(import.meta.dirname, "readers", "accessibility_docx.py");

interface Lang {
  val?: string;
  eastAsia?: string;
  bidi?: string;
}

/** What readers/accessibility_docx.py reports of one file. */
export interface DocxAccessibility {
  drawings: Array<{
    id: string;
    name: string | null;
    descr: string | null;
    title: string | null;
    kind: "chart" | "picture";
  }>;
  tables: Array<{ style: string | null; rows: Array<{ header: boolean; cells: string[] }> }>;
  languages: {
    defaults: Lang | null;
    themeFontLang: Lang | null;
    core: string | null;
    charts: Record<string, string | null>;
    others: Array<Lang & { part: string }>;
  };
}

/** Reads DOCX files with python-docx; one report per file, by path. */
export function readAccessibility(files: readonly string[]): Record<string, DocxAccessibility> {
  return JSON.parse(run("/usr/bin/python3", [READER, ...files])) as Record<
    string,
    DocxAccessibility
  >;
}

/** The table styles the writer uses: data tables, and the one-row layout tables of boxes. */
const DATA_TABLE = "BriefTable";
const LAYOUT_TABLE = "BriefBox";

/** Every way the file falls short of the model, one line each; [] when none. */
export function accessibilityProblems(read: DocxAccessibility, doc: Document): string[] {
  const problems: string[] = [];
  const expect = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };

  // Alt text: the writer cleans text of characters XML forbids, alt text included.
  const figures = doc.blocks.filter((b) => b.type === "figure");
  expect(
    read.drawings.length === figures.length,
    `${read.drawings.length} drawings for ${figures.length} figures`,
  );
  figures.forEach((f, i) => {
    const d = read.drawings[i];
    const alt = replaceForbidden(f.alt).text;
    expect(
      d !== undefined && d.descr === alt && alt.trim() !== "",
      `figure ${f.number}: drawing ${d?.id ?? "missing"} has descr ${JSON.stringify(d?.descr ?? null)}, not its alt text ${JSON.stringify(alt)}`,
    );
  });

  // Header rows: the data tables in model order.
  const tables = doc.blocks.filter((b) => b.type === "table");
  const data = read.tables.filter((t) => t.style === DATA_TABLE);
  expect(data.length === tables.length, `${data.length} data tables for ${tables.length} tables`);
  tables.forEach((t, i) => {
    const rows = data[i]?.rows ?? [];
    const marked = rows.map((r, k) => (r.header ? k : -1)).filter((k) => k >= 0);
    const head = t.head.map((_, k) => k);
    expect(
      JSON.stringify(marked) === JSON.stringify(head),
      `table ${t.number}: header rows ${JSON.stringify(marked)}, the model's are ${JSON.stringify(head)}`,
    );
    t.head.forEach((r, k) => {
      const expected = r.cells.map((c) => replaceForbidden(plainText(c.children)).text);
      const cells = rows[k]?.cells ?? [];
      expect(
        JSON.stringify(cells) === JSON.stringify(expected),
        `table ${t.number}: header row ${k + 1} reads ${JSON.stringify(cells)}, not ${JSON.stringify(expected)}`,
      );
    });
  });
  for (const t of read.tables.filter((x) => x.style !== DATA_TABLE)) {
    expect(t.style === LAYOUT_TABLE, `a table of style ${t.style ?? "none"}: neither data nor box`);
    expect(
      t.rows.every((r) => !r.header),
      `a ${t.style ?? "unstyled"} (layout) table has a header row`,
    );
  }

  // Language.
  const lang = doc.meta.language;
  const l = read.languages;
  expect(l.defaults?.val === lang, `style defaults' w:lang is ${l.defaults?.val}, not ${lang}`);
  expect(
    l.themeFontLang?.val === lang,
    `settings' w:themeFontLang is ${l.themeFontLang?.val}, not ${lang}`,
  );
  expect(l.core === lang, `core properties' dc:language is ${l.core}, not ${lang}`);
  for (const [part, chartLang] of Object.entries(l.charts))
    expect(chartLang === lang, `${part}: c:lang is ${chartLang}, not ${lang}`);
  for (const o of l.others)
    expect(o.val === undefined || o.val === lang, `${o.part}: a w:lang of ${o.val}`);
  return problems;
}
