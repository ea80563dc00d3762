/**
 * The warm side of `briefkit preview`: one process that rebuilds a brief on
 * every save, reusing what did not change. The dataset is kept while the
 * bytes of its folder are the same (a template edit re-reads no table, and
 * the indicators, evaluated per dataset object in the compose cache, are not
 * evaluated again); templates are kept by file stamp and rendered charts by
 * their input (both in the compose cache). The outputs stay in memory:
 * preview writes no file anywhere, so a watched folder is never written.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { type ComposeCache, compose, createComposeCache } from "@briefkit/compose";
import { type Dataset, type LoadResult, loadDataset } from "@briefkit/data";
import { assertNever } from "@briefkit/document";
import { buildDate } from "../commands/build.js";
import { formatProblem, type PrintableIssue, uniqueIssues } from "../issues.js";
import { previousEditionDir } from "../paths.js";
import { renderJob } from "../writers.js";

/** What the preview page can show: the HTML brief, or the PDF in the browser's viewer. */
export const PREVIEW_FORMATS = ["html", "pdf"] as const;
export type PreviewFormat = (typeof PREVIEW_FORMATS)[number];

export function isPreviewFormat(x: string): x is PreviewFormat {
  return (PREVIEW_FORMATS as readonly string[]).includes(x);
}

export interface Selection {
  audience: string;
  format: PreviewFormat;
}

/** A problem as the page shows it: where, what, and the source line it points at. */
export interface ShownProblem {
  severity: "error" | "warning";
  /** `file:line:column: severity: message (hint: …)`, the file relative to the working directory. */
  text: string;
  /** The offending line of the source file, when there is one to read. */
  source?: { line: number; column: number; text: string };
}

/** The outcome of the latest build of one selection. */
export interface Outcome {
  /** The change count it was built at. */
  builtAt: number;
  /** The last brief that built, kept while later saves fail. */
  good: { version: number; bytes: Uint8Array } | undefined;
  errors: ShownProblem[];
  warnings: ShownProblem[];
  ms: number;
}

export const selectionKey = (s: Selection) => `${s.audience}.${s.format}`;

/** Longest source line the overlay quotes (a minified table row can be megabytes). */
const MAX_QUOTED = 240;
/** How much of a long line the overlay quotes before the column it points at. */
const CONTEXT_BEFORE = 60;

function sourceOf(issue: PrintableIssue): ShownProblem["source"] {
  if (issue.sheet !== undefined || issue.line < 1) return undefined;
  try {
    if (!statSync(issue.file).isFile()) return undefined;
    const text = readFileSync(issue.file, "utf8").split(/\r?\n/)[issue.line - 1];
    if (text === undefined) return undefined;
    // A long line is quoted from a little before the column, so the caret is on screen.
    const from = issue.column > CONTEXT_BEFORE ? issue.column - 1 - CONTEXT_BEFORE : 0;
    const quoted = (from > 0 ? "…" : "") + text.slice(from, from + MAX_QUOTED);
    return { line: issue.line, column: issue.column - from + (from > 0 ? 1 : 0), text: quoted };
  } catch {
    return undefined;
  }
}

export function showProblem(issue: PrintableIssue, cwd: string): ShownProblem {
  const source = sourceOf(issue);
  return {
    severity: issue.severity,
    text: formatProblem(issue, cwd),
    ...(source ? { source } : {}),
  };
}

/** Files an editor keeps beside the one being edited: never data, never a reason to rebuild. */
export function isEditorScratch(name: string): boolean {
  const base = name.split(/[\\/]/).pop() ?? name;
  return base.startsWith(".") || base.endsWith("~") || /\.(swp|swx|tmp)$|^#.*#$/.test(base);
}

/** The bytes of every file of a dataset folder, as one key: equal keys, equal data. */
export function folderContentKey(dir: string): string {
  const hash = createHash("sha256");
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      if (isEditorScratch(entry.name)) continue;
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile()) {
        hash.update(`${relative(dir, p)}\0`);
        hash.update(readFileSync(p));
        hash.update("\0");
      }
    }
  };
  try {
    walk(dir);
  } catch {
    // A folder being replaced mid-save: a key no content has, so it is read again.
    hash.update(`unreadable:${Date.now()}:${Math.random()}`);
  }
  return hash.digest("hex");
}

export interface PreviewSessionOptions {
  cwd: string;
  templateDir: string;
  dataDir: string;
  audiences: readonly string[];
  /** Values of the template's parameters (`--param`), as for `briefkit build`. */
  params?: Readonly<Record<string, string>>;
}

