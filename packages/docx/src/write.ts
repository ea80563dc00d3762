/**
 * `writeDocx`, on the contract of @briefkit/document: the document model to
 * DOCX bytes, in two steps — build the docx library's object model
 * (build.ts), then pack it and normalise the package so the same input
 * always gives the same bytes (package.ts).
 */
import { type DocxSettings, termsFor, type Writer, type WriterOptions } from "@briefkit/document";
import { Packer } from "docx";
import { buildFile } from "./build.js";
import { coverageOf, embeddedFamily } from "./fonts.js";
import { normalisePackage } from "./package.js";
import { createScope } from "./scope.js";

/** Options of the DOCX writer: the contract's (theme, terms) and the DOCX's own settings. */
export type DocxOptions = WriterOptions & DocxSettings;

/** Writes a brief as a Word document (.docx). Warnings go to `ctx.log`; nothing is printed. */
export const writeDocx: Writer<DocxOptions, Promise<Uint8Array>> = async (doc, options, ctx) => {
  const { theme } = options;
  const scope = createScope(
    theme,
    termsFor(doc.meta.language, options.terms),
    ctx.log,
    { body: coverageOf(theme.fonts.body), heading: coverageOf(theme.fonts.heading) },
    options.nativeCharts ?? true,
    ctx.now,
  );
  const { file, core } = buildFile(doc, scope, { estimatePages: options.estimatePages ?? true });
  const packed = await Packer.toBuffer(file);
  const fonts =
    (options.embedFonts ?? true)
      ? [embeddedFamily(theme.fonts.body, "roman"), embeddedFamily(theme.fonts.heading, "swiss")]
      : [];
  return normalisePackage(new Uint8Array(packed), core, ctx.now, fonts);
};
