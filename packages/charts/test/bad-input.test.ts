/**
 * Every kind of bad input gives a ChartError with issues that name the code,
 * the JSON path (and line:column when the spec came from a file) — never a
 * crash, an empty chart or NaN.
 */
import { describe, expect, it } from "vitest";
import {
  ChartError,
  type ChartInput,
  type ChartIssue,
  checkChart,
  lineChart,
  parseChartSpec,
  rasterize,
  renderChart,
} from "../src/index.js";
import { refusingLoader } from "../src/render.js";

const rows = [
  { period: "1998", value: 3.9, link: "https://www.mofa.go.jp/" },
  { period: "1999", value: 4.2, link: "https://www.mofa.go.jp/" },
];

const bar = {
  mark: "bar",
  encoding: {
    x: { field: "period", type: "ordinal" },
    y: { field: "value", type: "quantitative" },
  },
};

/** Render and return the issues of the ChartError it must throw. */
async function issuesOf(input: ChartInput, options = {}): Promise<ChartIssue[]> {
  try {
    await renderChart(input, options);
  } catch (error) {
    expect(error).toBeInstanceOf(ChartError);
    return [...(error as ChartError).issues];
  }
  throw new Error("expected a ChartError");
}

/** A spec as if read from a file: parsed with positions. */
function fromFile(spec: unknown, file = "charts/trade.vl.json"): ChartInput {
  return { ...parseChartSpec(JSON.stringify(spec, null, 2), file), rows };
}

describe("specs that ask to load something", () => {
  it("refuses data.url, naming file, path and line:column", async () => {
    const issues = await issuesOf(
      fromFile({ ...bar, data: { url: "https://example.org/trade.csv" } }),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({
        code: "data-url",
        path: "/data/url",
        file: "charts/trade.vl.json",
        line: 14,
        column: 12,
      }),
    );
  });

  it("refuses a file:// URL and a bare path in data", async () => {
    for (const url of ["file:///etc/passwd", "/etc/passwd", "../../secrets.csv"]) {
      const issues = await issuesOf({ spec: { ...bar, data: { url } }, rows });
      expect(issues.map((i) => i.code)).toContain("data-url");
    }
  });

  it("refuses a url in nested layers and in lookup's secondary data", async () => {
    const layered = { layer: [{ ...bar, data: { url: "file:///etc/hosts" } }] };
    expect((await issuesOf({ spec: layered, rows })).map((i) => i.path)).toContain(
      "/layer/0/data/url",
    );
    const lookup = {
      ...bar,
      transform: [
        {
          lookup: "period",
          from: { data: { url: "https://x.test/a.json" }, key: "period", fields: ["x"] },
        },
      ],
    };
    expect((await issuesOf({ spec: lookup, rows })).map((i) => i.code)).toContain("data-url");
  });

  it("refuses image marks and url channels", async () => {
    const image = {
      mark: "image",
      encoding: { x: { field: "period", type: "ordinal" }, url: { value: "file:///etc/passwd" } },
    };
    const codes = (await issuesOf({ spec: image, rows })).map((i) => i.code);
    expect(codes).toContain("image-mark");
    expect(codes).toContain("url-field");
  });

  it("the vega loader refuses every load and sanitizes links without rejecting", async () => {
    const collected = { issues: [], loads: [] as string[] };
    const loader = refusingLoader(collected);
    await expect(loader.load("file:///etc/passwd")).rejects.toThrow();
    await expect(loader.http("https://example.org/")).rejects.toThrow();
    await expect(loader.file("/etc/passwd")).rejects.toThrow();
    await expect(loader.sanitize("/etc/passwd", { context: "dataflow" })).rejects.toThrow();
    await expect(loader.sanitize("https://a.test/", { context: "href" })).resolves.toEqual({
      href: "https://a.test/",
    });
    await expect(loader.sanitize("javascript:alert(1)", { context: "href" })).resolves.toEqual({
      href: "",
    });
    expect(collected.loads).toEqual([
      "file:///etc/passwd",
      "https://example.org/",
      "/etc/passwd",
      "/etc/passwd",
    ]);
  });
});

