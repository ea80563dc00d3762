/**
 * Evaluation: definitions + a loaded dataset -> results in definition order,
 * plus positioned issues.
 *
 * Phases:
 *
 * ```
 * definitions ─► ids (duplicates) ─► dependency graph (unknown ids, cycles)
 *             ─► evaluate each, dependencies first (memoised):
 *                  resolve inputs (table, series, fact, indicator, period)
 *                  ─► pure function (functions.ts) ─► declared unit/scale
 *             ─► format text ─► finite check at the boundary
 * ```
 *
 * Two kinds of outcome, on purpose: a problem with the *definition* (unknown
 * table, bad period text, a cycle, US$ + Mt) is an `IndicatorIssue` naming
 * the indicator and its `file:line:column`, and the result is `na`
 * "invalid-definition"; a gap in the *data* (a missing year, a null, a zero
 * denominator, a half year where a year is needed) is only an `na` result
 * with its reason, so the brief still builds and prints "—".
 */
import { DataAccessError, type Dataset, type Table } from "@briefkit/data";
import { IndicatorError } from "./errors.js";
import { type DisplayFormat, formatResult } from "./format.js";
import {
  annualise,
  balance,
  cagr,
  change,
  convert,
  coverage,
  growth,
  indexNumber,
  multiple,
  type RankItem,
  rank,
  rollingMean,
  type SeriesData,
  share,
  sum,
  valueAt,
} from "./functions.js";
import { type IndicatorIssue, type IndicatorIssueCode, makeIssue } from "./issues.js";
import type { DefinitionPath, DefinitionSource } from "./load.js";
import { hintText, issueText } from "./messages.js";
import { type PeriodRef, parsePeriodRef, previousYearLabel } from "./periods.js";
import { type IndicatorResult, na, ok, type Provenance } from "./result.js";
import type {
  AcrossRef,
  IndicatorDefinition,
  IndicatorFunction,
  InputRef,
  PeriodInput,
} from "./schema.js";
import { rescaleValue } from "./units.js";

/** Options of {@link evaluateIndicators}. */
export interface EvaluateOptions {
  /** Locale for the formatted `text`. Default en-GB (see format.ts). */
  locale?: string;
  /** Where the definitions came from (compose's template, or `parseIndicatorYaml`), for positions. */
  source?: DefinitionSource;
}

/** One evaluated definition. */
export interface EvaluatedIndicator {
  id: string;
  label?: string;
  function: IndicatorFunction;
  result: IndicatorResult;
  /** The result formatted with the definition's `format` ("—" when not available). */
  text: string;
  format?: DisplayFormat;
  /** Ids of the indicators this one uses directly. */
  dependsOn: readonly string[];
}

/** What {@link evaluateIndicators} returns. */
export interface Evaluation {
  /** One per definition, in definition order. */
  results: EvaluatedIndicator[];
  /** Problems with the definitions, in definition order. */
  issues: IndicatorIssue[];
}

type Path = (string | number)[];

/** An input of a definition that is an object reference, with its path. */
interface RefAt {
  ref: InputRef | AcrossRef;
  path: Path;
}

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === "object" && x !== null && !Array.isArray(x);

/** Every object reference in a definition, with its path; used for the dependency graph. */
function refsOf(def: IndicatorDefinition): RefAt[] {
  const out: RefAt[] = [];
  const add = (ref: unknown, path: Path) => {
    if (isObject(ref)) out.push({ ref: ref as InputRef, path });
  };
  switch (def.function) {
    case "value":
    case "annualise":
    case "convert":
    case "index":
    case "rolling-mean":
      add(def.input, ["input"]);
      break;
    case "change":
    case "growth":
    case "cagr":
    case "multiple":
      add(def.input, ["input"]);
      add(def.from, ["from"]);
      add(def.to, ["to"]);
      break;
    case "share":
      add(def.part, ["part"]);
      add(def.total, ["total"]);
      break;
    case "balance":
    case "coverage":
      add(def.exports, ["exports"]);
      add(def.imports, ["imports"]);
      break;
    case "sum":
    case "rank":
      if (Array.isArray(def.items)) {
        def.items.forEach((r, k) => {
          add(r, ["items", k]);
        });
      } else add(def.items, ["items"]);
      break;
  }
  return out;
}

const inlineSource: DefinitionSource = {
  file: "<definitions>",
  locate: () => ({ line: 1, column: 1 }),
};

