/**
 * Checks a document beyond its schema: the invariants every writer relies on
 * (heading levels that don't jump, rows as wide as their table, alt text on
 * every figure, footnotes that resolve, numbering that runs 1, 2, 3…).
 * Writers may assume a document that passed here.
 */
import { z } from "zod";
import { assertNever } from "./assert-never.js";
import { documentMessages } from "./messages.js";
import { Document, type Inline, MODEL_VERSION } from "./schema.js";
import { inlineChildren, someInline, walkBlock, walkBlocks } from "./walk.js";

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

/** A tracked change: text inserted or deleted since the edition compared with. */
const isChange = (x: Inline) => x.type === "insertion" || x.type === "deletion";

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
    walkBlock(block, path, {
      inline: (inline) => {
        if (isChange(inline) && someInline(inlineChildren(inline), isChange)) {
          err("nested-change", path, documentMessages.nestedChange(inline.type));
        }
        if (inline.type === "footnoteRef") refs.add(inline.number);
        if (inline.type === "link" && !/^(https?:\/\/|mailto:)/i.test(inline.url)) {
          err("unsafe-link", path, documentMessages.unsafeLink(inline.url));
        }
      },
    });
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
    walkBlocks(f.children, `footnotes[${i}].children`, {
      inline: (inline) => {
        if (inline.type === "footnoteRef") refs.add(inline.number);
      },
    });
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
