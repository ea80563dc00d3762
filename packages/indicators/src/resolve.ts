/**
 * Resolving one definition's inputs against the dataset: tables and their
 * `where` filters, series, facts, other indicators' results and periods.
 *
 * A problem with the definition (an unknown table, a bad period text) is
 * reported with its path inside the definition and counted, and the method
 * that found it returns undefined. A gap in the data (a missing year, a null)
 * is not a problem: it comes back as an `na` result.
 */
import { DataAccessError, type Dataset, type Table } from "@briefkit/data";
import {
  type CoverageDifference,
  coverageDifferences,
  differingCells,
  likeForLikeOperand,
  type TotalRead,
  type TotalReader,
  totalReadOf,
} from "./coverage.js";
import { type RankItem, type SeriesData, sum, valueAt } from "./functions.js";
import type { DefinitionProblem, IndicatorIssueCode } from "./issues.js";
import type { DefinitionPath } from "./load.js";
import { hintText, issueText } from "./messages.js";
import { type PeriodRef, parsePeriodRef, previousYearLabel } from "./periods.js";
import { type IndicatorOk, type IndicatorResult, na, ok, type Provenance } from "./result.js";
import type {
  AcrossRef,
  CoverageChoice,
  IndicatorDefinition,
  InputRef,
  PeriodInput,
} from "./schema.js";

/** The series of `measure` in `table`, filtered by `where`; an access error is returned, not thrown. */
export type SeriesReader = (
  table: Table,
  measure: string,
  where: Record<string, string>,
) => SeriesData | DataAccessError;

/** What resolving reads besides the definition itself. */
export interface ResolveContext {
  readonly dataset: Dataset;
  readonly readSeries: SeriesReader;
  /**
   * The result of the indicator `id`, evaluated before the definitions that
   * use it; undefined when the loader rejected its definition.
   */
  readonly resultOf: (id: string) => IndicatorResult | undefined;
  /** Coverage of declared totals, shared by the definitions of one evaluation. */
  readonly totals: TotalReader;
}

/** The values of a table reference at any period, with the coverage of the totals it reads. */
export type SeriesAt = (period: PeriodRef) => IndicatorResult;

/** A table series reference: one measure, or several summed. */
interface SeriesRef {
  table: string;
  measure: string | string[];
  where?: Record<string, string | number> | undefined;
}

/** A table reference checked against its table (see `DefinitionInputs#checked`). */
interface CheckedRef {
  table: Table;
  /** The filter, its values as text. */
  where: Record<string, string>;
  measures: string[];
}

/** Functions that compare two ends over time. */
export type OverTimeDefinition = Extract<
  IndicatorDefinition,
  { function: "change" | "growth" | "cagr" | "multiple" }
>;

/** Two ends to compare, or one result that already says why there is nothing to compare. */
export type Ends = { ends: [IndicatorResult, IndicatorResult] } | { only: IndicatorResult };

const LATEST: PeriodRef = { kind: "latest", offset: 0 };

/** An endpoint (`from`, `to`) is an input when it is an object, else a period of `input`. */
export const isInputRef = (x: InputRef | PeriodInput | undefined): x is InputRef =>
  typeof x === "object" && x !== null && !Array.isArray(x);

/**
 * Reads each (table, measure, filter) series once, with the provenance of
 * every point, for all the definitions of one evaluation.
 */
export function seriesReader(dataset: Dataset): SeriesReader {
  const cache = new Map<string, SeriesData | DataAccessError>();
  const { id: datasetId, edition } = dataset.meta;
  return (table, measure, where) => {
    const key = `${table.id}\u0000${measure}\u0000${JSON.stringify(Object.entries(where).sort())}`;
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    let made: SeriesData | DataAccessError;
    try {
      const s = table.series(measure, where);
      const filter = Object.keys(s.where).length > 0 ? { where: s.where } : {};
      made = {
        name: `${table.id}.${measure}${Object.keys(s.where).length > 0 ? `[${Object.values(s.where).join(", ")}]` : ""}`,
        unit: s.unit,
        scale: s.scale,
        points: s.points.map((p) => ({
          period: p.period.token,
          partial: p.period.partial,
          value: p.value,
          input: {
            kind: "series",
            dataset: datasetId,
            edition,
            table: table.id,
            measure,
            ...filter,
            period: p.period.token,
            source: s.source.id,
            value: p.value,
            unit: s.unit,
            scale: s.scale,
          } satisfies Provenance,
        })),
      };
    } catch (error) {
      if (!(error instanceof DataAccessError)) throw error;
      made = error;
    }
    cache.set(key, made);
    return made;
  };
}

