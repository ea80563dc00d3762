/** dataset.yaml: schema and cross-reference problems, each at its YAML node. */
import { describe, expect, test } from "vitest";
import { parseManifest } from "../src/manifest.js";

const base = `id: t
title: T
edition: "2005"
published: 2005-09-08
sources:
  - id: src
    title: S
tables:
  - id: trade
    title: Trade
    file: trade.csv
    source: src
    columns:
      - name: region
        type: category
      - name: year
        type: period
      - name: exports
        type: number
        unit: USD
        scale: million
facts:
  - id: stock
    label: Stock
    value: 82
    unit: USD
    source: src
`;

/** Codes and positions of a manifest's issues, as `code line:column`. */
function problems(text: string): string[] {
  return parseManifest(text, "/d/dataset.yaml").issues.map(
    (i) => `${i.code} ${i.line}:${i.column}`,
  );
}

function messages(text: string): string[] {
  return parseManifest(text, "/d/dataset.yaml").issues.map((i) => `${i.message} ${i.hint ?? ""}`);
}

describe("parseManifest", () => {
  test("the base manifest is valid; YAML 1.2 reads an unquoted date as text", () => {
    const r = parseManifest(base, "/d/dataset.yaml");
    expect(r.issues).toEqual([]);
    expect(r.manifest?.published).toBe("2005-09-08");
    // Defaults are applied.
    expect(r.manifest?.tables[0]?.frequency).toBe("annual");
    expect(r.manifest?.tables[0]?.columns[0]?.required).toBe(true);
    expect(r.manifest?.facts[0]?.qualifier).toBe("exact");
  });

  test("an enum typo points at the value and suggests the option", () => {
    const text = base.replace("scale: million", "scale: millions");
    expect(problems(text)).toEqual(["manifest-schema 21:16"]);
    expect(messages(text)[0]).toContain('"millions"');
    expect(messages(text)[0]).toContain('did you mean "million"');
  });

  test("YAML 1.2 core schema: `yes` is not a boolean", () => {
    const text = base.replace(
      "        type: period\n",
      "        type: period\n        required: yes\n",
    );
    expect(problems(text)).toEqual(["manifest-schema 18:19"]);
    expect(messages(text)[0]).toContain("expected boolean");
    expect(messages(text)[0]).toContain('"yes"');
  });

  test("an unquoted edition is a number: the hint says to quote it", () => {
    const text = base.replace('edition: "2005"', "edition: 2005");
    expect(problems(text)).toEqual(["manifest-schema 3:10"]);
    expect(messages(text)[0]).toContain('edition: "2005"');
  });

  test("a missing key is reported at its mapping", () => {
    const text = base.replace("    title: S\n", "");
    expect(problems(text)).toEqual(["manifest-schema 6:5"]);
    expect(messages(text)[0]).toContain('"title"');
  });

  test("a fact needs exactly one of value and range; a range is ordered", () => {
    expect(problems(base.replace("    value: 82\n", "    value: 82\n    range: [1, 2]\n"))).toEqual(
      ["manifest-schema 23:5"],
    );
    expect(problems(base.replace("    value: 82\n", "    range: [3, 2]\n"))).toEqual([
      "manifest-schema 25:12",
    ]);
  });

  test("a __proto__ key is an unknown key, not a prototype", () => {
    const text = base.replace("title: T\n", "title: T\n__proto__: { polluted: true }\n");
    expect(problems(text)).toEqual(["manifest-unknown-key 3:1"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test("source urls are http(s) only", () => {
    const text = base.replace("    title: S\n", "    title: S\n    url: javascript:alert(1)\n");
    expect(problems(text)).toEqual(["manifest-schema 8:10"]);
  });

  test("ids are unique per kind, and references resolve", () => {
    const text = `${base.replace("source: src\n    columns", "source: srx\n    columns")}  - id: stock
    label: Again
    value: 1
    unit: USD
    source: src
`;
    expect(problems(text)).toEqual(["duplicate-id 28:9", "unknown-source 12:13"]);
    expect(messages(text)[0]).toContain("line 23");
  });

  test("key, totals and delimiter references are checked", () => {
    const text = base.replace(
      "    columns:\n",
      `    delimiter: ";"
    key: [region, yaer]
    totals:
      - { kind: columns, total: exports, parts: [region] }
      - { kind: rows, dimension: exports, total: Total, measures: [exports] }
    columns:
`,
    );
    expect(problems(text)).toEqual([
      "bad-reference 14:19",
      "bad-reference 16:50",
      "bad-reference 17:34",
    ]);
    expect(problems(text.replace("trade.csv", "trade.json"))).toContain("bad-reference 13:5");
  });

  test("a rows total's dimension must be part of the key", () => {
    const text = base.replace(
      "    columns:\n",
      "    key: [year]\n    totals:\n      - { kind: rows, dimension: region, total: Total, measures: [exports] }\n    columns:\n",
    );
    expect(problems(text)).toEqual(["bad-reference 15:34"]);
  });

  test("period columns and table periods do not conflict", () => {
    expect(
      problems(base.replace("    file: trade.csv\n", '    file: trade.csv\n    period: "2004"\n')),
    ).toEqual(["conflicting-period 12:5"]);
    expect(problems(base.replace("        type: category\n", "        type: period\n"))).toEqual([
      "conflicting-period 17:15",
    ]);
  });

  test("a period column cannot allow missing values", () => {
    const text = base.replace(
      "        type: period\n",
      "        type: period\n        required: false\n",
    );
    expect(problems(text)).toEqual(["conflicting-period 18:9"]);
  });

  test("a fact's period is a token or an ISO date", () => {
    expect(
      problems(base.replace("    value: 82\n", '    value: 82\n    period: "2003-06-12"\n')),
    ).toEqual([]);
    const text = base.replace("    value: 82\n", "    value: 82\n    period: 20005\n");
    expect(problems(text)).toEqual(["bad-period 26:13"]);
    expect(messages(text)[0]).toContain("did you mean 2005?");
  });

  test("a file of unknown format (an old .xls workbook)", () => {
    expect(problems(base.replace("trade.csv", "trade.xls"))).toEqual(["unknown-format 11:11"]);
  });
});
