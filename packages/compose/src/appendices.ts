/**
 * The appendices an audience may switch on, after its sections: "About the
 * figures" (each number the prose states, with its calculation and source)
 * and "Changes since the last edition" (changes.ts writes it; this compares
 * the editions).
 */
import { type Dataset, diffDatasets } from "@briefkit/data";
import {
  type DraftBlock,
  headingWith,
  list,
  type NumberInline,
  type Paragraph,
  para,
  strong,
  type Terms,
} from "@briefkit/document";
import { type EvaluatedIndicator, evaluateIndicators } from "@briefkit/indicators";
import { changesAppendix, indicatorChanges } from "./changes.js";
import type { IssueLog } from "./issues.js";
import { composeMessages as msg } from "./messages.js";
import type { NormalizedTemplate } from "./template.js";

/** "About the figures": each number the prose states, with its source and method. */
export function aboutFigures(
  numbers: readonly NumberInline[],
  dataset: Dataset,
  terms: Terms,
): DraftBlock[] {
  const seen = new Set<string>();
  const items: Paragraph[][] = [];
  for (const n of numbers) {
    const p = n.provenance;
    const key = `${n.text}|${p.indicator ?? ""}|${p.fact ?? ""}|${p.table ?? ""}|${p.series ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    items.push([para(strong(n.text), terms.aboutFigure(p, n.estimate === true))]);
  }
  if (items.length === 0) return [];
  return [
    headingWith({ numbered: false }, 1, terms.aboutFiguresHeading),
    para(terms.aboutFiguresIntro(dataset.meta.title, dataset.meta.edition)),
    list(false, items),
  ];
}

/** The "Changes since the last edition" appendix (see changes.ts). */
export function changesSince(
  dataset: Dataset,
  previous: Dataset | undefined,
  results: readonly EvaluatedIndicator[],
  t: NormalizedTemplate,
  log: IssueLog,
): DraftBlock[] {
  const date = (iso: string) => {
    const d = new Date(`${iso}T00:00:00Z`);
    return Number.isNaN(d.getTime())
      ? iso
      : new Intl.DateTimeFormat(t.language, { dateStyle: "long", timeZone: "UTC" }).format(d);
  };
  if (!previous) return changesAppendix(dataset, undefined, undefined, [], t.language, date);
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
  );
}
