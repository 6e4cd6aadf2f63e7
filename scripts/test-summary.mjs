// Sums the vitest JSON reports of every package into one closing line: "Tests: N passed, N failed, N skipped".
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
let passed = 0;
let failed = 0;
let skipped = 0;
for (const group of ["apps", "packages"]) {
  for (const name of readdirSync(join(root, group))) {
    const report = join(root, group, name, "test-artifacts", "vitest.json");
    if (!existsSync(report)) continue;
    const r = JSON.parse(readFileSync(report, "utf8"));
    passed += r.numPassedTests ?? 0;
    failed += r.numFailedTests ?? 0;
    skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  }
}
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
