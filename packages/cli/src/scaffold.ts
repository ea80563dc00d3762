/**
 * The files `briefkit new` writes: a small dataset and a template that
 * validate and build at once, with no error and no warning, and whose prose
 * shows the sentence patterns a brief needs (rose or fell by, share of, a
 * change in percentage points, a rank, a range, a figure that may be
 * missing). docs/guide.md walks through them.
 *
 * Pure: it returns paths and texts; `commands/new.ts` writes them. The
 * figures are made up, and the files say so.
 */

export interface ScaffoldOptions {
  /** The topic and template id (kebab-case). */
  name: string;
  /** The brief's title. */
  title: string;
  /** The edition: a year. The example data runs over the five years before it. */
  edition: number;
  /** Publication date of the edition, YYYY-MM-DD. */
  published: string;
}

export interface ScaffoldFile {
  /** Path relative to the repository root, with forward slashes. */
  path: string;
  text: string;
}

/** "arctic-shipping" → "Arctic shipping": the default title. */
export function titleFromName(name: string): string {
  const words = name.split("-").join(" ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Exports by partner, five years; Partner C is recorded from the second year. */
const EXPORTS: ReadonlyArray<readonly [number, Readonly<Record<string, number>>]> = [
  [5, { "Partner A": 1830, "Partner B": 1220 }],
  [4, { "Partner A": 1960, "Partner B": 1380, "Partner C": 420 }],
  [3, { "Partner A": 2150, "Partner B": 1420, "Partner C": 610 }],
  [2, { "Partner A": 2390, "Partner B": 1510, "Partner C": 880 }],
  [1, { "Partner A": 2250, "Partner B": 1590, "Partner C": 1040 }],
];

function exportsCsv(edition: number): string {
  const lines = ["year,partner,exports"];
  for (const [back, partners] of EXPORTS) {
    const year = edition - back;
    let total = 0;
    for (const [partner, value] of Object.entries(partners)) {
      lines.push(`${year},${partner},${value}`);
      total += value;
    }
    lines.push(`${year},Total,${total}`);
  }
  return `${lines.join("\n")}\n`;
}

/** YAML double-quoted string (titles may hold colons or quotes). */
const q = (s: string) => JSON.stringify(s);

function datasetYaml(o: ScaffoldOptions): string {
  const last = o.edition - 1;
  return `# yaml-language-server: $schema=../../../schemas/dataset.schema.json
#
# The data behind the brief ${q(o.title)}. Every figure the brief states
# comes from this folder: the tables (one file each) and the facts below.
# The figures were made up by \`briefkit new\`: replace them, and their
# sources, with your own. Format: docs/reference/dataset.md.
# Check with: briefkit validate --data data/${o.name}/${o.edition}
id: ${o.name}
title: ${q(o.title)}
edition: "${o.edition}"
published: "${o.published}"
dataAsOf: "${last}-12-31"
description: Example figures written by briefkit new; replace them with your own.

sources:
  - id: statistics-office
    title: External trade statistics (example)
    publisher: National statistics office (example)
    note: Made-up figures for the example brief.
  - id: business-survey
    title: Survey of exporting firms (example)
    publisher: Chamber of commerce (example)
    note: Made-up figures for the example brief.

tables:
  - id: exports
    title: Exports by partner
    file: exports.csv
    source: statistics-office
    frequency: annual
    notes:
      - Partner C has been recorded separately since ${o.edition - 4}.
    columns:
      - { name: year, type: period, label: Year }
      - { name: partner, type: category, label: Partner }
      - { name: exports, type: number, unit: USD, scale: million, min: 0, label: Exports }
    key: [year, partner]
    # The Total row of each year must equal the sum of the partners' rows.
    totals:
      - { kind: rows, dimension: partner, total: Total, measures: [exports] }

facts:
  - id: exporting-firms
    label: Firms that export
    value: 3400
    qualifier: about
    unit: count
    period: "${last}"
    source: business-survey
  - id: investment-needs
    label: Investment needed in ports and logistics
    range: [12, 15]
    unit: USD
    scale: billion
    period: "${o.edition + 4}"
    source: business-survey
`;
}

function templateYaml(o: ScaffoldOptions): string {
  return `# yaml-language-server: $schema=../../schemas/template.schema.json
#
# The brief ${q(o.title)}, started by \`briefkit new\`. Its data is the newest
# edition under data/${o.name}/ (the topic below). The guide to every part of
# this file is docs/guide.md; the full reference is docs/reference/.
# Build with: briefkit build --template templates/${o.name}
id: ${o.name}
topic: ${o.name}
title: ${q(o.title)}
subtitle: What the figures say
author: Your name
organisation: Your institute
language: en-GB

# The sections: Markdown, with figures in {{ }} and wording in {% %}.
sections:
  summary: { file: sections/01-summary.md }
  exports: { file: sections/02-exports.md }
  outlook: { file: sections/03-outlook.md }

# Every figure the prose states is an indicator: a named calculation on the
# data. Periods are relative (latest, latest-1, first), so next year's
# edition rebuilds with no change here.
indicators:
  - id: exports-latest
    label: Exports in the latest year
    function: value
    input: { table: exports, measure: exports, where: { partner: Total } }
    period: latest
    format: { style: currency, decimals: 1, scale: billion }
  - id: exports-previous
    label: Exports in the year before the latest
    function: value
    input: { table: exports, measure: exports, where: { partner: Total } }
    period: latest-1
    format: { style: currency, decimals: 1, scale: billion }
  - id: exports-first
    label: Exports in the first year of the series
    function: value
    input: { table: exports, measure: exports, where: { partner: Total } }
    period: first
    format: { style: currency, decimals: 1, scale: billion }
  - id: exports-growth
    label: Growth of exports in the latest year
    function: growth
    input: { table: exports, measure: exports, where: { partner: Total } }
    format: { style: percent, decimals: 0 }
  # Partner C has rows only from the second year: the first year's Total
  # does not cover it. A comparison of totals says how it treats that.
  - id: exports-cagr
    label: Average yearly growth of exports, first to latest year, partners recorded in both years
    function: cagr
    input: { table: exports, measure: exports, where: { partner: Total } }
    from: first
    to: latest
    coverage: like-for-like
    format: { style: percent, decimals: 1 }
  - id: exports-partial
    label: Exports in the newest part of a year, when the data has one
    function: value
    input: { table: exports, measure: exports, where: { partner: Total } }
    period: latest-partial
    format: { style: currency, decimals: 1, scale: billion }
  - id: partner-a-growth
    label: Growth of exports to Partner A in the latest year
    function: growth
    input: { table: exports, measure: exports, where: { partner: Partner A } }
    format: { style: percent, decimals: 0 }
  - id: partner-a-share-latest
    label: Partner A's share of exports in the latest year
    function: share
    part: { table: exports, measure: exports, where: { partner: Partner A } }
    total: { table: exports, measure: exports, where: { partner: Total } }
    format: { style: percent, decimals: 0 }
  - id: partner-a-share-first
    label: Partner A's share of exports in the first year
    function: share
    part: { table: exports, measure: exports, where: { partner: Partner A } }
    total: { table: exports, measure: exports, where: { partner: Total } }
    period: first
    format: { style: percent, decimals: 0 }
  - id: partner-a-share-change
    label: Change in Partner A's share of exports, first to latest year (shares of the published totals)
    function: change
    from: { indicator: partner-a-share-first }
    to: { indicator: partner-a-share-latest }
    coverage: as-published
    format: { decimals: 0 }
  - id: partner-c-first
    label: Exports to Partner C in the first year it was recorded
    function: value
    input: { table: exports, measure: exports, where: { partner: Partner C } }
    period: first
    format: { style: currency, decimals: 0, scale: million }
  - id: partner-c-rank
    label: Partner C's rank among the partners in the latest year
    function: rank
    items: { table: exports, measure: exports, across: partner, exclude: [Total] }
    of: Partner C

# Charts, placed with ::figure{ref=id}.
charts:
  exports-total:
    preset: line
    table: exports
    x: year
    measures: [exports]
    where: { partner: Total }
    title: Total exports
    # Captions may hold figures, so they follow the data into the next edition.
    caption: "Total exports, {{ ind.exports-first.period }}–{{ ind.exports-latest.period }}"
    yTitle: US$ million
  exports-by-partner:
    preset: stacked-bar
    table: exports
    x: year
    seriesBy: partner
    measures: [exports]
    exclude: [Total]
    title: Exports by partner
    caption: Exports by partner, each year
    yTitle: US$ million

# Tables, placed with ::table{ref=id}.
tables:
  exports:
    table: exports
    caption: "Exports by partner, {{ ind.exports-first.period }}–{{ ind.exports-latest.period }}"
    layout: pivot
    rowKey: partner
    period: year
    measures:
      - { field: exports, label: Exports }
    totalRows: [Total]
    decimals: 0
    unitLabel: US$ million

# Key-figure boxes, placed with ::keyfigures{ref=id}.
keyFigures:
  headline:
    title: Key figures
    items:
      - { indicator: exports-latest, label: Exports in the latest year }
      - { indicator: exports-growth, label: Growth on the year before }
      - { indicator: partner-a-share-latest, label: Partner A's share of exports }
      - { fact: investment-needs, label: Investment needed in ports and logistics }

# Audiences: the versions of the brief, each with its sections in order.
audiences:
  full:
    label: Full brief
    sections: [summary, exports, outlook]
    aboutFigures: true
  executive:
    label: Executive summary
    sections: [summary, outlook]
    maxPages: 2
    subtitle: "Executive summary: the figures in brief"
`;
}

const SUMMARY = `# Key findings

Exports {{ ind.exports-growth | direction: "rose", "fell", "held steady" }}{% if ind.exports-growth.value != 0 %} by {{ ind.exports-growth | abs }}{% endif %} in {{ ind.exports-latest.period }}, to {{ ind.exports-latest }}. Since {{ ind.exports-first.period }} they have grown by {{ ind.exports-cagr }} a year on average.

::keyfigures{ref=headline}

- Partner A remains the largest market, with {{ ind.partner-a-share-latest }} of exports, but its share is {{ ind.partner-a-share-change | direction: "up", "down", "unchanged" }}{% if ind.partner-a-share-change.value != 0 %} {{ ind.partner-a-share-change | abs }}{% endif %} on {{ ind.partner-a-share-first.period }}.
- Partner C is now {% if ind.partner-c-rank.value == 1 %}the largest{% else %}the {{ ind.partner-c-rank | ordinal }}-largest{% endif %} market.
- Ports and logistics need {{ fact.investment-needs }} of investment by {{ fact.investment-needs.period }}.
`;

const EXPORTS_SECTION = `# Exports

## Growth

Exports came to {{ ind.exports-latest }} in {{ ind.exports-latest.period }}, against {{ ind.exports-previous }} a year earlier and {{ ind.exports-first }} in {{ ind.exports-first.period }}.
{% if ind.exports-partial.available %}In {{ ind.exports-partial.period }}, the part of the year with figures so far, they came to {{ ind.exports-partial }}; a part-year figure is only a rough guide to the whole year.{% endif %}

::figure{ref=exports-total}

## Partners

Exports to Partner A {{ ind.partner-a-growth | direction: "rose", "fell", "held steady" }}{% if ind.partner-a-growth.value != 0 %} by {{ ind.partner-a-growth | abs }}{% endif %} in {{ ind.exports-latest.period }}. Its share of the total was {{ ind.partner-a-share-latest }}, against {{ ind.partner-a-share-first }} in {{ ind.partner-a-share-first.period }}.

{% if ind.partner-c-first.period != ind.exports-first.period %}Partner C has been recorded separately only since {{ ind.partner-c-first.period }}, when exports to it came to {{ ind.partner-c-first }}.{% endif %} It now ranks {{ ind.partner-c-rank | ordinal }} among the partners.

::table{ref=exports}

::figure{ref=exports-by-partner}
`;

const OUTLOOK = `# Outlook

About {{ fact.exporting-firms | bare }} firms export, according to a survey in {{ fact.exporting-firms.period }}.[^survey] Keeping exports growing will take {{ fact.investment-needs }} of investment in ports and logistics by {{ fact.investment-needs.period }}.

{% block watch %}
:::callout{kind=finding title="What to watch"}
Whether exports to Partner A recover, and whether Partner C keeps growing.
:::
{% endblock %}

[^survey]: The survey covers firms with ten or more employees.
`;

/** Every file of a new brief, data first. */
export function scaffoldFiles(o: ScaffoldOptions): ScaffoldFile[] {
  const data = `data/${o.name}/${o.edition}`;
  const tpl = `templates/${o.name}`;
  return [
    { path: `${data}/dataset.yaml`, text: datasetYaml(o) },
    { path: `${data}/exports.csv`, text: exportsCsv(o.edition) },
    { path: `${tpl}/template.yaml`, text: templateYaml(o) },
    { path: `${tpl}/sections/01-summary.md`, text: SUMMARY },
    { path: `${tpl}/sections/02-exports.md`, text: EXPORTS_SECTION },
    { path: `${tpl}/sections/03-outlook.md`, text: OUTLOOK },
  ];
}
