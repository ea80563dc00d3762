import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";

describe("@briefkit/compose public API", () => {
  it("exposes exactly the documented names", () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        "FILTER_TABLE",
        "TemplateFile",
        "chartRows",
        "compose",
        "createComposeCache",
        "defaultFigureRenderer",
        "diffEditions",
        "relativeIssues",
        "templateAudiences",
        "templateIndicators",
        "trackChanges",
      ].sort(),
    );
  });
});
