/**
 * The appendices an audience may switch on, after its sections: "About the
 * figures" (each number the prose states, with its calculation and source)
 * and "Changes since the last edition" (changes.ts writes it; this compares
 * the editions).
 */
import { type Dataset, diffDatasets } from "@briefkit/data";
import {
  type DraftBlock,
  type FigureCoverage,
  headingWith,
  list,
  longDate,
  type NumberInline,
  type Paragraph,
  para,
  strong,
  type Terms,
} from "@briefkit/document";
import {
  type EvaluatedIndicator,
  evaluateIndicators,
  type IndicatorOk,
} from "@briefkit/indicators";
import { changesAppendix, indicatorChanges } from "./changes.js";
import type { IssueLog } from "./issues.js";
import { composeMessages as msg } from "./messages.js";
import type { NormalizedTemplate } from "./template.js";

/**
 * "About the figures": each number the prose states, with its source and
 * method, what the totals behind it cover when a part is missing, and how
 * a part year was annualised.
 */
export function aboutFigures(
  numbers: readonly NumberInline[],
  dataset: Dataset,
  terms: Terms,
  indicators: ReadonlyMap<string, EvaluatedIndicator>,
): DraftBlock[] {
  const seen = new Set<string>();
  const items: Paragraph[][] = [];
  for (const n of numbers) {
    const p = n.provenance;
    const key = `${n.text}|${p.indicator ?? ""}|${p.fact ?? ""}|${p.table ?? ""}|${p.series ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const result = p.indicator === undefined ? undefined : indicators.get(p.indicator)?.result;
    const coverage = result?.status === "ok" ? figureCoverage(result) : undefined;
    const annualised = result?.status === "ok" ? result.annualised : undefined;
    items.push([
      para(
        strong(n.text),
        terms.aboutFigure(p, n.estimate === true) +
          (coverage === undefined ? "" : terms.aboutCoverage(coverage)) +
          (annualised === undefined ? "" : terms.aboutAnnualised(annualised)),
      ),
    ]);
  }
  if (items.length === 0) return [];
  return [
    headingWith({ numbered: false }, 1, terms.aboutFiguresHeading),
    para(terms.aboutFiguresIntro(dataset.meta.title, dataset.meta.edition)),
    list(false, items),
  ];
}

/**
 * What a figure's totals cover, when that needs saying: a part without
 * figures in a period read, or parts left out to compare like with like.
 * Undefined when every total it reads is complete.
 */
function figureCoverage(result: IndicatorOk): FigureCoverage | undefined {
  const entries = result.coverage ?? [];
  if (!entries.some((c) => c.missing.length > 0 || c.leftOut.length > 0 || c.absent.length > 0)) {
    return undefined;
  }
  const [first] = entries;
  if (first === undefined) return undefined;
  // One total per figure in practice; a figure over several states the first's.
  const same = entries.filter((c) => c.table === first.table && c.dimension === first.dimension);
  const all = new Set<string>();
  for (const c of same) {
    for (const part of [...c.parts, ...c.leftOut, ...c.absent, ...c.missing.map((m) => m.part)]) {
      all.add(part);
    }
  }
  const periods = new Map<string, FigureCoverage["periods"][number]>();
  for (const c of same) {
    if (periods.has(c.period)) continue;
    periods.set(c.period, {
      period: c.period,
      parts: c.parts,
      missing: [...new Set([...c.missing.map((m) => m.part), ...c.absent])],
      leftOut: c.leftOut,
    });
  }
  return {
    basis: result.coverageBasis,
    dimension: first.dimension,
    all: all.size,
    periods: [...periods.values()],
  };
}

/** The "Changes since the last edition" appendix (see changes.ts). */
export function changesSince(
  dataset: Dataset,
  previous: Dataset | undefined,
  results: readonly EvaluatedIndicator[],
  t: NormalizedTemplate,
  log: IssueLog,
): DraftBlock[] {
  const date = (iso: string) => longDate(iso, t.language);
  if (!previous) {
    return changesAppendix(dataset, undefined, undefined, [], t.language, date, t.numbers.units);
  }
  const diff = diffDatasets(previous, dataset);
  // A unit or scale that changed between editions makes the comparison meaningless.
  for (const i of diff.issues) {
    log.add("edition-diff", i.severity, i, msg.editionDiff(i.message), i.hint);
  }
  if (diff.issues.some((i) => i.severity === "error")) return [];
  const before = evaluateIndicators(
    previous,
    t.indicators.map((d) => d.def),
    { locale: t.language },
  );
  return changesAppendix(
    dataset,
    previous,
    diff,
    indicatorChanges(before.results, results),
    t.language,
    date,
    t.numbers.units,
  );
}
