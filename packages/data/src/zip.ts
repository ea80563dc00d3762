/**
 * Zip archives (APPNOTE.TXT, PKWARE's .ZIP File Format Specification), read
 * defensively: an XLSX workbook is a zip, and a zip is the classic bomb.
 *
 * 1. The central directory is read first and every entry's declared sizes
 *    are checked against `zipLimits` before a byte is inflated.
 * 2. Each entry is then inflated as a stream (fflate's `Inflate`, fed in
 *    small chunks) and counted as it goes, so an entry whose header lies
 *    about its size is stopped within one chunk of passing it.
 *
 * The caller gets the inflated entries; nothing downstream inflates
 * attacker-controlled data again. Pure: bytes in, entries or a reason out.
 */
import { Inflate } from "fflate";
import type { IssueText } from "./issues.js";
import * as msg from "./messages.js";

/**
 * Limits on a zip, after Apache POI's `ZipSecureFile` (an entry may not
 * inflate more than 100-fold). The ratio applies to entries larger than
 * `ratioGraceBytes`: a small styles part may compress very well.
 */
export interface ZipLimits {
  /** Most entries in one archive. */
  readonly maxEntries: number;
  /** Most bytes all entries may inflate to, together. */
  readonly maxTotalBytes: number;
  /** Largest inflated ÷ compressed size of one entry. */
  readonly maxRatio: number;
  /** Entries up to this inflated size are exempt from `maxRatio`. */
  readonly ratioGraceBytes: number;
}

/** The limits `loadDataset` applies to every XLSX file. */
export const zipLimits: ZipLimits = {
  maxEntries: 10_000,
  maxTotalBytes: 100_000_000,
  maxRatio: 100,
  ratioGraceBytes: 1_000_000,
};

/** The entries of a zip, or why it was refused. */
export type ZipRead =
  | { readonly ok: true; readonly entries: ReadonlyMap<string, Uint8Array> }
  | { readonly ok: false; readonly code: "not-xlsx" | "zip-limit"; readonly text: IssueText };

interface Entry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly compressed: number;
  readonly size: number;
  readonly offset: number;
}

const CHUNK = 16_384;
const MAX32 = 0xffffffff;
const ole2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const names = new TextDecoder("utf-8");

const u16 = (b: Uint8Array, i: number) => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, i: number) => (u16(b, i) + u16(b, i + 2) * 0x10000) >>> 0;
const u64 = (b: Uint8Array, i: number) => u32(b, i) + u32(b, i + 4) * 0x100000000;

function notZip(bytes: Uint8Array): ZipRead {
  const kind = ole2.every((x, i) => bytes[i] === x)
    ? "ole2"
    : bytes.length === 0
      ? "empty"
      : bytes.subarray(0, 512).every((c) => c === 9 || c === 10 || c === 13 || c >= 32)
        ? "text"
        : "binary";
  return { ok: false, code: "not-xlsx", text: msg.notAZip(kind) };
}

const damaged = (detail: string): ZipRead => ({
  ok: false,
  code: "not-xlsx",
  text: msg.damagedZip(detail),
});

