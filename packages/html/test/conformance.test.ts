/**
 * Conformance: every fixture's HTML handed to real readers.
 * - html-validate 10 (recommended + document + a11y presets, nothing disabled);
 * - headless Chromium (Debian's /usr/bin/chromium through puppeteer-core):
 *   loads with no console error and no request but the file itself and data:
 *   URIs, shows the embedded fonts, and prints to an A4 PDF. Screenshots and
 *   PDFs go to /tmp/briefkit-html/ for a person to look at.
 * One browser for the whole file: Chromium starts slowly on a small machine.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Document } from "@briefkit/document";
import { FileSystemConfigLoader, HtmlValidate } from "html-validate";
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, launchChromium } from "./axe.js";
import { copy, browserDocuments as documents, fixture, render } from "./helpers.js";

const OUT = "/tmp/briefkit-html";
const packageDir = join(import.meta.dirname, "..");

/** A document made to misbehave: script and outside references in its chart, a javascript: link. */
function hostile(): Document {
  const doc = copy(fixture("kitchen-sink"));
  const fig = doc.blocks.find((b) => b.type === "figure");
  if (fig?.type !== "figure") throw new Error("fixture");
  fig.svg = fig.svg.replace(
    "</svg>",
    '<script>fetch("https://evil.example/s")</script><image href="https://evil.example/i.png" width="9" height="9"/>' +
      '<style>@import url(https://evil.example/x.css);</style><rect width="5" height="5" fill="url(https://evil.example/#p)" onload="alert(1)"/></svg>',
  );
  const p = doc.blocks.find((b) => b.type === "paragraph");
  if (p?.type !== "paragraph") throw new Error("fixture");
  p.children.push({
    type: "link",
    url: "javascript:fetch('https://evil.example/l')",
    children: [{ type: "text", value: " click" }],
  });
  return doc;
}

describe("html-validate", () => {
  const validator = new HtmlValidate(new FileSystemConfigLoader());
  for (const name of [...Object.keys(documents), "hostile"]) {
    it(`${name}: no errors or warnings`, async () => {
      const doc = name === "hostile" ? hostile() : (documents[name] ?? fixture)(name);
      const { html } = render(doc);
      // The file name places the document in this package, so .htmlvalidate.json applies.
      const report = await validator.validateString(html, join(packageDir, `${name}.html`));
      const problems = report.results.flatMap((r) =>
        r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`),
      );
      expect(problems).toEqual([]);
      expect(report.valid).toBe(true);
    });
  }
});

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && !process.env.CI) {
  console.warn(
    `conformance: ${CHROMIUM} not found, the Chromium checks are skipped (CI runs them)`,
  );
}

describe.skipIf(!haveChromium && !process.env.CI)("headless Chromium", () => {
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), "briefkit-html-"));
    chromium = await launchChromium();
    browser = chromium.browser;
  }, 120_000);

  afterAll(async () => {
    await chromium?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Loads the HTML from a file; returns console errors, outside requests and the page. */
  async function load(name: string, html: string) {
    const file = join(dir, `${name}.html`);
    writeFileSync(file, html);
    const url = pathToFileURL(file).href;
    const page = await browser.newPage();
    const errors: string[] = [];
    const outside: string[] = [];
    await page.setRequestInterception(true);
    page.on("request", (r) => {
      if (r.url() === url || r.url().startsWith("data:")) void r.continue();
      else {
        outside.push(r.url());
        void r.abort();
      }
    });
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warn") errors.push(`${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => errors.push(`page error: ${e}`));
    page.on("requestfailed", (r) => {
      if (!outside.includes(r.url())) errors.push(`request failed: ${r.url()}`);
    });
    await page.setViewport({ width: 1000, height: 900 });
    await page.goto(url, { waitUntil: "load" });
    return { page, errors, outside };
  }

  for (const [name, make] of Object.entries(documents)) {
    it(`${name}: loads with no console error and no outside request, prints to A4`, async () => {
      const { html } = render(make());
      const { page, errors, outside } = await load(name, html);
      try {
        expect(errors).toEqual([]);
        expect(outside).toEqual([]);
        // Page-side code as strings: this package's TypeScript lib has no DOM, on purpose.
        const fonts = (await page.evaluate(
          "document.fonts.ready.then(() => [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family + ' ' + f.weight))",
        )) as string[];
        expect(fonts).toContain("Source Serif 4 400");
        expect(fonts).toContain("Source Sans 3 700");
        const scripts = await page.evaluate("document.scripts.length");
        expect(scripts).toBe(0);
        await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
        const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
        const pdfPath = join(OUT, `${name}.pdf`);
        writeFileSync(pdfPath, pdf);
        expect(Buffer.from(pdf).subarray(0, 5).toString("latin1")).toBe("%PDF-");
        if (existsSync("/usr/bin/pdfinfo")) {
          const info = execFileSync("pdfinfo", [pdfPath], { encoding: "utf8" });
          expect(info).toMatch(/Page size:\s+594\.96 x 841\.92 pts \(A4\)/);
          expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThan(0);
        }
      } finally {
        await page.close();
      }
    }, 60_000);
  }

  it("a hostile document (script, outside references, javascript: link) makes no request and runs nothing", async () => {
    const { html } = render(hostile());
    const { page, errors, outside } = await load("hostile", html);
    try {
      expect(outside).toEqual([]);
      expect(errors).toEqual([]);
      const state = (await page.evaluate(
        "({ scripts: document.scripts.length, links: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')) })",
      )) as { scripts: number; links: string[] };
      expect(state.scripts).toBe(0);
      for (const href of state.links) expect(href).toMatch(/^(#|https:\/\/www\.erina|mailto:)/);
    } finally {
      await page.close();
    }
  }, 60_000);

  it("the harness itself sees an outside request (control: the same page without its CSP)", async () => {
    const { html } = render(fixture("unicode"));
    const open = html
      .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n/, "")
      .replace("</main>", '<img src="https://evil.example/p.png" alt=""></main>');
    const { page, outside } = await load("control", open);
    await page.close();
    expect(outside).toEqual(["https://evil.example/p.png"]);
  }, 60_000);

  it("the Content-Security-Policy blocks what a writer bug might let through", async () => {
    const { html } = render(fixture("unicode"));
    // Simulate a writer bug: an outside image and an inline script slipped into the body.
    const broken = html.replace(
      "</main>",
      '<img src="https://evil.example/p.png" alt=""><script>document.title = "ran"</script></main>',
    );
    const { page, errors, outside } = await load("csp", broken);
    try {
      expect(outside).toEqual([]);
      expect(await page.title()).not.toBe("ran");
      expect(errors.join("\n")).toMatch(/Content Security Policy/);
    } finally {
      await page.close();
    }
  }, 60_000);
});
