import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "cli",
    include: ["src/**/*.test.ts"],
    testTimeout: 30_000,
    reporters: ["default", "json"],
    outputFile: { json: "test-artifacts/vitest.json" },
  },
});
