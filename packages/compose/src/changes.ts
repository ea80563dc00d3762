/**
 * What changed between two editions, in words: the data (every revised,
 * added, filled-in or removed figure, from `diffDatasets`) and the
 * indicators the template states (value or text changed). Used twice: by
 * the "Changes since the last edition" appendix an audience may switch on
 * (`changes: true`), and by `diffEditions` for the `briefkit diff` report.
 *
 * Items read as short sentences, figures formatted in their unit with the
 * decimals they were written with: "Total in 2003 revised from US$5.9
 * billion to US$6.0 billion (+1.7%)." A percentage moves in percentage
 * points: "Timber revised from 11% to 13% (+2.0 percentage points)."
 */
import {
  type CellChange,
  type Dataset,
  type DatasetDiff,
  type DiffValue,
  type FactChange,
  parsePeriod,
  type Table,
  type TableDiff,
} from "@briefkit/data";
import {
  type DraftBlock,
  headingWith,
  type Inline,
  inlines,
  list,
  type NumberInline,
  num,
  type Paragraph,
  para,
  slotted,
  strong,
  type Terms,
  termsFor,
} from "@briefkit/document";
import { type EvaluatedIndicator, formatNumber, type Scale } from "@briefkit/indicators";
import { setTypedQuotes } from "./quotes.js";
import { factInlines, indicatorWords, type NumberUnits } from "./values.js";

/**
 * Headings of the sections `diffEditions` and `trackChanges` leave out of
 * the sentences they compare: the changes appendix's, in the document's
 * language (the terms table's `changesHeading`).
 */
export function appendixHeadings(language: string): ReadonlySet<string> {
  return new Set([termsFor(language).changesHeading]);
}

/** One indicator whose value or formatted text differs between the editions. */
export interface IndicatorChange {
  id: string;
  label: string | undefined;
  before: IndicatorState;
  after: IndicatorState;
  /** Whether the value (or its availability) changed, and whether the printed text did. */
  valueChanged: boolean;
  textChanged: boolean;
  /**
   * Change of the value in per cent of the old one (two decimals); absent when
   * either is not available, the old is 0, or the value is a percentage.
   */
  changePercent?: number;
  /**
   * For a percentage (a share, a growth rate, a change in percentage points):
   * the change in percentage points (two decimals), never a per cent of a per
   * cent; absent when either is not available.
   */
  changePoints?: number;
}

/** An indicator's result in one edition. */
export interface IndicatorState {
  status: "ok" | "na";
  value: number | null;
  text: string;
  /** Periods the value refers to ("2004", or "1998", "2004" for a change). */
  periods: string[];
  /**
   * The indicator's words, as a template's `.words` prints them: a multiple's
   * band ("more than doubled"), a growth rate's ("rose"), a change's
   * direction ("fell"); absent for kinds without words.
   */
  words?: string;
  /** Why it is not available. */
  reason?: string;
}

function stateOf(ev: EvaluatedIndicator | undefined): IndicatorState {
  if (!ev) return { status: "na", value: null, text: "—", periods: [], reason: "not defined" };
  const r = ev.result;
  const words = indicatorWords(ev);
  return r.status === "ok"
    ? {
        status: "ok",
        value: r.value,
        text: ev.text,
        periods: [...r.periods],
        ...(words === undefined ? {} : { words }),
      }
    : { status: "na", value: null, text: ev.text, periods: [...r.periods], reason: r.reason };
}

const pct = (from: number, to: number): number | undefined =>
  from === 0 ? undefined : Math.round(((to - from) / Math.abs(from)) * 10000) / 100;

/** Units whose changes are stated in percentage points. */
const PERCENTAGE_UNITS = new Set(["percent", "percentage-points"]);

