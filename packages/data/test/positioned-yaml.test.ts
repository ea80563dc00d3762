/**
 * parseYaml / validateYaml: the one YAML reader. The same data and the same
 * positions on both paths (fast and `yaml`), BOM and CRLF, the parser's
 * problems as data, and what `locate` answers for paths in and out of the
 * document.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, test } from "vitest";
import * as z from "zod";
import { type ParsedYaml, parseYaml, validateYaml, type YamlPath } from "../src/index.js";

const repo = resolve(import.meta.dirname, "../../..");

function parsed(text: string, positions: "lazy" | "eager" = "eager"): ParsedYaml {
  const r = parseYaml(text, { positions });
  if (!r.ok) throw new Error(`did not parse: ${JSON.stringify(r.problems)}`);
  return r;
}

/** `line:column` of a path, for short expectations. */
function at(yaml: ParsedYaml, path: YamlPath, part?: "key" | "value"): string {
  const p = yaml.locate(path, part);
  return `${p.line}:${p.column}`;
}

const doc = [
  "# a comment",
  "title: Trade", // 2
  "empty:", // 3
  "table:", // 4
  "  id: trade", // 5
  "  columns:", // 6
  "    - name: year", // 7
  "      type: period", // 8
  "    - { name: exports, unit: USD }", // 9
  "",
].join("\n");

describe("locate", () => {
  const yaml = parsed(doc);

  test("a value, or its key with part key", () => {
    expect(at(yaml, ["title"])).toBe("2:8");
    expect(at(yaml, ["title"], "key")).toBe("2:1");
    expect(at(yaml, ["table", "columns", 1, "unit"])).toBe("9:30");
    expect(at(yaml, ["table", "columns", 1, "unit"], "key")).toBe("9:24");
  });

  test("a list item at its start, either part", () => {
    expect(at(yaml, ["table", "columns", 0])).toBe("7:7");
    expect(at(yaml, ["table", "columns", 0], "key")).toBe("7:7");
    expect(at(yaml, ["table", "columns", 1])).toBe("9:7");
  });

  test("a key written with nothing after it: its empty value ends the line", () => {
    expect(at(yaml, ["empty"])).toBe("3:7");
    expect(at(yaml, ["empty"], "key")).toBe("3:1");
    expect(at(yaml, ["empty", "deeper", 0])).toBe("3:7");
    expect(at(yaml, ["empty", "deeper", 0], "key")).toBe("3:1");
  });

  test("a key without a value node is located at the key, even inside the path", () => {
    const flow = parsed("a: { b, c: 1 }\n");
    expect(at(flow, ["a", "b"])).toBe("1:6");
    expect(at(flow, ["a", "b", "deeper"])).toBe("1:6");
    expect(at(flow, ["a", "c"])).toBe("1:12");
  });

  test("the whole document at its first node, past comments", () => {
    expect(at(yaml, [])).toBe("2:1");
    expect(at(yaml, [], "key")).toBe("2:1");
  });

  test("a path that leaves the document: the deepest node (value), the entry lacking it (key)", () => {
    // `table` holds a mapping starting on line 5: the value; its key on line 4.
    expect(at(yaml, ["table", "missing"])).toBe("5:3");
    expect(at(yaml, ["table", "missing"], "key")).toBe("4:1");
    // Out of range in a list: the list (value) or its key.
    expect(at(yaml, ["table", "columns", 5])).toBe("7:5");
    expect(at(yaml, ["table", "columns", 5], "key")).toBe("6:3");
    // Into a list item that lacks the key: the item either way.
    expect(at(yaml, ["table", "columns", 0, "unit"])).toBe("7:7");
    expect(at(yaml, ["table", "columns", 0, "unit"], "key")).toBe("7:7");
    // Through a scalar: the scalar (value) or its key.
    expect(at(yaml, ["title", "x"])).toBe("2:8");
    expect(at(yaml, ["title", "x"], "key")).toBe("2:1");
  });

  test("the fast path answers the same data and, on demand, the same positions", () => {
    const lazy = parsed(doc, "lazy");
    expect(lazy.data).toStrictEqual(yaml.data);
    const paths: [YamlPath, "key" | "value"][] = [
      [["title"], "value"],
      [["table", "columns", 1, "unit"], "key"],
      [["table", "missing"], "key"],
      [["table", "columns", 5], "value"],
    ];
    for (const [path, part] of paths) expect(at(lazy, path, part)).toBe(at(yaml, path, part));
  });

  test("the shipped dataset.yaml reads the same both ways", () => {
    const text = readFileSync(resolve(repo, "data/russia-japan/2005/dataset.yaml"), "utf8");
    const lazy = parsed(text, "lazy");
    const eager = parsed(text, "eager");
    expect(lazy.data).toStrictEqual(eager.data);
    expect(at(lazy, ["tables", 2, "columns", 1, "unit"])).toBe(
      at(eager, ["tables", 2, "columns", 1, "unit"]),
    );
  });
});

