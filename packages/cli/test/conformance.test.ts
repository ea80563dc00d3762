/**
 * The shipped briefs handed to real readers: `briefkit build` of every
 * audience and format, then
 * - PDF: `qpdf --check`, every font embedded (`pdffonts`), every section
 *   heading and the key figures in `pdftotext`, the executive summary at most
 *   two pages, ink on every page (`pdftoppm`);
 * - DOCX: python-docx finds headings, tables and footnotes; LibreOffice
 *   converts it to PDF (checked: LibreOffice exits 0 even when it fails),
 *   every converted page has ink, and LibreOffice reads the charts as
 *   charts (native chart objects in its own format);
 * - HTML: html-validate passes; headless Chromium loads it with no console
 *   error and no request but the file itself.
 * Outputs stay in /tmp/briefkit-e2e for a person to look at.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { HtmlValidate } from "html-validate";
import { beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../../html/test/axe.js";
import { run } from "../src/index.js";

const root = resolve(import.meta.dirname, "../../..");
const OUT = "/tmp/briefkit-e2e";
const AUDIENCES = ["full", "executive", "business"] as const;
const file = (audience: string, ext: string) => join(OUT, `russia-japan-2005-${audience}.${ext}`);

/** Headings of the essay's sections, as the full paper prints them. */
const FULL_HEADINGS = [
  "Key findings",
  "Introduction",
  "geopolitical context",
  "Investment climate",
  "Economic links",
  "Sub-national relations",
  "oil pipeline impasse",
  "energy partnership",
  "Kyoto Protocol",
  "geo-economic complementarity",
  "Conclusions",
];

function sh(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}

