/**
 * Markdown to document blocks, with markdown-it (CommonMark, plus GFM tables
 * and strikethrough, markdown-it-footnote for `[^note]`, and briefkit's block
 * directives: leaf `::figure{ref=…}` lines and `:::callout{…}` containers in
 * the generic-directive syntax).
 *
 * markdown-it was chosen over micromark/mdast for speed (about 9× faster on
 * the full brief; compose has a 50 ms budget) while keeping a real,
 * well-kept CommonMark parser. Its block tokens carry line ranges, mapped
 * back to the template file through the Liquid render's line map.
 *
 * Raw HTML is never passed through: `html_block` and `html_inline` tokens
 * become literal text. Number placeholders left by Liquid become `number`
 * inlines.
 */
import type {
  DraftBlock,
  Footnote,
  Inline,
  List,
  NumberInline,
  Paragraph,
} from "@briefkit/document";
import {
  cell,
  emph,
  inlines,
  lineBreak,
  list,
  noteRef,
  para,
  row,
  strong,
  table,
  text,
} from "@briefkit/document";
import MarkdownIt, {
  type PluginSimple,
  type PluginWithOptions,
  type StateBlock,
  type Token,
} from "markdown-it";
import container from "markdown-it-container";
import footnote from "markdown-it-footnote";
import type { ComposeBlock } from "./draft.js";
import { splitPlaceholders } from "./liquid.js";
import { type QuoteMarks, restoreQuotes, smartQuotes } from "./quotes.js";

/** `{ref=x kind=finding title="Key finding"}` → attributes. */
export function parseAttributes(text: string): Record<string, string> | undefined {
  const inner = /^\{(.*)\}$/.exec(text.trim())?.[1];
  if (inner === undefined) return text.trim() === "" ? {} : undefined;
  const out: Record<string, string> = Object.create(null);
  const re = /\s*([A-Za-z][\w-]*)(?:=(?:"([^"]*)"|'([^']*)'|([^\s"'}]+)))?/gy;
  let m: RegExpExecArray | null;
  let consumed = 0;
  // biome-ignore lint/suspicious/noAssignInExpressions: the classic exec loop
  while ((m = re.exec(inner)) !== null) {
    if (m[0] === "") break;
    out[m[1]!] = m[2] ?? m[3] ?? m[4] ?? "";
    consumed = re.lastIndex;
  }
  return inner.slice(consumed).trim() === "" ? out : undefined;
}

const LEAF = /^::([a-z][\w-]*)(\{.*\})?\s*$/;

/** A block rule for leaf directives: a line `::name{attrs}` on its own. */
function leafDirective(
  state: StateBlock,
  startLine: number,
  _end: number,
  silent: boolean,
): boolean {
  const start = state.bMarks[startLine]! + state.tShift[startLine]!;
  const max = state.eMarks[startLine]!;
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const line = state.src.slice(start, max);
  if (!line.startsWith("::") || line.startsWith(":::")) return false;
  const m = LEAF.exec(line);
  if (!m) return false;
  if (silent) return true;
  const token = state.push("directive_leaf", "", 0);
  token.info = m[1]!;
  token.meta = { attrs: m[2] ?? "" };
  token.map = [startLine, startLine + 1];
  token.markup = "::";
  state.line = startLine + 1;
  return true;
}

/**
 * How deep Markdown may nest: block containers (quotes, lists, callouts;
 * a list level takes two) and inline marks (emphasis, links). markdown-it
 * stops nesting blocks here and silently drops what is deeper, so reaching
 * it is an error, not lost text; inline marks have no limit of their own
 * (`*` ×100,000 nests 50,000 deep) and are held to the same.
 */
export const MARKDOWN_MAX_NESTING = 20;

/** Block tokens whose content markdown-it parses one level down. */
const CONTAINERS = new Set([
  "blockquote_open",
  "list_item_open",
  "container_directive_open",
  "footnote_open",
]);

