import { defineProject } from "vitest/config";

export default defineProject({
  resolve: { conditions: ["@briefkit/source"] },
  ssr: { resolve: { conditions: ["@briefkit/source"] } },
  test: { include: ["test/**/*.test.ts"] },
});
