/**
 * compose: template + dataset → document, for one audience.
 *
 * ```
 *  template dir ──► 1 load ──► 2 validate ──► 3 normalise audience
 *                   (yaml,      (zod with      (sections in order,
 *                    extends)    positions)     theme, extras)
 *                                                   │
 *  dataset ─────────────────► 4 evaluate indicators ◄┘
 *                              (indicators package; facts formatted)
 *                                    │
 *                             5 render text, per section
 *                              (Liquid sandbox → Markdown → draft blocks;
 *                               directives place figures, tables, boxes)
 *                                    │
 *                             render the pending figures; appendices
 *                                    │
 *                             6 build document
 *                              (number tables, figures, headings and
 *                               footnotes once; validate the model)
 * ```
 *
 * Where each phase lives: template.ts (1–3); scope.ts (what the Liquid
 * reads), liquid-issues.ts (includes checked, Liquid problems reported),
 * markdown.ts (Markdown → draft), directives.ts and directive-handlers.ts
 * (each directive's attributes and what it places), field-renderer.ts (the
 * Liquid in captions, notes and labels) for 5; draft.ts (the pending
 * figures) and appendices.ts (About the figures, Changes since the last
 * edition) after it.
 *
 * Every problem is an issue at `template-file:line:column`; compose never
 * throws for bad input and writes nothing. Effects arrive through options:
 * the chart renderer, the clock-free edition date, the house theme.
 */
import { statSync } from "node:fs";
import { relative, resolve } from "node:path";
import type { Dataset } from "@briefkit/data";
import {
  buildDocument,
  type Document,
  DocumentError,
  type DraftBlock,
  houseTheme,
  type Meta,
  mergeWriterSettings,
  type NumberInline,
  type Theme,
  termsFor,
  toc,
  type WriterSettings,
} from "@briefkit/document";
import {
  type DefinitionSource,
  type EvaluatedIndicator,
  evaluateIndicators,
  type IndicatorDefinition,
} from "@briefkit/indicators";
import { aboutFigures, changesSince } from "./appendices.js";
import { expandDirective } from "./directive-handlers.js";
import { type ComposeBlock, resolveDraft } from "./draft.js";
import { FieldRenderer } from "./field-renderer.js";
import { FigureNotes } from "./figure-notes.js";
import { type ChartCache, createChartCache, type FigureRenderer, renderFigure } from "./figures.js";
import { templateFilters } from "./filters.js";
import { checkDataFit } from "./fit.js";
import {
  type FontCoverage,
  fontCoverage,
  reportUndrawable,
  undrawable,
  undrawableIn,
} from "./glyphs.js";
import { type ComposeIssue, IssueLog } from "./issues.js";
import { createSandbox, NumberSink, renderTemplate } from "./liquid.js";
import {
  checkIncludes,
  type LiquidPlaces,
  liquidHint,
  liquidIssueCode,
  liquidProblemAt,
} from "./liquid-issues.js";
import { FootnoteNumbering, parseMarkdown, toBlocks } from "./markdown.js";
import { composeMessages as msg } from "./messages.js";
import {
  applyParams,
  bindParams,
  type ParamValues,
  paramsKey,
  resolveParamValues,
} from "./params.js";
import { type QuoteMarks, restoreQuotes, setTypedQuotes, typedAs } from "./quotes.js";
import { buildScope, titlesFor } from "./scope.js";
import {
  type At,
  type Declared,
  loadTemplate,
  type NormalizedTemplate,
  type ResolvedAudience,
  readSection,
  themeFor,
} from "./template.js";

export interface ComposeOptions {
  /** The template folder (holding template.yaml). */
  templateDir: string;
  /** The loaded dataset (an edition). */
  dataset: Dataset;
  /** Audience id. */
  audience: string;
  /** Base theme; default the house theme. */
  theme?: Theme;
  /** Renders a chart to a figure; default the Vega-Lite renderer. Pass `false` to leave charts out. */
  figures?: FigureRenderer | false;
  /** Directory paths in issues are shown relative to. Default process.cwd(). */
  cwd?: string;
  /**
   * Reuse parsed templates across compose calls (one build composes every
   * audience from the same template). Entries are keyed by the template
   * files' size and modification time, so an edited template is re-read.
   */
  cache?: ComposeCache;
  /**
   * The previous edition of the dataset, for an audience with `changes: true`:
   * its appendix lists what changed in the data and in the figures the brief
   * states. Without it the appendix says this is the first edition.
   */
  previous?: Dataset;
  /**
   * A value for each parameter the template declares (`params:`), by name.
   * A missing, unknown or undeclared value is a located error (params.ts).
   */
  params?: Readonly<Record<string, string>>;
  /**
   * The brief's language (BCP 47), over the audience's `language:` and the
   * template's (`--language`): the words briefkit adds, the numbers and dates,
   * and `lang` in every format.
   */
  language?: string;
}

