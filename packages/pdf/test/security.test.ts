/**
 * The locked-down resource policies (pdfmake 0.3 fetches any URL and reads
 * any local file a document names unless its access policies say otherwise,
 * and svg-to-pdfkit opens an `<image href>` by itself): no URL is ever
 * fetched; local files only from the theme's fonts, the U+FFFD face and this
 * package's folder, judged on the resolved real path; no `<image>` reaches
 * svg-to-pdfkit.
 */
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildDocument, figure, houseTheme, inlines, para } from "@briefkit/document";
import { afterAll, describe, expect, it } from "vitest";
import { themeFontFiles } from "../src/fonts.js";
import { toDocDefinition, writePdf } from "../src/index.js";
import { localPolicy, packageDir, refuseUrl } from "../src/policy.js";
import { renderDefinition } from "../src/render.js";
import { stripImages } from "../src/svg.js";
import { context, fixture, options } from "./helpers.js";

const scratch = mkdtempSync(join(tmpdir(), "briefkit-pdf-sec-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const meta = {
  title: "T",
  edition: "2005",
  date: "2005-09-08",
  language: "en-GB",
  keywords: [],
};

describe("local access policy", () => {
  const fonts = themeFontFiles(houseTheme());
  const policy = localPolicy(fonts);

  it("admits the theme's font files and files inside the package folder", () => {
    for (const f of fonts) expect(policy(f)).toBe(true);
    expect(policy(join(packageDir, "package.json"))).toBe(true);
  });

  it("refuses anything else, however the path is spelt", () => {
    expect(policy("/etc/passwd")).toBe(false);
    expect(policy(`${packageDir}/../../../../etc/passwd`)).toBe(false);
    expect(policy(`${packageDir}/../document/package.json`)).toBe(false);
    expect(policy(`${packageDir}-evil/x`)).toBe(false);
    expect(policy(packageDir)).toBe(false);
    expect(policy(join(packageDir, "no-such-file"))).toBe(false);
    expect(policy("relative/path")).toBe(false);
    expect(policy(`${fonts[0]}\0`)).toBe(false);
  });

  it("follows symlinks to where they really point", () => {
    const outside = join(scratch, "secret.txt");
    writeFileSync(outside, "secret");
    const link = join(scratch, "font.ttf");
    symlinkSync(outside, link);
    expect(policy(link)).toBe(false);
    const toFont = join(scratch, "alias.ttf");
    symlinkSync(fonts[0] ?? "", toFont);
    expect(policy(toFont)).toBe(true);
  });

  it("refuses every URL", () => {
    expect(refuseUrl("https://example.org/x.png")).toBe(false);
    expect(refuseUrl("http://127.0.0.1/")).toBe(false);
  });
});

describe("pdfmake runs under the policies", () => {
  const doc = buildDocument(meta, [para("x")]);
  const base = () => toDocDefinition(doc, options, context());

  it("refuses a remote image before any request is made", async () => {
    const def = { ...base(), images: { remote: "https://example.invalid/x.png" } };
    await expect(renderDefinition(def, options.theme, () => {})).rejects.toThrow(/denied/);
  });

  it("refuses a local file outside the allowed folders", async () => {
    const def = { ...base(), content: [{ image: "/etc/hostname" }] };
    await expect(
      renderDefinition(def as unknown as ReturnType<typeof base>, options.theme, () => {}),
    ).rejects.toThrow(/denied/);
  });
});

describe("chart SVG", () => {
  it("loses every <image> and <feImage>, however written", () => {
    const cases = [
      `<image href="/etc/passwd"/>`,
      `<image xlink:href='file:///etc/passwd' width="1" height="1"></image>`,
      `<svg:image href="/x" title="a > b"/>`,
      `<IMAGE href="/x"/>`.toLowerCase(),
      `<filter><feImage href="/x"/></filter>`,
      `<image\nhref="/x"\n/>`,
    ];
    for (const c of cases) {
      const { svg, removed } = stripImages(`<svg>${c}<rect/></svg>`);
      expect(removed, c).toBe(1);
      expect(svg, c).not.toMatch(/image/i);
      expect(svg).toContain("<rect/>");
    }
    expect(stripImages(`<svg><imagery/></svg>`).removed).toBe(0);
  });

  it("writes a PDF without the image and reports it", async () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="50"><image xlink:href="/etc/hostname" width="100" height="50"/><rect width="10" height="10" fill="#1f4e79"/></svg>`;
    const withImage = buildDocument(meta, [
      figure({
        caption: inlines("C"),
        alt: "a",
        svg,
        width: 100,
        height: 50,
        notes: [],
        source: [],
      }),
    ]);
    const ctx = context();
    const bytes = await writePdf(withImage, options, ctx);
    expect(ctx.warnings.map((w) => w.code)).toEqual(["svg-sanitised"]);
    expect(Buffer.from(bytes).toString("latin1")).not.toMatch(/\/Subtype\s*\/Image/);
  });
});

describe("the PNG stand-in for an unreadable SVG", () => {
  it("embeds the figure's PNG from its data URL, under the same policies", async () => {
    const sink = fixture("kitchen-sink");
    const f = sink.blocks.find((b) => b.type === "figure");
    if (f?.type !== "figure") throw new Error("kitchen-sink has a figure");
    const doc = buildDocument(meta, [
      figure({ ...f, svg: "<p>not svg</p>", caption: f.caption, notes: [], source: [] }),
    ]);
    const ctx = context();
    const bytes = await writePdf(doc, options, ctx);
    expect(ctx.warnings.map((w) => w.code)).toEqual(["svg-invalid"]);
    expect(Buffer.from(bytes).toString("latin1")).toMatch(/\/Subtype\s*\/Image/);
  });
});
