/**
 * A user's variant made without code: test/fixtures/templates/board-brief
 * extends templates/russia-japan, adds an audience, overrides one section and
 * the accent colour. It composes, and everything it did not override is the
 * parent's.
 */

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { type Dataset, loadDataset } from "@briefkit/data";
import { type Document, houseTheme, type Inline } from "@briefkit/document";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

const headingsOf = (d: Document) =>
  d.blocks.flatMap((b) => (b.type === "heading" && b.level === 1 ? [text(b.children)] : []));

/** Every paragraph's text, callouts' included, in order. */
const paragraphs = (d: Document): string[] =>
  d.blocks.flatMap((b) =>
    b.type === "paragraph"
      ? [text(b.children)]
      : b.type === "callout"
        ? b.children.map((p) => text(p.children))
        : [],
  );

async function composed(templateDir: string, audience: string): Promise<Document> {
  const r = await compose({ templateDir, dataset, audience, figures: false });
  expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
  if (!r.ok) throw new Error(`${audience} must compose`);
  return r.document;
}

const parentDir = join(root, "templates/russia-japan");

describe("template inheritance", () => {
  it("lists the parent's audiences and the new one", () => {
    const r = templateAudiences(board);
    expect(r.ok && r.audiences.sort()).toEqual([
      "board",
      "business",
      "executive",
      "executive-ja",
      "executive-ru",
      "full",
    ]);
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

describe("derived templates change parts without copying", () => {
  it("an audience's title is the document's title; the others keep the template's", async () => {
    const b = await composed(board, "board");
    expect(b.meta.title).toBe("Russia–Japan trade and the Pacific pipeline");
    const e = await composed(board, "executive");
    expect(e.meta.title).toBe("Russia and Japan in two pages");
    const parent = await composed(parentDir, "full");
    expect((await composed(board, "full")).meta.title).toBe(parent.meta.title);
  });

  it("an inherited audience changes only what it names: omit keeps the order, label, toc and appendices", async () => {
    const parent = await composed(parentDir, "full");
    const child = await composed(board, "full");
    const geo = "An encouraging geopolitical context";
    const kyoto = headingsOf(parent).find((h) => /Kyoto/.test(h));
    expect(headingsOf(parent)).toContain(geo);
    expect(kyoto).toBeDefined();
    // The parent's list, less the audience's omit (geopolitical-context) and the
    // template's (kyoto-protocol); key findings are the child's own file.
    expect(headingsOf(child)).toEqual(
      headingsOf(parent)
        .filter((h) => h !== geo && h !== kyoto)
        .map((h) => (h === "Key findings" ? "Key findings for the board" : h)),
    );
    expect(child.meta.audienceLabel).toBe(parent.meta.audienceLabel);
    expect(child.blocks[0]?.type).toBe("toc");
    const executive = await composed(board, "executive");
    expect(executive.meta.audienceLabel).toBe("Executive summary");
    expect(executive.meta.subtitle).toBe((await composed(parentDir, "executive")).meta.subtitle);
  });

  it("after: a paragraph follows the parent's block; replace: the child's callout stands in the parent's", async () => {
    const parent = await composed(parentDir, "full");
    const child = await composed(board, "full");
    const before = paragraphs(parent);
    const after = paragraphs(child);
    const buyers = before.findIndex((p) =>
      p.startsWith("It is important to consider Japan’s demand"),
    );
    expect(buyers).toBeGreaterThan(0);
    const us = dataset.fact("us-oil-absorption-capacity");
    const inserted = after.findIndex((p) => p.startsWith("What it means for us."));
    expect(after[inserted - 1]).toBe(before[buyers]);
    expect(after[inserted]).toMatch(new RegExp(`take .*${us.value ?? us.range?.[0]}`));
    const callouts = (d: Document) =>
      d.blocks.flatMap((b) => (b.type === "callout" ? [b.title ?? ""] : []));
    expect(callouts(parent)).toContain("Our view: what governments and business could do");
    expect(callouts(child)).not.toContain("Our view: what governments and business could do");
    expect(callouts(child)).toContain("What the board should decide");
    // The parent's text goes on after the insertion, and its recommendations are gone.
    expect(after[inserted + 1]).toBe(before[buyers + 1]);
    for (const p of before.filter((x) => x.startsWith("Move the pipeline forward."))) {
      expect(after).not.toContain(p);
    }
    expect(after).toContain(
      "Take a position on the pipeline. Decide by the next meeting whether to join a purchase commitment.",
    );
  });
});

describe("named blocks keep every position exact", () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  /** A parent and a child template in a temporary folder. */
  function pair(files: Record<string, string>): { parent: string; child: string } {
    const dir = mkdtempSync(join(tmpdir(), "briefkit-blocks-"));
    dirs.push(dir);
    const all: Record<string, string> = {
      "parent/template.yaml": [
        "id: parent",
        "title: Parent",
        "indicators:",
        "  - { id: trade, function: value, input: { table: bilateral-trade, measure: total }, period: latest }",
        "sections: { main: { file: sections/main.md } }",
        "audiences: { full: { label: Full, sections: [main] } }",
        "",
      ].join("\n"),
      "parent/sections/main.md": [
        "# Main",
        "",
        "{% block intro %}",
        "Trade was {{ ind.trade }}.",
        "{% endblock %}",
        "",
        "Closing {{ ind.trade }}.",
        "",
      ].join("\n"),
      ...files,
    };
    for (const [name, body] of Object.entries(all)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), body);
    }
    return { parent: join(dir, "parent"), child: join(dir, "child") };
  }
  const childYaml = (blocks: string) =>
    `id: child\nextends: ../parent\nsections:\n  main:\n    blocks:\n${blocks}`;

  async function firstError(templateDir: string) {
    const r = await compose({ templateDir, dataset, audience: "full", figures: false });
    expect(r.ok).toBe(false);
    const e = r.issues.find((i) => i.severity === "error")!;
    return { ...e, where: `${relative(dirname(templateDir), e.file)}:${e.line}:${e.column}` };
  }

  it("an error inside an inserted block is at the inserted file's line and column", async () => {
    const { child } = pair({
      "child/template.yaml": childYaml("      intro: { before: sections/note.md }\n"),
      "child/sections/note.md": "A note.\n\nIt says {{ ind.trade }} and {{ ind.trde }}.\n",
    });
    const e = await firstError(child);
    expect(e.code).toBe("liquid-render");
    expect(e.where).toBe("child/sections/note.md:3:32");
    expect(e.message).toBe("undefined variable: ind.trde");
    expect(e.hint).toBe('did you mean "trade"?');
  });

  it("an error in the parent's text after an insertion stays at the parent's line", async () => {
    const { child } = pair({
      "child/template.yaml": childYaml("      intro: { after: sections/note.md }\n"),
      "child/sections/note.md": "One.\n\nTwo.\n\nThree.\n",
      "parent/sections/main.md":
        "# Main\n\n{% block intro %}\nIntro.\n{% endblock %}\n\nClosing {{ ind.nope }}.\n",
    });
    const e = await firstError(child);
    expect(e.where).toBe("parent/sections/main.md:7:12");
  });

  it("a Markdown problem in a replacement is at the replacement's line", async () => {
    const { child } = pair({
      "child/template.yaml": childYaml("      intro: { replace: sections/new.md }\n"),
      "child/sections/new.md": "New intro.\n\n::figure{ref=nothing}\n",
    });
    const e = await firstError(child);
    expect(e.code).toBe("unknown-chart");
    expect(e.where).toBe("child/sections/new.md:3:1");
  });

  it("remove leaves the rest; the parent itself never shows the block tags", async () => {
    const { parent, child } = pair({
      "child/template.yaml": childYaml("      intro: { remove: true }\n"),
    });
    const p = paragraphs(await composed(parent, "full"));
    expect(p).toHaveLength(2);
    expect(p[0]).toMatch(/^Trade was US\$/);
    expect(p.join(" ")).not.toContain("block");
    expect(paragraphs(await composed(child, "full"))).toEqual([p[1]]);
  });

  it("an audience's own block changes apply to that audience only", async () => {
    const { child } = pair({
      "child/template.yaml": [
        "id: child",
        "extends: ../parent",
        "audiences:",
        "  full:",
        "    blocks:",
        "      main: { intro: { replace: sections/full-intro.md } }",
        "  short: { label: Short, sections: [main] }",
        "",
      ].join("\n"),
      "child/sections/full-intro.md": "For the full paper: {{ ind.trade.period }}.\n",
    });
    const full = paragraphs(await composed(child, "full"));
    const short = paragraphs(await composed(child, "short"));
    expect(full[0]).toBe("For the full paper: 2004.");
    expect(short[0]).toMatch(/^Trade was US\$/);
    expect(full.slice(1)).toEqual(short.slice(1));
  });

  it("block changes for a section the audience does not use: an error at the section key", async () => {
    const { child } = pair({
      "child/template.yaml": [
        "id: child",
        "extends: ../parent",
        "audiences:",
        "  full:",
        "    blocks:",
        "      mian: { intro: { remove: true } }",
        "",
      ].join("\n"),
    });
    const e = await firstError(child);
    expect(e.where).toBe("child/template.yaml:6:7");
    expect(e.message).toBe(
      'audience "full" changes blocks of section "mian", which it does not use (its sections: main)',
    );
    expect(e.hint).toBe('did you mean "main"?');
  });

  it("an unknown block is an error at the key, with the nearest block name", async () => {
    const { child } = pair({
      "child/template.yaml": childYaml("      intr: { after: sections/x.md }\n"),
      "child/sections/x.md": "x\n",
    });
    const e = await firstError(child);
    expect(e.code).toBe("unknown-block");
    expect(e.where).toBe("child/template.yaml:6:15");
    // The section file is named from the derived template's folder, never absolutely.
    expect(e.message).toBe('no block "intr" in ../parent/sections/main.md (blocks there: intro)');
    expect(e.hint).toBe('did you mean "intro"?');
  });

  it("a block file that is not there is an error at the key, with the nearest file of its folder", async () => {
    const { child } = pair({
      "child/template.yaml": childYaml("      intro: { after: sections/nots.md }\n"),
      "child/sections/notes.md": "x\n",
    });
    const e = await firstError(child);
    expect(e.code).toBe("section-file-missing");
    expect(e.where).toBe("child/template.yaml:6:16");
    expect(e.message).toBe("block file sections/nots.md does not exist");
    expect(e.hint).toBe("did you mean sections/notes.md?");
  });

  it("a block tag that does not stand on its own line, and an unclosed block, are errors in the section file", async () => {
    const { child } = pair({
      "child/template.yaml": childYaml("      intro: { remove: true }\n"),
      "parent/sections/main.md": "# Main\n\nText {% block intro %}\nMore.\n",
    });
    const e = await firstError(child);
    expect(e.code).toBe("block-syntax");
    expect(e.where).toBe("parent/sections/main.md:3:6");
    const { child: c2 } = pair({
      "child/template.yaml": childYaml("      intro: { remove: true }\n"),
      "parent/sections/main.md": "# Main\n\n{% block intro %}\nMore.\n",
    });
    const e2 = await firstError(c2);
    expect(e2.message).toBe('block "intro" has no {% endblock %}');
    expect(e2.where).toBe("parent/sections/main.md:3:1");
  });

  it("omit and sections that are not there, and a new audience or section lacking what it needs", async () => {
    const cases: Array<[string, string, string, string | undefined]> = [
      [
        "id: child\nextends: ../parent\naudiences:\n  full: { omit: [mian] }\n",
        "child/template.yaml:4:18",
        'omit: audience "full" has no section "mian" to leave out (its sections: main)',
        'did you mean "main"?',
      ],
      [
        "id: child\nextends: ../parent\nomit: [mane]\n",
        "child/template.yaml:3:8",
        'omit: no section "mane" is declared (sections: main)',
        'did you mean "main"?',
      ],
      [
        "id: child\nextends: ../parent\naudiences:\n  short: { omit: [main] }\n",
        "child/template.yaml:4:3",
        "audiences.short: a new audience needs label: (an audience changes only some fields when it has the id of an inherited one)",
        undefined,
      ],
      [
        "id: child\nextends: ../parent\nsections:\n  mian: { blocks: { intro: { remove: true } } }\n",
        "child/template.yaml:4:3",
        'section "mian" is not inherited, so it needs file: (a section only changes blocks of a section it inherits)',
        'did you mean "main"?',
      ],
      [
        "id: child\nextends: ../parent\naudiences:\n  full: { titel: Other }\n",
        "child/template.yaml:4:11",
        'audiences.full: unknown key "titel"',
        'did you mean "title"?',
      ],
    ];
    for (const [yaml, where, message, hint] of cases) {
      const { child } = pair({ "child/template.yaml": yaml });
      const e = await firstError(child);
      expect({ where: e.where, message: e.message, hint: e.hint }, yaml).toEqual({
        where,
        message,
        hint,
      });
    }
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
