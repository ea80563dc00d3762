/**
 * A synthetic dataset for the indicator benchmarks and the large-table tests:
 * one table `grid` of five columns (entity, group, year, value, other) with
 * ten periods per entity (2000 to 2008, then the part year 2009-H1), so
 * `entities` x 10 rows and `entities` x 50 cells: 20,000 entities make
 * 200,000 rows and 1,000,000 cells.
 *
 * Values are small integers from a formula, so a test can compute any sum,
 * rank or ratio on its own and compare it exactly.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The full years of every entity, then its part year. */
export const GRID_YEARS = [2000, 2001, 2002, 2003, 2004, 2005, 2006, 2007, 2008] as const;
export const GRID_PART_YEAR = "2009-H1";
/** Groups an entity belongs to, by its number modulo 4. */
export const GRID_GROUPS = ["north", "south", "east", "west"] as const;

export const gridEntity = (e: number): string => `Entity ${e}`;
export const gridGroup = (e: number): string => GRID_GROUPS[e % GRID_GROUPS.length] as string;
/** `value` of entity `e` in period number `t` (0 = 2000, 9 = the part year). */
export const gridValue = (e: number, t: number): number => ((e * 7919 + t * 104729) % 1000) + 1;
/** `other` of entity `e` in period number `t`. */
export const gridOther = (e: number, t: number): number => ((e * 31 + t * 17) % 500) + 1;

/** Writes `dataset.yaml` and `grid.csv` for `entities` entities into `dir`; returns `dir`. */
export function generateGrid(dir: string, entities: number): string {
  mkdirSync(dir, { recursive: true });
  const periods = [...GRID_YEARS.map(String), GRID_PART_YEAR];
  const lines = ["entity,group,year,value,other"];
  for (let e = 0; e < entities; e++) {
    periods.forEach((p, t) => {
      lines.push(`${gridEntity(e)},${gridGroup(e)},${p},${gridValue(e, t)},${gridOther(e, t)}`);
    });
  }
  writeFileSync(join(dir, "grid.csv"), `${lines.join("\n")}\n`);
  writeFileSync(
    join(dir, "dataset.yaml"),
    `id: grid
title: Benchmark grid
edition: "2009"
published: "2009-09-01"
sources:
  - id: synthetic
    title: Generated
tables:
  - id: grid
    title: ${entities} entities × ${periods.length} periods
    file: grid.csv
    source: synthetic
    frequency: annual
    columns:
      - { name: entity, type: text }
      - { name: group, type: category, values: [${GRID_GROUPS.join(", ")}] }
      - { name: year, type: period }
      - { name: value, type: number, unit: USD, scale: million, min: 0 }
      - { name: other, type: number, unit: USD, scale: million, min: 0 }
    key: [entity, year]
`,
  );
  return dir;
}

/**
 * One definition of every indicator function over the grid, as YAML. The
 * column-wide ones (sum, rank, and share and coverage built on them) read one
 * series per entity: the shape that grew quadratically with the rows.
 */
export function gridDefinitions(of: number): string {
  const one = `{ table: grid, measure: value, where: { entity: ${gridEntity(of)} } }`;
  const other = `{ table: grid, measure: other, where: { entity: ${gridEntity(of)} } }`;
  return `indicators:
  - { id: value, function: value, input: ${one} }
  - { id: change, function: change, input: ${one}, from: first, to: latest }
  - { id: growth, function: growth, input: ${one} }
  - { id: cagr, function: cagr, input: ${one}, from: first, to: latest }
  - { id: multiple, function: multiple, input: ${one}, from: first, to: latest }
  - { id: index, function: index, input: ${one}, base: first }
  - { id: balance, function: balance, exports: ${one}, imports: ${other} }
  - { id: coverage, function: coverage, exports: ${one}, imports: ${other} }
  - { id: annualise, function: annualise, input: ${one}, method: scale-by-months }
  - { id: rolling-mean, function: rolling-mean, input: ${one}, window: 9 }
  - id: convert
    function: convert
    input: ${one}
    unit: USD
    scale: billion
  - id: sum
    function: sum
    items: { table: grid, measure: value, across: entity }
  - id: sum-both-2008
    function: sum
    items: { table: grid, measure: [value, other], across: entity, where: { year: 2008 } }
  - id: rank
    function: rank
    items: { table: grid, measure: value, across: entity }
    of: ${gridEntity(of)}
  - { id: share, function: share, part: ${one}, total: { indicator: sum } }
  - id: coverage-all
    function: coverage
    exports: { indicator: sum }
    imports: { indicator: sum-both-2008 }
`;
}
