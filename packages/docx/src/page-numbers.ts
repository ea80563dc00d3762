/**
 * The page numbers a brief's table of contents is written with, so readers
 * that do not update fields on open (LibreOffice, previews, converters) show
 * them: the docx library's estimator (`docx/layout`) lays the pages out as
 * Word does, measuring text with the theme's own font files.
 *
 * What it costs, for the full paper: reading the body into the layout's
 * model, about a quarter; laying out every paragraph's lines once, about
 * two thirds; a second pass with the numbers filled in, to check they do not
 * move anything, a tenth or less (it reuses the first pass's lines). The
 * module itself is 1.7 MB of code, so it is imported only for a document
 * with contents.
 */
import type { Theme } from "@briefkit/document";
import type { PageNumberEstimator } from "docx";
import { fontFiles } from "./fonts.js";

// The estimator parses its font files once; it is kept per pair of families.
const estimators = new Map<string, Promise<PageNumberEstimator>>();

/**
 * The estimator for a theme's fonts, loading `docx/layout` on first use.
 *
 * Only the estimate itself, without the library's `listNumbers`: docx calls
 * that to start a contents entry with its heading's Word list number, and it
 * reads the whole body once more to find them, a fifth of the estimate's
 * time. A brief's heading numbers are text (blocks.ts: no heading is in a
 * Word list), so it would find none, and the entries are the same without it
 * (test/page-numbers.test.ts compares the two).
 */
export function pageEstimator(theme: Theme): Promise<PageNumberEstimator> {
  const key = `${theme.fonts.body.regular}\n${theme.fonts.heading.regular}`;
  let estimator = estimators.get(key);
  if (!estimator) {
    estimator = import("docx/layout").then(({ estimatePageNumbersWith }) => {
      const layout = estimatePageNumbersWith({
        fonts: [...fontFiles(theme.fonts.body), ...fontFiles(theme.fonts.heading)],
      });
      return (body, context) => layout(body, context);
    });
    estimators.set(key, estimator);
  }
  return estimator;
}
