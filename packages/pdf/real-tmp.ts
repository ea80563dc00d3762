import { writeFileSync } from "node:fs";
import {
  buildDocument,
  callout,
  cell,
  emph,
  figure,
  footnote,
  heading,
  houseTheme,
  inlines,
  keyFigures,
  list,
  noteRef,
  num,
  para,
  row,
  strong,
  table,
  toc,
} from "@briefkit/document";
import { writePdf } from "./src/index.js";

const P = (n: number) =>
  para(
    ...Array.from(
      { length: n },
      (_, i) =>
        `Economic relations between the two neighbours have long lagged behind their political weight, and the numbers in this section show how far trade and investment have moved since the late 1990s. ${i % 2 ? "Energy projects in the Far East dominate the agenda, while manufacturing investment remains small but growing. " : "Exports are concentrated in raw materials; imports are mostly machinery, vehicles and electronics. "}`,
    ),
  );
const t = (rows: number) =>
  table({
    caption: inlines("Japanese imports from Russia by commodity (US$ million)"),
    columns: [
      { align: "left" },
      { align: "right", numeric: true },
      { align: "right", numeric: true },
      { align: "right", numeric: true },
      { align: "right", numeric: true },
    ],
    head: [
      row([cell("Commodity"), cell("2001"), cell("2002"), cell("2003"), cell("Share 2003 (%)")]),
    ],
    body: [
      ...Array.from({ length: rows }, (_, i) =>
        row([
          cell(
            [
              "Non-ferrous metals",
              "Fish and seafood",
              "Timber",
              "Coal",
              "Oil and products",
              "Other",
            ][i % 6]!,
          ),
          ...[1, 2, 3].map((k) =>
            cell(
              num(
                100 * k + i * 37.5,
                (100 * k + i * 37.5).toLocaleString("en-GB", {
                  minimumFractionDigits: 1,
                  maximumFractionDigits: 1,
                }),
                {},
              ),
            ),
          ),
          cell(num(i, `${(i * 3.1).toFixed(1)}`, {})),
        ]),
      ),
      row(
        [
          cell("Total"),
          cell(num(1, "4,123.4", {})),
          cell(num(1, "4,532.0", {})),
          cell(num(1, "5,870.1", {})),
          cell(num(1, "100.0", {})),
        ],
        "total",
      ),
    ],
    notes: [inlines("Shares may not add up to 100 because of rounding.")],
    source: inlines("Ministry of Finance, Japan, trade statistics"),
  });
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="260" viewBox="0 0 600 260"><g font-family="Source Sans 3" font-size="11" fill="#333">${[0, 1, 2, 3, 4, 5, 6].map((i) => `<rect x="${60 + i * 75}" y="${220 - i * 25}" width="40" height="${i * 25 + 10}" fill="#1f4e79"/><text x="${80 + i * 75}" y="245" text-anchor="middle">${1998 + i}</text>`).join("")}<text x="10" y="20" font-weight="bold">US$ billion</text></g></svg>`;
const doc = buildDocument(
  {
    title: "Russia and Japan Beyond 2005",
    subtitle: "Trade, investment and energy",
    author: "Research Division",
    organisation: "Institute of Eastern Studies",
    edition: "2005",
    date: "2005-09-08",
    audience: "full",
    audienceLabel: "Full paper",
    language: "en-GB",
    subject: "Russia–Japan economic relations",
    keywords: ["Russia", "Japan"],
  },
  [
    toc("Contents", 2),
    heading(1, "Summary"),
    keyFigures(
      [
        { value: num(8.8, "US$8.8 billion", {}), label: inlines("bilateral trade, 2004") },
        { value: num(49, "+49%", {}), label: inlines("growth on 2003") },
        { value: num(1, "4,130 km", {}), label: inlines("length of the planned pipeline") },
        { value: num(1, "¥120 bn", {}), label: inlines("Japanese FDI stock") },
      ],
      "Key figures",
    ),
    P(3),
    heading(1, "Trade"),
    P(4),
    para(
      "A second paragraph with a note.",
      noteRef(1),
      " And ",
      emph("emphasis"),
      ", ",
      strong("strong"),
      ".",
    ),
    heading(2, "Composition"),
    P(5),
    t(8),
    P(3),
    figure({
      caption: inlines("Bilateral trade, 1998–2004"),
      alt: "bars",
      svg,
      width: 600,
      height: 260,
      notes: [],
      source: inlines("Source: Ministry of Economic Development and Trade"),
    }),
    heading(2, "Investment"),
    P(6),
    callout("note", [para("Investment statistics differ between the two countries' sources.")]),
    P(4),
    heading(1, "Energy"),
    P(5),
    list(false, [[para("Sakhalin-1 and Sakhalin-2")], [para("The Pacific pipeline")]]),
    heading(2, "Pipeline"),
    P(8),
    t(20),
    P(3),
    heading(1, "Outlook"),
    P(4),
    callout("recommendation", [para("Tie the pipeline decision to long-term supply contracts.")]),
  ],
  [footnote(1, [para("Figures converted at the average annual exchange rate.")])],
);
writeFileSync(
  "/tmp/briefkit-pdf/real.pdf",
  await writePdf(
    doc,
    { theme: houseTheme() },
    { now: new Date("2005-09-08T00:00:00Z"), log: (w) => console.log(w) },
  ),
);
