/**
 * The shipped 2005 edition (data/russia-japan/2005) against the essay it
 * transcribes: Vladimir I. Ivanov, "Russia and Japan Beyond 2005" (ERINA, 2005).
 *
 * Every expected value below sits next to the essay text it comes from. For the
 * three tables the quote is the essay's table line itself (tabs as printed) and
 * the expected numbers are read out of the quote, so a typo in the data cannot
 * be copied into the test. The dataset is read only through the package's
 * public entry: loadDataset, table(id).series(measure, where), table(id).rows
 * and fact(id).
 */
import { fileURLToPath } from "node:url";
import { type Dataset, type Issue, loadDataset } from "@briefkit/data";
import { beforeAll, describe, expect, it } from "vitest";

const dir = fileURLToPath(new URL("../../../data/russia-japan/2005/", import.meta.url));

let dataset: Dataset;
let issues: readonly Issue[];

beforeAll(async () => {
  const result = await loadDataset(dir);
  issues = result.issues;
  if (!result.ok) throw new Error(`dataset did not load: ${JSON.stringify(result.issues)}`);
  dataset = result.dataset;
});

/** The cells of a quoted table line: numbers, `1,352.2` as 1352.2, `—` as null; labels dropped. */
function cellsOf(quote: string): (number | null)[] {
  return quote
    .split("\t")
    .map((c) => c.trim())
    .filter((c) => c === "—" || /^[\d,]+(\.\d+)?$/.test(c))
    .map((c) => (c === "—" ? null : Number(c.replaceAll(",", ""))));
}

/** The value of one period of a series; fails when the period is absent. */
function valueAt(table: string, measure: string, period: string, where = {}): number | null {
  const points = dataset.table(table).series(measure, where).points;
  const point = points.find((p) => p.period.token === period);
  expect(point, `${table}.${measure} ${JSON.stringify(where)} has ${period}`).toBeDefined();
  return point!.value;
}

// --- Table 1 -----------------------------------------------------------------

// Header: "\t1998\t1999\t2000\t2001\t2002\t2003\t2004\t2005 (1 st half)"
const TABLE_1_PERIODS = ["1998", "1999", "2000", "2001", "2002", "2003", "2004", "2005-H1"];
const TABLE_1 = [
  { measure: "exports", quote: "Exports\t2.9\t3.7\t4.6\t3.9\t3.3\t4.2\t5.7\t2.3" },
  { measure: "imports", quote: "Imports\t1.0\t0.5\t0.6\t0.7\t0.9\t1.7\t3.1\t1.5" },
  { measure: "total", quote: "Total\t3.9\t4.2\t5.2\t4.6\t4.2\t5.9\t8.8\t3.8" },
];

// --- Table 3 -----------------------------------------------------------------

// Header: "\t\t1998\t1999\t2000\t2001\t2002\t2003"
const TABLE_3_YEARS = ["1998", "1999", "2000", "2001", "2002", "2003"];
const TABLE_3 = [
  {
    region: "Yakutia",
    measure: "exports",
    quote: "Yakutia\tExports\t33.7\t106.3\t111.7\t27.8\t—\t138.9",
  },
  { region: "Yakutia", measure: "imports", quote: "\tImports\t9.7\t20.2\t6.4\t7.4\t—\t11.0" },
  {
    region: "Primorskiy Krai",
    measure: "exports",
    quote: "Primorskiy Krai\tExports\t264.0\t161.0\t194.0\t257.0\t207.0\t154.9",
  },
  {
    region: "Primorskiy Krai",
    measure: "imports",
    quote: "\tImports\t60.0\t38.0\t32.0\t47.0\t74.0\t221.7",
  },
  {
    region: "Khabarovskiy Krai",
    measure: "exports",
    quote: "Khabarovskiy Krai\tExports\t178.3\t213.3\t190.0\t180.0\t148.0\t169.2",
  },
  {
    region: "Khabarovskiy Krai",
    measure: "imports",
    quote: "\tImports\t17.4\t42.0\t34.6\t34.0\t56.0\t77.8",
  },
  {
    region: "Amurskaya Oblast",
    measure: "exports",
    quote: "Amurskaya Oblast\tExports\t12.1\t9.0\t6.8\t19.3\t16.3\t21.9",
  },
  {
    region: "Amurskaya Oblast",
    measure: "imports",
    quote: "\tImports\t15.7\t5.4\t2.6\t1.4\t0.7\t1.8",
  },
  {
    region: "Kamchatskaya Oblast",
    measure: "exports",
    quote: "Kamchatskaya Oblast\tExports\t123.5\t64.4\t81.9\t50.5\t76.7\t70.6",
  },
  {
    region: "Kamchatskaya Oblast",
    measure: "imports",
    quote: "\tImports\t10.9\t8.9\t5.6\t6.0\t7.1\t13.4",
  },
  {
    region: "Magadanskaya Oblast",
    measure: "exports",
    quote: "Magadanskaya Oblast\tExports\t6.3\t2.2\t1.9\t23.0\t—\t20.1",
  },
  {
    region: "Magadanskaya Oblast",
    measure: "imports",
    quote: "\tImports\t6.2\t4.1\t10.9\t9.4\t—\t12.7",
  },
  {
    region: "Sakhalinskaya Oblast",
    measure: "exports",
    quote: "Sakhalinskaya Oblast\tExports\t121.7\t123.6\t135.5\t94.0\t201.0\t293.5",
  },
  {
    region: "Sakhalinskaya Oblast",
    measure: "imports",
    quote: "\tImports\t20.7\t21.4\t38.9\t84.0\t27.3\t144.6",
  },
  {
    region: "Total",
    measure: "exports",
    quote: "Total\tExports\t739.7\t679.8\t722.2\t652.0\t649.3\t869.2",
  },
  {
    region: "Total",
    measure: "imports",
    quote: "\tImports\t140.6\t140.1\t131.3\t189.3\t165.1\t483.0",
  },
  {
    region: "Total",
    measure: "trade",
    quote: "Total trade\t\t880.3\t819.9\t853.5\t841.3\t814.4\t1,352.2",
  },
];

