/**
 * The brief's Word styles (styles.xml, ECMA-376 Part 1 §17.7), built from the
 * theme: real, named styles rather than direct formatting, so a user can
 * restyle a brief in Word, the navigation pane and TOC fields find the
 * headings (outline levels 0–2), and "List of Figures" finds the captions.
 *
 * Style ids are Word's built-in ones where Word has one (Title, Subtitle,
 * Heading1–3, Caption, TOC1–3, FootnoteText, Hyperlink, Header, Footer), and
 * "Brief…" ids for the brief's own roles (source line, notes, key figures,
 * callouts, table text, the data-table style).
 */
import type { Theme } from "@briefkit/document";
import { type IStylesOptions, LineRuleType } from "docx";
import { eighths, halfPoints, hex, twips } from "./units.js";

/** Style ids the writer refers to; one place, so blocks and styles agree. */
export const S = {
  normal: "Normal",
  title: "Title",
  subtitle: "Subtitle",
  byline: "BriefByline",
  heading: ["Heading1", "Heading2", "Heading3"] as const,
  tocHeading: "TOCHeading",
  caption: "Caption",
  source: "BriefSource",
  note: "BriefNote",
  tableText: "BriefTableText",
  tableHead: "BriefTableHeading",
  keyValue: "BriefKeyFigure",
  keyLabel: "BriefKeyFigureLabel",
  keyTitle: "BriefKeyFiguresTitle",
  calloutTitle: "BriefCalloutTitle",
  callout: "BriefCalloutText",
  listParagraph: "ListParagraph",
  figure: "BriefFigure",
  spacer: "BriefSpacer",
  pageBreak: "BriefPageBreak",
  header: "Header",
  footer: "Footer",
  dataTable: "BriefTable",
  boxTable: "BriefBox",
} as const;

/** The language of the theme's East Asian families (Noto Serif JP, Noto Sans JP). */
export const EAST_ASIAN_LANGUAGE = "ja-JP";

/**
 * A run's fonts: the family for Latin, Cyrillic and the rest, and, when the
 * theme has one, its East Asian family for kana and kanji (`w:rFonts
 * w:eastAsia`, ECMA-376 §17.3.2.26), which Word sets them in.
 */
function runFont(
  name: string,
  eastAsia: string | undefined,
): string | { ascii: string; hAnsi: string; cs: string; eastAsia: string } {
  return eastAsia === undefined ? name : { ascii: name, hAnsi: name, cs: name, eastAsia };
}

