/**
 * The peer chain's reference brief: the document the peers (Typst for the
 * PDF, pandoc for the Word file and the web page) build in `pnpm bench`, so
 * that they are timed on a brief of the size briefkit's are: ten sections of
 * about 300 words, three tables and four charts, about seven A4 pages.
 *
 * The prose is neutral filler; the figures are those of the essay's Table 1
 * and of invented regional figures of the same size. Variant 0 is the
 * reference; variant i > 0 shuffles the sentences and moves every figure by up
 * to ±10 %, so that a batch of peers never builds the same input twice.
 *
 * The charts are drawn by @briefkit/charts (its presets and renderer, SVG for
 * Typst and PNG for pandoc) before anything is timed: the peers start from
 * finished images, as a user of those tools would.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  type ChartInput,
  type ChartRow,
  groupedBarChart,
  lineChart,
  pieChart,
  renderChart,
  stackedBarChart,
} from "../../../charts/src/index.js";

export interface PeerTable {
  caption: string;
  header: string[];
  /** true: the column holds figures (right-aligned). */
  numeric: boolean[];
  rows: string[][];
}

export type PeerBlock =
  | { kind: "paragraph"; text: string }
  | { kind: "table"; table: PeerTable }
  | { kind: "figure"; id: string; caption: string; narrow: boolean };

export interface PeerBrief {
  title: string;
  subtitle: string;
  sections: Array<{ heading: string; blocks: PeerBlock[] }>;
  charts: Record<string, ChartInput>;
}

/** A small deterministic generator (mulberry32): the same variant, the same brief. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const YEARS = ["1998", "1999", "2000", "2001", "2002", "2003", "2004"];
const EXPORTS = [2.9, 3.7, 4.6, 3.9, 3.3, 4.2, 5.7];
const IMPORTS = [1.0, 0.5, 0.6, 0.7, 0.9, 1.7, 3.1];
const LOANS: Array<[string, string, number]> = [
  ["2002-03", "Vneshtorgbank", 60],
  ["2003-06", "Moscow International Bank", 20],
  ["2003-09", "A telecommunications joint venture", 9],
  ["2003-11", "A glass maker", 108],
  ["2004-03", "A vehicle joint venture", 6],
  ["2004-03", "Rostelecom", 2.7],
];
const REGIONS: Array<[string, number, number]> = [
  ["Sakhalin", 468, 537],
  ["Khabarovsk", 305, 72],
  ["Primorye", 243, 276],
  ["Yakutia", 176, 34],
  ["Kamchatka", 104, 24],
  ["Magadan", 34, 11],
  ["Amur", 11, 4],
];
const EXPORT_MIX: Array<[string, number]> = [
  ["Metals", 37],
  ["Fish and seafood", 27],
  ["Mineral fuels", 20],
  ["Timber", 11],
  ["Other goods", 5],
];

const HEADINGS = [
  "Overview",
  "The political setting",
  "Investment",
  "Trade",
  "The regions",
  "Pipelines",
  "Energy",
  "Climate commitments",
  "Complementary economies",
  "Conclusions",
];

/** Filler sentences, drawn in a shuffled order to make each section about 300 words. */
const SENTENCES = [
  "The period under review saw steady if uneven growth in most of the flows discussed here.",
  "Official statistics are the main source, and they are best read as a guide to direction rather than to exact size.",
  "Price movements explain a large part of the change from one year to the next.",
  "Volumes moved less than values, which is typical of trade dominated by raw materials.",
  "Both governments say that they want relations to become broader and more predictable.",
  "Many of the plans announced at high-level meetings are still being worked out in detail.",
  "Companies often name slow procedures and unclear rules as the first obstacles they meet.",
  "Distance and the cost of transport limit which goods can be shipped at a profit.",
  "A handful of product groups still make up most of the trade in one direction.",
  "Machinery and vehicles make up a rising share of the goods shipped the other way.",
  "Banks and export credit agencies have become more active, although from a low base.",
  "Regional administrations are frequently the first contact for a firm that is new to the market.",
  "Cooperation between central ministries and local authorities has improved without becoming routine.",
  "Commodity prices remain the largest source of uncertainty in any forecast.",
  "Working groups were set up for several sectors and have reported on what each would need.",
  "Their reports stress transport links, shared standards and access to reliable data.",
  "It is still too early to say whether these arrangements will last.",
  "A careful reading of the figures suggests slow gains rather than a change of course.",
  "Small firms find differences in regulation harder to bear than large ones do.",
  "Large companies can spread these costs over long projects and plan further ahead.",
  "Public attention has tended to settle on a few large projects rather than on the whole picture.",
  "Figures for the latest year cover only part of it and are not directly comparable with the rest.",
  "Fishing and forestry follow the seasons, which makes quarterly figures hard to compare.",
  "Long-term contracts priced in the open would lower the risk for both sellers and buyers.",
  "Environmental questions now come up early in the planning of large projects.",
  "Exchanges of specialists have built contacts that outlast any single programme.",
  "Changes in exchange rates altered the competitiveness of several exports during the period.",
  "The exporting side kept a surplus in its trade throughout the years covered.",
];

