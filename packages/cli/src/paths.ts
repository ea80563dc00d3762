/**
 * Where briefkit looks when the user names nothing: the template
 * (`templates/russia-japan` unless `--template`), and the data its `topic:`
 * names — the newest edition under `data/<topic>/`, or `--edition YEAR` of
 * that topic. `--data DIR` overrides. The editions (vintages) of a topic are
 * found by @briefkit/data's `listEditions`: two folders declaring one
 * edition, or a folder named other than the edition it declares, are invalid
 * input (exit 1), never a guess.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { templateAudiences } from "@briefkit/compose";
import { type Edition, listEditions, nearestName } from "@briefkit/data";
import { InputError, UsageError } from "./io.js";
import type { PrintableIssue } from "./issues.js";
import { cliMessages } from "./messages.js";

/** The template a command uses when `--template` is not given. */
export const defaultTemplate = join("templates", "russia-japan");

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

/** The template a command works from, and the data topic it names. */
export interface TemplateContext {
  templateDir: string;
  id: string;
  audiences: string[];
  topic: string | undefined;
  /** Where `topic:` is declared (the child's template.yaml or a parent's). */
  topicAt: { file: string; line: number; column: number } | undefined;
}

/**
 * Loads the template named by `--template` (default templates/russia-japan):
 * an invalid template is invalid input, every problem at its position.
 */
export function loadTemplateContext(cwd: string, template: string | undefined): TemplateContext {
  const templateDir = resolveTemplateDir(cwd, template);
  const listed = templateAudiences(templateDir);
  if (!listed.ok) {
    throw new InputError(cliMessages.badTemplate(shown(cwd, templateDir)), listed.issues);
  }
  return {
    templateDir,
    id: listed.id,
    audiences: listed.audiences,
    topic: listed.topic,
    topicAt: listed.topicAt,
  };
}

/**
 * The topic folder of a template's data, `data/<topic>/`. A template with
 * no topic, or a topic whose folder is not there, is invalid input at
 * `topic:` (or the template's first line), with the way out: `--data`.
 */
export function templateTopicDir(cwd: string, ctx: TemplateContext): string {
  const file = join(ctx.templateDir, "template.yaml");
  if (ctx.topic === undefined) {
    const issue: PrintableIssue = {
      code: "no-topic",
      severity: "error",
      file,
      line: 1,
      column: 1,
      message: cliMessages.noTopic(ctx.id),
      hint: cliMessages.noTopicHint,
    };
    throw new InputError(cliMessages.noData, [issue]);
  }
  const dir = resolve(cwd, "data", ctx.topic);
  if (!isDir(dir)) {
    const topics = topicsIn(cwd);
    const guess = nearestName(ctx.topic, topics);
    const issue: PrintableIssue = {
      code: "topic-not-found",
      severity: "error",
      file: ctx.topicAt?.file ?? file,
      line: ctx.topicAt?.line ?? 1,
      column: ctx.topicAt?.column ?? 1,
      message: cliMessages.topicNotFound(ctx.topic, shown(cwd, dir)),
      hint: cliMessages.topicHint(guess, topics),
    };
    throw new InputError(cliMessages.noData, [issue]);
  }
  return dir;
}

/**
 * Resolves the dataset folder: `--data` wins (a dataset folder, or a topic
 * folder to take its newest edition), else `--edition` of the topic, else
 * the topic's newest edition. `topic` gives the topic folder, asked only
 * when needed (a template without a topic is fine with `--data`).
 */
