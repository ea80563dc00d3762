/**
 * `briefkit compose --json`: the composed document of one audience, for
 * inspection (what every writer would receive).
 */
import { compose } from "@briefkit/compose";
import { loadDataset } from "@briefkit/data";
import { ExitCode, type Io } from "../io.js";
import { formatProblem, type PrintableIssue, reportFailure, uniqueIssues } from "../issues.js";
import { languageOption } from "../language.js";
import { parseParamFlags } from "../params.js";
import { type DataChoice, resolveTemplate, usedLine } from "../paths.js";

export interface ComposeCommandOptions extends DataChoice {
  template?: string | undefined;
  audience?: string | undefined;
  json?: boolean | undefined;
  charts?: boolean | undefined;
  param?: string[] | undefined;
  language?: string | undefined;
}

export async function composeCommand(io: Io, options: ComposeCommandOptions): Promise<ExitCode> {
  const language = languageOption(options.language);
  const { templateDir, dataDir } = await resolveTemplate(io.cwd, options);
  io.err(`${usedLine(io.cwd, templateDir, [dataDir])}\n`);
  const loaded = await loadDataset(dataDir);
  if (!loaded.ok) return reportFailure(io, loaded.issues);
  const result = await compose({
    templateDir,
    dataset: loaded.dataset,
    audience: options.audience ?? "full",
    cwd: io.cwd,
    params: parseParamFlags(options.param),
    ...(options.charts === false ? { figures: false as const } : {}),
    ...(language ? { language } : {}),
  });
  // Data warnings belong to `briefkit validate`; here only what stops or changes the document.
  const issues: PrintableIssue[] = [
    ...loaded.issues.filter((i) => i.severity === "error"),
    ...result.issues,
  ];
  if (!result.ok) return reportFailure(io, issues);
  for (const i of uniqueIssues(issues)) io.err(`${formatProblem(i, io.cwd)}\n`);
  io.out(`${JSON.stringify(result.document, null, 2)}\n`);
  return ExitCode.ok;
}
