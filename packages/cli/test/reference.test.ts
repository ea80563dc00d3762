/**
 * docs/reference/ is generated from the code (src/reference.ts): the
 * committed pages must be exactly what the generator writes now, and they
 * must cover every indicator function, directive and filter the code has.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { INDICATOR_FUNCTIONS } from "@briefkit/indicators";
import { describe, expect, it } from "vitest";
import { referencePages } from "../src/reference.js";
import { referenceInputs } from "../src/reference-inputs.js";

const dir = resolve(import.meta.dirname, "../../../docs/reference");
const pages = referencePages(referenceInputs());
const text = (file: string) => pages.find((p) => p.file === file)?.text ?? "";

describe("docs/reference", () => {
  it("is what the generator writes from the code (run `pnpm docs:reference` after changing a schema or table)", () => {
    const committed = readdirSync(dir)
      .filter((f) => f.endsWith(".md"))
      .sort();
    expect(committed).toEqual(pages.map((p) => p.file).sort());
    for (const p of pages) {
      expect(readFileSync(join(dir, p.file), "utf8"), `docs/reference/${p.file} is stale`).toBe(
        p.text,
      );
    }
  });

  it("documents every indicator function with a heading of its own", () => {
    for (const f of INDICATOR_FUNCTIONS) expect(text("functions.md")).toContain(`### \`${f}\``);
  });

  it("documents every directive and every key of template.yaml", () => {
    for (const name of Object.keys(referenceInputs().directives)) {
      expect(text("directives.md")).toContain(`## \`${name}\``);
    }
    const keys = Object.keys(referenceInputs().template.properties ?? {});
    expect(keys.length).toBeGreaterThan(10);
    for (const k of keys) expect(text("template.md")).toContain(`| \`${k}\` |`);
  });

  it("documents every filter a template can use, each with an example", () => {
    const filters = referenceInputs().filters;
    expect(filters.length).toBeGreaterThan(80);
    for (const f of filters) expect(text("filters.md")).toContain(`| \`${f.name}\` |`);
  });

  it("documents each variant of a union (every column type of dataset.yaml)", () => {
    for (const t of ["period", "number", "text", "category", "date"]) {
      expect(text("dataset.md")).toContain(`### type: ${t}`);
    }
  });
});
