/**
 * Named blocks: how a derived template changes part of a section it
 * inherits without copying the file.
 *
 * The parent marks a place in its Markdown with Liquid's own block tags,
 * each on a line of its own:
 *
 * ```
 * {% block outlook %}
 * The pipeline is due to open in 2008.
 * {% endblock %}
 * ```
 *
 * and the derived template's `template.yaml` says, per section, what to do
 * with it: `replace`, insert `before` or `after` (text from a file in its own
 * folder), or `remove`. Edits apply in inheritance order (parent's, then
 * child's); the tags stay until the end, so a grandchild can still target a
 * block its parent replaced, and then the tag lines are dropped: they never
 * reach Liquid or the output.
 *
 * Every line of the assembled source remembers the file and line it came
 * from, so a problem anywhere (Liquid, Markdown, a directive) is reported in
 * the inserted file or in the parent's, at its own line and column. Lines
 * are moved whole, so columns need no mapping.
 */
import { dirname, relative } from "node:path";
import { nearestName } from "@briefkit/data";
import type { IssueLog } from "./issues.js";
import { composeMessages as msg } from "./messages.js";
import type { At } from "./template.js";

/** One change to a named block, as the template chain declared it. */
export interface BlockChange {
  anchor: string;
  action: "replace" | "before" | "after" | "remove";
  /** Absolute path of the new text (not for remove). */
  file?: string | undefined;
  /** Where template.yaml declared it. */
  at: At;
}

/** A line of an assembled section and where it came from. */
interface SourceLine {
  text: string;
  file: string;
  line: number;
}

/** A section's source after its block changes, with each line's origin. */
export interface AssembledSection {
  /** The text Liquid renders. */
  source: string;
  /** The file and line of a line of `source` (1-based). */
  origin(line: number): { file: string; line: number };
}

const OPEN = /^\s*\{%-?\s*block\s+(\S+?)\s*-?%\}\s*$/;
const CLOSE = /^\s*\{%-?\s*endblock(?:\s+(\S+?))?\s*-?%\}\s*$/;
const ANY_TAG = /\{%-?\s*(?:end)?block\b/;
const NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const QUOTED = /\{%-?\s*(comment|raw)\s*-?%\}[\s\S]*?\{%-?\s*end\1\s*-?%\}/g;

interface Block {
  name: string;
  /** Index of the `{% block %}` line and of its `{% endblock %}` line. */
  open: number;
  close: number;
}

const lineAt = (l: SourceLine, column = 1): At => ({ file: l.file, line: l.line, column });

/**
 * The blocks of the current lines, in order. Structural problems (a tag not
 * alone on its line, an unclosed block, a name used twice) are logged at the
 * tag; tags inside `{% comment %}` and `{% raw %}` are text.
 */
function findBlocks(lines: readonly SourceLine[], log: IssueLog): Block[] | undefined {
  // Blank out comment and raw blocks, keeping line breaks so indices hold.
  const scanned = lines
    .map((l) => l.text)
    .join("\n")
    .replace(QUOTED, (m) => m.replace(/[^\n]/g, " "))
    .split("\n");
  const blocks: Block[] = [];
  const open: Array<{ name: string; index: number }> = [];
  let ok = true;
  scanned.forEach((text, index) => {
    if (!ANY_TAG.test(text)) return;
    const l = lines[index]!;
    const column = text.search(ANY_TAG) + 1;
    const o = OPEN.exec(text);
    const c = o ? null : CLOSE.exec(text);
    if (o) {
      const name = o[1]!;
      if (!NAME.test(name)) {
        log.error("block-syntax", lineAt(l, column), msg.blockBadName(name));
        ok = false;
      }
      const twice = blocks.find((b) => b.name === name) ?? open.find((b) => b.name === name);
      if (twice) {
        log.error("block-syntax", lineAt(l, column), msg.blockTwice(name));
        ok = false;
      }
      open.push({ name, index });
    } else if (c) {
      const top = open.pop();
      if (!top) {
        log.error("block-syntax", lineAt(l, column), msg.blockStrayEnd());
        ok = false;
      } else if (c[1] !== undefined && c[1] !== top.name) {
        log.error("block-syntax", lineAt(l, column), msg.blockEndMismatch(c[1], top.name));
        ok = false;
      } else {
        blocks.push({ name: top.name, open: top.index, close: index });
      }
    } else {
      log.error("block-syntax", lineAt(l, column), msg.blockTagAlone());
      ok = false;
    }
  });
  for (const b of open) {
    log.error("block-syntax", lineAt(lines[b.index]!), msg.blockUnclosed(b.name));
    ok = false;
  }
  return ok ? blocks.sort((a, b) => a.open - b.open) : undefined;
}

function toLines(text: string, file: string): SourceLine[] {
  return text.split("\n").map((t, i) => ({ text: t, file, line: i + 1 }));
}

/** The lines of an inserted file, without the empty line after its final newline. */
function insertedLines(text: string, file: string): SourceLine[] {
  const lines = toLines(text, file);
  if (lines.length > 1 && lines.at(-1)!.text === "") lines.pop();
  return lines;
}

/**
 * Applies `changes` to a section's text and drops the block tags. `read`
 * returns an inserted file's text. Returns undefined (with issues logged)
 * when a block is malformed or a change names a block the section lacks.
 */
export function assembleSection(
  file: string,
  text: string,
  changes: readonly BlockChange[],
  read: (file: string) => string,
  log: IssueLog,
): AssembledSection | undefined {
  let lines = toLines(text, file);
  if (changes.length === 0 && !ANY_TAG.test(text)) {
    return { source: text, origin: (line) => ({ file, line }) };
  }
  let blocks = findBlocks(lines, log);
  if (!blocks) return undefined;
  for (const change of changes) {
    const block = blocks.find((b) => b.name === change.anchor);
    if (!block) {
      const names = blocks.map((b) => b.name);
      log.error(
        "unknown-block",
        change.at,
        msg.unknownBlock(change.anchor, relative(dirname(change.at.file), file), names),
        msg.nearest(nearestName(change.anchor, names)),
      );
      return undefined;
    }
    const before = lines.slice(0, block.open);
    const openTag = lines[block.open]!;
    const inside = lines.slice(block.open + 1, block.close);
    const closeTag = lines[block.close]!;
    const after = lines.slice(block.close + 1);
    // An inserted file may mark blocks of its own, for a template further down the chain.
    const added = (): SourceLine[] => insertedLines(read(change.file!), change.file!);
    // Text inserted next to a block is a block of its own: a blank line keeps
    // it from running into the neighbouring paragraph.
    const blank = (l: SourceLine): SourceLine => ({ ...l, text: "" });
    switch (change.action) {
      case "replace":
        lines = [...before, openTag, ...added(), closeTag, ...after];
        break;
      case "remove":
        lines = [...before, openTag, closeTag, ...after];
        break;
      case "before":
        lines = [...before, ...added(), blank(openTag), openTag, ...inside, closeTag, ...after];
        break;
      case "after":
        lines = [...before, openTag, ...inside, closeTag, blank(closeTag), ...added(), ...after];
        break;
    }
    if (log.hasErrors) return undefined;
    blocks = findBlocks(lines, log);
    if (!blocks) return undefined;
  }
  const tags = new Set(blocks.flatMap((b) => [b.open, b.close]));
  const kept = lines.filter((_, i) => !tags.has(i));
  return {
    source: kept.map((l) => l.text).join("\n"),
    origin: (line) => {
      const l = kept[Math.min(Math.max(line, 1), kept.length) - 1];
      return l ? { file: l.file, line: l.line } : { file, line };
    },
  };
}
