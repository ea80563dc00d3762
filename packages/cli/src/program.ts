/**
 * The `briefkit` command line (commander), as the README documents it:
 *
 *   briefkit build      [--template DIR] [--data DIR | --edition YEAR] [--audience NAME|all]
 *                       [--format pdf,docx,html] [--out DIR]
 *                       [--previous DIR] [--track-changes-from DIR]
 *   briefkit validate   [--data DIR | --edition YEAR] [--topic NAME | --template DIR] [--json]
 *   briefkit indicators [--template DIR] [--data DIR | --edition YEAR] [--json]
 *   briefkit preview    [--template DIR] [--data DIR | --edition YEAR] [--audience NAME]
 *                       [--port N] [--open]
 *   briefkit compose    [--template DIR] [--data DIR | --edition YEAR] [--audience NAME] --json
 *   briefkit diff       [--from DIR] [--to DIR] [--template DIR] [--json] [--out FILE]
 *   briefkit edition new [--from EDITION] [--to EDITION] [--topic NAME | --template DIR]
 *                        [--date YYYY-MM-DD]
 *   briefkit new NAME    [--title TEXT] [--edition YEAR] [--date YYYY-MM-DD]
 *   briefkit batch [FILE] [--template DIR]... [--data DIR]... [--audience NAME]...
 *                        [--param NAME=VALUE]... [--all-params] [--shard I/N] [--jobs N]
 *   briefkit manifest merge FILE... --out FILE
 *
 * The data is the template's: the newest edition of data/<topic>/, the topic
 * being the template's `topic:`, unless --data names a folder. Every command
 * says on stderr which template and data it used.
 *
 * Exit codes: 0 ok, 1 invalid input, 2 usage error. Only this package prints.
 */
import { Command, CommanderError, Option } from "commander";
// Commands are imported when they run: `briefkit --version` or `validate`
// should not pay for loading vega, pdfmake and docx.
import { ExitCode, InputError, type Io, UsageError } from "./io.js";
import { countBySeverity, formatProblem, uniqueIssues } from "./issues.js";
import { cliMessages } from "./messages.js";
import { collectParam } from "./params.js";
import { VERSION } from "./version.js";

const version = VERSION;

