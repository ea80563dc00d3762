import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";

describe("@briefkit/compose public API", () => {
  it("exposes exactly the documented names", () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        "CALLOUT_KINDS",
        "DIRECTIVES",
        "FILTER_TABLE",
        "TemplateFile",
        "chartRows",
        "compose",
        "createComposeCache",
        "defaultFigureRenderer",
        "diffEditions",
        "relativeIssues",
        "templateAudiences",
        "templateDataFit",
        "templateIndicators",
        "templateParams",
        "templateJsonSchema",
        "trackChanges",
      ].sort(),
    );
  });
});
