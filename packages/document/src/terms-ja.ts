/**
 * The Japanese terms (`ja`). Full-width punctuation (、。：), quotes 「…」
 * with 『…』 inside, and counts as "label: n" (Japanese nouns take no plural).
 * A list of names is joined with 、 as Japanese prose does.
 */
import type { FigureCoverage, Terms } from "./terms.js";

/** "a、b、c". */
const list = (xs: readonly string[]) => xs.join("、");

const periodsOf = (ps: readonly string[]) =>
  ps.length === 0 ? "" : `、${ps.length > 2 ? `${ps[0]}～${ps.at(-1)}` : ps.join("～")}`;

function coverage(c: FigureCoverage): string {
  const each = c.periods
    .map((p) => {
      const without = p.missing.length > 0 ? `（${list(p.missing)}はデータなし）` : "";
      const left = p.leftOut.length > 0 ? `。${list(p.leftOut)}は同年のデータがあるが除外` : "";
      return `${p.period}は「${c.dimension}」${c.all}件中${p.parts.length}件${without}${left}`;
    })
    .join("、");
  switch (c.basis) {
    case "like-for-like":
      return `比較対象の全期間にデータがある「${c.dimension}」（${list(c.periods[0]?.parts ?? [])}）に限って同一ベースで比較：${each}。`;
    case "as-published":
      return `公表された合計値を比較しており、対象となる「${c.dimension}」は期間によって異なる：${each}。`;
    case undefined:
      return `合計値の範囲：${each}。`;
  }
}