/** A parser, set up once per language's quotation marks (markdown-it instances are reusable and stateless per parse). */
function createParser(marks: QuoteMarks): MarkdownIt {
  const md = new MarkdownIt("commonmark", { html: true, linkify: false })
    .enable(["table", "strikethrough"])
    // Typographic quotes in the prose, and nothing else of markdown-it's typographer (quotes.ts).
    .use(smartQuotes, marks)
    // The plugins' type declarations name markdown-it's CJS types; at run time they are the same object.
    .use(footnote as unknown as PluginSimple)
    .use(container as unknown as PluginWithOptions, "directive", {
      marker: ":",
      validate: (params: string) => /^[a-z][\w-]*(\{.*\})?\s*$/.test(params.trim()),
    });
  // The preset's own value (20), set here so that the check in toBlocks and the parser agree.
  (md.options as { maxNesting?: number }).maxNesting = MARKDOWN_MAX_NESTING;
  // markdown-it silently turns unsafe links into text; we let them through to report them by position.
  md.validateLink = () => true;
  md.block.ruler.before("paragraph", "directive_leaf", leafDirective, {
    alt: ["paragraph", "reference", "blockquote", "list"],
  });
  return md;
}

const parsers = new Map<string, MarkdownIt>();

/**
 * Parses rendered Markdown into markdown-it's block token stream, its
 * prose's quotes set in `marks` (the document language's, `Terms.quotes`).
 */
export function parseMarkdown(text: string, marks: QuoteMarks): Token[] {
  const key = marks.join("\u0000");
  let parser = parsers.get(key);
  if (!parser) {
    parser = createParser(marks);
    parsers.set(key, parser);
  }
  return parser.parse(text, {});
}

/** A block directive: `::name{…}` (leaf) or `:::name{…}` … `:::` (container). */
export interface Directive {
  name: string;
  kind: "leaf" | "container";
  /**
   * Attributes, or undefined when the `{…}` could not be read. What Liquid
   * printed in them still has its quotes kept (quotes.ts): the directive
   * sets the quotes of an attribute that is prose and restores the others.
   */
  attributes: Record<string, string> | undefined;
  /** Rendered line (0-based) where it starts. */
  line: number;
  /** Container body tokens. */
  children: Token[];
}

/** A position in the template file. */
export interface SourcePos {
  file: string;
  line: number;
  column: number;
}

/** Numbers footnotes across the whole document in order of first reference. */
export class FootnoteNumbering {
  private readonly numbers = new Map<string, number>();
  readonly footnotes: Footnote[] = [];
  numberFor(key: string): number {
    let n = this.numbers.get(key);
    if (n === undefined) {
      n = this.numbers.size + 1;
      this.numbers.set(key, n);
    }
    return n;
  }
  define(key: string, children: Paragraph[]): void {
    const number = this.numbers.get(key);
    if (number !== undefined && !this.footnotes.some((f) => f.number === number)) {
      this.footnotes.push({ number, children });
      this.footnotes.sort((a, b) => a.number - b.number);
    }
  }
}

/** What the walker needs from its caller: positions, directives, numbers and problems. */
export interface WalkContext {
  /** Section id, to keep footnote labels local to their section. */
  section: string;
  /** Number inlines printed by Liquid, by placeholder index. */
  numbers: readonly NumberInline[];
  footnotes: FootnoteNumbering;
  /**
   * The footnote number of a figure's own note (an indicator's `note:`), or
   * undefined when it has none. Absent inside a note: a note's figures carry
   * no notes of their own.
   */
  figureNote?: (n: NumberInline) => number | undefined;
  /** Maps a rendered line (0-based) and column (1-based) to the template file. */
  pos(line: number, column?: number): SourcePos;
  /** The rendered text's lines, to find the column of inline problems. */
  lines: readonly string[];
  /** Expands a block directive into blocks, or reports a problem and returns []. */
  directive(node: Directive, walk: (children: Token[]) => ComposeBlock[]): ComposeBlock[];
  problem(code: MarkdownProblemCode, at: SourcePos, message: string, hint?: string): void;
}

export type MarkdownProblemCode =
  | "markdown-heading-depth"
  | "markdown-unsupported"
  | "markdown-nesting"
  | "markdown-unsafe-link"
  | "markdown-footnote-undefined";

const SAFE_URL = /^(https?:\/\/|mailto:)/i;

function textInlines(value: string, ctx: WalkContext): Inline[] {
  return inlines(
    ...splitPlaceholders(value).flatMap((part): (string | Inline)[] => {
      if (typeof part === "string") return [part];
      const n = ctx.numbers[part];
      if (n === undefined) return ["—"];
      // A figure with a note of its own carries its footnote mark wherever it is stated.
      const note = ctx.figureNote?.(n);
      return note === undefined ? [n] : [n, noteRef(note)];
    }),
  );
}

