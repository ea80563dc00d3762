/**
 * Step one of the writer: the document model to a `docx` File object — the
 * whole WordprocessingML package as the library models it (document.xml,
 * styles.xml, numbering.xml, footnotes.xml, header/footer parts, settings,
 * embedded fonts and chart parts). Step two (package.ts) packs and
 * normalises it.
 *
 * The page is A4 with the theme's margins; the first page carries the title
 * block and no running header; every page has "Page X of Y" in the footer.
 */
import { type Document as BriefDocument, longDate, type Meta } from "@briefkit/document";
import {
  AlignmentType,
  File,
  type FileChild,
  Footer,
  Header,
  LevelFormat,
  type PageNumberEstimator,
  Paragraph,
  TabStopType,
  TextRun,
} from "docx";
import { LIST_REF, listIndent, renderBlocks } from "./blocks.js";
import { pageXofY } from "./fields.js";
import { renderInlines } from "./inlines.js";
import type { Scope } from "./scope.js";
import { briefStyles, S, tableStylesXml } from "./styles.js";
import { eighths, hex, mmToTwips } from "./units.js";

/** A4 in twips (210 × 297 mm). */
const A4 = { width: 11906, height: 16838 };

export interface BuildOptions {
  /**
   * Works out the pages the contents' entries point to (page-numbers.ts).
   * Without it their numbers are left for the reader to fill in.
   */
  pageNumbers?: PageNumberEstimator;
}

/** Whether the document has a table of contents: only then does it need page numbers before the reader updates fields. */
export function hasToc(doc: BriefDocument): boolean {
  return doc.blocks.some((b) => b.type === "toc");
}

/** The core properties (docProps/core.xml) of a brief, as the package step writes them. */
export interface CoreProperties {
  title: string;
  subject?: string;
  creator?: string;
  keywords: string;
  description?: string;
  lastModifiedBy?: string;
  language: string;
}

/** What goes into docProps/core.xml, from the model's metadata. */
export function coreProperties(meta: Meta, scope: Scope): CoreProperties {
  const x = (s: string | undefined, path: string) =>
    s === undefined ? undefined : scope.xml(s, path);
  const creator = x(meta.author, "meta.author") ?? x(meta.organisation, "meta.organisation");
  const description = [
    x(meta.subtitle, "meta.subtitle"),
    x(meta.audienceLabel, "meta.audienceLabel"),
  ]
    .filter((s) => s !== undefined)
    .join(" — ");
  return {
    title: scope.xml(meta.title, "meta.title"),
    ...(meta.subject === undefined ? {} : { subject: scope.xml(meta.subject, "meta.subject") }),
    ...(creator === undefined ? {} : { creator, lastModifiedBy: creator }),
    keywords: meta.keywords.map((k, i) => scope.xml(k, `meta.keywords[${i}]`)).join("; "),
    ...(description === "" ? {} : { description }),
    language: scope.xml(meta.language, "meta.language"),
  };
}

