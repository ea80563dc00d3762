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
 *                             6 build document
 *                              (number tables, figures, headings and
 *                               footnotes once; validate the model)
 * ```
 *
 * Every problem is an issue at `template-file:line:column`; compose never
 * throws for bad input and writes nothing. Effects arrive through options:
 * the chart renderer, the clock-free edition date, the house theme.
 */
import { statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { type Dataset, diffDatasets, type Fact, nearestName } from "@briefkit/data";
import {
  buildDocument,
  callout,
  type Document,
  DocumentError,
  type DraftBlock,
  figure,
  headingWith,
  houseTheme,
  inlines,
  keyFigures,
  list,
  type Meta,
  mergeWriterSettings,
  type NumberInline,
  type Paragraph,
  pageBreak,
  para,
  strong,
  type Terms,
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
import type { Token } from "markdown-it";
import { changesAppendix, indicatorChanges } from "./changes.js";
import { CALLOUT_KINDS, type CalloutKind, DIRECTIVES, isDirectiveName } from "./directives.js";
import { type FigureRenderer, renderFigure } from "./figures.js";
import { nearestFilter, templateFilters } from "./filters.js";
import { checkDataFit } from "./fit.js";
import { type ComposeIssue, IssueLog } from "./issues.js";
import {
  createSandbox,
  NumberSink,
  numberValue,
  renderTemplate,
  renderTextSync,
  splitPlaceholders,
} from "./liquid.js";
import { type Directive, FootnoteNumbering, parseMarkdown, toBlocks } from "./markdown.js";
import { composeMessages as msg } from "./messages.js";
import { buildTable } from "./tables.js";
import {
  type At,
  type Declared,
  loadTemplate,
  type NormalizedTemplate,
  type ResolvedAudience,
  readSection,
  themeFor,
  yamlAt,
} from "./template.js";
import type { ChartDef } from "./template-schema.js";
import { factFigure, factInlines, indicatorFigure, indicatorInline } from "./values.js";

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
}

/** Parsed templates kept between compose calls; see `ComposeOptions.cache`. */
export interface ComposeCache {
  readonly templates: Map<string, { stamp: string; template: NormalizedTemplate }>;
}

export function createComposeCache(): ComposeCache {
  return { templates: new Map() };
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

/** The indicator definitions of a template (with positions), for `briefkit indicators`. */
export function templateIndicators(
  templateDir: string,
):
  | { ok: true; definitions: IndicatorDefinition[]; source: DefinitionSource }
  | { ok: false; issues: ComposeIssue[] } {
  const log = new IssueLog();
  const t = loadTemplate(templateDir, log);
  if (!t) return { ok: false, issues: log.issues };
  return {
    ok: true,
    definitions: t.indicators.map((d) => d.def),
    source: {
      file: t.indicators[0]?.at.file ?? t.at.file,
      locate: (i, path = [], part) => indicatorAt(t, i, path, part),
    },
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

/** Composes one audience's document. */
export async function compose(options: ComposeOptions): Promise<ComposeResult> {
  const log = new IssueLog();
  const { dataset } = options;

  // 1–2. load and validate the template (with everything it extends).
  const t = loadTemplateCached(options.templateDir, log, options.cache);
  if (!t) return { ok: false, issues: log.issues };

  // 3. normalise the audience.
  const audience = t.audiences.get(options.audience);
  if (!audience) {
    log.error(
      "unknown-audience",
      t.at,
      msg.unknownAudience(options.audience, [...t.audiences.keys()]),
    );
    return { ok: false, issues: log.issues };
  }
  const theme = themeFor(options.theme ?? houseTheme(), t, audience.def);
  const writers = mergeWriterSettings(t.writers, audience.def.writers ?? {});
  const locale = t.language;
  // Titles are the document's name in its properties and on every page: plain text.
  for (const [text, where] of [
    [audience.def.title ?? t.title, audience.def.titleAt ?? t.titleAt],
    [audience.def.subtitle ?? t.subtitle, audience.def.subtitleAt ?? t.subtitleAt],
  ] as const) {
    if (text !== undefined && /\{\{|\{%/.test(text)) {
      log.error("template-schema", where ?? t.at, msg.titleNotPlain(), msg.titleNotPlainHint);
    }
  }
  if (log.hasErrors) return { ok: false, issues: log.issues };
  if (!checkDataFit(t, dataset, log, options.cwd ?? process.cwd())) {
    return { ok: false, issues: log.issues };
  }

  // 4. evaluate indicators; format facts.
  const evaluation = evaluateIndicators(
    dataset,
    t.indicators.map((d) => d.def),
    {
      locale,
      source: {
        file: t.indicators[0]?.at.file ?? t.at.file,
        locate: (i, path = [], part) => indicatorAt(t, i, path, part),
      },
    },
  );
  for (const issue of evaluation.issues) {
    log.error("indicator-error", issue, issue.message, issue.hint);
  }
  if (log.hasErrors) return { ok: false, issues: log.issues };
  const indicators = new Map<string, EvaluatedIndicator>(evaluation.results.map((r) => [r.id, r]));

  // 5. render each section.
  const sink = new NumberSink();
  const footnotes = new FootnoteNumbering();
  const scope = buildScope(t, dataset, indicators, sink, audience, locale);
  const engine = createSandbox({ partials: t.partials, filters: templateFilters(sink) });
  const fields = new FieldRenderer(engine, scope, sink, log, (m) =>
    liquidHint(m, t, dataset, options.cwd ?? process.cwd()),
  );
  const usedNumbers: NumberInline[] = [];
  const blocks: DraftBlock[] = [];
  const pending: Array<Declared<ChartDef>> = [];
  const terms = termsFor(locale);
  if (audience.def.toc) blocks.push(toc(terms.contents, 2));
  for (const sectionId of audience.def.sections) {
    const section = readSection(t, sectionId, log, audience.id);
    if (!section) continue;
    // Lines of a section may come from several files (a parent's, a block's): map each back.
    const origin = (line: number, column = 1): At => ({ ...section.origin(line), column });
    if (!checkIncludes(section.source, origin, t.partials, log)) continue;
    const rendered = await renderTemplate(engine, section.source, scope);
    if (!rendered.ok) {
      const p = rendered.problem;
      const code =
        p.kind === "syntax"
          ? "liquid-syntax"
          : p.kind === "limit"
            ? "liquid-limit"
            : "liquid-render";
      log.error(
        code,
        origin(p.line, p.column),
        msg.liquid(p.message),
        p.hint ?? liquidHint(p.message, t, dataset, options.cwd ?? process.cwd()),
      );
      continue;
    }
    const tokens = parseMarkdown(rendered.text);
    const pos = (line: number, column = 1): At =>
      origin(rendered.lineMap[line] ?? line + 1, column);
    const sectionBlocks = toBlocks(tokens, {
      section: sectionId,
      numbers: sink.numbers,
      footnotes,
      pos,
      lines: rendered.text.split("\n"),
      problem: (code, at, message, hint) => log.error(code, at, message, hint),
      directive: (node, walk) =>
        expandDirective(node, walk, {
          t,
          dataset,
          log,
          at: pos(node.line),
          indicators,
          locale,
          options,
          pending,
          fields,
        }),
    });
    blocks.push(...sectionBlocks);
  }
  usedNumbers.push(...sink.numbers);

  // Render the figures the sections placed, in document order.
  const resolved: DraftBlock[] = [];
  for (const b of blocks) {
    if (b.type === "figure" && b.svg.startsWith(PENDING)) {
      const chart = pending[Number(b.svg.slice(PENDING.length))]!;
      resolved.push(
        ...(await renderFigure(dataset, chart, options.figures || undefined, log, theme, {
          language: locale,
          pictures: writers.docx?.nativeCharts === false,
        })),
      );
    } else {
      resolved.push(b);
    }
  }
  blocks.splice(0, blocks.length, ...resolved);

  if (audience.def.aboutFigures) blocks.push(...aboutFigures(usedNumbers, dataset, terms));
  if (audience.def.changes) {
    blocks.push(...changesSince(dataset, options.previous, evaluation.results, t, log));
  }
  if (log.hasErrors) return { ok: false, issues: log.issues };

  // 6. build and validate the document.
  const meta: Meta = {
    ...titlesFor(t, audience.def),
    ...(t.author ? { author: t.author } : {}),
    ...(t.organisation ? { organisation: t.organisation } : {}),
    edition: dataset.meta.edition,
    date: dataset.meta.published,
    ...(dataset.meta.dataAsOf ? { dataAsOf: dataset.meta.dataAsOf } : {}),
    audience: audience.id,
    audienceLabel: audience.def.label,
    language: locale,
    ...(t.subject ? { subject: t.subject } : {}),
    keywords: t.keywords,
  };
  try {
    const document = buildDocument(meta, blocks, footnotes.footnotes);
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

/** The "Changes since the last edition" appendix (see changes.ts). */
function changesSince(
  dataset: Dataset,
  previous: Dataset | undefined,
  results: readonly EvaluatedIndicator[],
  t: NormalizedTemplate,
  log: IssueLog,
): DraftBlock[] {
  const date = (iso: string) => {
    const d = new Date(`${iso}T00:00:00Z`);
    return Number.isNaN(d.getTime())
      ? iso
      : new Intl.DateTimeFormat(t.language, { dateStyle: "long", timeZone: "UTC" }).format(d);
  };
  if (!previous) return changesAppendix(dataset, undefined, undefined, [], t.language, date);
  const diff = diffDatasets(previous, dataset);
  // A unit or scale that changed between editions makes the comparison meaningless.
  for (const i of diff.issues) {
    log.add("edition-diff", i.severity, i, msg.editionDiff(i.message), i.hint);
  }
  if (diff.issues.some((i) => i.severity === "error")) return [];
  const before = evaluateIndicators(
    previous,
    t.indicators.map((d) => d.def),
    { locale: t.language },
  );
  return changesAppendix(
    dataset,
    previous,
    diff,
    indicatorChanges(before.results, results),
    t.language,
    date,
  );
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

function buildScope(
  t: NormalizedTemplate,
  dataset: Dataset,
  indicators: Map<string, EvaluatedIndicator>,
  sink: NumberSink,
  audience: Declared<ResolvedAudience>,
  locale: string,
): Record<string, unknown> {
  const ind: Record<string, unknown> = Object.create(null);
  for (const [id, ev] of indicators) {
    ind[id] = numberValue(indicatorFigure(dataset, ev, locale), sink);
  }
  const fact: Record<string, unknown> = Object.create(null);
  for (const f of dataset.facts) fact[f.id] = numberValue(factFigure(dataset, f, locale), sink);
  return {
    ind,
    fact,
    audience: audience.id,
    edition: dataset.meta.edition,
    published: dataset.meta.published,
    data_as_of: dataset.meta.dataAsOf ?? dataset.meta.published,
    template: templateFields(t, audience.def),
  };
}

/** The title and subtitle of the audience's document: its own, else the template's. */
function titlesFor(
  t: NormalizedTemplate,
  audience: ResolvedAudience,
): { title: string; subtitle?: string } {
  const subtitle = audience.subtitle ?? t.subtitle;
  return { title: audience.title ?? t.title, ...(subtitle ? { subtitle } : {}) };
}

/**
 * `template.id`, and the audience's `template.title` and `template.subtitle`
 * (as on its title page; no subtitle field when there is none, so reading
 * it is an error, not a blank). `{{ template }}` itself is an error, not
 * "[object Object]".
 */
function templateFields(t: NormalizedTemplate, audience: ResolvedAudience): Record<string, string> {
  const o = Object.create(null) as Record<string, string>;
  o.id = t.id;
  Object.assign(o, titlesFor(t, audience));
  const refuse = () => {
    throw new Error("template is not text: print template.title or template.id");
  };
  Object.defineProperty(o, "toString", { value: refuse });
  Object.defineProperty(o, "valueOf", { value: refuse });
  return o;
}

const INCLUDE = /\{%-?\s*(?:include|render)\s+(["'])([^"']+)\1/g;
const COMMENT = /\{%-?\s*(comment|raw)\s*-?%\}[\s\S]*?\{%-?\s*end\1\s*-?%\}/g;

/** Blanks out comment and raw blocks (keeping line breaks, so positions hold). */
function withoutComments(source: string): string {
  return source.replace(COMMENT, (m) => m.replace(/[^\n]/g, " "));
}

/**
 * Includes are checked before rendering: a name that is not one of the
 * template's partials, or partials that include each other in a cycle, are
 * errors at the include's position (LiquidJS would only say "not found", or
 * recurse until its limits stop it).
 */
function checkIncludes(
  source: string,
  origin: (line: number, column: number) => At,
  partials: Record<string, string>,
  log: IssueLog,
): boolean {
  let ok = true;
  const known = Object.keys(partials);
  const cycle = (name: string, stack: string[]): string[] | undefined => {
    if (stack.includes(name)) return [...stack, name];
    for (const m of withoutComments(partials[name] ?? "").matchAll(INCLUDE)) {
      const found = cycle(m[2]!, [...stack, name]);
      if (found) return found;
    }
    return undefined;
  };
  for (const m of withoutComments(source).matchAll(INCLUDE)) {
    const before = source.slice(0, m.index);
    const line = before.split("\n").length;
    const column = m.index - before.lastIndexOf("\n");
    const at = origin(line, column);
    const name = m[2]!;
    if (!(name in partials)) {
      log.error(
        "partial-not-allowed",
        at,
        msg.partialNotAllowed(name, known),
        "put shared text in the template's partials/ folder and include it as partials/<name>",
      );
      ok = false;
      continue;
    }
    const loop = cycle(name, []);
    if (loop) {
      log.error("liquid-limit", at, msg.includeCycle(loop));
      ok = false;
    }
  }
  return ok;
}

/** The fields a figure may have, for the hint on one it lacks. */
const FIGURE_FIELDS =
  "a figure has .value, .text, .available and .estimate, and only where they mean something .unit, .period, .label, .words (growth, multiple and change indicators), .reason (not available), .partial (available indicators), .low, .high and .qualifier (facts)";

function liquidHint(
  message: string,
  t: NormalizedTemplate,
  dataset: Dataset,
  cwd: string,
): string | undefined {
  const field = /undefined variable: ind\.([\w-]+)\.\w+$/.exec(message);
  if (field && t.indicators.some((d) => d.id === field[1])) return FIGURE_FIELDS;
  const m = /undefined variable: (ind|fact)\.([\w-]+)/.exec(message);
  if (m?.[1] === "ind") {
    const known = t.indicators.map((d) => d.id);
    return msg.nearestOr(m[2]!, known, "indicators in template.yaml");
  }
  if (m?.[1] === "fact") {
    const known = dataset.facts.map((f) => f.id);
    const where = relative(cwd, join(dataset.dir, "dataset.yaml"));
    return msg.nearestOr(m[2]!, known, `facts in ${where}`);
  }
  const filter = /undefined filter: ([\w-]+)/.exec(message)?.[1];
  if (filter !== undefined) {
    const near = nearestFilter(filter);
    return `${near ? `did you mean ${near}? ` : ""}every filter is listed in docs/reference/filters.md`;
  }
  return undefined;
}

interface DirectiveCtx {
  /** Renders the Liquid in an item's text fields (captions, titles, notes, labels). */
  fields: FieldRenderer;
  t: NormalizedTemplate;
  dataset: Dataset;
  log: IssueLog;
  at: At;
  indicators: Map<string, EvaluatedIndicator>;
  locale: string;
  options: ComposeOptions;
  pending: Array<Declared<ChartDef>>;
}

const PENDING = "\uE100pending-figure:";

/** The text fields of an item that may hold Liquid: strings, lists of strings, or lists of objects with a `label`. */
const CHART_TEXT = ["title", "caption", "yTitle", "xTitle", "notes"] as const;
const TABLE_TEXT = ["caption", "unitLabel", "notes", "columns", "measures"] as const;
const KEY_FIGURES_TEXT = ["title", "items"] as const;

/**
 * The Liquid in the text of charts, tables and key-figure boxes (captions,
 * titles, notes, units, labels), rendered with the audience's figures when
 * the item is placed: `caption: "Exports by partner, {{ ind.exports-latest.period }}"`
 * follows the data into the next edition. Figures print as their text (a
 * caption is plain text) and are listed in "About the figures". A problem
 * is an error at the field's key.
 */
class FieldRenderer {
  constructor(
    private readonly engine: ReturnType<typeof createSandbox>,
    private readonly scope: Record<string, unknown>,
    private readonly sink: NumberSink,
    private readonly log: IssueLog,
    private readonly hint: (message: string) => string | undefined,
  ) {}

  /** One text, or undefined (with the problem logged at `at`). */
  text(source: string, at: At, field: string): string | undefined {
    if (!source.includes("{{") && !source.includes("{%")) return source;
    const rendered = renderTextSync(this.engine, source, this.scope);
    if (!rendered.ok) {
      const p = rendered.problem;
      this.log.error(
        p.kind === "syntax"
          ? "liquid-syntax"
          : p.kind === "limit"
            ? "liquid-limit"
            : "liquid-render",
        at,
        msg.liquid(`${field}: ${p.message}`),
        p.hint ?? this.hint(p.message),
      );
      return undefined;
    }
    return splitPlaceholders(rendered.text)
      .map((part) => (typeof part === "number" ? (this.sink.numbers[part]?.text ?? "") : part))
      .join("");
  }

  /** A copy of the item with its text fields rendered, or undefined when one fails. */
  item<T extends object>(d: Declared<T>, keys: readonly string[]): Declared<T> | undefined {
    const at = (path: readonly (string | number)[]): At => ({
      file: d.at.file,
      ...(d.locate?.(path) ?? d.at),
    });
    const def = { ...d.def } as Record<string, unknown>;
    let ok = true;
    const one = (value: string, path: readonly (string | number)[]) => {
      const out = this.text(value, at(path), path.join("."));
      if (out === undefined) ok = false;
      return out ?? value;
    };
    for (const key of keys) {
      const value = def[key];
      if (typeof value === "string") def[key] = one(value, [key]);
      else if (Array.isArray(value)) {
        def[key] = value.map((v: unknown, i) =>
          typeof v === "string"
            ? one(v, [key, i])
            : v !== null &&
                typeof v === "object" &&
                typeof (v as { label?: unknown }).label === "string"
              ? { ...v, label: one((v as { label: string }).label, [key, i, "label"]) }
              : v,
        );
      }
    }
    return ok ? { ...d, def: def as T } : undefined;
  }
}

function expandDirective(
  node: Directive,
  walk: (children: Token[]) => DraftBlock[],
  ctx: DirectiveCtx,
): DraftBlock[] {
  const { log, at } = ctx;
  if (node.attributes === undefined) {
    log.error("directive-argument", at, msg.directiveBadSyntax(node.name), msg.directiveHint);
    return [];
  }
  const a = node.attributes;
  const name = node.name;
  if (!isDirectiveName(name)) {
    const near = nearestName(name, Object.keys(DIRECTIVES));
    log.error(
      "directive-unknown",
      at,
      msg.unknownDirective(name),
      near ? `did you mean ::${near}? ${msg.directiveHint}` : msg.directiveHint,
    );
    return [];
  }
  const allowed = DIRECTIVES[name].attributes.map((x) => x.name);
  const unknown = Object.keys(a).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) {
    log.error("directive-argument", at, msg.directiveUnknownAttr(name, unknown, allowed));
    return [];
  }
  const needRef = (): string | undefined => {
    const ref = a.ref;
    if (ref === undefined || ref === "") {
      log.error("directive-argument", at, msg.directiveMissingRef(name));
      return undefined;
    }
    return ref;
  };
  switch (name) {
    case "pagebreak":
      return [pageBreak()];
    case "callout": {
      const kind = (a.kind ?? "note") as CalloutKind;
      if (!CALLOUT_KINDS.includes(kind)) {
        log.error(
          "directive-argument",
          at,
          msg.directiveBadAttr(name, "kind", a.kind ?? "", CALLOUT_KINDS),
        );
        return [];
      }
      const children = node.kind === "container" ? walk(node.children) : [];
      const paragraphs = children.filter((b): b is Paragraph => b.type === "paragraph");
      if (paragraphs.length !== children.length) {
        const other = children.find((b) => b.type !== "paragraph")?.type ?? "block";
        log.error(
          "directive-argument",
          at,
          msg.calloutContent(other),
          "write the callout as one or more paragraphs; put lists and tables outside it",
        );
        return [];
      }
      if (paragraphs.length === 0) {
        log.error("directive-argument", at, msg.calloutEmpty());
        return [];
      }
      return [callout(kind, paragraphs, a.title)];
    }
    case "table": {
      const ref = needRef();
      if (!ref) return [];
      const declared = ctx.t.tables.get(ref);
      if (!declared) {
        log.error("unknown-table", at, msg.unknownRef("table", ref, [...ctx.t.tables.keys()]));
        return [];
      }
      const def = ctx.fields.item(declared, TABLE_TEXT);
      if (!def) return [];
      try {
        const built = buildTable(ctx.dataset, def.def, ctx.locale);
        if (!built.ok) {
          for (const p of built.problems) {
            log.error(
              "unknown-column",
              { file: def.at.file, ...(def.locate?.(p.path) ?? def.at) },
              p.message,
            );
          }
          return [];
        }
        return [built.block];
      } catch (error) {
        log.error("unknown-table", def.at, error instanceof Error ? error.message : String(error));
        return [];
      }
    }
    case "figure": {
      const ref = needRef();
      if (!ref) return [];
      const declared = ctx.t.charts.get(ref);
      if (!declared) {
        log.error("unknown-chart", at, msg.unknownRef("chart", ref, [...ctx.t.charts.keys()]));
        return [];
      }
      if (ctx.options.figures === false) return [];
      const def = ctx.fields.item(declared, CHART_TEXT);
      if (!def) return [];
      // Rendering is asynchronous: leave a marked placeholder, rendered after the walk.
      ctx.pending.push(def);
      return [
        figure({
          caption: [],
          alt: "pending",
          svg: `${PENDING}${ctx.pending.length - 1}`,
          width: 1,
          height: 1,
          notes: [],
          source: [],
        }),
      ];
    }
    case "keyfigures": {
      const ref = needRef();
      if (!ref) return [];
      const declared = ctx.t.keyFigures.get(ref);
      if (!declared) {
        log.error(
          "unknown-key-figures",
          at,
          msg.unknownRef("key-figures box", ref, [...ctx.t.keyFigures.keys()]),
        );
        return [];
      }
      const def = ctx.fields.item(declared, KEY_FIGURES_TEXT);
      if (!def) return [];
      const items: Array<{ value: NumberInline; label: ReturnType<typeof inlines> }> = [];
      def.def.items.forEach((item, i) => {
        // Problems point at the item itself, in the file that declared the box.
        const itemAt = { file: def.at.file, ...(def.locate?.(["items", i]) ?? def.at) };
        if ("indicator" in item) {
          const ev = ctx.indicators.get(item.indicator);
          if (!ev) {
            log.error(
              "unknown-indicator",
              itemAt,
              msg.unknownRef("indicator", item.indicator, [...ctx.indicators.keys()]),
            );
            return;
          }
          items.push({ value: indicatorInline(ctx.dataset, ev), label: inlines(item.label) });
        } else {
          let fact: Fact;
          try {
            fact = ctx.dataset.fact(item.fact);
          } catch (error) {
            log.error(
              "unknown-fact",
              itemAt,
              error instanceof Error ? error.message : String(error),
            );
            return;
          }
          items.push({
            value: factInlines(ctx.dataset, fact, ctx.locale).full,
            label: inlines(item.label),
          });
        }
      });
      return items.length > 0 ? [keyFigures(items, def.def.title)] : [];
    }
  }
}

/** "About the figures": each number the prose states, with its source and method. */
function aboutFigures(
  numbers: readonly NumberInline[],
  dataset: Dataset,
  terms: Terms,
): DraftBlock[] {
  const seen = new Set<string>();
  const items: Paragraph[][] = [];
  for (const n of numbers) {
    const p = n.provenance;
    const key = `${n.text}|${p.indicator ?? ""}|${p.fact ?? ""}|${p.table ?? ""}|${p.series ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    items.push([para(strong(n.text), terms.aboutFigure(p, n.estimate === true))]);
  }
  if (items.length === 0) return [];
  return [
    headingWith({ numbered: false }, 1, terms.aboutFiguresHeading),
    para(terms.aboutFiguresIntro(dataset.meta.title, dataset.meta.edition)),
    list(false, items),
  ];
}

/** Relative file paths in issues, for printing. */
export function relativeIssues(issues: readonly ComposeIssue[], cwd: string): ComposeIssue[] {
  return issues.map((i) => ({ ...i, file: relative(cwd, i.file) || i.file }));
}

export { yamlAt };
