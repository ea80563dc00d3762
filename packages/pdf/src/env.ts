/**
 * What every converter in the writer shares while it turns one document into
 * a pdfmake docDefinition: the theme and geometry, the text cleaner and the
 * warning sink. Built once per `toDocDefinition` call, never module state.
 */
import type { Terms, Theme, WriterWarning } from "@briefkit/document";
import type { Geometry } from "./layout.js";
import type { Cleaner, FaceRef } from "./text.js";

export interface Env {
  theme: Theme;
  /** The words the layout adds (captions, notes, running footer), in the document's language. */
  terms: Terms;
  geometry: Geometry;
  clean: Cleaner;
  /** Scrubs strings that are not set in a font (document info): controls and the like only. */
  scrub: (text: string, path: string) => string;
  log: (warning: WriterWarning) => void;
  /** Ids of the document's tables of contents, with their depth. */
  tocs: Array<{ id: string; depth: 1 | 2 | 3 }>;
}

/** The faces the writer sets text in. */
export const serif = (env: Env, bold = false, italic = false): FaceRef => ({
  family: env.theme.fonts.body,
  bold,
  italic,
});
export const sans = (env: Env, bold = false, italic = false): FaceRef => ({
  family: env.theme.fonts.heading,
  bold,
  italic,
});

/** Id of a footnote's anchor in the Notes section (a pdfmake destination). */
export const noteAnchor = (n: number) => `bk-note-${n}`;
