/**
 * `briefkit build`: compose every requested audience, write every requested
 * format, all or nothing. All audiences are composed and rendered in memory
 * before anything is written, so a problem anywhere leaves the output folder
 * as it was; then the files are staged in the folder and swapped in under a
 * journal, with a manifest of the set written last (src/publish.ts).
 *
 * The edition before the one built (its topic's, or `--previous DIR`) feeds
 * the "Changes since the last edition" appendix of audiences that ask for
 * it. `--track-changes-from DIR` writes instead
 * `<template>-<edition>-<audience>-tracked.<ext>` (DOCX by default): the new
 * edition with every sentence that changed against DIR as a tracked change
 * (author "briefkit", dated with the build date).
 */
import { basename, join, relative, resolve } from "node:path";
import { compose, createComposeCache, templateParams, trackChanges } from "@briefkit/compose";
import { type Dataset, loadDataset } from "@briefkit/data";
import type { Document, Theme, WriterSettings } from "@briefkit/document";
import { ExitCode, type Io, UsageError } from "../io.js";
import {
  countBySeverity,
  formatProblem,
  type PrintableIssue,
  reportFailure,
  uniqueIssues,
} from "../issues.js";
import { languageOption } from "../language.js";
import { cliMessages } from "../messages.js";
import { everyCombination, paramsSuffix, parseParamFlags } from "../params.js";
import {
  type DataChoice,
  previousEditionDir,
  resolveEditionArg,
  resolveTemplate,
  type TemplateContext,
  templateTopicDir,
  usedLine,
} from "../paths.js";
import { publishFor } from "../publish.js";
import { createRenderer, defaultRenderMode, type Renderer } from "../render.js";
import { FORMATS, type Format, isFormat, pdfPageCount, type Rendered } from "../writers.js";
import { placeholderWarnings } from "./edition.js";

export interface BuildOptions extends DataChoice {
  template?: string | undefined;
  audience?: string | undefined;
  format?: string | undefined;
  out?: string | undefined;
  /** The previous edition for the changes appendix; default the edition before in its topic. */
  previous?: string | undefined;
  /** Write the briefs with tracked changes against this edition instead. */
  trackChangesFrom?: string | undefined;
  /** `--param NAME=VALUE`, repeated: one value per parameter of the template. */
  param?: string[] | undefined;
  /** One brief per value (every combination) of the template's parameters. */
  allParams?: boolean | undefined;
  /** Every audience in this language (BCP 47); the files are named with it. */
  language?: string | undefined;
}

/** The author Word shows on every tracked change. */
export const CHANGE_AUTHOR = "briefkit";

/** The date stamped into the files: SOURCE_DATE_EPOCH if set, else the edition's publication date. */
export function buildDate(published: string, env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== "") {
    if (!/^\d+$/.test(epoch)) throw new UsageError(cliMessages.badEpoch(epoch));
    return new Date(Number(epoch) * 1000);
  }
  return new Date(`${published}T00:00:00Z`);
}

export function parseFormats(value: string | undefined): Format[] {
  if (value === undefined || value === "all") return [...FORMATS];
  const names = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = names.filter((n) => !isFormat(n));
  if (bad.length > 0 || names.length === 0)
    throw new UsageError(cliMessages.badFormat(bad.join(", ") || value, FORMATS));
  return [...new Set(names)] as Format[];
}

export async function buildCommand(io: Io, options: BuildOptions): Promise<ExitCode> {
  const tracked = options.trackChangesFrom !== undefined;
  // Tracked changes are Word's way of showing them: DOCX unless formats are named.
  const formats = parseFormats(options.format ?? (tracked ? "docx" : undefined));
  const given = parseParamFlags(options.param);
  if (options.allParams && Object.keys(given).length > 0) {
    throw new UsageError(cliMessages.paramAndAllParams);
  }
  languageOption(options.language);
  const ctx = await resolveTemplate(io.cwd, options);
  io.err(`${usedLine(io.cwd, ctx.templateDir, [ctx.dataDir])}\n`);
  // Started before the data is read, so the writer thread loads while this one composes.
  const renderer = createRenderer(formats, defaultRenderMode());
  try {
    return await build(io, options, { formats, tracked, ctx, renderer });
  } finally {
    await renderer.close();
  }
}