// --- Table 2 -----------------------------------------------------------------

// Columns: "Agreement date\tPartners\tRecipients\tRepayment (years)\tAmount ($1 million)\tProject"
const TABLE_2 = [
  {
    recipient: "Vneshtorgbank",
    agreed: "2002-03",
    partners: "Commercial banks",
    repayment: 5,
    amount: 60,
    quote:
      "March 6, 2002\tCommercial banks\tVneshtorgbank\t5\t60\tImports of machinery and equipment",
  },
  {
    recipient: "Moscow International Bank",
    agreed: "2003-06",
    partners: "Bank of Tokyo-Mitsubishi",
    repayment: 5,
    amount: 20,
    quote:
      "June 12, 2003\tBank of Tokyo-Mitsubishi\tMoscow International Bank\t5\t20\tImports of machinery and equipment",
  },
  {
    recipient: "NEC-Neva JV",
    agreed: "2003-09",
    partners: null,
    repayment: null,
    amount: 9,
    quote: "September 2003\t—\tNEC-Neva JV\t\t9\tEquipment manufacturing and marketing",
  },
  {
    recipient: "Gloverbel Group (Asahi Glass)",
    agreed: "2003-11",
    partners: null,
    repayment: null,
    amount: 108,
    quote:
      "November 2003\t—\tGloverbel Group (Asahi Glass)\t—\t108\tManufacturing plant construction",
  },
  {
    recipient: "Business Car JV(Toyota)",
    agreed: "2004-03",
    partners: null,
    repayment: null,
    amount: 6,
    quote: "March 2004\t—\tBusiness Car JV(Toyota)\t\t6\tMarketing",
  },
  {
    recipient: "Rostelecom",
    agreed: "2004-03",
    partners: null,
    repayment: null,
    amount: 2.66,
    quote: "March 30, 2004\t—\tRostelecom\t\t2.66\tEquipment procurement from NEC",
  },
];

// --- Composition shares quoted in the text -----------------------------------

