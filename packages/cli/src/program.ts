/**
 * The `briefkit` command line (commander). DESIGN.md fixes the contract:
 *
 *   briefkit validate   [--data DIR | --edition YEAR] [--json]
 *
 * (build, indicators, compose, diff and edition arrive with their issues.)
 * Exit codes: 0 ok, 1 invalid input, 2 usage error. Only this package prints.
 */
import { Command, CommanderError, Option } from "commander";
import { buildCommand } from "./commands/build.js";
import { composeCommand } from "./commands/compose.js";
import { indicatorsCommand } from "./commands/indicators.js";
import { validateCommand } from "./commands/validate.js";
import { ExitCode, InputError, type Io, UsageError } from "./io.js";
import { cliMessages } from "./messages.js";

const version = "0.1.0";

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
  briefkit validate                          check the newest edition of data/russia-japan
  briefkit validate --data data/russia-japan/2005 --json
                                             the same edition, as JSON for scripts

Exit codes: 0 ok, 1 invalid input (every problem is printed as file:line:column),
2 usage error.`,
    );

  const dataOption = () =>
    new Option(
      "--data <dir>",
      "dataset folder (holding dataset.yaml), or a topic folder to take its newest edition",
    );
  const editionOption = () =>
    new Option("--edition <year>", "edition of the default topic, e.g. 2005").conflicts("data");

  program
    .command("validate")
    .description(
      "check a dataset: its dataset.yaml, every table file and every declared total; " +
        "lists every problem with file:line:column",
    )
    .addOption(dataOption())
    .addOption(editionOption())
    .option("--json", "print the result as JSON on stdout (for scripts and CI)")
    .addHelpText(
      "after",
      `
By default the newest edition under data/russia-japan/ is checked. Warnings
(such as a published total that differs from the sum of its parts by rounding)
are printed but do not fail the check; errors exit with code 1.`,
    )
    .action(async (opts: { data?: string; edition?: string; json?: boolean }) => {
      setExit(await validateCommand(io, opts));
    });

  const templateOption = () =>
    new Option("--template <dir>", "template folder (holding template.yaml)").default(
      "templates/russia-japan",
    );

  program
    .command("build")
    .description(
      "compose and write the briefs: every audience and format by default, into out/<template>-<edition>-<audience>.<ext>",
    )
    .addOption(templateOption())
    .addOption(dataOption())
    .addOption(editionOption())
    .option("--audience <name>", "an audience declared in template.yaml, or all", "all")
    .option("--format <list>", "comma-separated formats: pdf,docx,html", "pdf,docx,html")
    .option("--out <dir>", "output folder", "out")
    .addHelpText(
      "after",
      `
Files are written atomically: nothing is written unless every audience
composes, and a failed build leaves earlier outputs intact. Dates in the files
come from SOURCE_DATE_EPOCH when set, else the edition's publication date, so
building twice gives identical bytes.`,
    )
    .action(
      async (opts: {
        template?: string;
        data?: string;
        edition?: string;
        audience?: string;
        format?: string;
        out?: string;
      }) => {
        setExit(await buildCommand(io, opts));
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
    .action(
      async (opts: { template?: string; data?: string; edition?: string; json?: boolean }) => {
        setExit(await indicatorsCommand(io, opts));
      },
    );

  program
    .command("compose")
    .description("compose one audience's document and print it as JSON (what the writers receive)")
    .addOption(templateOption())
    .addOption(dataOption())
    .addOption(editionOption())
    .option("--audience <name>", "audience declared in template.yaml", "full")
    .option("--json", "print the document as JSON (the only output format of compose)")
    .option("--no-charts", "leave charts out (faster; for reading the text)")
    .action(
      async (opts: {
        template?: string;
        data?: string;
        edition?: string;
        audience?: string;
        json?: boolean;
        charts?: boolean;
      }) => {
        setExit(await composeCommand(io, opts));
      },
    );

  return program;
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
      io.err(`briefkit: ${error.message}\n`);
      return ExitCode.invalidInput;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`${cliMessages.internalError(message)}\n`);
    return ExitCode.invalidInput;
  }
}