/** Reads the central directory: every entry's name, method, sizes and offset. */
function centralDirectory(bytes: Uint8Array): Entry[] | ZipRead {
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (u32(bytes, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return damaged("no end of central directory record");
  let count = u16(bytes, eocd + 10);
  let offset = u32(bytes, eocd + 16);
  const locator = eocd - 20;
  if (locator >= 0 && u32(bytes, locator) === 0x07064b50) {
    const z = u64(bytes, locator + 8);
    if (z + 56 > bytes.length || u32(bytes, z) !== 0x06064b50) {
      return damaged("a broken zip64 end of central directory record");
    }
    count = u64(bytes, z + 32);
    offset = u64(bytes, z + 48);
  }
  const entries: Entry[] = [];
  let p = offset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50) {
      return damaged(`central directory entry ${k + 1} of ${count} is missing`);
    }
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    let compressed = u32(bytes, p + 20);
    let size = u32(bytes, p + 24);
    let local = u32(bytes, p + 42);
    const name = names.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    // Zip64: sizes and offset that do not fit in 32 bits live in extra field 0x0001.
    for (let e = p + 46 + nameLen; e + 4 <= p + 46 + nameLen + extraLen; ) {
      const id = u16(bytes, e);
      const len = u16(bytes, e + 2);
      if (id === 0x0001) {
        let f = e + 4;
        if (size === MAX32) {
          size = u64(bytes, f);
          f += 8;
        }
        if (compressed === MAX32) {
          compressed = u64(bytes, f);
          f += 8;
        }
        if (local === MAX32) local = u64(bytes, f);
      }
      e += 4 + len;
    }
    entries.push({
      name,
      method: u16(bytes, p + 10),
      flags: u16(bytes, p + 8),
      compressed,
      size,
      offset: local,
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Inflates one deflated entry, stopping as soon as it passes `cap` bytes. */
function inflateCapped(data: Uint8Array, cap: number): Uint8Array | "over" | "bad" {
  const parts: Uint8Array[] = [];
  let total = 0;
  const stream = new Inflate((chunk) => {
    total += chunk.length;
    if (total <= cap) parts.push(chunk);
  });
  try {
    for (let i = 0; i < data.length; i += CHUNK) {
      stream.push(data.subarray(i, i + CHUNK), i + CHUNK >= data.length);
      if (total > cap) return "over";
    }
    if (data.length === 0) stream.push(data, true);
  } catch {
    return "bad";
  }
  if (total > cap) return "over";
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * Reads a zip archive within `limits`. A file that is not a zip, or is a
 * damaged one, is `not-xlsx`; one over a limit is `zip-limit`, decided
 * from the central directory before inflating, and again while inflating.
 */
export function readZip(bytes: Uint8Array, limits: ZipLimits = zipLimits): ZipRead {
  const sig = u32(bytes, 0);
  if (bytes.length < 22 || (sig !== 0x04034b50 && sig !== 0x06054b50)) return notZip(bytes);
  const directory = centralDirectory(bytes);
  if (!Array.isArray(directory)) return directory;
  const files = directory.filter((e) => !e.name.endsWith("/"));
  if (files.length > limits.maxEntries) {
    return { ok: false, code: "zip-limit", text: msg.zipTooManyEntries(files.length, limits) };
  }
  let declared = 0;
  for (const e of files) {
    declared += e.size;
    if (e.size > limits.ratioGraceBytes && e.size > limits.maxRatio * Math.max(1, e.compressed)) {
      return {
        ok: false,
        code: "zip-limit",
        text: msg.zipRatio(e.name, e.compressed, e.size, limits),
      };
    }
  }
  if (declared > limits.maxTotalBytes) {
    return { ok: false, code: "zip-limit", text: msg.zipTooLarge(declared, limits) };
  }

  const entries = new Map<string, Uint8Array>();
  let inflated = 0;
  for (const e of files) {
    if (e.flags & 1) return damaged(`${JSON.stringify(e.name)} is encrypted`);
    const at = e.offset;
    if (at + 30 > bytes.length || u32(bytes, at) !== 0x04034b50) {
      return damaged(`the local header of ${JSON.stringify(e.name)} is missing`);
    }
    const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
    if (start + e.compressed > bytes.length) {
      return damaged(`${JSON.stringify(e.name)} runs past the end of the file`);
    }
    const data = bytes.subarray(start, start + e.compressed);
    let out: Uint8Array;
    if (e.method === 0) {
      if (e.compressed !== e.size) return damaged(`the sizes of ${JSON.stringify(e.name)} differ`);
      out = data;
    } else if (e.method === 8) {
      // The header's size is the cap: an entry that inflates further is lying.
      const r = inflateCapped(data, e.size);
      if (r === "over") {
        return { ok: false, code: "zip-limit", text: msg.zipLyingSize(e.name, e.size) };
      }
      if (r === "bad") return damaged(`${JSON.stringify(e.name)} does not inflate`);
      out = r;
    } else {
      return damaged(`${JSON.stringify(e.name)} uses compression method ${e.method}`);
    }
    inflated += out.length;
    if (inflated > limits.maxTotalBytes) {
      return { ok: false, code: "zip-limit", text: msg.zipTooLarge(inflated, limits) };
    }
    entries.set(e.name, out);
  }
  return { ok: true, entries };
}
