/**
 * The writer registry: one entry per output format, each the package's one
 * writer function behind the common contract `(doc, theme, ctx) => bytes`.
 * An unknown format is a usage error that lists these names.
 *
 * Each writer package is imported the first time its format is written:
 * `--format html` does not pay for loading pdfmake and docx.
 */
import type { Document, Theme } from "@briefkit/document";

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

const loaders: Record<Format, () => Promise<Writer>> = {
  pdf: async () => {
    const { writePdf } = await import("@briefkit/pdf");
    return (doc, theme, ctx) => writePdf(doc, { theme }, ctx);
  },
  docx: async () => {
    const { writeDocx } = await import("@briefkit/docx");
    return (doc, theme, ctx) => writeDocx(doc, { theme }, ctx);
  },
  html: async () => {
    const { writeHtml } = await import("@briefkit/html");
    return async (doc, theme, ctx) => new TextEncoder().encode(writeHtml(doc, { theme }, ctx));
  },
};

const loaded = new Map<Format, Promise<Writer>>();

/** The writer of a format, importing its package on first use. */
export function loadWriter(format: Format): Promise<Writer> {
  let writer = loaded.get(format);
  if (writer === undefined) {
    writer = loaders[format]();
    loaded.set(format, writer);
  }
  return writer;
}

export function isFormat(x: string): x is Format {
  return (FORMATS as readonly string[]).includes(x);
}

/** One file to write: everything a writer needs, and nothing that cannot cross a thread. */
export interface RenderJob {
  format: Format;
  document: Document;
  theme: Theme;
  now: Date;
}

/** A written file, with the warnings its writer gave and the time it took. */
export interface Rendered {
  bytes: Uint8Array;
  warnings: WriterWarning[];
  ms: number;
}

/** Runs one job in this thread. Worker threads call it too. */
export async function renderJob(job: RenderJob): Promise<Rendered> {
  const writer = await loadWriter(job.format);
  const started = performance.now();
  const warnings: WriterWarning[] = [];
  const bytes = await writer(job.document, job.theme, {
    now: job.now,
    log: (w) => warnings.push(w),
  });
  return { bytes, warnings, ms: performance.now() - started };
}

/** Page count of a PDF written by pdfkit (its page tree's /Count). */
export function pdfPageCount(bytes: Uint8Array): number | undefined {
  const text = Buffer.from(bytes).toString("latin1");
  const m =
    /\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)/s.exec(text) ??
    /\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/s.exec(text);
  return m ? Number(m[1]) : undefined;
}
