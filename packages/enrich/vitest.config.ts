import { defineConfig } from "vitest/config";

// The enricher is pure: its tests need no services.
export default defineConfig({
  test: {
    name: "enrich",
    include: ["src/**/*.test.ts"],
    reporters: ["default", "json"],
    outputFile: { json: "test-artifacts/vitest.json" },
  },
});
