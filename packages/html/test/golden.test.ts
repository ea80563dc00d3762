/** Golden files: the HTML of each fixture, changed only on purpose (`vitest -u`); and determinism. */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { writeHtml } from "../src/index.js";
import { fixture, fixtureNames, forGolden, render, theme } from "./helpers.js";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

describe("golden HTML", () => {
  for (const name of fixtureNames) {
    it(`${name} matches test/golden/${name}.html`, async () => {
      const { html } = render(fixture(name));
      await expect(forGolden(html)).toMatchFileSnapshot(`./golden/${name}.html`);
    });
  }
});

describe("determinism", () => {
  for (const name of fixtureNames) {
    it(`${name}: the same document gives byte-identical HTML, fonts included`, () => {
      const a = render(fixture(name)).html;
      const b = render(fixture(name)).html;
      expect(sha256(a)).toBe(sha256(b));
    });
  }

  it("depends on the injected clock only through dcterms.created", () => {
    const doc = fixture("kitchen-sink");
    const at = (iso: string) => writeHtml(doc, { theme }, { now: new Date(iso), log: () => {} });
    const a = at("2005-09-08T00:00:00Z");
    const b = at("2030-01-01T12:00:00Z");
    expect(a).not.toBe(b);
    const strip = (s: string) => s.replace(/<meta name="dcterms.created"[^>]*>/, "");
    expect(strip(a)).toBe(strip(b));
  });

  it("does not read the real clock", () => {
    const real = Date.now;
    Date.now = () => {
      throw new Error("the writer read the clock");
    };
    try {
      expect(() => render(fixture("kitchen-sink"))).not.toThrow();
    } finally {
      Date.now = real;
    }
  });
});
