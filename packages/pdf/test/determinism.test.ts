/**
 * Determinism (issue 5, bullet 4): the same document, options and ctx.now
 * give byte-identical PDFs — pdfkit's file /ID is derived from the Info
 * dictionary, whose dates come from ctx.now, never the clock — also when
 * several documents are written at once through pdfmake's shared instance.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { writePdf } from "../src/index.js";
import { context, FIXTURES, fixture, options } from "./helpers.js";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe("determinism", () => {
  it("writes byte-identical PDFs twice, in sequence and concurrently", async () => {
    const first: string[] = [];
    for (const name of FIXTURES)
      first.push(sha256(await writePdf(fixture(name), options, context())));
    const again = await Promise.all(
      FIXTURES.map(async (name) => sha256(await writePdf(fixture(name), options, context()))),
    );
    expect(again).toEqual(first);
  });

  it("stamps ctx.now, not the clock: another date gives other bytes", async () => {
    const doc = fixture("unicode");
    const a = await writePdf(doc, options, context("2005-09-08T00:00:00Z"));
    const b = await writePdf(doc, options, context("2006-01-01T00:00:00Z"));
    expect(sha256(a)).not.toBe(sha256(b));
    const text = Buffer.from(a).toString("latin1");
    // CreationDate and ModDate (indirect objects), and no other date.
    expect(text.match(/\(D:\d{14}Z\)/g)).toEqual(["(D:20050908000000Z)", "(D:20050908000000Z)"]);
  });
});
