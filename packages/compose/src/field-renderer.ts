import type { IssueLog } from "./issues.js";
import {
  type createSandbox,
  type NumberSink,
  renderTextSync,
  splitPlaceholders,
} from "./liquid.js";
import { type LiquidPlaces, liquidIssueCode, liquidProblemAt } from "./liquid-issues.js";
import { composeMessages as msg } from "./messages.js";
import { keepQuotes, type QuoteMarks, setPlainQuotes, setTypedQuotes } from "./quotes.js";
import type { At, Declared } from "./template.js";

/**
 * The Liquid in the text of charts, tables and key-figure boxes (captions,
 * titles, notes, units, labels), rendered with the audience's figures when
 * the item is placed: `caption: "Exports by partner, {{ ind.exports-latest.period }}"`
 * follows the data into the next edition. Figures print as their text (a
 * caption is plain text) and are listed in "About the figures". The text is
 * prose: its quotes are set in the language's marks, those of what Liquid
 * printed in it kept as printed. A problem is an error at the field's key.
 */
export class FieldRenderer {
  constructor(
    private readonly engine: ReturnType<typeof createSandbox>,
    private readonly scope: Record<string, unknown>,
    private readonly sink: NumberSink,
    private readonly log: IssueLog,
    private readonly hint: (message: string) => string | undefined,
    private readonly places: LiquidPlaces,
    private readonly marks: QuoteMarks,
  ) {}

  /** One text, or undefined (with the problem logged at `at`). */
  text(source: string, at: At, field: string): string | undefined {
    if (!source.includes("{{") && !source.includes("{%")) {
      return setTypedQuotes(source, this.marks);
    }
    const rendered = renderTextSync(this.engine, source, this.scope);
    if (!rendered.ok) {
      const p = rendered.problem;
      // A field is one place: a problem in its text is at its key, one in a partial at the partial.
      const placed = liquidProblemAt(
        { ...p, message: `${field}: ${p.message}` },
        () => at,
        this.places,
      );
      this.log.error(
        liquidIssueCode(p),
        placed.at,
        msg.liquid(placed.message),
        p.hint ?? this.hint(p.message),
      );
      return undefined;
    }
    const text = splitPlaceholders(rendered.text)
      .map((part) =>
        typeof part === "number" ? keepQuotes(this.sink.numbers[part]?.text ?? "") : part,
      )
      .join("");
    return setPlainQuotes(text, this.marks);
  }

  /** A copy of the item with its text fields rendered, or undefined when one fails. */
  item<T extends object>(d: Declared<T>, keys: readonly string[]): Declared<T> | undefined {
    const at = (path: readonly (string | number)[]): At => ({
      file: d.at.file,
      ...(d.locate?.(path) ?? d.at),
    });
    const def = { ...d.def } as Record<string, unknown>;
    let ok = true;
    const one = (value: string, path: readonly (string | number)[]) => {
      const out = this.text(value, at(path), path.join("."));
      if (out === undefined) ok = false;
      return out ?? value;
    };
    for (const key of keys) {
      const value = def[key];
      if (typeof value === "string") def[key] = one(value, [key]);
      else if (Array.isArray(value)) {
        def[key] = value.map((v: unknown, i) =>
          typeof v === "string"
            ? one(v, [key, i])
            : v !== null && typeof v === "object" && "label" in v && typeof v.label === "string"
              ? { ...v, label: one(v.label, [key, i, "label"]) }
              : v,
        );
      }
    }
    return ok ? { ...d, def: def as T } : undefined;
  }
}
