/**
 * The shipped briefs' PDFs as assistive technology reads them: `briefkit
 * build --format pdf` of every audience, then
 * - each passes the Matterhorn checker (packages/pdf/test/matterhorn.ts):
 *   all content tagged or an artifact, headings nested, tables with headers,
 *   figures with /Alt, fonts embedded with ToUnicode maps, /Lang, the title,
 *   DisplayDocTitle, pdfuaid;
 * - the full paper's structure tree, as poppler prints it
 *   (`pdfinfo -struct-text`), holds the composed document's title, headings,
 *   paragraphs, list items, table cells, captions, figures and notes in the
 *   model's order (`briefkit compose --json` gives the model);
 * - every figure's /Alt is the model's alt text.
 *
 * No PDF/UA validator can be installed here (veraPDF is in neither Debian
 * nor npm); the checker covers the machine-checkable checkpoints that apply.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Document } from "@briefkit/document";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPdfUa, readPdf } from "../../pdf/test/matterhorn.js";
import {
  expectedOrder,
  firstOutOfOrder,
  readingOrder,
  structText,
} from "../../pdf/test/structure-text.js";
import { runCli } from "./run-cli.js";

const root = resolve(import.meta.dirname, "../../..");
const AUDIENCES = ["full", "executive", "business"] as const;
const out = mkdtempSync(join(tmpdir(), "briefkit-pdfua-"));
const pdf = (audience: string) => join(out, `russia-japan-2005-${audience}.pdf`);
const models = new Map<string, Document>();

beforeAll(async () => {
  const build = await runCli(root, ["build", "--format", "pdf", "--out", out]);
  if (build.code !== 0) throw new Error(`briefkit build failed:\n${build.err}`);
  for (const audience of AUDIENCES) {
    const composed = await runCli(root, ["compose", "--audience", audience, "--json"]);
    if (composed.code !== 0) throw new Error(`briefkit compose failed:\n${composed.err}`);
    models.set(audience, JSON.parse(composed.out) as Document);
  }
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe.each(AUDIENCES)("the %s brief's PDF", (audience) => {
  it("passes every Matterhorn checkpoint the checker knows", () => {
    expect(checkPdfUa(pdf(audience))).toEqual([]);
  });

  it("reads, in pdfinfo -struct-text, in the composed document's order", () => {
    const model = models.get(audience);
    if (model === undefined) throw new Error(`no model for ${audience}`);
    const expected = expectedOrder(model);
    const order = readingOrder(structText(pdf(audience)));
    expect(order[0]).toMatchObject({ type: "Document" });
    expect(firstOutOfOrder(order, expected)).toBeUndefined();
    // Everything the model says is read, and nothing twice: as many headings as the model has.
    const headings = order.filter((e) => /^H\d$/.test(e.type));
    expect(headings.map((h) => h.text)).toEqual(
      expected.filter((e) => /^H\d$/.test(e.type)).map((e) => e.text),
    );
  });

  it("describes every figure with the model's alt text", () => {
    const model = models.get(audience);
    const alts = (model?.blocks ?? []).flatMap((b) => (b.type === "figure" ? [b.alt] : []));
    expect(alts.length).toBeGreaterThan(0);
    const figures = Object.values(readPdf(pdf(audience)).qpdf[1]).flatMap((o) =>
      "value" in o &&
      o.value !== null &&
      typeof o.value === "object" &&
      !Array.isArray(o.value) &&
      o.value["/S"] === "/Figure"
        ? [o.value["/Alt"]]
        : [],
    );
    expect(figures).toEqual(alts.map((a) => `u:${a}`));
  });
});