export function buildFile(
  doc: BriefDocument,
  scope: Scope,
  options: BuildOptions,
): { file: File; core: CoreProperties } {
  const { theme } = scope;
  const { page } = theme;
  const margins = {
    top: mmToTwips(page.marginTop),
    bottom: mmToTwips(page.marginBottom),
    left: mmToTwips(page.marginLeft),
    right: mmToTwips(page.marginRight),
  };
  const textWidth = A4.width - margins.left - margins.right;
  const core = coreProperties(doc.meta, scope);
  const body = [...titleBlock(doc.meta, scope), ...renderBlocks(doc.blocks, scope, { textWidth })];
  const toc = hasToc(doc);

  const footnotes = Object.fromEntries(
    doc.footnotes.map((f, i) => [
      f.number,
      {
        children: f.children.map(
          (p, j) =>
            new Paragraph({
              style: "FootnoteText",
              children: [
                // The library puts the note's number first; a space sets the text off from it.
                ...(j === 0 ? [new TextRun(" ")] : []),
                ...renderInlines(
                  p.children,
                  `footnotes[${i}].children[${j}].children`,
                  scope,
                  "body",
                ),
              ],
            }),
        ),
      },
    ]),
  );

  const running = (left: string, right: () => TextRun, style: string) =>
    new Paragraph({
      style,
      tabStops: [{ type: TabStopType.RIGHT, position: textWidth }],
      children: [new TextRun(left), new TextRun({ children: ["\t"] }), right()],
    });
  const title = scope.text(doc.meta.title, "meta.title", "heading");
  const edition = scope.text(scope.terms.editionOf(doc.meta.edition), "meta.edition", "heading");
  const issuer = doc.meta.organisation ?? doc.meta.author ?? "";
  const footer = () =>
    new Footer({
      children: [
        running(
          scope.text(issuer, "meta.organisation", "heading"),
          () => pageXofY(scope.terms),
          S.footer,
        ),
      ],
    });

  const file = new File({
    title: core.title,
    ...(core.subject === undefined ? {} : { subject: core.subject }),
    ...(core.creator === undefined ? {} : { creator: core.creator }),
    ...(core.lastModifiedBy === undefined ? {} : { lastModifiedBy: core.lastModifiedBy }),
    ...(core.description === undefined ? {} : { description: core.description }),
    keywords: core.keywords,
    revision: 1,
    styles: briefStyles(theme, core.language),
    externalStyles: tableStylesXml(theme),
    numbering: { config: numberingConfig(theme.fonts.body.name) },
    footnotes,
    // Word refreshes the TOC (and its page numbers) on open; it asks first.
    features: { updateFields: toc },
    ...(options.pageNumbers === undefined ? {} : { pageNumbers: options.pageNumbers }),
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: A4.width, height: A4.height },
            margin: {
              ...margins,
              header: mmToTwips(Math.max(6, page.marginTop / 2)),
              footer: mmToTwips(Math.max(6, page.marginBottom / 2)),
              gutter: 0,
            },
          },
        },
        headers: {
          default: new Header({ children: [running(title, () => new TextRun(edition), S.header)] }),
          first: new Header({ children: [new Paragraph({ style: S.footer })] }),
        },
        footers: { default: footer(), first: footer() },
        children: body,
      },
    ],
  });
  return { file, core };
}

/** Title, subtitle, byline and edition line: the top of page one. */
function titleBlock(meta: Meta, scope: Scope): FileChild[] {
  const t = (s: string, path: string) => scope.text(s, path, "heading");
  const out: Paragraph[] = [
    new Paragraph({ style: S.title, children: [new TextRun(t(meta.title, "meta.title"))] }),
  ];
  if (meta.subtitle !== undefined) {
    out.push(
      new Paragraph({
        style: S.subtitle,
        children: [new TextRun(t(meta.subtitle, "meta.subtitle"))],
      }),
    );
  }
  // Each field is checked at its own path, then joined with middle dots.
  const field = (s: string | undefined, path: string) => (s === undefined ? undefined : t(s, path));
  const who = [
    field(meta.author, "meta.author"),
    field(meta.organisation, "meta.organisation"),
  ].filter((s): s is string => s !== undefined);
  if (who.length > 0) {
    out.push(
      new Paragraph({
        style: S.byline,
        children: [new TextRun({ text: who.join(" · "), bold: true })],
      }),
    );
  }
  const when = [
    field(scope.terms.editionOf(meta.edition), "meta.edition"),
    longDate(meta.date, meta.language),
    field(meta.audienceLabel, "meta.audienceLabel"),
    meta.dataAsOf === undefined
      ? undefined
      : `${scope.terms.dataAsOf} ${longDate(meta.dataAsOf, meta.language)}`,
  ].filter((s): s is string => s !== undefined);
  const accent = hex(scope.theme.colors.accent);
  out.push(
    new Paragraph({
      style: S.byline,
      border: { bottom: { style: "single", size: eighths(1), space: 8, color: accent } },
      spacing: { after: 280 },
      children: [new TextRun(when.join(" · "))],
    }),
  );
  return out;
}

/** Bullet and ordered list definitions (numbering.xml), nine levels each. */
function numberingConfig(bulletFont: string) {
  const levels = (ordered: boolean) =>
    Array.from({ length: 9 }, (_, level) => ({
      level,
      format: ordered
        ? ([LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN][level % 3] ??
          LevelFormat.DECIMAL)
        : LevelFormat.BULLET,
      text: ordered ? `%${level + 1}${level % 3 === 1 ? ")" : "."}` : level % 2 === 0 ? "•" : "–",
      alignment: AlignmentType.LEFT,
      style: {
        paragraph: { indent: { left: listIndent(level), hanging: 300 } },
        run: { font: bulletFont },
      },
    }));
  return [
    { reference: LIST_REF.bullet, levels: levels(false) },
    { reference: LIST_REF.ordered, levels: levels(true) },
  ];
}
