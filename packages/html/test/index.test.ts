import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";

const root = join(import.meta.dirname, "..");

describe("@briefkit/html public API", () => {
  it("exposes exactly the documented names", () => {
    // Types (HtmlOptions) have no runtime name; the contract's are @briefkit/document's.
    expect(Object.keys(api).sort()).toEqual(["writeHtml"]);
  });

  it("exports only '.' from package.json", () => {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { exports: object };
    expect(Object.keys(pkg.exports)).toEqual(["."]);
  });
});

describe("package graph", () => {
  // Writers know only the document model: figures arrive already drawn, as SVG.
  const forbidden = [
    "@briefkit/data",
    "@briefkit/indicators",
    "@briefkit/compose",
    "@briefkit/charts",
  ];

  it("depends on no package a writer may not know", () => {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    const deps = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)];
    for (const f of forbidden) expect(deps).not.toContain(f);
  });

  it("imports no such package, and no other package's internals, from its sources", () => {
    for (const file of readdirSync(join(root, "src"))) {
      const source = readFileSync(join(root, "src", file), "utf8");
      const imports = [...source.matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1] ?? "");
      for (const spec of imports) {
        expect(
          forbidden.some((f) => spec.startsWith(f)),
          `${file}: ${spec}`,
        ).toBe(false);
        expect(spec, `${file}: deep import`).not.toMatch(/^@briefkit\/[^/]+\/.+/);
      }
    }
  });
});
