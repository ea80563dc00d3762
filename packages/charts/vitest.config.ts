import { defineProject } from "vitest/config";

export default defineProject({
  resolve: { conditions: ["@briefkit/source"] },
  ssr: { resolve: { conditions: ["@briefkit/source"] } },
  test: {
    include: ["test/**/*.test.ts"],
    // Rendering and rasterizing real charts, and the one-off compile of the
    // Vega-Lite schema (1–3 s, more on a loaded 2-core machine), outlast the
    // 5 s default when test files run in parallel.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
