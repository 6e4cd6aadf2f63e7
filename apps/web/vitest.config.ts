import { defineConfig } from "vitest/config";

// Unit tests (beside the code) need no services; integration tests (*.int.test.ts) use the real Postgres. e2e tests run the production build (`next start`) and the
// worker against the real Postgres and Redis; turbo builds before it tests. They share one stack, started
// once by e2e/global-setup.ts, and run one file at a time so their count deltas don't interleave.
export default defineConfig({
  test: {
    reporters: ["default", "json"],
    outputFile: { json: "test-artifacts/vitest.json" },
    projects: [
      {
        // tsconfig keeps JSX for Next ("preserve"); the unit tests that render components need it compiled.
        oxc: { jsx: { runtime: "automatic" } },
        test: {
          name: "web:unit",
          include: ["*.test.ts", "app/**/*.test.ts", "lib/**/*.test.ts", "components/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "**/node_modules/**"],
        },
      },
      {
        // Library code against the real Postgres, each file in a database of its own; no server or worker.
        test: { name: "web:integration", include: ["lib/**/*.int.test.ts"], testTimeout: 60_000, hookTimeout: 60_000 },
      },
      {
        test: {
          name: "web:e2e",
          include: ["e2e/**/*.test.ts"],
          globalSetup: ["e2e/global-setup.ts"],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
