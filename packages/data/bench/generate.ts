/**
 * Writes a synthetic dataset for benchmarks: 200 regions × 50 years × 10
 * series = 100,000 observations, either wide (one row per region and year,
 * ten number columns, the tenth declared as the total of the other nine) or
 * long (one row per observation). Values are integers so totals add exactly.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const regions = 200;
export const years = 50;
export const seriesCount = 10;

export function generateDataset(dir: string, layout: "wide" | "long"): string {
  mkdirSync(dir, { recursive: true });
  const names = Array.from({ length: seriesCount }, (_, i) => `s${i + 1}`);
  const lines: string[] = [];
  const value = (r: number, y: number, s: number) => ((r * 7919 + y * 104729 + s * 31) % 1000) + 1;
  if (layout === "wide") {
    lines.push(["region", "year", ...names].join(","));
    for (let r = 0; r < regions; r++) {
      for (let y = 0; y < years; y++) {
        const parts = names.slice(0, -1).map((_, s) => value(r, y, s));
        const total = parts.reduce((a, b) => a + b, 0);
        lines.push([`Region ${r + 1}`, 1960 + y, ...parts, total].join(","));
      }
    }
  } else {
    lines.push("region,year,series,value");
    for (let r = 0; r < regions; r++) {
      for (let y = 0; y < years; y++) {
        for (let s = 0; s < seriesCount; s++)
          lines.push(`Region ${r + 1},${1960 + y},${names[s]},${value(r, y, s)}.5`);
      }
    }
  }
  writeFileSync(join(dir, "big.csv"), `${lines.join("\n")}\n`);
  const columns =
    layout === "wide"
      ? names
          .map((n) => `      - { name: ${n}, type: number, unit: USD, scale: million, min: 0 }`)
          .join("\n")
      : [
          "      - { name: series, type: category }",
          "      - { name: value, type: number, unit: USD, scale: million, min: 0 }",
        ].join("\n");
  const totals =
    layout === "wide"
      ? `    totals:\n      - { kind: columns, total: s10, parts: [${names.slice(0, -1).join(", ")}] }\n`
      : "";
  writeFileSync(
    join(dir, "dataset.yaml"),
    `id: bench
title: Benchmark (${layout})
edition: "2005"
published: "2005-09-08"
sources:
  - id: synthetic
    title: Generated
tables:
  - id: big
    title: ${regions} regions × ${years} years × ${seriesCount} series
    file: big.csv
    source: synthetic
    columns:
      - { name: region, type: category }
      - { name: year, type: period }
${columns}
${totals}`,
  );
  return dir;
}
