/**
 * Writes the fixture corpus every writer's tests run through
 * (`test/fixtures/*.json`), built with the builders so it stays valid as the
 * model evolves. Run `pnpm --filter @briefkit/document fixtures` after a model
 * change and review the diff; the fixture test fails while they are stale.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildFixtures } from "../test/fixtures/build.js";

const dir = join(import.meta.dirname, "../test/fixtures");
for (const [name, doc] of Object.entries(buildFixtures())) {
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(doc, null, 2)}\n`);
  console.log(`wrote test/fixtures/${name}.json`);
}
