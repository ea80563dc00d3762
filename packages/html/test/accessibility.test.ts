/**
 * Accessibility: every document the browser tests load, written by the HTML
 * writer, passes axe-core in Chromium with no violation, at a desktop width
 * and at 320 CSS px (axe.ts says which rules and what else counts). The
 * controls show the check fails where it should: pages broken on purpose,
 * one fault each, and a theme too pale for text, are each caught by the rule
 * that names the fault.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AxeReport,
  auditFile,
  CHROMIUM,
  evaluateWithAxe,
  launchChromium,
  problems,
  VIEWPORTS,
  type Viewport,
  violatedRules,
} from "./axe.js";
import { browserDocuments, fixture, labelledRows, realChart, render, theme } from "./helpers.js";

const [DESKTOP, NARROW] = VIEWPORTS as [Viewport, Viewport];

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && !process.env.CI) {
  console.warn(`accessibility: ${CHROMIUM} not found, the axe checks are skipped (CI runs them)`);
}

/** Replaces `from` (which must occur) by `to` in the page: a control that changes nothing proves nothing. */
function broken(html: string, from: string | RegExp, to: string): string {
  const out = html.replace(from, to);
  if (out === html) throw new Error(`control: ${String(from)} is not in the page`);
  return out;
}

describe.skipIf(!haveChromium && !process.env.CI)("axe-core in Chromium", () => {
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "briefkit-axe-"));
    chromium = await launchChromium();
    browser = chromium.browser;
  }, 120_000);

  afterAll(async () => {
    await chromium?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function audit(name: string, html: string, viewport = DESKTOP): Promise<AxeReport> {
    const file = join(dir, `${name}.html`);
    writeFileSync(file, html);
    return auditFile(browser, file, viewport);
  }

  it("runs the rules the WCAG A/AA and best-practice tags name, experimental and deprecated ones too", async () => {
    const report = await audit("rules", render(fixture("kitchen-sink")).html);
    expect(report.rules.length).toBeGreaterThan(90);
    for (const rule of [
      "color-contrast",
      "document-title",
      "duplicate-id",
      "heading-order",
      "html-has-lang",
      "landmark-one-main",
      "link-name",
      "region",
      "scrollable-region-focusable",
      "svg-img-alt",
      "target-size",
      "td-has-header",
      "th-has-data-cells",
    ])
      expect(report.rules).toContain(rule);
    // The two undecided kinds axe.ts accepts occur here, so the acceptance is exercised.
    expect(new Set(report.incomplete.map((f) => f.undecided))).toEqual(
      new Set(["chart-text", "symbol-link"]),
    );
    expect(report.chartText.length).toBeGreaterThan(0);
  }, 60_000);

  for (const [name, make] of Object.entries(browserDocuments)) {
    for (const viewport of VIEWPORTS) {
      it(`${name} at ${viewport.name}: no violation`, async () => {
        const report = await audit(name, render(make()).html, viewport);
        expect(problems(report)).toEqual([]);
      }, 60_000);
    }
  }

  it("a label over empty cells heads those rows too (the HTML table algorithm, as axe implements it)", async () => {
    const file = join(dir, "headers.html");
    writeFileSync(file, render(labelledRows()).html);
    const cells = (await evaluateWithAxe(
      browser,
      file,
      DESKTOP,
      // axe's table functions read its tree of the page, which setup builds. They also cache
      // on each cell the headers found through it, and a label spanning two rows would carry
      // the first row's flow into the second: a fresh tree for each cell.
      `[...document.querySelectorAll("tbody td")].map((td) => {
        axe.setup(document);
        try {
          return {
            text: td.textContent,
            headers: axe.commons.table.getHeaders(td).map((th) => th.textContent),
          };
        } finally {
          axe.teardown();
        }
      })`,
    )) as Array<{ text: string; headers: string[] }>;
    const headersOf = (text: string) => new Set(cells.find((c) => c.text === text)?.headers);
    expect(headersOf("33.7")).toEqual(new Set(["Yakutia", "Exports", "1998"]));
    expect(headersOf("9.7")).toEqual(new Set(["Yakutia", "Imports", "1998"]));
    expect(headersOf("221.7")).toEqual(new Set(["Primorskiy Krai", "Imports", "2003"]));
    expect(headersOf("232.7")).toEqual(new Set(["Total", "Imports", "2003"]));
    // Every data cell: its region, its flow and its year.
    expect(cells).toHaveLength(6 * 6);
    for (const c of cells) expect(c.headers, c.text).toHaveLength(3);
  }, 60_000);

  const controls: Array<{ fault: string; rule: string; page: () => string; viewport?: Viewport }> =
    [
      {
        fault: "no language",
        rule: "html-has-lang",
        page: () => broken(render(fixture("kitchen-sink")).html, '<html lang="en-GB">', "<html>"),
      },
      {
        fault: "a heading level skipped",
        rule: "heading-order",
        page: () =>
          broken(
            render(fixture("kitchen-sink")).html,
            /<h3 id="sec-1-1">(.*?)<\/h3>/,
            '<h5 id="sec-1-1">$1</h5>',
          ),
      },
      {
        fault: "no main landmark",
        rule: "landmark-one-main",
        page: () =>
          broken(
            broken(
              render(fixture("kitchen-sink")).html,
              '<main id="content">',
              '<div id="content">',
            ),
            "</main>",
            "</div>",
          ),
      },
      {
        fault: "a chart with no name",
        rule: "svg-img-alt",
        page: () =>
          broken(
            broken(render(fixture("kitchen-sink")).html, ' aria-labelledby="figure-1-title"', ""),
            /<title id="figure-1-title">.*?<\/title>/,
            "",
          ),
      },
      {
        fault: "a table with no header cells",
        rule: "td-has-header",
        page: () =>
          render(fixture("kitchen-sink"))
            .html.replace(/<th scope="[a-z]+"/g, "<td")
            .replace(/<\/th>/g, "</td>"),
      },
      {
        fault: "a link with no name",
        rule: "link-name",
        page: () =>
          broken(
            render(fixture("kitchen-sink")).html,
            /<a href="#sec-1">.*?<\/a>/,
            '<a href="#sec-1"></a>',
          ),
      },
      {
        fault: "an id used twice",
        rule: "duplicate-id",
        page: () => broken(render(fixture("kitchen-sink")).html, "<h1>", '<h1 id="content">'),
      },
      {
        fault: "a wide table that scrolls but takes no focus, at 320 px",
        rule: "scrollable-region-focusable",
        page: () => broken(render(labelledRows()).html, ' tabindex="0"', ""),
        viewport: NARROW,
      },
      {
        fault: "an accent too pale for the text set in it",
        rule: "color-contrast",
        page: () =>
          render(fixture("kitchen-sink"), {
            theme: { ...theme, colors: { ...theme.colors, accent: "#8fa9c9" } },
          }).html,
      },
    ];

  for (const c of controls) {
    it(`fails a page with ${c.fault}, naming ${c.rule}`, async () => {
      const report = await audit(`control-${c.rule}`, c.page(), c.viewport);
      expect(violatedRules(report)).toContain(c.rule);
      expect(problems(report).some((p) => p.startsWith(`${c.rule} (violation`))).toBe(true);
    }, 60_000);
  }

  it("fails a chart label too pale to read, which axe itself leaves undecided", async () => {
    const doc = realChart();
    const fig = doc.blocks.find((b) => b.type === "figure");
    if (fig?.type !== "figure") throw new Error("fixture");
    const pale = fig.svg.replace(/(<text\b[^>]*?)fill="#000"/g, '$1fill="#b0b0b0"');
    expect(pale).not.toBe(fig.svg);
    fig.svg = pale;
    const report = await audit("control-chart-text", render(doc).html);
    expect(report.violations).toEqual([]);
    const found = problems(report);
    expect(found.length).toBeGreaterThan(0);
    for (const p of found)
      expect(p).toMatch(/^chart text ".+": contrast 2\.\d\d:1 against the page, needs 4\.5:1$/);
  }, 60_000);
});
