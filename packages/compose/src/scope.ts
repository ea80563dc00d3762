/** The variables a template's Liquid reads, for one audience. */
import type { Dataset } from "@briefkit/data";
import type { EvaluatedIndicator } from "@briefkit/indicators";
import { type NumberSink, numberValue } from "./liquid.js";
import { type QuoteMarks, setTypedQuotes } from "./quotes.js";
import type { Declared, NormalizedTemplate, ResolvedAudience } from "./template.js";
import { factFigure, indicatorFigure } from "./values.js";

/**
 * What a section's Liquid sees: `ind` and `fact` (each figure a number
 * value that prints through the sink), the audience, the edition and its
 * dates, `template`, and `param` (the values of the template's parameters).
 * The template's own words among them (its titles, an indicator's label)
 * have their quotes set in `marks`, as on the title page; what comes from
 * the data is as the data has it.
 */
export function buildScope(
  t: NormalizedTemplate,
  dataset: Dataset,
  indicators: Map<string, EvaluatedIndicator>,
  sink: NumberSink,
  audience: Declared<ResolvedAudience>,
  locale: string,
  marks: QuoteMarks,
): Record<string, unknown> {
  const ind: Record<string, unknown> = Object.create(null);
  for (const [id, ev] of indicators) {
    const labelled =
      ev.label === undefined ? ev : { ...ev, label: setTypedQuotes(ev.label, marks) };
    ind[id] = numberValue(indicatorFigure(dataset, labelled, locale), sink);
  }
  const fact: Record<string, unknown> = Object.create(null);
  for (const f of dataset.facts) {
    fact[f.id] = numberValue(factFigure(dataset, f, locale, t.numbers.units), sink);
  }
  return {
    ind,
    fact,
    audience: audience.id,
    edition: dataset.meta.edition,
    published: dataset.meta.published,
    data_as_of: dataset.meta.dataAsOf ?? dataset.meta.published,
    template: templateFields(t, audience.def, marks),
    // The parameters' values (params.ts); reading one the template lacks is an error, as for any name.
    param: Object.assign(Object.create(null), t.boundParams),
  };
}

/** The title and subtitle of the audience's document: its own, else the template's; quotes set in `marks`. */
export function titlesFor(
  t: NormalizedTemplate,
  audience: ResolvedAudience,
  marks: QuoteMarks,
): { title: string; subtitle?: string } {
  const subtitle = audience.subtitle ?? t.subtitle;
  return {
    title: setTypedQuotes(audience.title ?? t.title, marks),
    ...(subtitle ? { subtitle: setTypedQuotes(subtitle, marks) } : {}),
  };
}

/**
 * `template.id`, and the audience's `template.title` and `template.subtitle`
 * (as on its title page; no subtitle field when there is none, so reading
 * it is an error, not a blank). `{{ template }}` itself is an error, not
 * "[object Object]".
 */
function templateFields(
  t: NormalizedTemplate,
  audience: ResolvedAudience,
  marks: QuoteMarks,
): Record<string, string> {
  const o = Object.create(null) as Record<string, string>;
  o.id = t.id;
  Object.assign(o, titlesFor(t, audience, marks));
  const refuse = () => {
    throw new Error("template is not text: print template.title or template.id");
  };
  Object.defineProperty(o, "toString", { value: refuse });
  Object.defineProperty(o, "valueOf", { value: refuse });
  return o;
}