/** Column (1-based) of `needle` in the rendered lines from `line` on, for inline problems. */
function columnOf(
  ctx: WalkContext,
  line: number,
  needle: string,
): { line: number; column: number } {
  for (let i = line; i < Math.min(ctx.lines.length, line + 20); i += 1) {
    const at = ctx.lines[i]!.indexOf(needle);
    if (at >= 0) return { line: i, column: at + 1 };
  }
  return { line, column: 1 };
}

/**
 * Inline tokens → inlines. markdown-it gives a flat list with open/close
 * pairs; a stack rebuilds the nesting.
 */
function phrasing(tokens: readonly Token[], line: number, ctx: WalkContext): Inline[] {
  type Frame = { kind: "root" | "em" | "strong" | "s" | "link"; href?: string; out: Inline[] };
  const stack: Frame[] = [{ kind: "root", out: [] }];
  const top = () => stack[stack.length - 1]!;
  // Marks opened beyond MARKDOWN_MAX_NESTING: reported once, then neither kept nor closed.
  let excess = 0;
  const open = (frame: Frame) => {
    if (stack.length <= MARKDOWN_MAX_NESTING) {
      stack.push(frame);
      return;
    }
    if (excess === 0) {
      ctx.problem(
        "markdown-nesting",
        ctx.pos(line),
        `emphasis and links nested more than ${MARKDOWN_MAX_NESTING} deep`,
        "a run of * or _ or [ this long is not wording: write it as text, or escape the marks (\\*)",
      );
    }
    excess += 1;
  };
  const close = () => {
    const f = stack.pop()!;
    const children = inlines(...f.out);
    switch (f.kind) {
      case "em":
        top().out.push(emph(...children));
        return;
      case "strong":
        top().out.push(strong(...children));
        return;
      case "s":
        top().out.push(...children);
        return;
      case "link": {
        const href = f.href ?? "";
        if (!SAFE_URL.test(href)) {
          const at = columnOf(ctx, line, `](${href}`);
          const start = ctx.lines[at.line]!.lastIndexOf("[", at.column - 1);
          ctx.problem(
            "markdown-unsafe-link",
            ctx.pos(at.line, start >= 0 ? start + 1 : at.column),
            `link target "${href}" is not allowed`,
            "links may point only at http(s) addresses or mailto:",
          );
          top().out.push(...children);
          return;
        }
        top().out.push({ type: "link", url: href, children });
        return;
      }
      case "root":
        stack.push(f);
        return;
    }
  };
  for (const t of tokens) {
    switch (t.type) {
      case "text":
      case "code_inline":
        top().out.push(...textInlines(t.content, ctx));
        break;
      case "softbreak":
        top().out.push(text(" "));
        break;
      case "hardbreak":
        top().out.push(lineBreak());
        break;
      case "html_inline":
        // Raw HTML is shown as the characters the author typed, never interpreted.
        top().out.push(text(t.content));
        break;
      case "em_open":
        open({ kind: "em", out: [] });
        break;
      case "strong_open":
        open({ kind: "strong", out: [] });
        break;
      case "s_open":
        open({ kind: "s", out: [] });
        break;
      case "link_open":
        open({ kind: "link", href: t.attrGet("href") ?? "", out: [] });
        break;
      case "em_close":
      case "strong_close":
      case "s_close":
      case "link_close":
        if (excess > 0) excess -= 1;
        else if (stack.length > 1) close();
        break;
      case "footnote_ref": {
        const label =
          (t.meta as { label?: string; id: number }).label ?? String((t.meta as { id: number }).id);
        top().out.push(noteRef(ctx.footnotes.numberFor(`${ctx.section}#${label}`)));
        break;
      }
      case "image": {
        const at = columnOf(ctx, line, "![");
        ctx.problem(
          "markdown-unsupported",
          ctx.pos(at.line, at.column),
          "images cannot be placed with Markdown image syntax",
          "use a ::figure{ref=…} directive with a chart defined in template.yaml",
        );
        break;
      }
      default:
        top().out.push(...textInlines(t.content, ctx));
    }
  }
  while (stack.length > 1) close();
  return inlines(...stack[0]!.out);
}

