/**
 * Rendered charts kept between compose calls, by content: a document
 * composed through the cache is the one composed without it, and a dataset
 * with one table changed re-renders only the charts of that table.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadDataset } from "@briefkit/data";
import { describe, expect, it } from "vitest";
import { compose, createComposeCache } from "../src/index.js";
import { root, templateDir } from "./harness.js";

async function dataset(dir: string) {
  const loaded = await loadDataset(dir);
  if (!loaded.ok) throw new Error("the example dataset must load");
  return loaded.dataset;
}

describe("the chart cache", () => {
  it("gives the documents composing without it gives, and re-renders only changed charts", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "briefkit-chart-cache-"));
    cpSync(join(root, "data/russia-japan/2005"), dataDir, { recursive: true });
    try {
      const cache = createComposeCache();
      const before = await dataset(dataDir);
      const plain = await compose({ templateDir, dataset: before, audience: "full" });
      const cached = await compose({ templateDir, dataset: before, audience: "full", cache });
      expect(plain.ok && cached.ok).toBe(true);
      if (!plain.ok || !cached.ok) return;
      expect(cached.document).toEqual(plain.document);
      const figures = plain.document.blocks.filter((b) => b.type === "figure").length;
      expect(figures).toBeGreaterThan(1);
      const kept = [...cache.charts.entries.values()];
      expect(kept.length).toBe(figures);

      // The same content again, as a new dataset object: every chart from the cache.
      const again = await compose({
        templateDir,
        dataset: await dataset(dataDir),
        audience: "full",
        cache,
      });
      expect(again.ok && again.document).toEqual(plain.document);
      expect([...cache.charts.entries.values()]).toEqual(kept);

      // One figure of one table changed: its charts alone are rendered anew.
      const csv = join(dataDir, "bilateral-trade.csv");
      writeFileSync(csv, readFileSync(csv, "utf8").replace("2004,5.7,3.1,8.8", "2004,6.7,3.1,9.8"));
      const changed = await dataset(dataDir);
      const after = await compose({ templateDir, dataset: changed, audience: "full", cache });
      const fresh = await compose({ templateDir, dataset: changed, audience: "full" });
      expect(after.ok && fresh.ok).toBe(true);
      if (!after.ok || !fresh.ok) return;
      expect(after.document).toEqual(fresh.document);
      const added = cache.charts.entries.size - kept.length;
      expect(added).toBeGreaterThan(0);
      expect(added).toBeLessThan(figures);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
