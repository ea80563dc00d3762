/**
 * Does the data fit the template? Every table the template's indicators,
 * charts and tables name must be in the dataset. Checked before anything is
 * evaluated, so one cause gives one message:
 *
 * - when most of the tables it uses are missing, the template was written
 *   for other data: one error, at `topic:`, naming the folder that was
 *   loaded and the `--data` that would fit;
 * - otherwise each use of a missing table is an error at that use, with the
 *   nearest table name, or the loaded folder and its tables.
 */
import { existsSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { type Dataset, nearestName } from "@briefkit/data";
import type { IssueLog } from "./issues.js";
import { composeMessages as msg } from "./messages.js";
import type { At, Declared, NormalizedTemplate } from "./template.js";

interface TableUse {
  table: string;
  /** "indicator trade-growth", "chart trade", "table regions". */
  what: string;
  at: At;
}

/** Paths to every `table:` string inside an indicator definition. */
function tablePaths(
  value: unknown,
  path: Array<string | number> = [],
): Array<Array<string | number>> {
  if (Array.isArray(value)) return value.flatMap((v, i) => tablePaths(v, [...path, i]));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) =>
    k === "table" && typeof v === "string" ? [[...path, k]] : tablePaths(v, [...path, k]),
  );
}

function at(d: Declared<unknown>, path: Array<string | number>): At {
  return { file: d.at.file, ...(d.locate?.(path) ?? d.at) };
}

function uses(t: NormalizedTemplate): TableUse[] {
  const out: TableUse[] = [];
  for (const d of t.indicators) {
    for (const p of tablePaths(d.def)) {
      const table = p.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], d.def);
      out.push({ table: String(table), what: `indicator ${d.id}`, at: at(d, p) });
    }
  }
  for (const d of t.charts.values()) {
    out.push({ table: d.def.table, what: `chart ${d.id}`, at: at(d, ["table"]) });
  }
  for (const d of t.tables.values()) {
    out.push({ table: d.def.table, what: `table ${d.id}`, at: at(d, ["table"]) });
  }
  return out;
}

/** "data/demo/2026": the newest edition folder of a topic, for the hint (undefined if none). */
function newestEdition(cwd: string, topic: string | undefined): string | undefined {
  if (topic === undefined) return undefined;
  const dir = join(cwd, "data", topic);
  if (!existsSync(dir)) return undefined;
  const editions = readdirSync(dir)
    .filter((n) => !n.startsWith(".") && existsSync(join(dir, n, "dataset.yaml")))
    .sort(byEdition.compare);
  const newest = editions.at(-1);
  return newest === undefined ? undefined : relative(cwd, join(dir, newest));
}

const byEdition = new Intl.Collator("en", { numeric: true });

/** Logs the tables the data lacks; false when there is any. */
export function checkDataFit(
  t: NormalizedTemplate,
  dataset: Dataset,
  log: IssueLog,
  cwd: string,
): boolean {
  const known = dataset.tables.map((x) => x.id);
  const all = uses(t);
  const missing = all.filter((u) => !known.includes(u.table));
  if (missing.length === 0) return true;
  const folder = relative(cwd, dataset.dir) || ".";
  const used = new Set(all.map((u) => u.table));
  const absent = [...new Set(missing.map((u) => u.table))];
  const hint = msg.otherData(t.topic, dataset.meta.id, newestEdition(cwd, t.topic));
  if (absent.length >= 2 && absent.length * 2 > used.size) {
    log.error(
      "data-mismatch",
      t.topicAt ?? t.at,
      msg.dataMismatch(folder, dataset.meta.id, dataset.meta.edition, absent, used.size),
      hint,
    );
    return false;
  }
  for (const u of missing) {
    const guess = nearestName(u.table, known);
    log.error(
      "unknown-table",
      u.at,
      msg.unknownDataTable(u.table, u.what, folder, known),
      msg.nearest(guess) ?? hint,
    );
  }
  return false;
}