describe("text", () => {
  test("a BOM is dropped: positions on line 1 are as without it", () => {
    for (const positions of ["lazy", "eager"] as const) {
      const yaml = parsed("\uFEFFa: 1\nb: two\n", positions);
      expect(yaml.data).toStrictEqual({ a: 1, b: "two" });
      expect(at(yaml, ["a"], "key")).toBe("1:1");
      expect(at(yaml, ["a"])).toBe("1:4");
    }
  });

  test("CRLF line ends: the same data and positions as LF", () => {
    const lf = "a:\n  b: 1\n  c: two\n";
    const crlf = lf.replaceAll("\n", "\r\n");
    for (const positions of ["lazy", "eager"] as const) {
      const [x, y] = [parsed(lf, positions), parsed(crlf, positions)];
      expect(y.data).toStrictEqual(x.data);
      expect(at(y, ["a", "c"])).toBe("3:6");
      expect(at(y, ["a", "c"], "key")).toBe(at(x, ["a", "c"], "key"));
    }
  });

  test("nesting up to the limit is read, the same data on both paths", () => {
    // The root mapping is one level: 63 lists inside it make 64.
    const deep = `a: ${"[".repeat(63)}1${"]".repeat(63)}\n`;
    let expected: unknown = 1;
    for (let i = 0; i < 63; i++) expected = [expected];
    expect(parsed(deep, "lazy").data).toStrictEqual({ a: expected });
    expect(parsed(deep, "eager").data).toStrictEqual({ a: expected });
  });

  test("YAML 1.2 core schema: yes is text, 012 is twelve, a date is text", () => {
    for (const positions of ["lazy", "eager"] as const) {
      expect(parsed("a: yes\nb: 012\nc: 2005-09-08\n", positions).data).toStrictEqual({
        a: "yes",
        b: 12,
        c: "2005-09-08",
      });
    }
  });
});

