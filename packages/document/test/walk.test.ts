import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  type BlockType,
  type Document,
  emph,
  type Inline,
  type InlineType,
  inlineChildren,
  inlines,
  link,
  para,
  SKIP,
  someInline,
  strong,
  walkBlock,
  walkDocument,
} from "../src/index.js";

/** Every block and inline type of the model: the compiler rejects these objects when the model gains one. */
const BLOCK_TYPES = {
  heading: true,
  paragraph: true,
  list: true,
  table: true,
  figure: true,
  keyFigures: true,
  callout: true,
  pageBreak: true,
  toc: true,
} satisfies Record<BlockType, true>;
const INLINE_TYPES = {
  text: true,
  number: true,
  emphasis: true,
  strong: true,
  link: true,
  lineBreak: true,
  footnoteRef: true,
  insertion: true,
  deletion: true,
} satisfies Record<InlineType, true>;

const fixture = (name: string): Document =>
  JSON.parse(readFileSync(join(import.meta.dirname, "fixtures", `${name}.json`), "utf8"));
const corpus = ["kitchen-sink", "long-table", "unicode", "tracked-changes"].map(fixture);

describe("walkDocument", () => {
  it("visits every block and inline type of the model in the fixture corpus", () => {
    const blocks = new Set<string>();
    const inlineTypes = new Set<string>();
    for (const doc of corpus) {
      walkDocument(doc, {
        block: (b) => {
          blocks.add(b.type);
        },
        inline: (x) => {
          inlineTypes.add(x.type);
        },
      });
    }
    expect([...blocks].sort()).toEqual(Object.keys(BLOCK_TYPES).sort());
    expect([...inlineTypes].sort()).toEqual(Object.keys(INLINE_TYPES).sort());
  });

  it("reaches nested nodes in document order, with the paths the writers report", () => {
    const doc = fixture("kitchen-sink");
    const paths: string[] = [];
    walkDocument(doc, {
      block: (_, path) => {
        paths.push(path);
      },
      inline: (x, path) => {
        if (x.type === "number" || x.type === "footnoteRef") paths.push(`${path} ${x.type}`);
      },
    });
    // The key figures' values, a number in a nested list item, a table cell and the footnotes' paragraphs.
    expect(paths).toContain("blocks[2].items[0].value number");
    expect(paths).toContain("blocks[8].items[0][0].children[1] number");
    expect(paths).toContain("blocks[8].items[1][1].items[0][0]");
    expect(paths).toContain("blocks[9].body[0].cells[1].children[0] number");
    expect(paths).toContain("blocks[5].children[7] footnoteRef");
    expect(paths).toContain("footnotes[1].children[0]");
    // Pre-order: a block before what it holds, blocks before footnotes.
    expect(paths.indexOf("blocks[8]")).toBeLessThan(paths.indexOf("blocks[8].items[0][0]"));
    expect(paths.indexOf("blocks[13]")).toBeLessThan(paths.indexOf("footnotes[0].children[0]"));
    // Every path the walker gives names a node of the JSON.
    for (const p of paths) {
      const at = p.split(" ")[0] ?? "";
      const node = at
        .split(/\.|(?=\[)/)
        .filter(Boolean)
        .reduce<unknown>(
          (o, key) => (o as Record<string, unknown>)[key.replace(/^\[(\d+)\]$/, "$1")],
          doc,
        );
      expect(node, at).toBeTypeOf("object");
    }
  });

  it("visits a node of a type it does not know (a newer model) without entering it", () => {
    const doc = fixture("unicode");
    const video = { type: "video", children: [{ type: "text", value: "inside" }] };
    doc.blocks.push(video as never);
    const seen: string[] = [];
    walkDocument(doc, {
      block: (b, path) => {
        seen.push(`${path} ${b.type}`);
      },
      inline: (x) => {
        if (x.type === "text" && x.value === "inside") seen.push("entered");
      },
    });
    expect(seen).toContain(`blocks[${doc.blocks.length - 1}] video`);
    expect(seen).not.toContain("entered");
  });

  it("leaves a node's contents out when the visitor returns SKIP", () => {
    const seen: string[] = [];
    walkBlock(para("a ", strong("b ", emph("c")), " d"), "p", {
      inline: (x) => {
        seen.push(x.type === "text" ? x.value : x.type);
        return x.type === "strong" ? SKIP : undefined;
      },
    });
    expect(seen).toEqual(["a ", "strong", " d"]);
  });
});

describe("inlineChildren and someInline", () => {
  it("give the children of containers and none of leaves", () => {
    const [l] = inlines(link("https://example.org", "x")) as [Inline];
    expect(inlineChildren(l)).toEqual([{ type: "text", value: "x" }]);
    expect(inlineChildren({ type: "lineBreak" })).toEqual([]);
  });

  it("find a node at any depth", () => {
    const xs = inlines("a ", strong(emph(link("https://example.org", "deep"))));
    expect(someInline(xs, (x) => x.type === "link")).toBe(true);
    expect(someInline(xs, (x) => x.type === "footnoteRef")).toBe(false);
  });
});
