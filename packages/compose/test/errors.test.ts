/**
 * Bad templates: each case is a tiny template written to a temporary folder,
 * composed against the 2005 dataset; the first error must carry the expected
 * code and its `file:line:column`. Nothing is thrown, nothing is written.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { type Dataset, loadDataset } from "@briefkit/data";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compose } from "../src/index.js";

const root = resolve(import.meta.dirname, "../../..");
let dataset: Dataset;
const dirs: string[] = [];

beforeAll(async () => {
  const r = await loadDataset(join(root, "data/russia-japan/2005"));
  if (!r.ok) throw new Error("the 2005 dataset must load");
  dataset = r.dataset;
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const header = `id: mini
title: Mini
indicators:
  - id: trade
    function: value
    input: { table: bilateral-trade, measure: total }
    period: latest
    format: { style: currency, decimals: 1, scale: billion }
`;

function template(files: Record<string, string>, extra = ""): string {
  const dir = mkdtempSync(join(tmpdir(), "briefkit-compose-"));
  dirs.push(dir);
  const yaml =
    files["template.yaml"] ??
    `${header}${extra}sections:\n  main: { file: sections/main.md }\naudiences:\n  full: { label: Full, sections: [main] }\n`;
  for (const [name, text] of Object.entries({ ...files, "template.yaml": yaml })) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** The first error composing `dir`; charts are left out unless `charts` is true. */
async function firstError(dir: string, audience = "full", charts = false) {
  const r = await compose({
    templateDir: dir,
    dataset,
    audience,
    ...(charts ? {} : { figures: false }),
  });
  expect(r.ok).toBe(false);
  const e = r.issues.find((i) => i.severity === "error");
  expect(e).toBeDefined();
  return { ...e!, where: `${e!.file.slice(dir.length + 1)}:${e!.line}:${e!.column}` };
}