const SHARES = [
  // "The composition of Russia's exports to Japan ... "
  {
    table: "russia-exports-to-japan-by-product",
    by: "product",
    cat: "Precious and non-ferrous metals",
    share: 37,
    quote: "precious and non-ferrous metals (37%)",
  },
  {
    table: "russia-exports-to-japan-by-product",
    by: "product",
    cat: "Fish and marine products",
    share: 27,
    quote: "fish and marine products (27%)",
  },
  {
    table: "russia-exports-to-japan-by-product",
    by: "product",
    cat: "Timber",
    share: 11,
    quote: "timber (11%)",
  },
  {
    table: "russia-exports-to-japan-by-product",
    by: "product",
    cat: "Fuels (coal, oil and oil products)",
    share: 20,
    quote: "fuels (20%), including coal, oil and oil products",
  },
  // "In 2003, the bilateral trade transactions of Far Eastern Russia ... exports consisting mostly of"
  {
    table: "far-east-exports-by-product",
    by: "product",
    cat: "Oil and oil products",
    share: 32,
    quote: "oil and oil products (32%)",
  },
  {
    table: "far-east-exports-by-product",
    by: "product",
    cat: "Timber",
    share: 15,
    quote: "timber (15%)",
  },
  {
    table: "far-east-exports-by-product",
    by: "product",
    cat: "Fish and shellfish",
    share: 11,
    quote: "fish and shellfish (11%)",
  },
  {
    table: "far-east-exports-by-product",
    by: "product",
    cat: "Coal",
    share: 4,
    quote: "coal (4%)",
  },
  {
    table: "far-east-exports-by-product",
    by: "product",
    cat: "Metals",
    share: 9,
    quote: "metals (9%)",
  },
  {
    table: "far-east-exports-by-product",
    by: "product",
    cat: "Machinery",
    share: 5,
    quote: "machinery (5%)",
  },
  // "Japan's imports from the Far Eastern region approached $880 million, including"
  {
    table: "japan-imports-from-far-east-by-product",
    by: "product",
    cat: "Oil and oil products",
    share: 25,
    quote: "oil and oil products (25%)",
  },
  {
    table: "japan-imports-from-far-east-by-product",
    by: "product",
    cat: "Timber",
    share: 21,
    quote: "timber (21%)",
  },
  {
    table: "japan-imports-from-far-east-by-product",
    by: "product",
    cat: "Coal",
    share: 20,
    quote: "coal (20%)",
  },
  {
    table: "japan-imports-from-far-east-by-product",
    by: "product",
    cat: "Fish and shellfish products",
    share: 15,
    quote: "fish and shellfish products (15%)",
  },
  // "Japan's exports to the Far Eastern region of Russia consisted mainly of"
  {
    table: "japan-exports-to-far-east-by-product",
    by: "product",
    cat: "Passenger cars and trucks",
    share: 35,
    quote: "passenger cars and trucks (35%)",
  },
  {
    table: "japan-exports-to-far-east-by-product",
    by: "product",
    cat: "Steel pipes and rolled steel",
    share: 20,
    quote: "steel pipes and rolled steel (20%)",
  },
  {
    table: "japan-exports-to-far-east-by-product",
    by: "product",
    cat: "Construction and earthmoving machinery",
    share: 9,
    quote: "construction and earthmoving machinery (9%)",
  },
  // "Japan accounted for almost $1.4 billion, or 22% of total trade, following China (37%) ..."
  {
    table: "far-east-trade-partners",
    by: "partner",
    cat: "China",
    share: 37,
    quote: "following China (37%)",
  },
  {
    table: "far-east-trade-partners",
    by: "partner",
    cat: "Japan",
    share: 22,
    quote: "or 22% of total trade",
  },
  {
    table: "far-east-trade-partners",
    by: "partner",
    cat: "ROK",
    share: 15,
    quote: "ahead of the ROK (15%)",
  },
] as const;

const PROVINCES = [
  {
    table: "far-east-trade-with-japan-by-province",
    measure: "trade",
    province: "Sakhalin Oblast",
    value: 438,
    quote: "Sakhalin Oblast ($438 million)",
  },
  {
    table: "far-east-trade-with-japan-by-province",
    measure: "trade",
    province: "Primorsky Krai",
    value: 377,
    quote: "Primorsky Krai ($377 million)",
  },
  {
    table: "far-east-trade-with-japan-by-province",
    measure: "trade",
    province: "Khabarovsk Krai",
    value: 247,
    quote: "Khabarovsk Krai ($247 million)",
  },
  {
    table: "far-east-japanese-investment-by-province",
    measure: "investment",
    province: "Sakhalin Oblast",
    value: 784,
    quote: "Japanese investment ($784 million)",
  },
  {
    table: "far-east-japanese-investment-by-province",
    measure: "investment",
    province: "Primorsky Krai",
    value: 26,
    quote: "followed by Primorsky ($26 million)",
  },
  {
    table: "far-east-japanese-investment-by-province",
    measure: "investment",
    province: "Khabarovsk Krai",
    value: 2,
    quote: "and Khabarovsk ($2 million)",
  },
] as const;

// --- Facts -------------------------------------------------------------------

type FactCase = {
  id: string;
  quote: string;
  value?: number;
  range?: [number, number];
  qualifier: string;
  unit: string;
  scale?: string;
  period?: string;
  source?: string;
};

