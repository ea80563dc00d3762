/**
 * `briefkit compose --json`: the composed document of one audience, for
 * inspection (what every writer would receive).
 */
import { compose } from "@briefkit/compose";
import { loadDataset } from "@briefkit/data";
import { ExitCode, type Io } from "../io.js";
import { countBySeverity, formatProblem, type PrintableIssue, relativeFile } from "../issues.js";
import { cliMessages } from "../messages.js";
import { type DataChoice, resolveTemplate } from "../paths.js";

export interface ComposeCommandOptions extends DataChoice {
  template?: string | undefined;
  audience?: string | undefined;
  json?: boolean | undefined;
  charts?: boolean | undefined;
}

export async function composeCommand(io: Io, options: ComposeCommandOptions): Promise<ExitCode> {
  const { templateDir, dataDir } = await resolveTemplate(io.cwd, options);
  const loaded = await loadDataset(dataDir);
  if (!loaded.ok) return fail(io, loaded.issues);
  const result = await compose({
    templateDir,
    dataset: loaded.dataset,
    audience: options.audience ?? "full",
    ...(options.charts === false ? { figures: false as const } : {}),
  });
  // Data warnings belong to `briefkit validate`; here only what stops or changes the document.
  const issues: PrintableIssue[] = [
    ...loaded.issues.filter((i) => i.severity === "error"),
    ...result.issues,
  ];
  if (!result.ok) return fail(io, issues);
  for (const i of issues) io.err(`${formatProblem(i, io.cwd)}\n`);
  io.out(`${JSON.stringify(result.document, null, 2)}\n`);
  return ExitCode.ok;
}

function fail(io: Io, issues: readonly PrintableIssue[]): ExitCode {
  for (const i of issues) io.err(`${formatProblem(relativeFile(i, io.cwd), io.cwd)}\n`);
  const { errors, warnings } = countBySeverity(issues);
  io.err(`${cliMessages.failedSummary(errors, warnings)}\n`);
  return ExitCode.invalidInput;
}
