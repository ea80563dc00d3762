/**
 * Inline nodes to WordprocessingML runs (ECMA-376 Part 1 §17.3.2): text and
 * numbers as `w:r`, emphasis and strong as run properties, links as
 * `w:hyperlink` to an external relationship, footnote references as
 * `w:footnoteReference` runs, tracked changes as `w:ins`/`w:del` runs
 * (§17.13.5: each run of an insertion or deletion carries the revision's
 * id, author and date; deleted text is `w:delText`). One clause per inline
 * type; a type this writer does not know is reported as "not-rendered",
 * never dropped silently.
 */
import { assertNever, type Inline } from "@briefkit/document";
import {
  DeletedTextRun,
  ExternalHyperlink,
  FootnoteReferenceRun,
  InsertedTextRun,
  type ParagraphChild,
  TextRun,
} from "docx";
import { docxMessages } from "./messages.js";
import type { FontRole, Scope } from "./scope.js";

/** Run formatting inherited from enclosing inlines (and from the block, e.g. a total row). */
export interface RunFormat {
  bold?: boolean;
  italics?: boolean;
  /** A character style, e.g. Word's "Hyperlink" for link text. */
  style?: string;
  /** Inside a tracked insertion or deletion: its runs become `w:ins` / `w:del` runs. */
  change?: { kind: "insertion" | "deletion"; author: string; date: string };
}

/** Only these schemes become links; the model already restricts them, the writer checks again. */
export const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

/** Renders inlines at `path` (the path of the array, e.g. "blocks[3].children"). */
export function renderInlines(
  xs: readonly Inline[],
  path: string,
  scope: Scope,
  role: FontRole,
  format: RunFormat = {},
  inLink = false,
): ParagraphChild[] {
  return xs.flatMap((x, i) => renderInline(x, `${path}[${i}]`, scope, role, format, inLink));
}

function renderInline(
  x: Inline,
  path: string,
  scope: Scope,
  role: FontRole,
  format: RunFormat,
  inLink: boolean,
): ParagraphChild[] {
  switch (x.type) {
    case "text":
      return [run(scope.text(x.value, path, role), format, scope)];
    case "number":
      return [run(scope.text(x.text, path, role), format, scope)];
    case "emphasis":
      return renderInlines(
        x.children,
        `${path}.children`,
        scope,
        role,
        { ...format, italics: true },
        inLink,
      );
    case "strong":
      return renderInlines(
        x.children,
        `${path}.children`,
        scope,
        role,
        { ...format, bold: true },
        inLink,
      );
    case "link": {
      const inner = `${path}.children`;
      if (!SAFE_LINK.test(x.url)) {
        scope.warn("unsafe-link", path, docxMessages.linkRefused(x.url));
        return renderInlines(x.children, inner, scope, role, format, inLink);
      }
      // A hyperlink inside a hyperlink is not valid WordprocessingML: keep the inner text.
      if (inLink) return renderInlines(x.children, inner, scope, role, format, true);
      const children = renderInlines(
        x.children,
        inner,
        scope,
        role,
        { ...format, style: "Hyperlink" },
        true,
      );
      return [
        new ExternalHyperlink({ link: linkTarget(scope.xml(x.url, `${path}.url`)), children }),
      ];
    }
    case "lineBreak":
      return [new TextRun({ break: 1 })];
    case "footnoteRef":
      return [new FootnoteReferenceRun(x.number)];
    case "insertion":
    case "deletion": {
      // Word requires an author and a date: the model's, else "briefkit" and the build date.
      const change = {
        kind: x.type,
        author: scope.xml(x.author ?? "briefkit", `${path}.author`),
        date: x.date === undefined ? scope.changeDate : `${x.date}T00:00:00Z`,
      };
      return renderInlines(
        x.children,
        `${path}.children`,
        scope,
        role,
        { ...format, change },
        inLink,
      );
    }
    default:
      return unknownInline(x, path, scope);
  }
}

/** A plain run (or a tracked insertion or deletion run); hyperlinks get Word's Hyperlink character style. */
function run(
  text: string,
  format: RunFormat,
  scope: Scope,
): TextRun | InsertedTextRun | DeletedTextRun {
  const options = {
    text,
    ...(format.bold ? { bold: true } : {}),
    ...(format.italics ? { italics: true } : {}),
    ...(format.style ? { style: format.style } : {}),
  };
  const c = format.change;
  if (c === undefined) return new TextRun(options);
  const revision = { id: scope.nextChangeId(), author: c.author, date: c.date };
  return c.kind === "insertion"
    ? new InsertedTextRun({ ...options, ...revision })
    : new DeletedTextRun({ ...options, ...revision });
}

/**
 * A relationship target must be a URI: characters outside URI syntax (a
 * space, say) are percent-encoded; escapes already present are kept.
 */
function linkTarget(url: string): string {
  let decoded = url;
  try {
    decoded = decodeURI(url);
  } catch {
    // A stray "%": encode the URL as it stands.
  }
  return encodeURI(decoded);
}

/**
 * The exhaustive switch's last clause: `assertNever` takes `never`, so a new
 * inline type breaks the build until it is handled here. At run time (a
 * document from a newer model) its throw becomes a "not-rendered" warning:
 * one unknown inline must not cost the whole brief, nor vanish silently.
 */
function unknownInline(x: never, path: string, scope: Scope): ParagraphChild[] {
  try {
    assertNever(x);
  } catch {
    const type = String((x as { type?: unknown }).type);
    scope.warn("not-rendered", path, docxMessages.notRendered(`inline node "${type}"`));
  }
  return [];
}
