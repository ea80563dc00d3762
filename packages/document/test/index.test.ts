import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";

describe("@briefkit/document public API", () => {
  it("exposes exactly the documented names", () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        "Document",
        "DocumentError",
        "MODEL_VERSION",
        "Theme",
        "ThemeOverrides",
        "applyThemeOverrides",
        "houseTheme",
        "assertNever",
        "buildDocument",
        "callout",
        "cell",
        "deletion",
        "deletionWith",
        "emph",
        "figure",
        "footnote",
        "heading",
        "headingWith",
        "inlines",
        "insertion",
        "insertionWith",
        "keyFigures",
        "lineBreak",
        "link",
        "list",
        "noteRef",
        "num",
        "pageBreak",
        "para",
        "plainText",
        "row",
        "strong",
        "table",
        "text",
        "toc",
        "validateDocument",
      ].sort(),
    );
  });
});
