/**
 * A brief in another language: the audience's `language:` or the caller's
 * `language` sets the document's language, the words briefkit adds (the
 * terms) and how every number and date is written. Read from the composed
 * document model, so Japanese is checked here whatever fonts the writers have.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type Dataset, loadDataset } from "@briefkit/data";
import { type Document, type NumberInline, termsFor } from "@briefkit/document";
import { evaluateIndicators, formatNumber } from "@briefkit/indicators";
import { beforeAll, describe, expect, it } from "vitest";
import { aboutFigures, changesSince } from "../src/appendices.js";
import { inLanguage } from "../src/compose.js";
import { compose, createComposeCache, diffEditions } from "../src/index.js";
import { IssueLog } from "../src/issues.js";
import { unitLabel } from "../src/tables.js";
import { loadTemplate } from "../src/template.js";

const root = resolve(import.meta.dirname, "../../..");
const templateDir = join(root, "templates/russia-japan");
const cache = createComposeCache();

async function load(dir: string): Promise<Dataset> {
  const r = await loadDataset(dir);
  if (!r.ok) throw new Error(`${dir}: ${r.issues.map((i) => i.message).join("; ")}`);
  return r.dataset;
}

let y2005: Dataset;
let y2006: Dataset;
beforeAll(async () => {
  y2005 = await load(join(root, "data/russia-japan/2005"));
  y2006 = await load(join(root, "packages/data/test/fixtures/editions/russia-japan-2006"));
});

async function composed(
  audience: string,
  options: { language?: string; previous?: Dataset; dataset?: Dataset } = {},
): Promise<Document> {
  const r = await compose({
    templateDir,
    dataset: options.dataset ?? y2005,
    audience,
    cache,
    figures: false,
    ...(options.language ? { language: options.language } : {}),
    ...(options.previous ? { previous: options.previous } : {}),
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.document;
}

/** Every value of `key` in the document's tree, with the node it is on. */
function nodes(doc: unknown, test: (node: Record<string, unknown>) => boolean) {
  const found: Record<string, unknown>[] = [];
  const visit = (x: unknown) => {
    if (Array.isArray(x)) x.forEach(visit);
    else if (typeof x === "object" && x !== null) {
      const o = x as Record<string, unknown>;
      if (test(o)) found.push(o);
      Object.values(o).forEach(visit);
    }
  };
  visit(doc);
  return found;
}

const numbersOf = (doc: Document) => nodes(doc, (o) => o.type === "number");
const headingsOf = (doc: Document) =>
  nodes(doc, (o) => o.type === "heading").map((h) =>
    nodes(h.children, (o) => o.type === "text")
      .map((t) => t.value)
      .join(""),
  );
const allText = (doc: Document) => JSON.stringify(doc);

describe("the Russian executive summary (executive-ru)", () => {
  it("is a Russian document: lang, words, titles", async () => {
    const doc = await composed("executive-ru");
    expect(doc.meta.language).toBe("ru");
    expect(doc.meta.title).toBe("Россия и Япония после 2005 года");
    expect(doc.meta.organisation).toBe("Институт ERINA (Ниигата)");
    expect(headingsOf(doc)).toEqual(["Главные выводы", "Выводы"]);
  });

  it("writes its figures in Russian, as Intl does", async () => {
    const doc = await composed("executive-ru");
    const texts = numbersOf(doc).map((n) => n.text);
    // US$8.8 billion: Intl's own compact form in Russian.
    const trade = new Intl.NumberFormat("ru", {
      style: "currency",
      currency: "USD",
      notation: "compact",
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    }).format(8.8e9);
    expect(texts).toContain(trade);
    expect(texts).toContain("49\u00a0%");
    expect(texts).toContain("в 2,3 раза");
    // Facts: qualifier and range in Russian.
    expect(texts).toContain("почти 700\u00a0млн\u00a0$");
    expect(texts).toContain("около 12\u00a0млрд\u00a0$");
    expect(texts).toContain("2,1\u00a0млн баррелей в сутки");
    // The same numbers the English summary states, formatted in each language.
    const en = numbersOf(await composed("executive"));
    const ru = numbersOf(doc);
    const value = (ns: typeof en, id: string) =>
      ns.find((n) => (n.provenance as { indicator?: string }).indicator === id)?.value;
    for (const id of ["total-trade-latest", "total-trade-growth", "far-east-trade-latest"]) {
      expect(value(ru, id), id).toBe(value(en, id));
      expect(value(ru, id), id).toBeTypeOf("number");
    }
    // No number in English words.
    for (const t of texts) expect(String(t), String(t)).not.toMatch(/billion|million|US\$|times/);
  });

  it("names its sections' sentences in the audience's language", async () => {
    const text = allText(await composed("executive-ru"));
    expect(text).toContain("сделал бы Японию пятым по величине торговым партнёром России");
    expect(text).not.toContain("Key figures");
  });
});

