/**
 * Inline nodes → pdfmake inline text (an array of `{ text, …marks }` leaves,
 * pdfmake's "inline styling": bold, italics, link, sup, linkToDestination).
 *
 * Marks are flattened onto each leaf rather than nested, so every leaf says
 * exactly how it is set; adjacent leaves with the same marks merge, which
 * keeps the docDefinition small and readable in the goldens.
 */
import type { Inline } from "@briefkit/document";
import { type Env, noteAnchor } from "./env.js";
import { pdfMessages } from "./messages.js";
import type { LeafTag } from "./tags.js";
import type { FaceRef } from "./text.js";

/** One run of inline text. */
export interface Leaf {
  text: string;
  bold?: boolean;
  italics?: boolean;
  link?: string;
  linkToDestination?: string;
  style?: string;
  sup?: boolean;
  /** A number with its unit stays on one line ("US$8.8 billion"). */
  noWrap?: boolean;
  /** Tracked changes: inserted text underlined, deleted text struck through… */
  decoration?: "underline" | "lineThrough";
  /** …in the theme's change colour. */
  color?: string;
  decorationColor?: string;
  /** pdfmake may break between any two characters: how words.ts breaks a word too wide for its room. */
  wordBreak?: "break-all";
  /** A footnote reference's role in the structure tree (tags.ts). */
  tag?: LeafTag;
}

interface Marks {
  bold: boolean;
  italics: boolean;
  link?: string;
  /** Inside a tracked insertion or deletion. */
  change?: "insertion" | "deletion";
}

const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

function leaf(text: string, marks: Marks, extra: Partial<Leaf> = {}, changeColor = ""): Leaf {
  return {
    text,
    ...(marks.bold ? { bold: true } : {}),
    ...(marks.italics ? { italics: true } : {}),
    ...(marks.link === undefined ? {} : { link: marks.link, style: "link" }),
    ...(marks.change === undefined
      ? {}
      : {
          decoration: marks.change === "insertion" ? "underline" : "lineThrough",
          color: changeColor,
          decorationColor: changeColor,
        }),
    ...extra,
  };
}

const sameMarks = (a: Leaf, b: Leaf) =>
  a.bold === b.bold &&
  a.italics === b.italics &&
  a.link === b.link &&
  a.style === b.style &&
  a.sup === b.sup &&
  a.noWrap === b.noWrap &&
  a.linkToDestination === b.linkToDestination &&
  a.decoration === b.decoration &&
  a.color === b.color;

/** Merges adjacent leaves with the same marks (never across a line break or a number). */
function merge(leaves: Leaf[]): Leaf[] {
  const out: Leaf[] = [];
  for (const l of leaves) {
    const last = out.at(-1);
    if (
      last &&
      !last.noWrap &&
      !l.noWrap &&
      last.text !== "\n" &&
      l.text !== "\n" &&
      sameMarks(last, l)
    ) {
      last.text += l.text;
    } else {
      out.push({ ...l });
    }
  }
  return out;
}

/**
 * Converts inlines set in `face` (the block's base face: bold/italic marks
 * add to it). `path` is the path of the inline array, e.g. "blocks[3].children".
 */
export function inlineText(xs: readonly Inline[], path: string, face: FaceRef, env: Env): Leaf[] {
  const out: Leaf[] = [];
  const color = env.theme.colors.change;
  const walk = (nodes: readonly Inline[], base: string, marks: Marks) => {
    nodes.forEach((node, i) => {
      const here = `${base}[${i}]`;
      const f: FaceRef = {
        family: face.family,
        bold: face.bold || marks.bold,
        italic: face.italic || marks.italics,
      };
      switch (node.type) {
        case "text":
          out.push(leaf(env.clean(node.value, here, f), marks, {}, color));
          return;
        case "number":
          out.push(leaf(env.clean(node.text, here, f), marks, { noWrap: true }, color));
          return;
        case "emphasis":
          walk(node.children, `${here}.children`, { ...marks, italics: true });
          return;
        case "strong":
          walk(node.children, `${here}.children`, { ...marks, bold: true });
          return;
        case "link":
          if (SAFE_LINK.test(node.url)) {
            walk(node.children, `${here}.children`, { ...marks, link: node.url });
          } else {
            env.log({
              code: "unsafe-link",
              path: here,
              message: pdfMessages.linkRefused(node.url),
            });
            walk(node.children, `${here}.children`, marks);
          }
          return;
        case "lineBreak":
          // The space ends the line unseen (pdfmake neither justifies a broken
          // line nor counts a trailing space in its width), but text extraction
          // and screen readers read two words, not one run together.
          out.push({ text: " " }, { text: "\n" });
          return;
        case "footnoteRef":
          out.push({
            text: String(node.number),
            sup: true,
            style: "noteRef",
            linkToDestination: noteAnchor(node.number),
            tag: "Reference",
          });
          return;
        case "insertion":
        case "deletion":
          // A tracked change: the children keep their own marks and gain the change's.
          walk(node.children, `${here}.children`, { ...marks, change: node.type });
          return;
        default:
          unhandledInline(node, here, env);
      }
    });
  };
  walk(xs, path, { bold: false, italics: false });
  return merge(out);
}

/**
 * The `never` parameter makes a new inline type a compile error here (as
 * `assertNever` does); at run time an unknown node is reported, not dropped
 * silently.
 */
function unhandledInline(node: never, path: string, env: Env): void {
  const type = (node as { type?: unknown }).type;
  env.log({
    code: "not-rendered",
    path,
    message: pdfMessages.notRendered(`inline node "${String(type)}"`),
  });
}