describe("script and file links", () => {
  const withHref = { ...bar, encoding: { ...bar.encoding, href: { field: "link" } } };

  it("refuses javascript: in the rows of a link field, before vega sees it", async () => {
    const bad = [...rows, { period: "2000", value: 5.2, link: "javascript:alert(1)" }];
    const issues = await issuesOf({ spec: withHref, rows: bad });
    expect(issues).toContainEqual(
      expect.objectContaining({ code: "javascript-url", path: "rows/2/link" }),
    );
  });

  it("refuses javascript: anywhere in the data, however disguised", async () => {
    for (const value of [
      "javascript:alert(1)",
      " JavaScript:alert(1)",
      "java\tscript:alert(1)",
      "vbscript:msgbox",
    ]) {
      const bad = [{ period: "1998", value: 3.9, note: value }];
      const issues = await issuesOf({ spec: bar, rows: bad });
      expect(issues).toContainEqual(
        expect.objectContaining({ code: "javascript-url", path: "rows/0/note" }),
      );
    }
  });

  it("refuses javascript: and file: hrefs written in the spec, and computed hrefs", async () => {
    const literal = {
      ...bar,
      encoding: { ...bar.encoding, href: { value: "javascript:alert(1)" } },
    };
    expect(await issuesOf(fromFile(literal))).toContainEqual(
      expect.objectContaining({ code: "javascript-url", path: "/encoding/href/value", line: 13 }),
    );
    const file = { ...bar, mark: { type: "bar", href: "file:///etc/passwd" } };
    expect((await issuesOf({ spec: file, rows })).map((i) => i.code)).toContain("unsafe-link");
    const expr = {
      ...bar,
      encoding: { ...bar.encoding, href: { value: { expr: "'javas' + 'cript:x'" } } },
    };
    expect((await issuesOf({ spec: expr, rows })).map((i) => i.code)).toContain("link-expression");
    const computed = {
      ...bar,
      transform: [{ calculate: "'javascript:' + datum.period", as: "u" }],
      encoding: { ...bar.encoding, href: { field: "u" } },
    };
    expect((await issuesOf({ spec: computed, rows })).map((i) => i.code)).toContain(
      "link-expression",
    );
  });

  it("refuses file: and relative links in a link field", async () => {
    const bad = [{ period: "1998", value: 3.9, link: "file:///etc/passwd" }];
    const issues = await issuesOf({ spec: withHref, rows: bad });
    expect(issues).toContainEqual(
      expect.objectContaining({ code: "unsafe-link", path: "rows/0/link" }),
    );
  });

  it("renders safe https links, as links", async () => {
    const chart = await renderChart({ spec: withHref, rows });
    expect(chart.svg).toContain("https://www.mofa.go.jp/");
  });
});