/** Where each section puts its table or figure, after its first paragraph. */
const PLACED: Record<string, string[]> = {
  Investment: ["table:loans"],
  Trade: ["table:trade", "figure:f1", "figure:f2"],
  "The regions": ["table:regions", "figure:f3"],
  Energy: ["figure:f4"],
};

function paragraphs(rand: () => number, words: number): string[] {
  const order = [...SENTENCES].sort(() => rand() - 0.5);
  const out: string[] = [];
  let current: string[] = [];
  let count = 0;
  for (let i = 0; count < words; i++) {
    const s = order[i % order.length]!;
    current.push(s);
    count += s.split(" ").length;
    if (current.length === 5) {
      out.push(current.join(" "));
      current = [];
    }
  }
  if (current.length > 0) out.push(current.join(" "));
  return out;
}

/** Variant `i` of the reference brief (0: the reference itself). */
export function makePeerBrief(i: number): PeerBrief {
  const rand = random(1 + i * 7919);
  const nudge = (v: number, decimals: number) => {
    const f = i === 0 ? 1 : 1 + (rand() - 0.5) * 0.2;
    const p = 10 ** decimals;
    return Math.round(v * f * p) / p;
  };
  const exports = EXPORTS.map((v) => nudge(v, 1));
  const imports = IMPORTS.map((v) => nudge(v, 1));
  const regions = REGIONS.map(([name, x, m]) => [name, nudge(x, 0), nudge(m, 0)] as const);
  const loans = LOANS.map(([date, who, amount]) => [date, who, nudge(amount, 1)] as const);
  const mix = EXPORT_MIX.map(([what, share]) => [what, share] as const);

  const tables: Record<string, PeerTable> = {
    trade: {
      caption: "Table 1. Russia's trade with Japan, US$ billion",
      header: ["Year", "Exports", "Imports", "Total"],
      numeric: [false, true, true, true],
      rows: YEARS.map((y, k) => [
        y,
        exports[k]!.toFixed(1),
        imports[k]!.toFixed(1),
        (exports[k]! + imports[k]!).toFixed(1),
      ]),
    },
    loans: {
      caption: "Table 2. Loans of the Japan Bank for International Cooperation, US$ million",
      header: ["Date", "Borrower", "Amount"],
      numeric: [false, false, true],
      rows: loans.map(([d, w, a]) => [d, w, a.toFixed(1)]),
    },
    regions: {
      caption: "Table 3. Trade of Far Eastern regions with Japan in 2003, US$ million",
      header: ["Region", "Exports", "Imports"],
      numeric: [false, true, true],
      rows: regions.map(([n, x, m]) => [n, String(x), String(m)]),
    },
  };
  const tradeRows: ChartRow[] = YEARS.flatMap((y, k) => [
    { year: y, flow: "Exports", value: exports[k]! },
    { year: y, flow: "Imports", value: imports[k]! },
  ]);
  const charts: Record<string, ChartInput> = {
    f1: lineChart(
      YEARS.map((y, k) => ({ year: y, value: Math.round((exports[k]! + imports[k]!) * 10) / 10 })),
      { x: "year", y: "value", unit: "US$ billion", title: "Total trade" },
    ),
    f2: stackedBarChart(tradeRows, {
      category: "year",
      value: "value",
      series: "flow",
      unit: "US$ billion",
      title: "Exports and imports",
    }),
    f3: groupedBarChart(
      regions.flatMap(([n, x, m]) => [
        { region: n, flow: "Exports", value: x },
        { region: n, flow: "Imports", value: m },
      ]),
      {
        category: "region",
        value: "value",
        series: "flow",
        unit: "US$ million",
        periods: false,
        title: "Regional trade, 2003",
      },
    ),
    f4: pieChart(
      mix.map(([what, share]) => ({ product: what, share })),
      { category: "product", value: "share", donut: true, title: "Composition of exports" },
    ),
  };
  const captions: Record<string, string> = {
    f1: "Figure 1. Russia's total trade with Japan, US$ billion",
    f2: "Figure 2. Russia's exports to and imports from Japan, US$ billion",
    f3: "Figure 3. Trade of Far Eastern regions with Japan in 2003, US$ million",
    f4: "Figure 4. Composition of Russia's exports to Japan, per cent",
  };

  const sections = HEADINGS.map((heading) => {
    const [first, ...rest] = paragraphs(rand, 300);
    const blocks: PeerBlock[] = [{ kind: "paragraph", text: first! }];
    for (const place of PLACED[heading] ?? []) {
      const [kind, id] = place.split(":") as ["table" | "figure", string];
      blocks.push(
        kind === "table"
          ? { kind, table: tables[id]! }
          : { kind, id, caption: captions[id]!, narrow: id === "f4" },
      );
    }
    for (const text of rest) blocks.push({ kind: "paragraph", text });
    return { heading, blocks };
  });
  return {
    title: "Russia and Japan: trade, investment and energy",
    subtitle: i === 0 ? "A reference brief" : `A reference brief, variant ${i}`,
    sections,
    charts,
  };
}

