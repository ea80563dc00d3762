/**
 * The writer registry: one entry per output format, each the package's one
 * writer, typed by the contract of @briefkit/document (`Writer<Options>`,
 * its context and its closed set of warning codes), with the format's
 * options from the template (`writers:` in template.yaml). An unknown
 * format is a usage error that lists these names.
 *
 * Each writer package is imported the first time its format is written:
 * `--format html` does not pay for loading pdfmake and docx.
 */
import {
  assertNever,
  type Document,
  FORMATS,
  type Format,
  type Theme,
  type WriterContext,
  type WriterOptions,
  type WriterSettings,
  type WriterWarning,
} from "@briefkit/document";

export { FORMATS, type Format };

/** A format's writer as the CLI calls it: the contract's writer with that format's options, giving bytes. */
type FormatWriter<F extends Format> = (
  doc: Document,
  options: WriterOptions & NonNullable<WriterSettings[F]>,
  ctx: WriterContext,
) => Promise<Uint8Array>;

/** A loader that imports once: later calls get the same promise. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load();
    return loading;
  };
}

const loaders: { [F in Format]: () => Promise<FormatWriter<F>> } = {
  pdf: once(async () => (await import("@briefkit/pdf")).writePdf),
  docx: once(async () => (await import("@briefkit/docx")).writeDocx),
  html: once(async () => {
    const { writeHtml } = await import("@briefkit/html");
    return async (doc, options, ctx) => new TextEncoder().encode(writeHtml(doc, options, ctx));
  }),
};

/** The writer of a format, importing its package on first use. */
export function loadWriter<F extends Format>(format: F): Promise<FormatWriter<F>> {
  return loaders[format]();
}

export function isFormat(x: string): x is Format {
  return (FORMATS as readonly string[]).includes(x);
}

/** One file to write: everything a writer needs, and nothing that cannot cross a thread. */
export interface RenderJob {
  format: Format;
  document: Document;
  theme: Theme;
  /** The template's writer options, by format; the job's format takes its own. */
  settings: WriterSettings;
  now: Date;
}

/** A written file, with the warnings its writer gave and the time it took. */
export interface Rendered {
  bytes: Uint8Array;
  warnings: WriterWarning[];
  ms: number;
}

/** The job's format's writer, with its options: the theme, then the template's settings for it. */
async function write(job: RenderJob, ctx: WriterContext): Promise<Uint8Array> {
  const { document, theme, settings } = job;
  switch (job.format) {
    case "pdf":
      return (await loadWriter("pdf"))(document, { theme, ...settings.pdf }, ctx);
    case "docx":
      return (await loadWriter("docx"))(document, { theme, ...settings.docx }, ctx);
    case "html":
      return (await loadWriter("html"))(document, { theme, ...settings.html }, ctx);
    default:
      return assertNever(job.format);
  }
}

/** Runs one job in this thread. Worker threads call it too. */
export async function renderJob(job: RenderJob): Promise<Rendered> {
  await loadWriter(job.format);
  const started = performance.now();
  const warnings: WriterWarning[] = [];
  const bytes = await write(job, { now: job.now, log: (w) => warnings.push(w) });
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