describe("problems", () => {
  const problems = (text: string) => {
    const r = parseYaml(text);
    if (r.ok) throw new Error("parsed");
    return r.problems;
  };

  test("every duplicate key, with the key as written", () => {
    expect(problems('a: 1\nb:\n  c: 1\n  "c": 2\na: 3\n')).toMatchObject([
      { kind: "duplicate-key", key: "c", at: { line: 4, column: 3 } },
      { kind: "duplicate-key", key: "a", at: { line: 5, column: 1 } },
    ]);
  });

  test("an indentation error: at the line's start, its token past the spaces", () => {
    expect(problems("a:\n  b: 1\n c: 2\n")).toEqual([
      {
        kind: "syntax",
        at: { line: 3, column: 1 },
        token: { line: 3, column: 2 },
        echo: false,
        message: "All mapping items must start at the same column",
      },
    ]);
  });

  test("syntax errors after the first are marked as echoes, in the parser's order", () => {
    const found = problems("a:\n  - x\n - y\n");
    expect(found.map((p) => p.kind === "syntax" && p.echo)).toEqual([false, true, true]);
    expect(found[0]?.at).toEqual({ line: 3, column: 1 });
  });

  test("CRLF line ends: the same problems at the same places as LF", () => {
    for (const lf of [
      "a:\n  b: 1\n c: 2\n",
      "a:\n  - x\n - y\n",
      "a: 1\nb:   \nb: 2\n",
      "a: 'x\nb: 1\n",
    ]) {
      expect(problems(lf.replaceAll("\n", "\r\n"))).toEqual(problems(lf));
    }
  });

  test("an alias bomb is refused at the first alias, not expanded", () => {
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x, x]",
      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]",
      "d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]",
    ].join("\n");
    expect(problems(bomb)).toMatchObject([{ kind: "alias", at: { line: 2, column: 8 } }]);
  });

  test("an alias with no anchor is refused too, at the alias", () => {
    expect(problems("a: 1\nb: *nowhere\n")).toEqual([
      {
        kind: "alias",
        reason: "unresolved",
        name: "nowhere",
        at: { line: 2, column: 4 },
        message: "the alias *nowhere has no anchor &nowhere before it",
      },
    ]);
  });

  test("an alias inside the value its anchor marks (a cycle) is refused at the alias", () => {
    expect(problems("a: 1\nb: &loop [1, [2, *loop]]\n")).toEqual([
      {
        kind: "alias",
        reason: "cycle",
        name: "loop",
        at: { line: 2, column: 18 },
        message: "the alias *loop is inside the value &loop marks (a cycle)",
      },
    ]);
  });

  test("one anchor repeated by many aliases is not a cycle", () => {
    expect(parsed("- &r {x: 1}\n- *r\n- *r\n").data).toStrictEqual([{ x: 1 }, { x: 1 }, { x: 1 }]);
  });

  test("a few aliases expand", () => {
    expect(parsed("a: &x [1, 2]\nb: *x\n").data).toStrictEqual({ a: [1, 2], b: [1, 2] });
  });
});