/** Finds the index of the token closing the one at `i` (same nesting level). */
function closing(tokens: readonly Token[], i: number): number {
  const open = tokens[i]!;
  const closeType = open.type.replace(/_open$/, "_close");
  let depth = 0;
  for (let j = i; j < tokens.length; j += 1) {
    const t = tokens[j]!;
    if (t.type === open.type) depth += 1;
    else if (t.type === closeType) {
      depth -= 1;
      if (depth === 0) return j;
    }
  }
  return tokens.length - 1;
}

function inlineOf(tokens: readonly Token[], i: number, ctx: WalkContext): Inline[] {
  const t = tokens[i];
  if (t?.type !== "inline") return [];
  return phrasing(t.children ?? [], t.map?.[0] ?? 0, ctx);
}

function listBlock(tokens: readonly Token[], ctx: WalkContext): List {
  const ordered = tokens[0]!.type === "ordered_list_open";
  const items: Array<Array<Paragraph | List>> = [];
  for (let i = 1; i < tokens.length - 1; i += 1) {
    if (tokens[i]!.type !== "list_item_open") continue;
    const end = closing(tokens, i);
    const parts: Array<Paragraph | List> = [];
    for (let j = i + 1; j < end; j += 1) {
      const t = tokens[j]!;
      if (t.type === "paragraph_open") {
        parts.push(para(...inlineOf(tokens, j + 1, ctx)));
        j = closing(tokens, j);
      } else if (t.type === "bullet_list_open" || t.type === "ordered_list_open") {
        const e = closing(tokens, j);
        parts.push(listBlock(tokens.slice(j, e + 1), ctx));
        j = e;
      } else if (t.type.endsWith("_open")) {
        ctx.problem(
          "markdown-unsupported",
          ctx.pos(t.map?.[0] ?? 0),
          `a ${t.type.replace(/_open$/, "").replace(/_/g, " ")} cannot sit inside a list item`,
          "list items hold paragraphs and nested lists",
        );
        j = closing(tokens, j);
      }
    }
    items.push(parts);
    i = end;
  }
  return list(ordered, items);
}

function gfmTable(tokens: readonly Token[], caption: Inline[], ctx: WalkContext): DraftBlock {
  const rows: Array<{ head: boolean; cells: Inline[][]; aligns: string[] }> = [];
  let head = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i]!;
    if (t.type === "thead_open") head = true;
    if (t.type === "tbody_open") head = false;
    if (t.type === "tr_open") rows.push({ head, cells: [], aligns: [] });
    if (t.type === "th_open" || t.type === "td_open") {
      const r = rows.at(-1)!;
      r.cells.push(inlineOf(tokens, i + 1, ctx));
      const style = t.attrGet("style") ?? "";
      r.aligns.push(/right/.test(style) ? "right" : /center/.test(style) ? "center" : "left");
    }
  }
  const width = rows[0]?.cells.length ?? 0;
  const toRow = (r: (typeof rows)[number]) =>
    row(Array.from({ length: width }, (_, i) => cell(...(r.cells[i] ?? []))));
  return table({
    caption,
    columns: Array.from({ length: width }, (_, i) => {
      const a = rows[0]?.aligns[i];
      return { align: a === "right" ? "right" : a === "center" ? "center" : "left" };
    }),
    head: rows.filter((r) => r.head).map(toRow),
    body: rows.filter((r) => !r.head).map(toRow),
    notes: [],
    source: [],
  });
}

/** A paragraph "Table: caption" right after a GFM table gives its caption. */
function tableCaption(tokens: readonly Token[], i: number, ctx: WalkContext): Inline[] | undefined {
  if (tokens[i]?.type !== "paragraph_open") return undefined;
  const inline = tokens[i + 1];
  if (inline?.type !== "inline" || !inline.content.startsWith("Table: ")) return undefined;
  const [first, ...rest] = inline.children ?? [];
  if (first?.type !== "text") return undefined;
  const copy = Object.assign(Object.create(Object.getPrototypeOf(first)), first, {
    content: first.content.slice("Table: ".length),
  }) as Token;
  return phrasing([copy, ...rest], inline.map?.[0] ?? 0, ctx);
}

/**
 * Walks a section's tokens into draft blocks. The first `#` heading is the
 * section heading (level 1); `##` and `###` are levels 2 and 3.
 */
