/**
 * One walker over the model, in the manner of mdast's `unist-util-visit`:
 * every block (nested ones too: list items, callout paragraphs, footnote
 * paragraphs) and every inline (nested ones too, and a key figure's value),
 * in document order, each with its path in the form the validator and the
 * writers report ("blocks[3].body[0].cells[1].children[0]").
 *
 * What a node holds is said once, here, by exhaustive switches: a node type
 * added to the model does not compile until this file says what it holds,
 * and every walk then reaches it. At run time a node of a type the model
 * does not know (an unvalidated document of a newer model) holds nothing the
 * walker can reach: it is visited, not entered, and the writers report it.
 */

import { assertNever } from "./assert-never.js";
import type { Block, Document, Inline } from "./schema.js";

/** What a visitor returns to leave a node's contents unvisited. */
export const SKIP = "skip";

/** Called on each node before its contents; returning `SKIP` leaves them out (any other value is ignored). */
export interface Visitor {
  block?: (block: Block, path: string) => unknown;
  inline?: (inline: Inline, path: string) => unknown;
}

/** The inlines inside an inline node (none for a leaf). */
export function inlineChildren(x: Inline): readonly Inline[] {
  switch (x.type) {
    case "text":
    case "number":
    case "lineBreak":
    case "footnoteRef":
      return [];
    case "emphasis":
    case "strong":
    case "link":
    case "insertion":
    case "deletion":
      return x.children;
    default:
      return unknownNode(x);
  }
}

/** The last case of the switches below: `never` makes a missing case a compile error. */
function unknownNode(_node: never): [] {
  return [];
}

/** One thing a block holds: a run of inlines, a single inline (a key figure's value) or a block. */
type Part =
  | { kind: "inlines"; path: string; inlines: readonly Inline[] }
  | { kind: "inline"; path: string; inline: Inline }
  | { kind: "block"; path: string; block: Block };

const run = (path: string, inlines: readonly Inline[]): Part => ({
  kind: "inlines",
  path,
  inlines,
});

/** What a block holds, in reading order, with paths below `path`. */
function partsOf(block: Block, path: string): Part[] {
  switch (block.type) {
    case "heading":
    case "paragraph":
      return [run(`${path}.children`, block.children)];
    case "list":
      return block.items.flatMap((item, i) =>
        item.map((b, j): Part => ({ kind: "block", path: `${path}.items[${i}][${j}]`, block: b })),
      );
    case "table":
      return [
        run(`${path}.caption`, block.caption),
        ...(["head", "body"] as const).flatMap((kind) =>
          block[kind].flatMap((row, r) =>
            row.cells.map((c, k) => run(`${path}.${kind}[${r}].cells[${k}].children`, c.children)),
          ),
        ),
        ...block.notes.map((n, i) => run(`${path}.notes[${i}]`, n)),
        run(`${path}.source`, block.source),
      ];
    case "figure":
      return [
        run(`${path}.caption`, block.caption),
        ...block.notes.map((n, i) => run(`${path}.notes[${i}]`, n)),
        run(`${path}.source`, block.source),
      ];
    case "keyFigures":
      return block.items.flatMap((item, i): Part[] => [
        { kind: "inline", path: `${path}.items[${i}].value`, inline: item.value },
        run(`${path}.items[${i}].label`, item.label),
      ]);
    case "callout":
      return block.children.map(
        (p, i): Part => ({ kind: "block", path: `${path}.children[${i}]`, block: p }),
      );
    case "pageBreak":
    case "toc":
      return [];
    default:
      return unknownNode(block);
  }
}

function visitInline(x: Inline, path: string, visitor: Visitor): void {
  if (visitor.inline?.(x, path) === SKIP) return;
  walkInlines(inlineChildren(x), `${path}.children`, visitor);
}

/** Visits a run of inlines at `path` (the path of the array) and everything inside them. */
export function walkInlines(xs: readonly Inline[], path: string, visitor: Visitor): void {
  xs.forEach((x, i) => {
    visitInline(x, `${path}[${i}]`, visitor);
  });
}

/** Visits one block at `path` and everything inside it. */
export function walkBlock(block: Block, path: string, visitor: Visitor): void {
  if (visitor.block?.(block, path) === SKIP) return;
  for (const part of partsOf(block, path)) {
    switch (part.kind) {
      case "inlines":
        walkInlines(part.inlines, part.path, visitor);
        break;
      case "inline":
        visitInline(part.inline, part.path, visitor);
        break;
      case "block":
        walkBlock(part.block, part.path, visitor);
        break;
      default:
        assertNever(part);
    }
  }
}

/** Visits blocks at `path` (the path of the array) and everything inside them. */
export function walkBlocks(blocks: readonly Block[], path: string, visitor: Visitor): void {
  blocks.forEach((b, i) => {
    walkBlock(b, `${path}[${i}]`, visitor);
  });
}

/** Visits a whole document: its blocks, then its footnotes' paragraphs. */
export function walkDocument(doc: Document, visitor: Visitor): void {
  walkBlocks(doc.blocks, "blocks", visitor);
  doc.footnotes.forEach((f, i) => {
    walkBlocks(f.children, `footnotes[${i}].children`, visitor);
  });
}

/** Whether any inline in `xs`, at any depth, passes `test`. */
export function someInline(xs: readonly Inline[], test: (x: Inline) => boolean): boolean {
  return xs.some((x) => test(x) || someInline(inlineChildren(x), test));
}
