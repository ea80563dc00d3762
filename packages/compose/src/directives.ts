/**
 * The directives a section may use, in one table: what compose accepts (the
 * attribute names and values it checks) and what the reference documents
 * (docs/reference/directives.md is generated from it).
 */

export const CALLOUT_KINDS = ["finding", "note", "recommendation"] as const;
export type CalloutKind = (typeof CALLOUT_KINDS)[number];

export interface DirectiveAttribute {
  name: string;
  required: boolean;
  /** The values it may take, when they are a fixed set. */
  values?: readonly string[];
  description: string;
}

export interface DirectiveSpec {
  /** `leaf`: `::name{…}` on a line of its own; `container`: `:::name{…}` … `:::`. */
  form: "leaf" | "container";
  attributes: readonly DirectiveAttribute[];
  description: string;
  example: string;
}

const ref = (what: string): DirectiveAttribute => ({
  name: "ref",
  required: true,
  description: `The id of a ${what} declared in template.yaml.`,
});

export const DIRECTIVES = {
  figure: {
    form: "leaf",
    attributes: [ref("chart (under `charts:`)")],
    description:
      "Places a chart as a numbered figure, with its caption, notes, source and alt text.",
    example: "::figure{ref=exports-by-partner}",
  },
  table: {
    form: "leaf",
    attributes: [ref("table (under `tables:`)")],
    description: "Places a table as a numbered table, with its caption, unit, notes and source.",
    example: "::table{ref=exports}",
  },
  keyfigures: {
    form: "leaf",
    attributes: [ref("key-figures box (under `keyFigures:`)")],
    description: "Places a box of headline figures.",
    example: "::keyfigures{ref=headline}",
  },
  pagebreak: {
    form: "leaf",
    attributes: [],
    description: "Starts a new page in the PDF and the Word file, and when the HTML is printed.",
    example: "::pagebreak",
  },
  callout: {
    form: "container",
    attributes: [
      {
        name: "kind",
        required: false,
        values: CALLOUT_KINDS,
        description: "What the box holds. Default: note.",
      },
      { name: "title", required: false, description: "A title printed at the top of the box." },
    ],
    description: "A box of one or more paragraphs set apart from the text.",
    example: ':::callout{kind=finding title="What to watch"}\nA paragraph.\n:::',
  },
} as const satisfies Record<string, DirectiveSpec>;

export type DirectiveName = keyof typeof DIRECTIVES;

export const DIRECTIVE_NAMES = Object.keys(DIRECTIVES) as DirectiveName[];

export function isDirectiveName(name: string): name is DirectiveName {
  return Object.hasOwn(DIRECTIVES, name);
}
