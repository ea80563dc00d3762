import { describe, expect, it } from "vitest";
import { slotted, TERM_TABLES, type Term, type Terms, termsFor } from "../src/index.js";

// Type level: a table must give every term, and nothing else (the compiler
// rejects a table missing one, so a new term cannot ship untranslated).
const everyTerm = TERM_TABLES.en satisfies Record<Term, unknown> | undefined;

describe("terms", () => {
  it("has an English table whose words are not empty", () => {
    const en = everyTerm as Terms;
    const words = Object.entries(en).filter(([, v]) => typeof v === "string");
    expect(words.length).toBeGreaterThan(40);
    for (const [term, word] of words) expect(String(word).trim(), term).not.toBe("");
  });

  it("gives every table the same terms as English", () => {
    const keys = Object.keys(TERM_TABLES.en ?? {}).sort();
    for (const [tag, table] of Object.entries(TERM_TABLES)) {
      expect(Object.keys(table).sort(), tag).toEqual(keys);
    }
  });

  it("looks a BCP 47 tag up by its prefixes and falls back to English", () => {
    const en = TERM_TABLES.en;
    expect(termsFor("en")).toEqual(en);
    expect(termsFor("en-GB")).toEqual(en);
    expect(termsFor("EN-gb")).toEqual(en);
    // No table yet for this one: English stands in.
    expect(termsFor("pt-BR")).toEqual(en);
    expect(termsFor("ja-JP")).toEqual(TERM_TABLES.ja);
    expect(termsFor("ru-RU")).toEqual(TERM_TABLES.ru);
    // Not a well-formed tag at all.
    expect(termsFor("not a tag!")).toEqual(en);
  });

  it("replaces single terms with overrides, ignoring undefined ones", () => {
    const t = termsFor("en-GB", { table: "Tab.", figure: undefined });
    expect(t.table).toBe("Tab.");
    expect(t.figure).toBe("Figure");
    expect(t.pageOf("3", "7")).toBe("Page 3 of 7");
  });

  it("words the sentences that hold numbers with them", () => {
    const t = termsFor("en");
    expect(t.notesLabel(1)).toBe("Note:");
    expect(t.notesLabel(2)).toBe("Notes:");
    expect(t.sourceLine("IMF", undefined)).toBe("Source: IMF.");
    expect(t.sourceLine("IMF", "ERINA (Niigata)")).toBe(
      "Source: IMF, as cited in ERINA (Niigata).",
    );
    expect(t.reportChanges(1)).toBe("1 change");
    expect(t.reportChanges(3)).toBe("3 changes");
    expect(t.changeFactFields(["value", "unit", "source"])).toBe(
      "its value, unit and source changed",
    );
  });
});

// One call of every term that is a function, with arguments that hold no
// letters of their own: what comes back is the table's words only.
const provenance = { indicator: "i1", method: "m1", table: "t1", periods: ["2003", "2004"] };
const SAMPLE_CALLS: Record<string, unknown[]> = {
  notesLabel: [2],
  qualified: ["up-to", "12"],
  noteReference: [3],
  backToReference: ["3"],
  pageOf: ["2", "20"],
  changeBy: ["X1"],
  changeOn: ["8.9.2006"],
  partYearLegend: ["2005-H1"],
  partYearNote: ["2005-H1"],
  sourceLine: ["S1", "S2"],
  aboutFiguresIntro: ["D1", "2005"],
  aboutFigure: [provenance, true],
  aboutCoverage: [
    {
      basis: "like-for-like",
      dimension: "d1",
      all: 9,
      periods: [{ period: "2003", parts: ["P1", "P2"], missing: ["P3"], leftOut: ["P4"] }],
    },
  ],
  aboutAnnualised: [{ method: "double-half-year", from: "2005-H1", factor: 2 }],
  changesFirstEdition: ["2005"],
  changesIntro: ["2006", "8.9.2006", "30.6.2006", "2005", "8.9.2005"],
  changesNone: ["2005"],
  changeTableProperty: ["P1", "F1", "T1"],
  changeColumnAdded: ["C1"],
  changeColumnRemoved: ["C1"],
  changeFactFields: [["F1", "F2", "F3"]],
  quoted: ["Q1"],
  years: ["7"],
  percentagePoints: ["+2,0"],
  percent: ["+1,7"],
  cellSubject: ["C1", "K1", "2003"],
  cellRevised: ["S1", "1", "2", " (+1)"],
  cellFilled: ["S1", "1"],
  cellGone: ["S1", "1"],
  rowsAdded: ["N1", "V1"],
  rowsRemoved: ["N1", "V1"],
  factAdded: ["L1", "1"],
  factRemoved: ["L1", "1"],
  factRevised: ["L1", "1", "2", " (+1)", "O1"],
  factChanged: ["L1", "O1"],
  indicatorChanged: ["L1", "2", " (2005)", "1", " (2004)"],
  reportTitle: ["2005", "2006"],
  reportEditions: [
    "T1",
    { edition: "2005", published: "8.9.2005" },
    { edition: "2006", published: "8.9.2006", dataAsOf: "30.6.2006" },
  ],
  reportSummary: [{ data: 1, figures: 2, sentences: 3, audiences: 4, tables: 5, charts: 6 }],
  reportSentences: ["A1"],
  editionOf: ["2005"],
  parenthetical: ["2005"],
  rangeWords: ["-3%", "4%"],
  reportChanges: [3],
  reportIndicators: [3],
  reportSentenceCounts: [{ figures: 1, wording: 2, added: 3, removed: 4 }],
  reportColumnAdded: ["C1"],
  reportColumnRemoved: ["C1"],
  reportRowAdded: ["R1"],
  reportRowRemoved: ["R1"],
  reportSeriesAdded: ["S1"],
  reportSeriesRemoved: ["S1"],
  reportCategoryAdded: ["C1"],
  reportCategoryRemoved: ["C1"],
};

