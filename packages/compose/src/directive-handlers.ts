/**
 * What each directive places: its attributes parsed by its schema in the
 * DIRECTIVES table (directives.ts), then one handler per directive.
 */
import { join } from "node:path";
import { type Dataset, type Fact, nearestName, type Table } from "@briefkit/data";
import {
  callout,
  type DraftBlock,
  inlines,
  keyFigures,
  type NumberInline,
  type Paragraph,
  pageBreak,
  plainText,
} from "@briefkit/document";
import type { EvaluatedIndicator } from "@briefkit/indicators";
import type { Token } from "markdown-it";
import {
  type AttributeProblem,
  DIRECTIVES,
  type DirectiveAttributes,
  type DirectiveName,
  isDirectiveName,
  parseDirectiveAttributes,
} from "./directives.js";
import { blockKind, type ComposeBlock } from "./draft.js";
import type { FieldRenderer } from "./field-renderer.js";
import {
  type FontCoverage,
  keyWith,
  reportUndrawable,
  undrawable,
  undrawableIn,
} from "./glyphs.js";
import type { IssueLog } from "./issues.js";
import type { Directive } from "./markdown.js";
import { composeMessages as msg } from "./messages.js";
import { type QuoteMarks, restoreQuotes, setPlainQuotes } from "./quotes.js";
import { buildTable } from "./tables.js";
import type { At, Declared, NormalizedTemplate } from "./template.js";
import type { TableDef } from "./template-schema.js";
import { factInlines, indicatorInline } from "./values.js";

/** What a directive's handler works with: the template, the data, where the directive is. */
export interface DirectiveCtx {
  /** The directive as written (a callout's body is in `node.children`). */
  node: Directive;
  /** Walks a container directive's body into blocks. */
  walk: (children: Token[]) => ComposeBlock[];
  /** Renders the Liquid in an item's text fields (captions, titles, notes, labels). */
  fields: FieldRenderer;
  t: NormalizedTemplate;
  dataset: Dataset;
  log: IssueLog;
  at: At;
  indicators: Map<string, EvaluatedIndicator>;
  locale: string;
  /** False when the caller left charts out (`ComposeOptions.figures: false`). */
  placeCharts: boolean;
  /** What the theme's fonts can draw. */
  fonts: FontCoverage;
  /** The document language's quotation marks, for attributes that are prose. */
  quotes: QuoteMarks;
}

/** The text fields of an item that may hold Liquid: strings, lists of strings, or lists of objects with a `label`. */
const CHART_TEXT = ["title", "caption", "yTitle", "xTitle", "notes"] as const;
const TABLE_TEXT = ["caption", "unitLabel", "notes", "columns", "measures"] as const;
const KEY_FIGURES_TEXT = ["title", "items"] as const;

/** Places one directive: its blocks, or [] with the problem logged. */
type DirectiveHandler<N extends DirectiveName> = (
  attributes: DirectiveAttributes[N],
  ctx: DirectiveCtx,
) => ComposeBlock[];

/** One handler per directive: a directive added to the table does not compile until it has one. */
const HANDLERS: { readonly [N in DirectiveName]: DirectiveHandler<N> } = {
  pagebreak: () => [pageBreak()],
  callout: ({ kind, title }, { node, walk, log, at }) => {
    const children = node.kind === "container" ? walk(node.children) : [];
    const paragraphs = children.filter((b): b is Paragraph => b.type === "paragraph");
    if (paragraphs.length !== children.length) {
      const other = children.find((b) => b.type !== "paragraph");
      log.error(
        "directive-argument",
        at,
        msg.calloutContent(other ? blockKind(other) : "block"),
        "write the callout as one or more paragraphs; put lists and tables outside it",
      );
      return [];
    }
    if (paragraphs.length === 0) {
      log.error("directive-argument", at, msg.calloutEmpty());
      return [];
    }
    return [callout(kind, paragraphs, title)];
  },
  table: ({ ref }, ctx) => {
    const { log, at } = ctx;
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
      checkTableGlyphs(built.block, def, ctx);
      return [built.block];
    } catch (error) {
      log.error("unknown-table", def.at, error instanceof Error ? error.message : String(error));
      return [];
    }
  },
  figure: ({ ref }, ctx) => {
    const declared = ctx.t.charts.get(ref);
    if (!declared) {
      ctx.log.error(
        "unknown-chart",
        ctx.at,
        msg.unknownRef("chart", ref, [...ctx.t.charts.keys()]),
      );
      return [];
    }
    if (!ctx.placeCharts) return [];
    const def = ctx.fields.item(declared, CHART_TEXT);
    if (!def) return [];
    return [{ type: "pending-figure", chart: def }];
  },
  keyfigures: ({ ref }, ctx) => {
    const { log } = ctx;
    const declared = ctx.t.keyFigures.get(ref);
    if (!declared) {
      log.error(
        "unknown-key-figures",
        ctx.at,
        msg.unknownRef("key-figures box", ref, [...ctx.t.keyFigures.keys()], "key-figures boxes"),
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
          log.error("unknown-fact", itemAt, error instanceof Error ? error.message : String(error));
          return;
        }
        items.push({
          value: factInlines(ctx.dataset, fact, ctx.locale, ctx.t.numbers.units).full,
          label: inlines(item.label),
        });
      }
    });
    if (def.def.title !== undefined) {
      const at = { file: def.at.file, ...(def.locate?.(["title"]) ?? def.at) };
      reportUndrawable(log, at, undrawable(def.def.title, "heading", ctx.fonts), ctx.fonts);
    }
    items.forEach((item, i) => {
      const at = { file: def.at.file, ...(def.locate?.(["items", i]) ?? def.at) };
      const texts = [plainText(item.label), item.value.text];
      const chars = [...new Set(texts.flatMap((s) => undrawable(s, "heading", ctx.fonts)))];
      reportUndrawable(log, at, chars, ctx.fonts);
    });
    return items.length > 0 ? [keyFigures(items, def.def.title)] : [];
  },
};

