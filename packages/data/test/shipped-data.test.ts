/**
 * Every dataset shipped under data/<topic>/<edition>/ loads without errors
 * (warnings, such as the essay's rounding in totals, are allowed).
 */
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { expect, test } from "vitest";
import { formatIssue, loadDataset } from "../src/index.js";

const dataRoot = resolve(import.meta.dirname, "../../../data");
const editions = existsSync(dataRoot)
  ? readdirSync(dataRoot, { withFileTypes: true })
      .filter((t) => t.isDirectory())
      .flatMap((t) =>
        readdirSync(join(dataRoot, t.name), { withFileTypes: true })
          .filter(
            (e) => e.isDirectory() && existsSync(join(dataRoot, t.name, e.name, "dataset.yaml")),
          )
          .map((e) => `${t.name}/${e.name}`),
      )
  : [];

test.skipIf(editions.length === 0).each(editions)(
  "data/%s loads without errors",
  async (edition) => {
    const result = await loadDataset(join(dataRoot, edition));
    const errors = result.issues
      .filter((i) => i.severity === "error")
      .map((i) => formatIssue(i, dataRoot));
    expect(errors).toEqual([]);
    expect(result.ok).toBe(true);
  },
);
