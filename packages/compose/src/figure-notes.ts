/**
 * Figure notes: an indicator's `note:` in template.yaml, printed as a
 * footnote wherever the prose states the figure.
 *
 * A note reconciles figures a source gives in ways that do not agree (the
 * essay's 22% beside a total that makes 18%). It is a footnote of the
 * document model, numbered with the Markdown footnotes in order of first
 * reference, so every writer renders it as it renders those: PDF and HTML
 * notes, DOCX footnotes. Its text is inline Markdown and may hold Liquid
 * figures; it is rendered once, where the figure is first stated, with the
 * audience's scope. A problem in it is an error at its `note:` key.
 */
import type { NumberInline, Paragraph } from "@briefkit/document";
import type { IssueLog } from "./issues.js";
import { type createSandbox, renderTextSync } from "./liquid.js";
import { type LiquidPlaces, liquidIssueCode, liquidProblemAt } from "./liquid-issues.js";
import { type FootnoteNumbering, parseMarkdown, toBlocks } from "./markdown.js";
import { composeMessages as msg } from "./messages.js";
import { type QuoteMarks, restoreQuotes } from "./quotes.js";
import type { At, NormalizedTemplate } from "./template.js";

/** What rendering a note needs: the audience's engine and scope, and where problems go. */
export interface FigureNoteContext {
  t: NormalizedTemplate;
  engine: ReturnType<typeof createSandbox>;
  scope: Record<string, unknown>;
  numbers: NumberInline[];
  footnotes: FootnoteNumbering;
  log: IssueLog;
  hint: (message: string) => string | undefined;
  places: LiquidPlaces;
  /** The document language's quotation marks. */
  quotes: QuoteMarks;
}

/** The footnotes of figures with notes, for one audience's document. */
export class FigureNotes {
  /** Each note's footnote number once rendered, or undefined when it failed (logged once). */
  readonly #numbers = new Map<string, number | undefined>();

  constructor(private readonly c: FigureNoteContext) {}

  /** The footnote number of `n`'s note, rendering the note the first time; undefined without one. */
  numberFor(n: NumberInline): number | undefined {
    const id = n.provenance.indicator;
    if (id === undefined) return undefined;
    if (this.#numbers.has(id)) return this.#numbers.get(id);
    const declared = this.c.t.indicators.find((d) => d.id === id);
    const note = declared?.def.note;
    if (declared === undefined || note === undefined) return undefined;
    const at: At = { file: declared.at.file, ...(declared.locate?.(["note"]) ?? declared.at) };
    const paragraphs = this.#render(note, at);
    let number: number | undefined;
    if (paragraphs !== undefined) {
      const key = `figure-note#${id}`;
      number = this.c.footnotes.numberFor(key);
      this.c.footnotes.define(key, paragraphs);
    }
    this.#numbers.set(id, number);
    return number;
  }

  /** The note as footnote paragraphs, or undefined with the problem logged at `at`. */
  #render(note: string, at: At): Paragraph[] | undefined {
    const { c } = this;
    const rendered = renderTextSync(c.engine, note, c.scope);
    if (!rendered.ok) {
      const p = rendered.problem;
      const placed = liquidProblemAt({ ...p, message: `note: ${p.message}` }, () => at, c.places);
      c.log.error(
        liquidIssueCode(p),
        placed.at,
        msg.liquid(placed.message),
        p.hint ?? c.hint(p.message),
      );
      return undefined;
    }
    let problem = false;
    const blocks = toBlocks(parseMarkdown(rendered.text, c.quotes), {
      section: "figure-note",
      numbers: c.numbers,
      footnotes: c.footnotes,
      pos: () => at,
      lines: restoreQuotes(rendered.text).split("\n"),
      problem: (code, _where, message, hint) => {
        problem = true;
        c.log.error(code, at, `note: ${message}`, hint);
      },
      directive: () => {
        problem = true;
        c.log.error("figure-note", at, msg.figureNoteBlocks());
        return [];
      },
    });
    if (problem) return undefined;
    const paragraphs = blocks.filter((b): b is Paragraph => b.type === "paragraph");
    if (paragraphs.length !== blocks.length) {
      c.log.error("figure-note", at, msg.figureNoteBlocks());
      return undefined;
    }
    if (paragraphs.length === 0) {
      c.log.error("figure-note", at, msg.figureNoteEmpty());
      return undefined;
    }
    return paragraphs;
  }
}