const FACTS: FactCase[] = [
  {
    id: "diplomatic-relations-anniversary",
    quote: "the 150th anniversary of the establishment of diplomatic relations",
    value: 150,
    qualifier: "exact",
    unit: "years",
    period: "2005",
  },
  {
    id: "star-of-hope-phase-two-submarines",
    quote: "five Russian nuclear submarines are to be dismantled",
    value: 5,
    qualifier: "exact",
    unit: "count",
  },
  {
    id: "star-of-hope-first-stage-months",
    quote: "The first 18-month stage",
    value: 18,
    qualifier: "exact",
    unit: "months",
  },
  {
    id: "submarines-to-dismantle-by-2010",
    quote: "dismantling about 40 nuclear submarines by 2010",
    value: 40,
    qualifier: "about",
    unit: "count",
    period: "2010",
  },
  {
    id: "gdp-growth-1999-2004",
    quote: "In 1999-2004, annual GDP growth was above or close to 7%",
    value: 7,
    qualifier: "about",
    unit: "percent",
  },
  {
    id: "industrial-production-growth-2004",
    quote: "industrial production in 2004 expanded by 6%",
    value: 6,
    qualifier: "exact",
    unit: "percent",
    period: "2004",
  },
  {
    id: "capital-expenditure-growth-2004",
    quote: "Capital expenditures increased by 11%",
    value: 11,
    qualifier: "exact",
    unit: "percent",
  },
  {
    id: "investment-all-sources-2004",
    quote: "investments from all sources were estimated at approximately $100 billion",
    value: 100,
    qualifier: "about",
    unit: "USD",
    scale: "billion",
  },
  {
    id: "fdi-stock",
    quote: "accumulated foreign investment exceeded $82 billion",
    value: 82,
    qualifier: "more-than",
    unit: "USD",
    scale: "billion",
    period: "2005",
  },
  {
    id: "foreign-investment-2004",
    quote: "including $40 billion attracted in 2004",
    value: 40,
    qualifier: "exact",
    unit: "USD",
    scale: "billion",
    period: "2004",
  },
  {
    id: "fdi-share",
    quote: "The share of foreign direct investment (FDI) was 23.3%",
    value: 23.3,
    qualifier: "exact",
    unit: "percent",
  },
  {
    id: "portfolio-investment-share",
    quote: "portfolio investment occupied 0.8% of the total volume",
    value: 0.8,
    qualifier: "exact",
    unit: "percent",
  },
  {
    id: "six-countries-share-of-foreign-investment",
    quote: "About 80% of the entire influx",
    value: 80,
    qualifier: "about",
    unit: "percent",
  },
  {
    id: "six-countries-share-of-fdi",
    quote: "including 78% of FDI",
    value: 78,
    qualifier: "exact",
    unit: "percent",
  },
  {
    id: "kearney-attractiveness-rank",
    quote: "Russia now occupies the 11th position",
    value: 11,
    qualifier: "exact",
    unit: "rank",
    source: "kearney",
  },
  {
    id: "securities-tax-before-2004",
    quote: "lowered from 0.8% to 0.2%",
    value: 0.8,
    qualifier: "exact",
    unit: "percent",
  },
  {
    id: "securities-tax-from-2004",
    quote: "lowered from 0.8% to 0.2%",
    value: 0.2,
    qualifier: "exact",
    unit: "percent",
    period: "2004",
  },
  {
    id: "vat-rate",
    quote: "Value-added tax was reduced to 18%",
    value: 18,
    qualifier: "exact",
    unit: "percent",
  },
  {
    id: "insurance-foreign-share-cap",
    quote: "maximum foreign share in insurance companies has been raised to 25%",
    value: 25,
    qualifier: "exact",
    unit: "percent",
  },
  {
    id: "foreign-ownership-threshold",
    quote: "share of foreign ownership was less than 49%",
    value: 49,
    qualifier: "less-than",
    unit: "percent",
  },
  {
    id: "bilateral-trade-outlook",
    quote: "bilateral trade may exceed $10 billion in 2005-2006",
    value: 10,
    qualifier: "more-than",
    unit: "USD",
    scale: "billion",
  },
  {
    id: "indirect-japanese-exports-via-third-countries",
    quote: "Exports to Russia via third countries would add another $3-4 billion",
    range: [3, 4],
    qualifier: "exact",
    unit: "USD",
    scale: "billion",
  },
  {
    id: "japan-rank-russia-trade-partner",
    quote: "making Japan Russia's fifth-largest trading partner",
    value: 5,
    qualifier: "exact",
    unit: "rank",
  },
  {
    id: "russia-rank-japan-export-destinations",
    quote: "In 2004, Russia occupied the 25th position in the list of Japan's export destinations",
    value: 25,
    qualifier: "exact",
    unit: "rank",
    period: "2004",
  },
  {
    id: "russia-rank-japan-import-sources",
    quote: "In terms of Japanese imports, Russia was in 21st place",
    value: 21,
    qualifier: "exact",
    unit: "rank",
    period: "2004",
  },
  {
    id: "bilateral-trade-vs-japan-rok-trade",
    quote: "only about 10% of Japan's trade with the ROK",
    value: 10,
    qualifier: "about",
    unit: "percent",
  },
  {
    id: "bilateral-trade-vs-japan-china-trade",
    quote: "and 5% of that with China",
    value: 5,
    qualifier: "about",
    unit: "percent",
  },
  {
    id: "japanese-investment-cumulative",
    quote: "cumulative Japanese investment to 2005 reached almost $700 million",
    value: 700,
    qualifier: "almost",
    unit: "USD",
    scale: "million",
    period: "2005",
    source: "russian-official",
  },
  {
    id: "japanese-fdi-cumulative",
    quote: "including $140 million of direct investment",
    value: 140,
    qualifier: "exact",
    unit: "USD",
    scale: "million",
    source: "russian-official",
  },
  {
    id: "japanese-investment-with-sakhalin",
    quote: "investments made via third countries accounted for $2-3 billion",
    range: [2, 3],
    qualifier: "exact",
    unit: "USD",
    scale: "billion",
  },
  {
    id: "japan-rank-investor",
    quote: "making Japan the fifth-largest investor",
    value: 5,
    qualifier: "exact",
    unit: "rank",
  },
  {
    id: "sakhalin-investment-2003",
    quote: "In 2003 alone, investment in the Sakhalin projects reached $1.0 billion",
    value: 1.0,
    qualifier: "exact",
    unit: "USD",
    scale: "billion",
    period: "2003",
  },
  {
    id: "sakhalin-investment-cumulative",
    quote: "brought the cumulative volume close to $2 billion",
    value: 2,
    qualifier: "about",
    unit: "USD",
    scale: "billion",
  },
  {
    id: "sakhalin-fdi-cumulative",
    quote: "including $800 million of accumulated FDI",
    value: 800,
    qualifier: "exact",
    unit: "USD",
    scale: "million",
  },
  {
    id: "japanese-offices-moscow",
    quote: "more than 80 representative of fices registered only in Moscow",
    value: 80,
    qualifier: "more-than",
    unit: "count",
  },
  {
    id: "jbic-survey-rank-2001",
    quote: "in 2001, when it was not found even among the top thirty",
    value: 30,
    qualifier: "more-than",
    unit: "rank",
    period: "2001",
    source: "jbic",
  },
  {
    id: "special-zones-approved",
    quote: "more than a hundred such zones have been approved",
    value: 100,
    qualifier: "more-than",
    unit: "count",
  },
  {
    id: "far-east-trade-2003",
    quote:
      "In 2003, the bilateral trade transactions of Far Eastern Russia were close to $7.7 billion",
    value: 7.7,
    qualifier: "about",
    unit: "USD",
    scale: "billion",
    period: "2003",
  },
  {
    id: "far-east-trade-with-japan-2003",
    quote: "Japan accounted for almost $1.4 billion",
    value: 1.4,
    qualifier: "almost",
    unit: "USD",
    scale: "billion",
  },
  {
    id: "far-east-trade-japan-share-2003",
    quote: "or 22% of total trade",
    value: 22,
    qualifier: "exact",
    unit: "percent",
  },
  {
    id: "japan-imports-from-far-east-2003",
    quote: "Japan's imports from the Far Eastern region approached $880 million",
    value: 880,
    qualifier: "almost",
    unit: "USD",
    scale: "million",
  },
  {
    id: "smuggled-fish-exports-japan-2003",
    quote: "Officially, in 2003, such exports to Japan were estimated at about $102 million",
    value: 102,
    qualifier: "about",
    unit: "USD",
    scale: "million",
    period: "2003",
  },
  {
    id: "putin-visit-japan-days",
    quote: "Putin will visit Japan on 20th-22nd November",
    range: [20, 22],
    qualifier: "exact",
    unit: "day-of-month",
    period: "2005-11",
  },
  {
    id: "eastern-siberia-oil-reserves",
    quote: "currently estimated at about 1,000 million tons (Mt)",
    value: 1000,
    qualifier: "about",
    unit: "Mt",
  },
  {
    id: "new-oil-fields-to-license",
    quote: "about 40 new fields could be licensed as soon as in 2006-2007",
    value: 40,
    qualifier: "about",
    unit: "count",
  },
  {
    id: "oil-fields-to-auction-later",
    quote: "with an additional 30 fields to be auctioned soon thereafter",
    value: 30,
    qualifier: "exact",
    unit: "count",
  },
  {
    id: "discovered-fields-production-potential",
    quote: "could allow production of 50 Mt of oil a year",
    value: 50,
    qualifier: "up-to",
    unit: "Mt-per-year",
  },
  {
    id: "oil-reserves-increase-by-2010",
    quote: "enlarging the oil reserves by about 1,500 Mt by 2010",
    value: 1500,
    qualifier: "about",
    unit: "Mt",
    period: "2010",
  },
  {
    id: "reserves-program-cost-2010",
    quote: "The cost of the program that would allow these increases is close to $25 billion",
    value: 25,
    qualifier: "about",
    unit: "USD",
    scale: "billion",
  },
  {
    id: "exploration-cost-to-2030",
    quote: "Towards 2030, the estimated costs ... could amount to $50 billion",
    value: 50,
    qualifier: "up-to",
    unit: "USD",
    scale: "billion",
    period: "2030",
  },
  {
    id: "western-siberia-initial-supply",
    quote: "an initial supply of about 30 Mt of oil from Western Siberia",
    value: 30,
    qualifier: "about",
    unit: "Mt",
  },
  {
    id: "us-oil-absorption-capacity",
    quote:
      "the capacity of the US to absorb oil from Eastern Russia is estimated at 15-25 Mt a year",
    range: [15, 25],
    qualifier: "exact",
    unit: "Mt-per-year",
  },
  {
    id: "china-japan-oil-remainder",
    quote: "The remaining 30-50 Mt should find their way to China and Japan",
    range: [30, 50],
    qualifier: "exact",
    unit: "Mt-per-year",
  },
  {
    id: "exploration-funding-eastern-russia",
    quote: "(footnote 4) ... is a little more than $100 million",
    value: 100,
    qualifier: "more-than",
    unit: "USD",
    scale: "million",
  },
  {
    id: "exploration-funding-share-of-required",
    quote: "only about 10% of the required investment level",
    value: 10,
    qualifier: "about",
    unit: "percent",
  },
  {
    id: "pipeline-decision-date",
    quote: "(footnote 3) officially announced on 31st December 2004",
    value: 31,
    qualifier: "exact",
    unit: "day-of-month",
    period: "2004-12",
  },
  {
    id: "pipeline-phase-one-years",
    quote: "first to Skovorodino (2006-08)",
    range: [2006, 2008],
    qualifier: "exact",
    unit: "year",
  },
  {
    id: "pipeline-phase-two-start",
    quote: "then to Perevoznaya Bay (from 2008)",
    value: 2008,
    qualifier: "at-least",
    unit: "year",
  },
  {
    id: "asia-pacific-crude-exports-2020",
    quote: "crude oil exports to the Asia-Pacific region could reach 105Mt a year",
    value: 105,
    qualifier: "up-to",
    unit: "Mt-per-year",
    period: "2020",
    source: "energy-strategy-2020",
  },
  {
    id: "asia-pacific-crude-exports-2020-bpd",
    quote: "a little more than 2 million barrels a day",
    value: 2,
    qualifier: "more-than",
    unit: "barrels-per-day",
    scale: "million",
  },
  {
    id: "sakhalin-crude-exports-2020",
    quote: "including 25Mt to be produced by the Sakhalin offshore fields",
    value: 25,
    qualifier: "exact",
    unit: "Mt-per-year",
    source: "energy-strategy-2020",
  },
  {
    id: "pacific-pipeline-length",
    quote: "building a 4,200km crude oil pipeline",
    value: 4200,
    qualifier: "exact",
    unit: "km",
    source: "energy-strategy-2020",
  },
  {
    id: "pacific-pipeline-cost",
    quote: "The price tag of this project is close to $12 billion",
    value: 12,
    qualifier: "about",
    unit: "USD",
    scale: "billion",
  },
  {
    id: "pacific-pipeline-share-of-output",
    quote: "divert as much as 15% to 20% of Russia's total oil output",
    range: [15, 20],
    qualifier: "up-to",
    unit: "percent",
  },
  {
    id: "pacific-pipeline-share-of-exports",
    quote: "and 25% to 30% of its oil exports",
    range: [25, 30],
    qualifier: "up-to",
    unit: "percent",
  },
  {
    id: "northeast-asia-share-of-gas-exports-2020",
    quote: "the share of Northeast Asia could reach 15% to 20% by 2020",
    range: [15, 20],
    qualifier: "up-to",
    unit: "percent",
    period: "2020",
  },
  {
    id: "pipeline-gas-china-korea-2020",
    quote: "via pipelines could reach 25 billion cubic meters (Bcm) by 2020",
    value: 25,
    qualifier: "up-to",
    unit: "bcm-per-year",
    period: "2020",
  },
  {
    id: "sakhalin-2-lng-exports-2015",
    quote: "export about 13 Bcm of LNG annually by 2015",
    value: 13,
    qualifier: "about",
    unit: "bcm-per-year",
    period: "2015",
  },
  {
    id: "sakhalin-2-lng-japan-share",
    quote: "contracts for half of this volume",
    value: 0.5,
    qualifier: "exact",
    unit: "fraction",
  },
  {
    id: "energy-investment-needs-2020",
    quote: "Russia needs between $620 billion and $850 billion",
    range: [620, 850],
    qualifier: "exact",
    unit: "USD",
    scale: "billion",
  },
  {
    id: "energy-investment-needs-by-2010-2012",
    quote: "including $260 billion to $300 billion mobilized before 2010-2012",
    range: [260, 300],
    qualifier: "exact",
    unit: "USD",
    scale: "billion",
  },
  {
    id: "sakhalin-1-2-investment-plan",
    quote: "plan to invest as much as $35 billion",
    value: 35,
    qualifier: "up-to",
    unit: "USD",
    scale: "billion",
  },
  {
    id: "other-sakhalin-projects-investment",
    quote: "requiring another $30 billion to $50 billion",
    range: [30, 50],
    qualifier: "exact",
    unit: "USD",
    scale: "billion",
  },
  {
    id: "kyoto-base-year",
    quote: 'the emissions volume in 1990 became the "base" level',
    value: 1990,
    qualifier: "exact",
    unit: "year",
  },
  {
    id: "asia-share-world-gdp-2020",
    quote: "METI estimates that by 2020, Asia will have a 25% share of world GDP",
    value: 25,
    qualifier: "exact",
    unit: "percent",
    period: "2020",
    source: "meti",
  },
  {
    id: "asia-share-world-gdp-1990",
    quote: "compared with 19% in 1990",
    value: 19,
    qualifier: "exact",
    unit: "percent",
    period: "1990",
    source: "meti",
  },
  {
    id: "japan-imports-from-east-asia-share-1992",
    quote: "Japanese imports from East Asia surged from 31% to 43%",
    value: 31,
    qualifier: "exact",
    unit: "percent",
    period: "1992",
  },
  {
    id: "japan-imports-from-east-asia-share-2001",
    quote: "Japanese imports from East Asia surged from 31% to 43%",
    value: 43,
    qualifier: "exact",
    unit: "percent",
    period: "2001",
  },
  {
    id: "japan-exports-to-east-asia-share-1992",
    quote: "exports to East Asia rose from 33% to 42%",
    value: 33,
    qualifier: "exact",
    unit: "percent",
    period: "1992",
  },
  {
    id: "japan-exports-to-east-asia-share-2001",
    quote: "exports to East Asia rose from 33% to 42%",
    value: 42,
    qualifier: "exact",
    unit: "percent",
    period: "2001",
  },
  {
    id: "japanese-share-of-largest-asian-companies",
    quote: "more than 70% of the largest Asian companies",
    value: 70,
    qualifier: "more-than",
    unit: "percent",
  },
  {
    id: "asean-share-japan-trade-2003",
    quote: "in 2003 trade with ASEAN accounted for about 15% of total Japanese trade",
    value: 15,
    qualifier: "about",
    unit: "percent",
    period: "2003",
  },
  {
    id: "japan-outbound-fdi-east-asia-share",
    quote: "It now invests approximately 10% of its outbound FDI in East Asia",
    value: 10,
    qualifier: "about",
    unit: "percent",
  },
];

