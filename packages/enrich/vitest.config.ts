import { defineConfig } from "vitest/config";

// The enricher is pure: its tests need no services. test-fixtures/ checks the real-report fixtures themselves.
export default defineConfig({
  test: {
    name: "enrich",
    include: ["src/**/*.test.ts", "test-fixtures/**/*.test.ts"],
    reporters: ["default", "json"],
    outputFile: { json: "test-artifacts/vitest.json" },
  },
});
