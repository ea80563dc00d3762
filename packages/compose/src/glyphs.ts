/**
 * Text the theme's fonts cannot draw, found where it enters the brief.
 *
 * The writers set body text in the theme's body family and everything else
 * (headings, tables, captions, key figures, charts, titles) in its heading
 * family; a character the family lacks would come out as U+FFFD in the PDF
 * (and in another font, or not at all, in Word and HTML). Compose checks
 * each text against the character map of the family that will set it, at
 * the place the text comes from (a section's line, a data cell, a key of
 * template.yaml), and the problem is an error there: the writers' own
 * `glyph-missing` warning stays for anything compose did not check.
 *
 * Characters the writers already handle by rule are not glyph questions:
 * white space, the characters no format carries (controls, noncharacters,
 * lone surrogates: `isForbiddenCodePoint`, replaced by U+FFFD and reported
 * as `char-replaced`), U+FFFD itself, and invisible format characters the
 * PDF drops. The check reads the fonts the theme names, so a theme with a
 * font that covers a script (Japanese) passes text in that script.
 */
import {
  type Block,
  type CharacterSet,
  coverage,
  coverageOnDemand,
  type DraftBlock,
  type FontFamily,
  type Inline,
  isForbiddenCodePoint,
  isInvisibleFormatChar,
  type Theme,
  walkBlock,
} from "@briefkit/document";
import type { IssueLog } from "./issues.js";
import { composeMessages as msg } from "./messages.js";
import type { At, Declared } from "./template.js";

/** Which family sets a text: the body family, or the heading family (everything but running text). */
export type FontRole = "body" | "heading";

/** The characters each role's family can draw, and its name for messages. */
export type FontCoverage = Record<FontRole, { name: string; chars: CharacterSet }>;

/**
 * The coverage of a theme's families, from each family's regular face (the
 * house families' faces cover the same characters; the writers read the
 * regular face's map for Word and HTML too).
 */
export function fontCoverage(theme: Theme): FontCoverage {
  // A role's characters are its family's and its East Asian fallback's: the writers set each character in whichever has it.
  const of = (f: FontFamily, fallback: FontFamily | undefined) => ({
    name: fallback === undefined ? f.name : `${f.name} / ${fallback.name}`,
    chars: withFallback(coverage(f.regular), fallback),
  });
  const { body, heading, eastAsian } = theme.fonts;
  return { body: of(body, eastAsian?.body), heading: of(heading, eastAsian?.heading) };
}

/** The family's characters, then its fallback's, whose file is read only for a character the family lacks. */
function withFallback(own: ReadonlySet<number>, fallback: FontFamily | undefined): CharacterSet {
  if (fallback === undefined) return own;
  const theirs = coverageOnDemand(fallback.regular);
  return { has: (cp) => own.has(cp) || theirs.has(cp) };
}

const SPACE = /\s/u;

/** The characters of `text` the role's family cannot draw, each once, in order. */
export function undrawable(text: string, role: FontRole, fonts: FontCoverage): string[] {
  const chars = fonts[role].chars;
  const out = new Set<string>();
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80 || chars.has(cp)) continue;
    if (cp === 0xfffd || isForbiddenCodePoint(cp) || isInvisibleFormatChar(cp) || SPACE.test(ch))
      continue;
    out.add(ch);
  }
  return [...out];
}

/** Every text an inline shows (a number's formatted text, a link's words), flattened. */
function inlineTexts(x: Inline, into: string[]): void {
  if (x.type === "text") into.push(x.value);
  else if (x.type === "number") into.push(x.text);
}

/** The texts of a drafted block, each with the role of the family that sets it. */
export function blockTexts(block: DraftBlock): Array<{ text: string; role: FontRole }> {
  const out: Array<{ text: string; role: FontRole }> = [];
  // A draft differs from a model block only by the numbers buildDocument adds, which the walk never reads.
  walkBlock(block as Block, "", {
    block: (b) => {
      if (b.type === "callout" && b.title !== undefined)
        out.push({ text: b.title, role: "heading" });
      if (b.type === "keyFigures" && b.title !== undefined)
        out.push({ text: b.title, role: "heading" });
    },
    inline: (x, path) => {
      const texts: string[] = [];
      inlineTexts(x, texts);
      // Paragraphs and lists (a callout's too) are body text; every other block sets its words in the heading family.
      const role: FontRole =
        block.type === "paragraph" || block.type === "list" || block.type === "callout"
          ? "body"
          : "heading";
      for (const text of texts)
        out.push({ text, role: path.includes(".title") ? "heading" : role });
    },
  });
  return out;
}

/** The characters of a block its fonts cannot draw, each once. */
export function undrawableIn(blocks: readonly DraftBlock[], fonts: FontCoverage): string[] {
  const found = new Set<string>();
  for (const block of blocks)
    for (const { text, role } of blockTexts(block))
      for (const ch of undrawable(text, role, fonts)) found.add(ch);
  return [...found];
}

/** Logs the error for `chars` at `at`, naming the families that lack them (nothing when there are none). */
export function reportUndrawable(
  log: IssueLog,
  at: At,
  chars: readonly string[],
  fonts: FontCoverage,
): void {
  if (chars.length === 0) return;
  const lacking = (["body", "heading"] as const)
    .filter((role) => chars.some((c) => !fonts[role].chars.has(c.codePointAt(0) ?? 0)))
    .map((role) => fonts[role].name);
  log.error(
    "glyph-missing",
    at,
    msg.glyphMissing(chars, [...new Set(lacking)]),
    msg.glyphMissingHint,
  );
}

/** The key of an item's definition whose text holds `ch`, in template.yaml. */
export function keyWith<T>(def: Declared<T>, ch: string): At | undefined {
  const find = (value: unknown, path: (string | number)[]): (string | number)[] | undefined => {
    if (typeof value === "string") return value.includes(ch) ? path : undefined;
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) {
        const found = find(v, [...path, i]);
        if (found) return found;
      }
    } else if (typeof value === "object" && value !== null) {
      for (const [k, v] of Object.entries(value)) {
        const found = find(v, [...path, k]);
        if (found) return found;
      }
    }
    return undefined;
  };
  const path = find(def.def, []);
  return path && { file: def.at.file, ...(def.locate?.(path) ?? def.at) };
}
