/**
 * The function table: for each function a definition may name, which of its
 * arguments are inputs (for the dependency graph) and how it is evaluated.
 *
 * The table's type is a record over `IndicatorFunction`, derived from the
 * schema's union, so a function added to the schema does not compile until
 * it has an entry here.
 */
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
  rank,
  rollingMean,
  type SeriesData,
  share,
  sum,
} from "./functions.js";
import type { DefinitionPath } from "./load.js";
import { issueText } from "./messages.js";
import { type DefinitionInputs, isInputRef, type OverTimeDefinition } from "./resolve.js";
import type { IndicatorResult } from "./result.js";
import type {
  AcrossRef,
  IndicatorDefinition,
  IndicatorFunction,
  InputRef,
  PeriodInput,
} from "./schema.js";

/** The definitions of one function. */
export type DefinitionOf<F extends IndicatorFunction> = Extract<
  IndicatorDefinition,
  { function: F }
>;

/** An input written in a definition, with its path there. */
export interface InputAt {
  ref: InputRef | AcrossRef;
  path: DefinitionPath;
}

/** What the evaluator needs to know about one function. */
export interface FunctionEntry<D extends IndicatorDefinition> {
  /** The definition's inputs, in the order they are written. */
  inputs(def: D): InputAt[];
  /** Resolves the inputs and applies the function; undefined after a reported problem. */
  evaluate(def: D, inputs: DefinitionInputs): IndicatorResult | undefined;
}

/** One entry per function of the schema. */
export type FunctionTable = {
  readonly [F in IndicatorFunction]: FunctionEntry<DefinitionOf<F>>;
};

/** The inputs among `args`: an endpoint may be a period instead. */
const inputsAt = (...args: [InputRef | PeriodInput | undefined, string][]): InputAt[] =>
  args.flatMap(([ref, key]) => (isInputRef(ref) ? [{ ref, path: [key] }] : []));

/** Functions of one input. */
const inputOnly = (def: { input: InputRef }): InputAt[] => inputsAt([def.input, "input"]);

/** sum and rank: each input of the list, or the one expanded across a column. */
const itemsAt = (items: InputRef[] | AcrossRef): InputAt[] =>
  Array.isArray(items)
    ? items.map((ref, k) => ({ ref, path: ["items", k] }))
    : [{ ref: items, path: ["items"] }];

/** change, growth, cagr and multiple: `input` with from/to periods, or from/to inputs. */
const overTimeInputs = (def: OverTimeDefinition): InputAt[] =>
  inputsAt([def.input, "input"], [def.from, "from"], [def.to, "to"]);

const overTimeResult = (
  def: OverTimeDefinition,
  inputs: DefinitionInputs,
  apply: (from: IndicatorResult, to: IndicatorResult) => IndicatorResult,
): IndicatorResult | undefined => {
  const got = inputs.ends(def);
  if (got === undefined) return undefined;
  if ("only" in got) return got.only;
  return inputs.compare(def.coverage, got.ends, (from, to) =>
    apply(from as IndicatorResult, to as IndicatorResult),
  );
};

const overTime = (
  apply: (from: IndicatorResult, to: IndicatorResult) => IndicatorResult,
): FunctionEntry<OverTimeDefinition> => ({
  inputs: overTimeInputs,
  evaluate: (def, inputs) => overTimeResult(def, inputs, apply),
});

/** balance and coverage: exports against imports. */
const tradePair = (
  apply: (exports: IndicatorResult, imports: IndicatorResult) => IndicatorResult,
): FunctionEntry<DefinitionOf<"balance" | "coverage">> => ({
  inputs: (def) => inputsAt([def.exports, "exports"], [def.imports, "imports"]),
  evaluate: (def, inputs) => {
    const e = inputs.input(def.exports, ["exports"]);
    const m = inputs.input(def.imports, ["imports"]);
    if (e === undefined || m === undefined) return undefined;
    return inputs.compare(def.coverage, [e, m], (x, y) =>
      apply(x as IndicatorResult, y as IndicatorResult),
    );
  },
});