export async function resolveDataDir(
  cwd: string,
  choice: DataChoice,
  topic: () => string,
): Promise<string> {
  if (choice.data !== undefined) {
    const dir = resolve(cwd, choice.data);
    if (!isDir(dir)) throw new UsageError(cliMessages.notADirectory("--data", choice.data));
    if (isDatasetDir(dir)) return dir;
    // A topic folder was given: take its newest edition, as the default does.
    const newest = (await topicEditions(dir, cwd)).at(-1);
    if (newest === undefined) throw new InputError(cliMessages.noDatasetYaml(choice.data));
    return newest.dir;
  }
  const topicDir = topic();
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
 * an edition id of the template's topic ("2005").
 */
export async function resolveEditionArg(
  cwd: string,
  flag: string,
  value: string,
  topic: () => string,
): Promise<string> {
  const dir = resolve(cwd, value);
  if (isDir(dir)) {
    if (isDatasetDir(dir)) return dir;
    throw new InputError(cliMessages.noDatasetYaml(value));
  }
  // "2005", or "data/russia-japan/2005": an edition of a topic, which may not exist.
  const bare = !/[\\/]/.test(value);
  const topicDir = bare ? topic() : dirname(dir);
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

/** The template folder a command works on. */
export function resolveTemplateDir(cwd: string, template: string | undefined): string {
  const given = template ?? defaultTemplate;
  const templateDir = resolve(cwd, given);
  if (!isDir(templateDir)) throw new UsageError(cliMessages.notADirectory("--template", given));
  if (!existsSync(join(templateDir, "template.yaml")))
    throw new InputError(cliMessages.noTemplate(given));
  return templateDir;
}

/**
 * The template and the dataset folder a command works on: the template's
 * topic chooses the data unless `--data` names it.
 */
export async function resolveTemplate(
  cwd: string,
  options: DataChoice & { template?: string | undefined },
): Promise<TemplateContext & { dataDir: string }> {
  const ctx = loadTemplateContext(cwd, options.template);
  const dataDir = await resolveDataDir(cwd, options, () => templateTopicDir(cwd, ctx));
  return { ...ctx, dataDir };
}

/** `--topic NAME` or `--template DIR`: how validate and `edition new` choose a topic. */
export interface TopicChoice {
  topic?: string | undefined;
  template?: string | undefined;
}

/**
 * The topic folder for validate and `edition new`: `--topic NAME`
 * (data/NAME/), else the topic of `--template DIR` (default
 * templates/russia-japan; in a folder without it, the one topic under
 * data/). `templateDir` is set when a template chose it.
 */
export function resolveTopic(
  cwd: string,
  choice: TopicChoice,
): { topicDir: string; templateDir: string | undefined } {
  if (choice.topic !== undefined) {
    if (choice.template !== undefined) throw new UsageError(cliMessages.topicAndTemplate);
    if (!/^[\w.-]+$/.test(choice.topic)) throw new UsageError(cliMessages.badTopic(choice.topic));
    return { topicDir: resolve(cwd, "data", choice.topic), templateDir: undefined };
  }
  if (choice.template === undefined && !isDir(resolve(cwd, defaultTemplate))) {
    // No template to ask (a data-only folder): the one topic there is, if only one.
    const topics = topicsIn(cwd);
    if (topics.length === 1) {
      return { topicDir: resolve(cwd, "data", topics[0]!), templateDir: undefined };
    }
    throw new UsageError(cliMessages.whichTopic(topics));
  }
  const ctx = loadTemplateContext(cwd, choice.template);
  return { topicDir: templateTopicDir(cwd, ctx), templateDir: ctx.templateDir };
}

/** The topic folders under data/. */
function topicsIn(cwd: string): string[] {
  const dataRoot = resolve(cwd, "data");
  return isDir(dataRoot)
    ? readdirSync(dataRoot)
        .filter((n) => !n.startsWith(".") && isDir(join(dataRoot, n)))
        .sort()
    : [];
}

/** The line every command prints on stderr: which template and which data it used. */
export function usedLine(
  cwd: string,
  templateDir: string | undefined,
  dataDirs: readonly string[],
): string {
  return cliMessages.used(
    templateDir === undefined ? undefined : shown(cwd, templateDir),
    dataDirs.map((d) => shown(cwd, d)),
  );
}

/** "data/russia-japan/2005" → "2005": an edition folder's name. */
export const folderName = (dir: string) => basename(resolve(dir));
