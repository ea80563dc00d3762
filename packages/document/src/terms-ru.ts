/**
 * The Russian terms (`ru`). Captions in the GOST manner ("Таблица 1 — …"),
 * quotes «…» with „…“ inside, a no-break space before "%", and counts
 * written as "label: n" so that no noun has to agree with a number it does
 * not know; where one must ("7 лет"), Intl's plural rules choose the form.
 */
import type { FigureCoverage, Terms } from "./terms.js";

const NBSP = "\u00a0";

/** "a, b и c". */
const andList = (xs: readonly string[]) => xs.join(", ").replace(/, ([^,]*)$/, " и $1");

const plurals = new Intl.PluralRules("ru");

/** The noun's form for a printed number ("7", "1,5", "21"): one, few, many or other (fractions). */
function agree(count: string, forms: { one: string; few: string; many: string; other: string }) {
  const n = Number(count.replace(/[\s\u00a0\u202f]/g, "").replace(",", "."));
  const rule = Number.isFinite(n) ? plurals.select(n) : "other";
  switch (rule) {
    case "one":
      return forms.one;
    case "few":
      return forms.few;
    case "many":
      return forms.many;
    default:
      return forms.other;
  }
}

const periodsOf = (ps: readonly string[]) =>
  ps.length === 0 ? "" : `, ${ps.length > 2 ? `${ps[0]}–${ps.at(-1)}` : ps.join("–")}`;

function coverage(c: FigureCoverage): string {
  const each = c.periods
    .map((p) => {
      const without = p.missing.length > 0 ? ` (нет данных по ${andList(p.missing)})` : "";
      const left =
        p.leftOut.length > 0
          ? `; не учтены ${andList(p.leftOut)}, хотя данные за этот год есть`
          : "";
      return `за ${p.period} — ${p.parts.length} из ${c.all} значений поля «${c.dimension}»${without}${left}`;
    })
    .join("; ");
  switch (c.basis) {
    case "like-for-like":
      return ` Сравнение в сопоставимом составе: только значения поля «${c.dimension}», по которым есть данные за все сравниваемые периоды (${andList(c.periods[0]?.parts ?? [])}): ${each}.`;
    case "as-published":
      return ` Сравниваются опубликованные итоги, которые охватывают разные значения поля «${c.dimension}»: ${each}.`;
    case undefined:
      return ` Итог охватывает: ${each}.`;
  }
}

