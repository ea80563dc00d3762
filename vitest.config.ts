import { defineConfig } from "vitest/config";

// One run over every package: `pnpm test` is what the README and CI call.
export default defineConfig({
  test: {
    projects: ["packages/*"],
  },
});
