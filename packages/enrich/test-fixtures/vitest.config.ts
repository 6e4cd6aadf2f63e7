import { defineConfig } from "vitest/config";

// The package's vitest.config.ts only includes src/**; this config runs the fixture check on its own:
//   cd packages/enrich && pnpm exec vitest run --config test-fixtures/vitest.config.ts
export default defineConfig({
  test: {
    name: "enrich-fixtures",
    root: new URL("..", import.meta.url).pathname,
    include: ["test-fixtures/**/*.test.ts"],
  },
});