/** A series' value at a period; several measures are summed. */
export function valueOfSeries(series: readonly SeriesData[], period: PeriodRef): IndicatorResult {
  return series.length === 1
    ? valueAt(series[0] as SeriesData, period)
    : sum(series.map((s) => valueAt(s, period)));
}

/** The inputs of one definition, resolved on demand; problems go to `report`. */
export class DefinitionInputs {
  readonly #context: ResolveContext;
  readonly #def: IndicatorDefinition;
  readonly #report: (problem: DefinitionProblem) => void;
  #problems = 0;
  /** Results read here from total rows, with the totals they read: what like-for-like recomputes. */
  readonly #totalReads = new WeakMap<IndicatorOk, { read: TotalRead; period: string }[]>();
  /** The definition's `period`, when it has a valid one. */
  readonly declaredPeriod: PeriodRef | undefined;

  constructor(
    context: ResolveContext,
    def: IndicatorDefinition,
    report: (problem: DefinitionProblem) => void,
  ) {
    this.#context = context;
    this.#def = def;
    this.#report = report;
    this.declaredPeriod =
      def.period === undefined ? undefined : this.period(def.period, ["period"]);
  }

  /** How many problems have been reported for this definition. */
  get problems(): number {
    return this.#problems;
  }

  /** Where an input without a period of its own is read: the definition's period, else latest. */
  get defaultPeriod(): PeriodRef {
    return this.declaredPeriod ?? LATEST;
  }

  /** Reports a problem with the definition at `path`. */
  problem(path: DefinitionPath, code: IndicatorIssueCode, message: string, hint?: string): void {
    this.#problems++;
    this.#report({ path, code, message, hint });
  }

