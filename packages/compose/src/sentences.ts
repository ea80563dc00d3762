/**
 * Sentences of a composed document, and how two editions' sentences line up.
 *
 * A brief's prose is the same template rendered against two vintages, so
 * most sentences come back word for word; the rest differ in a figure
 * ("US$8.8 billion" → "US$10.7 billion") or in wording a conditional chose
 * ("rose" → "fell"), or exist in one edition only (a conditional paragraph).
 *
 * 1. **Units.** Each heading, paragraph, list-item paragraph and callout
 *    paragraph is a unit, in document order, grouped into sections by their
 *    level-1 heading (text before the first heading is the preamble). Tables,
 *    figures and key-figure boxes are compared elsewhere (as data).
 * 2. **Sentences.** A unit's inlines are cut after `.`, `!` or `?` (and any
 *    closing quote or bracket) followed by white space and a capital, digit
 *    or opening quote, except after an initial ("V. I. Ivanov") or a common
 *    abbreviation ("e.g.", "Mr."). Cuts never fall inside a number, a link or
 *    emphasis; a footnote reference stays with the sentence it follows.
 *    Headings are one sentence each.
 * 3. **Alignment.** Sections pair by heading text. Within a pair, the
 *    longest common subsequence of identical sentences anchors the
 *    alignment; between two anchors, removed and added sentences pair in
 *    order where they are alike (the same words with the figures masked, or
 *    at least 40% of their words shared: Dice coefficient), else stay added
 *    or removed. A pair whose masked texts are equal changed only its
 *    figures; any other pair changed its wording.
 */
import {
  type Document,
  deletionWith,
  type Inline,
  insertionWith,
  type Paragraph,
  plainText,
  SKIP,
  walkBlock,
} from "@briefkit/document";
import { appendixHeadings } from "./changes.js";

/** One sentence: its inlines (trailing white space cut off) and their plain text. */
export interface Sentence {
  inlines: Inline[];
  /** Plain text, white space collapsed. */
  text: string;
  /** The text with every number (and every digit run, such as a year) replaced by `#`: equal skeletons differ in figures only. */
  skeleton: string;
  /** White space that followed the sentence in its paragraph. */
  trailing: string;
}

/** A heading, a paragraph, or a paragraph inside a list or callout. */
interface Unit {
  kind: "heading" | "paragraph";
  sentences: Sentence[];
  /** Replaces the unit's inlines (in a copy of the document). */
  set: (children: Inline[]) => void;
}

interface Section {
  /** Heading text without its number ("" for the preamble). */
  key: string;
  heading: string;
  units: Unit[];
}

// ---------------------------------------------------------------------------
// 1–2. Units and sentences

/**
 * The text of inlines as the later edition reads it: a number as printed
 * (or as `#` in the skeleton); deleted text and footnote references are not
 * part of it (document's plainText).
 */
const plain = (xs: readonly Inline[]) => plainText(xs, { lineBreak: "\n" });
/** The last case of the switches here: `never` makes a new inline type a compile error. */
function unknownInline(_x: never): void {
  // At run time (a document of a newer model) a node of an unknown type adds no text.
}

const skeletonOf = (xs: readonly Inline[]) => plainText(xs, { number: () => "#" });

const squash = (s: string) => s.replace(/\s+/g, " ").trim();
/** Years and other digits written as text count as figures too. */
const mask = (s: string) => squash(s.replace(/\d[\d,.]*\d|\d/g, "#"));

