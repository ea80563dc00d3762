/**
 * The edition diff as people read it: a terminal report, a Markdown file
 * and an HTML page. All three say the same `EditionDiff` from
 * @briefkit/compose in the same order (data, figures stated, sentences per
 * audience, tables, charts), in the words of the terms table.
 *
 * The HTML page is not written by hand: the report is built as a briefkit
 * document and written by the HTML writer, so it has the briefs' theme,
 * accessibility and security (no script, a CSP that loads nothing), and a
 * changed sentence is a tracked change (`<del>`, `<ins>`) as in a brief.
 */
import type { EditionDiff, IndicatorChange, SentenceChange } from "@briefkit/compose";
import {
  buildDocument,
  cell,
  type DraftBlock,
  deletion,
  emph,
  headingWith,
  houseTheme,
  type InlineInput,
  insertion,
  lineBreak,
  list,
  longDate,
  para,
  row,
  strong,
  type Terms,
  table,
  termsFor,
  type WriterWarning,
} from "@briefkit/document";

/** The report's words: the terms of the diff's language (the template's, or `--language`). */
const termsOf = (d: EditionDiff): Terms => termsFor(d.language);

const capitalise = (s: string) => (s.length > 0 ? s[0]!.toUpperCase() + s.slice(1) : s);

function dataCount(d: EditionDiff): number {
  return d.data.summary.reduce((n, g) => n + g.items.length, 0);
}

function when(periods: readonly string[], t: Terms): string {
  if (periods.length === 0) return "";
  const span =
    periods.length > 2 ? `${periods[0]}${t.rangeMark}${periods.at(-1)}` : periods.join(t.rangeMark);
  return t.parenthetical(span);
}

/** Whether the report is in English, the language of the indicators' verbal forms ("more than doubled"). */
function isEnglish(language: string): boolean {
  return language.toLowerCase().split(/[-_]/)[0] === "en";
}

/**
 * A change with its sign and one decimal, in the language's digits and
 * separators ("+1.7", "−0,3"): the minus is the typographic one, whatever
 * the locale's data gives.
 */
export function signedNumber(x: number, language: string): string {
  const parts = new Intl.NumberFormat(language, {
    numberingSystem: "latn",
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    signDisplay: "exceptZero",
  }).formatToParts(x);
  return parts.map((p) => (p.type === "minusSign" ? "\u2212" : p.value)).join("");
}

function indicatorLine(
  i: IndicatorChange,
  t: Terms,
  language: string,
): {
  label: string;
  before: string;
  after: string;
  change: string;
} {
  const signed = (x: number) => signedNumber(x, language);
  // A percentage moves in percentage points, never in per cent of itself.
  const pct =
    i.changePoints !== undefined
      ? t.percentagePoints(signed(i.changePoints))
      : i.changePercent === undefined
        ? ""
        : t.percent(signed(i.changePercent));
  const words = (w: string | undefined) =>
    w && isEnglish(language) ? `${t.listComma}${t.quoted(w)}` : "";
  return {
    label: i.label ?? i.id,
    before: `${i.before.text}${when(i.before.periods, t)}${words(i.before.words)}`,
    after: `${i.after.text}${when(i.after.periods, t)}${words(i.after.words)}`,
    change: pct,
  };
}

function sentenceCounts(s: readonly SentenceChange[], t: Terms): string {
  return t.reportSentenceCounts({
    figures: s.filter((x) => x.what === "figures").length,
    wording: s.filter((x) => x.what === "wording").length,
    added: s.filter((x) => x.kind === "added").length,
    removed: s.filter((x) => x.kind === "removed").length,
  });
}

/** The tag of a sentence that changed: reworded, new figures (`figures` on the terminal), added, removed. */
function sentenceTag(s: SentenceChange, t: Terms, figures: string): string {
  switch (s.kind) {
    case "changed":
      return s.what === "wording" ? t.reportReworded : figures;
    case "added":
      return t.reportAdded;
    case "removed":
      return t.reportRemoved;
  }
}

/** ": added" or ": removed" after a table or chart that is in one edition only. */
function status(s: "changed" | "added" | "removed", t: Terms): string {
  switch (s) {
    case "changed":
      return "";
    case "added":
      return `: ${t.reportAdded}`;
    case "removed":
      return `: ${t.reportRemoved}`;
  }
}

