/**
 * A template sandbox on the example data, without the rest of compose: the
 * filters, the figures and the scope a section sees (indicators of
 * templates/russia-japan plus one that is not available, the 2005 facts,
 * edition, published, data_as_of, template), so the filter tests can render
 * thousands of one-line templates quickly. Positions and the document are
 * tested through `compose` itself.
 */
import { join, resolve } from "node:path";
import { type Dataset, loadDataset } from "@briefkit/data";
import type { NumberInline } from "@briefkit/document";
import { evaluateIndicators, type IndicatorDefinition } from "@briefkit/indicators";
import { type Liquid, LiquidError } from "liquidjs";
import { templateFilters } from "../src/filters.js";
import { templateIndicators } from "../src/index.js";
import {
  createSandbox,
  type LiquidProblem,
  liquidProblem,
  NumberSink,
  numberValue,
  splitPlaceholders,
} from "../src/liquid.js";
import { restoreQuotes } from "../src/quotes.js";
import { factFigure, indicatorFigure } from "../src/values.js";

export const root = resolve(import.meta.dirname, "../../..");
export const templateDir = join(root, "templates/russia-japan");

/** An indicator of the example data that is not available: a period the table does not have. */
export const NOT_AVAILABLE: IndicatorDefinition = {
  id: "trade-1990",
  label: "Trade in 1990",
  function: "value",
  input: { table: "bilateral-trade", measure: "total", period: "1990" },
  format: { style: "currency", decimals: 1, scale: "billion" },
} as IndicatorDefinition;

export interface Rendered {
  ok: true;
  /** The output with each figure replaced by its text. */
  text: string;
  /** The figures the output printed, in order. */
  figures: NumberInline[];
}
export type Outcome = Rendered | { ok: false; problem: LiquidProblem; error: unknown };

export interface Harness {
  dataset: Dataset;
  /** The scope a section sees, plus `extra`. */
  scope(extra?: Record<string, unknown>): Record<string, unknown>;
  /** Renders with the section scope plus `extra` (a function of the scope, to reach its figures). */
  render(
    template: string,
    extra?: Record<string, unknown> | ((scope: Record<string, unknown>) => Record<string, unknown>),
  ): Promise<Outcome>;
}

/** The harness; `extra` indicators are evaluated with the template's and NOT_AVAILABLE. */
export async function harness(extra: readonly IndicatorDefinition[] = []): Promise<Harness> {
  const loaded = await loadDataset(join(root, "data/russia-japan/2005"));
  if (!loaded.ok) throw new Error("the 2005 dataset must load");
  const dataset = loaded.dataset;
  const defs = templateIndicators(templateDir);
  if (!defs.ok) throw new Error("the template's indicators must load");
  const evaluation = evaluateIndicators(dataset, [...defs.definitions, NOT_AVAILABLE, ...extra], {
    locale: "en-GB",
  });
  if (evaluation.issues.length > 0) throw new Error(evaluation.issues[0]!.message);
  // One sink for every render: placeholders hold absolute indices into it.
  const sink = new NumberSink();
  const engine: Liquid = createSandbox({
    partials: {},
    filters: templateFilters(sink),
    // One sandbox serves thousands of test renders: a brief's budget is for one brief.
    renderBudget: Number.POSITIVE_INFINITY,
  });
  const ind: Record<string, unknown> = Object.create(null);
  for (const ev of evaluation.results) {
    ind[ev.id] = numberValue(indicatorFigure(dataset, ev, "en-GB"), sink);
  }
  const fact: Record<string, unknown> = Object.create(null);
  for (const f of dataset.facts) fact[f.id] = numberValue(factFigure(dataset, f, "en-GB"), sink);
  const scope = (extra: Record<string, unknown> = {}) => ({
    ind,
    fact,
    audience: "full",
    edition: dataset.meta.edition,
    published: dataset.meta.published,
    data_as_of: dataset.meta.dataAsOf ?? dataset.meta.published,
    template: { id: "russia-japan", title: "Russia and Japan beyond 2005" },
    ...extra,
  });
  return {
    dataset,
    scope,
    async render(template, extra = {}) {
      const base = scope();
      const s = { ...base, ...(typeof extra === "function" ? extra(base) : extra) };
      try {
        const out = String(await engine.parseAndRender(template, s));
        const figures: NumberInline[] = [];
        // As printed: the figures' texts, and the quotes the sandbox keeps from the prose's (quotes.ts) restored.
        const text = restoreQuotes(
          splitPlaceholders(out)
            .map((p) => {
              if (typeof p === "string") return p;
              const n = sink.numbers[p]!;
              figures.push(n);
              return n.text;
            })
            .join(""),
        );
        return { ok: true, text, figures };
      } catch (error) {
        if (!(error instanceof LiquidError)) throw error;
        return { ok: false, problem: liquidProblem(error), error };
      }
    },
  };
}