/** Every term's text in a table: words as they are, functions called with their sample. */
function allText(t: Terms): Array<[string, string]> {
  return Object.entries(t).map(([term, value]) => {
    if (typeof value === "function") {
      const args = SAMPLE_CALLS[term];
      if (args === undefined) throw new Error(`no sample call for term ${term}`);
      return [term, String((value as (...a: unknown[]) => unknown)(...args))];
    }
    return [term, Array.isArray(value) ? value.join("") : String(value)];
  });
}

describe("the Japanese and Russian tables", () => {
  it.each(["ja", "ru"])("%s: every term is in the language, with no English word left", (tag) => {
    const table = TERM_TABLES[tag]!;
    // Words briefkit lets through untranslated: none but the arguments (letters and digits).
    const english = allText(TERM_TABLES.en!);
    for (const [term, text] of allText(table)) {
      const leftover = text.replace(/\b[A-Z]\d\b|\b[a-z]\d\b|[A-Z]\d|[a-z]\d/g, "");
      expect(leftover, term).not.toMatch(/[A-Za-z]{2,}/);
      expect(text.trim() === "" ? term : "", term).toBe(
        term === "captionEnd" && tag === "ja" ? "captionEnd" : "",
      );
    }
    // And different from English wherever English has a word.
    const en = new Map(english);
    const same = allText(table).filter(
      ([term, text]) => /[A-Za-z]{2,}/.test(en.get(term) ?? "") && en.get(term) === text,
    );
    expect(same).toEqual([]);
  });

  it("writes the sentences in each language", () => {
    const ru = termsFor("ru");
    expect(ru.pageOf("2", "20")).toBe("Страница 2 из 20");
    expect(ru.quotes).toEqual(["«", "»", "„", "“"]);
    expect(ru.years("1")).toBe("1 год");
    expect(ru.years("3")).toBe("3 года");
    expect(ru.years("7")).toBe("7 лет");
    expect(ru.years("21")).toBe("21 год");
    expect(ru.years("1,5")).toBe("1,5 года");
    expect(ru.percent("+1,7")).toBe("+1,7\u00a0%");
    expect(ru.sourceLine("МВФ", "ERINA")).toBe("Источник: МВФ; цит. по: ERINA.");
    expect(ru.aboutFiguresHeading).toBe("Откуда взяты цифры");
    expect(ru.changesHeading).toBe("Изменения после предыдущего выпуска");
    const ja = termsFor("ja");
    expect(ja.quotes).toEqual(["「", "」", "『", "』"]);
    expect(ja.pageOf("2", "20")).toBe("2 / 20 ページ");
    expect(ja.aboutFiguresHeading).toBe("数値について");
    expect(ja.changesHeading).toBe("前版からの変更点");
    expect(ja.reportTitle("2005", "2006")).toBe("2005年版から2006年版への変更点");
    expect(ja.editionOf("2005")).toBe("2005年版");
    expect(ru.editionOf("2005")).toBe("Выпуск 2005");
    expect(termsFor("en").editionOf("2005")).toBe("Edition 2005");
  });
});

describe("slotted", () => {
  it("puts values where the term puts its markers", () => {
    const page = { field: "PAGE" };
    const pages = { field: "NUMPAGES" };
    const t = termsFor("en");
    expect(slotted([page, pages], (p, n) => t.pageOf(p ?? "", n ?? ""))).toEqual([
      "Page ",
      page,
      " of ",
      pages,
    ]);
    // A language that puts the total first still gets each field in its place.
    expect(slotted([page, pages], (p, n) => `${n}ページ中${p}ページ`)).toEqual([
      pages,
      "ページ中",
      page,
      "ページ",
    ]);
  });

  it("leaves out empty text and keeps a term without markers whole", () => {
    expect(slotted([1], (a) => `${a}`)).toEqual([1]);
    expect(slotted([], () => "no slots")).toEqual(["no slots"]);
  });
});