function buildProgram(io: Io, setExit: (code: ExitCode) => void): Command {
  const program = new Command()
    .name("briefkit")
    .description(
      "Turn data and section templates into finished policy briefs (PDF, Word, HTML).\n" +
        "Run inside a briefkit repository: data lives in data/<topic>/<edition>/,\n" +
        "templates in templates/<name>/.",
    )
    .version(version, "-V, --version")
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => io.out(s),
      writeErr: (s) => io.err(s),
    })
    .addHelpText(
      "after",
      `
Examples:
  briefkit build                             every brief of the newest edition, into out/
  briefkit build --template templates/demo   the demo template, on the newest edition of
                                             the data its topic: names (data/<topic>/)
  briefkit preview                           the brief in the browser, rebuilt on every save
  briefkit validate                          check the newest edition of the template's data
  briefkit validate --data data/russia-japan/2005 --json
                                             the same edition, as JSON for scripts
  briefkit edition new                       start the next edition: a copy of the newest
  briefkit diff --from 2005 --to 2006 --out changes.md
                                             what changed between two editions

Exit codes: 0 ok, 1 invalid input (every problem is printed as file:line:column),
2 usage error.`,
    );

  const dataOption = () =>
    new Option(
      "--data <dir>",
      "dataset folder (holding dataset.yaml), or a topic folder to take its newest edition",
    );
  const editionOption = () =>
    new Option("--edition <year>", "edition of the template's topic, e.g. 2005").conflicts("data");
  const chooseTemplateOption = () =>
    new Option(
      "--template <dir>",
      "the template whose topic: names the data (default: templates/russia-japan)",
    ).conflicts("topic");
  const topicOption = (what: string) =>
    new Option("--topic <name>", `${what}: a folder under data/ (default: the template's topic)`);

  program
    .command("validate")
    .description(
      "check a dataset: its dataset.yaml, every table file and every declared total; " +
        "lists every problem with file:line:column",
    )
    .addOption(dataOption())
    .addOption(editionOption())
    .addOption(topicOption("the topic whose newest edition (or --edition) is checked"))
    .addOption(chooseTemplateOption())
    .option("--json", "print the result as JSON on stdout (for scripts and CI)")
    .addHelpText(
      "after",
      `
Which data: --data DIR; else the newest edition (or --edition YEAR) of
data/<topic>/, the topic being --topic NAME or the one the template names
(topic: in template.yaml; --template DIR, default templates/russia-japan).
The folder checked is printed on stderr. Warnings (such as a published total
that differs from the sum of its parts by rounding) are printed but do not
fail the check; errors exit with code 1.`,
    )
    .action(
      async (opts: {
        data?: string;
        edition?: string;
        topic?: string;
        template?: string;
        json?: boolean;
      }) => {
        setExit(await (await import("./commands/validate.js")).validateCommand(io, opts));
      },
    );

  const templateOption = () =>
    new Option(
      "--template <dir>",
      "template folder (holding template.yaml); its topic: chooses the data",
    ).default("templates/russia-japan");
  const languageFlag = (what: string) => new Option("--language <tag>", what);

  program
    .command("build")
    .description(
      "compose and write the briefs: every audience and format by default, into out/<template>-<edition>-<audience>.<ext>",
    )
    .addOption(templateOption())
    .addOption(dataOption())
    .addOption(editionOption())
    .option("--audience <name>", "an audience declared in template.yaml, or all", "all")
    .option(
      "--format <list>",
      'comma-separated formats: pdf,docx,html (default: all three; "docx" with --track-changes-from)',
    )
    .option("--out <dir>", "output folder", "out")
    .option(
      "--previous <dir>",
      "the edition the 'changes since the last edition' appendix compares with (default: the edition before, in the same topic)",
    )
    .option(
      "--param <name=value>",
      "a value for a parameter the template declares (params: in template.yaml); repeat for several",
      collectParam,
    )
    .option(
      "--all-params",
      "one brief per value of the template's parameters (every combination), named <template>-<edition>-<value>-<audience>.<ext>",
    )
    .option(
      "--track-changes-from <dir>",
      "write <template>-<edition>-<audience>-tracked.<ext> instead: every changed sentence as a tracked change against this edition (a folder, or an edition id such as 2005)",
    )
    .addOption(
      languageFlag(
        "every audience in this language (a BCP 47 tag such as ru or ja), over the template's and the audiences' own; the files are named <template>-<edition>-<audience>.<language>.<ext>",
      ),
    )
    .addHelpText(
      "after",
      `
Files are written all or nothing: nothing is written unless every audience
composes, a failed build leaves earlier outputs as they were, and a build
stopped while it swapped its files in is finished or undone by the next
command that writes to the folder. .briefkit-outputs.json in the folder
lists the last set written whole (sizes, SHA-256). Dates in the files
come from SOURCE_DATE_EPOCH when set, else the edition's publication date, so
building twice gives identical bytes.

Tracked changes: with --track-changes-from 2005, the Word file of the new
edition shows each sentence that changed as Word's own tracked change
(the old sentence deleted, the new one inserted; author "briefkit", dated
with the build date), so a reviewer can read, accept or reject each one.
PDF and HTML, when asked for with --format, mark them struck through and
underlined.`,
    )
    .action(
      async (opts: {
        template?: string;
        data?: string;
        edition?: string;
        audience?: string;
        format?: string;
        out?: string;
        previous?: string;
        trackChangesFrom?: string;
        param?: string[];
        allParams?: boolean;
        language?: string;
      }) => {
        setExit(await (await import("./commands/build.js")).buildCommand(io, opts));
      },
    );

  program
    .command("batch")
    .description(
      "build many briefs in one process: templates × datasets × audiences × languages × parameter values, from a batch file or repeated flags, on a pool of threads, with a cache and a manifest",
    )
    .argument("[file]", "a batch file (YAML); without it the jobs come from the flags")
    .option(
      "--template <dir>",
      "a template folder; repeat for several (default: templates/russia-japan)",
      collectParam,
    )
    .option(
      "--data <dir>",
      "a dataset folder or an edition id; repeat for several (default: the newest edition)",
      collectParam,
    )
    .option(
      "--audience <name>",
      "an audience, or all; repeat for several (default: all)",
      collectParam,
    )
    .option(
      "--language <code>",
      "the briefs' language; only en for now (default: en)",
      collectParam,
    )
    .option(
      "--param <name=value>",
      "a parameter value; repeat, also for several values of one parameter",
      collectParam,
    )
    .option("--all-params", "every value of every parameter of each template")
    .option(
      "--format <list>",
      "comma-separated formats: pdf,docx,html (default: the batch file's, else all three)",
    )
    .option("--out <dir>", "output folder (default: the batch file's out:, else out)")
    .option(
      "--shard <i/n>",
      "build only shard I of N (1-based): every Nth job in key order, from the Ith; auto/N takes I from JOB_COMPLETION_INDEX (0-based, a Kubernetes Indexed Job's)",
    )
    .option("--jobs <n>", "threads to build with (default: one per core)")
    .option(
      "--max-memory <mb>",
      "memory bound: no more threads than fit in it, at about 200 MB each beside 150 MB for the main thread (default: the container's limit, if any)",
    )
    .option("--no-cache", "rebuild every brief, even those whose inputs have not changed")
    .addHelpText(
      "after",
      `
A batch file:
  out: out/regions
  formats: [pdf, docx, html]
  jobs:
    - template: templates/russia-japan-region
      params: all                  # or { region: [Yakutia, Primorskiy Krai] }
    - template: templates/russia-japan
      data: [2005]                 # edition ids or dataset folders
      audiences: [executive]       # default: all
      languages: [en]              # only en for now

Each job builds one brief in every format, named as briefkit build names it.
A brief whose inputs (template files, data files, briefkit itself, options)
have not changed since the last batch into the folder, and whose files are
still as written, is not rebuilt: briefkit-batch.json in the folder lists
every job with its inputs' hashes and each file's SHA-256. A failed job does
not stop the others; they are written, the failures listed, and the exit code
is 1. The files are published all or nothing at the end, as by build.

On a terminal a progress bar shows on stderr; elsewhere (CI) one line per job.
Split a batch over machines with --shard I/N and join the shards' manifests
with briefkit manifest merge (docs/scale.md).`,
    )
    .action(async (file: string | undefined, opts: BatchActionOptions) => {
      setExit(await (await import("./commands/batch.js")).batchCommand(io, file, opts));
    });

  const manifest = program
    .command("manifest")
    .description("work with batch manifests (briefkit-batch.json)");
  manifest
    .command("merge")
    .description(
      "join the manifests of a batch's shards into the manifest of the whole batch; conflicting entries are refused",
    )
    .argument("<files...>", "the shards' briefkit-batch.json files")
    .option("--out <file>", "where to write the merged manifest")
    .action(async (files: string[], opts: { out?: string }) => {
      setExit(await (await import("./commands/manifest.js")).manifestMergeCommand(io, files, opts));
    });

  program
    .command("preview")
    .description(
      "the brief live in the browser while you write it: a local server that rebuilds on every save and reloads the page",
    )
    .addOption(templateOption())
    .addOption(dataOption())
    .addOption(editionOption())
    .option("--audience <name>", "the audience shown first (default: the template's first)")
    .option(
      "--port <n>",
      "the port (default: 4173, or a free one if it is taken; 0: any free port)",
    )
    .option("--open", "open the page in the browser")
    .option(
      "--param <name=value>",
      "a value for a parameter the template declares; repeat for several",
      collectParam,
    )
    .addHelpText(
      "after",
      `
The page shows the HTML brief of one audience, with a bar to switch
audience and format (PDF in the browser's viewer). Every save in the
template, the templates it extends or the dataset rebuilds it in this
process, reusing what did not change, and the page reloads where you were.
A save that breaks the brief keeps the last good one on screen, with every
problem laid over it as file:line:column and its source line; the overlay
goes when the problem is fixed.

The server listens on 127.0.0.1 only, answers only to Host localhost or
127.0.0.1, serves only its page and the briefs it built (from memory: it
writes no file), and stops with Ctrl-C.`,
    )
    .action(
      async (opts: {
        template?: string;
        data?: string;
        edition?: string;
        audience?: string;
        port?: string;
        open?: boolean;
        param?: string[];
      }) => {
        setExit(await (await import("./commands/preview.js")).previewCommand(io, opts));
      },
    );

  program
    .command("indicators")
    .description(
      "evaluate every indicator the template defines against the data: value, unit, text, provenance",
    )
    .addOption(templateOption())
    .addOption(dataOption())
    .addOption(editionOption())
    .option("--json", "print the results as JSON on stdout")
    .option(
      "--param <name=value>",
      "a value for a parameter the template declares; repeat for several",
      collectParam,
    )
    .action(
      async (opts: {
        template?: string;
        data?: string;
        edition?: string;
        json?: boolean;
        param?: string[];
      }) => {
        setExit(await (await import("./commands/indicators.js")).indicatorsCommand(io, opts));
      },
    );

  program
    .command("compose")
    .description("compose one audience's document and print it as JSON (what the writers receive)")
    .addOption(templateOption())
    .addOption(dataOption())
    .addOption(editionOption())
    .option("--audience <name>", "audience declared in template.yaml", "full")
    .option(
      "--param <name=value>",
      "a value for a parameter the template declares; repeat for several",
      collectParam,
    )
    .option("--json", "print the document as JSON (the only output format of compose)")
    .option("--no-charts", "leave charts out (faster; for reading the text)")
    .addOption(languageFlag("the document in this language (a BCP 47 tag such as ru or ja)"))
    .action(
      async (opts: {
        template?: string;
        data?: string;
        edition?: string;
        audience?: string;
        json?: boolean;
        charts?: boolean;
        param?: string[];
        language?: string;
      }) => {
        setExit(await (await import("./commands/compose.js")).composeCommand(io, opts));
      },
    );

  program
    .command("diff")
    .description(
      "what changed between two editions: every datum, every figure the brief states, every sentence of each audience, each table and chart",
    )
    .option(
      "--from <dir>",
      "the earlier edition: a dataset folder or an edition id (default: the one before --to)",
    )
    .option(
      "--to <dir>",
      "the later edition: a dataset folder or an edition id (default: the newest)",
    )
    .addOption(templateOption())
    .option("--audience <name>", "compare the sentences of this audience only (default: all)")
    .option("--json", "print the diff as JSON on stdout (for scripts)")
    .addOption(
      languageFlag(
        "the report, the figures and every audience's sentences in this language (default: each audience's own; the report in the template's)",
      ),
    )
    .option(
      "--out <file>",
      "also write the report to FILE: Markdown (.md), HTML (.html) or JSON (.json)",
    )
    .addHelpText(
      "after",
      `
Examples:
  briefkit diff                                the newest edition against the one before
  briefkit diff --from data/russia-japan/2005 --to data/russia-japan/2006 --out changes.md
  briefkit diff --from 2005 --to 2006 --json   machine-readable, for scripts

Sentences are compared section by section: identical sentences anchor the
alignment; between them, a sentence of each edition that shares most of its
words pairs up as "new figures" (only numbers differ) or "reworded" (words
differ, e.g. "rose" became "fell"); the rest are added or removed.
A revision that changes a column's unit or scale is an error (exit 1), and
nothing is written.`,
    )
    .action(async (opts: DiffCommandOptions) => {
      setExit(await (await import("./commands/diff.js")).diffCommand(io, opts));
    });

  program
    .command("new")
    .description(
      "start a brief on a new subject: data/<name>/<edition>/ (a dataset with one table and two facts) and templates/<name>/ (three sections, a table, two charts, audiences full and executive), ready to build",
    )
    .argument("<name>", "the brief's name, kebab-case: names its data and template folders")
    .option("--title <text>", "the brief's title (default: from the name)")
    .option("--edition <year>", "the first edition (default: this year)")
    .option("--date <yyyy-mm-dd>", "publication date of the edition (default: today)")
    .addHelpText(
      "after",
      `
Example:
  briefkit new arctic-shipping --title "Shipping in the Arctic"
  briefkit build --template templates/arctic-shipping

The example figures are made up: replace them with your own. Nothing that
exists is ever overwritten (exit 1).`,
    )
    .action(async (name: string, opts: { title?: string; edition?: string; date?: string }) => {
      setExit(await (await import("./commands/new.js")).newCommand(io, name, opts));
    });

  const edition = program
    .command("edition")
    .description("manage the editions (vintages) of a topic's data")
    .addHelpText(
      "after",
      `
An edition is a folder data/<topic>/<edition>/ with a dataset.yaml and its table files.`,
    );
  edition
    .command("new")
    .description(
      "start the next edition: copy data/<topic>/<from>/ to data/<topic>/<to>/ with the new edition id and dates, then say what to do next",
    )
    .option("--from <edition>", "the edition to copy (default: the newest)")
    .option("--to <edition>", "the new edition's id (default: --from + 1)")
    .addOption(topicOption("the topic whose edition is copied"))
    .addOption(chooseTemplateOption())
    .option(
      "--date <yyyy-mm-dd>",
      "publication date of the new edition (default: the copied edition's moved on by a year, marked as a placeholder that validate warns about)",
    )
    .addHelpText(
      "after",
      `
Every table file and fact is kept; only edition:, published: and dataAsOf:
change. The copy is made in a hidden folder and renamed into place, and an
edition that exists already is never overwritten (exit 1).`,
    )
    .action(
      async (opts: {
        from?: string;
        to?: string;
        topic?: string;
        template?: string;
        date?: string;
      }) => {
        setExit(await (await import("./commands/edition.js")).editionNewCommand(io, opts));
      },
    );

  return program;
}

