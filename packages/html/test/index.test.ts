import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";

describe("@briefkit/html public API", () => {
  it("exposes exactly the documented names", () => {
    // Types (HtmlOptions, HtmlLabels, WriterContext, WriterWarning, WriterWarningCode) have no runtime name.
    expect(Object.keys(api).sort()).toEqual(["writeHtml"]);
  });
});
