import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { TemplateFile } from "../src/index.js";
import { templateJsonSchema } from "../src/template-schema.js";

const root = resolve(import.meta.dirname, "../../..");

describe("template.yaml schema", () => {
  it("the committed JSON Schema matches the zod schema (regenerate: pnpm --filter @briefkit/compose schema)", () => {
    const committed = JSON.parse(readFileSync(join(root, "schemas/template.schema.json"), "utf8"));
    expect(committed).toEqual(JSON.parse(JSON.stringify(templateJsonSchema())));
  });

  it("every template under templates/ validates and points editors at the schema", () => {
    for (const name of readdirSync(join(root, "templates"))) {
      const text = readFileSync(join(root, "templates", name, "template.yaml"), "utf8");
      expect(text.split("\n")[0]).toBe(
        "# yaml-language-server: $schema=../../schemas/template.schema.json",
      );
      const r = TemplateFile.safeParse(parse(text));
      expect(r.success, `${name}: ${JSON.stringify(r.error?.issues)}`).toBe(true);
    }
  });
});
