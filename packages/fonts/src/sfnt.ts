/**
 * The four tables of a TrueType/OpenType file that say which characters a
 * face shows and how wide they are: `head` (units per em), `hhea` (ascent,
 * descent, how many advances), `hmtx` (advance widths) and `cmap` (code
 * point → glyph; format 12, full Unicode, else format 4, the BMP). OpenType
 * spec: https://learn.microsoft.com/typography/opentype/spec/.
 *
 * Why not fontkit, which briefkit has anyway (through pdfkit): loading it
 * costs 90–120 ms a process. Measured cold (a fresh process, the
 * kitchen-sink fixture), asking fontkit which characters the fonts have made
 * the DOCX writer's first write 160 ms slower (its thread's write is often
 * the last to finish in a cold `briefkit build`) and the HTML writer's
 * 200 ms slower; the charts of `briefkit compose` would pay it too. Reading
 * these tables takes about a millisecond a face. fontkit still parses the
 * faces the PDF embeds (face.ts), since pdfkit needs its fonts, and there it
 * is loaded anyway.
 */

/** What the tables say. Glyph ids index `advances` (the last one repeats past its end). */
export interface SfntMetrics {
  unitsPerEm: number;
  /** hhea ascender and descender (negative below the baseline), in font units. */
  ascent: number;
  descent: number;
  /** Code point → glyph id, for every code point mapped to a glyph other than .notdef. */
  glyphs: Map<number, number>;
  advances: Uint16Array;
}

/** Why a file is not a usable font; the caller names the file. */
export class SfntError extends Error {}

const REQUIRED = ["head", "hhea", "hmtx", "cmap"] as const;
const MAX_CODE_POINT = 0x10ffff;

function tableOffsets(view: DataView): Map<string, number> {
  if (view.byteLength < 12) throw new SfntError("not a TrueType/OpenType font file");
  const version = view.getUint32(0);
  // 0x00010000 and 'true': TrueType outlines; 'OTTO': CFF outlines. All carry these tables.
  if (version !== 0x00010000 && version !== 0x4f54544f && version !== 0x74727565) {
    throw new SfntError("not a TrueType/OpenType font file");
  }
  const tables = new Map<string, number>();
  for (let i = 0; i < view.getUint16(4); i += 1) {
    const record = 12 + 16 * i;
    const tag = String.fromCharCode(
      view.getUint8(record),
      view.getUint8(record + 1),
      view.getUint8(record + 2),
      view.getUint8(record + 3),
    );
    tables.set(tag, view.getUint32(record + 8));
  }
  for (const tag of REQUIRED) {
    if (!tables.has(tag)) throw new SfntError(`font has no '${tag}' table`);
  }
  return tables;
}

/** The best Unicode subtable: format 12 (platform 0, or 3/10), else format 4 (platform 0, or 3/1). */
function unicodeSubtable(view: DataView, cmap: number): { format: 4 | 12; at: number } {
  let format4 = -1;
  for (let i = 0; i < view.getUint16(cmap + 2); i += 1) {
    const record = cmap + 4 + 8 * i;
    const platform = view.getUint16(record);
    const encoding = view.getUint16(record + 2);
    const at = cmap + view.getUint32(record + 4);
    const format = view.getUint16(at);
    if (format === 12 && (platform === 0 || (platform === 3 && encoding === 10))) {
      return { format: 12, at };
    }
    if (format === 4 && format4 < 0 && (platform === 0 || (platform === 3 && encoding === 1))) {
      format4 = at;
    }
  }
  if (format4 >= 0) return { format: 4, at: format4 };
  throw new SfntError("font has no Unicode character map");
}

function readFormat12(view: DataView, at: number, glyphs: Map<number, number>): void {
  let previousEnd = -1;
  for (let g = 0; g < view.getUint32(at + 12); g += 1) {
    const record = at + 16 + 12 * g;
    const start = view.getUint32(record);
    const end = Math.min(view.getUint32(record + 4), MAX_CODE_POINT);
    const glyph = view.getUint32(record + 8);
    // Groups are sorted and disjoint; anything else is a damaged (or hostile) table.
    if (start <= previousEnd || end < start)
      throw new SfntError("font file is truncated or malformed");
    previousEnd = end;
    for (let cp = start; cp <= end; cp += 1) {
      const id = glyph + (cp - start);
      if (id !== 0) glyphs.set(cp, id);
    }
  }
}

function readFormat4(view: DataView, at: number, glyphs: Map<number, number>): void {
  const segX2 = view.getUint16(at + 6);
  const ends = at + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const rangeOffsets = deltas + segX2;
  for (let s = 0; s < segX2; s += 2) {
    const end = view.getUint16(ends + s);
    const start = view.getUint16(starts + s);
    const delta = view.getInt16(deltas + s);
    const rangeOffset = view.getUint16(rangeOffsets + s);
    // 0xFFFF closes the last segment; it is no character.
    for (let cp = start; cp <= end && cp !== 0xffff; cp += 1) {
      let id: number;
      if (rangeOffset === 0) {
        id = (cp + delta) & 0xffff;
      } else {
        const raw = view.getUint16(rangeOffsets + s + rangeOffset + 2 * (cp - start));
        id = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (id !== 0) glyphs.set(cp, id);
    }
  }
}

/** Reads the tables; throws SfntError saying what is wrong with the file. */
export function readSfnt(bytes: Uint8Array): SfntMetrics {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tables = tableOffsets(view);
  try {
    const head = tables.get("head")!;
    const hhea = tables.get("hhea")!;
    const hmtx = tables.get("hmtx")!;
    const unitsPerEm = view.getUint16(head + 18);
    const count = view.getUint16(hhea + 34);
    if (unitsPerEm === 0 || count === 0) throw new SfntError("font file is truncated or malformed");
    // Copied out, so that nothing here holds on to the file's bytes.
    const advances = new Uint16Array(count);
    for (let g = 0; g < count; g += 1) advances[g] = view.getUint16(hmtx + 4 * g);
    const glyphs = new Map<number, number>();
    const subtable = unicodeSubtable(view, tables.get("cmap")!);
    if (subtable.format === 12) readFormat12(view, subtable.at, glyphs);
    else readFormat4(view, subtable.at, glyphs);
    return {
      unitsPerEm,
      ascent: view.getInt16(hhea + 4),
      descent: view.getInt16(hhea + 6),
      glyphs,
      advances,
    };
  } catch (error) {
    // A DataView read past the end: the directory points beyond the file.
    if (error instanceof SfntError) throw error;
    throw new SfntError("font file is truncated or malformed");
  }
}
