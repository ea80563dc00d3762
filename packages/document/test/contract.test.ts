import { describe, expect, it } from "vitest";
import {
  FORMATS,
  isWriterWarningCode,
  mergeWriterSettings,
  WRITER_WARNING_CODES,
  WriterSettings,
} from "../src/index.js";

describe("writer warning codes", () => {
  it("are one list of distinct kebab-case names", () => {
    expect(new Set(WRITER_WARNING_CODES).size).toBe(WRITER_WARNING_CODES.length);
    for (const code of WRITER_WARNING_CODES) expect(code).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it("name each condition once: the drifted synonyms are gone", () => {
    for (const old of ["link-refused", "font-fallback", "svg-image-removed"]) {
      expect(isWriterWarningCode(old), old).toBe(false);
    }
    expect(isWriterWarningCode("unsafe-link")).toBe(true);
  });
});

describe("writer settings", () => {
  it("take each format's options and refuse what no writer reads", () => {
    const ok = WriterSettings.safeParse({
      docx: { nativeCharts: false },
      pdf: { align: "left" },
      html: { fonts: "none" },
    });
    expect(ok.success).toBe(true);
    const unknownFormat = WriterSettings.safeParse({ odt: {} });
    expect(unknownFormat.success).toBe(false);
    const unknownOption = WriterSettings.safeParse({ docx: { nativeChart: false } });
    expect(unknownOption.success).toBe(false);
    const badValue = WriterSettings.safeParse({ pdf: { align: "center" } });
    expect(badValue.success).toBe(false);
    expect(Object.keys(WriterSettings.shape)).toEqual([...FORMATS]);
  });

  it("merge format by format and option by option", () => {
    expect(
      mergeWriterSettings(
        { docx: { nativeCharts: false, embedFonts: false }, pdf: { align: "left" } },
        { docx: { embedFonts: true }, html: { fonts: "none" } },
      ),
    ).toEqual({
      docx: { nativeCharts: false, embedFonts: true },
      pdf: { align: "left" },
      html: { fonts: "none" },
    });
    expect(mergeWriterSettings({}, {})).toEqual({});
  });
});
