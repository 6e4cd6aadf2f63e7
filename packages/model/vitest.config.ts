import { defineConfig } from "vitest/config";

// Unit tests need no services; integration tests (*.int.test.ts) use the real Postgres and Redis.
export default defineConfig({
  test: {
    reporters: ["default", "json"],
    outputFile: { json: "test-artifacts/vitest.json" },
    projects: [
      { test: { name: "model:unit", include: ["src/**/*.test.ts"], exclude: ["src/**/*.int.test.ts"] } },
      { test: { name: "model:integration", include: ["src/**/*.int.test.ts"], testTimeout: 30_000, hookTimeout: 60_000 } },
    ],
  },
});
