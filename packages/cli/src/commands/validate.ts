/**
 * `briefkit validate`: load a dataset, check everything, list every problem.
 *
 * Exit 0 when the data is valid (warnings such as the essay's rounding
 * differences are printed but do not fail), 1 when any error was found.
 */
import { relative } from "node:path";
import { formatIssue, type Issue, loadDataset } from "@briefkit/data";
import { ExitCode, type Io } from "../io.js";
import { formatProblem, type PrintableIssue } from "../issues.js";
import { cliMessages } from "../messages.js";
import {
  type DataChoice,
  resolveDataDir,
  resolveTopic,
  type TopicChoice,
  usedLine,
} from "../paths.js";
import { placeholderWarnings } from "./edition.js";

export interface ValidateOptions extends DataChoice, TopicChoice {
  json?: boolean | undefined;
}

function count(issues: readonly PrintableIssue[], severity: Issue["severity"]): number {
  return issues.filter((i) => i.severity === severity).length;
}

export async function validateCommand(io: Io, options: ValidateOptions): Promise<ExitCode> {
  // The topic (and the template that names it) is looked up only when --data is not given.
  let templateDir: string | undefined;
  const dir = await resolveDataDir(io.cwd, options, () => {
    const chosen = resolveTopic(io.cwd, options);
    templateDir = chosen.templateDir;
    return chosen.topicDir;
  });
  io.err(`${usedLine(io.cwd, templateDir, [dir])}\n`);
  const shown = relative(io.cwd, dir) || ".";
  const result = await loadDataset(dir);
  // Dates `briefkit edition new` left as placeholders are warnings until set.
  const placeholders = placeholderWarnings(dir);
  const all: PrintableIssue[] = [...result.issues, ...placeholders];
  const errors = count(all, "error");
  const warnings = count(all, "warning");

  if (options.json) {
    io.out(
      `${JSON.stringify(
        {
          ok: result.ok,
          data: shown,
          dataset: result.ok
            ? {
                id: result.dataset.meta.id,
                edition: result.dataset.meta.edition,
                tables: result.dataset.tables.length,
                facts: result.dataset.facts.length,
              }
            : null,
          errors,
          warnings,
          issues: all.map((i) => ({ ...i, file: relative(io.cwd, i.file) || i.file })),
        },
        null,
        2,
      )}\n`,
    );
    return result.ok ? ExitCode.ok : ExitCode.invalidInput;
  }

  for (const issue of result.issues) io.err(`${formatIssue(issue, io.cwd)}\n`);
  for (const issue of placeholders) io.err(`${formatProblem(issue, io.cwd)}\n`);
  if (!result.ok) {
    io.err(`${cliMessages.invalidSummary(shown, errors, warnings)}\n`);
    return ExitCode.invalidInput;
  }
  const ds = result.dataset;
  const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
  const what = `${ds.meta.id} edition ${ds.meta.edition}, ${plural(ds.tables.length, "table")}, ${plural(ds.facts.length, "fact")}`;
  io.out(`${cliMessages.validSummary(shown, what, warnings)}\n`);
  return ExitCode.ok;
}