  /** A period as written, parsed. */
  period(raw: PeriodInput, path: DefinitionPath): PeriodRef | undefined {
    const ref = parsePeriodRef(raw);
    if (ref === undefined) {
      this.problem(
        path,
        "bad-period",
        issueText.badPeriod(this.#def.id, String(raw)),
        hintText.period(),
      );
    }
    return ref;
  }

  /** The dataset's table `id`. */
  table(id: string, path: DefinitionPath): Table | undefined {
    const { tables } = this.#context.dataset;
    const table = tables.find((t) => t.id === id);
    if (table === undefined) {
      this.problem(
        path,
        "unknown-table",
        issueText.unknownTable(
          this.#def.id,
          id,
          tables.map((t) => t.id),
        ),
      );
    }
    return table;
  }

  /** The series of a table reference: one per measure. */
  series(ref: SeriesRef, path: DefinitionPath): SeriesData[] | undefined {
    const checked = this.#checked(ref, path);
    const read = checked && this.#read(checked, checked.where, path);
    return read && "series" in read ? read.series : undefined;
  }

  /**
   * A table reference's value at any period. A read of a declared total's
   * row carries which parts the total covers in that period.
   */
  seriesAt(ref: SeriesRef, path: DefinitionPath): SeriesAt | undefined {
    const checked = this.#checked(ref, path);
    const read = checked && this.#read(checked, checked.where, path);
    if (checked === undefined || read === undefined || !("series" in read)) return undefined;
    const { series } = read;
    const totals = checked.measures.map((m) => totalReadOf(checked.table, m, checked.where));
    const { totals: reader } = this.#context;
    return (period) => {
      const r = valueOfSeries(series, period);
      const label = r.periods[0];
      if (r.status !== "ok" || label === undefined || totals.every((t) => t === undefined)) {
        return r;
      }
      const reads = totals.flatMap((t) => (t === undefined ? [] : [{ read: t, period: label }]));
      const withCoverage: IndicatorOk = {
        ...r,
        coverage: reads.map(({ read: t, period: p }) => reader.coverage(t, p)),
      };
      // Only a read of totals alone can be summed again over other parts.
      if (reads.length === totals.length) this.#totalReads.set(withCoverage, reads);
      return withCoverage;
    };
  }

  /**
   * Applies a comparison (growth, share, balance...) to its operands after
   * checking that the totals they read cover the same parts. When they do
   * not, the definition's `coverage:` decides: like-for-like recomputes each
   * operand on the parts present in all; as-published keeps the totals;
   * neither is an error naming the cells that differ.
   */
  compare(
    choice: CoverageChoice,
    operands: readonly IndicatorResult[],
    apply: (...operands: IndicatorResult[]) => IndicatorResult,
  ): IndicatorResult | undefined {
    const oks = operands.filter((o): o is IndicatorOk => o.status === "ok");
    const differences = oks.length === operands.length ? coverageDifferences(oks) : [];
    const chosen = (r: IndicatorResult): IndicatorResult =>
      choice === undefined || r.status !== "ok" ? r : { ...r, coverageBasis: choice };
    if (differences.length === 0) return chosen(apply(...operands));
    switch (choice) {
      case undefined:
        this.problem(
          ["function"],
          "coverage-differs",
          issueText.coverageDiffers(this.#def.id, differences.map(coverageText)),
          hintText.coverage(),
        );
        return undefined;
      case "as-published":
        return chosen(apply(...operands));
      case "like-for-like": {
        const recomputed: IndicatorOk[] = [];
        for (const o of oks) {
          const lfl = this.#likeForLike(o, differences);
          // Said once for the definition, not once per operand.
          if (lfl === undefined) return undefined;
          recomputed.push(lfl);
        }
        return chosen(apply(...recomputed));
      }
    }
  }

  /** An operand on the parts common to the values compared; reported when it cannot be. */
  #likeForLike(
    operand: IndicatorOk,
    differences: readonly CoverageDifference[],
  ): IndicatorOk | undefined {
    const tables = new Set(differences.map((d) => `${d.table}\u0000${d.dimension}`));
    const touched = (operand.coverage ?? []).some((c) =>
      tables.has(`${c.table}\u0000${c.dimension}`),
    );
    if (!touched) return operand;
    const reads = this.#totalReads.get(operand);
    const excluded = differences.flatMap((d) => d.excluded);
    const lfl =
      reads === undefined
        ? undefined
        : likeForLikeOperand(operand, reads, excluded, this.#context.totals);
    if (lfl === undefined) {
      this.problem(["coverage"], "bad-argument", issueText.likeForLikeNeedsTable(this.#def.id));
    }
    return lfl;
  }

  /**
   * A table reference whose table, filter columns and measures exist, with
   * its filter as text; undefined after reporting what does not. Checked once
   * for an input across a column, not once per value.
   */
  #checked(ref: SeriesRef, path: DefinitionPath): CheckedRef | undefined {
    const table = this.table(ref.table, [...path, "table"]);
    if (table === undefined) return undefined;
    const where = Object.fromEntries(
      Object.entries(ref.where ?? {}).map(([k, v]) => [k, String(v)]),
    );
    let valid = true;
    for (const key of Object.keys(where)) {
      if (!this.#isDimension(table, key, [...path, "where", key])) valid = false;
    }
    const measures = Array.isArray(ref.measure) ? ref.measure : [ref.measure];
    measures.forEach((m, k) => {
      const col = table.columns.find((c) => c.name === m);
      if (col !== undefined && col.type === "number") return;
      this.problem(
        Array.isArray(ref.measure) ? [...path, "measure", k] : [...path, "measure"],
        "unknown-series",
        issueText.notANumberColumn(
          this.#def.id,
          table.id,
          m,
          table.columns.filter((c) => c.type === "number").map((c) => c.name),
        ),
      );
      valid = false;
    });
    return valid ? { table, where, measures } : undefined;
  }

  /**
   * The series of each measure of `checked` under `where`, or, after
   * reporting a data access error, the filter column it names (if any).
   */
  #read(
    checked: CheckedRef,
    where: Record<string, string>,
    path: DefinitionPath,
  ): { series: SeriesData[] } | { failedAt: string | undefined } {
    const series: SeriesData[] = [];
    for (const m of checked.measures) {
      const s = this.#context.readSeries(checked.table, m, where);
      if (s instanceof DataAccessError) {
        const key = Object.keys(where).find((w) => where[w] === s.asked);
        this.problem(
          key ? [...path, "where", key] : path,
          "unknown-series",
          issueText.dataAccess(this.#def.id, s.message),
        );
        return { failedAt: key };
      }
      series.push(s);
    }
    return { series };
  }

  /** Resolves an input reference to a result. */
  input(
    ref: InputRef,
    path: DefinitionPath,
    fallback: PeriodRef = this.defaultPeriod,
  ): IndicatorResult | undefined {
    if ("indicator" in ref) return this.#indicator(ref.indicator);
    if ("fact" in ref) return this.#fact(ref, path);
    const at = this.seriesAt(ref, path);
    const period =
      ref.period === undefined ? fallback : this.period(ref.period, [...path, "period"]);
    if (at === undefined || period === undefined) return undefined;
    return at(period);
  }

  /** Items of sum and rank: a list of inputs, or one input across a column. */
  items(items: InputRef[] | AcrossRef): RankItem[] | undefined {
    const out = Array.isArray(items) ? this.#listed(items) : this.#across(items);
    return out === undefined || this.#problems > 0 ? undefined : out;
  }

  /** from/to of the functions over time: periods of `input`, or two inputs. */
  ends(d: OverTimeDefinition): Ends | undefined {
    if (d.input !== undefined) return this.#periodsOf(d, d.input);
    if (!isInputRef(d.from) || !isInputRef(d.to)) {
      this.problem(["function"], "bad-argument", issueText.endsMustBeInputs(d.id));
      return undefined;
    }
    const a = this.input(d.from, ["from"]);
    const b = this.input(d.to, ["to"]);
    return a === undefined || b === undefined ? undefined : { ends: [a, b] };
  }

  /** `key` names a dimension (not a number) column of `table`. */
  #isDimension(table: Table, key: string, path: DefinitionPath): boolean {
    const col = table.columns.find((c) => c.name === key);
    if (col !== undefined && col.type !== "number") return true;
    this.problem(
      path,
      "unknown-column",
      issueText.unknownColumn(
        this.#def.id,
        table.id,
        key,
        table.columns.filter((c) => c.type !== "number").map((c) => c.name),
      ),
    );
    return false;
  }

  /** Another indicator's result; not available when it is not. */
  #indicator(id: string): IndicatorResult {
    const r = this.#context.resultOf(id);
    if (r === undefined) {
      // Rejected by the loader: its own issue says why.
      return na("input-not-available", { input: id, reason: issueText.rejectedInput(id) });
    }
    return r.status === "ok" ? r : na("input-not-available", { input: id, reason: r.reason }, r);
  }

  #fact(
    ref: Extract<InputRef, { fact: string }>,
    path: DefinitionPath,
  ): IndicatorResult | undefined {
    const { dataset } = this.#context;
    const fact = dataset.facts.find((f) => f.id === ref.fact);
    if (fact === undefined) {
      this.problem(
        [...path, "fact"],
        "unknown-fact",
        issueText.unknownFact(
          this.#def.id,
          ref.fact,
          dataset.facts.map((f) => f.id),
        ),
      );
      return undefined;
    }
    const period = fact.period?.token ?? fact.date ?? "";
    let value = fact.value ?? null;
    if (fact.range !== undefined) {
      const [low, high] = fact.range;
      if (ref.pick === undefined) {
        return na("range-fact", { fact: fact.id }, { unit: fact.unit, scale: fact.scale });
      }
      value = ref.pick === "low" ? low : ref.pick === "high" ? high : (low + high) / 2;
    }
    const provenance: Provenance = {
      kind: "fact",
      dataset: dataset.meta.id,
      edition: dataset.meta.edition,
      fact: fact.id,
      period,
      source: fact.source.id,
      value,
      unit: fact.unit,
      scale: fact.scale,
    };
    if (value === null) {
      return na(
        "null-input",
        { what: `fact ${fact.id}`, period },
        { unit: fact.unit, scale: fact.scale, inputs: [provenance] },
      );
    }
    return ok(
      {
        value,
        unit: fact.unit,
        scale: fact.scale,
        periods: period ? [period] : [],
        partial: fact.period?.partial ?? false,
        estimate: false,
        inputs: [provenance],
      },
      "value",
    );
  }

  #listed(items: InputRef[]): RankItem[] {
    const out: RankItem[] = [];
    items.forEach((ref, k) => {
      const r = this.input(ref, ["items", k]);
      if (r === undefined) return;
      const label =
        ref.label ??
        ("indicator" in ref
          ? ref.indicator
          : "fact" in ref
            ? ref.fact
            : [ref.measure, ...Object.values(ref.where ?? {})].flat().join(" "));
      out.push({ label, result: r });
    });
    return out;
  }

