/**
 * Markdown to document blocks. Parses CommonMark + GFM (tables, footnotes,
 * strikethrough, autolinks) + generic directives (`::figure{ref=…}`,
 * `:::callout{…}`) with mdast-util-from-markdown, then walks the mdast tree
 * into the document model's draft blocks.
 *
 * Raw HTML is never passed through: an `html` node becomes literal text.
 * Number placeholders left by Liquid become `number` inlines. Positions are
 * mapped back to the template file through the render's line map.
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
import type {
  BlockContent,
  DefinitionContent,
  FootnoteDefinition,
  ListItem,
  Table as MdTable,
  Nodes,
  PhrasingContent,
  Root,
  RootContent,
} from "mdast";
import type { ContainerDirective, LeafDirective, TextDirective } from "mdast-util-directive";
import { directiveFromMarkdown } from "mdast-util-directive";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { directive } from "micromark-extension-directive";
import { gfm } from "micromark-extension-gfm";
import { splitPlaceholders } from "./liquid.js";

/** Parses rendered Markdown into mdast (GFM and directives on). */
export function parseMarkdown(text: string): Root {
  return fromMarkdown(text, {
    extensions: [gfm(), directive()],
    mdastExtensions: [gfmFromMarkdown(), directiveFromMarkdown()],
  });
}

export type Directive = LeafDirective | ContainerDirective;

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
  referenced(key: string): boolean {
    return this.numbers.has(key);
  }
}

/** What the walker needs from its caller: directives, numbers and problems. */
export interface WalkContext {
  /** Section id, to keep footnote labels local to their section. */
  section: string;
  /** Number inlines printed by Liquid, by placeholder index. */
  numbers: readonly NumberInline[];
  footnotes: FootnoteNumbering;
  /** Maps a rendered line (1-based) to the template file's line. */
  pos(node: { position?: { start: { line: number; column: number } } | undefined }): SourcePos;
  /** Expands a block directive into blocks, or reports a problem and returns []. */
  directive(node: Directive, walk: (children: RootContent[]) => DraftBlock[]): DraftBlock[];
  problem(code: MarkdownProblemCode, at: SourcePos, message: string, hint?: string): void;
}

export type MarkdownProblemCode =
  | "markdown-heading-depth"
  | "markdown-unsupported"
  | "markdown-unsafe-link"
  | "markdown-footnote-undefined";

const SAFE_URL = /^(https?:\/\/|mailto:)/i;

function textInlines(value: string, ctx: WalkContext): Inline[] {
  return inlines(
    ...splitPlaceholders(value).map((part) =>
      typeof part === "string" ? part : (ctx.numbers[part] ?? "—"),
    ),
  );
}

function phrasing(nodes: readonly PhrasingContent[], ctx: WalkContext): Inline[] {
  const out: Inline[] = [];
  for (const node of nodes) out.push(...phrase(node, ctx));
  return inlines(...out);
}

function phrase(node: PhrasingContent, ctx: WalkContext): Inline[] {
  switch (node.type) {
    case "text":
      return textInlines(node.value, ctx);
    case "emphasis":
      return [emph(...phrasing(node.children, ctx))];
    case "strong":
      return [strong(...phrasing(node.children, ctx))];
    case "delete":
      return phrasing(node.children, ctx);
    case "inlineCode":
      return textInlines(node.value, ctx);
    case "break":
      return [lineBreak()];
    case "html":
      // Raw HTML is shown as the characters the author typed, never interpreted.
      return [text(node.value)];
    case "link": {
      const children = phrasing(node.children, ctx);
      if (!SAFE_URL.test(node.url)) {
        ctx.problem(
          "markdown-unsafe-link",
          ctx.pos(node),
          `link target "${node.url}" is not allowed`,
          "links may point only at http(s) addresses or mailto:",
        );
        return children;
      }
      return [{ type: "link", url: node.url, children }];
    }
    case "footnoteReference":
      return [noteRef(ctx.footnotes.numberFor(`${ctx.section}#${node.identifier}`))];
    case "image":
    case "imageReference":
      ctx.problem(
        "markdown-unsupported",
        ctx.pos(node),
        "images cannot be placed with Markdown image syntax",
        "use a ::figure{ref=…} directive with a chart defined in template.yaml",
      );
      return [];
    case "linkReference":
      return phrasing(node.children, ctx);
    case "textDirective":
      return unsupportedText(node, ctx);
    default:
      return assertNeverPhrasing(node);
  }
}

function unsupportedText(node: TextDirective, ctx: WalkContext): Inline[] {
  ctx.problem(
    "markdown-unsupported",
    ctx.pos(node),
    `unknown inline directive ":${node.name}"`,
    "block directives start a line with :: (figure, table, keyfigures, pagebreak) or ::: (callout)",
  );
  return [text(`:${node.name}`)];
}

function assertNeverPhrasing(node: never): never {
  throw new Error(`unhandled Markdown inline: ${JSON.stringify(node)}`);
}

function listBlock(
  node: { ordered?: boolean | null | undefined; children: ListItem[] },
  ctx: WalkContext,
): List {
  return list(
    node.ordered === true,
    node.children.map((item) => {
      const parts: Array<Paragraph | List> = [];
      for (const child of item.children) {
        if (child.type === "paragraph") parts.push(para(...phrasing(child.children, ctx)));
        else if (child.type === "list") parts.push(listBlock(child, ctx));
        else {
          ctx.problem(
            "markdown-unsupported",
            ctx.pos(child),
            `a ${child.type} cannot sit inside a list item`,
            "list items hold paragraphs and nested lists",
          );
        }
      }
      return parts;
    }),
  );
}

