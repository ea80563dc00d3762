import { defineProject } from "vitest/config";

export default defineProject({
  resolve: { conditions: ["@briefkit/source"] },
  ssr: { resolve: { conditions: ["@briefkit/source"] } },
  test: {
    include: ["test/**/*.test.ts"],
    // A cold first write parses and deflates ~2 MB of fonts and lays pages out;
    // LibreOffice conversions take seconds each on a shared machine.
    testTimeout: 60_000,
    hookTimeout: 240_000,
  },
});