export const japanese: Terms = {
  table: "表",
  figure: "図",
  captionEnd: "",
  notesLabel: () => "注：",
  endnotes: "注",
  missingValue: "—",
  calloutFinding: "主な結論",
  calloutNote: "注記",
  calloutRecommendation: "提言",
  keyFigures: "主要な数値",
  edition: "版",
  editionOf: (e) => `${e}年版`,
  listComma: "、",
  parenthetical: (t) => `（${t}）`,
  dataAsOf: "データ基準日",
  author: "著者",
  published: "発行日",
  notAvailable: "データなし",
  estimate: "推計値",
  noteReference: (n) => `注${n}`,
  backToReference: (reference) => `参照箇所${reference}に戻る`,
  pageOf: (page, pages) => `${page} / ${pages} ページ`,
  skipToContent: "本文へスキップ",
  inserted: "挿入",
  deleted: "削除",
  changeBy: (author) => `(${author})`,
  changeOn: (date) => date,

  quotes: ["「", "」", "『", "』"],
  contents: "目次",
  // 約 and 最大 go before the number; 近く, 超, 未満 and 以上 after it.
  // 30～40億米ドル: the wave dash, as Japanese writes a span (and as the periods above).
  rangeMark: "～",
  rangeWords: (low, high) => `${low}から${high}まで`,
  qualified: (q, n) => {
    switch (q) {
      case "about":
        return `約${n}`;
      case "almost":
        return `${n}近く`;
      case "more-than":
        return `${n}超`;
      case "less-than":
        return `${n}未満`;
      case "up-to":
        return `最大${n}`;
      case "at-least":
        return `${n}以上`;
    }
  },
  missingNote: "—：データなし。",
  remainder: "その他・不明",
  roundingNote: "四捨五入のため、構成比の合計が100％にならない場合がある。",
  partYearLegend: (period) => `${period}のみ`,
  partYearNote: (periods) => `${periods}：年の一部のみのデータであり、通年の値とは比較できない。`,
  sourceLine: (source, citedIn) =>
    `出所：${source}${citedIn === undefined ? "" : `（${citedIn}による引用）`}。`,
  aboutFiguresHeading: "数値について",
  aboutFiguresIntro: (dataset, edition) =>
    `本報告書の数値はすべて、データセット「${dataset}」（${edition}年版）から算出したものである。以下に、本文中の各数値の計算方法と出所を示す。`,
  aboutFigure: (p, estimate) => {
    const what = p.indicator
      ? `指標 ${p.indicator}（${p.method ?? "計算"}${p.table ? `、表 ${p.table}` : ""}${p.fact ? `、ファクト ${p.fact}` : ""}）`
      : p.fact
        ? `ファクト ${p.fact}${p.method ? `（${p.method}）` : ""}`
        : p.table
          ? `表 ${p.table}、${p.series ?? ""}`
          : "データ";
    const source = p.sourceTitle ? `。出所：${p.sourceTitle}` : "";
    return ` — ${what}${periodsOf(p.periods ?? [])}${source}${estimate ? "（推計値）" : ""}。`;
  },
  aboutCoverage: coverage,
  aboutAnnualised: (a) =>
    `${a.from}のデータを${a.method === "double-half-year" ? "2倍して" : "12か月分に換算して"}年率化した値（×${new Intl.NumberFormat("ja").format(a.factor)}）であり、実績値ではなく推計値である。`,

  changesHeading: "前版からの変更点",
  changesFirstEdition: (edition) =>
    `本報告書の初版（${edition}年版）であり、比較できる前版はない。`,
  changesIntro: (edition, published, dataAsOf, previous, previousPublished) =>
    `本版は${edition}年版で、${published}に発行した${dataAsOf ? `（データ基準日：${dataAsOf}）` : ""}。${previous}年版（${previousPublished}発行）と比べ、本報告書に記載の数値とその基礎データは以下のとおり変更された。その他の数値に変更はない。`,
  changesNone: (previous) => `${previous}年版から数値・データともに変更はない。`,
  changesFigures: "本報告書に記載の数値",
  changesData: "データ",
  changesFacts: "本文中で引用したファクト",
  changeTableAdded: "本版で新たに追加した表。",
  changeTableRemoved: "本版で削除。",
  changeTableNotes: "表の注記を変更。",
  changeTableProperty: (property, from, to) => `「${property}」を「${from}」から「${to}」に変更。`,
  changeNoValue: "なし",
  changeColumnAdded: (column) => `列を追加：${column}。`,
  changeColumnRemoved: (column) => `列を削除：${column}。`,
  changeFactFields: (fields) => `${list(fields)}を変更`,
  quoted: (text) => `「${text}」`,
  years: (n) => `${n}年`,
  percentagePoints: (signed) => `${signed}ポイント`,
  percent: (signed) => `${signed}％`,
  cellSubject: (column, keys, period) =>
    `${period === undefined ? "" : `${period}の`}${column}${keys === undefined ? "" : `（${keys}）`}`,
  aRow: "行",
  cellRevised: (subject, from, to, change) => `${subject}を${from}から${to}に改訂${change}。`,
  cellFilled: (subject, value) => `${subject}は従来データがなかったが、${value}となった。`,
  cellGone: (subject, value) => `${subject}はデータがなくなった（従来は${value}）。`,
  rowsAdded: (name, values) => `${name}を追加：${values}。`,
  rowsRemoved: (name, values) => `${name}を削除：${values}。`,
  factAdded: (label, value) => `${label}：新規、${value}。`,
  factRemoved: (label, value) => `${label}：削除（従来は${value}）。`,
  factRevised: (label, from, to, change, other) =>
    `${label}：${from}から${to}に改訂${change}${other ? `。${other}` : ""}。`,
  factChanged: (label, other) => `${label}：${other}。`,
  indicatorChanged: (label, now, nowDetail, was, wasDetail) =>
    `${label}：${now}${nowDetail}（従来は${was}${wasDetail}）。`,

  reportTitle: (from, to) => `${from}年版から${to}年版への変更点`,
  reportEditions: (template, from, to) =>
    `${template}：${from.edition}年版（${from.published}発行）→ ${to.edition}年版（${to.published}発行${to.dataAsOf ? `、データ基準日：${to.dataAsOf}` : ""}）`,
  reportSummary: (n) =>
    `データの変更：${n.data}件、表記が変わった数値：${n.figures}件、変更された文：${n.sentences}件（対象：${n.audiences}種類）、変更された表：${n.tables}件、グラフ：${n.charts}件`,
  reportData: "データ",
  reportFigures: "本報告書に記載の数値",
  reportTables: "表",
  reportCharts: "グラフ",
  reportSentences: (audience) => `文：${audience}`,
  reportChanges: (n) => `変更${n}件`,
  reportIndicators: (n) => `指標${n}件`,
  reportNoChange: "変更なし",
  reportPreamble: "最初の見出しの前",
  reportSentenceCounts: (n) =>
    [
      n.figures ? `数値の変更${n.figures}件` : "",
      n.wording ? `表現の変更${n.wording}件` : "",
      n.added ? `追加${n.added}件` : "",
      n.removed ? `削除${n.removed}件` : "",
    ]
      .filter(Boolean)
      .join("、"),
  reportReworded: "表現の変更",
  reportNewFigures: "数値の変更",
  reportFiguresTag: "数値",
  reportAdded: "追加",
  reportRemoved: "削除",
  reportIndicator: "指標",
  reportBefore: "変更前",
  reportAfter: "変更後",
  reportChange: "増減",
  reportColumn: "列",
  reportRow: "行",
  reportSeries: "系列",
  reportColumnAdded: (column) => `列を追加：${column}`,
  reportColumnRemoved: (column) => `列を削除：${column}`,
  reportRowAdded: (row) => `行を追加：${row}`,
  reportRowRemoved: (row) => `行を削除：${row}`,
  reportSeriesAdded: (series) => `系列を追加：${series}`,
  reportSeriesRemoved: (series) => `系列を削除：${series}`,
  reportCategoryAdded: (category) => `追加：${category}`,
  reportCategoryRemoved: (category) => `削除：${category}`,
};