/** The headline: what is compared, and how much changed. */
export function headline(d: EditionDiff, t: Terms = termsOf(d)): string[] {
  return [
    t.reportEditions(
      d.template,
      { ...d.from, published: longDate(d.from.published, d.language) },
      {
        ...d.to,
        published: longDate(d.to.published, d.language),
        dataAsOf: d.to.dataAsOf === undefined ? undefined : longDate(d.to.dataAsOf, d.language),
      },
    ),
    t.reportSummary({
      data: dataCount(d),
      figures: d.indicators.length,
      sentences: d.audiences.reduce((n, a) => n + a.sentences.length, 0),
      audiences: d.audiences.length,
      tables: d.tables.length,
      charts: d.charts.length,
    }),
  ];
}

// ---------------------------------------------------------------------------
// Terminal

export function terminalReport(d: EditionDiff, t: Terms = termsOf(d)): string {
  const out: string[] = [...headline(d, t), ""];
  const noChange = `  ${t.reportNoChange}`;
  out.push(`${t.reportData}${t.parenthetical(t.reportChanges(dataCount(d)))}`);
  if (d.data.summary.length === 0) out.push(noChange);
  for (const g of d.data.summary) {
    out.push(`  ${g.title}${g.table ? ` [${g.table}]` : ""}`);
    for (const item of g.items) out.push(`    • ${item}`);
  }
  out.push("", `${t.reportFigures}${t.parenthetical(t.reportIndicators(d.indicators.length))}`);
  if (d.indicators.length === 0) out.push(noChange);
  const w = Math.max(0, ...d.indicators.map((i) => i.id.length));
  for (const i of d.indicators) {
    const l = indicatorLine(i, t, d.language);
    out.push(`  ${i.id.padEnd(w)}  ${l.before} → ${l.after}${l.change ? `  ${l.change}` : ""}`);
  }
  for (const a of d.audiences) {
    out.push(
      "",
      `${t.reportSentences(a.audience)}${t.parenthetical(a.label)}${t.listComma}${t.reportChanges(a.sentences.length)}${a.sentences.length ? `: ${sentenceCounts(a.sentences, t)}` : ""}`,
    );
    let section: string | undefined;
    for (const s of a.sentences) {
      if (s.section !== section) {
        section = s.section;
        out.push(`  § ${section || `(${t.reportPreamble})`}`);
      }
      out.push(`    [${sentenceTag(s, t, t.reportFiguresTag)}]`);
      if (s.before !== undefined) out.push(`      − ${s.before}`);
      if (s.after !== undefined) out.push(`      + ${s.after}`);
    }
  }
  out.push("", `${t.reportTables}${t.parenthetical(t.reportChanges(d.tables.length))}`);
  if (d.tables.length === 0) out.push(noChange);
  for (const c of d.tables) {
    out.push(`  ${c.caption} [${c.ref}]${status(c.status, t)}`);
    for (const x of c.columnsAdded) out.push(`    + ${t.reportColumn} ${x}`);
    for (const x of c.columnsRemoved) out.push(`    − ${t.reportColumn} ${x}`);
    for (const x of c.rowsAdded) out.push(`    + ${t.reportRow} ${x}`);
    for (const x of c.rowsRemoved) out.push(`    − ${t.reportRow} ${x}`);
    for (const x of c.cells) out.push(`    ${x.row} · ${x.column}: ${x.before} → ${x.after}`);
  }
  out.push("", `${t.reportCharts}${t.parenthetical(t.reportChanges(d.charts.length))}`);
  if (d.charts.length === 0) out.push(noChange);
  for (const c of d.charts) {
    out.push(`  ${c.title} [${c.ref}]${status(c.status, t)}`);
    for (const x of c.categoriesAdded) out.push(`    + ${x}`);
    for (const x of c.categoriesRemoved) out.push(`    − ${x}`);
    for (const x of c.seriesAdded) out.push(`    + ${t.reportSeries} ${x}`);
    for (const x of c.seriesRemoved) out.push(`    − ${t.reportSeries} ${x}`);
    for (const v of c.values) {
      const none = t.missingValue;
      out.push(`    ${v.category} · ${v.series}: ${v.before ?? none} → ${v.after ?? none}`);
    }
  }
  return `${out.join("\n")}\n`;
}

// ---------------------------------------------------------------------------
// Markdown

