/**
 * `briefkit preview`, end to end in a real browser: from a saved change to
 * the updated brief in Chromium. Each sample writes a new figure into the
 * bilateral-trade table of a copy of the example (a figure no earlier sample
 * used, so no cache has it), then waits until the page has swapped in the
 * rebuilt brief, and checks the new figure is in its text. The wait watches
 * the page for the swap (a mutation observer, no polling interval), so the
 * time is the save, the file watch, the warm rebuild, the event to the page
 * and the browser's load of the new brief.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { type RunningPreview, startPreview } from "../src/commands/preview.js";
import { exampleCopy } from "../test/preview-fixture.js";

interface Live {
  dir: string;
  preview: RunningPreview;
  browser: Browser;
  page: Page;
  csv: string;
  original: string;
  sample: number;
  queue: Promise<unknown>;
  check: (page: Page, figure: string) => Promise<boolean>;
}

const ROW = "2004,5.7,3.1,8.8";

async function live(audience: string, format: "html" | "pdf", check: Live["check"]): Promise<Live> {
  const dir = exampleCopy();
  const preview = await startPreview(
    { cwd: dir, out: () => undefined, err: () => undefined },
    { port: "0" },
  );
  const browser = await puppeteer.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--no-first-run",
      `--user-data-dir=${mkdtempSync(join(tmpdir(), "briefkit-chromium-"))}`,
    ],
  });
  const page = await browser.newPage();
  await page.setViewport({ width: 1200, height: 800 });
  await page.goto(`${preview.url}?audience=${audience}&format=${format}`);
  await page.waitForFunction(
    (key) => document.body.dataset.shown === key,
    { timeout: 120_000 },
    `${audience}.${format}`,
  );
  const csv = join(dir, "data/russia-japan/2005/bilateral-trade.csv");
  return {
    dir,
    preview,
    browser,
    page,
    csv,
    original: readFileSync(csv, "utf8"),
    sample: 0,
    queue: Promise.resolve(),
    check,
  };
}

/**
 * One sample, after any before it: tinybench calls a case once more to see
 * whether it is async, and two saves in flight would each see the other's
 * brief.
 */
function saveAndSee(ctx: Live): Promise<void> {
  const run = ctx.queue.then(() => oneSample(ctx));
  ctx.queue = run.catch(() => undefined);
  return run;
}

/** Saves a new figure and waits for the page to show the rebuilt brief. */
async function oneSample(ctx: Live): Promise<void> {
  ctx.sample++;
  // 2004's exports and total moved together, by a tenth more each sample.
  const exports = (5.7 + ctx.sample / 10).toFixed(1);
  const total = (8.8 + ctx.sample / 10).toFixed(1);
  const before = await ctx.page.evaluate(() => document.body.dataset.version ?? "");
  writeFileSync(ctx.csv, ctx.original.replace(ROW, `2004,${exports},3.1,${total}`));
  await ctx.page.waitForFunction(
    (old) => document.body.dataset.version !== old,
    { timeout: 60_000, polling: "mutation" },
    before,
  );
  if (!(await ctx.check(ctx.page, `US$${total} billion`))) {
    throw new Error(`the page does not show the brief with US$${total} billion`);
  }
}

async function stop(ctx: Live): Promise<void> {
  await ctx.browser.close();
  await ctx.preview.close();
  rmSync(ctx.dir, { recursive: true, force: true });
}

const htmlShows = (page: Page, figure: string) =>
  page.evaluate(
    (f) =>
      document
        .querySelector<HTMLIFrameElement>("iframe.current")
        ?.contentDocument?.body?.textContent.includes(f) ?? false,
    figure,
  );

export default [
  {
    name: "preview: saved CSV change to the full brief's HTML in Chromium",
    budgetMs: 250,
    iterations: 20,
    setup: () => live("full", "html", htmlShows),
    fn: saveAndSee,
    teardown: stop,
  },
  {
    // The PDF viewer's text is not the page's: the check is that the frame
    // now holds a PDF other than the one before (pdftotext would add its own
    // 50 ms to each sample).
    name: "preview: saved CSV change to the executive summary's PDF in Chromium",
    budgetMs: 600,
    iterations: 20,
    setup: () => {
      let last = "";
      return live("executive", "pdf", async (page) => {
        const url = await page.$eval("iframe.current", (f) => (f as HTMLIFrameElement).src);
        const bytes = Buffer.from(await (await fetch(url)).arrayBuffer());
        const digest = createHash("sha256").update(bytes).digest("hex");
        const fresh = bytes.subarray(0, 5).toString() === "%PDF-" && digest !== last;
        last = digest;
        return fresh;
      });
    },
    fn: saveAndSee,
    teardown: stop,
  },
];