/**
 * Evaluates `definitions` against `dataset`. Never throws for bad
 * definitions or data; results come back in definition order.
 *
 * @example
 *   const loaded = parseIndicatorYaml(text, "definitions.yaml");
 *   const { results, issues } = evaluateIndicators(ds, loaded.definitions, { source: loaded.source });
 */
export function evaluateIndicators(
  dataset: Dataset,
  definitions: readonly IndicatorDefinition[],
  options: EvaluateOptions = {},
): Evaluation {
  const source = options.source ?? inlineSource;
  const rejected = new Set(source.rejected ?? []);
  const issues: IndicatorIssue[][] = definitions.map(() => []);
  const report = (
    index: number,
    path: DefinitionPath,
    code: IndicatorIssueCode,
    message: string,
    hint?: string,
    part: "key" | "value" = "value",
  ) => {
    issues[index]?.push(
      makeIssue(code, source.file, source.locate(index, path, part), message, hint),
    );
  };

  // --- ids and the dependency graph -------------------------------------
  const indexById = new Map<string, number>();
  const invalid = new Set<number>();
  definitions.forEach((def, i) => {
    const first = indexById.get(def.id);
    if (first === undefined) indexById.set(def.id, i);
    else {
      report(
        i,
        ["id"],
        "duplicate-id",
        issueText.duplicateId(def.id, source.locate(first, ["id"]).line),
      );
      invalid.add(i);
    }
  });
  const edges: { to: number; path: Path }[][] = definitions.map(() => []);
  const dependsOn: string[][] = definitions.map(() => []);
  definitions.forEach((def, i) => {
    if (invalid.has(i)) return;
    for (const { ref, path } of refsOf(def)) {
      if (!("indicator" in ref)) continue;
      const id = ref.indicator;
      if (!dependsOn[i]?.includes(id)) dependsOn[i]?.push(id);
      const j = indexById.get(id);
      if (j !== undefined) edges[i]?.push({ to: j, path: [...path, "indicator"] });
      else if (!rejected.has(id)) {
        report(
          i,
          [...path, "indicator"],
          "unknown-indicator",
          issueText.unknownIndicator(def.id, id),
        );
        invalid.add(i);
      }
    }
  });

  // Depth-first search; a grey node reached again closes a cycle.
  const colour = new Map<number, "grey" | "black">();
  const stack: number[] = [];
  const reported = new Set<string>();
  const visit = (i: number) => {
    colour.set(i, "grey");
    stack.push(i);
    for (const { to, path } of edges[i] ?? []) {
      const c = colour.get(to);
      if (c === "grey") {
        const members = stack.slice(stack.indexOf(to));
        const key = [...members].sort((a, b) => a - b).join(",");
        if (!reported.has(key)) {
          reported.add(key);
          const names = [...members, to].map((k) => definitions[k]?.id ?? "?");
          // Report where the cycle starts in the file: the first member's
          // reference to the next one.
          const head = members[0] as number;
          const next = members[1] ?? to;
          const edge = edges[head]?.find((e) => e.to === next);
          report(head, edge?.path ?? path, "cycle", issueText.cycle(names), hintText.cycle());
        }
        for (const m of members) invalid.add(m);
      } else if (c === undefined) visit(to);
    }
    stack.pop();
    colour.set(i, "black");
  };
  definitions.forEach((_, i) => {
    if (!colour.has(i)) visit(i);
  });

  // --- evaluation ----------------------------------------------------------
  const results = new Map<number, IndicatorResult>();
  const seriesCache = new Map<string, SeriesData | DataAccessError>();
  const { id: datasetId, edition } = dataset.meta;

  const seriesData = (table: Table, measure: string, where: Record<string, string>) => {
    const key = `${table.id}\u0000${measure}\u0000${JSON.stringify(Object.entries(where).sort())}`;
    const cached = seriesCache.get(key);
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
    seriesCache.set(key, made);
    return made;
  };

  const evaluate = (i: number): IndicatorResult => {
    const done = results.get(i);
    if (done) return done;
    const def = definitions[i] as IndicatorDefinition;
    let result: IndicatorResult;
    if (invalid.has(i)) result = na("invalid-definition", { id: def.id });
    else {
      const before = issues[i]?.length ?? 0;
      result = compute(i, def);
      if ((issues[i]?.length ?? 0) > before) result = na("invalid-definition", { id: def.id });
    }
    results.set(i, result);
    return result;
  };

  /** Runs one definition; problems are reported against index `i`. */
  const compute = (i: number, def: IndicatorDefinition): IndicatorResult => {
    let problems = 0;
    const bad = (
      path: DefinitionPath,
      code: IndicatorIssueCode,
      message: string,
      hint?: string,
    ) => {
      problems++;
      report(i, path, code, message, hint);
    };

    const periodRef = (raw: PeriodInput, path: Path): PeriodRef | undefined => {
      const ref = parsePeriodRef(raw);
      if (ref === undefined)
        bad(path, "bad-period", issueText.badPeriod(def.id, String(raw)), hintText.period());
      return ref;
    };
    const latest: PeriodRef = { kind: "latest", offset: 0 };
    const defaultPeriod = def.period === undefined ? undefined : periodRef(def.period, ["period"]);

    const tableOf = (id: string, path: Path): Table | undefined => {
      const table = dataset.tables.find((t) => t.id === id);
      if (table === undefined) {
        bad(
          path,
          "unknown-table",
          issueText.unknownTable(
            def.id,
            id,
            dataset.tables.map((t) => t.id),
          ),
        );
      }
      return table;
    };

    /** The series of a table reference: one per measure. */
    const seriesOf = (
      ref: {
        table: string;
        measure: string | string[];
        where?: Record<string, string | number> | undefined;
      },
      path: Path,
    ): SeriesData[] | undefined => {
      const table = tableOf(ref.table, [...path, "table"]);
      if (table === undefined) return undefined;
      const where = Object.fromEntries(
        Object.entries(ref.where ?? {}).map(([k, v]) => [k, String(v)]),
      );
      let ok = true;
      for (const key of Object.keys(where)) {
        const col = table.columns.find((c) => c.name === key);
        if (col === undefined || col.type === "number") {
          bad(
            [...path, "where", key],
            "unknown-column",
            issueText.unknownColumn(
              def.id,
              table.id,
              key,
              table.columns.filter((c) => c.type !== "number").map((c) => c.name),
            ),
          );
          ok = false;
        }
      }
      const measures = Array.isArray(ref.measure) ? ref.measure : [ref.measure];
      const out: SeriesData[] = [];
      measures.forEach((m, k) => {
        const mPath = Array.isArray(ref.measure) ? [...path, "measure", k] : [...path, "measure"];
        const col = table.columns.find((c) => c.name === m);
        if (col === undefined || col.type !== "number") {
          bad(
            mPath,
            "unknown-series",
            issueText.notANumberColumn(
              def.id,
              table.id,
              m,
              table.columns.filter((c) => c.type === "number").map((c) => c.name),
            ),
          );
          ok = false;
          return;
        }
        if (!ok) return;
        const s = seriesData(table, m, where);
        if (s instanceof DataAccessError) {
          const key = Object.keys(where).find((w) => where[w] === s.asked);
          bad(
            key ? [...path, "where", key] : path,
            "unknown-series",
            issueText.dataAccess(def.id, s.message),
          );
          ok = false;
          return;
        }
        out.push(s);
      });
      return ok ? out : undefined;
    };

    /** A series' value at a period; several measures are summed. */
    const valueOfSeries = (series: readonly SeriesData[], period: PeriodRef): IndicatorResult =>
      series.length === 1
        ? valueAt(series[0] as SeriesData, period)
        : sum(series.map((s) => valueAt(s, period)));

    /** Resolves an input reference to a result (undefined after a reported problem). */
    const input = (
      ref: InputRef,
      path: Path,
      fallback: PeriodRef = defaultPeriod ?? latest,
    ): IndicatorResult | undefined => {
      if ("indicator" in ref) {
        const j = indexById.get(ref.indicator);
        if (j === undefined) {
          // Rejected by the loader: its own issue says why.
          return na("input-not-available", {
            input: ref.indicator,
            reason: issueText.rejectedInput(ref.indicator),
          });
        }
        const r = evaluate(j);
        return r.status === "ok"
          ? r
          : na("input-not-available", { input: ref.indicator, reason: r.reason }, r);
      }
      if ("fact" in ref) {
        const fact = dataset.facts.find((f) => f.id === ref.fact);
        if (fact === undefined) {
          bad(
            [...path, "fact"],
            "unknown-fact",
            issueText.unknownFact(
              def.id,
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
          dataset: datasetId,
          edition,
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
      const series = seriesOf(ref, path);
      const period =
        ref.period === undefined ? fallback : periodRef(ref.period, [...path, "period"]);
      if (series === undefined || period === undefined) return undefined;
      return valueOfSeries(series, period);
    };

    /** Items of sum and rank: a list of inputs, or one input across a column. */
    const itemsOf = (items: InputRef[] | AcrossRef): RankItem[] | undefined => {
      if (Array.isArray(items)) {
        const out: RankItem[] = [];
        items.forEach((ref, k) => {
          const r = input(ref, ["items", k]);
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
        return problems > 0 ? undefined : out;
      }
      const table = tableOf(items.table, ["items", "table"]);
      if (table === undefined) return undefined;
      const ci = table.columns.findIndex((c) => c.name === items.across);
      const col = table.columns[ci];
      if (col === undefined || col.type === "number") {
        bad(
          ["items", "across"],
          "unknown-column",
          issueText.unknownColumn(
            def.id,
            table.id,
            items.across,
            table.columns.filter((c) => c.type !== "number").map((c) => c.name),
          ),
        );
        return undefined;
      }
      const values: string[] = [];
      for (const row of table.rows) {
        const cell = row.cells[ci];
        if (cell === undefined) continue;
        const text =
          cell.type === "period" ? (cell.value?.token ?? cell.raw) : String(cell.value ?? cell.raw);
        if (!values.includes(text)) values.push(text);
      }
      (items.exclude ?? []).forEach((x, k) => {
        if (!values.includes(x)) {
          bad(
            ["items", "exclude", k],
            "unknown-series",
            issueText.noSuchValue(def.id, table.id, items.across, x, values),
          );
        }
      });
      const out: RankItem[] = [];
      for (const v of values) {
        if (items.exclude?.includes(v)) continue;
        const ref: InputRef = {
          table: items.table,
          measure: items.measure,
          where: { ...items.where, [items.across]: v },
          ...(items.period === undefined ? {} : { period: items.period }),
        };
        const r = input(ref, ["items"]);
        if (r !== undefined) out.push({ label: v, result: r });
      }
      return problems > 0 ? undefined : out;
    };

    /**
     * from/to of the functions over time: two results, or one result that
     * already says why there is nothing to compare.
     */
    const overTime = (
      d: Extract<IndicatorDefinition, { function: "change" | "growth" | "cagr" | "multiple" }>,
    ): { ends: [IndicatorResult, IndicatorResult] } | { only: IndicatorResult } | undefined => {
      if (d.input !== undefined) {
        for (const end of ["from", "to"] as const) {
          if (isObject(d[end])) bad([end], "bad-argument", issueText.endMustBePeriod(d.id, end));
        }
        const series = seriesOf(d.input, ["input"]);
        const to =
          d.to !== undefined && !isObject(d.to)
            ? periodRef(d.to as PeriodInput, ["to"])
            : (defaultPeriod ?? latest);
        let from: PeriodRef | undefined;
        if (d.from !== undefined && !isObject(d.from)) {
          from = periodRef(d.from as PeriodInput, ["from"]);
        } else if (d.from === undefined && d.function !== "growth") {
          bad(["function"], "bad-argument", issueText.needsFrom(d.id, d.function));
        }
        if (series === undefined || to === undefined || problems > 0) return undefined;
        const toValue = valueOfSeries(series, to);
        if (from === undefined) {
          // Year on year: the same period one year before `to`.
          const label = toValue.periods[0];
          if (label === undefined) return { only: toValue };
          const previous = previousYearLabel(label);
          if (previous === undefined) {
            bad(["function"], "bad-argument", issueText.noPreviousYear(d.id, label));
            return undefined;
          }
          from = { kind: "label", label: previous };
        }
        return { ends: [valueOfSeries(series, from), toValue] };
      }
      if (!isObject(d.from) || !isObject(d.to)) {
        bad(["function"], "bad-argument", issueText.endsMustBeInputs(d.id));
        return undefined;
      }
      const a = input(d.from as InputRef, ["from"]);
      const b = input(d.to as InputRef, ["to"]);
      return a === undefined || b === undefined ? undefined : { ends: [a, b] };
    };

    const run = (): IndicatorResult | undefined => {
      switch (def.function) {
        case "value":
          return input(def.input, ["input"]);
        case "change":
        case "growth":
        case "cagr":
        case "multiple": {
          const got = overTime(def);
          if (got === undefined) return undefined;
          if ("only" in got) return got.only;
          const [a, b] = got.ends;
          if (def.function === "change") return change(a, b);
          if (def.function === "growth") return growth(a, b);
          if (def.function === "multiple") return multiple(a, b);
          return cagr(a, b, def.years);
        }
        case "index": {
          const series = seriesOf(def.input, ["input"]);
          const base = periodRef(def.base, ["base"]);
          if (series === undefined || base === undefined || problems > 0) return undefined;
          return indexNumber(
            valueOfSeries(series, base),
            valueOfSeries(series, defaultPeriod ?? latest),
          );
        }
        case "share": {
          const part = input(def.part, ["part"]);
          const total = input(def.total, ["total"]);
          return part && total && share(part, total);
        }
        case "balance":
        case "coverage": {
          const e = input(def.exports, ["exports"]);
          const m = input(def.imports, ["imports"]);
          if (e === undefined || m === undefined) return undefined;
          return def.function === "balance" ? balance(e, m) : coverage(e, m);
        }
        case "sum": {
          const items = itemsOf(def.items);
          return items && sum(items.map((x) => x.result));
        }
        case "rank": {
          const items = itemsOf(def.items);
          return items && rank(items, def.of, def.order);
        }
        case "annualise": {
          const r = input(def.input, ["input"], defaultPeriod ?? { kind: "latest-partial" });
          return r && annualise(r, def.periodsPerYear);
        }
        case "rolling-mean": {
          const series = seriesOf(def.input, ["input"]);
          if (series === undefined || problems > 0) return undefined;
          if (series.length > 1) {
            bad(["input", "measure"], "bad-argument", issueText.oneMeasure(def.id, def.function));
            return undefined;
          }
          return rollingMean(series[0] as SeriesData, def.window, defaultPeriod ?? latest);
        }
        case "convert": {
          const r = input(def.input, ["input"]);
          if (r === undefined) return undefined;
          const scale = def.scale ?? (r.unit === def.unit ? (r.scale ?? "one") : "one");
          const factors = {
            ...(def.barrelsPerTonne === undefined ? {} : { barrelsPerTonne: def.barrelsPerTonne }),
            ...(def.daysPerYear === undefined ? {} : { daysPerYear: def.daysPerYear }),
          };
          return convert(r, { unit: def.unit, scale }, factors);
        }
      }
    };

    let result: IndicatorResult | undefined;
    try {
      result = run();
    } catch (error) {
      if (!(error instanceof IndicatorError)) throw error;
      const path: Path =
        error.code === "bad-argument" && error.details.argument in def
          ? [error.details.argument]
          : error.code === "no-conversion" && def.unit !== undefined
            ? ["unit"]
            : ["function"];
      bad(
        path,
        error.code,
        issueText.definitionError(def.id, error.message),
        error.code === "unit-mismatch" ? hintText.convert() : undefined,
      );
      return na("invalid-definition", { id: def.id });
    }
    if (result === undefined || problems > 0) return na("invalid-definition", { id: def.id });

    // The declared unit is a check; the declared scale a rescale.
    if (def.function !== "convert") {
      if (def.unit !== undefined && result.unit !== undefined && result.unit !== def.unit) {
        bad(
          ["unit"],
          "unit-mismatch",
          issueText.unitMismatchDeclared(def.id, def.unit, result.unit),
        );
        return na("invalid-definition", { id: def.id });
      }
      if (def.scale !== undefined && result.status === "ok" && result.scale !== def.scale) {
        result = ok(
          {
            ...result,
            value: rescaleValue(result.value, result.scale, def.scale),
            scale: def.scale,
          },
          def.function,
        );
      } else if (def.scale !== undefined && result.status === "na") {
        result = { ...result, scale: def.scale };
      }
    }
    return result;
  };

  const out: EvaluatedIndicator[] = definitions.map((def, i) => {
    const result = finite(evaluate(i));
    const item: EvaluatedIndicator = {
      id: def.id,
      function: def.function,
      result,
      text: formatResult(result, def.format, options.locale),
      dependsOn: dependsOn[i] ?? [],
    };
    if (def.label !== undefined) item.label = def.label;
    if (def.format !== undefined) item.format = def.format;
    return item;
  });
  return { results: out, issues: issues.flat() };
}

/** The boundary check: no NaN or Infinity leaves the package, whatever path built it. */
function finite(result: IndicatorResult): IndicatorResult {
  if (result.status === "na" || Number.isFinite(result.value)) return result;
  return na("not-finite", { operation: "evaluate" }, result);
}
