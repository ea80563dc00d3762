/**
 * The PDF writer (DESIGN.md "Writers", STYLE §3): document model → PDF bytes
 * in two steps, `toDocDefinition` (inspectable JSON) then `renderDefinition`.
 */
import type { Document } from "@briefkit/document";
import { toDocDefinition } from "./definition.js";
import { renderDefinition } from "./render.js";
import type { PdfOptions, WriterContext } from "./types.js";

/**
 * Writes a document as a PDF. Same document, options and `ctx.now` → the
 * same bytes. Warnings go to `ctx.log`; nothing is fetched or read beyond
 * the theme's font files.
 */
export async function writePdf(
  doc: Document,
  options: PdfOptions,
  ctx: WriterContext,
): Promise<Uint8Array> {
  return renderDefinition(toDocDefinition(doc, options, ctx), options.theme, ctx.log);
}