describe("compose: bad templates give positioned errors", () => {
  it("an unknown variable", async () => {
    const e = await firstError(
      template({ "sections/main.md": "# Main\n\nTrade was {{ ind.trade }} and {{ ind.nope }}.\n" }),
    );
    expect(e.code).toBe("liquid-render");
    expect(e.where).toBe("sections/main.md:3:34");
    expect(e.message).toContain("ind.nope");
    expect(e.hint).toContain("trade");
  });

  it("an unknown filter", async () => {
    const e = await firstError(
      template({ "sections/main.md": "# Main\n\n{{ ind.trade | shout }}\n" }),
    );
    expect(e.code).toBe("liquid-syntax");
    expect(e.where).toBe("sections/main.md:3:1");
    expect(e.message).toContain("shout");
  });

  it("a Liquid syntax error", async () => {
    const e = await firstError(
      template({ "sections/main.md": "# Main\n\nText.\n\n{% if ind.trade.value > 1 %}\nbig\n" }),
    );
    expect(e.code).toBe("liquid-syntax");
    expect(e.where).toBe("sections/main.md:5:1");
  });

  it("prototype probing finds nothing", async () => {
    const e = await firstError(
      template({ "sections/main.md": "# Main\n\n{{ ind.trade.constructor }}\n" }),
    );
    expect(e.code).toBe("liquid-render");
    expect(e.message).toContain("constructor");
    const f = await firstError(
      template({ "sections/main.md": "# Main\n\n{{ audience.constructor.name }}\n" }),
    );
    expect(f.code).toBe("liquid-render");
  });

  it("an unknown indicator, table and chart in directives", async () => {
    const dir = template({
      "sections/main.md": "# Main\n\n::table{ref=nope}\n\n::figure{ref=nochart}\n",
    });
    const r = await compose({ templateDir: dir, dataset, audience: "full", figures: false });
    const errs = r.issues
      .filter((i) => i.severity === "error")
      .map((i) => `${i.code}@${i.line}:${i.column}`);
    expect(errs).toEqual(["unknown-table@3:1", "unknown-chart@5:1"]);
  });

  it("an unknown indicator in a template's key figures", async () => {
    const dir = template(
      { "sections/main.md": "# Main\n\n::keyfigures{ref=box}\n" },
      "keyFigures:\n  box: { items: [{ indicator: nope, label: Nope }] }\n",
    );
    const e = await firstError(dir);
    expect(e.code).toBe("unknown-indicator");
    // The item itself: `{ indicator: nope, … }` inside the box's items.
    expect(e.where).toBe("template.yaml:10:18");
  });

  it("an indicator naming an unknown table", async () => {
    const dir = template({
      "template.yaml": `id: mini\ntitle: Mini\nindicators:\n  - id: trade\n    function: value\n    input: { table: no-such-table, measure: total }\nsections:\n  main: { file: sections/main.md }\naudiences:\n  full: { label: Full, sections: [main] }\n`,
      "sections/main.md": "# Main\n",
    });
    const e = await firstError(dir);
    expect(e.code).toBe("unknown-table");
    expect(e.where).toBe("template.yaml:6:14");
    expect(e.message).toBe(
      `indicator trade: unknown table "no-such-table" in the data loaded, ${relative(process.cwd(), join(root, "data/russia-japan/2005"))} (tables there: ${dataset.tables.map((t) => t.id).join(", ")})`,
    );
  });

  it("a directive with a missing or wrong argument", async () => {
    expect((await firstError(template({ "sections/main.md": "# Main\n\n::table\n" }))).code).toBe(
      "directive-argument",
    );
    const e = await firstError(
      template({ "sections/main.md": "# Main\n\n:::callout{kind=shout}\nx\n:::\n" }),
    );
    expect(e.code).toBe("directive-argument");
    expect(e.where).toBe("sections/main.md:3:1");
    const u = await firstError(
      template({ "sections/main.md": "# Main\n\nIntro.\n\n::chart{ref=x}\n" }),
    );
    expect(u.code).toBe("directive-unknown");
    expect(u.where).toBe("sections/main.md:5:1");
  });

  // Each way a directive's name or attributes can be wrong, word for word:
  // the attributes are parsed by one schema per directive, and the messages
  // say what the author wrote and what the directive takes.
  it.each([
    [
      "::table{ref=}",
      '::table: cannot read its attributes; write them as {key=value key="a value"}',
    ],
    [
      "::figure{ref=x size=big colour=red}",
      "::figure: unknown attributes size, colour (allowed: ref)",
    ],
    ["::figure{ref=nope title=y}", "::figure: unknown attribute title (allowed: ref)"],
    ["::pagebreak{x=1}", "::pagebreak: unknown attribute x (allowed: none)"],
    [
      ':::callout{kind=finding title="T" extra=1}\nx\n:::',
      "::callout: unknown attribute extra (allowed: kind, title)",
    ],
    ["::table", "::table needs a ref attribute, e.g. ::table{ref=some-id}"],
    ["::figure{ref}", "::figure needs a ref attribute, e.g. ::figure{ref=some-id}"],
    ['::keyfigures{ref=""}', "::keyfigures needs a ref attribute, e.g. ::keyfigures{ref=some-id}"],
    [
      ":::callout{kind=shout}\nx\n:::",
      '::callout: kind="shout" is not one of finding, note, recommendation',
    ],
    [
      ':::callout{kind=""}\nx\n:::',
      '::callout: kind="" is not one of finding, note, recommendation',
    ],
    [":::callout\n:::", "this callout is empty; write its text between :::callout{…} and :::"],
  ])("directive %j: %s", async (source, message) => {
    const e = await firstError(template({ "sections/main.md": `# Main\n\nText.\n\n${source}\n` }));
    expect([e.code, e.where, e.message]).toEqual([
      "directive-argument",
      "sections/main.md:5:1",
      message,
    ]);
  });

  it.each([
    ["::table{ref=nope}", "unknown-table", 'unknown table "nope" (tables in template.yaml: none)'],
    ["::figure{ref=nope}", "unknown-chart", 'unknown chart "nope" (charts in template.yaml: none)'],
    [
      "::keyfigures{ref=nope}",
      "unknown-key-figures",
      'unknown key-figures box "nope" (key-figures boxes in template.yaml: none)',
    ],
  ])("a directive naming something not declared: %s", async (source, code, message) => {
    const e = await firstError(template({ "sections/main.md": `# Main\n\n${source}\n` }));
    expect([e.code, e.where, e.message]).toEqual([code, "sections/main.md:3:1", message]);
  });

  it("an unknown directive names the nearest one and lists them all", async () => {
    const e = await firstError(template({ "sections/main.md": "# Main\n\n::figur{ref=x}\n" }));
    expect([e.code, e.where, e.message]).toEqual([
      "directive-unknown",
      "sections/main.md:3:1",
      'unknown directive "::figur"',
    ]);
    expect(e.hint).toBe(
      'did you mean ::figure? directives: ::figure{ref=exports-by-partner}, ::table{ref=exports}, ::keyfigures{ref=headline}, ::pagebreak, :::callout{kind=finding title="What to watch"} (docs/reference/directives.md)',
    );
  });

  it("a chart placed in a callout is named as a figure", async () => {
    const dir = template(
      { "sections/main.md": "# Main\n\n:::callout\n::figure{ref=trade}\n:::\n" },
      "charts:\n  trade: { preset: line, table: bilateral-trade, x: year, measures: [total], title: T, caption: C }\n",
    );
    const e = await firstError(dir, "full", true);
    expect([e.code, e.where, e.message]).toEqual([
      "directive-argument",
      "sections/main.md:3:1",
      "a callout may hold only paragraphs; this one holds a figure",
    ]);
  });

  it("a section listed but absent (at its file: key)", async () => {
    const e = await firstError(template({}));
    expect(e.code).toBe("section-file-missing");
    expect(e.where).toBe("template.yaml:10:11");
  });

  it("an audience naming an unknown section", async () => {
    const dir = template({
      "template.yaml": `${header}sections:\n  main: { file: sections/main.md }\naudiences:\n  full:\n    label: Full\n    sections: [main, appendix]\n`,
      "sections/main.md": "# Main\n",
    });
    const e = await firstError(dir);
    expect(e.code).toBe("unknown-section");
    expect(e.where).toBe("template.yaml:14:22");
  });

  it("an unknown audience", async () => {
    const e = await firstError(template({ "sections/main.md": "# Main\n" }), "board");
    expect(e.code).toBe("unknown-audience");
    expect(e.message).toContain("full");
  });

  it("an extends cycle, naming the chain", async () => {
    const a = template({ "sections/main.md": "# Main\n" });
    const b = join(a, "child");
    mkdirSync(b);
    writeFileSync(join(b, "template.yaml"), "id: child\nextends: ..\n");
    writeFileSync(
      join(a, "template.yaml"),
      `${header}extends: child\nsections:\n  main: { file: sections/main.md }\naudiences:\n  full: { label: Full, sections: [main] }\n`,
    );
    const e = await firstError(b);
    expect(e.code).toBe("extends-cycle");
    expect(e.message).toContain("→");
  });

  it("includes that escape the template folder", async () => {
    for (const target of [
      "../secret.md",
      "/etc/passwd",
      ".env",
      "partials/link.md",
      "partials/.hidden.md",
    ]) {
      const dir = template({
        "sections/main.md": `# Main\n\n{% include "${target}" %}\n`,
        ".env": "SECRET=1",
        "partials/.hidden.md": "hidden",
      });
      writeFileSync(join(dir, "..", "secret.md"), "secret");
      symlinkSync("/etc/hostname", join(dir, "partials", "link.md"));
      const e = await firstError(dir);
      expect(e.code, target).toBe("partial-not-allowed");
      expect(e.where, target).toBe("sections/main.md:3:1");
      rmSync(join(dir, "..", "secret.md"));
    }
  });

  it("a recursive include and a runaway loop stop in bounded time", async () => {
    const rec = await firstError(
      template({
        "sections/main.md": '# Main\n\n{% include "partials/a.md" %}\n',
        "partials/a.md": '{% include "partials/a.md" %}',
      }),
    );
    expect(rec.code).toBe("liquid-limit");
    const loop = await firstError(
      template({ "sections/main.md": "# Main\n\n{% for i in (1..100000000) %}x{% endfor %}\n" }),
    );
    expect(loop.code).toBe("liquid-limit");
    const huge = await firstError(
      template({
        "sections/main.md":
          '# Main\n\n{% assign s = "xxxxxxxxxx" %}{% for i in (1..300000) %}{{ s }}{% endfor %}\n',
      }),
    );
    expect(huge.code).toBe("liquid-limit");
  });

  it("a template.yaml that breaks the schema points at the key", async () => {
    const dir = template({
      "template.yaml":
        "id: mini\ntitle: Mini\naudiences:\n  full: { label: Full, sections: [main], colour: red }\n",
    });
    const e = await firstError(dir);
    expect(e.code).toBe("template-schema");
    expect(e.where).toBe("template.yaml:4:42");
  });

  it("an alias bomb or an alias with no anchor in template.yaml: an error at the alias, not a crash", async () => {
    // Each level holds ten of the one before: 10,000 values from three anchors.
    const tenOf = (item: string) => `[${Array(10).fill(item).join(", ")}]`;
    const bomb = `a: &a ${tenOf("x")}\nb: &b ${tenOf("*a")}\nc: &c ${tenOf("*b")}\nd: ${tenOf("*c")}`;
    const cases: Array<[string, string, RegExp]> = [
      [`${header}${bomb}\n`, "template.yaml:10:8", /alias count/],
      [`${header}subject: *nowhere\n`, "template.yaml:9:10", /nowhere/],
    ];
    for (const [yaml, where, message] of cases) {
      const e = await firstError(template({ "template.yaml": yaml }));
      expect(e.code).toBe("template-yaml");
      expect(e.where).toBe(where);
      expect(e.message).toMatch(message);
    }
  });

  it("errors a newcomer can act on: the sentence, at the bad key, with the nearest name", async () => {
    const cases: Array<[string, string, string, string, string | undefined]> = [
      [
        "a misspelt key of an indicator's input (a zod union)",
        "id: mini\ntitle: Mini\nindicators:\n  - id: trade\n    function: value\n    input: { table: bilateral-trade, measures: total }\n",
        "template.yaml:6:38",
        'indicators[0] (trade).input: a table reference needs table and measure (optional: where, label, period); found unknown key "measures"',
        'did you mean "measure"?',
      ],
      [
        "a misspelt top-level key",
        "id: mini\ntitel: Mini\n",
        "template.yaml:2:1",
        'unknown key "titel"',
        'did you mean "title"?',
      ],
      [
        "a misspelt function",
        "id: mini\ntitle: Mini\nindicators:\n  - { id: g, function: grwoth, input: { table: bilateral-trade, measure: total } }\n",
        "template.yaml:4:14",
        'indicators[0] (g).function: expected one of "value", "change", "growth", "cagr", "multiple", "index", "share", "balance", "coverage", "sum", "rank", "annualise", ... (14 in all), found "grwoth"',
        'did you mean "growth"?',
      ],
      [
        "a key-figures item that is neither an indicator nor a fact",
        "id: mini\ntitle: Mini\nkeyFigures:\n  box: { items: [{ indicatr: trade, label: Trade }] }\n",
        "template.yaml:4:20",
        'keyFigures.box.items[0]: an indicator reference needs indicator and label; found unknown key "indicatr"',
        'did you mean "indicator"?',
      ],
    ];
    for (const [what, yaml, where, message, hint] of cases) {
      const e = await firstError(template({ "template.yaml": yaml }));
      expect({ code: e.code, where: e.where, message: e.message, hint: e.hint }, what).toEqual({
        code: "template-schema",
        where,
        message,
        hint,
      });
    }
  });

  it("an unknown indicator in the prose: the nearest indicator, not a list", async () => {
    const e = await firstError(
      template({ "sections/main.md": "# Main\n\nTrade was {{ ind.trad }}.\n" }),
    );
    expect(e.where).toBe("sections/main.md:3:14");
    expect(e.message).toBe("undefined variable: ind.trad");
    expect(e.hint).toBe('did you mean "trade"?');
    const f = await firstError(
      template({ "sections/main.md": "# Main\n\nCost {{ fact.pacific-pipeline-cots }}.\n" }),
    );
    expect(f.hint).toBe('did you mean "pacific-pipeline-cost"?');
  });

  it("a measure or fact that is not in the data: the nearest name, at the key", async () => {
    const e = await firstError(
      template({
        "template.yaml":
          "id: mini\ntitle: Mini\nindicators:\n  - id: trade\n    function: value\n    input: { table: bilateral-trade, measure: totl }\nsections:\n  main: { file: sections/main.md }\naudiences:\n  full: { label: Full, sections: [main] }\n",
        "sections/main.md": "# Main\n",
      }),
    );
    expect(e.where).toBe("template.yaml:6:38");
    expect(e.message).toBe(
      'indicator trade: table bilateral-trade has no number column "totl"; did you mean "total"?',
    );
    const f = await firstError(
      template(
        { "sections/main.md": "# Main\n\n::keyfigures{ref=box}\n" },
        "keyFigures:\n  box: { items: [{ fact: fdi-stok, label: FDI }] }\n",
      ),
    );
    expect(f.code).toBe("unknown-fact");
    expect(f.where).toBe("template.yaml:10:18");
    expect(f.message).toBe('unknown fact "fdi-stok"; did you mean "fdi-stock"?');
  });

  it("a table column that is not there: the nearest column", async () => {
    const e = await firstError(
      template(
        { "sections/main.md": "# Main\n\n::table{ref=t}\n" },
        "tables:\n  t: { table: bilateral-trade, caption: Trade, columns: [{ field: year }, { field: exprts }] }\n",
      ),
    );
    expect(e.code).toBe("unknown-column");
    expect(e.where).toBe("template.yaml:10:77");
    expect(e.message).toBe(
      'table bilateral-trade has no column "exprts" (did you mean "exports"?)',
    );
  });

  it("unsafe Markdown links and raw HTML", async () => {
    const e = await firstError(
      template({ "sections/main.md": "# Main\n\nSee [this](javascript:alert(1)).\n" }),
    );
    expect(e.code).toBe("markdown-unsafe-link");
    expect(e.where).toBe("sections/main.md:3:5");
    const ok = await compose({
      templateDir: template({ "sections/main.md": "# Main\n\nA <script>alert(1)</script> tag.\n" }),
      dataset,
      audience: "full",
      figures: false,
    });
    expect(ok.ok).toBe(true);
    if (ok.ok) {
      const p = ok.document.blocks.find((b) => b.type === "paragraph");
      expect(JSON.stringify(p)).toContain("<script>alert(1)</script>");
      expect(p?.type === "paragraph" && p.children.every((c) => c.type === "text")).toBe(true);
    }
  });

  it("a callout holding a list is an error, not a silent drop", async () => {
    const e = await firstError(
      template({ "sections/main.md": "# Main\n\n:::callout{kind=note}\n- one\n- two\n:::\n" }),
    );
    expect(e.code).toBe("directive-argument");
    expect(e.where).toBe("sections/main.md:3:1");
    expect(e.message).toContain("list");
  });

  it("a chart period that is not in the data", async () => {
    const dir = template(
      { "sections/main.md": "# Main\n\n::figure{ref=trade}\n" },
      "charts:\n  trade: { preset: line, table: bilateral-trade, x: year, measures: [total], to: lately, title: T, caption: C }\n",
    );
    const r = await compose({ templateDir: dir, dataset, audience: "full" });
    const e = r.issues.find((i) => i.severity === "error");
    expect(e?.code).toBe("chart-error");
    expect(e?.message).toContain('"lately"');
    // At the `to:` key of the chart, not at the chart's first line.
    const line =
      "  trade: { preset: line, table: bilateral-trade, x: year, measures: [total], to: lately, title: T, caption: C }";
    expect(`${e?.line}:${e?.column}`).toBe(`10:${line.indexOf("to: lately") + 1}`);
  });
});