async function build(
  io: Io,
  options: BuildOptions,
  {
    formats,
    tracked,
    ctx,
    renderer,
  }: {
    formats: Format[];
    tracked: boolean;
    ctx: TemplateContext & { dataDir: string };
    renderer: Renderer;
  },
): Promise<ExitCode> {
  const { templateDir, dataDir } = ctx;
  const language = languageOption(options.language);
  const topic = () => templateTopicDir(io.cwd, ctx);
  const outDir = resolve(io.cwd, options.out ?? "out");
  const t0 = performance.now();

  const loaded = await loadDataset(dataDir);
  const problems: PrintableIssue[] = loaded.issues.filter((i) => i.severity === "error");
  if (!loaded.ok) return reportFailure(io, problems);
  const dataset = loaded.dataset;
  const warnings: string[] = [];
  const notes: PrintableIssue[] = placeholderWarnings(dataDir);
  // The data's own warnings (a published total off by rounding, a total with
  // a part missing) are validate's to list; a build says how many there are.
  const dataWarnings = loaded.issues.filter((i) => i.severity === "warning").length;
  if (dataWarnings > 0) {
    warnings.push(cliMessages.dataWarnings(dataWarnings, relative(io.cwd, dataDir) || "."));
  }

  // The edition compared with: --track-changes-from, else --previous, else the one before.
  const baseDir =
    options.trackChangesFrom !== undefined
      ? await resolveEditionArg(io.cwd, "--track-changes-from", options.trackChangesFrom, topic)
      : options.previous !== undefined
        ? await resolveEditionArg(io.cwd, "--previous", options.previous, topic)
        : await previousEditionDir(io.cwd, dataDir, dataset.meta.edition, dataset.meta.id);
  let previous: Dataset | undefined;
  if (baseDir !== undefined) {
    const before = await loadDataset(baseDir);
    if (!before.ok)
      return reportFailure(
        io,
        before.issues.filter((i) => i.severity === "error"),
      );
    previous = before.dataset;
  }

  const audiences =
    options.audience === undefined || options.audience === "all"
      ? ctx.audiences
      : [options.audience];
  // The parameters' values on this edition: a table or column that is not there is an error here.
  const declared = templateParams(templateDir, dataset);
  if (!declared.ok) return reportFailure(io, [...problems, ...declared.issues]);
  // One brief per combination with --all-params; else the values given (compose checks them).
  const paramSets = options.allParams
    ? everyCombination(declared.params)
    : [parseParamFlags(options.param)];
  const now = buildDate(dataset.meta.published);
  const changeDate = now.toISOString().slice(0, 10);

  // Nothing is written unless every audience composes. A threaded format's
  // files go to their thread as soon as their audience is composed, so the
  // thread works while this one composes the next audience; the files written
  // here wait until every audience is composed.
  interface Composed {
    audience: string;
    /** The part of the file name the parameters' values give ("-primorskiy-krai"). */
    suffix: string;
    document: Document;
    theme: Theme;
    writers: WriterSettings;
    maxPages: number | undefined;
    maxPagesAt: { file: string; line: number; column: number } | undefined;
    ms: number;
  }
  const jobs: Array<{ c: Composed; format: Format; rendered: () => Promise<Rendered> }> = [];
  const cache = createComposeCache();
  const runs = paramSets.flatMap((params) => audiences.map((audience) => ({ params, audience })));
  for (const { params, audience } of runs) {
    const started = performance.now();
    const result = await compose({
      templateDir,
      dataset,
      audience,
      cache,
      cwd: io.cwd,
      params,
      ...(previous ? { previous } : {}),
      ...(language ? { language } : {}),
    });
    problems.push(...result.issues);
    let document = result.ok ? result.document : undefined;
    if (result.ok && tracked && previous) {
      // The earlier edition's text, charts aside: only sentences are tracked.
      const before = await compose({
        templateDir,
        dataset: previous,
        audience,
        cache,
        cwd: io.cwd,
        params,
        figures: false,
        ...(language ? { language } : {}),
      });
      problems.push(...before.issues);
      if (before.ok) {
        document = trackChanges(before.document, result.document, {
          author: CHANGE_AUTHOR,
          date: changeDate,
        });
      }
    }
    if (!result.ok || document === undefined || countBySeverity(problems).errors > 0) continue;
    const c: Composed = {
      audience,
      suffix: paramsSuffix(declared.params, params),
      document,
      theme: result.theme,
      writers: result.writers,
      maxPages: result.template.maxPages,
      maxPagesAt: result.template.maxPagesAt,
      ms: performance.now() - started,
    };
    for (const format of formats) {
      const job = { format, document, theme: c.theme, settings: c.writers, now };
      if (renderer.threaded(format)) {
        const rendered = renderer.render(job);
        // Handled here too: a build that stops at a later audience never awaits it.
        rendered.catch(() => undefined);
        jobs.push({ c, format, rendered: () => rendered });
      } else {
        jobs.push({ c, format, rendered: () => renderer.render(job) });
      }
    }
  }
  if (countBySeverity(problems).errors > 0) return reportFailure(io, problems);

  // Every file is rendered in memory before any is written.
  const files: Array<{ path: string; bytes: Uint8Array; pages: number | undefined; ms: number }> =
    [];
  // Promise.all settles every job, so a failure in one leaves none unhandled.
  const results = await Promise.all(jobs.map((j) => j.rendered()));
  for (const [i, { c, format }] of jobs.entries()) {
    const { bytes, warnings: logged, ms } = results[i]!;
    for (const w of logged) {
      warnings.push(cliMessages.writerWarning(format, c.audience, w.code, w.message, w.path));
    }
    const pages = format === "pdf" ? pdfPageCount(bytes) : undefined;
    if (pages !== undefined && c.maxPages !== undefined && pages > c.maxPages) {
      const at = c.maxPagesAt ?? { file: join(templateDir, "template.yaml"), line: 1, column: 1 };
      notes.push({
        code: "length-target",
        severity: "warning",
        ...at,
        message: cliMessages.overLength(c.audience, pages, c.maxPages),
        hint: cliMessages.overLengthHint,
      });
    }
    const name = `${ctx.id}-${dataset.meta.edition}${c.suffix}-${c.audience}${language ? `.${language}` : ""}${tracked ? "-tracked" : ""}.${format}`;
    files.push({ path: join(outDir, name), bytes, pages, ms: c.ms / formats.length + ms });
  }
  for (const p of uniqueIssues([...notes, ...problems])) io.err(`${formatProblem(p, io.cwd)}\n`);
  for (const w of warnings) io.err(`${w}\n`);

  // All or nothing, and a folder a killed build left is healed first (src/publish.ts).
  await publishFor(
    io,
    outDir,
    files.map((f) => ({ name: basename(f.path), bytes: f.bytes })),
    { manifest: { template: ctx.id, edition: dataset.meta.edition, date: now.toISOString() } },
  );
  for (const f of files) {
    io.out(`${cliMessages.fileSummary(relative(io.cwd, f.path), f.pages, f.bytes.length, f.ms)}\n`);
  }
  // maxRSS covers the whole process, the writer thread included.
  const peak = process.resourceUsage().maxRSS * 1024;
  io.out(`${cliMessages.buildSummary(files.length, performance.now() - t0, peak)}\n`);
  if (tracked) {
    io.out(
      `${cliMessages.trackedSummary(previous?.meta.edition ?? "?", dataset.meta.edition, CHANGE_AUTHOR, changeDate)}\n`,
    );
  }
  return ExitCode.ok;
}
