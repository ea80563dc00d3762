/**
 * What a batch builds: a batch file (YAML) or repeated flags, expanded into
 * jobs, one per template × dataset × audience × language × parameter
 * values, each with its output names, in a stable order (by job key).
 *
 * Planning reads every template and dataset a batch names before any job
 * runs. A batch that names something that is not there (a template, an
 * edition, an audience, a parameter value, a language) is bad input: every
 * problem is reported at its place in the batch file (or as a usage error for
 * flags), exit 1, nothing built. What can only fail in building (the Liquid
 * of a section, a writer) fails that job alone.
 */
import { readFileSync } from "node:fs";
import { dirname, relative, resolve, sep } from "node:path";
import { type ParamValues, templateParams } from "@briefkit/compose";
import {
  type Dataset,
  loadDataset,
  nearestName,
  parseYaml,
  validateYaml,
  type YamlPath,
} from "@briefkit/data";
import { buildDate } from "../commands/build.js";
import { InputError, UsageError } from "../io.js";
import type { PrintableIssue } from "../issues.js";
import { canonicalLanguage } from "../language.js";
import { cliMessages } from "../messages.js";
import { everyCombination, paramsSuffix, parseParamLists } from "../params.js";
import {
  loadTemplateContext,
  previousEditionDir,
  resolveDataDir,
  resolveEditionArg,
  type TemplateContext,
  templateTopicDir,
} from "../paths.js";
import { FORMATS, type Format } from "../writers.js";
import type { BatchJob } from "./job.js";
import { BatchFile } from "./schema.js";

/** One entry to expand, from the file or the flags. */
interface Entry {
  template: string;
  data: Array<string | undefined>;
  audiences: string[] | "all";
  languages: string[];
  params: "all" | Record<string, string[]> | undefined;
  /** Where a part of the entry is written; undefined for flags. */
  at: ((path: YamlPath) => Place) | undefined;
}
interface Place {
  file: string;
  line: number;
  column: number;
}

export interface Plan {
  jobs: BatchJob[];
  out: string;
  formats: Format[];
  /** For each job, by key: the template and data folders it reads (for the cache's inputs). */
  sources: Map<
    string,
    { templateDirs: string[]; dataDir: string; previousDir: string | undefined }
  >;
}

/** Flags of `briefkit batch` without a file: lists, every combination built. */
export interface BatchFlags {
  template?: string[] | undefined;
  data?: string[] | undefined;
  audience?: string[] | undefined;
  language?: string[] | undefined;
  param?: string[] | undefined;
  allParams?: boolean | undefined;
}

const posix = (p: string) => p.split(sep).join("/");

/** Reads and checks a batch file; every problem at its file:line:column. */
export function readBatchFile(file: string): BatchFile & { locate: (path: YamlPath) => Place } {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(cliMessages.batchFileUnreadable(file, (error as Error).message));
  }
  const yaml = parseYaml(text, { positions: "eager" });
  if (!yaml.ok) {
    throw new InputError(
      cliMessages.batchFileInvalid,
      yaml.problems.map((p) => ({
        code: "batch-yaml",
        severity: "error",
        file,
        ...p.at,
        message: p.message,
      })),
    );
  }
  const parsed = validateYaml(yaml, BatchFile);
  if (!parsed.ok) {
    throw new InputError(
      cliMessages.batchFileInvalid,
      parsed.problems.map((p) => ({
        code: "batch-schema",
        severity: "error",
        file,
        ...p.at,
        message: p.message,
        hint: p.hint,
      })),
    );
  }
  return { ...parsed.value, locate: (path) => ({ file, ...yaml.locate(path, "key") }) };
}

/** The entries of a batch file, paths resolved against its folder. */
function fileEntries(file: string, batch: ReturnType<typeof readBatchFile>): Entry[] {
  const base = dirname(file);
  return batch.jobs.map((j, i) => ({
    template: resolve(base, j.template),
    data: (j.data ?? [undefined]).map((d) =>
      d === undefined
        ? undefined
        : typeof d === "number" || !/[\\/]/.test(d)
          ? String(d)
          : resolve(base, d),
    ),
    audiences: j.audiences ?? "all",
    // "": the audience's own language (template.yaml).
    languages: j.languages ?? [""],
    params:
      j.params === undefined || j.params === "all"
        ? j.params
        : Object.fromEntries(Object.entries(j.params).map(([k, v]) => [k, v.map(String)])),
    at: (path: YamlPath) => batch.locate(["jobs", i, ...path]),
  }));
}