/** Share of dark pixels in the body of each page, from pdftoppm's greyscale PGM output. */
function inkPerPage(pdf: string): number[] {
  const dir = mkdtempSync(join(tmpdir(), "briefkit-ink-"));
  try {
    sh("pdftoppm", ["-r", "20", "-gray", pdf, join(dir, "p")]);
    return readdirSync(dir)
      .sort()
      .map((f) => {
        const buf = readFileSync(join(dir, f));
        // P5 header: "P5\n<w> <h>\n<max>\n", then one byte per pixel.
        const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 40).toString("latin1"));
        if (!header) throw new Error(`${f}: not a PGM`);
        const width = Number(header[1]);
        const height = Number(header[2]);
        const pixels = buf.subarray(header[0].length);
        // Only the body counts: a page with nothing but its running header
        // and footer is a blank page.
        const top = Math.floor(height * 0.1);
        const bottom = Math.ceil(height * 0.9);
        let dark = 0;
        for (let y = top; y < bottom; y += 1) {
          for (let x = 0; x < width; x += 1) if (pixels[y * width + x]! < 160) dark += 1;
        }
        return dark / (width * (bottom - top));
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Normalises pdftotext output: hyphenation and line breaks do not hide words. */
const flat = (s: string) => s.replace(/\s+/g, " ");

beforeAll(async () => {
  rmSync(OUT, { recursive: true, force: true });
  let err = "";
  const code = await run(["build", "--out", OUT], {
    cwd: root,
    out: () => {},
    err: (s) => {
      err += s;
    },
  });
  if (code !== 0) throw new Error(`briefkit build failed:\n${err}`);
});

describe("PDF briefs", () => {
  for (const audience of AUDIENCES) {
    it(`${audience}: qpdf --check passes and every font is embedded`, () => {
      const pdf = file(audience, "pdf");
      const check = spawnSync("qpdf", ["--check", pdf], { encoding: "utf8" });
      expect(check.status, check.stdout + check.stderr).toBe(0);
      const fonts = sh("pdffonts", [pdf]).trim().split("\n").slice(2);
      expect(fonts.length).toBeGreaterThan(0);
      for (const line of fonts) {
        // Columns: name type encoding emb sub uni object ID.
        const cols = line.trim().split(/\s+/);
        expect(cols.at(-5), line).toBe("yes");
      }
    });

    it(`${audience}: every page has ink`, () => {
      const ink = inkPerPage(file(audience, "pdf"));
      expect(ink.length).toBeGreaterThan(0);
      for (const [i, share] of ink.entries())
        expect(share, `page ${i + 1}`).toBeGreaterThan(0.0003);
    });
  }

  it("full: pdftotext holds every section heading and the key figures", () => {
    const text = flat(sh("pdftotext", ["-layout", file("full", "pdf"), "-"]));
    for (const h of FULL_HEADINGS) expect(text.toLowerCase()).toContain(h.toLowerCase());
    for (const figure of [
      "US$8.8 billion",
      "Table 1",
      "Table 3",
      "Figure 1",
      "Figure 4",
      "Contents",
    ]) {
      expect(text).toContain(figure);
    }
  });

  it("executive: at most two pages, with its key figures", () => {
    const info = sh("pdfinfo", [file("executive", "pdf")]);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThan(0);
    expect(pages).toBeLessThanOrEqual(2);
    expect(flat(sh("pdftotext", [file("executive", "pdf"), "-"]))).toContain("US$8.8 billion");
  });

  it("metadata: title, author, subject and keywords", () => {
    const info = sh("pdfinfo", [file("business", "pdf")]);
    expect(info).toMatch(/Title:\s+Russia and Japan/);
    expect(info).toMatch(/Author:\s+\S/);
    expect(info).toMatch(/Subject:\s+\S/);
    expect(info).toMatch(/Keywords:\s+\S/);
  });
});

describe("DOCX briefs", () => {
  const converted = join(OUT, "libreoffice");

  beforeAll(() => {
    mkdirSync(converted, { recursive: true });
    const profile = mkdtempSync(join(tmpdir(), "briefkit-lo-"));
    try {
      for (const target of ["pdf", "odt"]) {
        spawnSync(
          "soffice",
          [
            `-env:UserInstallation=${pathToFileURL(profile).href}`,
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            converted,
            ...AUDIENCES.map((a) => file(a, "docx")),
          ],
          { encoding: "utf8", timeout: 240_000 },
        );
      }
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  });

  for (const audience of AUDIENCES) {
    it(`${audience}: python-docx finds headings, tables and footnotes`, () => {
      const script = `
import docx, json, sys
d = docx.Document(sys.argv[1])
heads = [p.text for p in d.paragraphs if p.style.name.startswith("Heading")]
fn = d.part.package.part_related_by if False else None
names = [p.partname for p in d.part.package.iter_parts()]
print(json.dumps({"headings": heads, "tables": len(d.tables), "parts": [str(n) for n in names],
  "title": d.core_properties.title}))
`;
      const r = JSON.parse(sh("/usr/bin/python3", ["-c", script, file(audience, "docx")])) as {
        headings: string[];
        tables: number;
        parts: string[];
        title: string;
      };
      expect(r.headings.length).toBeGreaterThan(1);
      expect(r.title).toContain("Russia and Japan");
      if (audience === "full") {
        for (const h of FULL_HEADINGS) {
          expect(
            r.headings.some((x) => x.toLowerCase().includes(h.toLowerCase())),
            h,
          ).toBe(true);
        }
        expect(r.tables).toBeGreaterThanOrEqual(3);
        expect(r.parts).toContain("/word/footnotes.xml");
        expect(r.parts.some((p) => p.startsWith("/word/charts/chart"))).toBe(true);
      }
    });

    if (audience === "full") {
      it("full: the contents' page numbers are the pages LibreOffice lays the headings out on", () => {
        const pdf = join(converted, "russia-japan-2005-full.pdf");
        const pages = Number(/Pages:\s+(\d+)/.exec(sh("pdfinfo", [pdf]))?.[1] ?? 0);
        const text = Array.from({ length: pages }, (_, i) =>
          sh("pdftotext", ["-layout", "-f", String(i + 1), "-l", String(i + 1), pdf, "-"])
            .split("\n")
            .map((l) => l.trim().replace(/\s+/g, " ")),
        );
        // "3.1 Unfinished business, a better climate .......... 3" on the contents pages.
        const entries = text
          .slice(0, 3)
          .flat()
          .flatMap((l) => {
            const m = /^(.+?) ?\.{3,} ?(\d+)$/.exec(l);
            return m ? [{ title: m[1]!, page: Number(m[2]) }] : [];
          });
        expect(entries.length).toBeGreaterThan(30);
        const firstBody = text.findIndex((lines) => lines.includes(entries[0]!.title));
        const off = entries.flatMap(({ title, page }) => {
          const found = text.findIndex((lines, i) => i >= firstBody && lines.includes(title)) + 1;
          return found === page ? [] : [{ title, page, found }];
        });
        // The estimate is docx's layout, not LibreOffice's: a heading at a page foot may
        // fall on either side of the break. Never more than a page, and rarely.
        for (const o of off) expect(Math.abs(o.found - o.page), JSON.stringify(o)).toBe(1);
        expect(off.length, JSON.stringify(off)).toBeLessThanOrEqual(entries.length / 10);
      });
    }

    it(`${audience}: LibreOffice converts it, every page has ink, charts stay charts`, () => {
      const pdf = join(converted, `russia-japan-2005-${audience}.pdf`);
      expect(existsSync(pdf), "LibreOffice wrote no PDF").toBe(true);
      const ink = inkPerPage(pdf);
      expect(ink.length).toBeGreaterThan(0);
      for (const [i, share] of ink.entries())
        expect(share, `page ${i + 1}`).toBeGreaterThan(0.0003);
      const odt = join(converted, `russia-japan-2005-${audience}.odt`);
      expect(existsSync(odt), "LibreOffice wrote no ODT").toBe(true);
      // LibreOffice stores editable charts as embedded chart objects.
      const listing = sh("unzip", ["-l", odt]);
      if (audience !== "executive" || /chart/.test(listing)) {
        expect(listing).toMatch(/Object \d+\/content\.xml/);
        const objects = [...listing.matchAll(/(Object \d+)\/content\.xml/g)].map((m) => m[1]!);
        const kinds = objects.map((o) => sh("unzip", ["-p", odt, `${o}/content.xml`]));
        expect(kinds.some((x) => x.includes("<chart:chart"))).toBe(true);
      }
    });
  }
});

describe("HTML briefs", () => {
  const validator = new HtmlValidate({
    extends: ["html-validate:recommended", "html-validate:document", "html-validate:a11y"],
  });

  for (const audience of AUDIENCES) {
    it(`${audience}: html-validate passes`, async () => {
      const report = await validator.validateString(readFileSync(file(audience, "html"), "utf8"));
      const problems = report.results.flatMap((r) =>
        r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`),
      );
      expect(problems).toEqual([]);
    });
  }

  it("Chromium loads each brief with no console error and no outside request", async () => {
    const { browser, close } = await launchChromium();
    try {
      for (const audience of AUDIENCES) {
        const url = pathToFileURL(file(audience, "html")).href;
        const page = await browser.newPage();
        const errors: string[] = [];
        const requests: string[] = [];
        page.on("console", (m) => {
          if (m.type() === "error") errors.push(m.text());
        });
        page.on("pageerror", (e) => errors.push(String(e)));
        await page.setRequestInterception(true);
        page.on("request", (r) => {
          const u = r.url();
          if (u !== url && !u.startsWith("data:")) requests.push(u);
          void (u === url || u.startsWith("data:") ? r.continue() : r.abort());
        });
        await page.goto(url, { waitUntil: "load" });
        const h1 = await page.$$eval("h1", (xs) => xs.length);
        expect(h1).toBeGreaterThan(0);
        expect(errors, audience).toEqual([]);
        expect(requests, audience).toEqual([]);
        await page.close();
      }
    } finally {
      await close();
    }
  });
});