/** How an indicator's value moved: in percentage points for a percentage, else in per cent. */
function movement(
  before: EvaluatedIndicator | undefined,
  after: EvaluatedIndicator,
  a: IndicatorState,
  b: IndicatorState,
): { changePercent?: number; changePoints?: number } {
  if (a.value === null || b.value === null) return {};
  const unit = after.result.unit ?? before?.result.unit;
  if (unit !== undefined && PERCENTAGE_UNITS.has(unit)) {
    return { changePoints: Math.round((b.value - a.value) * 100) / 100 };
  }
  const change = pct(a.value, b.value);
  return change === undefined ? {} : { changePercent: change };
}

/** The indicators whose value or text changed, in definition order. */
export function indicatorChanges(
  before: readonly EvaluatedIndicator[],
  after: readonly EvaluatedIndicator[],
): IndicatorChange[] {
  const old = new Map(before.map((e) => [e.id, e]));
  const out: IndicatorChange[] = [];
  for (const ev of after) {
    const was = old.get(ev.id);
    const a = stateOf(was);
    const b = stateOf(ev);
    const valueChanged = a.status !== b.status || a.value !== b.value;
    const textChanged = a.text !== b.text || a.words !== b.words;
    // The same value for a later period prints the same: the prose does not change.
    if (!valueChanged && !textChanged) continue;
    out.push({
      id: ev.id,
      label: ev.label,
      before: a,
      after: b,
      valueChanged,
      textChanged,
      ...movement(was, ev, a, b),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Data changes in words

/** The changes of one table (or of the facts), as list items of inlines. */
export interface ChangeGroup {
  /** Table id, or undefined for the facts. */
  table: string | undefined;
  title: string;
  items: Inline[][];
}

function decimalsOf(raw: string | undefined): number {
  const m = /\.(\d+)/.exec(raw ?? "");
  return m ? m[1]!.length : 0;
}

function periodLabel(token: string): string {
  return parsePeriod(token)?.label ?? token;
}

/** Whether the language is English, whose words the indicators' verbal forms are in. */
function isEnglish(locale: string): boolean {
  return locale.toLowerCase().split(/[-_]/)[0] === "en";
}

function lowerFirst(s: string): string {
  return s.length > 1 && /^\p{Lu}\p{Ll}/u.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
}

interface CellContext {
  dataset: Dataset;
  table: Table | undefined;
  locale: string;
  units: NumberUnits;
  terms: Terms;
}

/** A cell's value as the brief prints it: a number inline in its unit, or the text. */
function valueInline(
  ctx: CellContext,
  c: CellChange,
  value: DiffValue | undefined,
  raw: string | undefined,
): Inline | string {
  if (value === null || value === undefined) return ctx.terms.notAvailable;
  if (typeof value === "string") return ctx.terms.quoted(value);
  const unit = c.unit ?? "";
  const scale = (c.scale ?? "one") as Scale;
  const plainNumber = () =>
    formatNumber(value, { locale: ctx.locale, format: { decimals: decimalsOf(raw) } });
  const text =
    unit === "years"
      ? ctx.terms.years(plainNumber())
      : unit === "year" || unit === "day-of-month" || unit === "rank"
        ? plainNumber()
        : formatNumber(value, {
            ...(unit ? { unit } : {}),
            scale,
            locale: ctx.locale,
            format: { decimals: decimalsOf(raw), units: ctx.units },
          });
  return num(
    value,
    text,
    {
      dataset: ctx.dataset.meta.id,
      edition: ctx.dataset.meta.edition,
      ...(ctx.table ? { table: ctx.table.id } : {}),
      series: c.column,
      ...(Object.keys(c.key).length > 0 ? { where: { ...c.key } } : {}),
      ...(c.period ? { periods: [c.period] } : {}),
      ...(ctx.table ? { source: ctx.table.source.id, sourceTitle: ctx.table.source.title } : {}),
    },
    { ...(unit ? { unit } : {}), ...(c.scale ? { scale: c.scale } : {}) },
  );
}

function columnLabel(table: Table | undefined, column: string): string {
  return table?.columns.find((c) => c.name === column)?.label ?? column;
}

/**
 * "(+1.7%)", or "(−2.0 percentage points)" for a figure that is itself a
 * percentage: a share from 31% to 43% rose 12 points, not 38.7%.
 */
function changeNote(
  c: { changePercent?: number | null; changePoints?: number },
  terms: Terms,
): string {
  if (typeof c.changePoints === "number")
    return terms.parenthetical(terms.percentagePoints(signed(c.changePoints, 1)));
  if (typeof c.changePercent === "number")
    return terms.parenthetical(terms.percent(signed(c.changePercent, 1)));
  return "";
}

function signed(x: number, decimals: number): string {
  const s = Math.abs(x).toFixed(decimals);
  return x > 0 ? `+${s}` : x < 0 ? `−${s}` : s;
}

/** "Exports (Yakutia) in 2003", "Share (Metals)", "Total in the first half of 2005". */
function subject(table: Table | undefined, c: CellChange, terms: Terms): string {
  const keys = Object.values(c.key);
  return terms.cellSubject(
    columnLabel(table, c.column),
    keys.length > 0 ? keys.join(terms.listComma) : undefined,
    c.period ? periodLabel(c.period) : undefined,
  );
}

function rowName(c: CellChange, terms: Terms): string {
  const keys = Object.values(c.key);
  const period = c.period ? periodLabel(c.period) : "";
  return [keys.join(terms.listComma), period].filter(Boolean).join(terms.listComma);
}

function capitalise(s: string): string {
  return s.length > 0 ? s[0]!.toUpperCase() + s.slice(1) : s;
}

/** A term's sentence with figures (number inlines, or their words) in its slots. */
function sentence(
  values: ReadonlyArray<Inline | string>,
  render: (...slots: string[]) => string,
): Inline[] {
  return inlines(...slotted(values, render));
}

function tableItems(
  t: TableDiff,
  from: Dataset,
  to: Dataset,
  locale: string,
  units: NumberUnits,
): Inline[][] {
  const terms = termsFor(locale);
  const newTable = to.tables.find((x) => x.id === t.table);
  const oldTable = from.tables.find((x) => x.id === t.table);
  const now: CellContext = { dataset: to, table: newTable, locale, units, terms };
  const was: CellContext = { dataset: from, table: oldTable ?? newTable, locale, units, terms };
  const items: Inline[][] = [];
  if (t.status === "added") return [inlines(terms.changeTableAdded)];
  if (t.status === "removed") return [inlines(terms.changeTableRemoved)];
  const shown = (v: unknown) =>
    Array.isArray(v) ? v.join("; ") : String(v ?? terms.changeNoValue);
  for (const p of t.properties) {
    items.push(
      inlines(
        p.property === "notes"
          ? terms.changeTableNotes
          : terms.changeTableProperty(p.property, shown(p.from), shown(p.to)),
      ),
    );
  }
  for (const c of t.columnsAdded) items.push(inlines(terms.changeColumnAdded(c)));
  for (const c of t.columnsRemoved) items.push(inlines(terms.changeColumnRemoved(c)));

  // New and removed rows read as one item each: "2005 added: exports US$7.4 billion, …".
  const newKeys = new Set(t.keysAdded.map((k) => JSON.stringify(k)));
  const oldKeys = new Set(t.keysRemoved.map((k) => JSON.stringify(k)));
  const grouped = new Map<string, { kind: "added" | "removed"; cells: CellChange[] }>();
  for (const c of t.cells) {
    if (c.kind === "added" || c.kind === "removed") {
      const whole = (c.kind === "added" ? newKeys : oldKeys).has(JSON.stringify(c.key));
      // A new row key (a region added) is one item over all its periods.
      const id = `${c.kind}|${JSON.stringify(c.key)}|${whole ? "" : (c.period ?? "")}`;
      const g = grouped.get(id) ?? { kind: c.kind, cells: [] };
      g.cells.push(c);
      grouped.set(id, g);
      continue;
    }
    const name = capitalise(subject(newTable, c, terms));
    switch (c.kind) {
      case "revised":
        items.push(
          sentence(
            [valueInline(was, c, c.from, c.fromRaw), valueInline(now, c, c.to, c.toRaw)],
            (before, after) =>
              terms.cellRevised(name, before ?? "", after ?? "", changeNote(c, terms)),
          ),
        );
        break;
      case "missing-filled":
        items.push(
          sentence([valueInline(now, c, c.to, c.toRaw)], (value) =>
            terms.cellFilled(name, value ?? ""),
          ),
        );
        break;
      case "became-missing":
        items.push(
          sentence([valueInline(was, c, c.from, c.fromRaw)], (value) =>
            terms.cellGone(name, value ?? ""),
          ),
        );
        break;
    }
  }
  for (const g of grouped.values()) {
    const first = g.cells[0]!;
    const whole =
      Object.keys(first.key).length > 0 &&
      (g.kind === "added" ? newKeys : oldKeys).has(JSON.stringify(first.key));
    const periods = [...new Set(g.cells.map((c) => c.period).filter((p) => p !== null))];
    const span =
      periods.length === 1
        ? periodLabel(periods[0]!)
        : `${periodLabel(periods[0]!)}${terms.rangeMark}${periodLabel(periods.at(-1)!)}`;
    const name = whole
      ? `${Object.values(first.key).join(terms.listComma)}${periods.length > 0 ? terms.parenthetical(span) : ""}`
      : rowName(first, terms) || terms.aRow;
    const values: Array<Inline | string> = [];
    g.cells.forEach((c, i) => {
      if (i > 0) values.push(terms.listComma);
      const label = lowerFirst(columnLabel(newTable ?? oldTable, c.column));
      const where = whole && periods.length > 1 && c.period ? ` ${periodLabel(c.period)}` : "";
      values.push(`${label}${where} `);
      values.push(
        g.kind === "added"
          ? valueInline(now, c, c.to, c.toRaw)
          : valueInline(was, c, c.from, c.fromRaw),
      );
    });
    const row = g.kind === "added" ? terms.rowsAdded : terms.rowsRemoved;
    items.push(
      inlines(
        ...slotted([values], (list) => row(capitalise(name), list ?? "")).flatMap((piece) =>
          typeof piece === "string" ? [piece] : piece,
        ),
      ),
    );
  }
  return items;
}

function factItem(
  c: FactChange,
  from: Dataset,
  to: Dataset,
  locale: string,
  units: NumberUnits,
): Inline[] {
  const terms = termsFor(locale);
  const shown = (ds: Dataset): NumberInline | undefined => {
    try {
      return factInlines(ds, ds.fact(c.fact), locale, units).full;
    } catch {
      return undefined;
    }
  };
  const label = c.to?.label ?? c.from?.label ?? c.fact;
  switch (c.kind) {
    case "added":
      return sentence([shown(to) ?? ""], (value) => terms.factAdded(label, value ?? ""));
    case "removed":
      return sentence([shown(from) ?? ""], (value) => terms.factRemoved(label, value ?? ""));
    case "revised": {
      const figures = c.changed.some((f) =>
        ["value", "range", "qualifier", "unit", "scale"].includes(f),
      );
      const other = c.changed.filter(
        (f) => !["value", "range", "qualifier", "unit", "scale"].includes(f),
      );
      const note = changeNote(c, terms);
      const rest = other.length > 0 ? terms.changeFactFields(other) : undefined;
      return figures
        ? sentence([shown(from) ?? "", shown(to) ?? ""], (before, after) =>
            terms.factRevised(label, before ?? "", after ?? "", note, rest),
          )
        : inlines(terms.factChanged(label, rest ?? ""));
    }
  }
}

/** The data changes, grouped by table (in the new edition's order), then the facts. */
export function dataChangeGroups(
  diff: DatasetDiff,
  from: Dataset,
  to: Dataset,
  locale: string,
  units: NumberUnits = "western",
): ChangeGroup[] {
  const groups: ChangeGroup[] = [];
  for (const t of diff.tables) {
    if (t.status === "unchanged") continue;
    const items = tableItems(t, from, to, locale, units);
    if (items.length > 0) groups.push({ table: t.table, title: t.title, items });
  }
  if (diff.facts.length > 0) {
    groups.push({
      table: undefined,
      title: termsFor(locale).changesFacts,
      items: diff.facts.map((f) => factItem(f, from, to, locale, units)),
    });
  }
  return groups;
}

/**
 * "Russia–Japan trade in the latest full year: US$10.7 billion (2005); it was
 * US$8.8 billion (2004)." The verbal forms ("more than doubled") are English
 * words: `withWords` is false in another language.
 */
export function indicatorItem(
  c: IndicatorChange,
  before: Dataset,
  after: Dataset,
  terms: Terms,
  withWords = true,
): Inline[] {
  const value = (s: IndicatorState, ds: Dataset): Inline =>
    num(s.value, s.text, {
      dataset: ds.meta.id,
      edition: ds.meta.edition,
      indicator: c.id,
      ...(s.periods.length > 0 ? { periods: s.periods } : {}),
    });
  const span = (ps: readonly string[]) =>
    ps.length > 2 ? `${ps[0]}${terms.rangeMark}${ps.at(-1)}` : ps.join(terms.rangeMark);
  const when = (s: IndicatorState) =>
    s.status === "na"
      ? terms.parenthetical(terms.notAvailable)
      : s.periods.length > 0
        ? terms.parenthetical(span(s.periods))
        : "";
  const words = (w: string | undefined, other: string | undefined) =>
    withWords && w !== other && w ? `${terms.listComma}${terms.quoted(w)}` : "";
  return sentence([value(c.after, after), value(c.before, before)], (now, was) =>
    terms.indicatorChanged(
      // The label is the template's prose: its quotes set as the brief's.
      c.label === undefined ? c.id : setTypedQuotes(c.label, terms.quotes),
      now ?? "",
      `${when(c.after)}${words(c.after.words, c.before.words)}`,
      was ?? "",
      `${when(c.before)}${words(c.before.words, c.after.words)}`,
    ),
  );
}

/** The appendix: what changed since `previous`, or that this is the first edition. */
export function changesAppendix(
  dataset: Dataset,
  previous: Dataset | undefined,
  diff: DatasetDiff | undefined,
  indicators: readonly IndicatorChange[],
  locale: string,
  date: (iso: string) => string,
  units: NumberUnits = "western",
): DraftBlock[] {
  const terms = termsFor(locale);
  const blocks: DraftBlock[] = [headingWith({ numbered: false }, 1, terms.changesHeading)];
  const m = dataset.meta;
  if (!previous || !diff) {
    blocks.push(para(terms.changesFirstEdition(m.edition)));
    return blocks;
  }
  const p = previous.meta;
  blocks.push(
    para(
      terms.changesIntro(
        m.edition,
        date(m.published),
        m.dataAsOf ? date(m.dataAsOf) : undefined,
        p.edition,
        date(p.published),
      ),
    ),
  );
  const groups = dataChangeGroups(diff, previous, dataset, locale, units);
  if (groups.length === 0 && indicators.length === 0) {
    blocks.push(para(terms.changesNone(p.edition)));
    return blocks;
  }
  if (indicators.length > 0) {
    blocks.push(headingWith({ numbered: false }, 2, terms.changesFigures));
    blocks.push(
      list(
        false,
        indicators.map((c) => [
          para(...indicatorItem(c, previous, dataset, terms, isEnglish(locale))),
        ]),
      ),
    );
  }
  if (groups.length > 0) {
    blocks.push(headingWith({ numbered: false }, 2, terms.changesData));
    blocks.push(
      list(
        false,
        groups.map(
          (g): Array<Paragraph | ReturnType<typeof list>> => [
            para(strong(g.title)),
            list(
              false,
              g.items.map((item) => [para(...item)]),
            ),
          ],
        ),
      ),
    );
  }
  return blocks;
}
