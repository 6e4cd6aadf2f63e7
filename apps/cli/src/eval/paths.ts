// Where the eval and bench commands find their data, whatever directory pnpm started them from.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, found from this file's location (apps/cli/src/eval/). */
export const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));

/** apps/cli/eval: the dev set and the recorded floors live here, in the repository. */
export const cliEvalDir = resolve(repoRoot, "apps/cli/eval");

/**
 * The read-only shared folder (gold labels, UCDP sample, seed articles). CI clones the repository with shared/
 * beside it; SHARED_DIR overrides, relative to where the user typed the command.
 */
export function sharedDir(): string {
  const override = process.env.SHARED_DIR;
  if (override) return resolve(process.env.INIT_CWD ?? process.cwd(), override);
  return resolve(repoRoot, "../shared");
}
