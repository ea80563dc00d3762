/**
 * Bytes to text: strict UTF-8 (RFC 3629), with or without a BOM, and
 * offset → line:column lookup. A file that is not UTF-8 is an error at the
 * first invalid byte, never a string full of U+FFFD.
 */
import type { Position } from "./issues.js";

export type Decoded =
  | { ok: true; text: string }
  | { ok: false; at: Position; byte: number; encoding: "utf-16" | "other" };

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Decodes UTF-8, dropping a leading BOM. */
export function decodeUtf8(bytes: Uint8Array): Decoded {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, at: { line: 1, column: 1 }, byte: bytes[0], encoding: "utf-16" };
  }
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  try {
    return { ok: true, text: utf8.decode(body) };
  } catch {
    const offset = firstInvalidUtf8(body);
    let lineStart = 0;
    let line = 1;
    for (let i = 0; i < offset; i++) {
      if (body[i] === 0x0a) {
        line++;
        lineStart = i + 1;
      }
    }
    // The bytes before the bad one on its line are valid, so they decode.
    const column = utf8.decode(body.subarray(lineStart, offset)).length + 1;
    return { ok: false, at: { line, column }, byte: body[offset] ?? 0, encoding: "other" };
  }
}

/** Offset of the first byte that starts an invalid UTF-8 sequence (length if none). */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0; // overlong
      if (c === 0xed) hi = 0x9f; // surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const x = b[i + k];
      if (x === undefined) return i;
      const min = k === 1 ? lo : 0x80;
      const max = k === 1 ? hi : 0xbf;
      if (x < min || x > max) return i;
    }
    i += need + 1;
  }
  return b.length;
}

/** How the byte reads in Windows-1252, the usual culprit, for the hint. */
export function windows1252Char(byte: number): string {
  return new TextDecoder("windows-1252").decode(Uint8Array.of(byte));
}

/** Maps a UTF-16 offset in `text` to a 1-based line and column (LF or CRLF). */
export function lineIndex(text: string): (offset: number) => Position {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}
