/**
 * Evaluation: definitions + a loaded dataset -> results in definition order,
 * plus positioned issues.
 *
 * Phases, one module each:
 *
 * ```
 * definitions ─► dependency graph (graph.ts): repeated ids, unknown
 *                indicators, cycles, an order with dependencies first
 *             ─► evaluate each in that order:
 *                  resolve inputs (resolve.ts: table, series, fact, indicator, period)
 *                  ─► the function's entry (function-table.ts) ─► declared unit/scale
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
import type { Dataset } from "@briefkit/data";
import { TotalReader } from "./coverage.js";
import { IndicatorError } from "./errors.js";
import { type DisplayFormat, formatResult } from "./format.js";
import { applyFunction } from "./function-table.js";
import { dependencyGraph } from "./graph.js";
import { type DefinitionProblem, type IndicatorIssue, makeIssue } from "./issues.js";
import type { DefinitionPath, DefinitionSource } from "./load.js";
import { hintText, issueText } from "./messages.js";
import { DefinitionInputs, type ResolveContext, seriesReader } from "./resolve.js";
import { type IndicatorResult, na, ok } from "./result.js";
import type { IndicatorDefinition, IndicatorFunction } from "./schema.js";
import { rescaleValue } from "./units.js";

/** Options of {@link evaluateIndicators}. */
export interface EvaluateOptions {
  /** Locale for the formatted `text`. Default en-GB (see format.ts). */
  locale?: string;
  /** Where the definitions came from (compose's template, or `parseIndicatorYaml`), for positions. */
  source?: DefinitionSource;
  /**
   * How a table file's path is shown in messages (the cells a total lacks),
   * given its absolute path. Default: as it is; compose shows it relative to
   * the working directory, as the CLI prints positions.
   */
  showPath?: (file: string) => string;
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
  const issues: IndicatorIssue[][] = definitions.map(() => []);
  const report = (index: number, p: DefinitionProblem) => {
    issues[index]?.push(
      makeIssue(p.code, source.file, source.locate(index, p.path, "value"), p.message, p.hint),
    );
  };

  const graph = dependencyGraph(definitions, {
    rejected: new Set(source.rejected ?? []),
    idLine: (index) => source.locate(index, ["id"]).line,
  });
  for (const { index, problem } of graph.problems) report(index, problem);

  const results = new Map<number, IndicatorResult>();
  const context: ResolveContext = {
    dataset,
    readSeries: seriesReader(dataset),
    totals: new TotalReader((table) =>
      (options.showPath ?? ((f: string) => f))(`${dataset.dir}/${table.file}`),
    ),
    resultOf: (id) => {
      const j = graph.indexById.get(id);
      if (j === undefined) return undefined;
      const result = results.get(j);
      // The graph's order puts every indicator after those it uses.
      if (result === undefined) throw new Error(`indicator "${id}" used before it was evaluated`);
      return result;
    },
  };
  for (const i of graph.order) {
    const def = definitions[i] as IndicatorDefinition;
    results.set(
      i,
      graph.invalid.has(i)
        ? na("invalid-definition", { id: def.id })
        : evaluateDefinition(def, context, (p) => report(i, p)),
    );
  }

  const out: EvaluatedIndicator[] = definitions.map((def, i) => {
    const result = finite(results.get(i) as IndicatorResult);
    const item: EvaluatedIndicator = {
      id: def.id,
      function: def.function,
      result,
      text: formatResult(result, def.format, options.locale),
      dependsOn: graph.dependsOn[i] ?? [],
    };
    if (def.label !== undefined) item.label = def.label;
    if (def.format !== undefined) item.format = def.format;
    return item;
  });
  return { results: out, issues: issues.flat() };
}

/**
 * Runs one definition: its function's entry, then the declared unit and
 * scale. Any problem reported makes the result `na` "invalid-definition".
 */
function evaluateDefinition(
  def: IndicatorDefinition,
  context: ResolveContext,
  report: (problem: DefinitionProblem) => void,
): IndicatorResult {
  const invalid = na("invalid-definition", { id: def.id });
  const inputs = new DefinitionInputs(context, def, report);
  let result: IndicatorResult | undefined;
  try {
    result = applyFunction(def, inputs);
  } catch (error) {
    if (!(error instanceof IndicatorError)) throw error;
    inputs.problem(
      errorPath(def, error),
      error.code,
      issueText.definitionError(def.id, error.message),
      error.code === "unit-mismatch" ? hintText.convert() : undefined,
    );
    return invalid;
  }
  if (result === undefined || inputs.problems > 0) return invalid;
  // convert's unit and scale are its target, already applied.
  if (def.function === "convert") return result;
  // The declared unit is a check; the declared scale a rescale.
  if (def.unit !== undefined && result.unit !== undefined && result.unit !== def.unit) {
    inputs.problem(
      ["unit"],
      "unit-mismatch",
      issueText.unitMismatchDeclared(def.id, def.unit, result.unit),
    );
    return invalid;
  }
  if (def.scale === undefined || result.scale === def.scale) return result;
  if (result.status === "na") return { ...result, scale: def.scale };
  return ok(
    { ...result, value: rescaleValue(result.value, result.scale, def.scale), scale: def.scale },
    def.function,
  );
}

/** Where a function's error is reported: the argument it names, else `unit` or `function`. */
function errorPath(def: IndicatorDefinition, error: IndicatorError): DefinitionPath {
  const { details } = error;
  // Only "bad-argument" names an argument.
  if ("argument" in details && details.argument in def) return [details.argument];
  return error.code === "no-conversion" && def.unit !== undefined ? ["unit"] : ["function"];
}

/** The boundary check: no NaN or Infinity leaves the package, whatever path built it. */
function finite(result: IndicatorResult): IndicatorResult {
  if (result.status === "na" || Number.isFinite(result.value)) return result;
  return na("not-finite", { operation: "evaluate" }, result);
}