/** Pandoc's Markdown: pipe tables, PNG figures. */
export function peerMarkdown(brief: PeerBrief): string {
  const cell = (s: string) => s.replaceAll("|", "\\|");
  const out = [
    "---",
    `title: "${brief.title}"`,
    `subtitle: "${brief.subtitle}"`,
    "lang: en-GB",
    "---",
    "",
  ];
  for (const s of brief.sections) {
    out.push(`# ${s.heading}`, "");
    for (const b of s.blocks) {
      switch (b.kind) {
        case "paragraph":
          out.push(b.text, "");
          break;
        case "table":
          out.push(
            `| ${b.table.header.map(cell).join(" | ")} |`,
            `|${b.table.numeric.map((n) => (n ? "---:" : ":---")).join("|")}|`,
            ...b.table.rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
            "",
            `Table: ${b.table.caption}`,
            "",
          );
          break;
        case "figure":
          out.push(`![${b.caption}](${b.id}.png){width=${b.narrow ? "9cm" : "15cm"}}`, "");
          break;
        default:
          assertNever(b);
      }
    }
  }
  return out.join("\n");
}

/** Typst markup is code after `#` and markup around `*_`…: every such character escaped. */
const typstText = (s: string) => s.replace(/[\\#$*_`<>@[\]~=/]/g, (c) => `\\${c}`);

/** Typst: A4, tables as `#table`, SVG figures. */
export function peerTypst(brief: PeerBrief): string {
  const out = [
    `#set document(title: ${JSON.stringify(brief.title)})`,
    '#set page(paper: "a4", margin: (x: 18mm, y: 20mm), numbering: "1")',
    '#set text(font: ("Liberation Sans", "DejaVu Sans"), size: 10.5pt, lang: "en", region: "gb")',
    "#set par(justify: true)",
    "#show figure.where(kind: table): set figure.caption(position: top)",
    "",
    `#text(size: 20pt, weight: "bold")[${typstText(brief.title)}]`,
    "",
    `#text(size: 12pt)[${typstText(brief.subtitle)}]`,
    "",
  ];
  for (const s of brief.sections) {
    out.push(`= ${typstText(s.heading)}`, "");
    for (const b of s.blocks) {
      switch (b.kind) {
        case "paragraph":
          out.push(typstText(b.text), "");
          break;
        case "table": {
          const t = b.table;
          out.push(
            "#figure(table(",
            `  columns: ${t.header.length},`,
            `  align: (${t.numeric.map((n) => (n ? "right" : "left")).join(", ")}),`,
            `  table.header(${t.header.map((h) => `[*${typstText(h)}*]`).join(", ")}),`,
            ...t.rows.map((r) => `  ${r.map((c) => `[${typstText(c)}]`).join(", ")},`),
            `), caption: [${typstText(t.caption)}], numbering: none)`,
            "",
          );
          break;
        }
        case "figure":
          out.push(
            `#figure(image(${JSON.stringify(`${b.id}.svg`)}, width: ${b.narrow ? "50%" : "90%"}), caption: [${typstText(b.caption)}], numbering: none)`,
            "",
          );
          break;
        default:
          assertNever(b);
      }
    }
  }
  return out.join("\n");
}

function assertNever(x: never): never {
  throw new Error(`unexpected block ${JSON.stringify(x)}`);
}

/**
 * Writes variants 0 … count-1 as `dir/bNNN/{brief.md, brief.typ, f1…f4.{svg,png}}`
 * and returns their folders.
 */
export async function writePeerBriefs(dir: string, count: number): Promise<string[]> {
  const folders: string[] = [];
  for (let i = 0; i < count; i++) {
    const brief = makePeerBrief(i);
    const folder = join(dir, `b${String(i).padStart(3, "0")}`);
    mkdirSync(folder, { recursive: true });
    for (const [id, input] of Object.entries(brief.charts)) {
      const chart = await renderChart(input, { png: { density: 2 } });
      writeFileSync(join(folder, `${id}.svg`), chart.svg);
      writeFileSync(join(folder, `${id}.png`), chart.png!.png);
    }
    writeFileSync(join(folder, "brief.md"), peerMarkdown(brief));
    writeFileSync(join(folder, "brief.typ"), peerTypst(brief));
    folders.push(folder);
  }
  return folders;
}