export function toBlocks(tokens: readonly Token[], ctx: WalkContext): ComposeBlock[] {
  const deep = tokens.find((t) => CONTAINERS.has(t.type) && t.level + 1 >= MARKDOWN_MAX_NESTING);
  if (deep) {
    ctx.problem(
      "markdown-nesting",
      ctx.pos(deep.map?.[0] ?? 0),
      `quotes, lists and callouts nested more than ${MARKDOWN_MAX_NESTING} levels deep (a list level counts two): the text inside would be lost`,
      "a brief needs a few levels at most: flatten the nesting",
    );
    return [];
  }
  // Footnote bodies sit at the end, after the text that references them.
  const start = tokens.findIndex((t) => t.type === "footnote_block_open");
  const body = start < 0 ? tokens : tokens.slice(0, start);
  const blocks = walk(body, ctx);
  if (start >= 0) {
    for (let i = start; i < tokens.length; i += 1) {
      const t = tokens[i]!;
      if (t.type !== "footnote_open") continue;
      const end = closing(tokens, i);
      const meta = t.meta as { label?: string; id: number };
      const paragraphs: Paragraph[] = [];
      for (let j = i + 1; j < end; j += 1) {
        if (tokens[j]!.type === "paragraph_open")
          paragraphs.push(para(...inlineOf(tokens, j + 1, ctx)));
      }
      ctx.footnotes.define(`${ctx.section}#${meta.label ?? meta.id}`, paragraphs);
      i = end;
    }
  }
  return blocks;
}

function walk(tokens: readonly Token[], ctx: WalkContext): ComposeBlock[] {
  const out: ComposeBlock[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i]!;
    const line = t.map?.[0] ?? 0;
    switch (t.type) {
      case "heading_open": {
        const depth = Number(t.tag.slice(1));
        const end = closing(tokens, i);
        if (depth > 3) {
          ctx.problem(
            "markdown-heading-depth",
            ctx.pos(line),
            `heading level ${depth} is deeper than a brief allows`,
            "use #, ## or ### (section, subsection, sub-subsection)",
          );
        } else {
          out.push({
            type: "heading",
            level: depth as 1 | 2 | 3,
            children: inlineOf(tokens, i + 1, ctx),
          });
        }
        i = end;
        break;
      }
      case "paragraph_open": {
        const end = closing(tokens, i);
        if (
          !(tableCaption(tokens, i, ctx) !== undefined && tokens[i - 1]?.type === "table_close")
        ) {
          out.push(para(...inlineOf(tokens, i + 1, ctx)));
        }
        i = end;
        break;
      }
      case "bullet_list_open":
      case "ordered_list_open": {
        const end = closing(tokens, i);
        out.push(listBlock(tokens.slice(i, end + 1), ctx));
        i = end;
        break;
      }
      case "table_open": {
        const end = closing(tokens, i);
        out.push(gfmTable(tokens.slice(i, end + 1), tableCaption(tokens, end + 1, ctx) ?? [], ctx));
        i = end;
        break;
      }
      case "blockquote_open": {
        const end = closing(tokens, i);
        out.push({
          type: "callout",
          kind: "note",
          children: walk(tokens.slice(i + 1, end), ctx).filter(
            (b): b is Paragraph => b.type === "paragraph",
          ),
        });
        i = end;
        break;
      }
      case "code_block":
      case "fence":
        out.push(para(...textInlines(t.content.replace(/\n$/, ""), ctx)));
        break;
      case "html_block":
        out.push(para(t.content.replace(/\n$/, "")));
        break;
      case "directive_leaf":
        out.push(
          ...ctx.directive(
            {
              name: t.info,
              kind: "leaf",
              attributes: parseAttributes((t.meta as { attrs: string }).attrs),
              line,
              children: [],
            },
            (children) => walk(children, ctx),
          ),
        );
        break;
      case "container_directive_open": {
        const end = closing(tokens, i);
        const m = /^([a-z][\w-]*)(\{.*\})?\s*$/.exec(t.info.trim());
        out.push(
          ...ctx.directive(
            {
              name: m?.[1] ?? restoreQuotes(t.info.trim()),
              kind: "container",
              attributes: parseAttributes(m?.[2] ?? ""),
              line,
              children: tokens.slice(i + 1, end),
            },
            (children) => walk(children, ctx),
          ),
        );
        i = end;
        break;
      }
      case "hr":
        ctx.problem(
          "markdown-unsupported",
          ctx.pos(line),
          "a horizontal rule has no place in a brief",
          "use ::pagebreak for a new page, or a heading for a new part",
        );
        break;
      default:
        // Closing tokens and anything inline-only carry nothing at block level.
        break;
    }
  }
  return out;
}