/** Words before a full stop that do not end a sentence. */
const ABBREVIATION =
  /(?:^|[\s(])(?:\p{Lu}|e\.g|i\.e|cf|etc|vs|viz|approx|Mr|Mrs|Ms|Dr|Prof|St|No|Nos|Co|Inc|Ltd|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Fig|Figs|Vol|pp|p|US|U\.S|U\.K)\.$/u;
const BOUNDARY = /[.!?…]["'”’)\]]*(\s+)(?=["'“‘([]?[\p{Lu}\p{N}])/gu;

/** Where sentences start in `s` (indices after the white space that ends the one before). */
function cuts(s: string): number[] {
  const out: number[] = [];
  for (const m of s.matchAll(BOUNDARY)) {
    const before = s.slice(Math.max(0, m.index - 12), m.index + 1);
    if (s[m.index] === "." && ABBREVIATION.test(before)) continue;
    out.push(m.index + m[0].length);
  }
  return out;
}

/** Splits a run of inlines into sentences. Concatenating `inlines + trailing` gives the input back. */
export function splitSentences(xs: readonly Inline[]): Sentence[] {
  // Flatten to atoms with offsets in the plain text; only text atoms can be cut.
  const atoms: Array<{ node: Inline; start: number; end: number }> = [];
  let at = 0;
  for (const node of xs) {
    const len = plain([node]).length;
    atoms.push({ node, start: at, end: at + len });
    at += len;
  }
  const whole = plain(xs);
  const inside = (p: number) =>
    atoms.some((a) => a.node.type !== "text" && a.start < p && p < a.end);
  const points = [0, ...cuts(whole).filter((p) => !inside(p)), whole.length];
  const sentences: Sentence[] = [];
  for (let k = 0; k + 1 < points.length; k += 1) {
    const from = points[k]!;
    const to = points[k + 1]!;
    const last = k + 2 === points.length;
    const part: Inline[] = [];
    for (const a of atoms) {
      if (a.node.type === "text") {
        const lo = Math.max(a.start, from);
        const hi = Math.min(a.end, to);
        if (hi > lo)
          part.push({ type: "text", value: a.node.value.slice(lo - a.start, hi - a.start) });
      } else if (a.start === a.end) {
        // Zero-width atoms (footnote references) go with the text before them.
        if ((a.start >= from && a.start < to) || (last && a.start === to)) part.push(a.node);
      } else if (a.start >= from && a.start < to) {
        part.push(a.node);
      }
    }
    // Move trailing white space out of the sentence.
    let trailing = "";
    const tail = part.at(-1);
    if (tail?.type === "text") {
      const m = /\s+$/.exec(tail.value);
      if (m) {
        trailing = m[0];
        const kept = tail.value.slice(0, tail.value.length - m[0].length);
        if (kept === "") part.pop();
        else part[part.length - 1] = { type: "text", value: kept };
      }
    }
    if (part.length === 0 && trailing === "") continue;
    sentences.push({
      inlines: part,
      text: squash(plain(part)),
      skeleton: mask(skeletonOf(part)),
      trailing,
    });
  }
  return sentences;
}

function headingKey(children: readonly Inline[]): string {
  return squash(plain(children));
}

/**
 * The sections and prose units of a document: every heading and every
 * paragraph the walker reaches in the blocks (list items and callouts
 * included; tables, figures and key figures hold no paragraph), in document
 * order. `doc` is mutated only through `Unit.set`.
 */
function sectionsOf(doc: Document): Section[] {
  const sections: Section[] = [{ key: "", heading: "", units: [] }];
  const para = (p: Paragraph): Unit => ({
    kind: "paragraph",
    sentences: splitSentences(p.children),
    set: (children) => {
      p.children = children;
    },
  });
  doc.blocks.forEach((top, i) => {
    if (top.type === "heading" && top.level === 1) {
      const key = headingKey(top.children);
      sections.push({ key, heading: key, units: [] });
    }
    const units = sections.at(-1)!.units;
    walkBlock(top, `blocks[${i}]`, {
      block: (b) => {
        if (b.type === "paragraph") {
          units.push(para(b));
          return SKIP;
        }
        if (b.type !== "heading") return undefined;
        const sentence = splitSentences(b.children);
        units.push({
          kind: "heading",
          // A heading is one sentence, however many full stops it holds.
          sentences:
            sentence.length <= 1
              ? sentence
              : [
                  {
                    inlines: [...b.children],
                    text: squash(plain(b.children)),
                    skeleton: mask(skeletonOf(b.children)),
                    trailing: "",
                  },
                ],
          set: (children) => {
            b.children = children;
          },
        });
        return SKIP;
      },
    });
  });
  return sections.filter((s) => s.units.length > 0 || s.key !== "");
}

// ---------------------------------------------------------------------------
// 3. Alignment

interface Slot {
  unit: number;
  index: number;
  sentence: Sentence;
}

/** One step of an aligned section: kept, changed, added or removed. */
type Step =
  | { op: "same"; a: Slot; b: Slot }
  | { op: "changed"; a: Slot; b: Slot; what: "figures" | "wording" }
  | { op: "added"; b: Slot }
  | { op: "removed"; a: Slot };

const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}#]+/gu) ?? [];

/** Dice coefficient of the two sentences' words (figures masked). */
function likeness(a: Sentence, b: Sentence): number {
  if (a.skeleton === b.skeleton) return 1;
  const x = words(a.skeleton);
  const y = words(b.skeleton);
  if (x.length + y.length === 0) return 0;
  const bag = new Map<string, number>();
  for (const w of x) bag.set(w, (bag.get(w) ?? 0) + 1);
  let shared = 0;
  for (const w of y) {
    const n = bag.get(w) ?? 0;
    if (n > 0) {
      shared += 1;
      bag.set(w, n - 1);
    }
  }
  return (2 * shared) / (x.length + y.length);
}

const PAIR_AT = 0.4;

/** Pairs removed and added sentences between two anchors: in order, best total likeness. */
function pairGap(olds: Slot[], news: Slot[]): Step[] {
  const n = olds.length;
  const m = news.length;
  if (n === 0) return news.map((b) => ({ op: "added", b }));
  if (m === 0) return olds.map((a) => ({ op: "removed", a }));
  // score[i][j]: best total likeness of olds[i..] against news[j..].
  const score = Array.from({ length: n + 1 }, () => new Float64Array(m + 1));
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      const l = likeness(olds[i]!.sentence, news[j]!.sentence);
      const pair = l >= PAIR_AT ? l + score[i + 1]![j + 1]! : -1;
      score[i]![j] = Math.max(pair, score[i + 1]![j]!, score[i]![j + 1]!);
    }
  }
  const steps: Step[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const a = olds[i]!;
    const b = news[j]!;
    const l = likeness(a.sentence, b.sentence);
    if (l >= PAIR_AT && score[i]![j] === l + score[i + 1]![j + 1]!) {
      const what = a.sentence.skeleton === b.sentence.skeleton ? "figures" : "wording";
      steps.push({ op: "changed", a, b, what });
      i += 1;
      j += 1;
    } else if (score[i]![j] === score[i + 1]![j]) {
      steps.push({ op: "removed", a });
      i += 1;
    } else {
      steps.push({ op: "added", b });
      j += 1;
    }
  }
  for (; i < n; i += 1) steps.push({ op: "removed", a: olds[i]! });
  for (; j < m; j += 1) steps.push({ op: "added", b: news[j]! });
  return steps;
}