/** The one entry the flags make: every template × data × audience × language × parameter value. */
function flagEntries(cwd: string, flags: BatchFlags): Entry[] {
  const given = parseParamLists(flags.param);
  if (flags.allParams && Object.keys(given).length > 0) {
    throw new UsageError(cliMessages.paramAndAllParams);
  }
  const templates = flags.template ?? ["templates/russia-japan"];
  return templates.map((template) => ({
    template: resolve(cwd, template),
    data: (flags.data ?? [undefined]).map((d) =>
      d === undefined ? undefined : /[\\/]/.test(d) ? resolve(cwd, d) : d,
    ),
    audiences:
      flags.audience === undefined || flags.audience.includes("all") ? "all" : flags.audience,
    languages: flags.language ?? [""],
    params: flags.allParams ? "all" : Object.keys(given).length > 0 ? given : undefined,
    at: undefined,
  }));
}

/**
 * Expands the batch into jobs. Problems found while planning are collected
 * (located in the batch file when there is one) and thrown together.
 */
export async function planBatch(
  cwd: string,
  source: { file: string } | { flags: BatchFlags },
  options: { out?: string | undefined; formats?: Format[] | undefined },
): Promise<Plan> {
  const batch = "file" in source ? readBatchFile(source.file) : undefined;
  const entries =
    "file" in source ? fileEntries(source.file, batch!) : flagEntries(cwd, source.flags);
  const out =
    options.out !== undefined
      ? resolve(cwd, options.out)
      : batch?.out !== undefined && "file" in source
        ? resolve(dirname(source.file), batch.out)
        : resolve(cwd, "out");
  const formats = options.formats ?? batch?.formats ?? [...FORMATS];

  const problems: PrintableIssue[] = [];
  const usage: string[] = [];
  /** A problem at `path` of the entry, or a usage error for flags. */
  const report = (entry: Entry, path: YamlPath, message: string, hint?: string) => {
    if (entry.at === undefined) usage.push(hint ? `${message} (hint: ${hint})` : message);
    else
      problems.push({
        code: "batch-plan",
        severity: "error",
        ...entry.at(path),
        message,
        ...(hint ? { hint } : {}),
      });
  };
  /** Runs `f`; a UsageError or an InputError becomes a problem at `path`, its own located issues kept. */
  const attempt = async <T>(
    entry: Entry,
    path: YamlPath,
    f: () => T | Promise<T>,
  ): Promise<T | undefined> => {
    try {
      return await f();
    } catch (error) {
      if (error instanceof InputError) {
        problems.push(...error.issues);
        report(entry, path, error.message);
        return undefined;
      }
      if (error instanceof UsageError) {
        report(entry, path, error.message);
        return undefined;
      }
      throw error;
    }
  };

  const datasets = new Map<string, Promise<Dataset | PrintableIssue[]>>();
  const loadData = (dir: string) => {
    let hit = datasets.get(dir);
    if (!hit) {
      hit = loadDataset(dir).then((r) =>
        r.ok ? r.dataset : r.issues.filter((i) => i.severity === "error"),
      );
      datasets.set(dir, hit);
    }
    return hit;
  };

  const jobs: BatchJob[] = [];
  const sources: Plan["sources"] = new Map();
  for (const entry of entries) {
    const ctx = await attempt<TemplateContext>(entry, ["template"], () =>
      loadTemplateContext(cwd, relative(cwd, entry.template) || "."),
    );
    if (ctx === undefined) continue;
    const audiences = entry.audiences === "all" ? ctx.audiences : entry.audiences;
    let audiencesOk = true;
    audiences.forEach((a, k) => {
      if (!ctx.audiences.includes(a)) {
        audiencesOk = false;
        report(
          entry,
          ["audiences", k],
          cliMessages.batchUnknownAudience(a, relative(cwd, ctx.templateDir) || ".", ctx.audiences),
          nearestName(a, ctx.audiences) && `did you mean "${nearestName(a, ctx.audiences)}"?`,
        );
      }
    });
    let languagesOk = true;
    entry.languages = entry.languages.map((l, k) => {
      if (l === "") return l;
      const tag = canonicalLanguage(l);
      if (tag === undefined) {
        languagesOk = false;
        report(entry, ["languages", k], cliMessages.batchLanguage(l));
      }
      return tag ?? l;
    });
    for (const [n, choice] of entry.data.entries()) {
      const dataPath: YamlPath = entry.data[0] === undefined ? ["template"] : ["data", n];
      const dataDir = await attempt(entry, dataPath, () =>
        choice === undefined
          ? resolveDataDir(cwd, {}, () => templateTopicDir(cwd, ctx))
          : resolveEditionArg(cwd, "data", choice, () => templateTopicDir(cwd, ctx)),
      );
      if (dataDir === undefined) continue;
      const dataset = await loadData(dataDir);
      if (Array.isArray(dataset)) {
        problems.push(...dataset);
        report(entry, dataPath, cliMessages.batchDataInvalid);
        continue;
      }
      const declared = templateParams(ctx.templateDir, dataset);
      if (!declared.ok) {
        problems.push(...declared.issues);
        report(entry, ["template"], cliMessages.badTemplate(relative(cwd, ctx.templateDir) || "."));
        continue;
      }
      const sets = paramSets(entry, declared.params, report);
      if (sets === undefined || !audiencesOk || !languagesOk) continue;
      const previousDir = await attempt(entry, dataPath, () =>
        previousEditionDir(cwd, dataDir, dataset.meta.edition, dataset.meta.id),
      );
      const now = buildDate(dataset.meta.published).toISOString();
      for (const params of sets) {
        const suffix = paramsSuffix(declared.params, params);
        for (const audience of audiences) {
          for (const language of entry.languages) {
            const paramText = declared.params.map((p) => `|${p.name}=${params[p.name]}`).join("");
            const key = `${posix(relative(cwd, ctx.templateDir))}|${posix(relative(cwd, dataDir))}|${audience}|${language}${paramText}`;
            jobs.push({
              key,
              templateDir: ctx.templateDir,
              dataDir,
              previousDir,
              audience,
              language,
              params,
              formats,
              names: formats.map(
                (f) =>
                  `${ctx.id}-${dataset.meta.edition}${suffix}-${audience}${language ? `.${language}` : ""}.${f}`,
              ),
              now,
              cwd,
            });
            sources.set(key, {
              templateDirs: templateChainDirs(ctx.templateDir),
              dataDir,
              previousDir,
            });
          }
        }
      }
    }
  }
  if (usage.length > 0 && problems.length === 0) throw new UsageError(usage.join("\n"));
  if (problems.length > 0 || usage.length > 0) {
    throw new InputError(
      usage.length > 0 ? usage.join("\n") : cliMessages.batchPlanFailed,
      problems,
    );
  }
  // One job per key (a job listed twice is built once), in key order.
  const unique = [...new Map(jobs.map((j) => [j.key, j])).values()].sort((a, b) =>
    a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
  );
  const owner = new Map<string, string>();
  for (const job of unique) {
    for (const name of job.names) {
      const other = owner.get(name);
      if (other !== undefined)
        throw new InputError(cliMessages.batchSameName(name, other, job.key));
      owner.set(name, job.key);
    }
  }
  if (unique.length === 0) throw new InputError(cliMessages.batchEmpty);
  return { jobs: unique, out, formats, sources };
}

