/**
 * Test helpers: the shared fixture corpus (packages/document/test/fixtures),
 * a fixed context that collects warnings, documents built with the model's
 * builders for what the corpus lacks (every chart kind, a picture-only
 * figure), and readers for the written package (unzip, XML pretty-printing
 * for goldens, command-line readers).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  buildDocument,
  type ChartData,
  type Document,
  figure,
  heading,
  houseTheme,
  inlines,
  para,
  validateDocument,
  type WriterContext,
  type WriterWarning,
} from "@briefkit/document";
import { strFromU8, unzipSync } from "fflate";
import type { DocxOptions } from "../src/index.js";

export const FIXTURES = ["kitchen-sink", "long-table", "unicode", "tracked-changes"] as const;
export type FixtureName = (typeof FIXTURES)[number];

const fixtureDir = join(import.meta.dirname, "..", "..", "document", "test", "fixtures");

/** `japanese`: the brief in Japanese (test/japanese.test.ts), outside the goldens. */
export function fixture(name: FixtureName | "japanese"): Document {
  const result = validateDocument(
    JSON.parse(readFileSync(join(fixtureDir, `${name}.json`), "utf8")),
  );
  if (!result.document) throw new Error(`fixture ${name} is invalid`);
  return result.document;
}

export const options: DocxOptions = { theme: houseTheme() };

/** A context with a fixed clock that collects warnings. */
export function context(
  now = "2005-09-08T00:00:00Z",
): WriterContext & { warnings: WriterWarning[] } {
  const warnings: WriterWarning[] = [];
  return { now: new Date(now), log: (w) => warnings.push(w), warnings };
}

/** The package's parts; XML and relationships as text, the rest as bytes. */
export function unpack(docx: Uint8Array): {
  text: Record<string, string>;
  bytes: Record<string, Uint8Array>;
} {
  const bytes = unzipSync(docx);
  const text: Record<string, string> = {};
  for (const [path, data] of Object.entries(bytes)) {
    if (/\.(xml|rels)$/.test(path)) text[path] = strFromU8(data);
  }
  return { text, bytes };
}