function slots(section: Section): Slot[] {
  return section.units.flatMap((u, unit) =>
    u.sentences.map((sentence, index) => ({ unit, index, sentence })),
  );
}

/** Aligns two sections' sentences (see the module comment). */
function alignSection(a: Slot[], b: Slot[]): Step[] {
  const n = a.length;
  const m = b.length;
  // Longest common subsequence of identical sentences.
  const lcs = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      lcs[i]![j] =
        a[i]!.sentence.text === b[j]!.sentence.text
          ? lcs[i + 1]![j + 1]! + 1
          : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const steps: Step[] = [];
  let olds: Slot[] = [];
  let news: Slot[] = [];
  const flush = () => {
    steps.push(...pairGap(olds, news));
    olds = [];
    news = [];
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i]!.sentence.text === b[j]!.sentence.text && lcs[i]![j] === lcs[i + 1]![j + 1]! + 1) {
      flush();
      steps.push({ op: "same", a: a[i]!, b: b[j]! });
      i += 1;
      j += 1;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) {
      olds.push(a[i]!);
      i += 1;
    } else {
      news.push(b[j]!);
      j += 1;
    }
  }
  for (; i < n; i += 1) olds.push(a[i]!);
  for (; j < m; j += 1) news.push(b[j]!);
  flush();
  return steps;
}

/** One sentence that differs between the editions. */
export interface SentenceChange {
  /** `changed`: the same sentence with other figures or wording; `added`/`removed`: in one edition only. */
  kind: "changed" | "added" | "removed";
  /** For `changed`: `figures` when only numbers differ, `wording` when words do ("rose" → "fell"). */
  what?: "figures" | "wording";
  /** Heading of the level-1 section it sits in (the new edition's; "" before the first heading). */
  section: string;
  /** The sentence in the earlier edition (absent when added). */
  before?: string;
  /** The sentence in the later edition (absent when removed). */
  after?: string;
}

interface Aligned {
  sections: Array<{ a: Section | undefined; b: Section | undefined; steps: Step[] }>;
}

/** Sections paired by heading text, in the later edition's order (then the earlier's own). */
function alignDocuments(before: Document, after: Document, skip: ReadonlySet<string>): Aligned {
  const as = sectionsOf(before).filter((s) => !skip.has(s.key));
  const bs = sectionsOf(after).filter((s) => !skip.has(s.key));
  const byKey = new Map(as.map((s) => [s.key, s]));
  const used = new Set<Section>();
  const out: Aligned["sections"] = [];
  for (const b of bs) {
    const a = byKey.get(b.key);
    if (a) used.add(a);
    out.push({ a, b, steps: alignSection(a ? slots(a) : [], slots(b)) });
  }
  for (const a of as) {
    if (!used.has(a)) out.push({ a, b: undefined, steps: alignSection(slots(a), []) });
  }
  return { sections: out };
}