/** Parsed templates kept between compose calls; see `ComposeOptions.cache`. */
export interface ComposeCache {
  readonly templates: Map<string, { stamp: string; template: NormalizedTemplate }>;
  /**
   * Indicators evaluated per template and dataset object: every audience of
   * a build states figures from the same evaluation, and a sum across a
   * column of 200,000 rows costs seconds. An edited template is a new
   * object (see `templates`), so it is evaluated afresh.
   */
  readonly evaluations: WeakMap<
    NormalizedTemplate,
    WeakMap<Dataset, Map<string, ReturnType<typeof evaluateIndicators>>>
  >;
  /** Rendered charts by their input (content): an edit re-renders only the charts it changed. */
  readonly charts: ChartCache;
  /** A template bound to parameter values, by `paramsKey`: every audience of one value shares its evaluation. */
  readonly bound: WeakMap<NormalizedTemplate, Map<string, NormalizedTemplate>>;
}

export function createComposeCache(): ComposeCache {
  return {
    templates: new Map(),
    evaluations: new WeakMap(),
    charts: createChartCache(),
    bound: new WeakMap(),
  };
}

/**
 * The template bound to `given` on `dataset` (params.ts): its parameters'
 * values checked, `{{ param.x }}` replaced. Undefined, with the problems
 * logged, when a value is missing, unknown or not one of the parameter's.
 */
function bindTemplate(
  t: NormalizedTemplate,
  dataset: Dataset,
  given: Readonly<Record<string, string>>,
  log: IssueLog,
  cache: ComposeCache | undefined,
): NormalizedTemplate | undefined {
  const key = `${dataset.meta.id}@${dataset.meta.edition}|${paramsKey(given)}`;
  const hit = cache?.bound.get(t)?.get(key);
  if (hit) return hit;
  const declared = resolveParamValues(t, dataset, log);
  if (log.hasErrors) return undefined;
  const bound = bindParams(t, declared, given, log);
  if (bound === undefined) return undefined;
  const applied = applyParams(t, bound, log);
  if (log.hasErrors) return undefined;
  if (cache) {
    const byKey = cache.bound.get(t) ?? new Map<string, NormalizedTemplate>();
    byKey.set(key, applied);
    cache.bound.set(t, byKey);
  }
  return applied;
}

/**
 * The parameters a template declares and their values on `dataset`
 * (`briefkit build --all-params` builds one brief per value), or the
 * located problems: a table or column that is not there, no values left.
 */
export function templateParams(
  templateDir: string,
  dataset: Dataset,
): { ok: true; params: ParamValues[] } | { ok: false; issues: ComposeIssue[] } {
  const log = new IssueLog();
  const t = loadTemplate(templateDir, log);
  if (!t) return { ok: false, issues: log.issues };
  const params = resolveParamValues(t, dataset, log);
  return log.hasErrors ? { ok: false, issues: log.issues } : { ok: true, params };
}

/** The template's indicators evaluated on `dataset`, once per cache. */
function evaluateCached(
  t: NormalizedTemplate,
  dataset: Dataset,
  cache: ComposeCache | undefined,
  cwd: string,
  /** The template as loaded (`t` may be its copy in another language): the cache's key. */
  key: NormalizedTemplate = t,
): ReturnType<typeof evaluateIndicators> {
  // Figures are formatted in the language: audiences in two languages share the arithmetic, not the text.
  const hit = cache?.evaluations.get(key)?.get(dataset)?.get(t.language);
  if (hit) return hit;
  const evaluation = evaluateIndicators(
    dataset,
    t.indicators.map((d) => d.def),
    {
      locale: t.language,
      source: indicatorSource(t),
      // Cells named in messages read as the CLI prints positions.
      showPath: (f) => relative(cwd, f) || f,
    },
  );
  if (cache) {
    const byData = cache.evaluations.get(key) ?? new WeakMap();
    const byLanguage = byData.get(dataset) ?? new Map();
    byLanguage.set(t.language, evaluation);
    byData.set(dataset, byLanguage);
    cache.evaluations.set(key, byData);
  }
  return evaluation;
}