/** One XML element per line, indented, text kept with its element: a readable golden. */
export function pretty(xml: string): string {
  const tokens = xml.split(/(<[^>]+>)/).filter((t) => t !== "");
  const lines: string[] = [];
  let depth = 0;
  const pad = () => "  ".repeat(depth);
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i] as string;
    const next = tokens[i + 1];
    const after = tokens[i + 2];
    const isOpen =
      t.startsWith("<") && !t.startsWith("</") && !t.endsWith("/>") && !t.startsWith("<?");
    if (isOpen && next !== undefined && !next.startsWith("<") && after?.startsWith("</")) {
      lines.push(`${pad()}${t}${next}${after}`);
      i += 2;
    } else if (isOpen) {
      lines.push(pad() + t);
      depth += 1;
    } else if (t.startsWith("</")) {
      depth -= 1;
      lines.push(pad() + t);
    } else {
      lines.push(pad() + t);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Runs a command-line reader; a missing one is named in the error with its Debian package. */
export function run(cmd: string, args: string[], timeout = 120_000): string {
  try {
    return execFileSync(cmd, args, {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout,
    });
  } catch (e) {
    const err = e as { code?: string; stderr?: string; message: string };
    if (err.code === "ENOENT") {
      throw new Error(
        `${cmd} not found: install python3-docx, libreoffice-writer and poppler-utils`,
      );
    }
    throw new Error(`${cmd} ${args.join(" ")} failed: ${err.stderr ?? err.message}`);
  }
}

/** A figure with chart data, in the shape compose makes them (SVG and PNG as stand-ins). */
export function chartFigure(chart: ChartData, alt: string) {
  return figure({
    caption: inlines(chart.title),
    alt,
    svg: '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="300"><rect width="600" height="300" fill="#eef2f6"/></svg>',
    png: { base64: TINY_PNG, widthPx: 1, heightPx: 1 },
    width: 600,
    height: 300,
    chart,
    notes: [],
    source: inlines("Source: test data"),
  });
}

/** A 1×1 PNG, light blue (#8fb3d9). */
export const TINY_PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGPo33wTAAPwAhzwOKI/AAAAAElFTkSuQmCC";

const years = ["2000", "2001", "2002", "2003", "2004"];

/** One chart of every kind, in the order of the model's ChartKind. */
export const CHARTS: ChartData[] = [
  {
    kind: "line",
    title: "Line: total trade",
    categories: years,
    series: [{ name: "Total", values: [5.2, 4.6, 4.2, 5.9, 8.8] }],
    unitLabel: "US$ billion",
  },
  {
    kind: "bar",
    title: "Bar: investment by region",
    categories: ["Sakhalin", "Khabarovsk", "Primorye"],
    series: [{ name: "Investment", values: [293.5, 41.2, 18.7] }],
    unitLabel: "US$ million",
  },
  {
    kind: "grouped-bar",
    title: "Grouped bar: exports and imports",
    categories: years,
    series: [
      { name: "Exports", values: [4.6, 3.9, 3.3, 4.2, 5.7] },
      { name: "Imports", values: [0.6, 0.7, null, 1.7, 3.1] },
    ],
    unitLabel: "US$ billion",
  },
  {
    kind: "stacked-bar",
    title: "Stacked bar: trade by flow",
    categories: years,
    series: [
      { name: "Exports", values: [4.6, 3.9, 3.3, 4.2, 5.7] },
      { name: "Imports", values: [0.6, 0.7, 0.9, 1.7, 3.1] },
    ],
  },
  {
    kind: "share",
    title: "Share: exports by commodity",
    categories: ["Metals", "Fish", "Timber", "Other"],
    series: [{ name: "2004", values: [37, 21, 12, 30] }],
    unitLabel: "%",
  },
  {
    kind: "share",
    title: "Shares over time",
    categories: ["2003", "2004"],
    series: [
      { name: "Metals", values: [35, 37] },
      { name: "Fish", values: [25, 21] },
      { name: "Other", values: [40, 42] },
    ],
  },
  {
    kind: "pie",
    title: "Pie: exports by commodity, with the rest not itemised",
    categories: ["Metals", "Fish", "Timber", "Other or not stated"],
    series: [{ name: "Share", values: [37, 27, 11, 25] }],
    unitLabel: "%",
    remainder: true,
  },
  {
    kind: "donut",
    title: "Donut: exports by region",
    categories: ["Sakhalin", "Khabarovsk", "Primorye"],
    series: [{ name: "Exports", values: [293.5, 169.2, 154.9] }],
    unitLabel: "US$ million",
  },
  {
    kind: "stacked-bar",
    title: "Horizontal stacked bars with axis titles",
    categories: ["Sakhalin", "Khabarovsk", "Primorye"],
    series: [
      { name: "Exports", values: [293.5, 169.2, 154.9] },
      { name: "Imports", values: [144.6, 60.1, 95.2] },
    ],
    unitLabel: "US$ million",
    valueTitle: "Trade, US$ million",
    categoryTitle: "Region",
    orientation: "horizontal",
  },
];

/** A document with one figure per chart kind, and one figure that is only a picture. */
export function chartsDocument(): Document {
  const picture = figure({
    caption: inlines("A picture without chart data"),
    alt: "A shaded rectangle standing in for a map.",
    svg: '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200"><rect width="400" height="200" fill="#1f4e79"/></svg>',
    png: { base64: TINY_PNG, widthPx: 1, heightPx: 1 },
    width: 400,
    height: 200,
    notes: [inlines("A note under the picture.")],
    source: inlines("Source: test data"),
  });
  return buildDocument(
    { ...fixture("kitchen-sink").meta, audience: "charts", audienceLabel: "Charts" },
    [
      heading(1, "Charts"),
      para("One figure per chart kind."),
      ...CHARTS.map((c, i) => chartFigure(c, `Alt text of chart ${i + 1}: ${c.title}.`)),
      picture,
    ],
  );
}
