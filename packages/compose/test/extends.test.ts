/**
 * A user's variant made without code: test/fixtures/templates/board-brief
 * extends templates/russia-japan, adds an audience, overrides one section and
 * the accent colour. It composes, and everything it did not override is the
 * parent's.
 */
import { join, resolve } from "node:path";
import { type Dataset, loadDataset } from "@briefkit/data";
import { houseTheme, type Inline } from "@briefkit/document";
import { beforeAll, describe, expect, it } from "vitest";
import { compose, templateAudiences } from "../src/index.js";

const root = resolve(import.meta.dirname, "../../..");
const board = join(import.meta.dirname, "fixtures/templates/board-brief");
let dataset: Dataset;

beforeAll(async () => {
  const r = await loadDataset(join(root, "data/russia-japan/2005"));
  if (!r.ok) throw new Error("the 2005 dataset must load");
  dataset = r.dataset;
});

const text = (xs: readonly Inline[]): string =>
  xs
    .map((x) =>
      x.type === "text"
        ? x.value
        : x.type === "number"
          ? x.text
          : "children" in x
            ? text(x.children)
            : "",
    )
    .join("");

describe("template inheritance", () => {
  it("lists the parent's audiences and the new one", () => {
    const r = templateAudiences(board);
    expect(r.ok && r.audiences.sort()).toEqual(["board", "business", "executive", "full"]);
  });

  it("composes the new audience with the child's section, the parent's others and the new colour", async () => {
    const r = await compose({ templateDir: board, dataset, audience: "board", figures: false });
    expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
    if (!r.ok) return;
    expect(r.document.meta.audience).toBe("board");
    expect(r.document.meta.subtitle).toContain("our business");
    expect(r.theme.colors.accent).toBe("#7a1f3d");
    expect(r.theme.colors.text).toBe(houseTheme().colors.text);
    const headings = r.document.blocks.flatMap((b) =>
      b.type === "heading" && b.level === 1 ? [text(b.children)] : [],
    );
    expect(headings.length).toBe(3);
    // economic-links and oil-pipeline come from the parent, unchanged.
    const parent = await compose({
      templateDir: join(root, "templates/russia-japan"),
      dataset,
      audience: "full",
      figures: false,
    });
    if (!parent.ok) throw new Error("parent must compose");
    const parentHeadings = parent.document.blocks.flatMap((b) =>
      b.type === "heading" && b.level === 1 ? [text(b.children)] : [],
    );
    expect(parentHeadings).toContain(headings[1]);
    expect(parentHeadings).toContain(headings[2]);
  });

  it("the parent's audiences still compose through the child", async () => {
    const r = await compose({ templateDir: board, dataset, audience: "executive", figures: false });
    expect(r.ok).toBe(true);
  });
});

describe("themes reach the charts", () => {
  it("a template that overrides the palette recolours its charts", async () => {
    const { mkdtempSync, writeFileSync, mkdirSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "briefkit-theme-"));
    try {
      mkdirSync(join(dir, "sections"));
      writeFileSync(join(dir, "sections/main.md"), "# Trade\n\n::figure{ref=trade}\n");
      writeFileSync(
        join(dir, "template.yaml"),
        [
          "id: themed",
          "title: Themed",
          "theme: { colors: { palette: ['#7a1f3d', '#2e7d32'] } }",
          "charts:",
          "  trade: { preset: grouped-bar, table: bilateral-trade, x: year, measures: [exports, imports], to: latest, title: Trade, caption: Trade }",
          "sections: { main: { file: sections/main.md } }",
          "audiences: { full: { label: Full, sections: [main] } }",
          "",
        ].join("\n"),
      );
      const r = await compose({ templateDir: dir, dataset, audience: "full" });
      expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
      if (!r.ok) return;
      const fig = r.document.blocks.find((b) => b.type === "figure");
      expect(fig?.type === "figure" && fig.svg).toContain("#7a1f3d");
      expect(fig?.type === "figure" && fig.svg).toContain("#2e7d32");
      expect(fig?.type === "figure" && fig.svg).not.toContain("#1b365d");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
