import { defineProject } from "vitest/config";

export default defineProject({
  resolve: { conditions: ["@briefkit/source"] },
  ssr: { resolve: { conditions: ["@briefkit/source"] } },
  // Writing a PDF takes a few hundred ms, more while other suites run in parallel.
  test: { include: ["test/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 60_000 },
});
