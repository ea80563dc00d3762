/**
 * Opens each <name>.html in /tmp/briefkit-html (or $LOOK_DIR) in headless Chromium, saves a
 * full-page screenshot (<name>.png) and the printed PDF (<name>.pdf), and
 * prints console messages and any request that was not the file itself.
 * Run after render-fixtures.ts: npx tsx scripts/look.ts [width]
 */
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { launchChromium } from "../test/axe.js";

const dir = process.env.LOOK_DIR ?? "/tmp/briefkit-html";
const width = Number(process.argv[2] ?? 1000);
const { browser, close } = await launchChromium();
try {
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".html"))
    .sort()) {
    const url = pathToFileURL(join(dir, file)).href;
    const page = await browser.newPage();
    await page.setViewport({ width, height: 900 });
    await page.setRequestInterception(true);
    page.on("request", (r) => {
      if (r.url() === url || r.url().startsWith("data:")) void r.continue();
      else {
        console.log(`${file}: OUTSIDE REQUEST ${r.url()}`);
        void r.abort();
      }
    });
    page.on("console", (m) => console.log(`${file}: console ${m.type()}: ${m.text()}`));
    page.on("pageerror", (e) => console.log(`${file}: page error ${e}`));
    await page.goto(url, { waitUntil: "load" });
    const name = file.replace(/\.html$/, "");
    await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
    writeFileSync(
      join(dir, `${name}.pdf`),
      await page.pdf({ preferCSSPageSize: true, printBackground: true }),
    );
    const fonts = (await page.evaluate(
      "[...document.fonts].map((f) => f.family + ' ' + f.weight + ' ' + f.style + ' ' + f.status)",
    )) as string[];
    console.log(`${file}: fonts ${fonts.join("; ")}`);
    await page.close();
  }
} finally {
  await close();
}