/** Markdown text: characters that would start markup are escaped. */
function md(s: string): string {
  return s.replace(/([\\`*_[\]<>|#])/g, "\\$1");
}

export function markdownReport(d: EditionDiff, t: Terms = termsOf(d)): string {
  const [title, summary] = headline(d, t);
  const noChange = `${capitalise(t.reportNoChange)}.`;
  const out: string[] = [
    `# ${md(t.reportTitle(d.from.edition, d.to.edition))}`,
    "",
    `${md(title!)}.`,
    "",
    `${md(summary!)}.`,
    "",
    `## ${t.reportData}`,
    "",
  ];
  if (d.data.summary.length === 0) out.push(noChange, "");
  for (const g of d.data.summary) {
    out.push(`### ${md(g.title)}`, "");
    for (const item of g.items) out.push(`- ${md(item)}`);
    out.push("");
  }
  out.push(`## ${t.reportFigures}`, "");
  if (d.indicators.length === 0) out.push(noChange, "");
  else {
    out.push(
      `| ${t.reportIndicator} | ${t.reportBefore} | ${t.reportAfter} | ${t.reportChange} |`,
      "| --- | --- | --- | ---: |",
    );
    for (const i of d.indicators) {
      const l = indicatorLine(i, t, d.language);
      out.push(
        `| ${md(l.label)} (\`${i.id}\`) | ${md(l.before)} | ${md(l.after)} | ${md(l.change)} |`,
      );
    }
    out.push("");
  }
  for (const a of d.audiences) {
    out.push(`## ${md(t.reportSentences(a.label))} (\`${a.audience}\`)`, "");
    if (a.sentences.length === 0) {
      out.push(noChange, "");
      continue;
    }
    out.push(`${md(sentenceCounts(a.sentences, t))}.`, "");
    let section: string | undefined;
    for (const s of a.sentences) {
      if (s.section !== section) {
        section = s.section;
        out.push("", `### ${md(section || capitalise(t.reportPreamble))}`, "");
      }
      out.push(`- **${sentenceTag(s, t, t.reportNewFigures)}**`);
      if (s.before !== undefined)
        out.push(`  - ${t.reportBefore.toLowerCase()}: ~~${md(s.before)}~~`);
      if (s.after !== undefined) out.push(`  - ${t.reportAfter.toLowerCase()}: ${md(s.after)}`);
    }
    out.push("");
  }
  out.push(`## ${t.reportTables}`, "");
  if (d.tables.length === 0) out.push(noChange, "");
  for (const c of d.tables) {
    out.push(`### ${md(c.caption)} (\`${c.ref}\`)${status(c.status, t)}`, "");
    for (const x of c.columnsAdded) out.push(`- ${md(t.reportColumnAdded(x))}`);
    for (const x of c.columnsRemoved) out.push(`- ${md(t.reportColumnRemoved(x))}`);
    for (const x of c.rowsAdded) out.push(`- ${md(t.reportRowAdded(x))}`);
    for (const x of c.rowsRemoved) out.push(`- ${md(t.reportRowRemoved(x))}`);
    for (const x of c.cells)
      out.push(`- ${md(x.row)}, ${md(x.column)}: ${md(x.before)} → ${md(x.after)}`);
    out.push("");
  }
  out.push(`## ${t.reportCharts}`, "");
  if (d.charts.length === 0) out.push(noChange, "");
  for (const c of d.charts) {
    out.push(`### ${md(c.title)} (\`${c.ref}\`)${status(c.status, t)}`, "");
    for (const x of c.categoriesAdded) out.push(`- ${md(t.reportCategoryAdded(x))}`);
    for (const x of c.categoriesRemoved) out.push(`- ${md(t.reportCategoryRemoved(x))}`);
    for (const x of c.seriesAdded) out.push(`- ${md(t.reportSeriesAdded(x))}`);
    for (const x of c.seriesRemoved) out.push(`- ${md(t.reportSeriesRemoved(x))}`);
    for (const v of c.values) {
      const none = t.missingValue;
      out.push(`- ${md(v.category)}, ${md(v.series)}: ${v.before ?? none} → ${v.after ?? none}`);
    }
    out.push("");
  }
  return `${out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trimEnd()}\n`;
}

// ---------------------------------------------------------------------------
// HTML: the report as a document, written by the HTML writer

const h1 = (...xs: InlineInput[]) => headingWith({ numbered: false }, 1, ...xs);
const h2 = (...xs: InlineInput[]) => headingWith({ numbered: false }, 2, ...xs);
const items = (xs: ReadonlyArray<InlineInput[]>) =>
  list(
    false,
    xs.map((x) => [para(...x)]),
  );

/** The report as a briefkit document: sections as headings, changes as lists, changed text as tracked changes. */
export function reportDocument(d: EditionDiff, t: Terms = termsOf(d)) {
  const [title, summary] = headline(d, t);
  const noChange = para(`${capitalise(t.reportNoChange)}.`);
  const blocks: DraftBlock[] = [para(`${summary}.`), h1(t.reportData)];
  if (d.data.summary.length === 0) blocks.push(noChange);
  for (const g of d.data.summary) blocks.push(h2(g.title), items(g.items.map((i) => [i])));

  blocks.push(h1(t.reportFigures));
  if (d.indicators.length === 0) blocks.push(noChange);
  else {
    blocks.push(
      table({
        caption: [{ type: "text", value: t.reportFigures }],
        columns: [
          { align: "left" },
          { align: "left" },
          { align: "left" },
          { align: "right", numeric: true },
        ],
        head: [
          row([
            cell(t.reportIndicator),
            cell(t.reportBefore),
            cell(t.reportAfter),
            cell(t.reportChange),
          ]),
        ],
        body: d.indicators.map((i) => {
          const l = indicatorLine(i, t, d.language);
          return row([
            cell(`${l.label} (`, emph(i.id), ")"),
            cell(l.before),
            cell(l.after),
            cell(l.change),
          ]);
        }),
        notes: [],
        source: [],
      }),
    );
  }

  for (const a of d.audiences) {
    blocks.push(h1(`${t.reportSentences(a.label)} (`, emph(a.audience), ")"));
    if (a.sentences.length === 0) {
      blocks.push(noChange);
      continue;
    }
    blocks.push(para(`${sentenceCounts(a.sentences, t)}.`));
    let section: string | undefined;
    for (const s of a.sentences) {
      if (s.section !== section) {
        section = s.section;
        blocks.push(h2(section || capitalise(t.reportPreamble)));
      }
      blocks.push(
        para(
          strong(sentenceTag(s, t, t.reportNewFigures)),
          ...(s.before === undefined ? [] : [lineBreak(), deletion(s.before)]),
          ...(s.after === undefined ? [] : [lineBreak(), insertion(s.after)]),
        ),
      );
    }
  }

  blocks.push(h1(t.reportTables));
  if (d.tables.length === 0) blocks.push(noChange);
  for (const c of d.tables) {
    blocks.push(h2(`${c.caption} (`, emph(c.ref), `)${status(c.status, t)}`));
    const lines: InlineInput[][] = [
      ...c.columnsAdded.map((x) => [capitalise(t.reportColumnAdded(x))]),
      ...c.columnsRemoved.map((x) => [capitalise(t.reportColumnRemoved(x))]),
      ...c.rowsAdded.map((x) => [capitalise(t.reportRowAdded(x))]),
      ...c.rowsRemoved.map((x) => [capitalise(t.reportRowRemoved(x))]),
      ...c.cells.map((x) => [
        `${x.row}, ${x.column}: `,
        deletion(x.before),
        " ",
        insertion(x.after),
      ]),
    ];
    if (lines.length > 0) blocks.push(items(lines));
  }

  blocks.push(h1(t.reportCharts));
  if (d.charts.length === 0) blocks.push(noChange);
  for (const c of d.charts) {
    blocks.push(h2(`${c.title} (`, emph(c.ref), `)${status(c.status, t)}`));
    const none = t.missingValue;
    const lines: InlineInput[][] = [
      ...c.categoriesAdded.map((x) => [capitalise(t.reportCategoryAdded(x))]),
      ...c.categoriesRemoved.map((x) => [capitalise(t.reportCategoryRemoved(x))]),
      ...c.seriesAdded.map((x) => [capitalise(t.reportSeriesAdded(x))]),
      ...c.seriesRemoved.map((x) => [capitalise(t.reportSeriesRemoved(x))]),
      ...c.values.map((v) => [
        `${v.category}, ${v.series}: `,
        deletion(String(v.before ?? none)),
        " ",
        insertion(String(v.after ?? none)),
      ]),
    ];
    if (lines.length > 0) blocks.push(items(lines));
  }

  return buildDocument(
    {
      title: t.reportTitle(d.from.edition, d.to.edition),
      subtitle: title!,
      edition: d.to.edition,
      date: d.to.published,
      ...(d.to.dataAsOf === undefined ? {} : { dataAsOf: d.to.dataAsOf }),
      language: d.language,
      keywords: [],
    },
    blocks,
  );
}

/**
 * The report as one HTML page, by the HTML writer with the house theme.
 * Stamped with the later edition's publication date, so the same diff gives
 * the same bytes; the writer's warnings go to `log`.
 */
export async function htmlReport(
  d: EditionDiff,
  log: (w: WriterWarning) => void,
  t: Terms = termsOf(d),
): Promise<string> {
  // Loaded here, as the build loads its writers: only `diff --out x.html` pays for it.
  const { writeHtml } = await import("@briefkit/html");
  return writeHtml(
    reportDocument(d, t),
    { theme: houseTheme(), terms: t },
    { now: new Date(`${d.to.published}T00:00:00Z`), log },
  );
}
