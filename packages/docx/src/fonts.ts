/**
 * The theme's fonts in a Word package: embedded as obfuscated
 * `word/fonts/*.odttf` parts (ECMA-376 Part 1 §17.8.1), given to the docx
 * library's page estimator, and asked which characters they can show. The
 * files, their character maps and the subsetter come from @briefkit/fonts
 * (through @briefkit/document); what is Word's own, obfuscation and the
 * deflated faces the build leaves, is here.
 *
 * A face is embedded whole (`fonts: full`, for documents edited at length)
 * or, by default, cut down to the characters the document shows (Word's
 * "embed only the characters used"): the eight faces of the house theme are
 * 2.1 MB, their subsets for a brief a few dozen kilobytes.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { inflateRawSync } from "node:zlib";
import { coverageOnDemand, type FontFamily, fontFile, subsetTtf } from "@briefkit/document";
import type { FaceName } from "./font-usage.js";
import { crc32, deflateEntry } from "./zip.js";

/** One face as the package embeds it: obfuscated with its key, and deflated once. */
export interface EmbeddedFace {
  /** The obfuscation key, a GUID in braces, as `w:fontKey` writes it. */
  key: string;
  /** The obfuscated file (`word/fonts/*.odttf`). */
  data: Uint8Array;
  deflated?: Uint8Array;
  crc: number;
  /** Only some of the font's glyphs (`w:subsetted`): fine to read, not to edit with. */
  subsetted: boolean;
}

/** A family to embed: its name, its kind for `w:family`, and the faces the document uses. */
export interface EmbeddedFamily {
  name: string;
  generic: "roman" | "swiss";
  /** `w:charset`: "80" (SHIFTJIS_CHARSET) tells Word a Japanese font, "00" (ANSI) any other. */
  charset: "00" | "80";
  faces: Partial<Record<FaceName, EmbeddedFace>>;
}

/** The faces in the order fontTable.xml lists their embeddings. */
export const FACES: readonly FaceName[] = ["regular", "bold", "italic", "boldItalic"];

const faceFile = (family: FontFamily, face: FaceName) => family[face];

/** Which code points a font maps to a glyph. */
export interface Coverage {
  name: string;
  has: (codePoint: number) => boolean;
}

// Obfuscating and deflating ~2 MB of fonts per write would dominate a warm
// build; a face's embedded form never changes, so it is kept by path.
const whole = new Map<string, EmbeddedFace>();

// Subsets, by face file and characters. A batch of briefs from one template
// mostly shows the same characters (printable ASCII is always in), so most
// writes find theirs here; the oldest goes when the map is full.
const subsets = new Map<string, EmbeddedFace>();
const SUBSETS_KEPT = 64;

/** A family's four faces as files to measure text with (docx/layout). */
export function fontFiles(family: FontFamily): Array<{ data: Uint8Array; name: string }> {
  return FACES.map((face) => ({ data: fontFile(faceFile(family, face)), name: family.name }));
}

/** All four faces of a family, whole. */
export function fullFamily(family: FontFamily, generic: "roman" | "swiss"): EmbeddedFamily {
  return {
    name: family.name,
    generic,
    charset: "00",
    faces: Object.fromEntries(FACES.map((face) => [face, wholeFace(faceFile(family, face))])),
  };
}

/**
 * The `faces` of a family, each cut down to `codePoints` (ascending). A face
 * whose file is an earlier face's (the Japanese families have no italics:
 * their italic is their upright file) is embedded once, as that face, and
 * Word slants it itself.
 */
export function subsetFamily(
  family: FontFamily,
  generic: "roman" | "swiss",
  faces: ReadonlySet<FaceName>,
  codePoints: readonly number[],
  charset: "00" | "80" = "00",
): EmbeddedFamily {
  const used = new Set<FaceName>();
  for (const face of FACES) {
    if (!faces.has(face)) continue;
    const file = faceFile(family, face);
    used.add(FACES.find((f) => faceFile(family, f) === file) ?? face);
  }
  return {
    name: family.name,
    generic,
    charset,
    faces: Object.fromEntries(
      FACES.filter((face) => used.has(face)).map((face) => [
        face,
        subsetFace(faceFile(family, face), codePoints),
      ]),
    ),
  };
}

/**
 * Where `pnpm build` leaves the deflated faces of the house theme
 * (scripts/precompress-fonts.mjs), named by their obfuscation key: next to
 * the compiled module, and copied next to the CLI's bundle. Deflating ~2 MB
 * of fonts took a fifth of a cold DOCX write with the whole fonts
 * (`fonts: "full"`), for the same bytes every time.
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

function wholeFace(path: string): EmbeddedFace {
  let face = whole.get(path);
  if (!face) {
    const { key, hex, data } = obfuscatedFace(fontFile(path));
    const crc = crc32(data);
    const deflated = readPrecompressed(hex, data, crc) ?? deflateEntry("font.odttf", data);
    face = { key, data, crc, subsetted: false, ...(deflated ? { deflated } : {}) };
    whole.set(path, face);
  }
  return face;
}

function subsetFace(path: string, codePoints: readonly number[]): EmbeddedFace {
  const id = `${path}\u0000${String.fromCodePoint(...codePoints)}`;
  let face = subsets.get(id);
  if (face) {
    // Used again: it moves to the end, the last to be dropped.
    subsets.delete(id);
  } else {
    // HarfBuzz keeps the name table's family and style names, which Word and
    // LibreOffice match to fontTable.xml's w:name, and drops only hinting
    // (the house faces carry none beyond a `prep` table).
    const { key, data } = obfuscatedFace(subsetTtf(path, codePoints));
    const deflated = deflateEntry("font.odttf", data);
    face = { key, data, crc: crc32(data), subsetted: true, ...(deflated ? { deflated } : {}) };
    if (subsets.size >= SUBSETS_KEPT) subsets.delete(subsets.keys().next().value as string);
  }
  subsets.set(id, face);
  return face;
}

/**
 * The coverage of a family's regular face (the other faces of Source
 * Serif/Sans cover the same scripts), read when first asked: the Japanese
 * fallback's files are 5–6 MB, and an English brief never asks them.
 */
export function coverageOf(family: FontFamily): Coverage {
  const characters = coverageOnDemand(family.regular);
  return { name: family.name, has: (cp) => characters.has(cp) };
}
