/**
 * `writeDocx`: the document model to DOCX bytes, in two steps — build the
 * docx library's object model (build.ts), then pack it and normalise the
 * package so the same input always gives the same bytes (package.ts).
 */
import type { Document } from "@briefkit/document";
import { Packer } from "docx";
import { buildFile } from "./build.js";
import { coverageOf, embeddedFamily } from "./fonts.js";
import { normalisePackage } from "./package.js";
import { createScope } from "./scope.js";
import type { DocxOptions, WriterContext } from "./types.js";

/** Writes a brief as a Word document (.docx). Warnings go to `ctx.log`; nothing is printed. */
export async function writeDocx(
  doc: Document,
  options: DocxOptions,
  ctx: WriterContext,
): Promise<Uint8Array> {
  const { theme } = options;
  const scope = createScope(
    theme,
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
}