  /** One item per value of the `across` column, in the order the rows give them. */
  #across(items: AcrossRef): RankItem[] | undefined {
    const table = this.table(items.table, ["items", "table"]);
    if (table === undefined) return undefined;
    if (!this.#isDimension(table, items.across, ["items", "across"])) return undefined;
    const values = columnValues(table, items.across);
    const known = new Set(values);
    const excluded = new Set(items.exclude);
    (items.exclude ?? []).forEach((x, k) => {
      if (!known.has(x)) {
        this.problem(
          ["items", "exclude", k],
          "unknown-series",
          issueText.noSuchValue(this.#def.id, table.id, items.across, x, values),
        );
      }
    });
    // The reference and its period are checked once: a problem with them is
    // the same for every value, and reported once.
    const checked = this.#checked(items, ["items"]);
    const period =
      items.period === undefined
        ? this.defaultPeriod
        : this.period(items.period, ["items", "period"]);
    if (checked === undefined || period === undefined) return undefined;
    const out: RankItem[] = [];
    for (const v of values) {
      if (excluded.has(v)) continue;
      const read = this.#read(checked, { ...checked.where, [items.across]: v }, ["items"]);
      if ("series" in read) {
        out.push({ label: v, result: valueOfSeries(read.series, period) });
      } else if (read.failedAt !== undefined && read.failedAt !== items.across) {
        // A value the other filters do not have fails the same way for every
        // value of the column: said once, not once per row.
        return out;
      }
    }
    return out;
  }

  /** from/to as periods of `input`; growth without `from` is year on year. */
  #periodsOf(d: OverTimeDefinition, input: SeriesRef): Ends | undefined {
    for (const end of ["from", "to"] as const) {
      if (isInputRef(d[end])) {
        this.problem([end], "bad-argument", issueText.endMustBePeriod(d.id, end));
      }
    }
    const at = this.seriesAt(input, ["input"]);
    const to =
      d.to !== undefined && !isInputRef(d.to) ? this.period(d.to, ["to"]) : this.defaultPeriod;
    let from: PeriodRef | undefined;
    if (d.from !== undefined && !isInputRef(d.from)) {
      from = this.period(d.from, ["from"]);
    } else if (d.from === undefined && d.function !== "growth") {
      this.problem(["function"], "bad-argument", issueText.needsFrom(d.id, d.function));
    }
    if (at === undefined || to === undefined || this.#problems > 0) return undefined;
    const toValue = at(to);
    if (from === undefined) {
      // Year on year: the same period one year before `to`.
      const label = toValue.periods[0];
      if (label === undefined) return { only: toValue };
      const previous = previousYearLabel(label);
      if (previous === undefined) {
        this.problem(["function"], "bad-argument", issueText.noPreviousYear(d.id, label));
        return undefined;
      }
      from = { kind: "label", label: previous };
    }
    return { ends: [at(from), toValue] };
  }
}

/** The distinct values of a column, as text, in row order. */
function columnValues(table: Table, column: string): string[] {
  const ci = table.columns.findIndex((c) => c.name === column);
  // A Set keeps the first-seen order and finds repeats without a scan.
  const values = new Set<string>();
  for (const row of table.rows) {
    const cell = row.cells[ci];
    if (cell === undefined) continue;
    values.add(
      cell.type === "period" ? (cell.value?.token ?? cell.raw) : String(cell.value ?? cell.raw),
    );
  }
  return [...values];
}

/** One difference in words: per period, the parts without figures and their cells. */
function coverageText(d: CoverageDifference): string {
  const cells = differingCells(d);
  const byEntry = d.entries.map((e) => {
    const gone = cells.filter((c) => e.missing.includes(c));
    const noRow = e.absent.filter((p) => d.excluded.includes(p));
    const parts = [...new Set([...gone.map((c) => c.part), ...noRow])];
    if (parts.length === 0) {
      const present = e.parts.filter((p) => d.excluded.includes(p));
      return `${e.period}: figures for ${present.join(", ")}`;
    }
    const where = [
      ...gone.map((c) => `${c.file}:${c.line}:${c.column} "${c.raw}"`),
      ...noRow.map((p) => `no row for ${p} in ${e.file}`),
    ];
    return `${e.period}: no figures for ${parts.join(", ")} (${where.join(", ")})`;
  });
  return `the ${d.total} of ${d.table} covers different ${d.dimension} values — ${byEntry.join("; ")}`;
}