/**
 * The sentences that differ between two composed documents of one audience.
 * Sections whose heading is in `skip` (default: the changes appendix, in the
 * later document's language) are left out.
 */
export function diffSentences(
  before: Document,
  after: Document,
  skip: ReadonlySet<string> = appendixHeadings(after.meta.language),
): SentenceChange[] {
  const out: SentenceChange[] = [];
  for (const s of alignDocuments(before, after, skip).sections) {
    const section = (s.b ?? s.a)?.heading ?? "";
    for (const step of s.steps) {
      switch (step.op) {
        case "same":
          break;
        case "changed":
          out.push({
            kind: "changed",
            what: step.what,
            section,
            before: step.a.sentence.text,
            after: step.b.sentence.text,
          });
          break;
        case "added":
          out.push({ kind: "added", section, after: step.b.sentence.text });
          break;
        case "removed":
          out.push({ kind: "removed", section, before: step.a.sentence.text });
          break;
      }
    }
  }
  return out;
}

/** Who made the tracked changes and when. */
export interface TrackOptions {
  author: string;
  /** ISO date (the build date). */
  date: string;
  /** Headings of sections left as they are. Default: the changes appendix's. */
  skip?: ReadonlySet<string>;
}

/** Deleted text keeps no footnote references: their notes belong to the earlier edition. */
function withoutNoteRefs(xs: readonly Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const x of xs) {
    switch (x.type) {
      case "footnoteRef":
        break;
      case "text":
      case "number":
      case "lineBreak":
        out.push(x);
        break;
      case "emphasis":
      case "strong":
      case "link":
      case "insertion":
      case "deletion":
        out.push({ ...x, children: withoutNoteRefs(x.children) });
        break;
      default:
        unknownInline(x);
        out.push(x);
    }
  }
  return out;
}

/**
 * The later document with each changed sentence as a tracked change against
 * the earlier one: a changed sentence becomes a deletion of the old sentence
 * and an insertion of the new; an added sentence an insertion; a removed
 * sentence a deletion before the sentence that now follows it (or after the
 * section's last sentence). Tables, figures and boxes are left as they are.
 */
export function trackChanges(before: Document, after: Document, options: TrackOptions): Document {
  const doc = structuredClone(after);
  const by = { author: options.author, date: options.date };
  const aligned = alignDocuments(
    before,
    doc,
    options.skip ?? appendixHeadings(after.meta.language),
  );
  for (const s of aligned.sections) {
    if (!s.b) continue; // a section gone from the later edition has nowhere to show
    const units = s.b.units;
    // New inlines per unit, built sentence by sentence.
    const rebuilt: Inline[][] = units.map(() => []);
    let pending: Inline[] = [];
    let lastUnit = -1;
    const emit = (slot: Slot, content: Inline[]) => {
      rebuilt[slot.unit]!.push(...pending, ...content);
      pending = [];
      lastUnit = slot.unit;
    };
    for (const step of s.steps) {
      switch (step.op) {
        case "same":
          emit(step.b, [...step.b.sentence.inlines, ...trailing(step.b.sentence)]);
          break;
        case "changed":
          emit(step.b, [
            deletionWith(by, ...withoutNoteRefs(step.a.sentence.inlines)),
            insertionWith(by, ...step.b.sentence.inlines),
            ...trailing(step.b.sentence),
          ]);
          break;
        case "added":
          emit(step.b, [
            insertionWith(by, ...step.b.sentence.inlines),
            ...trailing(step.b.sentence),
          ]);
          break;
        case "removed":
          pending.push(deletionWith(by, ...withoutNoteRefs(step.a.sentence.inlines)), {
            type: "text",
            value: " ",
          });
          break;
      }
    }
    if (pending.length > 0) {
      const target = lastUnit >= 0 ? lastUnit : units.length - 1;
      if (target >= 0) {
        const xs = rebuilt[target]!;
        // The trailing space goes before the removed sentence instead of after it.
        pending.pop();
        xs.push({ type: "text", value: " " }, ...pending);
      }
    }
    units.forEach((u, k) => {
      u.set(mergeText(rebuilt[k]!));
    });
  }
  return doc;
}

function trailing(s: Sentence): Inline[] {
  return s.trailing === "" ? [] : [{ type: "text", value: s.trailing }];
}

/** Merges adjacent text nodes (as the builders do) so the model stays normal. */
function mergeText(xs: readonly Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const x of xs) {
    const last = out.at(-1);
    if (x.type === "text" && x.value === "") continue;
    if (x.type === "text" && last?.type === "text") {
      out[out.length - 1] = { type: "text", value: last.value + x.value };
    } else out.push(x);
  }
  return out;
}
