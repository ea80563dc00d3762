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

/** "Table 1" / "Figure 1": the label and a SEQ field whose cached result is the model's number. */
export function captionLabel(
  label: "Table" | "Figure",
  number: number,
  format: FieldRunFormat = {},
): TextRun[] {
  return [
    new TextRun({ ...format, text: `${label} ` }),
    ...complexField(`SEQ ${label} \\* ARABIC`, String(number), format),
  ];
}

/** "Page X of Y" with live PAGE and NUMPAGES fields. */
export function pageXofY(): TextRun {
  return new TextRun({
    children: ["Page ", PageNumber.CURRENT, " of ", PageNumber.TOTAL_PAGES],
  });
}