/** The styles part, from the theme and the document's language. */
export function briefStyles(theme: Theme, language: string): IStylesOptions {
  const { sizes, colors, fonts } = theme;
  const serif = runFont(fonts.body.name, fonts.eastAsian?.body.name);
  const sans = runFont(fonts.heading.name, fonts.eastAsian?.heading.name);
  const text = hex(colors.text);
  const muted = hex(colors.muted);
  const accent = hex(colors.accent);
  const rule = hex(colors.rule);
  // Line height as the theme states it (a multiple of the type size), "at
  // least" so that a taller glyph or a footnote mark never gets clipped.
  const lines = (pt: number) => ({
    line: twips(pt * theme.lineHeight),
    lineRule: LineRuleType.AT_LEAST,
  });
  const sansRun = (pt: number) => ({ font: sans, size: halfPoints(pt) });

  const heading = (level: 0 | 1 | 2, pt: number, before: number, after: number) => ({
    id: S.heading[level],
    name: `heading ${level + 1}`,
    basedOn: S.normal,
    next: S.normal,
    quickFormat: true,
    uiPriority: 9,
    run: {
      ...sansRun(pt),
      bold: true,
      color: level === 2 ? text : accent,
    },
    paragraph: {
      outlineLevel: level,
      keepNext: true,
      keepLines: true,
      spacing: {
        before: twips(before),
        after: twips(after),
        line: 240,
        lineRule: LineRuleType.AUTO,
      },
    },
  });

  return {
    default: {
      document: {
        run: {
          font: serif,
          size: halfPoints(sizes.body),
          color: text,
          // Word and LibreOffice break and space East Asian text by the East Asian language.
          language: fonts.eastAsian
            ? { value: language, eastAsia: EAST_ASIAN_LANGUAGE }
            : { value: language },
        },
        paragraph: { spacing: { after: twips(6), ...lines(sizes.body) } },
      },
      // The docx library's own defaults for these carry other colours and sizes.
      hyperlink: { run: { color: accent, underline: {} } },
      footnoteReference: { run: { superScript: true } },
      footnoteText: {
        run: { size: halfPoints(sizes.small) },
        paragraph: { spacing: { after: twips(2), ...lines(sizes.small) } },
      },
      footnoteTextChar: { run: { size: halfPoints(sizes.small) } },
    },
    paragraphStyles: [
      { id: S.normal, name: "Normal", quickFormat: true },
      {
        id: S.title,
        name: "Title",
        basedOn: S.normal,
        next: S.subtitle,
        quickFormat: true,
        uiPriority: 10,
        run: { ...sansRun(sizes.title), bold: true, color: accent },
        paragraph: {
          spacing: { before: 0, after: twips(6), line: 240, lineRule: LineRuleType.AUTO },
          keepNext: true,
        },
      },
      {
        id: S.subtitle,
        name: "Subtitle",
        basedOn: S.normal,
        next: S.normal,
        quickFormat: true,
        uiPriority: 11,
        run: { ...sansRun(sizes.subtitle), color: muted },
        paragraph: {
          spacing: { after: twips(14), line: 240, lineRule: LineRuleType.AUTO },
          keepNext: true,
        },
      },
      {
        id: S.byline,
        name: "Brief Byline",
        basedOn: S.normal,
        next: S.normal,
        run: { ...sansRun(sizes.caption), color: muted },
        paragraph: { spacing: { after: twips(2), line: 240, lineRule: LineRuleType.AUTO } },
      },
      heading(0, sizes.h1, 18, 6),
      heading(1, sizes.h2, 14, 4),
      heading(2, sizes.h3, 10, 3),
      {
        // The contents' own title: looks like a heading, but has no outline
        // level, so it is not an entry of the table of contents it heads.
        id: S.tocHeading,
        name: "TOC Heading",
        basedOn: S.normal,
        next: S.normal,
        run: { ...sansRun(sizes.h1), bold: true, color: accent },
        paragraph: {
          keepNext: true,
          spacing: { before: twips(12), after: twips(6), line: 240, lineRule: LineRuleType.AUTO },
        },
      },
      ...[1, 2, 3].map((level) => ({
        id: `TOC${level}`,
        name: `toc ${level}`,
        basedOn: S.normal,
        next: S.normal,
        uiPriority: 39,
        run: { ...sansRun(sizes.body), bold: level === 1 },
        paragraph: {
          indent: { left: twips((level - 1) * 12) },
          spacing: {
            before: twips(level === 1 ? 4 : 0),
            after: twips(2),
            line: 240,
            lineRule: LineRuleType.AUTO,
          },
        },
      })),
      {
        id: S.caption,
        name: "caption",
        basedOn: S.normal,
        next: S.normal,
        quickFormat: true,
        uiPriority: 35,
        run: { ...sansRun(sizes.caption + 0.5), bold: true, color: text },
        paragraph: {
          keepNext: true,
          keepLines: true,
          spacing: { before: twips(10), after: twips(4), line: 240, lineRule: LineRuleType.AUTO },
        },
      },
      {
        id: S.source,
        name: "Brief Source",
        basedOn: S.normal,
        next: S.normal,
        run: { ...sansRun(sizes.small), color: muted },
        paragraph: {
          spacing: { before: twips(3), after: twips(12), line: 240, lineRule: LineRuleType.AUTO },
        },
      },
      {
        id: S.note,
        name: "Brief Note",
        basedOn: S.normal,
        next: S.normal,
        run: { ...sansRun(sizes.small), color: muted },
        paragraph: {
          keepNext: true,
          spacing: { before: twips(2), after: 0, line: 240, lineRule: LineRuleType.AUTO },
        },
      },
      {
        id: S.tableText,
        name: "Brief Table Text",
        basedOn: S.normal,
        run: sansRun(sizes.caption),
        paragraph: {
          spacing: {
            before: twips(1.5),
            after: twips(1.5),
            line: 240,
            lineRule: LineRuleType.AUTO,
          },
        },
      },
      {
        id: S.tableHead,
        name: "Brief Table Heading",
        basedOn: S.tableText,
        run: { bold: true },
        paragraph: { keepNext: true },
      },
      {
        id: S.keyTitle,
        name: "Brief Key Figures Title",
        basedOn: S.normal,
        run: {
          ...sansRun(sizes.caption),
          bold: true,
          allCaps: true,
          color: accent,
          characterSpacing: 10,
        },
        paragraph: {
          keepNext: true,
          spacing: { before: 0, after: twips(4), line: 240, lineRule: LineRuleType.AUTO },
        },
      },
      {
        id: S.keyValue,
        name: "Brief Key Figure",
        basedOn: S.normal,
        run: { ...sansRun(sizes.keyFigure), bold: true, color: accent },
        paragraph: {
          keepNext: true,
          spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO },
        },
      },
      {
        id: S.keyLabel,
        name: "Brief Key Figure Label",
        basedOn: S.normal,
        run: { ...sansRun(sizes.caption), color: text },
        paragraph: {
          spacing: { before: twips(1), after: 0, line: 240, lineRule: LineRuleType.AUTO },
        },
      },
      {
        id: S.calloutTitle,
        name: "Brief Callout Title",
        basedOn: S.normal,
        next: S.callout,
        run: { ...sansRun(sizes.body), bold: true, color: accent },
        paragraph: {
          keepNext: true,
          spacing: { before: 0, after: twips(3), line: 240, lineRule: LineRuleType.AUTO },
        },
      },
      {
        id: S.callout,
        name: "Brief Callout Text",
        basedOn: S.normal,
        paragraph: { spacing: { before: 0, after: twips(3), ...lines(sizes.body) } },
      },
      {
        id: S.listParagraph,
        name: "List Paragraph",
        basedOn: S.normal,
        quickFormat: true,
        paragraph: { spacing: { after: twips(3), ...lines(sizes.body) } },
      },
      {
        id: S.figure,
        name: "Brief Figure",
        basedOn: S.normal,
        paragraph: {
          keepNext: true,
          alignment: "center",
          spacing: { before: twips(2), after: twips(2), line: 240, lineRule: LineRuleType.AUTO },
        },
      },
      {
        // An empty paragraph after a boxed table, so the next text does not touch the box.
        id: S.spacer,
        name: "Brief Spacer",
        basedOn: S.normal,
        run: { size: halfPoints(6) },
        paragraph: { spacing: { before: 0, after: 0, line: 120, lineRule: LineRuleType.EXACT } },
      },
      {
        id: S.pageBreak,
        name: "Brief Page Break",
        basedOn: S.normal,
        run: { size: halfPoints(2) },
        paragraph: { spacing: { before: 0, after: 0, line: 40, lineRule: LineRuleType.EXACT } },
      },
      {
        id: S.header,
        name: "header",
        basedOn: S.normal,
        run: { ...sansRun(sizes.small), color: muted },
        paragraph: {
          spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO },
          border: { bottom: { style: "single", size: eighths(0.5), space: 4, color: rule } },
        },
      },
      {
        id: S.footer,
        name: "footer",
        basedOn: S.normal,
        run: { ...sansRun(sizes.small), color: muted },
        paragraph: { spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO } },
      },
    ],
  };
}

