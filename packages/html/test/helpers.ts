/** Test helpers: the shared fixture corpus, a collecting context, and golden normalisation. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  buildDocument,
  cell,
  type Document,
  heading,
  houseTheme,
  inlines,
  para,
  row,
  table,
  validateDocument,
  type WriterWarning,
} from "@briefkit/document";
import { type HtmlOptions, writeHtml } from "../src/index.js";

export const fixtureNames = ["kitchen-sink", "long-table", "unicode", "tracked-changes"] as const;

const fixtureDir = join(import.meta.dirname, "../../document/test/fixtures");

export function fixture(name: string): Document {
  const raw: unknown = JSON.parse(readFileSync(join(fixtureDir, `${name}.json`), "utf8"));
  const { document, issues } = validateDocument(raw);
  if (!document) throw new Error(`${name}: ${issues.map((i) => i.message).join("; ")}`);
  return document;
}

export const theme = houseTheme();

export function render(
  doc: Document,
  options: Partial<HtmlOptions> = {},
): { html: string; warnings: WriterWarning[] } {
  const warnings: WriterWarning[] = [];
  const html = writeHtml(
    doc,
    { theme, ...options },
    { now: new Date(`${doc.meta.date}T00:00:00Z`), log: (w) => warnings.push(w) },
  );
  return { html, warnings };
}

/**
 * Goldens pin structure and CSS, not font bytes: the embedded WOFF data (and
 * the CSP hash over the stylesheet that holds it) change with HarfBuzz
 * releases, and are checked by the font and determinism tests instead.
 */
export function forGolden(html: string): string {
  return html
    .replace(/base64,[A-Za-z0-9+/=]+\) format\("woff"\)/g, 'base64,<woff subset>) format("woff")')
    .replace(/'sha256-[A-Za-z0-9+/=]+'/g, "'sha256-<stylesheet hash>'");
}

/** A deep copy of a document, for tests that break it on purpose (as an unvalidated input could be). */
export function copy(doc: Document): Document {
  return structuredClone(doc);
}

/** The kitchen sink with a chart as @briefkit/charts draws it (vega's SVG, not the fixture's hand-made one). */
export function realChart(): Document {
  const doc = copy(fixture("kitchen-sink"));
  const fig = doc.blocks.find((b) => b.type === "figure");
  if (fig?.type !== "figure") throw new Error("fixture");
  fig.svg = readFileSync(join(import.meta.dirname, "fixtures/vega-stacked-bar.svg"), "utf8");
  fig.width = 610;
  fig.height = 306;
  return doc;
}

/** Repeated boxes with the same titles, as a composed brief has (landmark names must stay unique). */
export function repeatedBoxes(): Document {
  const doc = copy(fixture("kitchen-sink"));
  const boxes = doc.blocks.filter((b) => b.type === "callout" || b.type === "keyFigures");
  doc.blocks.push(...structuredClone(boxes), ...structuredClone(boxes));
  return doc;
}

/**
 * A wide table as compose lays out a pivot (the example's Table 3): each
 * region's label over its Exports and Imports rows, the second left empty,
 * in a column of labels with no heading; too wide for a narrow screen.
 */
export function labelledRows(): Document {
  const years = ["1998", "1999", "2000", "2001", "2002", "2003"];
  const regions: Array<[string, string[], string[]]> = [
    [
      "Yakutia",
      ["33.7", "106.3", "111.7", "27.8", "—", "138.9"],
      ["9.7", "20.2", "6.4", "7.4", "—", "11.0"],
    ],
    [
      "Primorskiy Krai",
      ["264.0", "161.0", "194.0", "257.0", "207.0", "154.9"],
      ["60.0", "38.0", "32.0", "47.0", "74.0", "221.7"],
    ],
  ];
  const values = (xs: string[]) => xs.map((x) => cell(x));
  return buildDocument(fixture("kitchen-sink").meta, [
    heading(1, "Trade by region"),
    para("Far Eastern Russia's trade with Japan, region by region."),
    table({
      caption: inlines("Far Eastern Russia's trade with Japan, by region (US$ million)"),
      columns: [
        { align: "left" },
        { align: "left" },
        ...years.map(() => ({ align: "right" as const, numeric: true })),
      ],
      head: [row([cell("Region"), cell(""), ...years.map((y) => cell(y))])],
      body: [
        ...regions.flatMap(([name, exports, imports]) => [
          row([cell(name), cell("Exports"), ...values(exports)]),
          row([cell(""), cell("Imports"), ...values(imports)]),
        ]),
        row(
          [
            cell("Total"),
            cell("Exports"),
            ...values(["297.7", "267.3", "305.7", "284.8", "207.0", "293.8"]),
          ],
          "total",
        ),
        row(
          [cell(""), cell("Imports"), ...values(["69.7", "58.2", "38.4", "54.4", "74.0", "232.7"])],
          "total",
        ),
      ],
      notes: [],
      source: inlines("Source: test data"),
    }),
  ]);
}

/** Every document the tests load in a browser, by name. */
export const browserDocuments: Record<string, () => Document> = {
  ...Object.fromEntries(fixtureNames.map((n) => [n, () => fixture(n)])),
  "real-chart": realChart,
  "repeated-boxes": repeatedBoxes,
  "labelled-rows": labelledRows,
};
