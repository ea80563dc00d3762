/** "Did you mean" suggestions stay within typo distance. */
import { expect, test } from "vitest";
import { closest } from "../src/suggest.js";

test.each([
  ["valeu", ["year", "value"], "value"],
  ["yaer", ["year", "value"], "year"],
  ["Exports", ["exports", "imports"], "exports"],
  ["millions", ["one", "million", "billion"], "million"],
  ["tolerence", ["total", "tolerance", "kind"], "tolerance"],
  ["abc", ["year", "value"], undefined],
  ["region", ["year", "value"], undefined],
  ["year", ["year", "yeah"], undefined],
])("closest(%j) is %j", (name, known, expected) => {
  expect(closest(name, known)).toBe(expected);
});
