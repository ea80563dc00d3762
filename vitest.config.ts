import { defineConfig } from "vitest/config";

// One run over every package: `pnpm test` is what the README and CI call. The
// JSON report is what .ci/run counts for its "N passed, N failed" line.
export default defineConfig({
  test: {
    projects: ["packages/*"],
    reporters: ["default", "json"],
    outputFile: { json: ".vitest-report.json" },
  },
});