function stampOf(files: readonly string[]): string {
  return files
    .map((f) => {
      try {
        const st = statSync(f);
        return `${f}:${st.size}:${st.mtimeMs}`;
      } catch {
        return `${f}:gone`;
      }
    })
    .join("|");
}

/** Loads a template through the cache (the diff composes many times from one template). */
export function loadTemplateCached(
  dir: string,
  log: IssueLog,
  cache: ComposeCache | undefined,
): NormalizedTemplate | undefined {
  const key = resolve(dir);
  const hit = cache?.templates.get(key);
  if (hit && hit.stamp === stampOf(hit.template.files)) return hit.template;
  const t = loadTemplate(dir, log);
  if (t && cache) cache.templates.set(key, { stamp: stampOf(t.files), template: t });
  return t;
}

export type ComposeResult =
  | {
      ok: true;
      document: Document;
      theme: Theme;
      /** Options for the writers, by format: the template's `writers:`, then the audience's. */
      writers: WriterSettings;
      issues: ComposeIssue[];
      template: TemplateSummary;
    }
  | { ok: false; issues: ComposeIssue[] };

/** What the CLI needs to know about the template besides the document. */
export interface TemplateSummary {
  id: string;
  audiences: string[];
  maxPages: number | undefined;
  /** Where the audience's `maxPages` is set, for the warning when a brief runs longer. */
  maxPagesAt: At | undefined;
}

/**
 * A template's id, audiences (for `--audience all`) and data topic (with
 * where `topic:` is declared), or the issues that stop it loading.
 */
export function templateAudiences(templateDir: string):
  | {
      ok: true;
      audiences: string[];
      id: string;
      topic: string | undefined;
      topicAt: At | undefined;
    }
  | { ok: false; issues: ComposeIssue[] } {
  const log = new IssueLog();
  const t = loadTemplate(templateDir, log);
  if (!t) return { ok: false, issues: log.issues };
  return {
    ok: true,
    audiences: [...t.audiences.keys()],
    id: t.id,
    topic: t.topic,
    topicAt: t.topicAt,
  };
}

/**
 * The indicator definitions of a template (with positions), for `briefkit
 * indicators`. With `bind`, the template's parameters are bound to
 * `bind.params` on `bind.dataset` first, as `compose` binds them.
 */
export function templateIndicators(
  templateDir: string,
  bind?: { dataset: Dataset; params: Readonly<Record<string, string>> },
):
  | { ok: true; definitions: IndicatorDefinition[]; source: DefinitionSource }
  | { ok: false; issues: ComposeIssue[] } {
  const log = new IssueLog();
  const loaded = loadTemplate(templateDir, log);
  const t =
    loaded && bind ? bindTemplate(loaded, bind.dataset, bind.params, log, undefined) : loaded;
  if (!t) return { ok: false, issues: log.issues };
  return {
    ok: true,
    definitions: t.indicators.map((d) => d.def),
    source: indicatorSource(t),
  };
}

/**
 * Whether a dataset has every table a template uses (see fit.ts): no issues
 * when it does. For commands that evaluate without composing (`briefkit
 * indicators`).
 */
export function templateDataFit(
  templateDir: string,
  dataset: Dataset,
  cwd: string = process.cwd(),
): ComposeIssue[] {
  const log = new IssueLog();
  const t = loadTemplate(templateDir, log);
  if (t) checkDataFit(t, dataset, log, cwd);
  return log.issues;
}

/**
 * The template as one language's brief sees it: everything downstream reads
 * `t.language`. The same object when the language is the template's own, so
 * the caches keyed by it still hit.
 */
export function inLanguage(
  t: NormalizedTemplate,
  language: string | undefined,
): NormalizedTemplate {
  return language === undefined || language === t.language ? t : { ...t, language };
}