export const russian: Terms = {
  table: "Таблица",
  figure: "Рисунок",
  captionEnd: " —",
  notesLabel: (n) => (n === 1 ? "Примечание:" : "Примечания:"),
  endnotes: "Примечания",
  missingValue: "—",
  calloutFinding: "Главный вывод",
  calloutNote: "Примечание",
  calloutRecommendation: "Рекомендация",
  keyFigures: "Ключевые цифры",
  edition: "Выпуск",
  editionOf: (e) => `Выпуск ${e}`,
  listComma: ", ",
  parenthetical: (t) => ` (${t})`,
  dataAsOf: "Данные на",
  author: "Автор",
  published: "Дата публикации",
  notAvailable: "нет данных",
  estimate: "оценка",
  noteReference: (n) => `Примечание ${n}`,
  backToReference: (reference) => `Назад к ссылке ${reference}`,
  pageOf: (page, pages) => `Страница ${page} из ${pages}`,
  skipToContent: "Перейти к основному тексту",
  inserted: "Вставлено",
  deleted: "Удалено",
  changeBy: (author) => `(${author})`,
  changeOn: (date) => date,

  quotes: ["«", "»", "„", "“"],
  contents: "Содержание",
  rangeMark: "–",
  rangeWords: (low, high) => `от ${low} до ${high}`,
  qualified: (q, n) => {
    switch (q) {
      case "about":
        return `около ${n}`;
      case "almost":
        return `почти ${n}`;
      case "more-than":
        return `более ${n}`;
      case "less-than":
        return `менее ${n}`;
      case "up-to":
        return `до ${n}`;
      case "at-least":
        return `не менее ${n}`;
    }
  },
  missingNote: "— нет данных.",
  remainder: "Прочее или не указано",
  roundingNote: `Из-за округления сумма долей может отличаться от 100${NBSP}%.`,
  partYearLegend: (period) => `только ${period}`,
  partYearNote: (periods) => `${periods}: только часть года; несопоставимо с полными годами.`,
  sourceLine: (source, citedIn) =>
    `Источник: ${source}${citedIn === undefined ? "" : `; цит. по: ${citedIn}`}.`,
  aboutFiguresHeading: "Откуда взяты цифры",
  aboutFiguresIntro: (dataset, edition) =>
    `Все цифры этого обзора рассчитаны по набору данных ${dataset}, выпуск ${edition}. Для каждой цифры, приведённой в тексте, ниже указаны способ расчёта и источник.`,
  aboutFigure: (p, estimate) => {
    const what = p.indicator
      ? `показатель ${p.indicator} (${p.method ?? "расчёт"}${p.table ? ` по таблице ${p.table}` : ""}${p.fact ? ` по факту ${p.fact}` : ""})`
      : p.fact
        ? `факт ${p.fact}${p.method ? ` (${p.method})` : ""}`
        : p.table
          ? `таблица ${p.table}, ${p.series ?? ""}`
          : "данные";
    const source = p.sourceTitle ? `; источник: ${p.sourceTitle}` : "";
    return ` — ${what}${periodsOf(p.periods ?? [])}${source}${estimate ? " (оценка)" : ""}.`;
  },
  aboutCoverage: coverage,
  aboutAnnualised: (a) =>
    ` Годовая величина получена из данных за ${a.from} ${a.method === "double-half-year" ? "удвоением данных за полугодие" : "пересчётом охваченных месяцев на двенадцать"} (×${NBSP}${new Intl.NumberFormat("ru").format(a.factor)}): это оценка, а не учтённая статистикой цифра.`,

  changesHeading: "Изменения после предыдущего выпуска",
  changesFirstEdition: (edition) =>
    `Это первый выпуск обзора (выпуск ${edition}): сравнивать его пока не с чем.`,
  changesIntro: (edition, published, dataAsOf, previous, previousPublished) =>
    `Это выпуск ${edition}, опубликованный ${published}${dataAsOf ? ` (данные на ${dataAsOf})` : ""}. По сравнению с выпуском ${previous} (опубликован ${previousPublished}) цифры этого обзора и данные, на которых они основаны, изменились так, как показано ниже; все остальные цифры остались прежними.`,
  changesNone: (previous) => `После выпуска ${previous} не изменились ни цифры, ни данные.`,
  changesFigures: "Цифры, приведённые в обзоре",
  changesData: "Данные",
  changesFacts: "Факты, приведённые в тексте",
  changeTableAdded: "Новая таблица в этом выпуске.",
  changeTableRemoved: "Исключена из этого выпуска.",
  changeTableNotes: "Изменились примечания к таблице.",
  changeTableProperty: (property, from, to) =>
    `Поле «${property}» изменилось: было «${from}», стало «${to}».`,
  changeNoValue: "нет",
  changeColumnAdded: (column) => `Новый столбец: ${column}.`,
  changeColumnRemoved: (column) => `Столбец исключён: ${column}.`,
  changeFactFields: (fields) => `изменились поля ${andList(fields)}`,
  quoted: (text) => `«${text}»`,
  years: (n) => `${n} ${agree(n, { one: "год", few: "года", many: "лет", other: "года" })}`,
  percentagePoints: (signed) => `${signed}${NBSP}п.${NBSP}п.`,
  percent: (signed) => `${signed}${NBSP}%`,
  cellSubject: (column, keys, period) =>
    `${column}${keys === undefined ? "" : ` (${keys})`}${period === undefined ? "" : ` за ${period}`}`,
  aRow: "Строка",
  cellRevised: (subject, from, to, change) =>
    `${subject}: пересмотрено с ${from} до ${to}${change}.`,
  cellFilled: (subject, value) => `${subject}: раньше данных не было, теперь ${value}.`,
  cellGone: (subject, value) => `${subject}: данных больше нет (было ${value}).`,
  rowsAdded: (name, values) => `${name}: добавлено — ${values}.`,
  rowsRemoved: (name, values) => `${name}: исключено — ${values}.`,
  factAdded: (label, value) => `${label}: новое значение, ${value}.`,
  factRemoved: (label, value) => `${label}: исключено (было ${value}).`,
  factRevised: (label, from, to, change, other) =>
    `${label}: пересмотрено с ${from} до ${to}${change}${other ? `; ${other}` : ""}.`,
  factChanged: (label, other) => `${label}: ${other}.`,
  indicatorChanged: (label, now, nowDetail, was, wasDetail) =>
    `${label}: ${now}${nowDetail}; было ${was}${wasDetail}.`,

  reportTitle: (from, to) => `Изменения от выпуска ${from} к выпуску ${to}`,
  reportEditions: (template, from, to) =>
    `${template}: выпуск ${from.edition} (опубликован ${from.published}) → выпуск ${to.edition} (опубликован ${to.published}${to.dataAsOf ? `, данные на ${to.dataAsOf}` : ""})`,
  reportSummary: (n) =>
    `изменений в данных: ${n.data}; цифр, приведённых иначе: ${n.figures}; изменённых предложений: ${n.sentences} (аудиторий: ${n.audiences}); изменённых таблиц: ${n.tables}; диаграмм: ${n.charts}`,
  reportData: "Данные",
  reportFigures: "Цифры, приведённые в обзоре",
  reportTables: "Таблицы",
  reportCharts: "Диаграммы",
  reportSentences: (audience) => `Предложения: ${audience}`,
  reportChanges: (n) => `изменений: ${n}`,
  reportIndicators: (n) => `показателей: ${n}`,
  reportNoChange: "без изменений",
  reportPreamble: "до первого заголовка",
  reportSentenceCounts: (n) =>
    [
      n.figures ? `с новыми цифрами: ${n.figures}` : "",
      n.wording ? `переформулировано: ${n.wording}` : "",
      n.added ? `добавлено: ${n.added}` : "",
      n.removed ? `исключено: ${n.removed}` : "",
    ]
      .filter(Boolean)
      .join(", "),
  reportReworded: "переформулировано",
  reportNewFigures: "новые цифры",
  reportFiguresTag: "цифры",
  reportAdded: "добавлено",
  reportRemoved: "исключено",
  reportIndicator: "Показатель",
  reportBefore: "Было",
  reportAfter: "Стало",
  reportChange: "Изменение",
  reportColumn: "столбец",
  reportRow: "строка",
  reportSeries: "ряд",
  reportColumnAdded: (column) => `новый столбец: ${column}`,
  reportColumnRemoved: (column) => `столбец исключён: ${column}`,
  reportRowAdded: (row) => `новая строка: ${row}`,
  reportRowRemoved: (row) => `строка исключена: ${row}`,
  reportSeriesAdded: (series) => `новый ряд: ${series}`,
  reportSeriesRemoved: (series) => `ряд исключён: ${series}`,
  reportCategoryAdded: (category) => `новая категория: ${category}`,
  reportCategoryRemoved: (category) => `категория исключена: ${category}`,
};
