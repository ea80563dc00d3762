/** "Did you mean" suggestions stay within typo distance. */
import { expect, test } from "vitest";
import { nearestName } from "../src/index.js";

test.each([
  ["valeu", ["year", "value"], "value"],
  ["yaer", ["year", "value"], "year"],
  ["Exports", ["exports", "imports"], "exports"],
  ["millions", ["one", "million", "billion"], "million"],
  ["tolerence", ["total", "tolerance", "kind"], "tolerance"],
  ["measures", ["table", "measure", "where", "period"], "measure"],
  // A swap of neighbours is one edit: within the one-edit limit of a short name.
  ["yaer", ["year"], "year"],
  ["ab", ["ba", "abc"], "ba"],
  ["tbale", ["bilateral-trade", "table"], "table"],
  ["abc", ["year", "value"], undefined],
  ["region", ["year", "value"], undefined],
  ["year", ["year", "yeah"], undefined],
  ["x", [], undefined],
])("nearestName(%j) is %j", (name, known, expected) => {
  expect(nearestName(name, known)).toBe(expected);
});
