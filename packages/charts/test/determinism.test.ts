/**
 * Same input → byte-identical SVG and PNG: across repeated renders, across
 * concurrent renders (vega's global id counters and the text-metrics hook),
 * and across time zones (temporal encodings are pinned to UTC).
 */
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { houseFontFile } from "@briefkit/fonts";
import { describe, expect, it } from "vitest";
import { essayCharts } from "../examples/essay.js";
import { renderChart } from "../src/index.js";
import { sha256 } from "./svg-helpers.js";

const here = dirname(fileURLToPath(import.meta.url));

const temporal = {
  spec: {
    mark: "line",
    encoding: {
      x: { field: "date", type: "temporal", timeUnit: "yearmonth" },
      y: { field: "value", type: "quantitative" },
    },
  },
  rows: [
    { date: "2004-12-31T23:30:00Z", value: 1 },
    { date: "2005-01-01T00:30:00Z", value: 2 },
    { date: "2005-06-30T12:00:00Z", value: 3 },
  ],
};

describe("determinism", () => {
  it("renders every essay chart twice to identical SVG and PNG bytes", async () => {
    for (const [name, build] of Object.entries(essayCharts)) {
      const a = await renderChart(build(), { png: true });
      const b = await renderChart(build(), { png: true });
      expect(sha256(b.svg), name).toBe(sha256(a.svg));
      expect(sha256(b.png!.png), name).toBe(sha256(a.png!.png));
      expect(b.alt).toBe(a.alt);
    }
  });

  it("gives the same bytes when charts render concurrently, in any order", async () => {
    const names = Object.keys(essayCharts);
    const sequential = new Map<string, string>();
    for (const name of names)
      sequential.set(name, sha256((await renderChart(essayCharts[name]!())).svg));
    const concurrent = await Promise.all(
      [...names]
        .reverse()
        .map(
          async (name) => [name, sha256((await renderChart(essayCharts[name]!())).svg)] as const,
        ),
    );
    for (const [name, hash] of concurrent) expect(hash, name).toBe(sequential.get(name));
  });

  it("keeps each render's fonts apart when themes render concurrently", async () => {
    const theme = {
      font: {
        family: "Source Serif 4",
        faces: [
          {
            path: houseFontFile("serif", "400Regular"),
            weight: 400,
            style: "normal" as const,
          },
        ],
      },
    };
    const sans = () => renderChart(essayCharts["regions-2003"]!());
    const serifChart = () => renderChart(essayCharts["regions-2003"]!(), { theme });
    const alone = [sha256((await sans()).svg), sha256((await serifChart()).svg)];
    expect(alone[0]).not.toBe(alone[1]);
    const together = await Promise.all([sans(), serifChart(), sans(), serifChart()]);
    expect(together.map((c) => sha256(c.svg))).toEqual([...alone, ...alone]);
    expect(together[1]!.svg).toContain('font-family="Source Serif 4"');
  });

  it("numbers clip paths and gradients from zero in every render", async () => {
    const a = await renderChart(essayCharts["regions-small-multiples"]!());
    const ids = [...a.svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.every((id, i) => id === `b${i}`)).toBe(true);
  });

  it("renders temporal data the same in any time zone", () => {
    const script = join(here, "tz-probe.ts");
    const run = (tz: string) =>
      execFileSync(process.execPath, ["--conditions=@briefkit/source", "--import", "tsx", script], {
        env: { ...process.env, TZ: tz },
        input: JSON.stringify(temporal),
        encoding: "utf8",
      }).trim();
    const utc = run("UTC");
    // In UTC the first point falls in December 2004; a local-time chart in
    // Tokyo would move it to January 2005 and lose that axis label.
    expect(utc).toMatch(/^[0-9a-f]{64} Dec 2004\|Jan 2005\|/);
    expect(run("Asia/Tokyo")).toBe(utc);
  }, 60_000);
});
