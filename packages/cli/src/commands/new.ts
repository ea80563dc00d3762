/**
 * `briefkit new <name>`: starts a brief on a new subject. It writes
 * `data/<name>/<edition>/` (a dataset.yaml with sources and two facts, and
 * one CSV table) and `templates/<name>/` (a template.yaml whose topic is
 * <name>, three sections, a table, two charts, a footnote, audiences full
 * and executive); see scaffold.ts. The result builds at once.
 *
 * It never overwrites: if either folder exists, nothing is written (exit 1).
 * Both folders are written under hidden names first and renamed into place,
 * so an interrupted run leaves no half brief; the next run finishes one
 * killed between the two renames and removes what a killed run left.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { ExitCode, InputError, type Io, UsageError } from "../io.js";
import { cliMessages } from "../messages.js";
import { processAlive, removeStaleFolders } from "../publish.js";
import { scaffoldFiles, titleFromName } from "../scaffold.js";

export interface NewOptions {
  title?: string | undefined;
  edition?: string | undefined;
  /** Publication date, YYYY-MM-DD. */
  date?: string | undefined;
}

const NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Today, or SOURCE_DATE_EPOCH's day: the scaffold's publication date when none is given. */
function today(env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  return epoch !== undefined && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
}

function validDay(s: string): boolean {
  if (!ISO_DAY.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** A folder staged by `new <name>` in process <pid>: `.<name>.new-<pid>`. */
const STAGED = /^\.([a-z0-9-]+)\.new-(\d+)$/;
/** The same, for any name: the pid is the first group. */
const ANY_STAGED = /^\.[a-z0-9-]+\.new-(\d+)$/;

/**
 * What a killed `briefkit new` left. Its folders are renamed only once both
 * are whole, data first: a staged template beside a data folder already in
 * place is a run killed between the two renames, finished here. Any other
 * staged folder of a dead process is half written, and goes.
 */
function healKilledRun(
  io: Io,
  name: string,
  dataDir: string,
  templateDir: string,
  shown: (p: string) => string,
): void {
  const staged = (parent: string) =>
    existsSync(parent)
      ? readdirSync(parent).find((n) => {
          const m = STAGED.exec(n);
          return m !== null && m[1] === name && !processAlive(Number(m[2]));
        })
      : undefined;
  const template = staged(dirname(templateDir));
  if (
    template !== undefined &&
    staged(dirname(dataDir)) === undefined &&
    existsSync(dataDir) &&
    !existsSync(templateDir)
  ) {
    renameSync(join(dirname(templateDir), template), templateDir);
    io.err(`${cliMessages.recoveredNew(shown(templateDir))}\n`);
  }
  for (const parent of [dirname(dataDir), dirname(templateDir)]) {
    const removed = removeStaleFolders(parent, ANY_STAGED);
    if (removed.length > 0) io.err(`${cliMessages.recoveredLeftovers(shown(parent), removed)}\n`);
  }
}

export async function newCommand(io: Io, name: string, options: NewOptions): Promise<ExitCode> {
  if (!NAME.test(name) || name.length > 64) throw new UsageError(cliMessages.badNewName(name));
  const now = today();
  const edition = options.edition ?? String(now.getUTCFullYear());
  if (!/^\d{4}$/.test(edition) || Number(edition) < 1805 || Number(edition) > 2100) {
    throw new UsageError(cliMessages.badNewEdition(edition));
  }
  if (options.date !== undefined && !validDay(options.date)) {
    throw new UsageError(cliMessages.badDate(options.date));
  }
  const title = (options.title ?? titleFromName(name)).trim();
  if (title === "" || /[\r\n]/.test(title)) throw new UsageError(cliMessages.badNewTitle());

  const shown = (p: string) => relative(io.cwd, p) || ".";
  const dataDir = resolve(io.cwd, "data", name);
  const templateDir = resolve(io.cwd, "templates", name);
  healKilledRun(io, name, dataDir, templateDir, shown);
  const taken = [dataDir, templateDir].filter((d) => existsSync(d));
  if (taken.length > 0) throw new InputError(cliMessages.newExists(taken.map(shown)));

  const files = scaffoldFiles({
    name,
    title,
    edition: Number(edition),
    published: options.date ?? now.toISOString().slice(0, 10),
  });
  // Each top folder is written under a hidden name beside its target, then renamed.
  const staged = [
    { target: dataDir, tmp: join(dirname(dataDir), `.${name}.new-${process.pid}`) },
    { target: templateDir, tmp: join(dirname(templateDir), `.${name}.new-${process.pid}`) },
  ];
  const renamed: string[] = [];
  try {
    for (const f of files) {
      const stage = staged.find((s) => f.path.startsWith(`${shown(s.target)}/`))!;
      const file = join(stage.tmp, relative(stage.target, resolve(io.cwd, f.path)));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, f.text, { flag: "wx" });
    }
    for (const s of staged) {
      renameSync(s.tmp, s.target);
      renamed.push(s.target);
    }
  } catch (error) {
    for (const s of staged) rmSync(s.tmp, { recursive: true, force: true });
    for (const d of renamed) rmSync(d, { recursive: true, force: true });
    throw new InputError(cliMessages.outNotWritable(shown(io.cwd), (error as Error).message));
  }
  io.out(
    `${cliMessages.newCreated({
      title,
      files: files.map((f) => f.path),
      template: shown(templateDir),
      data: join(shown(dataDir), edition),
    })}\n`,
  );
  return ExitCode.ok;
}
