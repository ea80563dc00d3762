/**
 * A small, deterministic ZIP writer (PKWARE APPNOTE 6.3: local headers,
 * central directory, end record; no ZIP64, no extra fields), for the OPC
 * package and the workbooks embedded in it.
 *
 * Why our own: the same bytes for the same parts (fixed entry order and
 * dates, no extra fields with timestamps), and entries whose compressed form
 * is known already — the embedded fonts, the same ~2 MB in every brief — are
 * written as they are instead of being deflated again on every write.
 * Deflate itself is fflate's (pure JS), so output does not depend on the
 * zlib a Node build bundles.
 */
import * as zlib from "node:zlib";
import { deflateSync } from "fflate";

/** One entry; `deflated` is the raw-deflate form of `data` when it is known already. */
export interface ZipEntry {
  path: string;
  data: Uint8Array;
  deflated?: Uint8Array;
  crc?: number;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

// Node's native CRC-32 (20.15+) is many times faster than the table loop below.
const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

export function crc32(data: Uint8Array): number {
  if (nativeCrc32) return nativeCrc32(data) >>> 0;
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i += 1)
    c = (CRC_TABLE[(c ^ (data[i] ?? 0)) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Formats that are compressed already gain nothing from deflate. */
const STORED = /\.(png|jpe?g|gif|xlsx)$/i;

/** The raw-deflate form of an entry's data, or undefined when storing it is as good. */
export function deflateEntry(path: string, data: Uint8Array): Uint8Array | undefined {
  if (STORED.test(path) || data.length < 64) return undefined;
  const packed = deflateSync(data, { level: 6 });
  return packed.length < data.length ? packed : undefined;
}

/** DOS date and time of `date`'s UTC fields (2-second steps, years 1980–2107). */
function dosDateTime(date: Date): { date: number; time: number } {
  const year = Math.min(2107, Math.max(1980, date.getUTCFullYear()));
  return {
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
  };
}

/** Writes the entries in the order given, every one dated `date`. */
export function writeZip(entries: readonly ZipEntry[], date: Date): Uint8Array {
  const { date: dosDate, time: dosTime } = dosDateTime(date);
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = encoder.encode(entry.path);
    const deflated = entry.deflated ?? deflateEntry(entry.path, entry.data);
    const body = deflated ?? entry.data;
    const crc = entry.crc ?? crc32(entry.data);
    const method = deflated ? 8 : 0;
    // General purpose flag bit 11: the name is UTF-8.
    const fields = (h: DataView, at: number) => {
      h.setUint16(at, 20, true); // version needed: 2.0 (deflate)
      h.setUint16(at + 2, 0x0800, true);
      h.setUint16(at + 4, method, true);
      h.setUint16(at + 6, dosTime, true);
      h.setUint16(at + 8, dosDate, true);
      h.setUint32(at + 10, crc, true);
      h.setUint32(at + 14, body.length, true);
      h.setUint32(at + 18, entry.data.length, true);
      h.setUint16(at + 22, name.length, true);
      h.setUint16(at + 24, 0, true); // no extra field
    };
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    fields(lv, 4);
    local.set(name, 30);
    const record = new Uint8Array(46 + name.length);
    const cv = new DataView(record.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true); // made by: MS-DOS, 2.0 — no Unix permissions to vary
    fields(cv, 6);
    // comment length, disk number, internal and external attributes: all 0
    cv.setUint32(42, offset, true);
    record.set(name, 46);
    chunks.push(local, body);
    central.push(record);
    offset += local.length + body.length;
  }
  const centralSize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, centralSize, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + centralSize + end.length);
  let at = 0;
  for (const c of [...chunks, ...central, end]) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
