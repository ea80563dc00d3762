import { defineProject } from "vitest/config";

export default defineProject({
  resolve: { conditions: ["@briefkit/source"] },
  ssr: { resolve: { conditions: ["@briefkit/source"] } },
  // End-to-end builds and real readers (LibreOffice, Chromium) take seconds, not milliseconds.
  test: { include: ["test/**/*.test.ts"], testTimeout: 120_000, hookTimeout: 300_000 },
});
