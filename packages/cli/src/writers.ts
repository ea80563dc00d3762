/**
 * The writer registry: one entry per output format, each the package's one
 * writer function behind the common contract `(doc, options, ctx) => bytes`.
 * An unknown format is a usage error that lists these names.
 */
import type { Document, Theme } from "@briefkit/document";
import { writeDocx } from "@briefkit/docx";
import { writeHtml } from "@briefkit/html";
import { writePdf } from "@briefkit/pdf";

export const FORMATS = ["pdf", "docx", "html"] as const;
export type Format = (typeof FORMATS)[number];

export interface WriterWarning {
  code: string;
  message: string;
  path: string;
}

export interface WriteContext {
  now: Date;
  log: (w: WriterWarning) => void;
}

type Writer = (doc: Document, theme: Theme, ctx: WriteContext) => Promise<Uint8Array>;

export const writers: Record<Format, Writer> = {
  pdf: (doc, theme, ctx) => writePdf(doc, { theme }, ctx),
  docx: (doc, theme, ctx) => writeDocx(doc, { theme }, ctx),
  html: async (doc, theme, ctx) => new TextEncoder().encode(writeHtml(doc, { theme }, ctx)),
};

export function isFormat(x: string): x is Format {
  return (FORMATS as readonly string[]).includes(x);
}

/** Page count of a PDF written by pdfkit (its page tree's /Count). */
export function pdfPageCount(bytes: Uint8Array): number | undefined {
  const text = Buffer.from(bytes).toString("latin1");
  const m =
    /\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)/s.exec(text) ??
    /\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/s.exec(text);
  return m ? Number(m[1]) : undefined;
}