describe("validateYaml", () => {
  const item = z.object({ id: z.string(), size: z.number().optional() }).strict();
  const file = z.object({ items: z.array(item) }).strict();
  const text = "items:\n  - id: a\n    size: 2\n  - id: b\n    sise: 3\n";

  test("the typed value when the schema accepts", () => {
    const r = validateYaml(parsed(text), item, ["items", 0]);
    expect(r).toEqual({ ok: true, value: { id: "a", size: 2 } });
  });

  test("problems explained, with paths relative to the base and positions in the file", () => {
    const r = validateYaml(parsed(text), item, ["items", 1]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toMatchObject([
      {
        kind: "unrecognized_keys",
        path: ["sise"],
        part: "key",
        hint: 'did you mean "size"?',
        at: { line: 5, column: 5 },
      },
    ]);
  });

  test("the whole document by default; a missing key at the mapping that lacks it", () => {
    const r = validateYaml(parsed("items:\n  - size: 1\n"), file);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toMatchObject([
      { kind: "invalid_type", path: ["items", 0], part: "key", at: { line: 2, column: 5 } },
    ]);
    expect(r.problems[0]?.message).toContain('"id"');
  });
});

describe("nesting limit (maxNestingDepth = 64)", () => {
  const problems = (text: string, positions: "lazy" | "eager") => {
    const r = parseYaml(text, { positions });
    if (r.ok) throw new Error("parsed");
    return r.problems;
  };
  const depth = (line: number, column: number) => [
    {
      kind: "depth",
      at: { line, column },
      limit: 64,
      message: "lists and mappings nested more than 64 deep",
    },
  ];

  test.each(["lazy", "eager"] as const)("block mappings 2,000 deep: at the 65th key (%s)", (p) => {
    let text = "";
    for (let i = 0; i < 2000; i++) text += `${" ".repeat(i)}a:\n`;
    expect(problems(`${text}${" ".repeat(2000)}x\n`, p)).toEqual(depth(65, 65));
  });

  test.each(["lazy", "eager"] as const)("block lists 2,000 deep: at the 65th dash (%s)", (p) => {
    let text = "";
    for (let i = 0; i < 2000; i++) text += `${" ".repeat(2 * i)}-\n`;
    expect(problems(text, p)).toEqual(depth(65, 129));
  });

  test.each(["lazy", "eager"] as const)("[ x 10,000, closed or not: at the 65th [ (%s)", (p) => {
    expect(problems(`${"[".repeat(10_000)}${"]".repeat(10_000)}`, p)).toEqual(depth(1, 65));
    expect(problems("[".repeat(10_000), p)).toEqual(depth(1, 65));
  });

  test.each(["lazy", "eager"] as const)('{"a": x 10,000: at the 65th { (%s)', (p) => {
    const text = `${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}`;
    expect(problems(text, p)).toEqual(depth(1, 5 * 64 + 1));
  });

  test("shapes that overflowed yaml's parser (closing thousands of levels at once)", () => {
    let mapDedent = "";
    for (let i = 0; i < 3000; i++) mapDedent += `${" ".repeat(i)}a:\n`;
    expect(problems(`${mapDedent}${" ".repeat(3000)}x\nb: 1\n`, "eager")).toEqual(depth(65, 65));
    let seqDedent = "";
    for (let i = 0; i < 3000; i++) seqDedent += `${" ".repeat(2 * i)}-\n`;
    expect(problems(`${seqDedent}b\n`, "eager")).toEqual(depth(65, 129));
    expect(problems(`${"- ".repeat(5000)}x\n- y\n`, "eager")).toEqual(depth(1, 129));
    expect(problems(`${"? ".repeat(5000)}x\nb: 1\n`, "eager")).toEqual(depth(1, 129));
    expect(problems(`${"[".repeat(2900)}-\nb: 1\n`, "eager")).toEqual(depth(1, 65));
  });

  test("aliases that put a deep value inside a deep value: at the first alias", () => {
    const text = [
      `a: &a ${"[".repeat(40)}1${"]".repeat(40)}`,
      `b: ${"[".repeat(40)}*a${"]".repeat(40)}`,
      "",
    ].join("\n");
    expect(problems(text, "lazy")).toEqual(depth(2, 44));
  });
});

describe("a list or mapping as a key (a fuzz finding: yaml stringified it, with a warning)", () => {
  test.each(["lazy", "eager"] as const)("is a problem at the key (%s)", (positions) => {
    const r = parseYaml("a: 1\n{ x: 1 }: 2\n", { positions });
    expect(r.ok ? [] : r.problems).toEqual([
      {
        kind: "syntax",
        at: { line: 2, column: 1 },
        token: { line: 2, column: 1 },
        echo: false,
        message: "a list or mapping used as a key: keys are plain values",
      },
    ]);
    const flow = parseYaml("- { [a]: b }\n", { positions });
    expect(flow.ok ? [] : flow.problems.map((p) => p.at)).toEqual([{ line: 1, column: 5 }]);
  });
});

describe("tags are refused, each at its position", () => {
  test("custom, language and yaml's own tags, even !!str", () => {
    const text = [
      "a: !!js/function 'function () {}'",
      "b: !include /etc/passwd",
      "c: !custom 3",
      "d: !!binary aGVsbG8=",
      "e: !!set { x, y }",
      "f: !!omap [ x: 1 ]",
      "g: !!timestamp 2001-12-14",
      "h: [1, !!str 2]",
      "i: ! plain",
      "",
    ].join("\n");
    for (const positions of ["lazy", "eager"] as const) {
      const r = parseYaml(text, { positions });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(
        r.problems.map((p) => (p.kind === "tag" ? [p.tag, p.at.line, p.at.column] : p)),
      ).toEqual([
        ["!!js/function", 1, 4],
        ["!include", 2, 4],
        ["!custom", 3, 4],
        ["!!binary", 4, 4],
        ["!!set", 5, 4],
        ["!!omap", 6, 4],
        ["!!timestamp", 7, 4],
        ["!!str", 8, 8],
        ["!", 9, 4],
      ]);
    }
  });

  test("a tag on a block collection, and one declared by %TAG", () => {
    const r = parseYaml("%TAG !e! tag:example.com,2000:\n---\na: !e!thing\n  b: 1\n");
    expect(r.ok ? [] : r.problems).toMatchObject([
      { kind: "tag", tag: "!e!thing", at: { line: 3, column: 4 } },
    ]);
  });

  test("a syntax error is told first; tags only in a file that parses", () => {
    const r = parseYaml("a: !x 1\n b: 2\n");
    expect(r.ok ? [] : r.problems.map((p) => p.kind)).not.toContain("tag");
  });
});
