import { defineConfig } from "vitest/config";

// Three layers, one runner: pure lib units, convex-test integration, browser e2e.
export default defineConfig({
  test: {
    // Two files at a time (vitest's default is cores - 1, one on the 2-core CI machine): e2e files still run one
    // after another (their project sets fileParallelism: false), beside unit and integration files.
    maxWorkers: 2,
    server: { deps: { inline: ["convex-test", "@convex-dev/workflow", "@convex-dev/workpool"] } },
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        test: { name: "integration", include: ["tests/integration/**/*.test.ts"], environment: "node", testTimeout: 60_000 },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