describe("malformed specs", () => {
  it("names the JSON path and line:column of a wrong enum value", async () => {
    const spec = { ...bar, encoding: { ...bar.encoding, x: { field: "period", type: "ordnial" } } };
    const issues = await issuesOf(fromFile(spec));
    expect(issues).toEqual([
      expect.objectContaining({
        code: "schema",
        path: "/encoding/x/type",
        file: "charts/trade.vl.json",
        line: 6,
        column: 15,
      }),
    ]);
    expect(issues[0]!.message).toContain("ordinal");
  });

  it("names an unknown property and an unknown mark", async () => {
    const typo = await issuesOf({ spec: { ...bar, encodng: {} }, rows });
    expect(typo).toContainEqual(expect.objectContaining({ code: "schema", path: "/encodng" }));
    const mark = await issuesOf({ spec: { ...bar, mark: "barr" }, rows });
    expect(mark).toContainEqual(expect.objectContaining({ code: "schema", path: "/mark" }));
    const none = await issuesOf({ spec: { encoding: {} }, rows });
    expect(none).toContainEqual(expect.objectContaining({ code: "schema", path: "" }));
  });

  it("reports JSON syntax errors and duplicate keys with line:column", () => {
    const syntax = catchIssues(() => parseChartSpec('{\n  "mark": "bar",,\n}', "a.vl.json"));
    expect(syntax).toEqual([
      expect.objectContaining({ code: "json-syntax", file: "a.vl.json", line: 2, column: 17 }),
    ]);
    const dupe = catchIssues(() =>
      parseChartSpec('{\n  "mark": "bar",\n  "mark": "line"\n}', "a.vl.json"),
    );
    expect(dupe).toEqual([
      expect.objectContaining({ code: "duplicate-key", path: "/mark", line: 3, column: 3 }),
    ]);
    const notObject = catchIssues(() => parseChartSpec("[1, 2]", "a.vl.json"));
    expect(notObject).toEqual([expect.objectContaining({ code: "spec-not-object" })]);
  });

  it("refuses JSON nested past 100 levels at the bracket, before parsing; brackets in strings do not count", () => {
    const deep = catchIssues(() =>
      parseChartSpec(`{\n "a": ${"[".repeat(5000)}${"]".repeat(5000)}}`, "a.vl.json"),
    );
    expect(deep).toEqual([
      // `{` is level 1: the 100th `[` (from column 7) is level 101.
      expect.objectContaining({ code: "too-deep", file: "a.vl.json", line: 2, column: 7 + 99 }),
    ]);
    const inString = `{ "mark": "bar", "title": "${"[".repeat(500)}" }`;
    expect(parseChartSpec(inString).spec).toEqual({ mark: "bar", title: "[".repeat(500) });
  });

  it("puts an unknown property at its key, a bad value at the value", async () => {
    const text = '{\n  "mark": "bar",\n  "encodng": { "x": 1 },\n  "width": "wide"\n}';
    const issues = await issuesOf({ ...parseChartSpec(text, "a.vl.json"), rows });
    expect(issues).toContainEqual(
      expect.objectContaining({ code: "schema", path: "/encodng", line: 3, column: 3 }),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({ code: "schema", path: "/width", line: 4, column: 12 }),
    );
  });

  it("names the path of an expression that does not parse, and of one vega cannot run", async () => {
    const syntax = { ...bar, transform: [{ filter: "datum.value >" }] };
    expect(await issuesOf(fromFile(syntax))).toEqual([
      expect.objectContaining({
        code: "invalid-expression",
        path: "/transform/0/filter",
        line: 15,
        column: 17,
      }),
    ]);
    const unknownFunction = { ...bar, transform: [{ calculate: "foo(datum.value)", as: "x" }] };
    const issues = await issuesOf({ spec: unknownFunction, rows });
    expect(issues).toEqual([expect.objectContaining({ code: "render-failed" })]);
    expect(issues[0]!.message).toContain("foo");
  });

  it("refuses a spec that is not an object", async () => {
    expect((await issuesOf({ spec: "bar", rows })).map((i) => i.code)).toEqual(["spec-not-object"]);
  });
});

function catchIssues(fn: () => unknown): ChartIssue[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ChartError);
    return [...(error as ChartError).issues];
  }
  throw new Error("expected a ChartError");
}

