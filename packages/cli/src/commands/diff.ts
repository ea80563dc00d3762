/**
 * `briefkit diff --from DIR --to DIR`: what changes in the brief between two
 * editions of its data — every changed datum, every indicator whose value or
 * text changed, every sentence of each audience that changed, and each table
 * and chart whose contents changed (`diffEditions` in @briefkit/compose).
 *
 * Output: a report on the terminal; `--json` the machine form on stdout;
 * `--out FILE` a Markdown (.md), HTML (.html) or JSON (.json) file, written
 * all or nothing as a build writes its files (src/publish.ts). A revision that changes a
 * column's unit or scale is an error (exit 1) and nothing is written.
 *
 * JSON (`--json`, or `--out x.json`): `{ ok: true, ...EditionDiff, issues }`
 * where EditionDiff is
 *
 *   template    the template id
 *   from, to    { id, edition, published, dataAsOf? }
 *   data        { tables: TableDiff[] (changed tables, every changed cell:
 *                 kind added | revised | removed | missing-filled |
 *                 became-missing, column, key, period, from, to, change,
 *                 changePercent, unit, scale), facts: FactChange[],
 *                 summary: [{ table, title, items: string[] }] }
 *   indicators  [{ id, label, before, after: { status, value, text,
 *                 periods, words?, reason? }, valueChanged, textChanged,
 *                 changePercent? }]
 *   audiences   [{ audience, label, sentences: [{ kind: changed | added |
 *                 removed, what?: figures | wording, section, before?,
 *                 after? }] }]
 *   tables      [{ ref, caption, status, columnsAdded, columnsRemoved,
 *                 rowsAdded, rowsRemoved, cells: [{ row, column, before,
 *                 after }] }]
 *   charts      [{ ref, title, status, categoriesAdded, categoriesRemoved,
 *                 seriesAdded, seriesRemoved, values: [{ category, series,
 *                 before, after }] }]
 *
 * and on invalid input `{ ok: false, issues: [{ code, severity, file, line,
 * column, message, hint? }] }` with exit code 1.
 */
import { basename, dirname, extname, relative, resolve } from "node:path";
import { createComposeCache, diffEditions } from "@briefkit/compose";
import { loadDataset } from "@briefkit/data";
import { ExitCode, InputError, type Io, UsageError } from "../io.js";
import {
  formatProblem,
  type PrintableIssue,
  relativeFile,
  reportFailure,
  uniqueIssues,
} from "../issues.js";
import { languageOption } from "../language.js";
import { cliMessages } from "../messages.js";
import {
  loadTemplateContext,
  previousEditionDir,
  resolveDataDir,
  resolveEditionArg,
  templateTopicDir,
  usedLine,
} from "../paths.js";
import { publishFor } from "../publish.js";
import { headline, htmlReport, markdownReport, terminalReport } from "../report.js";

export interface DiffOptions {
  from?: string | undefined;
  to?: string | undefined;
  template?: string | undefined;
  audience?: string | undefined;
  json?: boolean | undefined;
  out?: string | undefined;
  language?: string | undefined;
}

type ReportFormat = "md" | "html" | "json";

function reportFormat(file: string): ReportFormat {
  const ext = extname(file).toLowerCase();
  if (ext === ".md" || ext === ".markdown") return "md";
  if (ext === ".html" || ext === ".htm") return "html";
  if (ext === ".json") return "json";
  throw new UsageError(cliMessages.badReportFormat(file));
}

export async function diffCommand(io: Io, options: DiffOptions): Promise<ExitCode> {
  const format = options.out === undefined ? undefined : reportFormat(options.out);
  const language = languageOption(options.language);
  const ctx = loadTemplateContext(io.cwd, options.template);
  const { templateDir } = ctx;
  const topic = () => templateTopicDir(io.cwd, ctx);
  // --to: the newest edition of the template's topic by default; --from: the edition before --to.
  const toDir =
    options.to === undefined
      ? await resolveDataDir(io.cwd, {}, topic)
      : await resolveEditionArg(io.cwd, "--to", options.to, topic);
  const [toLoaded, fromDirGiven] = await Promise.all([
    loadDataset(toDir),
    options.from === undefined
      ? undefined
      : resolveEditionArg(io.cwd, "--from", options.from, topic),
  ]);
  const problems: PrintableIssue[] = toLoaded.issues.filter((i) => i.severity === "error");
  if (!toLoaded.ok) return fail(io, options, problems);
  const fromDir =
    fromDirGiven ??
    (await previousEditionDir(
      io.cwd,
      toDir,
      toLoaded.dataset.meta.edition,
      toLoaded.dataset.meta.id,
    ));
  if (fromDir === undefined) {
    throw new InputError(cliMessages.noPreviousEdition(toLoaded.dataset.meta.edition));
  }
  io.err(`${usedLine(io.cwd, templateDir, [fromDir, toDir])}\n`);
  const fromLoaded = await loadDataset(fromDir);
  if (!fromLoaded.ok) {
    return fail(
      io,
      options,
      fromLoaded.issues.filter((i) => i.severity === "error"),
    );
  }

  const result = await diffEditions({
    templateDir,
    from: fromLoaded.dataset,
    to: toLoaded.dataset,
    cache: createComposeCache(),
    cwd: io.cwd,
    ...(language ? { language } : {}),
    ...(options.audience === undefined || options.audience === "all"
      ? {}
      : { audiences: [options.audience] }),
  });
  if (!result.ok) return fail(io, options, result.issues);

  const json = () =>
    `${JSON.stringify(
      {
        ok: true,
        ...result.diff,
        issues: uniqueIssues(result.issues).map((i) => relativeFile(i, io.cwd)),
      },
      null,
      2,
    )}\n`;
  for (const i of uniqueIssues(result.issues)) io.err(`${formatProblem(i, io.cwd)}\n`);

  if (options.out !== undefined && format !== undefined) {
    const text =
      format === "md"
        ? markdownReport(result.diff)
        : format === "html"
          ? await htmlReport(result.diff, (w) =>
              io.err(`${cliMessages.writerWarning("html", "report", w.code, w.message, w.path)}\n`),
            )
          : json();
    const path = resolve(io.cwd, options.out);
    // The build's way (src/publish.ts): staged, swapped in, the folder healed first.
    await publishFor(io, dirname(path), [{ name: basename(path), bytes: Buffer.from(text) }]);
    if (options.json) io.out(json());
    else {
      for (const line of headline(result.diff)) io.out(`${line}\n`);
      io.out(
        `${cliMessages.diffWritten(relative(io.cwd, path) || path, Buffer.byteLength(text))}\n`,
      );
    }
    return ExitCode.ok;
  }
  io.out(options.json ? json() : terminalReport(result.diff));
  return ExitCode.ok;
}

function fail(io: Io, options: DiffOptions, issues: readonly PrintableIssue[]): ExitCode {
  if (options.json) {
    io.out(
      `${JSON.stringify({ ok: false, issues: uniqueIssues(issues).map((i) => relativeFile(i, io.cwd)) }, null, 2)}\n`,
    );
  }
  return reportFailure(io, issues);
}
