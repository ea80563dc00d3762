/**
 * What the HTML writer's block and inline renderers share while one
 * document is written: the document, its terms, the context, the ids given
 * so far, the footnote references, the fonts' coverage and which faces the
 * text uses. Made fresh for each `writeHtml` call.
 *
 * Text goes through `clean` on its way out: the characters no format may
 * carry become U+FFFD (`replaceForbidden`, as in every writer) and what the
 * embedded fonts cannot show is reported.
 */
import {
  assertNever,
  type CharacterSet,
  type Document,
  type Heading,
  replaceForbidden,
  type Terms,
  type WriterContext,
  type WriterWarning,
  type WriterWarningCode,
} from "@briefkit/document";
import { htmlMessages } from "./messages.js";
import { escapeText } from "./text.js";

export interface InlineFlags {
  /** Inside a link: nested links and note references become plain. */
  inLink?: boolean;
  /** A second rendering (the TOC): warnings were already given, note references are left out. */
  quiet?: boolean;
  em?: boolean;
  strong?: boolean;
  /** Set in the sans-serif family (tables, captions, boxes): its bold face is always embedded. */
  sans?: boolean;
}

export interface State {
  doc: Document;
  /** The words the writer adds (labels, accessible names, the print footer), in the document's language. */
  terms: Terms;
  ctx: WriterContext;
  /** Every id written so far, to keep them unique. */
  ids: Set<string>;
  /** Id of each heading node (computed first: the TOC links ahead). */
  headingIds: Map<Heading, string>;
  /** References made so far to each footnote, for unique ids and back-links. */
  refCounts: Map<number, number>;
  footnotes: Set<number>;
  /** Code points the embedded fonts can show; undefined when fonts are not embedded. */
  covered: CharacterSet | undefined;
  used: { italic: boolean; bold: boolean; boldItalic: boolean };
  /** Key-figure boxes and callouts so far, for their generated ids. */
  counts: { keyFigures: number; callout: number };
}

// ---------------------------------------------------------------------------
// Text

export function warn(st: State, code: WriterWarningCode, path: string, message: string): void {
  const w: WriterWarning = { code, message, path };
  st.ctx.log(w);
}

/** Text cleaned of forbidden characters (reported), checked against the fonts, not yet escaped. */
export function clean(value: string, path: string, st: State, quiet = false): string {
  const { text, replaced } = replaceForbidden(value);
  if (!quiet && replaced.length > 0) {
    warn(st, "char-replaced", path, htmlMessages.charReplaced(replaced));
  }
  if (!quiet && st.covered !== undefined) {
    const missing = new Set<string>();
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 0;
      if (cp > 0x20 && cp !== 0xfffd && !st.covered.has(cp) && !/\s/u.test(ch)) missing.add(ch);
    }
    if (missing.size > 0) {
      warn(st, "glyph-missing", path, htmlMessages.fontFallback([...missing].slice(0, 12)));
    }
  }
  return text;
}

export function text(value: string, path: string, st: State, flags: InlineFlags = {}): string {
  return escapeText(clean(value, path, st, flags.quiet));
}

/** Id of the k-th reference to footnote n: "fnref-3", then "fnref-3-2", "fnref-3-3"… */
export const refId = (n: number, k: number) => (k === 1 ? `fnref-${n}` : `fnref-${n}-${k}`);

/**
 * Compile time: `node` is `never` once every type is handled (assertNever).
 * Run time: a node of a type this writer does not know is reported.
 */
export function unhandled(node: never, path: string, st: State): string {
  try {
    assertNever(node);
  } catch {
    const type = String((node as { type?: unknown } | null)?.type);
    warn(st, "not-rendered", path, htmlMessages.notRendered(type, path));
  }
  return "";
}

// ---------------------------------------------------------------------------
// Ids

export function uniqueId(base: string, st: State): string {
  let id = base;
  for (let k = 2; st.ids.has(id); k += 1) id = `${base}-${k}`;
  st.ids.add(id);
  return id;
}

export function slug(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48);
}

/** The id of a block that carries one: the model's, or a generated one. */
export function blockId(b: { id?: string | undefined }, fallback: string, st: State): string {
  return b.id ?? uniqueId(fallback, st);
}
