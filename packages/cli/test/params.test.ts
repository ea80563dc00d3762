/**
 * The file names parameter values give (src/params.ts): readable where the
 * value allows it, stable and filesystem-safe always, distinct always.
 */
import type { ParamValues } from "@briefkit/compose";
import { describe, expect, it } from "vitest";
import { everyCombination, paramsSuffix, parseParamFlags, slugValue } from "../src/params.js";

const param = (name: string, values: string[]): ParamValues => ({
  name,
  label: undefined,
  values,
  at: { file: "template.yaml", line: 1, column: 1 },
});

describe("slugValue", () => {
  it("lower-case ASCII letters, digits and hyphens; accents dropped", () => {
    expect(slugValue("Primorskiy Krai")).toBe("primorskiy-krai");
    expect(slugValue("  Côte d'Ivoire / Ghana ")).toBe("cote-d-ivoire-ghana");
    expect(slugValue("2005-H1")).toBe("2005-h1");
  });

  it("a value with nothing left is named by its hash, the same every time", () => {
    const a = slugValue("Якутия");
    expect(a).toMatch(/^v[0-9a-f]{10}$/);
    expect(slugValue("Якутия")).toBe(a);
    expect(slugValue("Сахалин")).not.toBe(a);
    expect(slugValue("../..")).toMatch(/^v[0-9a-f]{10}$/);
  });

  it("never longer than 60 characters, never ending in a hyphen", () => {
    const s = slugValue(`${"a".repeat(59)} b and more`);
    expect(s.length).toBeLessThanOrEqual(60);
    expect(s.endsWith("-")).toBe(false);
  });
});

describe("paramsSuffix", () => {
  it("values that would give one name get a hash each, whichever briefs are built", () => {
    const p = param("region", ["North East", "North-East", "South"]);
    const a = paramsSuffix([p], { region: "North East" });
    const b = paramsSuffix([p], { region: "North-East" });
    expect(a).toMatch(/^-north-east-[0-9a-f]{6}$/);
    expect(b).toMatch(/^-north-east-[0-9a-f]{6}$/);
    expect(a).not.toBe(b);
    expect(paramsSuffix([p], { region: "South" })).toBe("-south");
  });

  it("several parameters in their declared order; none, no suffix", () => {
    const ps = [param("region", ["Yakutia"]), param("year", ["2003"])];
    expect(paramsSuffix(ps, { year: "2003", region: "Yakutia" })).toBe("-yakutia-2003");
    expect(paramsSuffix([], {})).toBe("");
  });
});

describe("everyCombination and --param", () => {
  it("the first parameter varies slowest", () => {
    expect(everyCombination([param("a", ["1", "2"]), param("b", ["x", "y"])])).toEqual([
      { a: "1", b: "x" },
      { a: "1", b: "y" },
      { a: "2", b: "x" },
      { a: "2", b: "y" },
    ]);
    expect(everyCombination([])).toEqual([{}]);
  });

  it("NAME=VALUE, the value kept whole (it may hold =); a missing name or a repeat is refused", () => {
    expect(parseParamFlags(["region=Primorskiy Krai", "q=a=b"])).toEqual({
      region: "Primorskiy Krai",
      q: "a=b",
    });
    expect(() => parseParamFlags(["=x"])).toThrow(/NAME=VALUE/);
    expect(() => parseParamFlags(["region"])).toThrow(/NAME=VALUE/);
    expect(() => parseParamFlags(["a=1", "a=2"])).toThrow(/twice/);
  });
});
