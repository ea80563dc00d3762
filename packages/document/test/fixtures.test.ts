import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateDocument } from "../src/index.js";
import { buildFixtures } from "./fixtures/build.js";

describe("fixture corpus", () => {
  for (const [name, doc] of Object.entries(buildFixtures())) {
    it(`${name}.json is valid and up to date (regenerate: pnpm --filter @briefkit/document fixtures)`, () => {
      const file = JSON.parse(
        readFileSync(join(import.meta.dirname, "fixtures", `${name}.json`), "utf8"),
      );
      expect(validateDocument(file).document).toBeDefined();
      expect(file).toEqual(JSON.parse(JSON.stringify(doc)));
    });
  }
});
