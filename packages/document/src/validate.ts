/**
 * Checks a document beyond its schema: the invariants every writer relies on
 * (heading levels that don't jump, rows as wide as their table, alt text on
 * every figure, footnotes that resolve, numbering that runs 1, 2, 3…).
 * Writers may assume a document that passed here.
 */
import { z } from "zod";
import { documentMessages } from "./messages.js";
import { type Block, Document, type Inline, MODEL_VERSION } from "./schema.js";

/** A problem in a document; `path` locates the node (e.g. "blocks[12].body[3]"). */
export interface DocumentIssue {
  code:
    | "schema"
    | "model-version"
    | "heading-jump"
    | "row-width"
    | "missing-alt"
    | "unknown-footnote"
    | "unused-footnote"
    | "duplicate-id"
    | "unsafe-link"
    | "numbering"
    | "nested-change";
  severity: "error" | "warning";
  path: string;
  message: string;
}

function* inlinesOf(block: Block): Generator<Inline> {
  const walk = function* (xs: readonly Inline[]): Generator<Inline> {
    for (const x of xs) {
      yield x;
      if (
        x.type === "emphasis" ||
        x.type === "strong" ||
        x.type === "link" ||
        x.type === "insertion" ||
        x.type === "deletion"
      )
        yield* walk(x.children);
    }
  };
  switch (block.type) {
    case "heading":
    case "paragraph":
      yield* walk(block.children);
      return;
    case "list":
      for (const item of block.items) for (const b of item) yield* inlinesOf(b);
      return;
    case "table":
      yield* walk(block.caption);
      for (const row of [...block.head, ...block.body])
        for (const c of row.cells) yield* walk(c.children);
      for (const n of block.notes) yield* walk(n);
      yield* walk(block.source);
      return;
    case "figure":
      yield* walk(block.caption);
      for (const n of block.notes) yield* walk(n);
      yield* walk(block.source);
      return;
    case "keyFigures":
      for (const item of block.items) {
        yield item.value;
        yield* walk(item.label);
      }
      return;
    case "callout":
      for (const p of block.children) yield* walk(p.children);
      return;
    case "pageBreak":
    case "toc":
      return;
    default:
      return assertNever(block);
  }
}

/** True when an insertion or deletion sits anywhere in `xs`. */
function hasChange(xs: readonly Inline[]): boolean {
  return xs.some(
    (x) =>
      x.type === "insertion" ||
      x.type === "deletion" ||
      ((x.type === "emphasis" || x.type === "strong" || x.type === "link") &&
        hasChange(x.children)),
  );
}

/** Exhaustiveness guard for switches over node types. */
export function assertNever(x: never): never {
  throw new Error(`unhandled node: ${JSON.stringify(x)}`);
}

/** Validates an unknown value as a document: schema, model version, invariants. */
export function validateDocument(input: unknown): { document?: Document; issues: DocumentIssue[] } {
  const version = (input as { modelVersion?: unknown } | null)?.modelVersion;
  if (version !== MODEL_VERSION) {
    return {
      issues: [
        {
          code: "model-version",
          severity: "error",
          path: "modelVersion",
          message: documentMessages.version(version, MODEL_VERSION),
        },
      ],
    };
  }
  const parsed = Document.safeParse(input);
  if (!parsed.success) {
    return {
      issues: parsed.error.issues.map((i) => ({
        code: "schema" as const,
        severity: "error" as const,
        path: z.core.toDotPath(i.path),
        message: documentMessages.schema(z.core.toDotPath(i.path), i.message),
      })),
    };
  }
  const doc = parsed.data;
  const issues = checkInvariants(doc);
  return issues.some((i) => i.severity === "error") ? { issues } : { document: doc, issues };
}

/** The invariants beyond the schema. */
export function checkInvariants(doc: Document): DocumentIssue[] {
  const issues: DocumentIssue[] = [];
  const err = (code: DocumentIssue["code"], path: string, message: string) =>
    issues.push({ code, severity: "error", path, message });

  let lastLevel = 0;
  let tables = 0;
  let figures = 0;
  const ids = new Set<string>();
  const refs = new Set<number>();

  doc.blocks.forEach((block, i) => {
    const path = `blocks[${i}]`;
    if ("id" in block && block.id !== undefined) {
      if (ids.has(block.id)) err("duplicate-id", path, documentMessages.duplicateId(block.id));
      ids.add(block.id);
    }
    for (const inline of inlinesOf(block)) {
      if (
        (inline.type === "insertion" || inline.type === "deletion") &&
        hasChange(inline.children)
      ) {
        err("nested-change", path, documentMessages.nestedChange(inline.type));
      }
      if (inline.type === "footnoteRef") refs.add(inline.number);
      if (inline.type === "link" && !/^(https?:\/\/|mailto:)/i.test(inline.url)) {
        err("unsafe-link", path, documentMessages.unsafeLink(inline.url));
      }
    }
    switch (block.type) {
      case "heading":
        if (lastLevel === 0 && block.level !== 1) {
          err("heading-jump", path, documentMessages.firstHeading(block.level));
        } else if (block.level > lastLevel + 1 && lastLevel !== 0) {
          err("heading-jump", path, documentMessages.headingJump(lastLevel, block.level));
        }
        lastLevel = block.level;
        break;
      case "table": {
        tables += 1;
        if (block.number !== tables) {
          err("numbering", path, documentMessages.numbering("table", block.number, tables));
        }
        const width = block.columns.length;
        [...block.head, ...block.body].forEach((row, r) => {
          const cells = row.cells.reduce((n, c) => n + (c.colSpan ?? 1), 0);
          if (cells !== width) {
            err(
              "row-width",
              `${path}.rows[${r}]`,
              documentMessages.rowWidth(block.number, r + 1, cells, width),
            );
          }
        });
        break;
      }
      case "figure":
        figures += 1;
        if (block.number !== figures) {
          err("numbering", path, documentMessages.numbering("figure", block.number, figures));
        }
        if (block.alt.trim() === "")
          err("missing-alt", path, documentMessages.missingAlt(block.number));
        break;
      case "paragraph":
      case "list":
      case "keyFigures":
      case "callout":
      case "pageBreak":
      case "toc":
        break;
      default:
        assertNever(block);
    }
  });

  doc.footnotes.forEach((f, i) => {
    for (const p of f.children) {
      for (const inline of inlinesOf(p)) if (inline.type === "footnoteRef") refs.add(inline.number);
    }
    if (!refs.has(f.number)) {
      issues.push({
        code: "unused-footnote",
        severity: "warning",
        path: `footnotes[${i}]`,
        message: documentMessages.unusedFootnote(f.number),
      });
    }
  });
  const defined = new Set(doc.footnotes.map((f) => f.number));
  for (const n of [...refs].sort((a, b) => a - b)) {
    if (!defined.has(n)) err("unknown-footnote", "footnotes", documentMessages.unknownFootnote(n));
  }
  return issues;
}
