/**
 * A brief in Japanese as HTML: its language, and the Japanese families as
 * @font-face subsets that hold every Japanese character the page shows.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import { coverage } from "@briefkit/document";
import { afterAll, describe, expect, it } from "vitest";
import { fixture, render } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "briefkit-html-ja-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A WOFF 1.0 file back to the sfnt it wraps (W3C WOFF §4–5), so its character map can be read. */
function unwoff(woff: Buffer): Buffer {
  const n = woff.readUInt16BE(12);
  const tables = Array.from({ length: n }, (_, i) => {
    const at = 44 + 20 * i;
    const [offset, length, orig] = [
      woff.readUInt32BE(at + 4),
      woff.readUInt32BE(at + 8),
      woff.readUInt32BE(at + 12),
    ];
    const raw = woff.subarray(offset, offset + length);
    return {
      tag: woff.readUInt32BE(at),
      checksum: woff.readUInt32BE(at + 16),
      data: length < orig ? inflateSync(raw) : raw,
    };
  });
  const pad = (x: number) => (x + 3) & ~3;
  const out = Buffer.alloc(12 + 16 * n + tables.reduce((s, t) => s + pad(t.data.length), 0));
  out.writeUInt32BE(woff.readUInt32BE(4), 0);
  out.writeUInt16BE(n, 4);
  let offset = 12 + 16 * n;
  tables.forEach((t, i) => {
    const at = 12 + 16 * i;
    out.writeUInt32BE(t.tag, at);
    out.writeUInt32BE(t.checksum, at + 4);
    out.writeUInt32BE(offset, at + 8);
    out.writeUInt32BE(t.data.length, at + 12);
    t.data.copy(out, offset);
    offset += pad(t.data.length);
  });
  return out;
}

const JAPANESE =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\u30fb\u30fc\uff00-\uffef]/u;

describe("a brief in Japanese, as HTML", () => {
  const { html, warnings } = render(fixture("japanese"));
  const faces = [
    ...html.matchAll(
      /font-family:"([^"]+)";font-style:(\w+);font-weight:(\d+);src:url\(data:font\/woff;base64,([^)]+)\)/g,
    ),
  ].map((m) => ({ name: `${m[1]} ${m[3]} ${m[2]}`, woff: Buffer.from(m[4] ?? "", "base64") }));
  const text = html.replace(/<style>[\s\S]*?<\/style>/, "").replace(/<[^>]+>/g, "");
  const used = new Set([...text].filter((c) => JAPANESE.test(c)).map((c) => c.codePointAt(0) ?? 0));

  it("is in Japanese (lang) and draws every character: no warning", () => {
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="ja">/);
    expect(warnings).toEqual([]);
    expect(used.size).toBeGreaterThan(100);
  });

  it("names Noto Serif JP and Noto Sans JP right after the house families", () => {
    expect(html).toContain('--serif:"Source Serif 4", "Noto Serif JP", "Source Serif Pro"');
    expect(html).toContain('--sans:"Source Sans 3", "Noto Sans JP", "Source Sans Pro"');
    // A chart's text attribute names Source Sans 3 alone: the stylesheet's rule adds the Japanese family.
    expect(html).toContain(".figure svg text{font-family:var(--sans)}");
  });

  it("embeds Noto Serif JP and Noto Sans JP subsets that cover every Japanese character shown", () => {
    const japanese = faces.filter((f) => f.name.startsWith("Noto"));
    expect(japanese.map((f) => f.name)).toEqual([
      "Noto Serif JP 400 normal",
      "Noto Sans JP 400 normal",
      "Noto Sans JP 700 normal",
    ]);
    for (const face of japanese) {
      expect(face.woff.subarray(0, 4).toString("latin1")).toBe("wOFF");
      const file = join(dir, `${face.name.replace(/\s+/g, "-")}.ttf`);
      writeFileSync(file, unwoff(face.woff));
      const chars = coverage(file);
      const missing = [...used]
        .filter((cp) => !chars.has(cp))
        .map((cp) => String.fromCodePoint(cp));
      expect(missing, face.name).toEqual([]);
      // A subset: a few hundred glyphs' worth, not the 5–7 MB font.
      expect(face.woff.byteLength).toBeLessThan(150_000);
    }
  });

  it("leaves an English brief's stylesheet without the Japanese families", () => {
    const english = render(fixture("kitchen-sink")).html;
    expect(english).not.toContain("Noto");
  });
});
