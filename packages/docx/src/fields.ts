/**
 * Word fields (ECMA-376 Part 1 §17.16): caption numbers as SEQ fields and the
 * footer's PAGE / NUMPAGES.
 *
 * Captions use a complex field (fldChar begin / instrText / separate / result
 * / end) with the model's number as the cached result: Word's "Insert Table of
 * Figures" (TOC \c "Figure") finds SEQ fields, Word renumbers them if figures
 * move, and readers that never update fields (python-docx, search indexers)
 * still read "Figure 1". The library's SequentialIdentifier writes no cached
 * result, and `w:fldSimple` is skipped by python-docx's paragraph text.
 */
import { slotted, type Terms } from "@briefkit/document";
import { BuilderElement, ImportedXmlComponent, PageNumber, TextRun, type XmlComponent } from "docx";

type FieldCharType = "begin" | "separate" | "end";

const fieldChar = (type: FieldCharType): XmlComponent =>
  new BuilderElement({
    name: "w:fldChar",
    attributes: { type: { key: "w:fldCharType", value: type } },
  });

const instruction = (code: string): XmlComponent => {
  const element = new ImportedXmlComponent("w:instrText", { "xml:space": "preserve" });
  element.push(code);
  return element;
};

/** Run formatting the field's runs share (the caption label is bold, say). */
export interface FieldRunFormat {
  bold?: boolean;
  color?: string;
}

/** A complex field with a cached result, as runs. */
export function complexField(code: string, cached: string, format: FieldRunFormat = {}): TextRun[] {
  return [
    new TextRun({ ...format, children: [fieldChar("begin")] }),
    new TextRun({ ...format, children: [instruction(` ${code} `)] }),
    new TextRun({ ...format, children: [fieldChar("separate")] }),
    new TextRun({ ...format, text: cached }),
    new TextRun({ ...format, children: [fieldChar("end")] }),
  ];
}

/**
 * "Table 1" / "Figure 1": the label (the terms' word) and a SEQ field whose
 * cached result is the model's number. The field's identifier is the kind,
 * not the word: SEQ identifiers are names (no spaces), and "Insert Table of
 * Figures" finds captions by them.
 */
export function captionLabel(
  kind: "Table" | "Figure",
  label: string,
  number: number,
  format: FieldRunFormat = {},
): TextRun[] {
  return [
    new TextRun({ ...format, text: `${label} ` }),
    ...complexField(`SEQ ${kind} \\* ARABIC`, String(number), format),
  ];
}

/** "Page X of Y" (the terms' sentence) with live PAGE and NUMPAGES fields where it puts the numbers. */
export function pageXofY(terms: Terms): TextRun {
  return new TextRun({
    children: slotted([PageNumber.CURRENT, PageNumber.TOTAL_PAGES], (page, pages) =>
      terms.pageOf(page ?? "", pages ?? ""),
    ),
  });
}
