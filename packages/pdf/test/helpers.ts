/**
 * Test helpers: the shared fixture corpus (packages/document/test/fixtures),
 * a fixed context, and a tiny PNG reader for the page-ink check (zlib +
 * PNG row filters, no image library).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import {
  type Document,
  houseTheme,
  validateDocument,
  type WriterContext,
  type WriterWarning,
} from "@briefkit/document";
import type { PdfOptions } from "../src/index.js";

export const FIXTURES = ["kitchen-sink", "long-table", "unicode", "tracked-changes"] as const;
export type FixtureName = (typeof FIXTURES)[number];

const fixtureDir = join(import.meta.dirname, "..", "..", "document", "test", "fixtures");

/** `japanese`: the brief in Japanese (test/japanese.test.ts), outside the goldens. */
export function fixture(name: FixtureName | "japanese"): Document {
  const result = validateDocument(
    JSON.parse(readFileSync(join(fixtureDir, `${name}.json`), "utf8")),
  );
  if (!result.document) throw new Error(`fixture ${name} is invalid`);
  return result.document;
}

export const options: PdfOptions = { theme: houseTheme() };

/** A context with a fixed clock that collects warnings. */
export function context(
  now = "2005-09-08T00:00:00Z",
): WriterContext & { warnings: WriterWarning[] } {
  const warnings: WriterWarning[] = [];
  return { now: new Date(now), log: (w) => warnings.push(w), warnings };
}

/** Runs a command-line reader; its name in the error says what to install. */
export function run(cmd: string, args: string[]): { status: number; stdout: string } {
  try {
    return {
      status: 0,
      stdout: execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }),
    };
  } catch (e) {
    const err = e as { status?: number | null; stdout?: string; code?: string };
    if (err.code === "ENOENT") {
      throw new Error(`${cmd} not found: install the Debian packages qpdf and poppler-utils`);
    }
    return { status: err.status ?? -1, stdout: err.stdout ?? "" };
  }
}

/** A word as poppler reads it back from a PDF, on page `page` (from 1), in points from the top left. */
export interface BoxWord {
  text: string;
  page: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

const decodeEntities = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");

/**
 * The lines of a PDF, each its words, in poppler's reading order
 * (`pdftotext -bbox-layout`), and the width of its last page.
 */
export function boxLines(file: string): { lines: BoxWord[][]; width: number } {
  const { status, stdout } = run("pdftotext", ["-bbox-layout", file, "-"]);
  if (status !== 0) throw new Error(`pdftotext -bbox-layout ${file} failed`);
  const lines: BoxWord[][] = [];
  let page = 0;
  let width = 0;
  for (const m of stdout.matchAll(
    /<page width="([\d.]+)"|<line |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
  )) {
    if (m[1] !== undefined) {
      page += 1;
      width = Number(m[1]);
    } else if (m[0] === "<line ") {
      lines.push([]);
    } else {
      lines.at(-1)?.push({
        text: decodeEntities(m[6] ?? ""),
        page,
        xMin: Number(m[2]),
        yMin: Number(m[3]),
        xMax: Number(m[4]),
        yMax: Number(m[5]),
      });
    }
  }
  return { lines, width };
}

/** Decoded 8-bit PNG: width, height, channels and raw pixel rows (filters undone). */
export function readPng(bytes: Buffer): {
  width: number;
  height: number;
  channels: number;
  pixels: Buffer;
} {
  if (bytes.readUInt32BE(0) !== 0x89504e47) throw new Error("not a PNG");
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString("ascii", offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const depth = data[8];
      const colorType = data[9];
      if (depth !== 8) throw new Error(`PNG bit depth ${depth} not supported`);
      channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colorType ?? -1] ?? 0;
      if (channels === 0) throw new Error(`PNG colour type ${colorType} not supported`);
    } else if (type === "IDAT") {
      idat.push(data);
    }
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x += 1) {
      const v = raw[y * (stride + 1) + 1 + x] ?? 0;
      const a = x >= channels ? (pixels[y * stride + x - channels] ?? 0) : 0;
      const b = y > 0 ? (pixels[(y - 1) * stride + x] ?? 0) : 0;
      const c = x >= channels && y > 0 ? (pixels[(y - 1) * stride + x - channels] ?? 0) : 0;
      let out: number;
      switch (filter) {
        case 0:
          out = v;
          break;
        case 1:
          out = v + a;
          break;
        case 2:
          out = v + b;
          break;
        case 3:
          out = v + ((a + b) >> 1);
          break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          out = v + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
          break;
        }
        default:
          throw new Error(`PNG filter ${filter} unknown`);
      }
      pixels[y * stride + x] = out & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

/** Rows (between `top` and `bottom`, as fractions of the height) that hold a dark pixel. */
export function inkedRows(png: ReturnType<typeof readPng>, top: number, bottom: number): number {
  const { width, height, channels, pixels } = png;
  let rows = 0;
  for (let y = Math.floor(height * top); y < Math.ceil(height * bottom); y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = (y * width + x) * channels;
      const colour = pixels.subarray(i, i + Math.min(3, channels));
      if (colour.some((v) => v < 160)) {
        rows += 1;
        break;
      }
    }
  }
  return rows;
}

/** JIS X 4051: characters no line may start with, and those no line may end with. */
const LINE_START_FORBIDDEN = new Set(
  "、。，．）」』〕］｝〉》】ー・：；？！～ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々ゝゞヽヾ",
);
const LINE_END_FORBIDDEN = new Set("（「『〔［｛〈《【");

/** Lines (poppler's, from `boxLines`) that break kinsoku: each as "page N: line text". */
export function kinsokuViolations(lines: readonly BoxWord[][]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const text = line.map((w) => w.text).join(" ");
    const first = [...text][0];
    const last = [...text].at(-1);
    if (
      (first !== undefined && LINE_START_FORBIDDEN.has(first)) ||
      (last !== undefined && LINE_END_FORBIDDEN.has(last))
    )
      out.push(`page ${line[0]?.page ?? 0}: ${text}`);
  }
  return out;
}
