/**
 * The theme's fonts in a Word package: embedded as obfuscated
 * `word/fonts/*.odttf` parts (ECMA-376 Part 1 §17.8.1), given to the docx
 * library's page estimator, and asked which characters they can show. The
 * files and their character maps come from @briefkit/fonts (through
 * @briefkit/document); what is Word's own, obfuscation and the deflated
 * faces the build leaves, is here.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { inflateRawSync } from "node:zlib";
import { coverage, type FontFamily, fontFile } from "@briefkit/document";
import { crc32, deflateEntry } from "./zip.js";

/** One face as the package embeds it: obfuscated with its key, and deflated once. */
export interface EmbeddedFace {
  /** The obfuscation key, a GUID in braces, as `w:fontKey` writes it. */
  key: string;
  /** The obfuscated file (`word/fonts/*.odttf`). */
  data: Uint8Array;
  deflated?: Uint8Array;
  crc: number;
}

/** A family to embed: its name, its kind for `w:family`, and its four faces. */
export interface EmbeddedFamily {
  name: string;
  generic: "roman" | "swiss";
  faces: Record<"regular" | "bold" | "italic" | "boldItalic", EmbeddedFace>;
}

/** Which code points a font maps to a glyph. */
export interface Coverage {
  name: string;
  has: (codePoint: number) => boolean;
}

// Obfuscating and deflating ~2 MB of fonts per write would dominate a warm
// build; a face's embedded form never changes, so it is kept by path.
const embedded = new Map<string, EmbeddedFace>();

/** A family's four faces as files to measure text with (docx/layout). */
export function fontFiles(family: FontFamily): Array<{ data: Uint8Array; name: string }> {
  return [family.regular, family.bold, family.italic, family.boldItalic].map((path) => ({
    data: fontFile(path),
    name: family.name,
  }));
}

export function embeddedFamily(family: FontFamily, generic: "roman" | "swiss"): EmbeddedFamily {
  return {
    name: family.name,
    generic,
    faces: {
      regular: embeddedFace(family.regular),
      bold: embeddedFace(family.bold),
      italic: embeddedFace(family.italic),
      boldItalic: embeddedFace(family.boldItalic),
    },
  };
}

/**
 * Where `pnpm build` leaves the deflated faces of the house theme
 * (scripts/precompress-fonts.mjs), named by their obfuscation key: next to
 * the compiled module, and copied next to the CLI's bundle. Deflating ~2 MB
 * of fonts took a fifth of a cold DOCX write, for the same bytes every time.
 * From the sources (tests) the folder is absent and the faces are deflated
 * here, as they are for any other font.
 */
const precompressed = new URL("./fonts/", import.meta.url);

/**
 * A face obfuscated as ECMA-376 Part 1 §17.8.1 asks: the first 32 bytes XORed
 * with the key's 16 bytes, taken from the end of the GUID. The key is the
 * font's own SHA-256 (as a GUID), not a random one, so the package is the
 * same on every write; it hides nothing (the key is in fontTable.xml), the
 * scheme only marks the file as embedded.
 * Returned before deflating, with the key as hex (the precompressed file's name).
 */
export function obfuscatedFace(font: Uint8Array): { key: string; hex: string; data: Uint8Array } {
  const hex = createHash("sha256").update(font).digest("hex").slice(0, 32).toUpperCase();
  const key = `{${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}}`;
  const bytes = (hex.match(/../g) ?? []).map((x) => Number.parseInt(x, 16)).reverse();
  const data = new Uint8Array(font);
  for (let i = 0; i < 32 && i < data.length; i += 1)
    data[i] = (data[i] ?? 0) ^ (bytes[i % 16] ?? 0);
  return { key, hex, data };
}

/** The deflated face left by the build, if it is there and inflates to exactly `data`. */
export function readPrecompressed(
  hex: string,
  data: Uint8Array,
  crc: number,
  dir: URL = precompressed,
): Uint8Array | undefined {
  let deflated: Buffer;
  try {
    deflated = readFileSync(new URL(`${hex}.deflate`, dir));
  } catch {
    return undefined;
  }
  // Inflating is native and exact: a stale or damaged file is never written into a brief.
  try {
    const inflated = inflateRawSync(deflated);
    return inflated.length === data.length && crc32(inflated) === crc ? deflated : undefined;
  } catch {
    return undefined;
  }
}

function embeddedFace(path: string): EmbeddedFace {
  let face = embedded.get(path);
  if (!face) {
    const { key, hex, data } = obfuscatedFace(fontFile(path));
    const crc = crc32(data);
    const deflated = readPrecompressed(hex, data, crc) ?? deflateEntry("font.odttf", data);
    face = { key, data, crc, ...(deflated ? { deflated } : {}) };
    embedded.set(path, face);
  }
  return face;
}

/** The coverage of a family's regular face (the other faces of Source Serif/Sans cover the same scripts). */
export function coverageOf(family: FontFamily): Coverage {
  const characters = coverage(family.regular);
  return { name: family.name, has: (cp) => characters.has(cp) };
}
