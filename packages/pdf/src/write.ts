/**
 * The PDF writer, on the contract of @briefkit/document: document model →
 * PDF bytes in two steps, `toDocDefinition` (inspectable JSON, what the
 * goldens hold) then `renderDefinition`.
 */
import type { PdfSettings, Writer, WriterOptions } from "@briefkit/document";
import { toDocDefinition } from "./definition.js";
import { renderDefinition } from "./render.js";

/** Options of the PDF writer: the contract's (theme, terms) and the PDF's own settings (`align`). */
export type PdfOptions = WriterOptions & PdfSettings;

/**
 * Writes a document as a PDF. Same document, options and `ctx.now` → the
 * same bytes. Warnings go to `ctx.log`; nothing is fetched or read beyond
 * the theme's font files.
 */
export const writePdf: Writer<PdfOptions, Promise<Uint8Array>> = async (doc, options, ctx) =>
  renderDefinition(toDocDefinition(doc, options, ctx), options.theme, ctx.log);
