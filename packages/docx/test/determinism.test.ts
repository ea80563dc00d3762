/**
 * Same input, same bytes: the package must not depend on the clock, on
 * random numbers, or on how many documents the process wrote before (the
 * docx library keeps global counters for drawing and bookmark ids).
 */
import { createHash } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { writeDocx } from "../src/index.js";
import { chartsDocument, context, FIXTURES, fixture, options, unpack } from "./helpers.js";

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

afterEach(() => {
  vi.useRealTimers();
});

describe("determinism", () => {
  for (const name of FIXTURES) {
    it(`${name}: two writes give the same SHA-256`, async () => {
      const a = await writeDocx(fixture(name), options, context());
      const b = await writeDocx(fixture(name), options, context());
      expect(sha256(b)).toBe(sha256(a));
    });
  }

  it("does not read the clock: writes a year apart (faked) are identical", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2030-01-01T12:00:00Z"));
    const a = await writeDocx(chartsDocument(), options, context());
    vi.setSystemTime(new Date("2031-06-15T08:30:00Z"));
    const b = await writeDocx(chartsDocument(), options, context());
    expect(sha256(b)).toBe(sha256(a));
  });

  it("stamps ctx.now, and only ctx.now, into the properties and the zip entries", async () => {
    const docx = await writeDocx(fixture("kitchen-sink"), options, context("2006-03-04T05:06:08Z"));
    expect(unpack(docx).text["docProps/core.xml"]).toContain(
      '<dcterms:created xsi:type="dcterms:W3CDTF">2006-03-04T05:06:08Z</dcterms:created>',
    );
    // Every local file header carries the DOS date and time of ctx.now.
    const view = new DataView(docx.buffer, docx.byteOffset, docx.byteLength);
    const dates = new Set<string>();
    for (let at = 0; view.getUint32(at, true) === 0x04034b50; ) {
      const time = view.getUint16(at + 10, true);
      const date = view.getUint16(at + 12, true);
      dates.add(
        `${(date >> 9) + 1980}-${(date >> 5) & 15}-${date & 31} ${time >> 11}:${(time >> 5) & 63}:${(time & 31) * 2}`,
      );
      at +=
        30 +
        view.getUint16(at + 26, true) +
        view.getUint16(at + 28, true) +
        view.getUint32(at + 18, true);
    }
    expect([...dates]).toEqual(["2006-3-4 5:6:8"]);
    const other = await writeDocx(
      fixture("kitchen-sink"),
      options,
      context("2007-01-01T00:00:00Z"),
    );
    expect(sha256(other)).not.toBe(sha256(docx));
  });

  it("orders entries: [Content_Types].xml first, then by path", async () => {
    const docx = await writeDocx(fixture("kitchen-sink"), options, context());
    const names = Object.keys(unpack(docx).bytes);
    expect(names[0]).toBe("[Content_Types].xml");
    expect(names.slice(1)).toEqual([...names.slice(1)].sort());
  });

  it("leaves no random identifiers: relationship ids are rIdN, bookmarks count from 1", async () => {
    // Write other documents first, so the library's global counters have moved on.
    await writeDocx(fixture("long-table"), options, context());
    const { text } = unpack(await writeDocx(fixture("kitchen-sink"), options, context()));
    for (const [path, xml] of Object.entries(text)) {
      for (const m of xml.matchAll(/\b(?:Id|r:id)="([^"]+)"/g))
        expect(m[1], path).toMatch(/^rId\d+$/);
    }
    const body = text["word/document.xml"] ?? "";
    const ids = [...body.matchAll(/<w:bookmarkStart w:name="(_Toc\d+)" w:id="(\d+)"\/>/g)];
    expect(ids.map((m) => m[1])).toEqual(["_Toc1", "_Toc2", "_Toc3", "_Toc4"]);
    expect(ids.map((m) => m[2])).toEqual(["1", "2", "3", "4"]);
  });
});