/** Composes one audience's document. */
export async function compose(options: ComposeOptions): Promise<ComposeResult> {
  const log = new IssueLog();
  const { dataset } = options;

  // 1–2. load and validate the template (with everything it extends), bound to its parameters.
  const loaded = loadTemplateCached(options.templateDir, log, options.cache);
  if (!loaded) return { ok: false, issues: log.issues };
  // Bound once per value and cached: the bound template is the evaluation cache's key.
  const bound = bindTemplate(loaded, dataset, options.params ?? {}, log, options.cache);
  if (!bound) return { ok: false, issues: log.issues };

  // 3. normalise the audience, in its language.
  const audience = loaded.audiences.get(options.audience);
  if (!audience) {
    log.error(
      "unknown-audience",
      loaded.at,
      msg.unknownAudience(options.audience, [...loaded.audiences.keys()]),
    );
    return { ok: false, issues: log.issues };
  }
  const t = inLanguage(bound, options.language ?? audience.def.language);
  const theme = themeFor(options.theme ?? houseTheme(), t, audience.def);
  const writers = mergeWriterSettings(t.writers, audience.def.writers ?? {});
  const locale = t.language;
  const terms = termsFor(locale);
  checkPlainTitles(t, audience.def, log);
  checkTitleGlyphs(t, audience.def, log, fontCoverage(theme), terms.quotes);
  if (log.hasErrors) return { ok: false, issues: log.issues };
  if (!checkDataFit(t, dataset, log, options.cwd ?? process.cwd())) {
    return { ok: false, issues: log.issues };
  }

  // 4. evaluate indicators; format facts.
  const evaluation = evaluateCached(t, dataset, options.cache, options.cwd ?? process.cwd(), bound);
  for (const issue of evaluation.issues) {
    log.error("indicator-error", issue, issue.message, issue.hint);
  }
  if (log.hasErrors) return { ok: false, issues: log.issues };
  const indicators = new Map<string, EvaluatedIndicator>(evaluation.results.map((r) => [r.id, r]));

  // 5. render each section.
  const sink = new NumberSink();
  const footnotes = new FootnoteNumbering();
  const scope = buildScope(t, dataset, indicators, sink, audience, locale, terms.quotes);
  const engine = createSandbox({ partials: t.partials, filters: templateFilters(sink) });
  const cwd = options.cwd ?? process.cwd();
  const hint = (message: string) => liquidHint(message, t, dataset, cwd);
  const places: LiquidPlaces = { partialFiles: t.partialFiles, cwd };
  const sections: SectionContext = {
    t,
    dataset,
    log,
    audience: audience.id,
    engine,
    scope,
    sink,
    footnotes,
    hint,
    places,
    fields: new FieldRenderer(engine, scope, sink, log, hint, places, terms.quotes),
    notes: new FigureNotes({
      t,
      engine,
      scope,
      numbers: sink.numbers,
      footnotes,
      log,
      hint,
      places,
      quotes: terms.quotes,
    }),
    indicators,
    placeCharts: options.figures !== false,
    fonts: fontCoverage(theme),
    quotes: terms.quotes,
  };
  const draft: ComposeBlock[] = [];
  if (audience.def.toc) draft.push(toc(terms.contents, 2));
  for (const sectionId of audience.def.sections) {
    draft.push(...(await renderSection(sectionId, sections)));
  }
  const usedNumbers: NumberInline[] = [...sink.numbers];

  // Render the figures the sections placed, in document order.
  const blocks = await resolveDraft(draft, (chart) =>
    renderFigure(dataset, chart, options.figures || undefined, log, theme, {
      language: locale,
      pictures: writers.docx?.nativeCharts === false,
      ...(options.cache ? { charts: options.cache.charts } : {}),
    }),
  );

  if (audience.def.aboutFigures)
    blocks.push(...aboutFigures(usedNumbers, dataset, terms, indicators));
  if (audience.def.changes) {
    blocks.push(...changesSince(dataset, options.previous, evaluation.results, t, log));
  }
  if (log.hasErrors) return { ok: false, issues: log.issues };

  // 6. build and validate the document.
  try {
    const document = buildDocument(
      documentMeta(t, audience, dataset, terms.quotes),
      blocks,
      footnotes.footnotes,
    );
    return {
      ok: true,
      document,
      theme,
      writers,
      issues: log.issues,
      template: {
        id: t.id,
        audiences: [...t.audiences.keys()],
        maxPages: audience.def.maxPages,
        maxPagesAt: audience.def.maxPagesAt,
      },
    };
  } catch (error) {
    if (error instanceof DocumentError) {
      for (const i of error.issues) {
        log.error("document-invalid", audience.at, msg.documentInvalid(i.path, i.message));
      }
      return { ok: false, issues: log.issues };
    }
    throw error;
  }
}