export class PreviewSession {
  readonly cwd: string;
  readonly templateDir: string;
  readonly dataDir: string;
  readonly params: Readonly<Record<string, string>>;
  /** The template's audiences, as of its last load. */
  audiences: string[];
  /** Bumped on every change to a watched file. */
  private changes = 0;
  private readonly cache: ComposeCache = createComposeCache();
  private data: { key: string; loaded: LoadResult } | undefined;
  private previous: { dir: string | undefined; dataset: Dataset | undefined } | undefined;
  private readonly outcomes = new Map<string, Outcome>();
  /** Builds run one at a time: each reuses what the one before it cached. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: PreviewSessionOptions) {
    this.cwd = options.cwd;
    this.templateDir = resolve(options.templateDir);
    this.dataDir = resolve(options.dataDir);
    this.audiences = [...options.audiences];
    this.params = { ...options.params };
  }

  get version(): number {
    return this.changes;
  }

  /** A watched file changed: every selection is stale. */
  changed(): void {
    this.changes++;
  }

  /** The folders to watch: the template, every template it extends, and the dataset. */
  watchedDirs(): string[] {
    const chain = this.cache.templates.get(this.templateDir)?.template.files ?? [];
    return [...new Set([this.templateDir, ...chain.map((f) => dirname(f)), this.dataDir])];
  }

  outcome(selection: Selection): Outcome | undefined {
    return this.outcomes.get(selectionKey(selection));
  }

  /** The selection's outcome at the current change count, building it if it is stale. */
  ensure(selection: Selection): Promise<Outcome> {
    const run = this.queue.then(async () => {
      const before = this.outcomes.get(selectionKey(selection));
      if (before !== undefined && before.builtAt === this.changes) return before;
      const outcome = await this.build(selection, before);
      this.outcomes.set(selectionKey(selection), outcome);
      return outcome;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async dataset(): Promise<LoadResult> {
    const key = folderContentKey(this.dataDir);
    if (this.data?.key !== key) this.data = { key, loaded: await loadDataset(this.dataDir) };
    return this.data.loaded;
  }

  private async previousDataset(dataset: Dataset): Promise<Dataset | undefined> {
    // The edition before is not watched: it is the published one, not the one being written.
    if (this.previous === undefined) {
      const dir = await previousEditionDir(
        this.cwd,
        this.dataDir,
        dataset.meta.edition,
        dataset.meta.id,
      );
      const loaded = dir === undefined ? undefined : await loadDataset(dir);
      this.previous = { dir, dataset: loaded?.ok ? loaded.dataset : undefined };
    }
    return this.previous.dataset;
  }

  private async build(selection: Selection, before: Outcome | undefined): Promise<Outcome> {
    const builtAt = this.changes;
    const started = performance.now();
    const good = before?.good;
    const done = (
      issues: readonly PrintableIssue[],
      bytes?: Uint8Array,
      unplaced: readonly ShownProblem[] = [],
    ): Outcome => {
      const shown = [...uniqueIssues(issues).map((i) => showProblem(i, this.cwd)), ...unplaced];
      return {
        builtAt,
        // The same bytes again (a save that changed nothing shown) keep their
        // version: the page reloads only for a brief that changed.
        good:
          bytes === undefined || (good !== undefined && Buffer.from(bytes).equals(good.bytes))
            ? good
            : { version: builtAt, bytes },
        errors: shown.filter((p) => p.severity === "error"),
        warnings: shown.filter((p) => p.severity === "warning"),
        ms: performance.now() - started,
      };
    };
    try {
      const loaded = await this.dataset();
      if (!loaded.ok) return done(loaded.issues);
      const dataset = loaded.dataset;
      const previous = await this.previousDataset(dataset);
      const result = await compose({
        templateDir: this.templateDir,
        dataset,
        audience: selection.audience,
        cache: this.cache,
        cwd: this.cwd,
        params: this.params,
        ...(previous ? { previous } : {}),
      });
      const issues: PrintableIssue[] = [
        ...loaded.issues.filter((i) => i.severity === "error"),
        ...result.issues,
      ];
      if (!result.ok || issues.some((i) => i.severity === "error")) return done(issues);
      this.audiences = result.template.audiences;
      const rendered = await renderJob({
        format: selection.format,
        document: result.document,
        theme: result.theme,
        settings: result.writers,
        now: buildDate(dataset.meta.published),
      });
      // A writer's warnings point into the document, not at a source line.
      const writerWarnings = rendered.warnings.map(
        (w): ShownProblem => ({
          severity: "warning",
          text: `${selection.format} writer: warning: ${w.message} (${w.code}${w.path ? ` at ${w.path}` : ""})`,
        }),
      );
      return done(issues, rendered.bytes, writerWarnings);
    } catch (error) {
      // A crash of one build is shown like any other problem: the server keeps going.
      const message = error instanceof Error ? error.message : String(error);
      return done([], undefined, [{ severity: "error", text: `internal error: ${message}` }]);
    }
  }
}

/** The content type a selection's bytes are served with. */
export function contentType(format: PreviewFormat): string {
  switch (format) {
    case "html":
      return "text/html; charset=utf-8";
    case "pdf":
      return "application/pdf";
    default:
      return assertNever(format);
  }
}
