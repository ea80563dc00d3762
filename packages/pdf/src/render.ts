/**
 * Step two of the PDF writer: the JSON docDefinition → PDF bytes, with
 * pdfmake 0.3 on the server (`createPdf(def).getBuffer()`).
 *
 * Here the definition gets what JSON cannot carry:
 * - `header` / `footer` as functions of the page, filling "{page}" and
 *   "{pages}" (the header is left off page 1, which has the title block);
 * - justification at spaces, the paragraphs' orphans and widows and the
 *   headings' keep-with-next (typesetting.ts, keep-with-next.ts), for the
 *   time of the render;
 * - `info.creationDate` / `modDate` as Dates. pdfkit derives the file /ID
 *   from the Info dictionary, so fixing these dates (ctx.now, never the
 *   clock) makes the bytes reproducible;
 * - an svg-to-pdfkit warning callback per figure, so its warnings reach the
 *   log instead of the console;
 * - the footnotes, which footnotes.ts sets at the foot of the pages that
 *   refer to them, during pdfmake's layout.
 *
 * pdfmake keeps its fonts, table layouts and access policies on one module
 * instance. They are set immediately before `createPdf`, in the same
 * synchronous step: createPdf captures all of them then, so concurrent calls
 * with other themes cannot interfere. URLs are refused; local files are
 * limited to the theme's fonts and this package's folder, by real path.
 */
import type { Theme, WriterWarning } from "@briefkit/document";
import pdfmake from "pdfmake";
import type { TDocumentDefinitions } from "pdfmake/interfaces.js";
import type { Node } from "./blocks.js";
import { PAGE, PAGES, type PdfDefinition } from "./definition.js";
import { fontDictionary, themeFontFiles } from "./fonts.js";
import { withFootnotes } from "./footnotes.js";
import { tableLayouts } from "./layout.js";
import { pdfMessages } from "./messages.js";
import { localPolicy, refuseUrl } from "./policy.js";
import { replacementFontEntry, replacementFontFile } from "./replacement.js";
import { scriptFallbacks, withScripts } from "./scripts.js";
import { withSharedFonts } from "./shared-fonts.js";
import { withTagging } from "./tagging.js";
import { withTypesetting } from "./typesetting.js";

/** A copy of `node` with the page placeholders filled in. */
function fill(node: unknown, page: number, pages: number): unknown {
  if (Array.isArray(node)) return node.map((x) => fill(x, page, pages));
  if (node !== null && typeof node === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      out[k] =
        k === "text" && v === PAGE
          ? String(page)
          : k === "text" && v === PAGES
            ? String(pages)
            : fill(v, page, pages);
    }
    return out;
  }
  return node;
}

/** Adds svg-to-pdfkit warning callbacks to every svg node (figures, in document order). */
function withSvgWarnings(content: Node[], log: (w: WriterWarning) => void): Node[] {
  let figure = 0;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
    } else if (node !== null && typeof node === "object") {
      const n = node as Node;
      if (typeof n.svg === "string") {
        figure += 1;
        const number = figure;
        n.options = {
          warningCallback: (detail: string) =>
            log({
              code: "svg-warning",
              path: `figure ${number}`,
              message: pdfMessages.svgWarning(number, detail),
            }),
        };
        return;
      }
      Object.values(n).forEach(walk);
    }
  };
  walk(content);
  return content;
}

/**
 * Renders a JSON docDefinition (from toDocDefinition) to PDF bytes, tagged
 * (tagging.ts); `tagged: false` draws the same pages as pdfmake alone does.
 */
export async function renderDefinition(
  definition: PdfDefinition,
  theme: Theme,
  log: (w: WriterWarning) => void,
  tagged = true,
): Promise<Uint8Array> {
  // pdfmake writes into the definition it is given; keep the caller's intact.
  const { footnotes, ...def } = structuredClone(definition);
  const { header, footer } = def;
  const live = {
    ...def,
    info: {
      ...def.info,
      creationDate: new Date(def.info.creationDate),
      modDate: new Date(def.info.modDate),
    },
    header: (page: number, pages: number) => (page === 1 ? null : fill(header, page, pages)),
    footer: (page: number, pages: number) => fill(footer, page, pages),
    content: withSvgWarnings(def.content, log),
    // A tagged PDF/UA-1 file (tagging.ts draws the structure): PDF 1.7 (XMP
    // metadata), /MarkInfo, /ViewerPreferences DisplayDocTitle, pdfuaid in the XMP.
    ...(tagged ? { version: "1.7", tagged: true, displayTitle: true, subset: "PDF/UA" } : {}),
  } as unknown as TDocumentDefinitions;
  const fonts = themeFontFiles(theme);
  pdfmake.setFonts({ ...fontDictionary(theme), ...replacementFontEntry() });
  pdfmake.setTableLayouts(tableLayouts(theme) as never);
  pdfmake.setUrlAccessPolicy(refuseUrl);
  pdfmake.setLocalAccessPolicy(localPolicy([...fonts, replacementFontFile()]));
  // withSharedFonts (and withFootnotes) call createPdf at once, in this same synchronous step.
  const create = () => pdfmake.createPdf(live).getBuffer();
  const render = () =>
    withSharedFonts([...fonts, replacementFontFile()], () =>
      withTypesetting(() =>
        withScripts(scriptFallbacks(theme), () =>
          footnotes === undefined ? create() : withFootnotes(footnotes, create),
        ),
      ),
    );
  const buffer = await (tagged ? withTagging(render) : render());
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
