/**
 * `briefkit preview` in a real browser: Debian's Chromium driven by
 * puppeteer-core, against the server started in process on a copy of the
 * example (the copy is edited; the repository's files never are).
 *
 * The page shows the brief; a number changed in a CSV appears in the page;
 * a half-typed Liquid tag lays the overlay over the last good brief, naming
 * the section file and line; the fix takes it away; the audience switch
 * shows the other audience; and through all of it the browser logged no
 * console error and asked nothing of any other server.
 *
 * Every wait is for a state of the page, with a generous timeout, never a
 * duration: the machine may be busy.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../../html/test/axe.js";
import { type RunningPreview, startPreview } from "../src/commands/preview.js";
import { exampleCopy, root } from "./preview-fixture.js";

const WAIT = { timeout: 90_000, polling: 100 } as const;

/** The text of the brief the page shows (the frame in front). */
function briefText(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      document.querySelector<HTMLIFrameElement>("iframe.current")?.contentDocument?.body
        ?.textContent ?? "",
  );
}

describe("briefkit preview in Chromium", () => {
  let dir: string;
  let preview: RunningPreview;
  let browser: Browser;
  let closeBrowser: (() => Promise<void>) | undefined;
  let page: Page;
  let origin: string;
  const consoleErrors: string[] = [];
  const outside: string[] = [];
  const stderr: string[] = [];

  beforeAll(async () => {
    dir = exampleCopy();
    preview = await startPreview(
      { cwd: dir, out: () => undefined, err: (s) => stderr.push(s) },
      { port: "0" },
    );
    origin = new URL(preview.url).origin;
    ({ browser, close: closeBrowser } = await launchChromium());
    page = await browser.newPage();
    await page.setViewport({ width: 1200, height: 800 });
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
    page.on("pageerror", (e) => consoleErrors.push(String(e)));
    page.on("request", (r) => {
      const u = r.url();
      if (!u.startsWith(`${origin}/`) && !u.startsWith("data:")) outside.push(u);
    });
  });

  afterAll(async () => {
    await closeBrowser?.();
    await preview?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("shows the brief", async () => {
    await page.goto(preview.url);
    await page.waitForFunction(() => document.body.dataset.shown === "full.html", WAIT);
    const text = await briefText(page);
    expect(text).toContain("Russia and Japan beyond 2005");
    expect(text).toContain("US$8.8 billion");
  });

  it("shows a number changed in a CSV", async () => {
    const csv = join(dir, "data/russia-japan/2005/bilateral-trade.csv");
    const before = readFileSync(csv, "utf8");
    writeFileSync(csv, before.replace("2004,5.7,3.1,8.8", "2004,6.7,3.1,9.8"));
    await page.waitForFunction(
      () =>
        document
          .querySelector<HTMLIFrameElement>("iframe.current")
          ?.contentDocument?.body?.textContent.includes("US$9.8 billion"),
      WAIT,
    );
    expect(await briefText(page)).not.toContain("US$8.8 billion");
  });

  it("lays the problems over the last good brief, and takes them away when fixed", async () => {
    const section = join(dir, "templates/russia-japan/sections/01-introduction.md");
    const good = readFileSync(section, "utf8");
    const lines = good.split("\n");
    const brokenLine = lines.length + 1;
    writeFileSync(section, `${good}\n{% if ind.total-trade-latest.value >`);
    await page.waitForFunction(() => document.getElementById("overlay")?.hidden === false, WAIT);
    const overlay = await page.$eval("#overlay", (e) => (e as HTMLElement).textContent);
    expect(overlay).toContain(`templates/russia-japan/sections/01-introduction.md:${brokenLine}:`);
    // The offending source line, quoted.
    expect(overlay).toContain("{% if ind.total-trade-latest.value >");
    // The last good brief stays behind it.
    expect(await briefText(page)).toContain("US$9.8 billion");

    writeFileSync(section, good);
    await page.waitForFunction(
      () =>
        document.getElementById("overlay")?.hidden === true && document.body.dataset.state === "ok",
      WAIT,
    );
    expect(await briefText(page)).toContain("US$9.8 billion");
  });

  it("switches audience", async () => {
    await page.select("#audience", "executive");
    await page.waitForFunction(() => document.body.dataset.shown === "executive.html", WAIT);
    const title = await page.evaluate(
      () =>
        document.querySelector<HTMLIFrameElement>("iframe.current")?.contentDocument?.title ?? "",
    );
    expect(title).toContain("Executive summary");
    expect(new URL(page.url()).searchParams.get("audience")).toBe("executive");
  });

  it("logged no console error and asked nothing of another server", () => {
    expect(consoleErrors).toEqual([]);
    expect(outside).toEqual([]);
  });

  it("wrote nothing into the folders it watches", () => {
    // The copy holds exactly the files copied: no output, no temporary file.
    for (const d of ["templates/russia-japan", "data/russia-japan/2005"]) {
      expect(listing(join(dir, d))).toEqual(listing(join(root, d)));
    }
  });
});

function listing(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).sort();
}
