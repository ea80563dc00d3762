/**
 * Goldens on the inspectable middle (docs/architecture.md, "Tests and benchmarks"): the pdfmake
 * docDefinition of every fixture, as JSON. A change here is a change of the
 * PDF's structure or house style: review the diff, then update with
 * `npx vitest run -u`.
 */
import { describe, expect, it } from "vitest";
import { toDocDefinition } from "../src/index.js";
import { context, FIXTURES, fixture, options } from "./helpers.js";

describe("docDefinition goldens", () => {
  for (const name of FIXTURES) {
    it(`${name}`, async () => {
      const ctx = context();
      const def = toDocDefinition(fixture(name), options, ctx);
      await expect(`${JSON.stringify(def, null, 2)}\n`).toMatchFileSnapshot(`golden/${name}.json`);
      await expect(`${JSON.stringify(ctx.warnings, null, 2)}\n`).toMatchFileSnapshot(
        `golden/${name}.warnings.json`,
      );
    });
  }

  it("kitchen-sink with notes: endnotes (a Notes section, no footnotes key)", async () => {
    const def = toDocDefinition(
      fixture("kitchen-sink"),
      { ...options, notes: "endnotes" },
      context(),
    );
    await expect(`${JSON.stringify(def, null, 2)}\n`).toMatchFileSnapshot(
      "golden/kitchen-sink.endnotes.json",
    );
  });

  it("is plain JSON: no functions, Dates or undefined survive a round trip", () => {
    for (const name of FIXTURES) {
      const def = toDocDefinition(fixture(name), options, context());
      expect(JSON.parse(JSON.stringify(def))).toStrictEqual(def);
    }
  });
});