/**
 * A placed table's characters its fonts cannot draw: at the first data cell
 * that holds one (in the table's file), or at the key of template.yaml whose
 * text does (a caption, a note, a column label), else at the table's
 * declaration.
 */
function checkTableGlyphs(block: DraftBlock, def: Declared<TableDef>, ctx: DirectiveCtx): void {
  const chars = undrawableIn([block], ctx.fonts);
  if (chars.length === 0) return;
  const table = ctx.dataset.tables.find((x) => x.id === def.def.table);
  const file = table ? join(ctx.dataset.dir, table.file) : def.at.file;
  const byPlace = new Map<string, { at: At; chars: string[] }>();
  for (const ch of chars) {
    const at = keyWith(def, ch) ?? cellWith(table, ch, file) ?? def.at;
    const key = `${at.file}:${at.line}:${at.column}`;
    const entry = byPlace.get(key) ?? { at, chars: [] };
    entry.chars.push(ch);
    byPlace.set(key, entry);
  }
  for (const { at, chars: missing } of byPlace.values())
    reportUndrawable(ctx.log, at, missing, ctx.fonts);
}

/** The first cell of a table whose text holds `ch`. */
function cellWith(table: Table | undefined, ch: string, file: string): At | undefined {
  for (const row of table?.rows ?? [])
    for (const cell of row.cells)
      if (cell.raw.includes(ch)) return { file, line: cell.line, column: cell.column };
  return undefined;
}

/** The message for attributes a directive's schema refused. */
function attributeMessage(name: DirectiveName, problem: AttributeProblem): string {
  switch (problem.kind) {
    case "unknown":
      return msg.directiveUnknownAttr(name, problem.attributes, problem.allowed);
    case "missing":
      return msg.directiveMissingAttr(name, problem.attribute);
    case "not-one-of":
      return msg.directiveBadAttr(name, problem.attribute, problem.value, problem.allowed);
  }
}

/** A known directive: its attributes parsed by its schema, then its handler. */
function placeDirective<N extends DirectiveName>(
  name: N,
  attributes: Readonly<Record<string, string>>,
  ctx: DirectiveCtx,
): ComposeBlock[] {
  const parsed = parseDirectiveAttributes(name, attributes);
  if (!parsed.ok) {
    ctx.log.error("directive-argument", ctx.at, attributeMessage(name, parsed.problem));
    return [];
  }
  return HANDLERS[name](parsed.attributes, ctx);
}

/**
 * Expands one directive of a section: its blocks, or [] with the problem
 * logged at the directive (unreadable attributes, an unknown name, an
 * attribute its schema refuses, or what its handler finds wrong).
 */
export function expandDirective(ctx: DirectiveCtx): ComposeBlock[] {
  const { log, at, node } = ctx;
  const name = node.name;
  if (node.attributes === undefined) {
    log.error("directive-argument", at, msg.directiveBadSyntax(name), msg.directiveHint);
    return [];
  }
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
  // A prose attribute's quotes are set as the text's; an id is kept as typed, as is what Liquid printed.
  const prose = DIRECTIVES[name].prose;
  const attributes = Object.fromEntries(
    Object.entries(node.attributes).map(([key, value]) => [
      key,
      prose.includes(key) ? setPlainQuotes(value, ctx.quotes) : restoreQuotes(value),
    ]),
  );
  return placeDirective(name, attributes, ctx);
}