/**
 * The table styles, as a styles part of their own: the library has no
 * builder for table styles, and its `externalStyles` is the one way in that
 * keeps its document defaults and built-in styles (`importedStyles` replaces
 * them).
 */
export function tableStylesXml(theme: Theme): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" mc:Ignorable="w14 w15">${dataTableStyle(theme)}${boxTableStyle()}</w:styles>`;
}

/**
 * The data-table style: rules above and below the table, none between rows
 * or columns (the house's open table look), cell padding. Header and total
 * rows carry their own rules as direct formatting, because LibreOffice
 * ignores most conditional table-style formatting.
 */
function dataTableStyle(theme: Theme): string {
  const rule = hex(theme.colors.text);
  const edge = (side: string) =>
    `<w:${side} w:val="single" w:sz="${eighths(0.75)}" w:space="0" w:color="${rule}"/>`;
  const none = (side: string) => `<w:${side} w:val="nil"/>`;
  return `<w:style w:type="table" w:styleId="${S.dataTable}"><w:name w:val="Brief Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:rFonts w:ascii="${theme.fonts.heading.name}" w:hAnsi="${theme.fonts.heading.name}"${theme.fonts.eastAsian ? ` w:eastAsia="${theme.fonts.eastAsian.heading.name}"` : ""} w:cs="${theme.fonts.heading.name}"/><w:sz w:val="${halfPoints(theme.sizes.caption)}"/><w:szCs w:val="${halfPoints(theme.sizes.caption)}"/></w:rPr><w:tblPr><w:tblBorders>${edge("top")}${none("left")}${edge("bottom")}${none("right")}${none("insideH")}${none("insideV")}</w:tblBorders><w:tblCellMar><w:top w:w="20" w:type="dxa"/><w:left w:w="85" w:type="dxa"/><w:bottom w:w="20" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`;
}

/** The style of the boxes (key figures, callouts): no borders of its own, generous padding. */
function boxTableStyle(): string {
  const none = (side: string) => `<w:${side} w:val="nil"/>`;
  return `<w:style w:type="table" w:styleId="${S.boxTable}"><w:name w:val="Brief Box"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:tblPr><w:tblBorders>${["top", "left", "bottom", "right", "insideH", "insideV"].map(none).join("")}</w:tblBorders><w:tblCellMar><w:top w:w="100" w:type="dxa"/><w:left w:w="200" w:type="dxa"/><w:bottom w:w="100" w:type="dxa"/><w:right w:w="200" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`;
}