function gfmTable(node: MdTable, caption: Inline[], ctx: WalkContext): DraftBlock {
  const [head, ...body] = node.children;
  const align = node.align ?? [];
  const width = head?.children.length ?? 0;
  const toRow = (r: MdTable["children"][number]) =>
    row(
      Array.from({ length: width }, (_, i) => {
        const c = r.children[i];
        return cell(...(c ? phrasing(c.children, ctx) : []));
      }),
    );
  return table({
    caption,
    columns: Array.from({ length: width }, (_, i) => {
      const a = align[i];
      return { align: a === "right" ? "right" : a === "center" ? "center" : "left" };
    }),
    head: head ? [toRow(head)] : [],
    body: body.map(toRow),
    notes: [],
    source: [],
  });
}

/** A paragraph of the form "Table: caption" gives the caption of the GFM table before it. */
function tableCaption(node: RootContent | undefined, ctx: WalkContext): Inline[] | undefined {
  if (node?.type !== "paragraph") return undefined;
  const first = node.children[0];
  if (first?.type !== "text" || !first.value.startsWith("Table: ")) return undefined;
  const rest: PhrasingContent[] = [
    { ...first, value: first.value.slice("Table: ".length) },
    ...node.children.slice(1),
  ];
  return phrasing(rest, ctx);
}

/**
 * Walks a section's mdast into draft blocks. The first `#` heading is the
 * section heading (level 1); `##` and `###` are levels 2 and 3.
 */
export function toBlocks(root: Root, ctx: WalkContext): DraftBlock[] {
  // Footnote definitions may come anywhere; collect them first so references resolve.
  const definitions = new Map<string, FootnoteDefinition>();
  for (const node of root.children) {
    if (node.type === "footnoteDefinition") definitions.set(node.identifier, node);
  }
  const blocks = walk(root.children, ctx);
  for (const [id, def] of definitions) {
    const key = `${ctx.section}#${id}`;
    if (!ctx.footnotes.referenced(key)) continue;
    const paragraphs = def.children
      .filter((c): c is Extract<typeof c, { type: "paragraph" }> => c.type === "paragraph")
      .map((p) => para(...phrasing(p.children, ctx)));
    ctx.footnotes.define(key, paragraphs);
  }
  return blocks;
}

function walk(nodes: readonly RootContent[], ctx: WalkContext): DraftBlock[] {
  const out: DraftBlock[] = [];
  for (let i = 0; i < nodes.length; i += 1) {
    const node = nodes[i]!;
    switch (node.type) {
      case "heading": {
        if (node.depth > 3) {
          ctx.problem(
            "markdown-heading-depth",
            ctx.pos(node),
            `heading level ${node.depth} is deeper than a brief allows`,
            "use #, ## or ### (section, subsection, sub-subsection)",
          );
          break;
        }
        out.push({
          type: "heading",
          level: node.depth as 1 | 2 | 3,
          children: phrasing(node.children, ctx),
        });
        break;
      }
      case "paragraph":
        if (tableCaption(node, ctx) !== undefined && nodes[i - 1]?.type === "table") break;
        out.push(para(...phrasing(node.children, ctx)));
        break;
      case "list":
        out.push(listBlock(node, ctx));
        break;
      case "table":
        out.push(gfmTable(node, tableCaption(nodes[i + 1], ctx) ?? [], ctx));
        break;
      case "blockquote":
        out.push({
          type: "callout",
          kind: "note",
          children: walk(node.children, ctx).filter((b): b is Paragraph => b.type === "paragraph"),
        });
        break;
      case "code":
        out.push(para(...textInlines(node.value, ctx)));
        break;
      case "html":
        out.push(para(node.value));
        break;
      case "leafDirective":
      case "containerDirective":
        out.push(...ctx.directive(node, (children) => walk(children, ctx)));
        break;
      case "footnoteDefinition":
      case "definition":
        break;
      case "thematicBreak":
        ctx.problem(
          "markdown-unsupported",
          ctx.pos(node),
          "a horizontal rule has no place in a brief",
          "use ::pagebreak for a new page, or a heading for a new part",
        );
        break;
      case "yaml":
      case "text":
      case "emphasis":
      case "strong":
      case "delete":
      case "inlineCode":
      case "break":
      case "link":
      case "linkReference":
      case "image":
      case "imageReference":
      case "footnoteReference":
      case "textDirective":
      case "listItem":
      case "tableRow":
      case "tableCell":
        // Phrasing or structural nodes never appear at block level in a parsed tree.
        break;
      default:
        assertNeverBlock(node);
    }
  }
  return out;
}

function assertNeverBlock(node: never): never {
  throw new Error(`unhandled Markdown block: ${JSON.stringify(node)}`);
}

/** Plain text of phrasing content (for attribute-like uses such as titles). */
export function plainText(nodes: readonly (Nodes | BlockContent | DefinitionContent)[]): string {
  let s = "";
  for (const n of nodes) {
    if ("value" in n && typeof n.value === "string") s += n.value;
    else if ("children" in n) s += plainText(n.children as Nodes[]);
  }
  return s;
}