/** The parameter values of an entry's jobs, checked against the template's; undefined after a problem. */
function paramSets(
  entry: Entry,
  declared: readonly ParamValues[],
  report: (entry: Entry, path: YamlPath, message: string, hint?: string) => void,
): Array<Record<string, string>> | undefined {
  if (entry.params === "all") return everyCombination(declared);
  const given = entry.params ?? {};
  let ok = true;
  for (const name of Object.keys(given)) {
    if (!declared.some((d) => d.name === name)) {
      ok = false;
      report(
        entry,
        ["params", name],
        cliMessages.batchUnknownParam(
          name,
          declared.map((d) => d.name),
        ),
      );
    }
  }
  const lists: ParamValues[] = [];
  for (const d of declared) {
    const values = given[d.name];
    if (values === undefined) {
      ok = false;
      report(
        entry,
        entry.params === undefined ? ["template"] : ["params"],
        cliMessages.batchParamMissing(d.name),
      );
      continue;
    }
    values.forEach((v, k) => {
      if (!d.values.includes(v)) {
        ok = false;
        const near = nearestName(v, d.values);
        report(
          entry,
          ["params", d.name, k],
          cliMessages.batchBadParamValue(d.name, v),
          near !== undefined ? `did you mean "${near}"?` : `its values: ${d.values.join(", ")}`,
        );
      }
    });
    lists.push({ ...d, values });
  }
  return ok ? everyCombination(lists) : undefined;
}

/** The template's folder and the folders it extends, child first (their files are the brief's inputs). */
function templateChainDirs(templateDir: string): string[] {
  const dirs: string[] = [];
  let dir: string | undefined = templateDir;
  while (dir !== undefined && !dirs.includes(dir)) {
    dirs.push(dir);
    let text: string;
    try {
      text = readFileSync(resolve(dir, "template.yaml"), "utf8");
    } catch {
      break;
    }
    const yaml = parseYaml(text);
    const parent = yaml.ok ? (yaml.data as { extends?: unknown } | null)?.extends : undefined;
    dir = typeof parent === "string" ? resolve(dir, parent) : undefined;
  }
  return dirs;
}
