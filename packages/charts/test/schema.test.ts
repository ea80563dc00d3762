/**
 * Preset specs skip the run-time schema check (it costs a one-off 1–3 s
 * compile), so here every preset output is checked against the Vega-Lite
 * schema as a template spec would be.
 */
import { describe, expect, it } from "vitest";
import { essayCharts } from "../examples/essay.js";
import { checkChart } from "../src/index.js";

describe("preset specs are valid Vega-Lite", () => {
  for (const [name, build] of Object.entries(essayCharts)) {
    it(name, () => {
      const input = build();
      expect(checkChart({ ...input, origin: "template" })).toEqual([]);
    });
  }
});
