import { defineProject } from "vitest/config";

/**
 * One package's vitest project: the sources through the `@briefkit/source`
 * export condition (no build step), the tests under `test/`. A package whose
 * tests render charts or run real readers gives longer timeouts.
 */
export function briefkitProject(timeouts: { testTimeout?: number; hookTimeout?: number } = {}) {
  return defineProject({
    resolve: { conditions: ["@briefkit/source"] },
    ssr: { resolve: { conditions: ["@briefkit/source"] } },
    test: { include: ["test/**/*.test.ts"], ...timeouts },
  });
}
