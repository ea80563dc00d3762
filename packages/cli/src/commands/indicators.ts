/**
 * `briefkit indicators`: every indicator the template defines, evaluated
 * against the dataset: id, value, unit, formatted text and provenance.
 */
import { relative } from "node:path";
import { templateDataFit, templateIndicators } from "@briefkit/compose";
import { loadDataset } from "@briefkit/data";
import { evaluateIndicators } from "@briefkit/indicators";
import { ExitCode, type Io } from "../io.js";
import {
  countBySeverity,
  formatProblem,
  type PrintableIssue,
  reportFailure,
  uniqueIssues,
} from "../issues.js";
import { cliMessages } from "../messages.js";
import { parseParamFlags } from "../params.js";
import { type DataChoice, resolveTemplate, usedLine } from "../paths.js";

export interface IndicatorsCommandOptions extends DataChoice {
  template?: string | undefined;
  json?: boolean | undefined;
  param?: string[] | undefined;
}

export async function indicatorsCommand(
  io: Io,
  options: IndicatorsCommandOptions,
): Promise<ExitCode> {
  const { templateDir, dataDir } = await resolveTemplate(io.cwd, options);
  io.err(`${usedLine(io.cwd, templateDir, [dataDir])}\n`);
  const loaded = await loadDataset(dataDir);
  // A template's parameters are bound as for a build: its where: values read the value given.
  const defs = templateIndicators(
    templateDir,
    loaded.ok ? { dataset: loaded.dataset, params: parseParamFlags(options.param) } : undefined,
  );
  // Data warnings belong to `briefkit validate`; here only errors stop the evaluation.
  const issues: PrintableIssue[] = [
    ...loaded.issues.filter((i) => i.severity === "error"),
    ...(defs.ok ? [] : defs.issues),
  ];
  if (!loaded.ok || !defs.ok) return reportFailure(io, issues);
  // Data written for another template: one message up front, not one per indicator.
  const fit = templateDataFit(templateDir, loaded.dataset, io.cwd);
  if (fit.length > 0) return reportFailure(io, fit);
  const evaluation = evaluateIndicators(loaded.dataset, defs.definitions, {
    source: defs.source,
    showPath: (f) => relative(io.cwd, f) || f,
  });
  const all: PrintableIssue[] = uniqueIssues([...issues, ...evaluation.issues]);
  const { errors, warnings } = countBySeverity(all);
  if (options.json) {
    io.out(
      `${JSON.stringify(
        {
          ok: errors === 0,
          dataset: { id: loaded.dataset.meta.id, edition: loaded.dataset.meta.edition },
          indicators: evaluation.results.map((r) => ({
            id: r.id,
            label: r.label,
            function: r.function,
            status: r.result.status,
            value: r.result.status === "ok" ? r.result.value : null,
            unit: r.result.unit,
            scale: r.result.scale,
            text: r.text,
            periods: r.result.periods,
            ...(r.result.status === "ok"
              ? {
                  estimate: r.result.estimate,
                  partial: r.result.partial,
                  ...(r.result.band ? { words: r.result.band.text } : {}),
                }
              : { reason: r.result.reason }),
            inputs: r.result.inputs,
          })),
          issues: evaluation.issues,
        },
        null,
        2,
      )}\n`,
    );
    return errors === 0 ? ExitCode.ok : ExitCode.invalidInput;
  }
  for (const i of all) io.err(`${formatProblem(i, io.cwd)}\n`);
  const width = Math.max(...evaluation.results.map((r) => r.id.length));
  for (const r of evaluation.results) {
    const res = r.result;
    const from =
      res.inputs.length === 0
        ? ""
        : res.inputs
            .map((p) =>
              p.kind === "series"
                ? `${p.table}.${p.measure}${p.where ? `[${Object.values(p.where).join(",")}]` : ""}@${p.period}`
                : `fact ${p.fact}`,
            )
            .join(", ");
    const note =
      res.status === "na" ? `not available: ${res.reason}` : res.estimate ? "estimate" : "";
    io.out(
      `${r.id.padEnd(width)}  ${r.text.padEnd(24)}  ${[note, from].filter(Boolean).join("; ")}\n`,
    );
  }
  io.out(
    `${cliMessages.indicatorsSummary(evaluation.results.length, loaded.dataset.meta.edition, errors, warnings)}\n`,
  );
  return errors === 0 ? ExitCode.ok : ExitCode.invalidInput;
}