interface BatchActionOptions {
  template?: string[];
  data?: string[];
  audience?: string[];
  language?: string[];
  param?: string[];
  allParams?: boolean;
  format?: string;
  out?: string;
  shard?: string;
  jobs?: string;
  maxMemory?: string;
  cache?: boolean;
}

interface DiffCommandOptions {
  from?: string;
  to?: string;
  template?: string;
  audience?: string;
  json?: boolean;
  out?: string;
  language?: string;
}

/**
 * Runs the CLI with `argv` (arguments after the program name) and returns the
 * exit code. Never throws and never prints a stack trace.
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  let exit: ExitCode = ExitCode.ok;
  const program = buildProgram(io, (code) => {
    exit = code;
  });
  if (argv.length === 0) {
    program.outputHelp({ error: true });
    return ExitCode.usage;
  }
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exit;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander already printed its message (to io.err) before throwing.
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version") {
        return ExitCode.ok;
      }
      if (error.code !== "commander.help") io.err(`${cliMessages.usageHint}\n`);
      return ExitCode.usage;
    }
    if (error instanceof UsageError) {
      io.err(`briefkit: ${error.message}\n${cliMessages.usageHint}\n`);
      return ExitCode.usage;
    }
    if (error instanceof InputError) {
      const issues = uniqueIssues(error.issues);
      for (const i of issues) io.err(`${formatProblem(i, io.cwd)}\n`);
      io.err(`briefkit: ${error.message}\n`);
      if (issues.length > 0) {
        const { errors, warnings } = countBySeverity(issues);
        io.err(`${cliMessages.failedSummary(errors, warnings)}\n`);
      }
      return ExitCode.invalidInput;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`${cliMessages.internalError(message)}\n`);
    return ExitCode.invalidInput;
  }
}
