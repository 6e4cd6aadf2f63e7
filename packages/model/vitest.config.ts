import { defineConfig } from "vitest/config";

// Unit tests need no services; integration tests (*.int.test.ts) use the real Postgres and Redis; the pack test
// (*.pack.test.ts) builds and packs the package, installs it outside the workspace with npm and uses it (slow).
export default defineConfig({
  test: {
    reporters: ["default", "json"],
    outputFile: { json: "test-artifacts/vitest.json" },
    projects: [
      {
        test: {
          name: "model:unit",
          include: ["src/**/*.test.ts"],
          exclude: ["src/**/*.int.test.ts", "src/**/*.pack.test.ts"],
        },
      },
      {
        test: {
          name: "model:integration",
          include: ["src/**/*.int.test.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      { test: { name: "model:pack", include: ["src/**/*.pack.test.ts"], testTimeout: 180_000, hookTimeout: 300_000 } },
    ],
  },
});
