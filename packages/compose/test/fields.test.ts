/**
 * Liquid in the text of charts, tables and key-figure boxes: captions,
 * notes, units and labels follow the data ("… in 2004" in the 2005
 * edition), the figures they print are listed in "About the figures", and
 * a problem is an error at the field's key. Titles stay plain text.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
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

/** A template whose one section places a table and a key-figures box; `extra` is YAML appended. */
function template(extra: string, title = "Mini"): string {
  const dir = mkdtempSync(join(tmpdir(), "briefkit-fields-"));
  dirs.push(dir);
  const files: Record<string, string> = {
    "template.yaml": `id: mini
title: ${title}
indicators:
  - id: trade
    function: value
    input: { table: bilateral-trade, measure: total }
    period: latest
    format: { style: currency, decimals: 1, scale: billion }
sections:
  main: { file: sections/main.md }
audiences:
  full: { label: Full, sections: [main], aboutFigures: true }
${extra}`,
    "sections/main.md": "# Main\n\nText.\n\n::table{ref=trade}\n\n::keyfigures{ref=head}\n",
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const TABLE = `tables:
  trade:
    table: bilateral-trade
    caption: "Russia–Japan trade to {{ ind.trade.period }}"
    columns:
      - { field: year, label: Year }
      - { field: total, label: "Total ({{ edition | minus: 1 }} at {{ ind.trade }})" }
    notes: ["The latest full year is {{ ind.trade.period }}."]
`;
const BOX = `keyFigures:
  head:
    title: "Key figures, {{ ind.trade.period }}"
    items:
      - { indicator: trade, label: "Trade in {{ ind.trade.period }}" }
`;

/** The newest full year of Table 1, as the data has it. */
function latestFullYear(): string {
  return dataset
    .table("bilateral-trade")
    .series("total")
    .points.filter((p) => !p.period.partial)
    .at(-1)!.period.token;
}

/** All the text of the document, in order. */
function text(x: unknown): string {
  if (Array.isArray(x)) return x.map(text).join(" ");
  if (x === null || typeof x !== "object") return "";
  const o = x as Record<string, unknown>;
  if (o.type === "text" && typeof o.value === "string") return o.value;
  if (o.type === "number" && typeof o.text === "string") return o.text;
  return Object.values(o).map(text).join(" ");
}

describe("text fields of tables, charts and key figures", () => {
  it("render Liquid with the figures of the edition", async () => {
    const r = await compose({
      templateDir: template(TABLE + BOX),
      dataset,
      audience: "full",
      figures: false,
    });
    expect(r.ok, JSON.stringify(r.issues)).toBe(true);
    if (!r.ok) return;
    const latest = dataset
      .table("bilateral-trade")
      .series("total")
      .points.filter((p) => !p.period.partial)
      .at(-1)!;
    const year = latest.period.token;
    const all = text(r.document.blocks);
    expect(all).toContain(`Russia–Japan trade to ${year}`);
    expect(all).toContain(`Total (2004 at US$${latest.value!.toFixed(1)} billion)`);
    expect(all).toContain(`The latest full year is ${year}.`);
    expect(JSON.stringify(r.document.blocks)).toContain(`"Key figures, ${year}"`);
    expect(all).toContain(`Trade in ${year}`);
    expect(all).not.toContain("{{");
    // The figure printed in a column label is listed with its source.
    const about = r.document.blocks.findIndex((b) => text(b).includes("About the figures"));
    expect(about).toBeGreaterThan(0);
    expect(text(r.document.blocks.slice(about))).toContain("indicator trade");
  });

  it("render a chart's caption, title and notes", async () => {
    const dir = template(
      `${TABLE}${BOX}charts:
  trend:
    preset: line
    table: bilateral-trade
    x: year
    measures: [total]
    to: latest
    title: "Trade to {{ ind.trade.period }}"
    caption: "Russia–Japan trade, full years to {{ ind.trade.period }}"
    notes: ["{{ ind.trade.period }} is the latest full year."]
`,
    );
    writeFileSync(join(dir, "sections/main.md"), "# Main\n\n::figure{ref=trend}\n");
    const r = await compose({ templateDir: dir, dataset, audience: "full" });
    expect(r.ok, JSON.stringify(r.issues)).toBe(true);
    if (!r.ok) return;
    const year = latestFullYear();
    const fig = r.document.blocks.find((b) => b.type === "figure");
    expect(fig).toBeDefined();
    expect(text(fig)).toContain(`Russia–Japan trade, full years to ${year}`);
    expect(text(fig)).toContain(`${year} is the latest full year.`);
    // The chart draws its title: in the SVG, and in Word's chart data.
    expect(JSON.stringify(fig)).toContain(`Trade to ${year}`);
    expect(JSON.stringify(fig)).not.toContain("{{");
  });

  it("report a problem at the field's key", async () => {
    const bad = TABLE.replace(
      'caption: "Russia–Japan trade to {{ ind.trade.period }}"',
      'caption: "Trade to {{ ind.trad.period }}"',
    );
    const dir = template(bad + BOX);
    const r = await compose({ templateDir: dir, dataset, audience: "full", figures: false });
    expect(r.ok).toBe(false);
    const e = r.issues.find((i) => i.severity === "error")!;
    expect(`${e.file.slice(dir.length + 1)}:${e.line}:${e.column}`).toBe("template.yaml:16:5");
    expect(e.code).toBe("liquid-render");
    expect(e.message).toContain("caption: undefined variable: ind.trad");
    expect(e.hint).toBe('did you mean "trade"?');
  });

  it("refuse Liquid in a title, at its key", async () => {
    const dir = template(TABLE + BOX, '"Mini {{ edition }}"');
    const r = await compose({ templateDir: dir, dataset, audience: "full", figures: false });
    expect(r.ok).toBe(false);
    const e = r.issues.find((i) => i.severity === "error")!;
    expect(`${e.file.slice(dir.length + 1)}:${e.line}:${e.column}`).toBe("template.yaml:2:1");
    expect(e.message).toMatch(/plain text/);
  });
});
