/**
 * The example briefs' accessibility, as readers get them from `briefkit build`:
 * - HTML: axe-core in Debian's Chromium (packages/html/test/axe.ts, which says
 *   which rules and what else counts) finds no violation, at a desktop width
 *   and at 320 px, in each audience's brief, in the full brief of the test
 *   edition 2006 (its appendix shows the changes as tracked changes) and in
 *   the `briefkit diff` report;
 * - DOCX: python-docx reads, in each audience's file, the alt text of the
 *   composed document's figures on every chart, the data tables' header rows
 *   (and only they) marked as header rows, and the brief's language in every
 *   part (packages/docx/test/accessibility.ts).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type Document, validateDocument } from "@briefkit/document";
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessibilityProblems, readAccessibility } from "../../docx/test/accessibility.js";
import { auditFile, launchChromium, problems, VIEWPORTS } from "../../html/test/axe.js";
import { runCli } from "./run-cli.js";

const root = resolve(import.meta.dirname, "../../..");
const edition2006 = join(root, "packages/data/test/fixtures/editions/russia-japan-2006");
const AUDIENCES = ["full", "executive", "business"] as const;

const out = mkdtempSync(join(tmpdir(), "briefkit-a11y-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

async function briefkit(...argv: string[]): Promise<string> {
  const r = await runCli(root, argv);
  if (r.code !== 0) throw new Error(`briefkit ${argv.join(" ")} failed (${r.code}):\n${r.err}`);
  return r.out;
}

describe("HTML: axe-core in Chromium", () => {
  const pages: Record<string, string> = {
    ...Object.fromEntries(
      AUDIENCES.map((a) => [a, join(out, "html", `russia-japan-2005-${a}.html`)]),
    ),
    "2006 full, with the changes appendix": join(out, "2006", "russia-japan-2006-full.html"),
    "diff report": join(out, "changes.html"),
  };
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let browser: Browser;

  beforeAll(async () => {
    await briefkit("build", "--format", "html", "--out", join(out, "html"));
    await briefkit(
      "build",
      "--data",
      edition2006,
      "--audience",
      "full",
      "--format",
      "html",
      "--out",
      join(out, "2006"),
    );
    await briefkit(
      "diff",
      "--from",
      "2005",
      "--to",
      edition2006,
      "--out",
      pages["diff report"] ?? "",
    );
    chromium = await launchChromium();
    browser = chromium.browser;
  }, 240_000);

  afterAll(async () => {
    await chromium?.close();
  });

  for (const [name, file] of Object.entries(pages)) {
    for (const viewport of VIEWPORTS) {
      it(`${name} at ${viewport.name}: no violation`, async () => {
        const report = await auditFile(browser, file, viewport);
        expect(report.rules.length).toBeGreaterThan(90);
        expect(problems(report)).toEqual([]);
      }, 90_000);
    }
  }
});

describe("DOCX: alt text, header rows, language", () => {
  const files = AUDIENCES.map((a) => join(out, "docx", `russia-japan-2005-${a}.docx`));
  let read: ReturnType<typeof readAccessibility>;
  const composed: Partial<Record<(typeof AUDIENCES)[number], Document>> = {};

  beforeAll(async () => {
    await briefkit("build", "--format", "docx", "--out", join(out, "docx"));
    read = readAccessibility(files);
    for (const audience of AUDIENCES) {
      const json: unknown = JSON.parse(await briefkit("compose", "--audience", audience, "--json"));
      const { document, issues } = validateDocument(json);
      if (!document) throw new Error(`compose ${audience}: ${JSON.stringify(issues)}`);
      composed[audience] = document;
    }
  }, 240_000);

  AUDIENCES.forEach((audience, i) => {
    it(`${audience}: every chart has its figure's alt text, header rows are marked, the language is set`, () => {
      const doc = composed[audience] as Document;
      const found = read[files[i] ?? ""];
      expect(found).toBeDefined();
      if (found === undefined) return;
      expect(accessibilityProblems(found, doc)).toEqual([]);
      // The example has what the check is about.
      expect(found.drawings.length).toBeGreaterThan(0);
      const tables = doc.blocks.filter((b) => b.type === "table").length;
      expect(found.tables.filter((t) => t.rows[0]?.header)).toHaveLength(tables);
      expect(found.languages.core).toBe("en-GB");
    });
  });
});