describe("fields that are not in the data", () => {
  it("names the field, the path and the fields that exist", async () => {
    const spec = {
      ...bar,
      encoding: { ...bar.encoding, y: { field: "valeu", type: "quantitative" } },
    };
    const issues = await issuesOf(fromFile(spec));
    expect(issues).toEqual([
      expect.objectContaining({
        code: "unknown-field",
        path: "/encoding/y/field",
        line: 9,
        column: 16,
      }),
    ]);
    expect(issues[0]!.message).toContain('"valeu"');
    expect(issues[0]!.message).toContain('"link", "period", "value"');
    expect(issues[0]!.hint).toContain('"value"');
  });

  it("checks fields in transforms and expressions, and knows fields transforms make", async () => {
    const spec = {
      ...bar,
      transform: [
        { calculate: "datum.value * 1000", as: "millions" },
        { filter: "datum.vlaue > 0" },
      ],
      encoding: { ...bar.encoding, y: { field: "millions", type: "quantitative" } },
    };
    const issues = await issuesOf({ spec, rows });
    expect(issues).toEqual([
      expect.objectContaining({ code: "unknown-field", path: "/transform/1/filter" }),
    ]);
  });

  it("a preset given a field the rows lack fails the same way", async () => {
    const issues = await issuesOf(lineChart(rows, { x: "period", y: "amount" }));
    expect(issues.map((i) => i.code)).toContain("unknown-field");
    expect(issues.find((i) => i.code === "unknown-field")!.message).toContain('"amount"');
  });

  it("refuses text in a quantitative field instead of drawing NaN or nothing", async () => {
    const bad = [{ period: "1998", value: "—" }];
    const issues = await issuesOf({ spec: bar, rows: bad as never });
    expect(issues).toContainEqual(
      expect.objectContaining({ code: "invalid-row", path: "rows/0/value" }),
    );
  });

  it("refuses NaN and Infinity in rows", async () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY]) {
      const issues = await issuesOf({ spec: bar, rows: [{ period: "1998", value }] });
      expect(issues).toContainEqual(
        expect.objectContaining({ code: "non-finite-value", path: "rows/0/value" }),
      );
    }
  });
});

describe("size and count limits", () => {
  it("refuses an oversize width or height, and an oversize step", async () => {
    const wide = await issuesOf(fromFile({ ...bar, width: 50000 }));
    expect(wide).toContainEqual(
      expect.objectContaining({ code: "oversize", path: "/width", line: 13, column: 12 }),
    );
    const tall = await issuesOf({ spec: { ...bar, height: { step: 9000 } }, rows });
    expect(tall).toContainEqual(expect.objectContaining({ code: "oversize", path: "/height" }));
    const padded = await issuesOf({ spec: { ...bar, padding: 5000 }, rows });
    expect(padded).toContainEqual(expect.objectContaining({ code: "oversize", path: "/padding" }));
  });

  it("refuses a chart whose rendered size passes the limit", async () => {
    const issues = await issuesOf(
      { spec: { ...bar, width: 900 }, rows },
      { limits: { maxWidth: 500 } },
    );
    expect(issues.map((i) => i.code)).toContain("oversize");
  });

  it("refuses too many rows before rendering", async () => {
    const many = Array.from({ length: 6000 }, (_, i) => ({ period: String(i), value: i }));
    const issues = await issuesOf({ spec: bar, rows: many });
    expect(issues).toEqual([expect.objectContaining({ code: "too-many-rows", path: "rows" })]);
  });

  it("refuses too many marks", async () => {
    const some = Array.from({ length: 300 }, (_, i) => ({ period: String(i), value: i }));
    const issues = await issuesOf({ spec: bar, rows: some }, { limits: { maxMarks: 200 } });
    expect(issues).toEqual([expect.objectContaining({ code: "too-many-marks" })]);
  });

  it("refuses a huge data generator", async () => {
    const spec = { ...bar, data: { sequence: { start: 0, stop: 1e9, as: "value" } } };
    const issues = await issuesOf({ spec });
    expect(issues).toContainEqual(
      expect.objectContaining({ code: "generator-too-large", path: "/data/sequence" }),
    );
  });
});