describe("--language over a whole brief", () => {
  it("writes the provenance appendix and the changes appendix in Russian", async () => {
    const doc = await composed("full", { language: "ru", dataset: y2006, previous: y2005 });
    expect(doc.meta.language).toBe("ru");
    const headings = headingsOf(doc);
    expect(headings).toContain("Откуда взяты цифры");
    expect(headings).toContain("Изменения после предыдущего выпуска");
    const text = allText(doc);
    expect(text).toContain("Все цифры этого обзора рассчитаны по набору данных");
    // The date in Russian, through Intl.
    const published = new Intl.DateTimeFormat("ru", { dateStyle: "long", timeZone: "UTC" }).format(
      new Date(`${y2005.meta.published}T00:00:00Z`),
    );
    expect(published).toMatch(/ г\.$/);
    expect(text).toContain(`(опубликован ${published})`);
  });

  // Japanese text needs the Japanese fonts to compose (the glyph check): the
  // appendices are built here from their parts, in Japanese words.
  it("writes the provenance appendix and the changes appendix in Japanese", async () => {
    const log = new IssueLog();
    const loaded = loadTemplate(templateDir, log);
    if (!loaded) throw new Error(JSON.stringify(log.issues));
    const t = inLanguage(loaded, "ja");
    expect(t.language).toBe("ja");
    expect(inLanguage(loaded, undefined)).toBe(loaded);
    const evaluation = evaluateIndicators(
      y2006,
      t.indicators.map((d) => d.def),
      { locale: "ja" },
    );
    const changes = JSON.stringify(changesSince(y2006, y2005, evaluation.results, t, log));
    expect(changes).toContain("前版からの変更点");
    expect(changes).toContain("2005年版（2005年9月8日発行）と比べ");
    expect(changes).toContain("本報告書に記載の数値");
    // Japanese brackets and spans, no English verbal forms ("rose", "more than doubled").
    expect(changes).toContain("（2005）（従来は");
    expect(changes).toContain("（2004～2005）");
    expect(changes).not.toMatch(/「(rose|fell|doubled|more than|was unchanged)/);
    // Table cells in the template's myriad units, like the prose.
    expect(changes).toContain("42億米ドル");
    expect(changes).not.toMatch(/十億|百万/);
    const english = await composed("full", { dataset: y2006 });
    const about = JSON.stringify(
      aboutFigures(
        numbersOf(english) as unknown as NumberInline[],
        y2006,
        termsFor("ja"),
        new Map(evaluation.results.map((r) => [r.id, r])),
      ),
    );
    expect(about).toContain("数値について");
    expect(about).toContain("本報告書の数値はすべて、データセット");
    expect(about).toContain("出所：");
    // Japanese numbers: 2.3倍 and 49%, as Intl writes percent.
    const texts = evaluation.results.map((r) => r.text);
    const growth = evaluation.results.find((r) => r.id === "total-trade-growth")?.result;
    if (growth?.status !== "ok") throw new Error("total-trade-growth not available");
    expect(texts).toContain(formatNumber(growth.value, { unit: "percent", locale: "ja" }));
    expect(texts).toContain(`${Math.round(growth.value)}%`);
    expect(texts.some((x) => x.endsWith("倍"))).toBe(true);
  });

  it("compares two editions in Japanese: figures and the diff's language", async () => {
    const r = await diffEditions({
      templateDir,
      from: y2005,
      to: y2006,
      cache,
      language: "ja",
      // Figures only: an audience's sentences in Japanese need the Japanese fonts.
      audiences: [],
    });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.diff.language).toBe("ja");
    const trade = r.diff.indicators.find((i) => i.id === "total-trade-latest");
    // The template writes its trade figures in myriad units (format.units: myriad).
    expect(trade?.before.text).toBe("88億米ドル");
    const growth = r.diff.indicators.find((i) => i.id === "total-trade-growth");
    expect(growth?.before.text).toBe("49%");
    const data = r.diff.data.summary.flatMap((g) => g.items);
    expect(data).toContain("2003のExportsを42億米ドルから43億米ドルに改訂（+2.4％）。");
  });

  it("keeps the template's language when none is given", async () => {
    const doc = await composed("executive");
    expect(doc.meta.language).toBe("en-GB");
    expect(numbersOf(doc).map((n) => n.text)).toContain("US$8.8 billion");
  });
});