export const FUNCTION_TABLE: FunctionTable = {
  value: {
    inputs: inputOnly,
    evaluate: (def, inputs) => inputs.input(def.input, ["input"]),
  },
  change: overTime(change),
  growth: overTime(growth),
  cagr: {
    inputs: overTimeInputs,
    evaluate: (def, inputs) => overTimeResult(def, inputs, (a, b) => cagr(a, b, def.years)),
  },
  multiple: overTime(multiple),
  index: {
    inputs: inputOnly,
    evaluate: (def, inputs) => {
      const at = inputs.seriesAt(def.input, ["input"]);
      const base = inputs.period(def.base, ["base"]);
      if (at === undefined || base === undefined || inputs.problems > 0) return undefined;
      return inputs.compare(def.coverage, [at(base), at(inputs.defaultPeriod)], (b, x) =>
        indexNumber(b as IndicatorResult, x as IndicatorResult),
      );
    },
  },
  share: {
    inputs: (def) => inputsAt([def.part, "part"], [def.total, "total"]),
    evaluate: (def, inputs) => {
      const part = inputs.input(def.part, ["part"]);
      const total = inputs.input(def.total, ["total"]);
      if (part === undefined || total === undefined) return undefined;
      return inputs.compare(def.coverage, [part, total], (p, t) =>
        share(p as IndicatorResult, t as IndicatorResult),
      );
    },
  },
  balance: tradePair(balance),
  coverage: tradePair(coverage),
  sum: {
    inputs: (def) => itemsAt(def.items),
    evaluate: (def, inputs) => {
      const items = inputs.items(def.items);
      return items && sum(items.map((x) => x.result));
    },
  },
  rank: {
    inputs: (def) => itemsAt(def.items),
    evaluate: (def, inputs) => {
      const items = inputs.items(def.items);
      return items && rank(items, def.of, def.order);
    },
  },
  annualise: {
    inputs: inputOnly,
    evaluate: (def, inputs) => {
      // A part year is the point: without a period, the newest partial one.
      const r = inputs.input(
        def.input,
        ["input"],
        inputs.declaredPeriod ?? { kind: "latest-partial" },
      );
      return r && annualise(r, def.method);
    },
  },
  "rolling-mean": {
    inputs: inputOnly,
    evaluate: (def, inputs) => {
      const series = inputs.series(def.input, ["input"]);
      if (series === undefined || inputs.problems > 0) return undefined;
      if (series.length > 1) {
        inputs.problem(
          ["input", "measure"],
          "bad-argument",
          issueText.oneMeasure(def.id, def.function),
        );
        return undefined;
      }
      return rollingMean(series[0] as SeriesData, def.window, inputs.defaultPeriod);
    },
  },
  convert: {
    inputs: inputOnly,
    evaluate: (def, inputs) => {
      const r = inputs.input(def.input, ["input"]);
      if (r === undefined) return undefined;
      const scale = def.scale ?? (r.unit === def.unit ? (r.scale ?? "one") : "one");
      const factors = {
        ...(def.barrelsPerTonne === undefined ? {} : { barrelsPerTonne: def.barrelsPerTonne }),
        ...(def.daysPerYear === undefined ? {} : { daysPerYear: def.daysPerYear }),
      };
      return convert(r, { unit: def.unit, scale }, factors);
    },
  },
};

/** The entry of a definition's function, typed for that definition. */
function entryOf<F extends IndicatorFunction>(
  def: DefinitionOf<F>,
): FunctionEntry<DefinitionOf<F>> {
  return FUNCTION_TABLE[def.function];
}

/** The inputs a definition writes, with their paths. */
export function inputsOf(def: IndicatorDefinition): InputAt[] {
  return entryOf(def).inputs(def);
}

/** Evaluates a definition with its function's entry. */
export function applyFunction(
  def: IndicatorDefinition,
  inputs: DefinitionInputs,
): IndicatorResult | undefined {
  return entryOf(def).evaluate(def, inputs);
}