describe("randomness and empty charts", () => {
  it("refuses random() and now() in expressions and the sample transform", async () => {
    const random = { ...bar, transform: [{ calculate: "random()", as: "r" }] };
    expect(await issuesOf({ spec: random, rows })).toContainEqual(
      expect.objectContaining({ code: "nondeterministic", path: "/transform/0/calculate" }),
    );
    const now = { ...bar, transform: [{ filter: "now() > 0" }] };
    expect((await issuesOf({ spec: now, rows })).map((i) => i.code)).toContain("nondeterministic");
    const sample = { ...bar, transform: [{ sample: 10 }] };
    expect((await issuesOf({ spec: sample, rows })).map((i) => i.code)).toContain(
      "nondeterministic",
    );
  });

  it("refuses a chart without rows and one whose rows are all filtered out", async () => {
    expect((await issuesOf({ spec: bar, rows: [] })).map((i) => i.code)).toEqual(["no-data"]);
    const none = { ...bar, transform: [{ filter: "datum.value > 100" }] };
    expect((await issuesOf({ spec: none, rows })).map((i) => i.code)).toEqual(["empty-chart"]);
  });

  it("refuses a chart whose value field is missing in every row, preset or not", async () => {
    const allNull = [
      { p: "1998", v: null },
      { p: "1999", v: null },
    ];
    const raw = {
      mark: "line",
      encoding: { x: { field: "p", type: "ordinal" }, y: { field: "v", type: "quantitative" } },
    };
    expect(await issuesOf({ spec: raw, rows: allNull })).toEqual([
      expect.objectContaining({ code: "empty-chart", path: "/encoding/y/field" }),
    ]);
    expect((await issuesOf(lineChart(allNull, { x: "p", y: "v" }))).map((i) => i.code)).toContain(
      "empty-chart",
    );
  });

  it("refuses rows that are not objects of plain values", async () => {
    const issues = await issuesOf({
      spec: bar,
      rows: [1, { period: "1998", value: 3.9, x: { a: 1 } }] as never,
    });
    expect(issues.map((i) => i.path)).toEqual(["rows/0", "rows/1/x"]);
  });
});

describe("bad options and themes", () => {
  it("refuses an invalid theme override, naming its path", async () => {
    const issues = await issuesOf(
      { spec: bar, rows },
      { theme: { palette: { categorical: ["red", "#000"] } } },
    );
    expect(issues).toEqual([
      expect.objectContaining({ code: "invalid-theme", path: "/palette/categorical/0" }),
    ]);
  });

  it("refuses unknown and out-of-range render options", async () => {
    expect(
      (await issuesOf({ spec: bar, rows }, { png: { density: 100 } })).map((i) => i.code),
    ).toEqual(["invalid-options"]);
    expect((await issuesOf({ spec: bar, rows }, { colour: "red" })).map((i) => i.code)).toEqual([
      "invalid-options",
    ]);
  });

  it("refuses a missing font file", async () => {
    const issues = await issuesOf(
      { spec: bar, rows },
      {
        theme: {
          font: { faces: [{ path: "/nonexistent/font.ttf", weight: 400, style: "normal" }] },
        },
      },
    );
    expect(issues.map((i) => i.code)).toEqual(["font-file"]);
  });

  it("checkChart reports without rendering", () => {
    expect(checkChart({ spec: bar, rows })).toEqual([]);
    expect(
      checkChart({ spec: { ...bar, data: { url: "x.csv" } }, rows }).map((i) => i.code),
    ).toEqual(["data-url"]);
  });
});

describe("rasterize refuses", () => {
  it("an SVG with an <image>, which resvg would read from disk", () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="/etc/passwd" width="10" height="10"/></svg>';
    expect(catchIssues(() => rasterize(svg)).map((i) => i.code)).toEqual(["svg-image"]);
  });

  it("a PNG over the pixel cap, before allocating it", () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="20000" height="20000"><rect width="5" height="5"/></svg>';
    expect(catchIssues(() => rasterize(svg, { density: 1 })).map((i) => i.code)).toEqual([
      "png-too-large",
    ]);
  });

  it("input that is not an SVG with a size", () => {
    expect(catchIssues(() => rasterize("<html></html>")).map((i) => i.code)).toEqual([
      "invalid-svg",
    ]);
  });
});