describe("the template's number settings (numbers.units)", () => {
  it("writes the Japanese summary's facts in myriad units, ranges with the wave dash", async () => {
    const texts = numbersOf(await composed("executive-ja")).map((n) => n.text);
    expect(texts).toEqual(
      expect.arrayContaining([
        "30～40億米ドル",
        "20～30億米ドル",
        "7億米ドル近く",
        "年間1億500万トン",
        "日量210万バレル",
        "約120億米ドル",
      ]),
    );
    // No western scale word is left in a Japanese figure.
    expect(texts.filter((t) => /十億|百万|\$/.test(String(t)))).toEqual([]);
  });

  it("leaves English and Russian as they were", async () => {
    const en = numbersOf(await composed("executive")).map((n) => n.text);
    expect(en).toEqual(expect.arrayContaining(["US$3–4 billion", "about US$12 billion"]));
    const ru = numbersOf(await composed("executive-ru")).map((n) => n.text);
    expect(ru).toEqual(expect.arrayContaining(["3–4\u00a0млрд\u00a0$"]));
  });

  it("is the default of every indicator's format, and an indicator's own units win", () => {
    const dir = mkdtempSync(join(tmpdir(), "briefkit-numbers-"));
    try {
      writeFileSync(
        join(dir, "template.yaml"),
        [
          "id: numbers",
          "title: Numbers",
          "numbers: { units: myriad }",
          "indicators:",
          "  - { id: a, function: value, input: { fact: x } }",
          "  - { id: b, function: value, input: { fact: x }, format: { decimals: 1, units: western } }",
          "",
        ].join("\n"),
      );
      const log = new IssueLog();
      const t = loadTemplate(dir, log);
      expect(log.issues).toEqual([]);
      expect(t?.indicators.map((d) => d.def.format)).toEqual([
        { units: "myriad" },
        { decimals: 1, units: "western" },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("unit lines in the language", () => {
  it("heads tables and describes charts in the brief's language", () => {
    expect(unitLabel("USD", "billion", "en-GB")).toBe("US$ billion");
    expect(unitLabel("USD", "billion", "ja")).toBe("10億米ドル");
    expect(unitLabel("USD", "million", "ja-JP")).toBe("100万米ドル");
    expect(unitLabel("USD", "billion", "ru")).toBe("млрд\u00a0$");
    expect(unitLabel("Mt-per-year", "one", "ru")).toBe("млн т в год");
    // A percentage is "%" everywhere: the charts test it to add a remainder.
    for (const language of ["en", "ru", "ja"])
      expect(unitLabel("percent", "one", language)).toBe("%");
  });
});
