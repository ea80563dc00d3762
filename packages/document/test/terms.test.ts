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
    // No table yet for these: English stands in.
    expect(termsFor("pt-BR")).toEqual(en);
    expect(termsFor("ja")).toEqual(en);
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