/** Titles are the document's name in its properties and on every page: plain text. */
function checkPlainTitles(t: NormalizedTemplate, audience: ResolvedAudience, log: IssueLog): void {
  for (const [text, where] of [
    [audience.title ?? t.title, audience.titleAt ?? t.titleAt],
    [audience.subtitle ?? t.subtitle, audience.subtitleAt ?? t.subtitleAt],
  ] as const) {
    if (text !== undefined && /\{\{|\{%/.test(text)) {
      log.error("template-schema", where ?? t.at, msg.titleNotPlain(), msg.titleNotPlainHint);
    }
  }
}

/** Titles are set in the heading family on the cover and every page: each at its key. */
function checkTitleGlyphs(
  t: NormalizedTemplate,
  audience: ResolvedAudience,
  log: IssueLog,
  fonts: FontCoverage,
  marks: QuoteMarks,
): void {
  for (const [text, where] of [
    [audience.title ?? t.title, audience.titleAt ?? t.titleAt],
    [audience.subtitle ?? t.subtitle, audience.subtitleAt ?? t.subtitleAt],
    [audience.organisation ?? t.organisation, undefined],
  ] as const) {
    if (text === undefined) continue;
    // As printed: with its quotes set.
    const printed = setTypedQuotes(text, marks);
    reportUndrawable(log, where ?? t.at, undrawable(printed, "heading", fonts), fonts);
  }
}

/**
 * The document's properties: its titles, the template's people and words,
 * the edition's dates. The words it prints (titles, names, the audience's
 * label, the subject) are prose, with their quotes set in `marks`; ids and
 * keywords are kept as typed.
 */
function documentMeta(
  t: NormalizedTemplate,
  audience: Declared<ResolvedAudience>,
  dataset: Dataset,
  marks: QuoteMarks,
): Meta {
  const prose = (text: string) => setTypedQuotes(text, marks);
  // A translated audience may give its own people and words.
  const author = audience.def.author ?? t.author;
  const organisation = audience.def.organisation ?? t.organisation;
  const subject = audience.def.subject ?? t.subject;
  return {
    ...titlesFor(t, audience.def, marks),
    ...(author ? { author: prose(author) } : {}),
    ...(organisation ? { organisation: prose(organisation) } : {}),
    edition: dataset.meta.edition,
    date: dataset.meta.published,
    ...(dataset.meta.dataAsOf ? { dataAsOf: dataset.meta.dataAsOf } : {}),
    audience: audience.id,
    audienceLabel: prose(audience.def.label),
    language: t.language,
    ...(subject ? { subject: prose(subject) } : {}),
    keywords: audience.def.keywords ?? t.keywords,
  };
}

/** What rendering a section needs, the same for every section of an audience. */
interface SectionContext {
  t: NormalizedTemplate;
  dataset: Dataset;
  log: IssueLog;
  /** The audience's id. */
  audience: string;
  engine: ReturnType<typeof createSandbox>;
  scope: Record<string, unknown>;
  sink: NumberSink;
  footnotes: FootnoteNumbering;
  /** The hint for a Liquid problem that brings none. */
  hint: (message: string) => string | undefined;
  places: LiquidPlaces;
  fields: FieldRenderer;
  /** The footnotes of figures with a `note:`. */
  notes: FigureNotes;
  indicators: Map<string, EvaluatedIndicator>;
  placeCharts: boolean;
  /** What the theme's fonts can draw. */
  fonts: FontCoverage;
  /** The document language's quotation marks. */
  quotes: QuoteMarks;
}

/**
 * One section: includes checked, the Liquid rendered, the Markdown walked
 * into draft blocks (directives expanded as they come). [] with the problem
 * logged, at its place in the template's files, when one step fails.
 */
async function renderSection(sectionId: string, c: SectionContext): Promise<ComposeBlock[]> {
  const { t, log } = c;
  const section = readSection(t, sectionId, log, c.audience);
  if (!section) return [];
  // Lines of a section may come from several files (a parent's, a block's): map each back.
  const origin = (line: number, column = 1): At => ({ ...section.origin(line), column });
  if (!checkIncludes(section.source, origin, t.partials, log)) return [];
  const rendered = await renderTemplate(c.engine, section.source, c.scope);
  if (!rendered.ok) {
    const p = rendered.problem;
    const { at, message } = liquidProblemAt(p, origin, c.places);
    log.error(liquidIssueCode(p), at, msg.liquid(message), p.hint ?? c.hint(p.message));
    return [];
  }
  const tokens = parseMarkdown(rendered.text, c.quotes);
  // The text as rendered, the quotes Liquid printed restored: where problems are looked for.
  const text = restoreQuotes(rendered.text);
  const pos = (line: number, column = 1): At => origin(rendered.lineMap[line] ?? line + 1, column);
  const notesBefore = new Set(c.footnotes.footnotes);
  const blocks = toBlocks(tokens, {
    section: sectionId,
    numbers: c.sink.numbers,
    footnotes: c.footnotes,
    figureNote: (n) => c.notes.numberFor(n),
    pos,
    lines: text.split("\n"),
    problem: (code, at, message, hint) => log.error(code, at, message, hint),
    directive: (node, walk) =>
      expandDirective({
        node,
        walk,
        t,
        dataset: c.dataset,
        log,
        at: pos(node.line),
        indicators: c.indicators,
        locale: t.language,
        placeCharts: c.placeCharts,
        fields: c.fields,
        fonts: c.fonts,
        quotes: c.quotes,
      }),
  });
  const notes = c.footnotes.footnotes.filter((f) => !notesBefore.has(f));
  checkSectionGlyphs(
    [...blocks, ...notes.flatMap((f) => f.children)],
    { text, lineMap: rendered.lineMap, source: section.source },
    origin,
    c,
  );
  return blocks;
}

/**
 * Characters of a section's own text its fonts cannot draw, at the line
 * they are written on: in the section file (or the file a named block came
 * from) when typed there, else at the Liquid that printed them; a quotation
 * mark where its straight quote was typed. A character that is not in the
 * rendered text came with a directive's item (a table's data, a caption),
 * and its handler reports it where it comes from.
 */
function checkSectionGlyphs(
  blocks: readonly ComposeBlock[],
  rendered: { text: string; lineMap: number[]; source: string },
  origin: (line: number, column?: number) => At,
  c: SectionContext,
): void {
  const drafted = blocks.filter((b): b is DraftBlock => b.type !== "pending-figure");
  const chars = undrawableIn(drafted, c.fonts);
  if (chars.length === 0) return;
  const lines = rendered.text.split("\n");
  const sourceLines = rendered.source.split("\n");
  const byLine = new Map<number, { column: number; chars: string[] }>();
  for (const ch of chars) {
    const as = typedAs(ch, c.quotes) ?? ch;
    const i = lines.findIndex((l) => l.includes(ch) || l.includes(as));
    if (i < 0) continue;
    const line = rendered.lineMap[i] ?? i + 1;
    const written = sourceLines[line - 1] ?? "";
    const typed = written.includes(ch) ? written.indexOf(ch) : written.indexOf(as);
    const printed = written.indexOf("{{");
    const column = typed >= 0 ? typed + 1 : printed >= 0 ? printed + 1 : 1;
    const entry = byLine.get(line) ?? { column, chars: [] };
    entry.column = Math.min(entry.column, column);
    entry.chars.push(ch);
    byLine.set(line, entry);
  }
  for (const [line, { column, chars: missing }] of byLine) {
    reportUndrawable(c.log, origin(line, column), missing, c.fonts);
  }
}

/** Where the evaluator's issues about the template's indicators are. */
function indicatorSource(t: NormalizedTemplate): DefinitionSource {
  return {
    file: t.indicators[0]?.at.file ?? t.at.file,
    locate: (i, path = [], part) => indicatorAt(t, i, path, part),
  };
}

function indicatorAt(
  t: NormalizedTemplate,
  i: number,
  path: readonly (string | number)[],
  part?: "key" | "value",
) {
  const d = t.indicators[i];
  if (!d) return { line: 1, column: 1 };
  void part;
  return d.locate ? d.locate(path) : { line: d.at.line, column: d.at.column };
}

/** Relative file paths in issues, for printing. */
export function relativeIssues(issues: readonly ComposeIssue[], cwd: string): ComposeIssue[] {
  return issues.map((i) => ({ ...i, file: relative(cwd, i.file) || i.file }));
}
