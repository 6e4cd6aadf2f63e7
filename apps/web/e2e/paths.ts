// Where the e2e harness finds things, resolved from this file so the tests run from any working directory.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const webDir = fileURLToPath(new URL("..", import.meta.url));
export const repoRoot = resolve(webDir, "../..");
export const workerDir = resolve(repoRoot, "apps/worker");
export const artifactsDir = resolve(webDir, "test-artifacts");

/** The shared read-only material (seed corpus etc.): $SHARED_DIR, else ../shared beside the repository. */
export function sharedDir(): string {
  const dir = process.env.SHARED_DIR ? resolve(process.env.SHARED_DIR) : resolve(repoRoot, "../shared");
  if (!existsSync(dir)) throw new Error(`shared material not found at ${dir}; set SHARED_DIR`);
  return dir;
}
