/** The defensive zip reader under XLSX: limits before and while inflating. */
import { zipSync } from "fflate";
import { describe, expect, test } from "vitest";
import { readZip, type ZipLimits, zipLimits } from "../src/zip.js";

const text = (s: string) => new TextEncoder().encode(s);
const zeros = (n: number) => new Uint8Array(n);

/** Offsets of every occurrence of a 32-bit little-endian signature. */
function find(bytes: Uint8Array, sig: number): number[] {
  const out: number[] = [];
  for (let i = 0; i + 4 <= bytes.length; i++) {
    if (
      (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)) >>> 0 ===
      sig
    ) {
      out.push(i);
    }
  }
  return out;
}

function setU32(bytes: Uint8Array, at: number, v: number): void {
  new DataView(bytes.buffer, bytes.byteOffset).setUint32(at, v, true);
}

describe("readZip", () => {
  test("reads deflated and stored entries", () => {
    const zip = zipSync(
      { "a.txt": text("hello"), "b.bin": [zeros(5000), { level: 0 }] },
      { level: 9 },
    );
    const r = readZip(zip);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(new TextDecoder().decode(r.entries.get("a.txt"))).toBe("hello");
    expect(r.entries.get("b.bin")?.length).toBe(5000);
  });

  test("refuses an entry over the ratio before inflating it", () => {
    const r = readZip(zipSync({ "big.xml": zeros(2_000_000) }, { level: 9 }));
    expect(r).toMatchObject({ ok: false, code: "zip-limit" });
  });

  test("refuses a total over the limit before inflating", () => {
    const limits: ZipLimits = { ...zipLimits, maxTotalBytes: 1000, maxRatio: 1e9 };
    const r = readZip(zipSync({ a: zeros(600), b: zeros(600) }), limits);
    expect(r).toMatchObject({ ok: false, code: "zip-limit" });
    if (!r.ok) expect(r.text.message).toContain("over the limit");
  });

  test("refuses too many entries", () => {
    const files = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}`, text("x")]));
    const r = readZip(zipSync(files), { ...zipLimits, maxEntries: 10 });
    expect(r).toMatchObject({ ok: false, code: "zip-limit" });
  });

  test("an entry whose header understates its size is stopped while inflating", () => {
    const zip = zipSync({ "sheet.xml": zeros(500_000) }, { level: 9 });
    // Claim 1,000 bytes in the central directory and the local header.
    for (const at of find(zip, 0x02014b50)) setU32(zip, at + 24, 1000);
    for (const at of find(zip, 0x04034b50)) setU32(zip, at + 22, 1000);
    const r = readZip(zip);
    expect(r).toMatchObject({ ok: false, code: "zip-limit" });
    if (!r.ok) expect(r.text.message).toContain("more than the 1000 bytes its header declares");
  });

  test("not a zip: text, an old .xls, nothing, a truncated archive", () => {
    expect(readZip(text("year,exports\n1998,2.9\n"))).toMatchObject({
      ok: false,
      code: "not-xlsx",
      text: { message: expect.stringContaining("a text file") },
    });
    const ole = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...zeros(100)]);
    expect(readZip(ole)).toMatchObject({
      ok: false,
      code: "not-xlsx",
      text: { message: expect.stringContaining(".xls") },
    });
    expect(readZip(new Uint8Array())).toMatchObject({ ok: false, code: "not-xlsx" });
    const zip = zipSync({ "a.txt": text("hello world") });
    expect(readZip(zip.subarray(0, zip.length - 30))).toMatchObject({
      ok: false,
      code: "not-xlsx",
      text: { message: expect.stringContaining("damaged") },
    });
  });
});
