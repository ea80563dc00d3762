/**
 * Where briefkit looks when the user names nothing: DESIGN.md's defaults
 * (`templates/russia-japan`, the newest edition under `data/russia-japan/`).
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { InputError, UsageError } from "./io.js";
import { cliMessages } from "./messages.js";

export const defaultTopic = "russia-japan";

function isDir(p: string): boolean {
  return existsSync(p) && statSync(p).isDirectory();
}

/** Edition folders of a topic (those holding a dataset.yaml), oldest first. */
export function listEditions(topicDir: string): string[] {
  if (!isDir(topicDir)) return [];
  return readdirSync(topicDir)
    .filter((name) => existsSync(join(topicDir, name, "dataset.yaml")))
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
}

export interface DataChoice {
  /** `--data DIR` as given, if any. */
  data?: string | undefined;
  /** `--edition YEAR`, if any. */
  edition?: string | undefined;
}

/**
 * Resolves the dataset folder: `--data` wins, else `--edition` under the
 * default topic, else the topic's newest edition.
 */
export function resolveDataDir(cwd: string, choice: DataChoice): string {
  if (choice.data !== undefined) {
    const dir = resolve(cwd, choice.data);
    if (!isDir(dir)) throw new UsageError(cliMessages.notADirectory("--data", choice.data));
    if (!existsSync(join(dir, "dataset.yaml"))) {
      // A topic folder was given: take its newest edition, as the default does.
      const editions = listEditions(dir);
      const newest = editions.at(-1);
      if (newest === undefined) throw new InputError(cliMessages.noDatasetYaml(choice.data));
      return join(dir, newest);
    }
    return dir;
  }
  const topicDir = resolve(cwd, "data", defaultTopic);
  const editions = listEditions(topicDir);
  if (choice.edition !== undefined) {
    if (!editions.includes(choice.edition)) {
      throw new InputError(cliMessages.editionNotFound(choice.edition, topicDir, editions));
    }
    return join(topicDir, choice.edition);
  }
  const newest = editions.at(-1);
  if (newest === undefined) throw new InputError(cliMessages.noEditions(topicDir));
  return join(topicDir, newest);
}

export const defaultTemplate = join("templates", defaultTopic);

/** The template folder and the dataset folder a command works on. */
export function resolveTemplate(
  cwd: string,
  options: DataChoice & { template?: string | undefined },
): { templateDir: string; dataDir: string } {
  const given = options.template ?? defaultTemplate;
  const templateDir = resolve(cwd, given);
  if (!isDir(templateDir)) throw new UsageError(cliMessages.notADirectory("--template", given));
  if (!existsSync(join(templateDir, "template.yaml")))
    throw new InputError(cliMessages.noTemplate(given));
  return { templateDir, dataDir: resolveDataDir(cwd, options) };
}
