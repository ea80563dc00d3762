/**
 * `briefkit edition new`: scaffolds the next vintage of a topic's data.
 *
 * It copies `data/<topic>/<from>/` (default: the newest edition) to
 * `data/<topic>/<to>/` (default: from + 1), every table file and fact kept,
 * and sets `edition:` and the dates in the copy's dataset.yaml. The analyst
 * then only edits figures.
 *
 * Dates, never from the clock: `published` is `--date` when given, else the
 * previous edition's publication day moved on by the years between the two
 * editions (2005-09-08 → 2006-09-08); `dataAsOf` moves on the same way. A
 * date briefkit chose is marked in dataset.yaml with a
 * `# placeholder from briefkit edition new` comment, and `briefkit validate`
 * and `briefkit build` warn about it until the comment is gone.
 *
 * The copy is made in a hidden folder beside the target and renamed into
 * place, so an interrupted run leaves no half edition (and the next run
 * removes the hidden copy a killed one left); an existing edition is never
 * overwritten.
 */
import { cpSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { loadDataset } from "@briefkit/data";
import { ExitCode, InputError, type Io, UsageError } from "../io.js";
import { type PrintableIssue, reportFailure } from "../issues.js";
import { cliMessages } from "../messages.js";
import { resolveTopic, type TopicChoice, topicEditions } from "../paths.js";
import { removeStaleFolders } from "../publish.js";

export interface EditionNewOptions extends TopicChoice {
  from?: string | undefined;
  to?: string | undefined;
  /** Publication date of the new edition, YYYY-MM-DD. */
  date?: string | undefined;
}

/** The comment that marks a date briefkit chose, for validate and build to warn about. */
export const PLACEHOLDER = "placeholder from briefkit edition new";
const PLACEHOLDER_LINE =
  /^(published|dataAsOf):[ \t]*([^\r\n#]*?)[ \t]*#[ \t]*placeholder from briefkit edition new/gm;

/** Warnings for dates `edition new` left as placeholders in `dir`/dataset.yaml. */
export function placeholderWarnings(dir: string): PrintableIssue[] {
  const file = join(dir, "dataset.yaml");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  const out: PrintableIssue[] = [];
  for (const m of text.matchAll(PLACEHOLDER_LINE)) {
    const before = text.slice(0, m.index);
    out.push({
      code: "placeholder-date",
      severity: "warning",
      file,
      line: before.split("\n").length,
      column: m[1]!.length + 3,
      message: cliMessages.placeholderDate(m[1]!, m[2]!.replace(/["']/g, "")),
      hint: cliMessages.placeholderHint,
    });
  }
  return out;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function validDay(s: string): boolean {
  if (!ISO_DAY.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** `iso` moved on by `years`, 29 February becoming 28 February in other years. */
export function shiftYears(iso: string, years: number): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const year = y + years;
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** Sets a top-level `key:` of dataset.yaml, keeping every other line (and comment) as it is. */
function setField(text: string, key: string, value: string, comment?: string): string {
  const line = new RegExp(`^${key}:[^\\r\\n]*`, "m");
  const written = `${key}: "${value}"${comment ? ` # ${comment}` : ""}`;
  return line.test(text) ? text.replace(line, written) : text;
}

export async function editionNewCommand(io: Io, options: EditionNewOptions): Promise<ExitCode> {
  const { topicDir, templateDir } = resolveTopic(io.cwd, options);
  const shown = (p: string) => relative(io.cwd, p) || ".";
  const editions = await topicEditions(topicDir, io.cwd);
  if (editions.length === 0) throw new InputError(cliMessages.noEditions(shown(topicDir)));

  const source =
    options.from === undefined
      ? editions.at(-1)!
      : editions.find((e) => e.edition === options.from);
  if (!source) {
    throw new InputError(
      cliMessages.editionNotFound(
        options.from ?? "",
        shown(topicDir),
        editions.map((e) => e.edition),
      ),
    );
  }
  const from = source.edition;
  const to = options.to ?? (/^\d+$/.test(from) ? String(Number(from) + 1) : undefined);
  if (to === undefined) throw new UsageError(cliMessages.needTo(from));
  if (!/^[A-Za-z0-9][\w.-]*$/.test(to)) throw new UsageError(cliMessages.badEditionId(to));
  if (options.date !== undefined && !validDay(options.date)) {
    throw new UsageError(cliMessages.badDate(options.date));
  }
  const target = join(topicDir, to);
  const taken = editions.find((e) => e.edition === to);
  if (existsSync(target) || taken) {
    throw new InputError(cliMessages.editionExists(to, shown(taken?.dir ?? target)));
  }

  // The source must load: a copy of broken data is not a new edition.
  const loaded = await loadDataset(source.dir);
  if (!loaded.ok)
    return reportFailure(
      io,
      loaded.issues.filter((i) => i.severity === "error"),
    );
  const meta = loaded.dataset.meta;
  const years = /^\d+$/.test(from) && /^\d+$/.test(to) ? Number(to) - Number(from) : 1;
  const published = options.date ?? shiftYears(meta.published, years);
  const dataAsOf = meta.dataAsOf === undefined ? undefined : shiftYears(meta.dataAsOf, years);

  // A copy a killed run left is half an edition at most: it goes.
  const stale = removeStaleFolders(topicDir, /^\.[^/]+\.partial-(\d+)$/);
  if (stale.length > 0) io.err(`${cliMessages.recoveredLeftovers(shown(topicDir), stale)}\n`);
  const tmp = join(topicDir, `.${to}.partial-${process.pid}`);
  try {
    cpSync(source.dir, tmp, { recursive: true, errorOnExist: true });
    const file = join(tmp, "dataset.yaml");
    let text = readFileSync(file, "utf8");
    text = setField(text, "edition", to);
    text = setField(
      text,
      "published",
      published,
      options.date === undefined ? PLACEHOLDER : undefined,
    );
    if (dataAsOf !== undefined) text = setField(text, "dataAsOf", dataAsOf, PLACEHOLDER);
    writeFileSync(file, text);
    const check = await loadDataset(tmp);
    if (!check.ok || check.dataset.meta.edition !== to) {
      rmSync(tmp, { recursive: true, force: true });
      return reportFailure(
        io,
        check.issues.filter((i) => i.severity === "error"),
      );
    }
    renameSync(tmp, target);
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw new InputError(cliMessages.outNotWritable(shown(topicDir), (error as Error).message));
  }

  const dir = shown(target);
  const tables = loaded.dataset.tables.map((t) => join(dir, t.file));
  io.out(
    `${cliMessages.editionCreated({
      dir,
      from,
      fromDir: shown(source.dir),
      to,
      published,
      placeholder: options.date === undefined,
      dataAsOf,
      tables,
      facts: loaded.dataset.facts.length,
      template: templateDir === undefined ? undefined : shown(templateDir),
    })}\n`,
  );
  return ExitCode.ok;
}