// --- Tests -------------------------------------------------------------------

describe("the 2005 edition loads", () => {
  it("has no errors", () => {
    expect(issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(dataset.meta).toMatchObject({
      id: "russia-japan",
      edition: "2005",
      published: "2005-09-08",
      dataAsOf: "2005-06-30",
    });
  });

  it("reports Table 3's rounding differences as warnings with both numbers", () => {
    const warnings = issues.filter((i) => i.severity === "warning");
    expect(warnings.every((w) => w.file.endsWith("far-east-trade.csv"))).toBe(true);
    const rounding = warnings.filter((w) => w.code === "total-rounding");
    // 1998, 2000, 2001, 2003 exports; 1999, 2000, 2001 imports.
    expect(rounding).toHaveLength(7);
    const has = (code: string, ...numbers: string[]) =>
      warnings.some((w) => w.code === code && numbers.every((n) => w.message.includes(n)));
    // 2003 exports: printed 869.2, the regions sum to 869.1.
    expect(has("total-rounding", "869.2", "869.1")).toBe(true);
    // 2000 exports: printed 722.2, the regions sum to 721.8.
    expect(has("total-rounding", "722.2", "721.8")).toBe(true);
    // 2002 exports: printed 649.3 with Yakutia and Magadan missing; the rest sum to 649.0.
    expect(has("total-missing-parts", "649.3", "649.0", "Yakutia", "Magadanskaya Oblast")).toBe(
      true,
    );
  });
});

describe("Table 1. Russia-Japan Bilateral Trade, 1998-2005", () => {
  it.each(TABLE_1)("$measure: $quote", ({ measure, quote }) => {
    const expected = cellsOf(quote);
    expect(expected).toHaveLength(TABLE_1_PERIODS.length);
    const s = dataset.table("bilateral-trade").series(measure);
    expect(s.points.map((p) => p.period.token)).toEqual(TABLE_1_PERIODS);
    expect(s.points.map((p) => p.value)).toEqual(expected);
    expect(s).toMatchObject({ unit: "USD", scale: "billion" });
    expect(s.source.id).toBe("medt");
  });

  it('marks "2005 (1 st half)" as a partial period', () => {
    const points = dataset.table("bilateral-trade").series("total").points;
    expect(points.filter((p) => p.period.partial).map((p) => p.period.token)).toEqual(["2005-H1"]);
  });
});

describe("Table 3. Far Eastern Russia: Bilateral Trade with Japan 1998-2003", () => {
  it.each(TABLE_3)("$region $measure: $quote", ({ region, measure, quote }) => {
    const expected = cellsOf(quote);
    expect(expected).toHaveLength(TABLE_3_YEARS.length);
    TABLE_3_YEARS.forEach((year, i) => {
      expect(valueAt("far-east-trade", measure, year, { region }), `${region} ${year}`).toBe(
        expected[i],
      );
    });
  });

  it('keeps the "—" cells as null with their raw token, never 0', () => {
    for (const region of ["Yakutia", "Magadanskaya Oblast"]) {
      for (const measure of ["exports", "imports"]) {
        const s = dataset.table("far-east-trade").series(measure, { region, year: "2002" });
        expect(s.points).toEqual([expect.objectContaining({ value: null, raw: "—" })]);
      }
    }
  });

  it("is in US$ million from the Inter-regional Association", () => {
    const s = dataset.table("far-east-trade").series("exports", { region: "Total" });
    expect(s).toMatchObject({ unit: "USD", scale: "million" });
    expect(s.source.id).toBe("far-east-association");
  });
});

describe("Table 2. Loans by the Japan Bank for International Cooperation, 2002-2004", () => {
  const table = () => dataset.table("jbic-loans");
  const cell = (recipient: string, column: string) => {
    const t = table();
    const ri = t.columns.findIndex((c) => c.name === "recipient");
    const ci = t.columns.findIndex((c) => c.name === column);
    const row = t.rows.find((r) => r.cells[ri]!.value === recipient);
    expect(row, recipient).toBeDefined();
    return row!.cells[ci]!;
  };

  it.each(TABLE_2)("$recipient: $quote", ({ recipient, agreed, partners, repayment, amount }) => {
    expect(valueAt("jbic-loans", "amount", agreed, { recipient })).toBe(amount);
    expect(valueAt("jbic-loans", "repayment", agreed, { recipient })).toBe(repayment);
    expect(cell(recipient, "partners").value).toBe(partners);
  });

  it('keeps "—" and blank cells apart in the raw token', () => {
    expect(cell("Gloverbel Group (Asahi Glass)", "repayment").raw).toBe("—");
    expect(cell("NEC-Neva JV", "repayment").raw).toBe("");
    expect(cell("Rostelecom", "partners").raw).toBe("—");
  });

  it("is in US$ million", () => {
    expect(table().series("amount", { recipient: "Rostelecom" })).toMatchObject({
      unit: "USD",
      scale: "million",
    });
  });
});

describe("composition shares quoted in the text", () => {
  /**
   * One value of a small category table. Dated tables go through `series`;
   * a table the essay gives no year for has no period, and the loader gives
   * such a table no series, so its value is read from `rows`.
   */
  const single = (id: string, measure: string, by: string, cat: string) => {
    const t = dataset.table(id);
    const col = t.columns.find((c) => c.name === measure);
    expect(col?.type).toBe("number");
    const unit = col?.type === "number" ? { unit: col.unit, scale: col.scale } : {};
    if (t.period !== undefined) {
      const s = dataset.table(id).series(measure, { [by]: cat });
      expect(s.points).toHaveLength(1);
      expect(s.points[0]!.period.token).toBe(t.period.token);
      return { ...unit, value: s.points[0]!.value };
    }
    const bi = t.columns.findIndex((c) => c.name === by);
    const mi = t.columns.findIndex((c) => c.name === measure);
    const rows = t.rows.filter((r) => r.cells[bi]!.value === cat);
    expect(rows, `${id} ${cat}`).toHaveLength(1);
    return { ...unit, value: rows[0]!.cells[mi]!.value };
  };

  it.each(SHARES)("$table $cat: $quote", ({ table, by, cat, share }) => {
    expect(single(table, "share", by, cat)).toEqual({
      unit: "percent",
      scale: "one",
      value: share,
    });
  });

  it.each(PROVINCES)("$table $province: $quote", ({ table, measure, province, value }) => {
    expect(single(table, measure, "province", province)).toEqual({
      unit: "USD",
      scale: "million",
      value,
    });
  });

  it("dates the Far Eastern breakdowns 2003 and leaves undated ones without a period", () => {
    expect(dataset.table("far-east-trade-partners").period?.token).toBe("2003");
    expect(dataset.table("far-east-exports-by-product").period?.token).toBe("2003");
    expect(dataset.table("russia-exports-to-japan-by-product").period).toBeUndefined();
    expect(dataset.table("far-east-japanese-investment-by-province").period).toBeUndefined();
  });
});

describe("facts quoted in the prose", () => {
  it.each(FACTS)("$id: $quote", (c) => {
    const f = dataset.fact(c.id);
    if (c.range) {
      expect(f.range).toEqual(c.range);
      expect(f.value).toBeUndefined();
    } else {
      expect(f.value).toBe(c.value);
      expect(f.range).toBeUndefined();
    }
    expect(f.qualifier).toBe(c.qualifier);
    expect(f.unit).toBe(c.unit);
    expect(f.scale).toBe(c.scale ?? "one");
    if (c.period !== undefined) expect(f.period?.token).toBe(c.period);
    if (c.source !== undefined) expect(f.source.id).toBe(c.source);
  });

  it("names a declared source for every fact and table", () => {
    const ids = new Set(dataset.sources.map((s) => s.id));
    for (const f of dataset.facts) expect(ids.has(f.source.id), f.id).toBe(true);
    for (const t of dataset.tables) expect(ids.has(t.source.id), t.id).toBe(true);
    expect(dataset.source("essay").publisher).toMatch(/ERINA/);
  });
});
