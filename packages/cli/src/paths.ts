/**
 * Where briefkit looks when the user names nothing: DESIGN.md's defaults
 * (`templates/russia-japan`, the newest edition under `data/russia-japan/`),
 * and the editions (vintages) of a topic, found by @briefkit/data's
 * `listEditions`: two folders declaring one edition, or a folder named other
 * than the edition it declares, are invalid input (exit 1), never a guess.
 */
import { existsSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { type Edition, listEditions } from "@briefkit/data";
import { InputError, UsageError } from "./io.js";
import { cliMessages } from "./messages.js";

export const defaultTopic = "russia-japan";

function isDir(p: string): boolean {
  return existsSync(p) && statSync(p).isDirectory();
}

export const isDatasetDir = (dir: string) => existsSync(join(dir, "dataset.yaml"));

/** A path as the user sees it: relative to the working directory. */
const shown = (cwd: string, p: string) => relative(cwd, p) || ".";

const byEdition = new Intl.Collator("en", { numeric: true });

/** Compares edition ids as briefkit orders them ("2005" < "2006" < "2010"). */
export const compareEditions = (a: string, b: string) => byEdition.compare(a, b);

/**
 * The edition folders of a topic, oldest first. Throws InputError (exit 1)
 * with every problem at its dataset.yaml when two folders declare one
 * edition or a folder is named other than its edition.
 */
export async function topicEditions(topicDir: string, cwd = ""): Promise<readonly Edition[]> {
  const list = await listEditions(topicDir);
  if (!list.ok) throw new InputError(cliMessages.badEditions(shown(cwd, topicDir)), list.issues);
  return list.editions;
}

export interface DataChoice {
  /** `--data DIR` as given, if any. */
  data?: string | undefined;
  /** `--edition YEAR`, if any. */
  edition?: string | undefined;
}

/**
 * Resolves the dataset folder: `--data` wins (a dataset folder, or a topic
 * folder to take its newest edition), else `--edition` under the default
 * topic, else the topic's newest edition.
 */
export async function resolveDataDir(cwd: string, choice: DataChoice): Promise<string> {
  if (choice.data !== undefined) {
    const dir = resolve(cwd, choice.data);
    if (!isDir(dir)) throw new UsageError(cliMessages.notADirectory("--data", choice.data));
    if (isDatasetDir(dir)) return dir;
    // A topic folder was given: take its newest edition, as the default does.
    const newest = (await topicEditions(dir, cwd)).at(-1);
    if (newest === undefined) throw new InputError(cliMessages.noDatasetYaml(choice.data));
    return newest.dir;
  }
  const topicDir = resolve(cwd, "data", defaultTopic);
  const editions = await topicEditions(topicDir, cwd);
  if (choice.edition !== undefined) {
    const found = editions.find((e) => e.edition === choice.edition);
    if (!found) {
      throw new InputError(
        cliMessages.editionNotFound(
          choice.edition,
          shown(cwd, topicDir),
          editions.map((e) => e.edition),
        ),
      );
    }
    return found.dir;
  }
  const newest = editions.at(-1);
  if (newest === undefined) throw new InputError(cliMessages.noEditions(shown(cwd, topicDir)));
  return newest.dir;
}

/**
 * A dataset folder named on the command line (`--from`, `--to`,
 * `--previous`, `--track-changes-from`): a folder holding dataset.yaml, or
 * an edition id of the default topic ("2005").
 */
export async function resolveEditionArg(cwd: string, flag: string, value: string): Promise<string> {
  const dir = resolve(cwd, value);
  if (isDir(dir)) {
    if (isDatasetDir(dir)) return dir;
    throw new InputError(cliMessages.noDatasetYaml(value));
  }
  // "2005", or "data/russia-japan/2005": an edition of a topic, which may not exist.
  const bare = !/[\\/]/.test(value);
  const topicDir = bare ? resolve(cwd, "data", defaultTopic) : dirname(dir);
  const name = bare ? value : basename(dir);
  const editions = isDir(topicDir) ? await topicEditions(topicDir, cwd) : [];
  const found = editions.find((e) => e.edition === name);
  if (found) return found.dir;
  if (editions.length > 0) {
    throw new InputError(
      cliMessages.editionNotFound(
        name,
        shown(cwd, topicDir),
        editions.map((e) => e.edition),
      ),
    );
  }
  throw new UsageError(cliMessages.notADirectory(flag, value));
}

/**
 * The edition before `edition` of dataset `id`: the newest older edition
 * among the folder's siblings (its topic folder), else under
 * `data/<id>/` (a dataset kept elsewhere, such as a test fixture, still
 * has the topic's editions before it). Undefined for a first edition.
 */
export async function previousEditionDir(
  cwd: string,
  dataDir: string,
  edition: string,
  id: string,
): Promise<string | undefined> {
  const older = async (topicDir: string) => {
    const list = await listEditions(topicDir);
    // Two vintages declaring this edition or an older one would make "previous" a guess.
    const dup = list.issues.filter((i) => i.code === "duplicate-edition");
    if (dup.length > 0) throw new InputError(cliMessages.badEditions(shown(cwd, topicDir)), dup);
    return list.editions.filter(
      (e) => resolve(e.dir) !== resolve(dataDir) && compareEditions(e.edition, edition) < 0,
    );
  };
  const siblings = await older(dirname(resolve(dataDir)));
  if (siblings.length > 0) return siblings.at(-1)!.dir;
  const topicDir = resolve(cwd, "data", id);
  if (!isDir(topicDir) || resolve(topicDir) === dirname(resolve(dataDir))) return undefined;
  return (await older(topicDir)).at(-1)?.dir;
}

export const defaultTemplate = join("templates", defaultTopic);

/** The template folder a command works on. */
export function resolveTemplateDir(cwd: string, template: string | undefined): string {
  const given = template ?? defaultTemplate;
  const templateDir = resolve(cwd, given);
  if (!isDir(templateDir)) throw new UsageError(cliMessages.notADirectory("--template", given));
  if (!existsSync(join(templateDir, "template.yaml")))
    throw new InputError(cliMessages.noTemplate(given));
  return templateDir;
}

/** The template folder and the dataset folder a command works on. */
export async function resolveTemplate(
  cwd: string,
  options: DataChoice & { template?: string | undefined },
): Promise<{ templateDir: string; dataDir: string }> {
  const templateDir = resolveTemplateDir(cwd, options.template);
  return { templateDir, dataDir: await resolveDataDir(cwd, options) };
}

/** "data/russia-japan/2005" → "2005": an edition folder's name. */
export const folderName = (dir: string) => basename(resolve(dir));
