/**
 * Misspelt column names: a header and a declaration one typo apart are one
 * problem, told once at the header; a column named in totals that is not
 * declared gets the nearest declared name.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadDataset } from "../src/index.js";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function dataset(columns: string, totals: string, csv: string): string {
  const dir = mkdtempSync(join(tmpdir(), "briefkit-hints-"));
  dirs.push(dir);
  writeFileSync(
    join(dir, "dataset.yaml"),
    `id: t
title: T
edition: "2026"
published: "2026-01-01"
sources: [{ id: s, title: S }]
tables:
  - id: x
    title: X
    file: x.csv
    source: s
    columns:
${columns}${totals}`,
  );
  writeFileSync(join(dir, "x.csv"), csv);
  return dir;
}

const COLUMNS = `      - { name: year, type: period }
      - { name: renewabel, type: number, unit: GWh }
      - { name: total, type: number, unit: GWh }
`;

describe("misspelt column names", () => {
  it("a header and a declaration one typo apart: one error, at the header", async () => {
    const r = await loadDataset(dataset(COLUMNS, "", "year,renewable,total\n2024,1,2\n"));
    const errors = r.issues.filter((i) => i.severity === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: "unknown-column", line: 1, column: 6 });
    expect(errors[0]!.message).toBe(
      'the file\'s column "renewable" matches no declared column, and dataset.yaml declares "renewabel", which the file lacks',
    );
  });

  it("a column in totals that is not declared gets the nearest declared name", async () => {
    const r = await loadDataset(
      dataset(
        COLUMNS,
        "    totals:\n      - { kind: columns, total: total, parts: [renewable] }\n",
        "year,renewabel,total\n2024,1,1\n",
      ),
    );
    const e = r.issues.find((i) => i.severity === "error");
    expect(e?.message).toContain('names column "renewable", which is not declared');
    expect(e?.hint).toBe('did you mean "renewabel"?');
  });
});
